"""Grow, shrink, feather, fill holes, invert, and the brush's stamp."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from kling_studio.api.input_error import InputError
from kling_studio.selection import brush_stamp, feather, fill_holes, grow, invert, shrink

from .scenes import iou


def square(left: int, top: int, side: int, shape=(300, 400)) -> np.ndarray:
    mask = np.zeros(shape, bool)
    mask[top : top + side, left : left + side] = True
    return mask


def edges_of(mask: np.ndarray) -> tuple[int, int, int, int]:
    rows, columns = np.nonzero(mask)
    return int(columns.min()), int(rows.min()), int(columns.max()), int(rows.max())


@pytest.mark.parametrize("by", [1, 5, 12])
def test_growing_by_n_moves_every_side_out_by_n(by: int):
    grown = grow(square(100, 80, 100), by)
    assert edges_of(grown) == (100 - by, 80 - by, 199 + by, 179 + by)
    assert grown[80 - by, 150] and grown[130, 100 - by]
    assert not grown[80 - by, 100 - by]  # corners round off: exact distances, not a box


@pytest.mark.parametrize("by", [1, 5, 12])
def test_shrinking_by_n_moves_every_side_in_by_n(by: int):
    assert edges_of(shrink(square(100, 80, 100), by)) == (100 + by, 80 + by, 199 - by, 179 - by)


def test_growing_a_disc_gives_the_bigger_disc():
    small, big = np.zeros((300, 400), np.uint8), np.zeros((300, 400), np.uint8)
    cv2.circle(small, (200, 150), 60, 1, -1)
    cv2.circle(big, (200, 150), 70, 1, -1)
    assert iou(grow(small > 0, 10), big > 0) >= 0.98


def test_growing_by_zero_or_shrinking_everything_away():
    mask = square(10, 10, 6)
    assert np.array_equal(grow(mask, 0), mask)
    assert not shrink(mask, 3).any()


def test_fill_holes_fills_what_is_enclosed_only():
    ring = square(50, 50, 100)
    ring[80:120, 80:120] = False  # a hole
    ring[130:140, 60:70] = False  # a smaller one
    notch = square(0, 0, 40)
    notch[0:10, 10:20] = False  # open to the picture's edge: not a hole
    filled = fill_holes(ring | notch)
    assert np.array_equal(filled, square(50, 50, 100) | notch)
    only_small = fill_holes(ring | notch, max_area=200)
    assert not only_small[100, 100]
    assert only_small[135, 65]


def test_invert_swaps_selected_and_unselected():
    mask = square(10, 10, 50)
    assert np.array_equal(invert(mask), ~mask)
    assert np.array_equal(invert(invert(mask)), mask)


@pytest.mark.parametrize("off_by", [3, -3])
def test_feathering_brings_a_loose_edge_onto_the_pictures_edge(off_by: int):
    rng = np.random.default_rng(0)
    picture = np.full((300, 400, 3), (50, 110, 70), np.float32)
    picture[80:220, 120:280] = (220, 70, 60)
    grainy = np.clip(picture + rng.normal(0, 10, picture.shape), 0, 255).astype(np.uint8)
    truth = np.zeros((300, 400), bool)
    truth[80:220, 120:280] = True
    loose = grow(truth, off_by)
    assert iou(loose, truth) < 0.93
    assert iou(feather(loose, grainy, radius=10), truth) >= 0.98


def test_feathering_needs_the_pictures_size():
    with pytest.raises(InputError, match="400×300 mask"):
        feather(np.zeros((10, 10), bool), np.zeros((300, 400, 3), np.uint8))


def test_a_hard_brush_is_a_solid_disc():
    stamp = brush_stamp(10, hardness=1.0)
    assert stamp.shape == (21, 21)
    assert stamp.dtype == np.float32
    assert stamp[10, 10] == 1 and stamp[10, 1] == 1  # full up to a pixel from the rim
    assert stamp[10, 0] == 0 and stamp[0, 0] == 0


def test_a_soft_brush_fades_from_the_centre():
    stamp = brush_stamp(10, hardness=0.0)
    row = stamp[10, 10:]
    assert row[0] == 1
    assert np.all(np.diff(row) < 0)
    assert row[-1] == 0


def test_a_half_hard_brush_is_solid_to_half_its_radius():
    stamp = brush_stamp(10, hardness=0.5)
    assert stamp[10, 15] == 1
    assert 0 < stamp[10, 18] < 1


@pytest.mark.parametrize(
    ("radius", "hardness", "field"), [(0, 0.5, "radius"), (5, 1.5, "hardness")]
)
def test_a_brush_out_of_range_is_refused(radius, hardness, field):
    with pytest.raises(InputError) as refused:
        brush_stamp(radius, hardness)
    assert refused.value.field == field
