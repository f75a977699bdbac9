"""The brush's shared scene: timing along a path, whole-pixel travel, cut-outs and one moment
composed in paste order. The emulator's clips and the end frame both draw with it."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest
from PIL import Image

from kling_studio.brushwork import END, along, composed, cut, left_behind, offsets, stacked


def area(size: tuple[int, int], box: tuple[int, int, int, int]) -> Image.Image:
    """An L mask of ``size`` painted over ``box`` (left, top, right, bottom; right/bottom out)."""
    mask = np.zeros((size[1], size[0]), dtype=np.uint8)
    mask[box[1] : box[3], box[0] : box[2]] = 255
    return Image.fromarray(mask, "L")


def test_an_eased_path_starts_slowly_and_a_straight_one_keeps_its_speed() -> None:
    straight = np.column_stack([np.linspace(0, 100, 11), np.zeros(11)])
    eased = np.column_stack([100 * np.linspace(0, 1, 11) ** 3, np.zeros(11)])
    quarter = np.array([0.25])
    assert along(straight, quarter)[0, 0] == pytest.approx(25)
    assert along(eased, quarter)[0, 0] < 5, "crowded points at the start: a slow start"


def test_an_area_ends_moved_by_its_path_end_minus_start_in_whole_scaled_pixels() -> None:
    path = np.array([[10.0, 20.0], [200.0, 5.0], [40.3, 61.6]])
    assert offsets(path, END).tolist() == [[30, 42]], "the detour does not count at the end"
    assert offsets(path, END, 2.4).tolist() == [[73, 100]], "rounded after scaling"
    assert offsets(path, np.array([0.0, 0.5])).tolist() == [[0, 0], [190, -15]]


def test_a_cut_out_is_boxed_tight_and_nothing_painted_cuts_nothing() -> None:
    picture = Image.fromarray(
        np.arange(60 * 40 * 3, dtype=np.uint32).reshape(40, 60, 3).astype(np.uint8)
    )
    piece = cut(picture, area(picture.size, (5, 7, 25, 17)))
    assert piece is not None
    assert piece.origin == (5, 7) and piece.image.size == piece.mask.size == (20, 10)
    assert np.array_equal(np.asarray(piece.image), np.asarray(picture)[7:17, 5:25])
    assert cut(picture, area(picture.size, (0, 0, 0, 0))) is None


def test_the_holes_are_every_moving_area_together() -> None:
    size = (30, 20)
    hole = left_behind([area(size, (0, 0, 10, 10)), area(size, (5, 5, 20, 15))])
    assert hole is not None
    assert (np.asarray(hole) > 0).sum() == 100 + 150 - 25
    assert left_behind([]) is None


def test_the_still_area_is_pasted_last_and_empty_areas_are_left_out() -> None:
    assert stacked(["dynamic 1", None, "dynamic 3"], "static") == (
        "dynamic 1",
        "dynamic 3",
        "static",
    )
    assert stacked([None], None) == ()


def test_a_moment_pastes_later_pieces_over_earlier_ones_and_leaves_the_background_alone() -> None:
    size = (40, 30)
    background = Image.new("RGB", size, (0, 0, 255))
    red = cut(Image.new("RGB", size, (255, 0, 0)), area(size, (0, 0, 10, 10)))
    green = cut(Image.new("RGB", size, (0, 255, 0)), area(size, (20, 10, 30, 20)))
    assert red is not None and green is not None
    frame = np.asarray(composed(background, [(red, (15, 5)), (green, np.array([-3, 0]))]))
    assert frame[7, 16].tolist() == [255, 0, 0], "red moved right 15, down 5"
    assert frame[12, 18].tolist() == [0, 255, 0], "green moved left 3, over red"
    assert frame[0, 0].tolist() == [0, 0, 255], "red's old place is background again"
    assert np.asarray(background).max(axis=(0, 1)).tolist() == [0, 0, 255], "untouched"


def test_the_shared_scene_loads_no_emulator_widget_or_wire_code() -> None:
    probe = (
        "import sys, json, kling_studio\n"
        "before = set(sys.modules)\n"
        "import kling_studio.brushwork\n"
        "print(json.dumps(sorted(n for n in set(sys.modules) - before if 'kling_studio' in n)))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == ["kling_studio.brushwork"]
