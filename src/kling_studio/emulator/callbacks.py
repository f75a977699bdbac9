"""Callback delivery from the emulator's own thread, so it never depends on a caller's loop."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import urlsplit

import httpx

from .lifecycle import nth_state, transitions
from .task import Task
from .views import task_object

log = logging.getLogger(__name__)

TIMEOUT: Final = 10.0
TRANSITIONS: Final = 3
"""submitted → processing → succeed/failed."""

Post = Callable[[str, dict[str, Any]], None]


def post_json(url: str, payload: dict[str, Any]) -> None:
    with httpx.Client(timeout=TIMEOUT, trust_env=False) as client:
        client.post(url, json=payload).raise_for_status()


@dataclass
class _Watch:
    task: Task
    url: str
    sent: int = 0


class CallbackDispatcher:
    """POSTs the task object to its ``callback_url`` at each status change, in order.

    Transitions are computed from the task's schedule (wall-clock times), so a late wake-up still
    sends every status, each with the payload it had when it happened. Failures are logged,
    never raised.
    """

    def __init__(self, post: Post = post_json, now: Callable[[], float] = time.time) -> None:
        self._now = now
        self._post = post
        self._wake = threading.Condition()
        self._watches: list[_Watch] = []
        self._dirty = False
        self._closed = False
        self._thread: threading.Thread | None = None

    def watch(self, task: Task, url: str, *, since: float | None = None) -> None:
        """Send ``task``'s status changes to ``url``; with ``since``, only those after it (a
        render taken over from a process that died, which sent the earlier ones)."""
        with self._wake:
            if self._closed:
                return
            times = transitions(task.schedule, task.outcome)
            sent = 0 if since is None else sum(1 for moment in times if moment <= since)
            self._watches.append(_Watch(task, url, sent))
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="kling-emulator-callbacks", daemon=True
                )
                self._thread.start()
            self._poke()

    def notify(self) -> None:
        """Something changed (a render finished): look again now."""
        with self._wake:
            self._poke()

    def _poke(self) -> None:
        self._dirty = True
        self._wake.notify_all()

    def close(self, timeout: float = 5.0) -> None:
        with self._wake:
            self._closed = True
            self._poke()
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        while True:
            with self._wake:
                if self._closed:
                    return
                due, wait = self._collect()
                if not due:
                    if not self._dirty:
                        self._wake.wait(wait)
                    self._dirty = False
                    continue
            for watch, index in due:
                self._deliver(watch, index)

    def _collect(self) -> tuple[list[tuple[_Watch, int]], float | None]:
        """Transitions now due, and how long (seconds) until the next known one."""
        now = self._now()
        due: list[tuple[_Watch, int]] = []
        soonest: float | None = None
        for watch in list(self._watches):
            times = transitions(watch.task.schedule, watch.task.outcome)
            while watch.sent < len(times) and times[watch.sent] <= now:
                due.append((watch, watch.sent))
                watch.sent += 1
            if watch.sent == TRANSITIONS:
                self._watches.remove(watch)
            elif watch.sent < len(times):
                upcoming = times[watch.sent]
                soonest = upcoming if soonest is None else min(soonest, upcoming)
        wait = None if soonest is None else max(0.0, soonest - now)
        return due, wait

    def _deliver(self, watch: _Watch, index: int) -> None:
        task = watch.task
        state = nth_state(task.schedule, task.outcome, index)
        payload = task_object(task, state, task.origin)
        try:
            self._post(watch.url, payload)
        except Exception as error:
            host = urlsplit(watch.url).hostname
            log.warning(
                "callback for task %s (%s) to %s failed: %s",
                task.task_id,
                state.status.value,
                host,
                type(error).__name__,
            )
