"""Tasks in memory: one emulator's, gone when its process ends (``state_dir=None``)."""

from __future__ import annotations

import threading

from .errors import ApiError, invalid
from .lifecycle import CANCELLED, Outcome
from .task import Task
from .validation import Endpoint


class MemoryStore:
    """The ``TaskStore`` of an emulator without a state folder. Nobody else can take a render
    over, so no request bodies are kept and a render given up fails as cancelled."""

    def __init__(self, concurrency: int) -> None:
        self._concurrency = concurrency
        self._lock = threading.Lock()
        self._tasks: dict[str, Task] = {}
        self._external: dict[tuple[str, str], Task] = {}

    def admit(self, task: Task, body: bytes, now: float) -> None:
        with self._lock:
            external = task.external_task_id
            if external is not None and (task.account, external) in self._external:
                raise invalid(f"external_task_id({external}) already exists for this account")
            running = sum(
                1
                for other in self._tasks.values()
                if other.account == task.account and not other.state(now).status.terminal
            )
            if running >= self._concurrency:
                raise ApiError(1303)
            if task.task_id in self._tasks:
                raise ApiError(5000, "task id collision; send the request again")
            self._tasks[task.task_id] = task
            if external is not None:
                self._external[task.account, external] = task

    def find(self, account: str, endpoint: Endpoint, ident: str) -> Task | None:
        with self._lock:
            task = self._tasks.get(ident)
            if task is None or task.account != account:
                task = self._external.get((account, ident))
        return task if task is not None and task.endpoint == endpoint else None

    def page(self, account: str, endpoint: Endpoint, number: int, size: int) -> list[Task]:
        with self._lock:
            mine = [
                t for t in self._tasks.values() if t.account == account and t.endpoint == endpoint
            ]
        mine.reverse()
        return mine[(number - 1) * size : number * size]

    def all(self) -> list[Task]:
        with self._lock:
            return list(self._tasks.values())

    def count(self) -> int:
        with self._lock:
            return len(self._tasks)

    def unfinished(self) -> list[Task]:
        with self._lock:
            return [task for task in self._tasks.values() if task.outcome is None]

    def record(self, task: Task, outcome: Outcome) -> None:
        task.outcome = outcome

    def release(self, task: Task, now: float) -> None:
        task.outcome = Outcome(now, failure=CANCELLED)

    def claim(self, task: Task, owner: str) -> bytes | None:
        return None

    def close(self) -> None:
        return None
