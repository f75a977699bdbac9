"""A click, a shift-click, an alt-click and a box on pictures whose true mask is known."""

from __future__ import annotations

import numpy as np
import pytest

from kling_studio.api.input_error import InputError
from kling_studio.samples import boat_mask, boat_silhouette, landscape
from kling_studio.selection import select

from .conftest import scene
from .scenes import SYNTHETIC, composite, disc, iou, synthetic


@pytest.mark.parametrize(("shape", "background"), SYNTHETIC)
def test_a_click_on_a_shape_selects_the_shape(shape: str, background: str):
    picture = scene(shape, background)
    assert iou(select(picture.image, point=picture.click).mask, picture.truth) >= 0.9


def test_a_click_on_a_12_megapixel_photo_selects_the_shape():
    picture = synthetic("star", "noisy", (4000, 3000))
    assert iou(select(picture.image, point=picture.click).mask, picture.truth) >= 0.9


def test_a_click_on_a_photographic_subject_selects_it():
    picture = composite("disc", "wood", "chelsea", (1280, 720))
    assert iou(select(picture.image, point=picture.click).mask, picture.truth) >= 0.9


def test_a_box_around_a_star_selects_the_star():
    picture = scene("star", "textured")
    assert iou(select(picture.image, box=picture.box).mask, picture.truth) >= 0.9


def test_a_click_in_a_box_keeps_the_piece_under_the_click():
    image, left, right = two_discs()
    chosen = select(image, point=(950, 360), box=(150, 150, 1120, 560)).mask
    assert iou(chosen, right) >= 0.9
    assert not (chosen & left).any()


def test_a_box_dragged_from_its_far_corner_is_the_same_box():
    picture = scene("blob", "gradient")
    x0, y0, x1, y1 = picture.box
    forward = select(picture.image, box=(x0, y0, x1, y1)).mask
    assert np.array_equal(forward, select(picture.image, box=(x1, y1, x0, y0)).mask)


def test_the_same_click_gives_the_same_mask():
    picture = scene("blob", "textured")
    first = select(picture.image, point=picture.click).mask
    assert np.array_equal(first, select(picture.image, point=picture.click).mask)


def two_discs() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A red disc on the left and a blue one on the right, on grey grain."""
    size = (1280, 720)
    left, right = disc((330, 360), 150, size) >= 0.5, disc((950, 360), 120, size) >= 0.5
    rng = np.random.default_rng(1)
    image = np.full((720, 1280, 3), 128.0) + rng.normal(0, 8, (720, 1280, 3))
    image[left], image[right] = (210, 50, 50), (40, 70, 200)
    return np.clip(image, 0, 255).astype(np.uint8), left, right


def test_shift_click_adds_a_second_object():
    image, left, right = two_discs()
    first = select(image, point=(330, 360)).mask
    both = select(image, point=(950, 360), add=True, previous=first).mask
    assert iou(first, left) >= 0.9
    assert iou(both, left | right) >= 0.9


def test_alt_click_removes_an_object():
    image, left, right = two_discs()
    removed = select(image, point=(950, 360), remove=True, previous=left | right).mask
    assert iou(removed, left) >= 0.9


def test_adding_with_nothing_selected_yet_selects_the_object():
    image, left, _ = two_discs()
    assert iou(select(image, point=(330, 360), add=True).mask, left) >= 0.9


def test_the_boat_is_its_hull_clicked_and_its_sail_shift_clicked():
    """The sample's boat is two objects (a strip of water between hull and sail), so it takes a
    click and a shift-click; the result stays inside the sample's ``boat_mask`` rectangle."""
    picture = np.asarray(landscape(1280, 720))
    hull = select(picture, point=(384, 558)).mask
    boat = select(picture, point=(400, 500), add=True, previous=hull).mask
    assert iou(boat, boat_silhouette(1280, 720)) >= 0.9
    assert not (boat & ~boat_mask(1280, 720)).any()


def test_a_box_around_the_boat_selects_hull_and_sail():
    picture = np.asarray(landscape(1280, 720))
    rows, columns = np.nonzero(boat_mask(1280, 720))
    box = (columns.min(), rows.min(), columns.max(), rows.max())
    assert iou(select(picture, box=box).mask, boat_silhouette(1280, 720)) >= 0.9


def test_the_answer_says_how_long_each_step_took():
    picture = scene("disc", "noisy")
    timings = select(picture.image, point=picture.click).timings
    assert list(timings) == ["downscale", "search", "edge", "snap"]
    assert all(ms >= 0 for ms in timings.values())


@pytest.mark.parametrize(
    ("arguments", "field", "words"),
    [
        ({"point": (1280, 10)}, "point", "must lie on the 1280×720 picture"),
        ({}, "point", "a click or a box"),
        ({"point": (10, 10), "add": True, "remove": True}, "remove", "both add and remove"),
        ({"box": (5, 5, 6, 6)}, "box", "at least 2×2 pixels"),
        ({"point": (600, 300), "box": (0, 0, 100, 100)}, "point", "inside the box"),
        ({"point": (10, 10), "previous": np.zeros((10, 10), bool)}, "previous", "1280×720 mask"),
    ],
)
def test_what_cannot_be_done_is_refused_by_name(arguments, field, words):
    with pytest.raises(InputError, match=words) as refused:
        select(scene("disc", "noisy").image, **arguments)
    assert refused.value.field == field


def test_a_picture_that_is_not_rgb_bytes_is_refused():
    with pytest.raises(InputError, match=r"H×W×3 uint8 RGB array \(got an array of shape"):
        select(np.zeros((100, 100), np.float32), point=(5, 5))
