"""A task as the store keeps it, and the one interface both stores (memory, SQLite) offer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from .envelope import Family
from .lifecycle import Outcome, Schedule, State, state_at
from .validation import Endpoint, TaskRequest


@dataclass
class Task:
    """What queries, lists and callbacks show, without the media: a task read back from disk
    never has to carry its pictures. The request itself goes to the renderer only.

    ``outcome`` is set once, by the render's owner; everything else is fixed at admission
    (``owner`` changes only when another emulator takes over an orphaned render).
    """

    task_id: str
    account: str
    endpoint: Endpoint
    family: Family
    """The path family of the create request: its rules apply again to a re-render."""
    external_task_id: str | None
    model: str
    mode: str
    duration: str
    watermark: bool
    callback_url: str | None
    units: str
    origin: str
    """Base URL of the create request, for the video URLs in callbacks."""
    schedule: Schedule
    owner: str | None = None
    """The emulator responsible for the render (``owners.Owner.name``); None once released."""
    outcome: Outcome | None = field(default=None, repr=False)

    @classmethod
    def of(
        cls,
        task_id: str,
        account: str,
        request: TaskRequest,
        family: Family,
        *,
        schedule: Schedule,
        units: str,
        origin: str,
        owner: str,
    ) -> Task:
        return cls(
            task_id=task_id,
            account=account,
            endpoint=request.endpoint,
            family=family,
            external_task_id=request.external_task_id,
            model=request.model,
            mode=request.mode,
            duration=request.duration,
            watermark=request.watermark,
            callback_url=request.callback_url,
            units=units,
            origin=origin,
            schedule=schedule,
            owner=owner,
        )

    def state(self, now: float) -> State:
        return state_at(self.schedule, self.outcome, now)


class TaskStore(Protocol):
    """Tasks per account, the per-account concurrency limit (1303) and unique external ids
    (1201). Thread-safe: handlers on any event loop and render threads share it."""

    def admit(self, task: Task, body: bytes, now: float) -> None:
        """Store ``task`` and its request ``body`` (the JSON posted), or raise 1201 / 1303."""

    def find(self, account: str, endpoint: Endpoint, ident: str) -> Task | None:
        """The account's task whose task_id or external_task_id is ``ident``."""

    def page(self, account: str, endpoint: Endpoint, number: int, size: int) -> list[Task]:
        """One page of the account's tasks, newest first."""

    def all(self) -> list[Task]:
        """Every task, oldest first."""

    def count(self) -> int: ...

    def unfinished(self) -> list[Task]:
        """Tasks without an outcome: renders running, or orphaned by a process that died."""

    def record(self, task: Task, outcome: Outcome) -> None:
        """The render's result, kept only while ``task.owner`` still owns the render."""

    def release(self, task: Task, now: float) -> None:
        """``task.owner`` gives the render up unfinished (its emulator is closing)."""

    def claim(self, task: Task, owner: str) -> bytes | None:
        """Take an orphaned render over from ``task.owner``: its request body, or None when
        another emulator was quicker (or the task has finished meanwhile)."""

    def close(self) -> None: ...
