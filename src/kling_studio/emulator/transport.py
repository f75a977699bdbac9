"""In-process httpx transport: the ASGI app without a socket, failing like a socket would."""

from __future__ import annotations

import httpx
from starlette.types import ASGIApp

from .errors import ConnectionDroppedError

CLIENT = ("127.0.0.1", 50_000)
"""In-process callers count as loopback clients (the admin surface needs no auth)."""


class EmulatorTransport(httpx.ASGITransport):
    """An ``httpx.ASGITransport`` whose planned dropped connections raise
    ``httpx.RemoteProtocolError``, as a cut TCP connection does with a real server.
    """

    def __init__(self, app: ASGIApp) -> None:
        super().__init__(app=app, raise_app_exceptions=True, client=CLIENT)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        try:
            return await super().handle_async_request(request)
        except ConnectionDroppedError:
            raise httpx.RemoteProtocolError(
                "peer closed connection without sending complete message body",
                request=request,
            ) from None
