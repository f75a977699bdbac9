"""Presets for a selected path: shapes keep their ends, ease re-times without reshaping, reverse
undoes itself; every point stays on the picture."""

from __future__ import annotations

import math

import numpy as np
import pytest

from kling_studio.api.input_error import InputError
from kling_studio.paths import EASINGS, arc, ease, reverse, straight
from kling_studio.paths.presets import CURVE_POINTS

from .helpers import distances_to_polyline, steps

SIZE = (1280, 720)
WIGGLE = [(100.0, 400.0), (180.0, 330.0), (300.0, 420.0), (420.0, 300.0), (600.0, 380.0)]
"""A hand-drawn path going right."""


def smooth_path(count: int) -> np.ndarray:
    """A gentle S through the picture, evenly timed."""
    t = np.linspace(0, 1, count)
    return np.column_stack([200 + 800 * t, 360 + 150 * np.sin(2 * math.pi * t)])


def on_picture(points) -> bool:
    xy = np.asarray(points)
    return bool(
        (xy >= 0).all() and (xy[:, 0] <= SIZE[0] - 1).all() and (xy[:, 1] <= SIZE[1] - 1).all()
    )


def test_straight_joins_the_ends_with_as_many_evenly_spaced_points():
    line = np.asarray(straight(WIGGLE, size=SIZE))

    assert len(line) == len(WIGGLE)
    assert tuple(line[0]) == WIGGLE[0]
    assert tuple(line[-1]) == WIGGLE[-1]
    assert distances_to_polyline(line, line[[0, -1]]).max() < 1e-9
    assert np.ptp(steps(line)) < 1e-9


@pytest.mark.parametrize("bend", [0.1, 0.25, 0.5, 0.8, -0.3])
def test_an_arc_keeps_the_ends_and_bulges_by_its_share_of_the_chord(bend):
    path = [(x, y + 1000) for x, y in WIGGLE]  # room on both sides, even for a big bend
    start, end = np.array(path[0]), np.array(path[-1])
    chord = float(np.hypot(*(end - start)))

    curve = np.asarray(arc(path, bend, size=(2000, 2000)))

    assert len(curve) == CURVE_POINTS  # a short path gets enough points to bend
    assert tuple(curve[0]) == path[0]
    assert tuple(curve[-1]) == path[-1]
    # Signed distance from the chord, positive to the left of travel as seen on the picture.
    direction = (end - start) / chord
    left = np.array([direction[1], -direction[0]])
    offsets = (curve - start) @ left
    peak = offsets.max() if bend > 0 else -offsets.min()
    assert peak == pytest.approx(abs(bend) * chord, rel=1e-9)  # an odd count: the apex is a point
    assert (np.sign(offsets[1:-1]) == np.sign(bend)).all()
    assert np.ptp(steps(curve)) < 1e-6  # evenly spaced: constant speed


def test_a_positive_bend_on_a_path_going_right_bulges_upwards_on_the_picture():
    curve = np.asarray(arc([(100, 500), (700, 500)], 0.5, size=SIZE))

    assert curve[:, 1].min() == pytest.approx(200, abs=1)  # a half circle of radius 300, over y=500
    middle = np.asarray(arc([(100, 500), (400, 480), (700, 500)], 0.5, size=SIZE, count=3))[1]
    assert middle == pytest.approx((400, 200))


def test_an_arc_lies_on_one_circle():
    curve = np.asarray(arc(smooth_path(40), -0.35, size=SIZE))
    a, b, c = curve[0], curve[len(curve) // 2], curve[-1]
    # The circle through three of its points: the others are on it too.
    matrix = 2 * np.array([b - a, c - a])
    centre = np.linalg.solve(matrix, [b @ b - a @ a, c @ c - a @ a])
    radii = np.hypot(*(curve - centre).T)
    assert np.ptp(radii) < 1e-6


def test_an_arc_that_would_leave_the_picture_is_clamped_to_it():
    curve = arc([(100, 100), (700, 100)], 0.8, size=SIZE)

    assert on_picture(curve)
    assert min(y for _, y in curve) == 0


def test_an_arc_needs_its_ends_apart_and_a_finite_bend():
    with pytest.raises(InputError) as same_ends:
        arc([(5, 5), (50, 9), (5, 5)], 0.3, size=SIZE)
    with pytest.raises(InputError) as endless:
        arc(WIGGLE, math.inf, size=SIZE)

    assert same_ends.value.field == "path"
    assert endless.value.field == "bend"


def test_a_zero_bend_is_the_straight_line():
    assert arc(WIGGLE, 0.0, size=SIZE, count=len(WIGGLE)) == straight(WIGGLE, size=SIZE)


@pytest.mark.parametrize("kind", EASINGS)
def test_ease_changes_the_spacing_not_the_line(kind):
    path = smooth_path(77)

    eased = np.asarray(ease(path, kind, size=SIZE))

    assert len(eased) == len(path)
    assert tuple(eased[0]) == tuple(path[0])
    assert tuple(eased[-1]) == tuple(path[-1])
    assert distances_to_polyline(eased, path).max() < 1e-9
    assert (np.diff(np.hypot(*(eased - path[0]).T)[:3]) >= 0).all()  # it moves forward


def test_each_easing_crowds_its_points_where_it_is_slow():
    path = smooth_path(77)
    gaps = {kind: steps(ease(path, kind, size=SIZE)) for kind in EASINGS}
    middle = slice(36, 40)

    assert np.ptp(gaps["linear"]) < 0.1 * gaps["linear"].mean()
    assert gaps["ease-in"][:3].mean() < gaps["ease-in"][-3:].mean() / 10
    assert gaps["ease-out"][-3:].mean() < gaps["ease-out"][:3].mean() / 10
    in_out = gaps["ease-in-out"]
    assert max(in_out[:3].mean(), in_out[-3:].mean()) < in_out[middle].mean() / 10


def test_ease_can_spread_a_two_point_path_over_more_points():
    eased = ease([(100, 100), (500, 100)], "ease-in", size=SIZE, count=5)

    assert eased == ((100, 100), (106.25, 100), (150, 100), (268.75, 100), (500, 100))


def test_a_two_point_line_eases_over_enough_points_to_show_it():
    eased = ease([(100, 100), (500, 100)], "ease-out", size=SIZE)

    assert len(eased) == CURVE_POINTS
    assert steps(eased)[0] > 10 * steps(eased)[-1]


def test_fewer_than_two_points_cannot_be_asked_for():
    with pytest.raises(InputError) as refused:
        arc(WIGGLE, 0.2, size=SIZE, count=1)

    assert refused.value.field == "count"


def test_an_unknown_easing_names_the_choices():
    with pytest.raises(InputError) as refused:
        ease(WIGGLE, "bounce", size=SIZE)

    assert refused.value.field == "kind"
    assert "ease-in-out" in refused.value.rule


def test_reverse_swaps_the_ends_and_is_its_own_inverse():
    backwards = reverse(WIGGLE)

    assert backwards[0] == WIGGLE[-1]
    assert backwards[-1] == WIGGLE[0]
    assert reverse(backwards) == tuple(WIGGLE)


@pytest.mark.parametrize(
    "path", [[], [(1, 2)], [(1, 2, 3), (4, 5, 6)], [(1, float("nan")), (2, 2)], "ab"]
)
def test_a_path_that_is_not_two_or_more_points_is_refused(path):
    with pytest.raises(InputError) as refused:
        straight(path, size=SIZE)

    assert refused.value.field == "path"
