"""Brush → end frame: each dynamic area ends moved whole by its path, the static area keeps the
picture's very pixels, the places the areas left are filled with background, losses are noted,
and the emulator's last frame of the same brush puts every area in the same place."""

from __future__ import annotations

import io
import math
from collections.abc import Callable

import numpy as np
import pytest
from PIL import Image

from kling_studio.api.input_error import InputError
from kling_studio.emulator.brush import Brush, Stroke
from kling_studio.emulator.frames import frame_jobs
from kling_studio.emulator.scenes import image_scene
from kling_studio.motion import EndFrame, end_frame
from kling_studio.samples import boat_silhouette, landscape, sky_mask

Picture = np.ndarray
Mask = np.ndarray
Colour = Callable[[Picture], Mask]

HULL: Colour = lambda rgb: (rgb[..., 0] > 150) & (rgb[..., 1] < 90) & (rgb[..., 2] < 90)  # noqa: E731
SUN: Colour = lambda rgb: (rgb[..., 0] > 230) & (rgb[..., 1] > 195) & (rgb[..., 2] < 130)  # noqa: E731
RED, YELLOW = (230, 30, 30), (240, 220, 20)


def centre(mask: Mask) -> np.ndarray:
    rows, columns = np.nonzero(mask)
    return np.array([columns.mean(), rows.mean()])


