"""A picture fetched from a URL never blocks the kernel: the request's handler returns at once,
the status says what is happening, and the reply — the picture's slot and size, or the URL's
problem naming the field — arrives later, from the widget's loop thread."""

from __future__ import annotations

import http.server
import io
import threading
from collections.abc import Iterator
from typing import ClassVar

import pytest

from kling_studio import Studio
from kling_studio.samples import landscape


def jpeg() -> bytes:
    buffer = io.BytesIO()
    landscape(640, 360).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


class Held(http.server.BaseHTTPRequestHandler):
    """Serves its files once the test releases them; anything else is a 404."""

    release = threading.Event()
    files: ClassVar[dict[str, tuple[str, bytes]]] = {
        "/photo.jpg": ("image/jpeg", jpeg()),
        "/page.jpg": ("text/html", b"<!doctype html><title>not a picture</title>"),
    }

    def do_GET(self) -> None:
        if self.path not in self.files:
            self.send_error(404)
            return
        kind, body = self.files[self.path]
        Held.release.wait(timeout=30)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

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


def test_a_slow_url_does_not_hold_the_kernel_and_its_reply_comes_later(server, front_end):
    studio = Studio(prompt="a lake")
    browser = front_end(studio)
    try:
        asked = browser.ask({"type": "fetch-url", "slot": "image", "url": f"{server}/photo.jpg"})
        # the handler has returned while the server still holds the picture back
        assert studio.status["phase"] == "uploading" and "fetching" in studio.status["message"]
        assert "image" not in studio.pictures
        assert browser.reply(asked) is None
        Held.release.set()
        reply = browser.wait(asked)
        assert reply == {
            "ok": True,
            "slot": "image",
            "name": "photo.jpg",
            "width": 640,
            "height": 360,
        }
        assert (studio.pictures["image"]["width"], studio.pictures["image"]["height"]) == (640, 360)
        assert studio.status["phase"] == "idle"
    finally:
        studio.close()


def test_a_url_that_fails_is_answered_with_the_field_the_rule_and_the_value(server, front_end):
    studio = Studio(prompt="a lake")
    browser = front_end(studio)
    try:
        reply = browser.asked({"type": "fetch-url", "slot": "tail", "url": f"{server}/missing.jpg"})
        assert reply["ok"] is False
        assert reply["error"] == {
            "field": "image_tail",
            "rule": "the URL could not be fetched",
            "value": "HTTP 404",
            "text": "image_tail: the URL could not be fetched (got HTTP 404)",
        }
        assert "tail" not in studio.pictures
        assert studio.status["phase"] == "idle"  # the error is the slot's, not a run's
    finally:
        studio.close()


def test_a_url_to_something_that_is_no_picture_says_so(server, front_end):
    Held.release.set()
    studio = Studio(prompt="a lake")
    browser = front_end(studio)
    try:
        reply = browser.asked({"type": "fetch-url", "slot": "image", "url": f"{server}/page.jpg"})
        assert reply["ok"] is False
        error = reply["error"]
        assert error["field"] == "image"
        assert error["rule"].startswith("must be a picture file")
        assert error["value"] == "43 bytes of a web page or SVG"
        assert "image" not in studio.pictures
    finally:
        studio.close()
