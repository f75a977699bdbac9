"""In-memory tasks per account, with the per-account concurrency limit and unique external ids."""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from .errors import ApiError, invalid
from .lifecycle import Outcome, Schedule, State, state_at
from .validation import Endpoint, TaskRequest


@dataclass
class Task:
    """One task; ``outcome`` is set once by the render worker, everything else is fixed."""

    task_id: str
    account: str
    request: TaskRequest
    schedule: Schedule
    units: str
    origin: str
    """Base URL of the create request, for the video URLs in callbacks."""
    outcome: Outcome | None = field(default=None, repr=False)

    @property
    def endpoint(self) -> Endpoint:
        return self.request.endpoint

    def state(self, now: float) -> State:
        return state_at(self.schedule, self.outcome, now)


class TaskStore:
    """Thread-safe: handlers on any event loop and render threads share it."""

    def __init__(self, concurrency: int, rng: random.Random) -> None:
        self._concurrency = concurrency
        self._rng = rng
        self._lock = threading.Lock()
        self._tasks: dict[str, Task] = {}
        self._external: dict[tuple[str, str], Task] = {}

    def admit(
        self, account: str, request: TaskRequest, now: float, make: Callable[[str], Task]
    ) -> Task:
        """Store the task ``make`` builds for a fresh id, or raise 1201 (duplicate) / 1303."""
        with self._lock:
            external = request.external_task_id
            if external is not None and (account, external) in self._external:
                raise invalid(f"external_task_id({external}) already exists for this account")
            running = sum(
                1
                for task in self._tasks.values()
                if task.account == account and not task.state(now).status.terminal
            )
            if running >= self._concurrency:
                raise ApiError(1303)
            task = make(self._new_id())
            self._tasks[task.task_id] = task
            if external is not None:
                self._external[account, external] = task
            return task

    def _new_id(self) -> str:
        while True:
            task_id = str(self._rng.randrange(8 * 10**17, 9 * 10**17))
            if task_id not in self._tasks:
                return task_id

    def find(self, account: str, endpoint: Endpoint, ident: str) -> Task | None:
        """The account's task whose task_id or external_task_id is ``ident``."""
        with self._lock:
            task = self._tasks.get(ident)
            if task is None or task.account != account:
                task = self._external.get((account, ident))
        return task if task is not None and task.endpoint == endpoint else None

    def page(self, account: str, endpoint: Endpoint, number: int, size: int) -> list[Task]:
        """One page of the account's tasks, newest first."""
        with self._lock:
            mine = [
                t for t in self._tasks.values() if t.account == account and t.endpoint == endpoint
            ]
        mine.reverse()
        return mine[(number - 1) * size : number * size]

    def all(self) -> list[Task]:
        with self._lock:
            return list(self._tasks.values())
