"""The scheduler's bookkeeping, without a clock or a server."""

from __future__ import annotations

import pytest

from kling_studio.compare.admission import Admission


def test_a_1303_lowers_the_limit_to_what_runs_and_the_cell_goes_first():
    admission = Admission(limit=4, waiting=list(range(6)))
    started = [admission.start() for _ in range(4)]
    assert started == [0, 1, 2, 3] and admission.start() is None
    admission.accepted()
    admission.accepted()
    admission.refused(2)  # two of ours run: the account holds two for us
    admission.refused(3)
    assert admission.limit == 2
    assert admission.start() is None  # both slots are taken by running tasks
    admission.ended(running=True)
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
    admission.ended(running=False)
    assert admission.idle


def test_a_limit_below_one_is_refused():
    with pytest.raises(ValueError, match="concurrency"):
        Admission(limit=0)
