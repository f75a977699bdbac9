"""A path's length (pixels, share of the diagonal) and its equal-time ticks, on known shapes."""

from __future__ import annotations

import math

import numpy as np
import pytest

from kling_studio.paths import ease, length, ticks

from .helpers import steps


def test_a_3_4_5_path_is_as_long_as_its_legs():
    measured = length([(0, 0), (30, 0), (30, 40)], size=(300, 400))

    assert measured.pixels == pytest.approx(70)
    assert measured.share == pytest.approx(70 / 500)


def test_a_path_from_corner_to_corner_is_nearly_the_whole_diagonal():
    measured = length([(0, 0), (1279, 719)], size=(1280, 720))

    assert measured.share == pytest.approx(1, abs=0.002)


def test_a_many_sided_circle_is_about_two_pi_r():
    turn = np.linspace(0, 2 * math.pi, 2001)
    circle = np.column_stack([640 + 200 * np.cos(turn), 360 + 200 * np.sin(turn)])

    assert length(circle, size=(1280, 720)).pixels == pytest.approx(2 * math.pi * 200, rel=1e-5)


def test_ticks_fall_at_equal_steps_of_time_whatever_the_gaps():
    path = [(0, 100), (50, 100), (100, 100), (1000, 100)]

    assert ticks(path, count=4) == tuple(path)
    assert ticks(path, count=7) == (
        (0, 100),
        (25, 100),
        (50, 100),
        (75, 100),
        (100, 100),
        (550, 100),
        (1000, 100),
    )


def test_ticks_follow_the_points_timing_not_the_length():
    line = [(0.0, 0.0), (1000.0, 0.0)]
    slow_start = ease(line, "ease-in", size=(1280, 720), count=77)

    marks = np.asarray(ticks(slow_start))

    assert len(marks) == 11
    assert marks[0] == pytest.approx((0, 0))
    assert marks[-1] == pytest.approx((1000, 0))
    # At a tenth of the time an ease-in has gone a thousandth of the way (t³).
    assert marks[1] == pytest.approx((1, 0), abs=0.2)
    assert (np.diff(steps(marks)) > 0).all()
