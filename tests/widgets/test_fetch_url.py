"""A picture fetched from a URL never blocks the kernel: the handler returns at once, the status
says what is happening, and the picture (or the reason there is none) arrives later."""

from __future__ import annotations

import http.server
import io
import threading
import time
from collections.abc import Iterator

import pytest

from kling_studio import Studio
from kling_studio.samples import landscape


def jpeg() -> bytes:
    buffer = io.BytesIO()
    landscape(640, 360).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


class Held(http.server.BaseHTTPRequestHandler):
    """Serves /photo.jpg once the test releases it; anything else is a 404."""

    release = threading.Event()
    body = jpeg()

    def do_GET(self) -> None:
        if self.path != "/photo.jpg":
            self.send_error(404)
            return
        Held.release.wait(timeout=30)
        self.send_response(200)
        self.send_header("Content-Type", "image/jpeg")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    Held.release.clear()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Held)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    Held.release.set()
    httpd.shutdown()


def wait_until(condition, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_a_slow_url_does_not_hold_the_kernel(server):
    studio = Studio(prompt="a lake")
    try:
        studio._on_message(
            studio, {"type": "fetch-url", "slot": "image", "url": f"{server}/photo.jpg"}, []
        )
        # the handler has returned while the server still holds the picture back
        assert studio.status["phase"] == "uploading" and "fetching" in studio.status["message"]
        assert "image" not in studio.pictures
        Held.release.set()
        wait_until(lambda: "image" in studio.pictures)
        assert (studio.pictures["image"]["width"], studio.pictures["image"]["height"]) == (640, 360)
        wait_until(lambda: studio.status["phase"] == "idle")
    finally:
        studio.close()


def test_a_url_that_fails_says_why(server):
    studio = Studio(prompt="a lake")
    try:
        studio._on_message(
            studio, {"type": "fetch-url", "slot": "tail", "url": f"{server}/missing.jpg"}, []
        )
        wait_until(lambda: studio.status["phase"] == "error")
        assert "404" in studio.status["message"] and "tail" not in studio.pictures
    finally:
        studio.close()
