"""Virtual time, so a two-minute generation can finish in a second of a test."""

from __future__ import annotations

import time

import anyio


class VirtualClock:
    """Unix-epoch seconds that run ``speed`` times faster than the wall clock.

    Thread-safe and loop-free: the task lifecycle is derived from ``now()`` whenever someone
    asks, so no event loop has to stay alive for tasks to progress.
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

    async def sleep(self, virtual_seconds: float) -> None:
        """Sleep ``virtual_seconds`` of virtual time, in any async library's loop."""
        await anyio.sleep(self.real_seconds(virtual_seconds))

    def sleep_blocking(self, virtual_seconds: float) -> None:
        """The blocking twin of ``sleep`` for synchronous clients."""
        time.sleep(self.real_seconds(virtual_seconds))
