"""Trajectories: one y flip to Kling's bottom-left origin; 2–77 distinct points inside the image."""

from __future__ import annotations

import numpy as np
import pytest
from tests.paths.helpers import distances_to_polyline

from kling_studio.api.images import ImageError
from kling_studio.api.trajectory import from_wire, normalise_path, to_wire

SIZE = (1280, 720)


def spiral(count: int) -> np.ndarray:
    turn = np.linspace(0, 6 * np.pi, count)
    radius = 60 + 240 * turn / turn[-1]
    return np.column_stack([640 + radius * np.cos(turn), 360 + 0.9 * radius * np.sin(turn)])


# --- the flip ------------------------------------------------------------------------------------


def test_a_point_near_the_top_gets_a_large_wire_y():
    assert to_wire([(10, 0), (10, 5)], 720) == [{"x": 10, "y": 719}, {"x": 10, "y": 714}]


def test_the_bottom_row_is_wire_row_zero():
    assert to_wire([(0, 719)], 720) == [{"x": 0, "y": 0}]


def test_fractions_round_half_up_before_the_flip():
    assert to_wire([(10.5, 2.5), (10.4, 2.49)], 720) == [{"x": 11, "y": 716}, {"x": 10, "y": 717}]


def test_from_wire_undoes_to_wire():
    points = [(0, 0), (1279, 719), (640, 17), (3, 700)]
    assert from_wire(to_wire(points, 720), 720) == points
    wire = [{"x": 5, "y": 0}, {"x": 6, "y": 719}]
    assert to_wire(from_wire(wire, 720), 720) == wire


def test_a_path_result_sends_flipped_points():
    path = normalise_path([(100, 10), (200, 700)], size=SIZE, field="t")
    assert path.points == ((100, 10), (200, 700))
    assert path.wire() == [{"x": 100, "y": 709}, {"x": 200, "y": 19}]


# --- accepted shapes -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "points",
    [
        [(1, 2), (30, 40)],
        [[1.2, 2.4], [29.6, 40.1]],
        [{"x": 1, "y": 2}, {"x": 30, "y": 40}],
        np.array([[1, 2], [30, 40]]),
    ],
    ids=["tuples", "float lists", "dicts", "array"],
)
def test_pairs_dicts_and_arrays_are_all_accepted(points):
    assert normalise_path(points, size=SIZE, field="t").points == ((1, 2), (30, 40))


def test_consecutive_duplicates_are_dropped_with_a_note():
    path = normalise_path([(1, 1), (1, 1), (5, 5), (5.2, 4.9), (1, 1)], size=SIZE, field="t")
    assert path.points == ((1, 1), (5, 5), (1, 1))
    assert path.notes == ("dropped 2 repeated consecutive points",)
    one = normalise_path([(1, 1), (1, 1), (5, 5)], size=SIZE, field="t")
    assert one.notes == ("dropped 1 repeated consecutive point",)


def test_edges_of_the_image_are_inside():
    points = [(0, 0), (1279, 719), (-0.4, 719.4)]
    assert normalise_path(points, size=SIZE, field="t").points == ((0, 0), (1279, 719), (0, 719))


# --- refusals ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "points",
    [[], [(5, 5)], [(5, 5), (5, 5)], [(5, 5), (5.3, 4.8)]],
    ids=["none", "one", "repeated", "same pixel"],
)
def test_fewer_than_two_distinct_points_are_refused(points):
    with pytest.raises(ImageError, match="at least 2 distinct points"):
        normalise_path(points, size=SIZE, field="t")


@pytest.mark.parametrize(
    ("bad", "shown"),
    [((-1, 5), "(-1, 5)"), ((1280, 5), "(1280, 5)"), ((5, 720), "(5, 720)"), ((5, -0.6), "-0.6")],
)
def test_points_outside_the_image_are_refused(bad, shown):
    with pytest.raises(ImageError) as caught:
        normalise_path([(10, 10), bad], size=SIZE, field="dynamic_masks[0].trajectories")
    error = caught.value
    assert error.field == "dynamic_masks[0].trajectories"
    assert "inside the 1280×720 image" in error.rule
    assert "point 1" in error.value
    assert shown in error.value
    assert all(part in str(error) for part in (error.field, error.rule, error.value))


@pytest.mark.parametrize(
    "points",
    [[(1, 2, 3), (4, 5, 6)], [{"x": 1}, {"x": 2}], "abc", [(1, 2), (np.nan, 3)], 7],
    ids=["triples", "dict without y", "text", "nan", "number"],
)
def test_things_that_are_not_points_are_refused(points):
    with pytest.raises(ImageError, match=r"must be|finite") as caught:
        normalise_path(points, size=SIZE, field="t")
    assert caught.value.field == "t"


# --- resampling ----------------------------------------------------------------------------------


def test_a_long_spiral_is_resampled_to_77_points_on_its_own_path():
    original = spiral(500)
    path = normalise_path(original, size=SIZE, field="t")
    points = np.array(path.points, dtype=float)
    assert len(points) == 77
    assert path.points[0] == (700, 360)
    assert tuple(points[-1]) == tuple(np.floor(original[-1] + 0.5))
    assert path.notes == ("resampled from 500 to 77 points (Kling takes at most 77)",)
    # Every kept point lies on the drawn path, up to rounding to pixels (twice: in and out) …
    assert distances_to_polyline(points, original).max() < 1.5
    # … evenly spaced …
    steps = np.hypot(*np.diff(points, axis=0).T)
    assert steps.max() < 1.1 * steps.mean()
    # … and the drawn path strays from the kept one by no more than a chord's bow on the
    # tightest (60 px) turn, plus rounding: the shape survives.
    bow = steps.max() ** 2 / (8 * 60)
    assert distances_to_polyline(original, points).max() < bow + 1.5


@pytest.mark.parametrize("count", [2, 77])
def test_paths_within_the_limit_are_kept_as_drawn(count):
    original = np.round(spiral(count))
    path = normalise_path(original, size=SIZE, field="t")
    assert path.points == tuple((int(x), int(y)) for x, y in original)
    assert path.notes == ()


def test_78_points_become_77():
    assert len(normalise_path(spiral(78), size=SIZE, field="t").points) == 77