def tiles(width: int = 300, height: int = 200, seed: int = 3) -> Picture:
    """Random muted 10 px tiles: never red nor yellow, and every pixel tells where it is."""
    rng = np.random.default_rng(seed)
    shape = (-(-height // 10), -(-width // 10), 3)
    coarse = rng.integers(40, 160, shape).astype(np.uint8)
    return coarse.repeat(10, axis=0).repeat(10, axis=1)[:height, :width].copy()


def square(shape: tuple[int, int], left: int, top: int, side: int) -> Mask:
    mask = np.zeros(shape, dtype=bool)
    mask[max(0, top) : top + side, max(0, left) : left + side] = True
    return mask


def painted(picture: Picture, mask: Mask, colour: tuple[int, int, int]) -> Picture:
    out = picture.copy()
    out[mask] = colour
    return out


def test_the_boat_sails_to_its_paths_end_and_leaves_water_behind() -> None:
    width, height = 1280, 720
    picture = np.asarray(landscape(width, height))
    boat, sky = boat_silhouette(width, height), sky_mask(width, height)
    start = centre(boat)
    path = [tuple(start), (start[0] + 200, start[1] + 30), (start[0] + 420, start[1] + 50)]
    done = end_frame(picture, static=sky, areas=[(boat, path)])
    diagonal = math.hypot(width, height)
    assert math.dist(done.moved[0], path[-1]) < 0.02 * diagonal
    hull_then, hull_now = centre(HULL(picture)), centre(HULL(done.image))
    assert math.dist(hull_now - hull_then, (420, 50)) < 0.02 * diagonal, "the hull went along"
    assert np.array_equal(done.image[sky], picture[sky]), "the static area is the picture's"
    left = boat & ~sky & ~np.roll(boat, (50, 420), axis=(0, 1))
    assert HULL(done.image)[left].mean() < 0.01, "the hull's red has left its old place"
    water = picture[int(0.9 * height) :, : int(0.2 * width)].reshape(-1, 3).mean(axis=0)
    assert np.abs(done.image[left & ~HULL(picture)].mean(axis=0) - water).max() < 40
    assert done.notes == ()


def test_a_moved_area_landing_on_the_static_area_goes_under_it() -> None:
    picture = tiles()
    shape = picture.shape[:2]
    static = np.zeros(shape, dtype=bool)
    static[:, :100] = True
    mover = square(shape, 150, 80, 40)
    picture = painted(picture, mover, RED)
    done = end_frame(picture, static=static, areas=[(mover, [(170, 100), (110, 100)])])
    assert np.array_equal(done.image[static], picture[static])
    assert done.moved[0] == pytest.approx((109.5, 99.5))
    assert done.notes == ("dynamic 1 ends under the static area: 25 % of it is hidden",)
    assert (done.image[80:120, 100:130] == RED).all(), "the rest of it is there"


def test_the_hole_an_area_leaves_is_filled_from_around_it_not_with_the_area() -> None:
    picture = tiles(seed=5)
    shape = picture.shape[:2]
    mover = square(shape, 40, 60, 50)
    picture = painted(picture, mover, RED)
    done = end_frame(picture, static=None, areas=[(mover, [(65, 85), (225, 125)])])
    hole = done.image[mover].astype(int)
    assert HULL(done.image)[mover].mean() == 0
    assert np.abs(hole.mean(axis=0) - tiles(seed=5).reshape(-1, 3).mean(axis=0)).max() < 35
    untouched = ~square(shape, 30, 50, 70) & ~square(shape, 200, 100, 50)
    assert np.array_equal(done.image[untouched], picture[untouched]), "only the hole is filled"


def test_an_area_pushed_partly_out_of_the_picture_gets_a_note() -> None:
    picture = tiles()
    shape = picture.shape[:2]
    stays, leaves = square(shape, 20, 20, 40), square(shape, 200, 100, 40)
    done = end_frame(
        picture,
        static=None,
        areas=[(stays, [(40, 40), (60, 40)]), (leaves, [(220, 120), (294, 120)])],
    )
    assert done.notes == ("dynamic 2 leaves the picture at its path's end: 35 % of it is cut off",)
    assert done.moved[1] == pytest.approx((293.5, 119.5)), "its centroid, though cut off"
    gone = end_frame(picture, static=None, areas=[(leaves, [(0, 0), (0, -400)])])
    assert gone.notes == ("dynamic 1 leaves the picture at its path's end: 100 % of it is cut off",)


def test_several_areas_move_in_order_a_later_one_over_an_earlier_one() -> None:
    picture = tiles()
    shape = picture.shape[:2]
    red, yellow = square(shape, 20, 20, 40), square(shape, 200, 120, 40)
    picture = painted(painted(picture, red, RED), yellow, YELLOW)
    meet = (150, 100)
    done = end_frame(
        picture,
        static=None,
        areas=[(red, [(40, 40), (90, 40), meet]), (yellow, [(220, 140), meet])],
    )
    assert np.array(done.moved) == pytest.approx(np.array([(149.5, 99.5)] * 2))
    assert (done.image[80:120, 130:170] == YELLOW).all(), "the later area on top"
    assert not (done.image == RED).all(axis=2).any()


def test_the_end_frame_encodes_as_png() -> None:
    picture = tiles()
    done = end_frame(
        picture, static=None, areas=[(square(picture.shape[:2], 5, 5, 9), [(9, 9), (99, 9)])]
    )
    assert isinstance(done, EndFrame)
    assert np.array_equal(np.asarray(Image.open(io.BytesIO(done.png()))), done.image)


SHAPE = (200, 300)
GOOD = square(SHAPE, 10, 10, 20)


@pytest.mark.parametrize(
    ("call", "field", "rule"),
    [
        ({"areas": [(np.ones((100, 300), bool), [(0, 0), (9, 9)])]}, "areas[0].mask", "size"),
        ({"static": np.ones((200, 301), bool)}, "static", "size"),
        ({"areas": [(GOOD, [(0, 0), (1, 1)]), (GOOD, [(5, 5)])]}, "areas[1].path", "two"),
        (
            {"areas": [(GOOD, [(0, 0), (1, 1)]), (~np.ones(SHAPE, bool), [(0, 0), (1, 1)])]},
            "areas[1].mask",
            "painted",
        ),
        ({"static": np.zeros(SHAPE, bool)}, "static", "painted"),
        ({"areas": []}, "areas", "at least one"),
        ({"picture": np.zeros(SHAPE, np.uint8)}, "picture", "H×W×3"),
        ({"picture": np.zeros((*SHAPE, 3), np.float32)}, "picture", "uint8"),
    ],
)
def test_bad_input_is_refused_naming_the_field(call: dict, field: str, rule: str) -> None:
    arguments = {
        "picture": tiles(),
        "static": None,
        "areas": [(GOOD, [(20, 20), (40, 20)])],
        **call,
    }
    with pytest.raises(InputError) as refused:
        end_frame(arguments.pop("picture"), **arguments)
    assert refused.value.field == field and rule in refused.value.rule


def test_the_emulators_last_frame_and_the_end_frame_put_each_area_in_the_same_place() -> None:
    width, height = 640, 360  # the emulator renders kling-v1 at 1280×720: twice the picture
    picture = np.asarray(landscape(width, height))
    boat = boat_silhouette(width, height)
    sun = square((height, width), int(0.6 * width), int(0.1 * height), int(0.16 * width))
    still = np.zeros((height, width), dtype=bool)
    still[int(0.93 * height) :] = True
    paths = [
        [(190.0, 260.0), (300.0, 250.0), (430.0, 290.0)],
        [(430.0, 80.0), (360.0, 50.0), (250.0, 60.0)],
    ]
    ours = end_frame(picture, static=still, areas=[(boat, paths[0]), (sun, paths[1])])

    def wire(path: list[tuple[float, float]]) -> tuple[tuple[int, int], ...]:
        return tuple((round(x), round(height - 1 - y)) for x, y in path)

    def grey(mask: Mask) -> Image.Image:
        return Image.fromarray(mask.astype(np.uint8) * 255, "L")

    brush = Brush(
        (width, height),
        static=grey(still),
        strokes=tuple(
            Stroke(grey(mask), wire(path)) for mask, path in zip((boat, sun), paths, strict=True)
        ),
    )
    scene = image_scene(
        Image.fromarray(picture), None, brush=brush, short_side=720, fps=24, seconds=5
    )
    *_, last = frame_jobs(scene)
    theirs = np.asarray(last())
    scale = scene.size[0] / width
    diagonal = math.hypot(width, height)
    for colour in (HULL, SUN):
        assert (
            math.dist(centre(colour(theirs)) / scale, centre(colour(ours.image))) < 0.02 * diagonal
        )
    for moved, mask, path in zip(ours.moved, (boat, sun), paths, strict=True):
        assert math.dist(moved, centre(mask) + np.subtract(path[-1], path[0])) < 1
