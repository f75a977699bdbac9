"""Make items a few ahead on worker threads, so frames are made in parallel with each other and
with the encoder (Pillow, numpy and PyAV release the GIL), while at most ``depth`` wait in memory.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Generator, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Final, TypeVar

T = TypeVar("T")
WORKERS: Final = 2
"""One per core of a small machine; the encoder's own threads share them."""
DEPTH: Final = 3


def prefetched(
    jobs: Iterable[Callable[[], T]], depth: int = DEPTH, workers: int = WORKERS
) -> Generator[T, None, None]:
    """The results of ``jobs``, in order, computed up to ``depth`` ahead on ``workers`` threads.
    A job's exception re-raises here; closing early cancels what has not started and waits for
    what has."""
    with ThreadPoolExecutor(workers, thread_name_prefix="kling-emulator-frames") as pool:
        pending: deque[Future[T]] = deque()
        try:
            for job in jobs:
                pending.append(pool.submit(job))
                if len(pending) >= depth:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()
