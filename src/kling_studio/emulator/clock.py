"""The clients' clock for an emulator: sleeps ``speed``× shorter, so a two-minute generation
followed on it can finish in a second of a test.

The service itself runs on the wall clock (its timestamps are real Unix milliseconds, as
Kling's); only its durations are shortened by ``speed``. This clock converts between the two.
"""

from __future__ import annotations

import time

import anyio


class VirtualClock:
    """Unix-epoch seconds that run ``speed`` times faster than the wall clock.

    Thread-safe and loop-free. Clients poll and back off on it; a span between two of the
    service's timestamps becomes this clock's seconds through ``from_server``.
    """

    def __init__(self, speed: float = 1.0, *, epoch: float | None = None) -> None:
        if speed <= 0:
            raise ValueError(f"speed must be > 0, got {speed}")
        self._speed = speed
        self._epoch = time.time() if epoch is None else epoch
        self._start = time.monotonic()

    @property
    def speed(self) -> float:
        return self._speed

    def now(self) -> float:
        """Virtual Unix time in seconds."""
        return self._epoch + (time.monotonic() - self._start) * self._speed

    def real_seconds(self, virtual_seconds: float) -> float:
        """How long ``virtual_seconds`` last on the wall clock."""
        return max(0.0, virtual_seconds) / self._speed

    def from_server(self, seconds: float) -> float:
        """A span of the service's wall-clock seconds, in this clock's seconds."""
        return seconds * self._speed

    async def sleep(self, virtual_seconds: float) -> None:
        """Sleep ``virtual_seconds`` of virtual time, in any async library's loop."""
        await anyio.sleep(self.real_seconds(virtual_seconds))

    def sleep_blocking(self, virtual_seconds: float) -> None:
        """The blocking twin of ``sleep`` for synchronous clients."""
        time.sleep(self.real_seconds(virtual_seconds))
