"""Helpers for the emulator's tests: clients, tokens, test images, a callback receiver."""

from __future__ import annotations

import asyncio
import base64
import io
import json
import threading
import time
import warnings
from collections.abc import Awaitable, Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import jwt
from PIL import Image, ImageDraw

from kling_studio.emulator import Emulator, EmulatorConfig
from kling_studio.emulator.config import DEFAULT_ACCESS_KEY, DEFAULT_API_KEY, DEFAULT_SECRET_KEY

AUTH = {"Authorization": f"Bearer {DEFAULT_API_KEY}"}
FAST = EmulatorConfig(speed=1000.0, queue_seconds=1.0, processing_seconds=2.0)
"""Virtual timings of a few milliseconds: a task ends as soon as its video is written."""


def image_bytes(width: int = 400, height: int = 300, fmt: str = "PNG") -> bytes:
    image = Image.new("RGB", (width, height), (40, 90, 160))
    ImageDraw.Draw(image).ellipse(
        (width // 4, height // 4, 3 * width // 4, 3 * height // 4), fill=(240, 200, 40)
    )
    buffer = io.BytesIO()
    image.save(buffer, fmt)
    return buffer.getvalue()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def image(width: int = 400, height: int = 300, fmt: str = "PNG") -> str:
    """Base64 of a small drawn image."""
    return b64(image_bytes(width, height, fmt))


def token(
    access_key: str = DEFAULT_ACCESS_KEY,
    secret_key: str = DEFAULT_SECRET_KEY,
    *,
    exp: float = 1800,
    nbf: float = -5,
) -> str:
    """An official-style JWT; ``exp``/``nbf`` are offsets from now in seconds."""
    now = int(time.time())
    claims = {"iss": access_key, "exp": now + int(exp), "nbf": now + int(nbf)}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", jwt.InsecureKeyLengthWarning)
        return jwt.encode(claims, secret_key, algorithm="HS256", headers={"typ": "JWT"})


def make_client(emulator: Emulator, headers: dict[str, str] | None = None) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        transport=emulator.transport(),
        base_url=emulator.base_url,
        headers=AUTH if headers is None else headers,
    )


async def wait_for(
    condition: Callable[[], Awaitable[Any]], timeout: float = 20.0, interval: float = 0.01
) -> Any:
    """Poll ``condition`` until it returns something truthy; fail at the deadline."""
    deadline = time.monotonic() + timeout
    while True:
        result = await condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout}s")
        await asyncio.sleep(interval)


async def finished(client: httpx.AsyncClient, path: str, timeout: float = 20.0) -> dict[str, Any]:
    """Poll a task's query path until it is succeed or failed; returns its ``data``."""

    async def done() -> dict[str, Any] | None:
        data: dict[str, Any] = (await client.get(path)).json()["data"]
        return data if data["task_status"] in ("succeed", "failed") else None

    result: dict[str, Any] = await wait_for(done, timeout)
    return result


class Receiver:
    """A loopback HTTP server: records JSON bodies POSTed to it (callbacks) and serves
    ``files`` on GET (image URLs).
    """

    def __init__(self) -> None:
        self.bodies: list[dict[str, Any]] = []
        self.files: dict[str, bytes] = {}
        self.changed = threading.Condition()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", 0))
                body = json.loads(self.rfile.read(length))
                with receiver.changed:
                    receiver.bodies.append(body)
                    receiver.changed.notify_all()
                self.send_response(200)
                self.end_headers()

            def do_GET(self) -> None:
                data = receiver.files.get(self.path)
                self.send_response(200 if data is not None else 404)
                self.send_header("content-length", str(len(data or b"")))
                self.end_headers()
                self.wfile.write(data or b"")

            def log_message(self, *args: object) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.origin = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.url = f"{self.origin}/hook"
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.thread.start()

    def serve(self, path: str, data: bytes) -> str:
        self.files[path] = data
        return self.origin + path

    def wait(self, count: int, timeout: float = 20.0) -> list[dict[str, Any]]:
        with self.changed:
            if not self.changed.wait_for(lambda: len(self.bodies) >= count, timeout):
                raise AssertionError(f"got {len(self.bodies)} callbacks, expected {count}")
            return list(self.bodies)

    def wait_for(
        self, condition: Callable[[list[dict[str, Any]]], bool], timeout: float = 60.0
    ) -> list[dict[str, Any]]:
        """The callbacks received once ``condition`` holds for them."""
        with self.changed:
            if not self.changed.wait_for(lambda: condition(self.bodies), timeout):
                raise AssertionError(f"callbacks so far do not meet the condition: {self.bodies}")
            return list(self.bodies)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
