"""The emulator behind a real socket: blocking ``serve``, a background thread for tests, and
the ``python -m kling_studio.emulator`` command line.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Callable
from typing import Final

import uvicorn
from starlette.types import ASGIApp, Receive, Scope, Send

from .errors import ConnectionDroppedError

log = logging.getLogger(__name__)

DEFAULT_HOST: Final = "127.0.0.1"
DEFAULT_PORT: Final = 8765
START_TIMEOUT: Final = 10.0


class CutOnDrop:
    """Turns a planned drop into an unfinished response, which uvicorn answers by closing the
    connection: the client sees a body cut short, as with a crashed proxy.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await self.app(scope, receive, send)
        except ConnectionDroppedError:
            return


def _config(app: ASGIApp) -> uvicorn.Config:
    return uvicorn.Config(
        CutOnDrop(app),
        log_config=None,
        access_log=False,
        lifespan="off",
        timeout_graceful_shutdown=2,
    )


def bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    return sock


def url_of(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def serve(
    app: ASGIApp,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    announce: Callable[[str], None] | None = None,
) -> None:
    """Serve until interrupted (Ctrl-C). ``announce`` gets the URL once the socket listens
    (connections wait in its backlog until uvicorn accepts them), so it is never early."""
    sock = bind(host, port)
    sock.listen()
    url = url_of(sock)
    log.info("Kling emulator listening on %s", url)
    if announce is not None:
        announce(url)
    uvicorn.Server(_config(app)).run(sockets=[sock])


class ServerThread:
    """A uvicorn server on its own thread and loop; ``port=0`` picks a free port."""

    def __init__(self, app: ASGIApp, host: str = DEFAULT_HOST, port: int = 0) -> None:
        self._sock = bind(host, port)
        self.url = url_of(self._sock)
        self._server = uvicorn.Server(_config(app))
        self._thread = threading.Thread(
            target=self._server.run,
            kwargs={"sockets": [self._sock]},
            name="kling-emulator-server",
            daemon=True,
        )

    def start(self) -> str:
        self._thread.start()
        deadline = time.monotonic() + START_TIMEOUT
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the emulator server did not start")
            time.sleep(0.01)
        return self.url

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(START_TIMEOUT)
        self._sock.close()
