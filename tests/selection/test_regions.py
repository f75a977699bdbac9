"""Colour select (flood fill with a tolerance) and the superpixel brush."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from kling_studio.api.input_error import InputError
from kling_studio.selection import Superpixels, flood_fill


def lab_stripes() -> np.ndarray:
    """Five vertical stripes, 120 px wide, whose lightness steps away from the middle one's:
    ΔE 0 (middle), 10 (its neighbours), 30 (the outer two)."""
    lightness = [20.0, 40.0, 50.0, 40.0, 20.0]
    lab = np.zeros((200, 600, 3), np.float32)
    for index, value in enumerate(lightness):
        lab[:, index * 120 : (index + 1) * 120] = (value + 30, 0, 0)
    rgb = cv2.cvtColor(lab, cv2.COLOR_LAB2RGB)
    return np.clip(np.round(rgb * 255), 0, 255).astype(np.uint8)


@pytest.mark.parametrize(("tolerance", "stripes"), [(5, [2]), (15, [1, 2, 3]), (35, range(5))])
def test_flood_fill_takes_what_is_within_the_tolerance(tolerance: float, stripes):
    mask = flood_fill(lab_stripes(), (300, 100), tolerance)
    expected = np.zeros((200, 600), bool)
    for index in stripes:
        expected[:, index * 120 : (index + 1) * 120] = True
    assert np.array_equal(mask, expected)


def test_flood_fill_stops_at_a_gap_even_when_the_colour_comes_back():
    image = np.full((100, 300, 3), 200, np.uint8)
    image[:, 140:160] = (20, 20, 20)
    mask = flood_fill(image, (50, 50), 10)
    assert mask[:, :140].all()
    assert not mask[:, 140:].any()


def test_flood_fill_with_no_tolerance_still_takes_the_clicked_pixel():
    rng = np.random.default_rng(2)
    image = rng.integers(0, 256, (60, 80, 3), dtype=np.uint8)
    assert flood_fill(image, (40, 30), 0)[30, 40]


def test_a_tolerance_past_100_is_refused():
    with pytest.raises(InputError, match="between 0 and 100") as refused:
        flood_fill(lab_stripes(), (10, 10), 140)
    assert refused.value.field == "tolerance"


def blocks() -> tuple[np.ndarray, np.ndarray]:
    """Four flat colours in quadrants of a 1280×720 picture, with grain; and the top-left one."""
    rng = np.random.default_rng(4)
    image = np.zeros((720, 1280, 3), np.float32)
    for (top, left), colour in zip(
        [(0, 0), (0, 640), (360, 0), (360, 640)],
        [(200, 60, 60), (60, 160, 70), (50, 70, 190), (220, 200, 80)],
        strict=True,
    ):
        image[top : top + 360, left : left + 640] = colour
    image += rng.normal(0, 6, image.shape)
    top_left = np.zeros((720, 1280), bool)
    top_left[:360, :640] = True
    return np.clip(image, 0, 255).astype(np.uint8), top_left


def test_a_superpixel_stroke_paints_the_whole_regions_it_touches():
    image, top_left = blocks()
    regions = Superpixels.of(image)
    painted = regions.under_stroke([(100, 100), (300, 200), (500, 120)], radius=6)
    assert painted.shape == top_left.shape
    assert not (painted & ~top_left).any()
    region_sizes = np.bincount(regions.labels.ravel())
    touched = np.unique(regions.labels[painted[:: regions.factor, :: regions.factor]])
    stroke_area = 2 * 6 * 450
    assert region_sizes[touched].sum() * regions.factor**2 > 3 * stroke_area


def test_a_superpixel_stroke_across_an_edge_paints_both_sides():
    image, top_left = blocks()
    painted = Superpixels.of(image).under_stroke([(600, 100), (700, 100)], radius=4)
    assert (painted & top_left).any()
    assert (painted[:360, 640:]).any()
    assert not painted[360:].any()


def test_superpixels_are_computed_once_and_cover_the_picture():
    image, _ = blocks()
    regions = Superpixels.of(image)
    assert regions.count > 100
    assert regions.under_stroke([(5, 5)], radius=2).shape == (720, 1280)


def test_superpixels_of_a_picture_smaller_than_a_region():
    """OpenCV's SLIC crashes the process when its region is larger than the picture."""
    tiny = np.random.default_rng(5).integers(0, 256, (8, 8, 3), dtype=np.uint8)
    assert Superpixels.of(tiny).under_stroke([(4, 4)], radius=1).any()
