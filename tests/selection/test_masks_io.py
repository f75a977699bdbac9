"""Masks from PNG files, scaled to the picture; masks out as the canvas paints them."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from kling_studio.api.input_error import InputError
from kling_studio.selection import load_mask, mask_array, paint_png
from kling_studio.widgets import studio


def png(array: np.ndarray, mode: str) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(array, mode).save(buffer, "PNG")
    return buffer.getvalue()


def half_size_mask() -> np.ndarray:
    mask = np.zeros((360, 640), bool)
    mask[100:200, 150:400] = True
    mask[50, 600] = True  # a single pixel: nearest-neighbour keeps it a 2×2 block
    return mask


def test_a_black_and_white_png_is_scaled_to_the_picture_with_hard_edges(tmp_path):
    path = tmp_path / "boat.png"
    path.write_bytes(png(half_size_mask().astype(np.uint8) * 255, "L"))
    mask = load_mask(path, (1280, 720))
    assert mask.shape == (720, 1280)
    assert np.array_equal(mask, np.kron(half_size_mask(), np.ones((2, 2), bool)))


def test_alpha_is_read_when_the_png_has_it():
    rgba = np.zeros((360, 640, 4), np.uint8)
    rgba[..., :3] = 255  # white everywhere: luminance would select it all
    rgba[half_size_mask(), 3] = 255
    assert np.array_equal(load_mask(png(rgba, "RGBA"), (640, 360)), half_size_mask())


def test_a_soft_mask_is_scaled_smoothly_then_cut_at_the_threshold():
    x = np.linspace(0, 255, 100, dtype=np.float32)
    ramp = np.tile(x, (50, 1)).astype(np.uint8)
    mask = load_mask(png(ramp, "L"), (400, 200))
    selected_columns = np.flatnonzero(mask[100])
    assert selected_columns.min() == pytest.approx(200, abs=3)
    assert (mask == mask[:1]).all()


def test_a_png_of_another_aspect_is_refused_naming_the_file_the_rule_and_the_sizes(tmp_path):
    path = tmp_path / "square-mask.png"
    path.write_bytes(png(np.zeros((500, 500), np.uint8), "L"))
    with pytest.raises(InputError) as refused:
        load_mask(path, (1280, 720), field="dynamic-1")
    error = refused.value
    assert error.field == "dynamic-1"
    assert "aspect ratio" in error.rule and "1280×720" in error.rule
    assert error.value == "square-mask.png: 500×500"


def test_an_exported_mask_loads_back_as_the_same_mask():
    mask = np.kron(half_size_mask(), np.ones((2, 2), bool))
    exported = paint_png(mask, "#e8453c")
    assert np.array_equal(load_mask(exported, (1280, 720)), mask)
    assert np.array_equal(mask_array(exported), mask)


def test_an_export_is_the_canvas_format_the_area_colour_opaque_where_selected():
    mask = half_size_mask()
    with Image.open(io.BytesIO(paint_png(mask, "#e8453c"))) as image:
        rgba = np.asarray(image)
    assert image.mode == "RGBA"
    assert (rgba[mask] == (0xE8, 0x45, 0x3C, 255)).all()
    assert (rgba[~mask][:, 3] == 0).all()


def test_the_studio_paints_with_the_same_functions():
    assert studio.paint_png is paint_png
    assert studio.mask_array is mask_array
