"""Closing a widget closes what it owns: its loop thread and the client it made."""

from __future__ import annotations

import threading

from kling_studio import Compare, Studio
from kling_studio.embedded import emulator_connection
from kling_studio.samples import landscape


def loop_threads() -> int:
    return sum(1 for t in threading.enumerate() if t.name == "kling-studio" and t.is_alive())


def test_closing_a_studio_stops_its_thread_and_closes_its_client():
    before = loop_threads()
    studio = Studio(image=landscape(640, 360), prompt="a lake")
    client = studio._client
    client.http  # noqa: B018 - open the connection pool the widget must close
    assert loop_threads() == before + 1
    studio.close()
    assert loop_threads() == before
    assert client._http is None, "the client's connection pool is closed"
    studio.close()  # twice is harmless


def test_closing_a_compare_stops_its_thread(fast_emulator):
    before = loop_threads()
    connection = emulator_connection(fast_emulator)
    sweep = Compare(
        landscape(640, 360), prompt="a lake", vary={"cfg_scale": [0.3, 0.8]}, connection=connection
    )
    assert loop_threads() == before + 1
    sweep.close()
    assert loop_threads() == before
