"""prepare_mask: binarised from alpha or luminance, at exactly the image's size, never empty."""

from __future__ import annotations

import io
import math

import numpy as np
import pytest
from PIL import Image, ImageDraw

from kling_studio.api.images import ImageError
from kling_studio.api.masks import PreparedMask, prepare_mask


def png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def decoded(mask: PreparedMask) -> Image.Image:
    image = Image.open(io.BytesIO(mask.data))
    image.load()
    return image


def canvas_export(width: int, height: int, box: tuple[int, int, int, int]) -> Image.Image:
    """What a browser canvas exports: transparent everywhere except the (red) paint."""
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    image.paste((230, 30, 30, 255), box)
    return image


def test_paint_on_a_transparent_canvas_is_read_from_alpha():
    mask = prepare_mask(png(canvas_export(400, 300, (100, 50, 200, 150))), size=(400, 300))
    selected = mask.array()
    assert selected.shape == (300, 400)
    assert selected[50:150, 100:200].all()
    assert selected.sum() == 100 * 100
    assert mask.coverage == pytest.approx(100 * 100 / (400 * 300))


def test_dark_paint_on_a_canvas_still_counts_because_alpha_decides():
    image = Image.new("RGBA", (400, 300), (255, 255, 255, 0))
    image.paste((0, 0, 0, 255), (0, 0, 200, 300))
    assert prepare_mask(image, size=(400, 300)).coverage == pytest.approx(0.5)


@pytest.mark.parametrize("mode", ["L", "RGB"])
def test_an_opaque_picture_is_read_by_luminance(mode):
    image = Image.new(mode, (400, 300), "black")
    image.paste("white", (0, 0, 100, 300))
    image.paste("#7f7f7f", (100, 0, 200, 300))  # 127: not above the threshold
    image.paste("#808080", (200, 0, 250, 300))  # 128: above it
    mask = prepare_mask(image, size=(400, 300))
    assert mask.coverage == pytest.approx(150 / 400)
    assert mask.array()[:, 99].all()
    assert not mask.array()[:, 150].any()


def test_the_output_is_a_black_and_white_png():
    mask = prepare_mask(canvas_export(400, 300, (10, 10, 90, 90)), size=(400, 300))
    image = decoded(mask)
    assert image.format == "PNG"
    assert set(np.unique(np.asarray(image)).tolist()) == {0, 255}


def test_a_mask_is_resized_to_exactly_the_image_size():
    small = canvas_export(200, 150, (50, 25, 150, 125))
    mask = prepare_mask(small, size=(800, 600))
    assert mask.size == decoded(mask).size == (800, 600)
    assert mask.array().shape == (600, 800)
    assert mask.coverage == pytest.approx(100 * 100 / (200 * 150), rel=0.02)
    assert "resized from 200×150 to 800×600 to match the image" in mask.notes
    assert not any("aspect" in note for note in mask.notes)


def test_a_mask_with_another_aspect_is_stretched_with_a_warning():
    mask = prepare_mask(canvas_export(300, 300, (0, 0, 150, 300)), size=(800, 450))
    assert mask.size == (800, 450)
    assert mask.coverage == pytest.approx(0.5, abs=0.01)
    assert any("aspect ratio 1.000" in note and "1.778" in note for note in mask.notes)


def test_an_upscaled_circle_stays_round_not_blocky():
    circle = Image.new("L", (100, 100), 0)
    ImageDraw.Draw(circle).ellipse((20, 20, 80, 80), fill=255)
    mask = prepare_mask(circle, size=(800, 800))
    expected = math.pi * (61 / 200) ** 2  # the drawn disc is 61 px across, inclusive
    assert mask.coverage == pytest.approx(expected, rel=0.02)
    # Along the diagonal edge, NEAREST would give 8-px stairs; resize-then-threshold does not.
    rows = mask.array()
    left_edges = np.argmax(rows[240:400], axis=1)
    assert np.abs(np.diff(left_edges)).max() <= 4


def test_an_exact_size_mask_is_not_resized():
    mask = prepare_mask(canvas_export(400, 300, (0, 0, 10, 10)), size=(400, 300))
    assert mask.notes == ()


@pytest.mark.parametrize(
    "source",
    [
        Image.new("RGBA", (400, 300), (255, 255, 255, 0)),
        Image.new("L", (400, 300), 0),
        np.zeros((300, 400), bool),
    ],
    ids=["transparent", "black", "all-false array"],
)
def test_an_empty_mask_is_refused(source):
    with pytest.raises(ImageError) as caught:
        prepare_mask(source, size=(400, 300), field="dynamic_masks[1].mask")
    error = caught.value
    assert error.field == "dynamic_masks[1].mask"
    assert "at least one pixel" in error.rule
    assert error.value == "an empty 400×300 mask"
    assert all(part in str(error) for part in (error.field, error.rule, error.value))


def test_a_selection_that_vanishes_when_shrunk_is_refused():
    speck = np.zeros((3000, 3000), bool)
    speck[1500, 1500] = True
    with pytest.raises(ImageError, match="too small to survive resizing"):
        prepare_mask(speck, size=(300, 300))


@pytest.mark.parametrize(
    ("array", "note"),
    [
        (np.eye(300, 400, dtype=bool) | np.eye(300, 400, k=1, dtype=bool), None),
        ((np.eye(300, 400) + np.eye(300, 400, k=1)).astype(np.uint8), "0/1"),
        ((np.eye(300, 400) + np.eye(300, 400, k=1)).astype(np.uint8) * 255, None),
        (np.eye(300, 400) + np.eye(300, 400, k=1), None),
    ],
    ids=["bool", "uint8 0/1", "uint8 0/255", "float"],
)
def test_numpy_masks_of_every_dtype(array, note):
    mask = prepare_mask(array, size=(400, 300))
    assert mask.array().sum() == 600
    assert (note is None) == (not any("0/1" in n for n in mask.notes))


def test_a_mask_can_come_from_a_path_or_bytes(tmp_path):
    data = png(canvas_export(400, 300, (0, 0, 200, 300)))
    path = tmp_path / "mask.png"
    path.write_bytes(data)
    assert prepare_mask(path, size=(400, 300)).coverage == pytest.approx(0.5)
    assert prepare_mask(data, size=(400, 300)).coverage == pytest.approx(0.5)


def test_unreadable_mask_data_is_refused():
    with pytest.raises(ImageError, match="must be a picture file") as caught:
        prepare_mask(b"not a png at all, just words" * 3, size=(400, 300), field="static_mask")
    assert caught.value.field == "static_mask"


def test_repr_describes_the_mask_without_bytes():
    text = repr(prepare_mask(canvas_export(400, 300, (0, 0, 100, 300)), size=(400, 300)))
    assert "PNG 400×300" in text
    assert "25.0% selected" in text
    assert "\\x" not in text
