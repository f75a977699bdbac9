"""Time as the client sees it, so the same code polls Kling in real time and the emulator in
scaled time (an emulator running 100× fast hands the client a clock that sleeps 100× shorter)."""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    def now(self) -> float:
        """Seconds on a monotonic scale."""

    async def sleep(self, seconds: float) -> None: ...

    def from_server(self, seconds: float) -> float:
        """A span of the service's wall-clock seconds (between two of its timestamps), in this
        clock's seconds: the same on real time, ``speed``× longer on an emulator's clock."""


class SystemClock:
    def now(self) -> float:
        return time.monotonic()

    async def sleep(self, seconds: float) -> None:
        import asyncio  # the client's loop has imported it already

        await asyncio.sleep(max(seconds, 0.0))

    def from_server(self, seconds: float) -> float:
        return seconds
