"""A beat to the browser every couple of seconds while a widget works, so its output can tell a
kernel that is gone (shut down, restarted, cut off) from one that is busy.

The beat goes from the widget's own loop thread, so a long cell in the kernel's main thread does
not hold it back. The browser's side, with its timeout, is ``js/src/lib/liveness.ts``.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from .contract import Beat

BEAT_SECONDS = 2.0
"""``BEAT_INTERVAL_MS`` in liveness.ts; the browser gives up after six missed beats."""
BEAT: Beat = {"type": "beat"}

Send = Callable[[Beat], None]


async def _beat(send: Send, every: float) -> None:
    while True:
        send(BEAT)
        await asyncio.sleep(every)


@asynccontextmanager
async def beating(send: Send, every: float = BEAT_SECONDS) -> AsyncIterator[None]:
    """Beat through ``send`` for as long as the block runs."""
    task = asyncio.create_task(_beat(send, every))
    try:
        yield
    finally:
        task.cancel()
