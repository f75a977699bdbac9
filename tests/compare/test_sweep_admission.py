"""The scheduler's bookkeeping, without a clock or a server."""

from __future__ import annotations

import random

import pytest

from kling_studio.compare.admission import Admission


def test_a_1303_lowers_the_limit_to_what_runs_and_the_cell_goes_first():
    admission = Admission(limit=4, waiting=list(range(6)))
    started = [admission.start() for _ in range(4)]
    assert started == [0, 1, 2, 3] and admission.start() is None
    admission.accepted(0)
    admission.accepted(1)
    admission.refused(2)  # two of ours run: the account holds two for us
    admission.refused(3)
    assert admission.limit == 2
    assert admission.start() is None  # both slots are taken by running tasks
    admission.ended(0)
    assert admission.start() == 2  # the refused cells come back first, in plan order
    assert admission.start() is None


def test_the_limit_never_drops_below_one():
    admission = Admission(limit=3, waiting=[0])
    assert admission.start() == 0
    admission.refused(0)
    assert admission.limit == 1
    assert admission.start() == 0


def test_idle_once_nothing_waits_or_runs():
    admission = Admission(limit=1, waiting=[0])
    assert not admission.idle
    admission.start()
    assert not admission.idle
    admission.ended(0)
    assert admission.idle


def test_a_limit_below_one_is_refused():
    with pytest.raises(ValueError, match="concurrency"):
        Admission(limit=0)


@pytest.mark.parametrize("seed", range(100))
def test_any_order_of_events_keeps_every_cell_accounted_for(seed):
    """Random interleavings of what the scheduler does: every cell ends exactly once, none is
    started twice, new cells start only below the limit, and the limit only comes down."""
    rng = random.Random(seed)
    cells = 12
    admission = Admission(limit=rng.randint(1, 6), waiting=list(range(cells)))
    done: list[int] = []
    limits = [admission.limit]
    while not admission.idle:
        while (position := admission.start()) is not None:
            assert position not in done
            assert admission.active <= admission.limit
        holding = sorted(admission.holding)
        position = rng.choice(holding)
        if not admission.holding[position]:
            if rng.random() < 0.3:
                admission.refused(position)
                limits.append(admission.limit)
                continue
            admission.accepted(position)
        if rng.random() < 0.6:
            admission.ended(position)
            done.append(position)
    assert sorted(done) == list(range(cells))
    assert limits == sorted(limits, reverse=True)  # the limit only comes down


def test_a_bookkeeping_slip_is_caught_at_once():
    admission = Admission(limit=2, waiting=[0, 1])
    position = admission.start()
    with pytest.raises(AssertionError, match="holds a slot"):
        admission.queue(position)
    admission.accepted(position)
    with pytest.raises(AssertionError, match="refused after acceptance"):
        admission.refused(position)
    admission.ended(position)
    with pytest.raises(AssertionError, match="without holding"):
        admission.ended(position)
