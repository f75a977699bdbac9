"""The status line's figures: moving between polls, never contradicting each other."""

from __future__ import annotations

import random

import pytest

from kling_studio.api.client import StatusEvent
from kling_studio.api.models import Task
from kling_studio.widgets.timing import live_times


def event(status: str, queued: float, processing: float | None, eta: float | None) -> StatusEvent:
    return StatusEvent(
        task=Task(task_id="t1", task_status=status),
        elapsed=queued + (processing or 0.0),
        queued_for=queued,
        processing_for=processing,
        eta=eta,
        polls=3,
        changed=False,
    )


def test_figures_keep_moving_between_polls() -> None:
    seen = event("processing", 4.0, 10.0, 30.0)
    later = live_times(20.0, seen, seen_ago=3.0)
    assert later["processing_for"] == 13.0 and later["eta"] == 27.0
    queued = live_times(9.0, event("submitted", 6.0, None, None), seen_ago=2.0)
    assert queued["queued_for"] == 8.0


@pytest.mark.parametrize("seed", range(50))
def test_queued_and_processing_never_add_up_to_more_than_elapsed(seed: int) -> None:
    rng = random.Random(seed)
    processing = rng.choice([None, rng.uniform(0, 3000)])
    seen = event(rng.choice(["submitted", "processing"]), rng.uniform(0, 3000), processing, 9.0)
    elapsed = rng.uniform(0, 40)
    times = live_times(elapsed, seen, seen_ago=rng.uniform(0, 5))
    shown = times["queued_for"] + (times["processing_for"] or 0.0)
    assert shown <= times["elapsed"] + 0.1  # each is rounded to 0.1 s
