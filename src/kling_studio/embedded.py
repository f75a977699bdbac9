"""The offline fallback: an in-process emulator used when no credentials are configured.

One emulator per process, shared by every client, so tasks created by one client can be looked
up by another (as on a real account). Its tasks live in ``<data home>/emulator`` (see
``api.home``), so a restarted kernel finds them again, unfinished renders included, and two
kernels share one account. ``KLING_STUDIO_EMULATOR_SPEED`` sets how much faster than real time
it runs (default 20: a typical 2-minute task takes a few seconds).
"""

from __future__ import annotations

import os
import threading

from .api.auth import BearerKey
from .api.connection import Connection
from .api.home import data_home
from .api.providers import Provider
from .emulator import Emulator, EmulatorConfig

DEFAULT_SPEED = 20.0
STATE_FOLDER = "emulator"
_lock = threading.Lock()
_shared: list[Emulator] = []


def shared_emulator() -> Emulator:
    """The process-wide emulator, started on first use."""
    with _lock:
        if not _shared:
            speed = float(os.environ.get("KLING_STUDIO_EMULATOR_SPEED", DEFAULT_SPEED))
            state_dir = data_home() / STATE_FOLDER
            _shared.append(Emulator(EmulatorConfig(speed=speed, state_dir=state_dir)))
        return _shared[0]


def emulator_connection(emulator: Emulator | None = None) -> Connection:
    """A connection to ``emulator`` (the shared one by default), in-process, on its clock."""
    emulator = emulator or shared_emulator()
    provider = Provider.custom(emulator.base_url, BearerKey(emulator.config.api_keys[0]))
    return Connection(
        provider,
        transport=emulator.transport(),
        clock=emulator.clock,
        emulated=True,
        keepalive=emulator,
    )
