"""The selection tools from the Studio's Python side: a click paints an area with the thing
under it, masks come in from files and go out as files, nothing the person made is replaced."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from kling_studio import AsyncKlingClient
from kling_studio.api.input_error import InputError
from kling_studio.embedded import emulator_connection
from kling_studio.samples import boat_mask, boat_silhouette, landscape
from kling_studio.widgets import Studio

HULL, SAIL = (384, 558), (400, 500)


def iou(a: np.ndarray, b: np.ndarray) -> float:
    return float((a & b).sum() / (a | b).sum())


@pytest.fixture
def studio(boat_studio):
    return boat_studio


def test_a_click_and_a_shift_click_select_the_boat_into_an_area(studio):
    studio.select("dynamic-1", point=HULL)
    assert studio.areas[1]["painted"]
    studio.select("dynamic-1", point=SAIL, add=True)
    assert iou(studio.masks["dynamic-1"], boat_silhouette(1280, 720)) >= 0.9
    studio.select("dynamic-1", point=SAIL, remove=True)  # alt-click takes the sail away
    hull_only = studio.masks["dynamic-1"]
    assert hull_only.sum() < boat_silhouette(1280, 720).sum()
    assert not hull_only[SAIL[1], SAIL[0]] and hull_only[HULL[1], HULL[0]]


def test_a_box_selects_what_is_inside_it(studio):
    rows, columns = np.nonzero(boat_mask(1280, 720))
    box = (columns.min(), rows.min(), columns.max(), rows.max())
    studio.select("static", box=box)
    assert iou(studio.masks["static"], boat_silhouette(1280, 720)) >= 0.9


def test_a_wrong_area_is_named_before_any_work(studio):
    with pytest.raises(ValueError, match="no area 'dynamic-9'"):
        studio.select("dynamic-9", point=HULL)


def test_masks_go_out_as_files_and_come_back_the_same(studio, tmp_path):
    studio.select("dynamic-2", point=HULL)
    before = studio.masks["dynamic-2"]
    written = studio.export_masks(tmp_path / "masks")
    assert set(written) == {"dynamic-2"} and written["dynamic-2"].name == "dynamic-2.png"
    again = studio.export_masks(tmp_path / "masks")  # never over the first file
    assert again["dynamic-2"] != written["dynamic-2"] and written["dynamic-2"].exists()
    studio.set_mask("dynamic-2", None)
    studio.load_mask("dynamic-3", written["dynamic-2"])
    assert np.array_equal(studio.masks["dynamic-3"], before)


def test_a_mask_file_of_another_shape_is_refused_naming_both_sizes(studio, tmp_path):
    square = tmp_path / "square.png"
    Image.new("L", (500, 500), 255).save(square)
    with pytest.raises(InputError) as refused:
        studio.load_mask("static", square)
    assert "500" in str(refused.value) and "1280" in str(refused.value)
    assert "static" not in studio.masks  # nothing painted by a refused file


def test_a_picture_drawn_in_code_keeps_its_colours_sharp_enough_to_select(fast_emulator, tmp_path):
    """The quickstart passes a Pillow picture, which the Studio encodes itself: full-resolution
    colour keeps the red hull from bleeding into the water, so a click finds all of the boat."""
    client = AsyncKlingClient(connection=emulator_connection(fast_emulator))
    widget = Studio(image=landscape(1280, 720), client=client, output_dir=tmp_path / "out")
    try:
        widget.select("dynamic-1", point=HULL)
        widget.select("dynamic-1", point=SAIL, add=True)
        assert iou(widget.masks["dynamic-1"], boat_silhouette(1280, 720)) >= 0.95
    finally:
        widget.close()
