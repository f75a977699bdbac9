"""The offline fallback: an in-process emulator used when no credentials are configured.

One emulator per process, shared by every client, so tasks created by one client can be looked
up by another (as on a real account). Its tasks live in ``<data home>/emulator`` (see
``api.home``), so a restarted kernel finds them again, unfinished renders included, and two
kernels share one account. ``KLING_STUDIO_EMULATOR_SPEED`` sets how much faster than real time
it runs (default 20: a typical 2-minute task takes a few seconds).

Its renders run on this process's threads, so on glibc the heap is told to give memory back
(``keep_heap_small``) and is trimmed once each video has been rendered (``TrimmingTransport``):
without that, a kernel that had made ten videos held 200–300 MB its renders had freed.
"""

from __future__ import annotations

import ctypes
import os
import threading
from functools import cache
from typing import Final

import httpx

from .api.auth import BearerKey
from .api.connection import Connection
from .api.home import data_home
from .api.providers import Provider
from .emulator.config import EmulatorConfig
from .emulator.emulator import Emulator
from .emulator.transport import EmulatorTransport

DEFAULT_SPEED = 20.0
STATE_FOLDER = "emulator"
_lock = threading.Lock()
_shared: list[Emulator] = []

M_TRIM_THRESHOLD: Final = -1
M_MMAP_THRESHOLD: Final = -3
"""glibc's ``mallopt`` parameters (malloc.h)."""
HEAP_SETTINGS: Final = ((M_MMAP_THRESHOLD, 32 << 20), (M_TRIM_THRESHOLD, 16 << 20))
"""Blocks up to 32 MB come from the heap (where glibc's sliding threshold ends up anyway, so
frames are not mmapped and faulted in afresh each time), and a heap whose free top passes 16 MB
is trimmed. By default the trim threshold follows the largest freed block up to 64 MB, and each
render thread may get a heap of its own: x264 at 1080p holds ~265 MB while it encodes, and ~40 MB
stayed behind at the top of each of three heaps, which ``malloc_trim`` leaves alone (it releases
free pages inside every heap, but shrinks only the main heap's top)."""
MALLOC_VARIABLES: Final = ("MALLOC_TRIM_THRESHOLD_", "MALLOC_MMAP_THRESHOLD_")
"""Whoever set one of these (or a ``glibc.malloc.*`` tunable) tuned malloc on purpose: their
choice stands."""


@cache
def _glibc() -> ctypes.CDLL | None:
    """The C library if it is glibc (whose ``mallopt`` parameters and ``malloc_trim`` these are)."""
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.gnu_get_libc_version  # noqa: B018 (only glibc has it)
        libc.mallopt.argtypes, libc.mallopt.restype = (ctypes.c_int, ctypes.c_int), ctypes.c_int
        libc.malloc_trim.argtypes, libc.malloc_trim.restype = (ctypes.c_size_t,), ctypes.c_int
    except (OSError, AttributeError):
        return None
    return libc


def keep_heap_small() -> bool:
    """Set ``HEAP_SETTINGS``: process-wide, so only where renders run in this process; True if set.

    A no-op without glibc (macOS, Windows, musl) or when malloc was tuned through the environment.
    """
    libc = _glibc()
    tuned = "glibc.malloc." in os.environ.get("GLIBC_TUNABLES", "")
    if libc is None or tuned or any(name in os.environ for name in MALLOC_VARIABLES):
        return False
    return all(libc.mallopt(parameter, value) == 1 for parameter, value in HEAP_SETTINGS)


def hand_back_freed_memory() -> None:
    """``malloc_trim(0)``: free pages inside every heap go back to the system (glibc only)."""
    libc = _glibc()
    if libc is not None:
        libc.malloc_trim(0)


class TrimmingTransport(EmulatorTransport):
    """The emulator's in-process transport; once it has served a video (so that video's render is
    over), the memory the render freed goes back to the system.

    Measured with ``bench/load.py`` (a Studio making 720p videos): the kernel settled at
    ~300 MB with glibc's defaults, ~250 MB with ``HEAP_SETTINGS`` alone, ~150 MB with a trim
    alone (~230 MB at 1080p) and ~135 MB with both (at 1080p too), for the same CPU time. A
    trim threshold of 8 MB cost 10% more CPU in page faults, a fixed 1 MB mmap threshold 50%.
    """

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await super().handle_async_request(request)
        if request.url.path.endswith(".mp4"):
            hand_back_freed_memory()
        return response


def shared_emulator() -> Emulator:
    """The process-wide emulator, started on first use."""
    with _lock:
        if not _shared:
            speed = float(os.environ.get("KLING_STUDIO_EMULATOR_SPEED", DEFAULT_SPEED))
            state_dir = data_home() / STATE_FOLDER
            _shared.append(Emulator(EmulatorConfig(speed=speed, state_dir=state_dir)))
        return _shared[0]


def emulator_connection(emulator: Emulator | None = None) -> Connection:
    """A connection to ``emulator`` (the shared one by default), in-process, on its clock.

    Its renders run in this process: the heap is set to give freed memory back.
    """
    emulator = emulator or shared_emulator()
    keep_heap_small()
    provider = Provider.custom(emulator.base_url, BearerKey(emulator.config.api_keys[0]))
    return Connection(
        provider,
        transport=TrimmingTransport(emulator.app),
        clock=emulator.clock,
        emulated=True,
        keepalive=emulator,
    )
