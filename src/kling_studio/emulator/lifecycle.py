"""The task lifecycle as pure functions of wall-clock time.

A task's status is never stored: it is computed from its schedule, the render outcome and the
clock whenever someone asks. That keeps tasks progressing when no event loop is alive (a blocking
client runs ``asyncio.run`` per call), makes every answer reproducible, and lets a task kept on
disk finish on time in the next process. Times are real Unix seconds, as Kling's timestamps are;
only the durations are shortened by the emulator's speed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

QUEUE_MEAN_SHARE: Final = 0.25
"""Mean time in ``submitted`` as a share of the expected processing time (exponential)."""
PROCESSING_SPREAD: Final = 0.1
"""Sigma of the lognormal factor on processing time: the same GPU work takes as long."""
CANCELLED: Final = "task cancelled: the emulator was closed"
"""The failure of a render cut short by closing an emulator whose tasks live only in memory."""


class Status(StrEnum):
    SUBMITTED = "submitted"
    PROCESSING = "processing"
    SUCCEED = "succeed"
    FAILED = "failed"

    @property
    def terminal(self) -> bool:
        return self in (Status.SUCCEED, Status.FAILED)


@dataclass(frozen=True)
class Schedule:
    """When a task was created and how long it queues and processes, in real (wall) seconds."""

    created_at: float
    queue_seconds: float
    processing_seconds: float

    @property
    def started_at(self) -> float:
        return self.created_at + self.queue_seconds

    @property
    def due_at(self) -> float:
        return self.started_at + self.processing_seconds


def draw_schedule(
    rng: random.Random,
    created_at: float,
    expected_seconds: float,
    *,
    queue_seconds: float | None = None,
    processing_seconds: float | None = None,
    speed: float = 1.0,
) -> Schedule:
    """Queue time varies a lot (exponential); processing time little (lognormal, 10 %).

    ``expected_seconds`` is the typical processing time from the capability table; it and the
    fixed durations are virtual seconds, which last ``1/speed`` real seconds each. Both random
    numbers are always drawn, so fixing one duration does not shift later draws.
    """
    queue = expected_seconds * rng.expovariate(1 / QUEUE_MEAN_SHARE)
    processing = expected_seconds * rng.lognormvariate(0.0, PROCESSING_SPREAD)
    return Schedule(
        created_at=created_at,
        queue_seconds=(queue if queue_seconds is None else queue_seconds) / speed,
        processing_seconds=(processing if processing_seconds is None else processing_seconds)
        / speed,
    )


@dataclass(frozen=True)
class VideoFile:
    """One rendered result, by file name (URLs depend on who asks)."""

    id: str
    name: str
    duration: str
    watermark_name: str | None = None


@dataclass(frozen=True)
class Outcome:
    """What the render worker produced, and when (wall-clock Unix seconds)."""

    finished_at: float
    videos: tuple[VideoFile, ...] = ()
    failure: str | None = None


@dataclass(frozen=True)
class State:
    status: Status
    updated_at: float
    message: str = ""


def ended_at(schedule: Schedule, outcome: Outcome) -> float:
    """A task ends once its time has passed and its video is written, whichever is later."""
    return max(schedule.due_at, outcome.finished_at)


def state_at(schedule: Schedule, outcome: Outcome | None, now: float) -> State:
    if now < schedule.started_at:
        return State(Status.SUBMITTED, schedule.created_at)
    if outcome is None or now < ended_at(schedule, outcome):
        return State(Status.PROCESSING, schedule.started_at)
    if outcome.failure is not None:
        return State(Status.FAILED, ended_at(schedule, outcome), outcome.failure)
    return State(Status.SUCCEED, ended_at(schedule, outcome))


def transitions(schedule: Schedule, outcome: Outcome | None) -> tuple[float, ...]:
    """The times of each status change known so far (the end only once rendered)."""
    known = (schedule.created_at, schedule.started_at)
    return known if outcome is None else (*known, ended_at(schedule, outcome))


def nth_state(schedule: Schedule, outcome: Outcome | None, index: int) -> State:
    """The state a task entered at its ``index``-th transition (for callbacks)."""
    if index == 0:
        return State(Status.SUBMITTED, schedule.created_at)
    if index == 1 or outcome is None:
        return State(Status.PROCESSING, schedule.started_at)
    return state_at(schedule, outcome, ended_at(schedule, outcome))
