"""The tasks some widget in this kernel is waiting for right now, by external id and task id.

The journal lists every unfinished task, including those a Studio or a sweep in this very kernel
is following; offering those for resuming would only start a second wait for the same video.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_waiting: dict[str, int] = {}


def _change(ids: Iterable[str | None], step: int) -> None:
    with _lock:
        for key in filter(None, ids):
            count = _waiting.get(key, 0) + step
            if count > 0:
                _waiting[key] = count
            else:
                _waiting.pop(key, None)


def begin_waiting(*ids: str | None) -> None:
    _change(ids, +1)


def end_waiting(*ids: str | None) -> None:
    _change(ids, -1)


@contextmanager
def waiting(*ids: str | None) -> Iterator[None]:
    """Marks ``ids`` as followed here for as long as the block runs."""
    begin_waiting(*ids)
    try:
        yield
    finally:
        end_waiting(*ids)


def followed_here(*ids: str | None) -> bool:
    """Whether a widget in this kernel is waiting for a task with any of ``ids``."""
    with _lock:
        return any(key in _waiting for key in ids if key)
