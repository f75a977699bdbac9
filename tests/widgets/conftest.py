"""The browser's side of anywidget's ``invoke``, for kernel-side widget tests.

``FrontEnd`` sends the same ``anywidget-command`` dicts the front end's ``experimental.invoke``
sends, through the widget's own message handler, and keeps everything the widget's ``send``
sends back (from any thread): replies are found by request id, waited for with a deadline.
"""

from __future__ import annotations

import io
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import anywidget
import pytest
from pydantic import TypeAdapter

from kling_studio.emulator import Emulator, EmulatorConfig
from kling_studio.samples import landscape
from kling_studio.widgets import contract

RESPONSES = TypeAdapter(contract.CommandResponse)


class FrontEnd:
    """Stands in for the front end: asks requests, says plain messages, records what comes back."""

    def __init__(self, widget: anywidget.AnyWidget) -> None:
        self.widget = widget
        self.received: list[tuple[dict[str, Any], list[bytes]]] = []
        self._lock = threading.Lock()
        widget.send = self._receive  # type: ignore[method-assign]

    def _receive(self, content: dict[str, Any], buffers: list[bytes] | None = None) -> None:
        with self._lock:
            self.received.append((content, list(buffers or [])))

    def say(self, content: dict[str, Any], *buffers: bytes) -> None:
        """A fire-and-forget message, as ``model.send`` sends it."""
        self.widget._on_message(self.widget, content, list(buffers))

    def ask(self, msg: dict[str, Any], *buffers: bytes) -> str:
        """A request as ``invoke(msg.type, msg)`` sends it; returns its id once the handler
        has returned (which it does at once, whatever the work)."""
        request_id = str(uuid.uuid4())
        command = {"id": request_id, "kind": "anywidget-command", "name": msg["type"], "msg": msg}
        self.widget._on_message(self.widget, command, list(buffers))
        return request_id

    def reply(self, request_id: str) -> dict[str, Any] | None:
        """The reply to ``request_id`` if it has come (checked against the contract)."""
        with self._lock:
            found = [c for c, _ in self.received if c.get("id") == request_id]
        assert len(found) <= 1, f"{len(found)} replies to one request"
        if not found:
            return None
        RESPONSES.validate_python(found[0])
        response: dict[str, Any] = found[0]["response"]
        return response

    def wait(self, request_id: str, timeout: float = 60) -> dict[str, Any]:
        """The reply, once it comes; fails after ``timeout`` seconds."""
        wait_until(lambda: self.reply(request_id) is not None, timeout)
        reply = self.reply(request_id)
        assert reply is not None
        return reply

    def asked(self, msg: dict[str, Any], timeout: float = 60) -> dict[str, Any]:
        """Ask and wait for the reply."""
        return self.wait(self.ask(msg), timeout)

    def slots(self) -> list[str]:
        with self._lock:
            return [c.get("slot", "") for c, _ in self.received]


def wait_until(condition: Callable[[], bool], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not true after {timeout} s")
        time.sleep(0.02)


@pytest.fixture
def endless_emulator() -> Iterator[Emulator]:
    """A task that processes for about 17 minutes of real time: it is still running whenever
    a stop or a question arrives, however busy the machine."""
    config = EmulatorConfig(speed=100, queue_seconds=2, processing_seconds=100_000, seed=3)
    with Emulator(config) as emulator:
        yield emulator


@pytest.fixture
def front_end() -> Callable[[anywidget.AnyWidget], FrontEnd]:
    """``front_end(widget)``: the front end's side of that widget's comm."""
    return FrontEnd


@pytest.fixture
def landscape_jpeg() -> bytes:
    """The sample landscape as a 640×360 JPEG, as a person's upload arrives."""
    buffer = io.BytesIO()
    landscape(640, 360).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


@pytest.fixture
def landscape_studio(fast_emulator, tmp_path, landscape_jpeg):
    """A Studio on the sample landscape as a 640×360 JPEG, prompt "a boat", against the fast
    emulator: what most Studio tests start from."""
    from kling_studio import AsyncKlingClient
    from kling_studio.embedded import emulator_connection
    from kling_studio.widgets import Studio

    client = AsyncKlingClient(connection=emulator_connection(fast_emulator))
    widget = Studio(
        image=landscape_jpeg, client=client, output_dir=tmp_path / "out", prompt="a boat"
    )
    yield widget
    widget.close()


@pytest.fixture
def boat_studio(fast_emulator, tmp_path):
    """A Studio on the quickstart picture as lossless bytes, against the fast emulator: the
    selection tests' picture, whose boat is known exactly (``samples.boat_silhouette``)."""
    from kling_studio import AsyncKlingClient
    from kling_studio.embedded import emulator_connection
    from kling_studio.widgets import Studio

    buffer = io.BytesIO()
    landscape(1280, 720).save(buffer, "PNG")
    client = AsyncKlingClient(connection=emulator_connection(fast_emulator))
    widget = Studio(image=buffer.getvalue(), client=client, output_dir=tmp_path / "out")
    yield widget
    widget.close()
