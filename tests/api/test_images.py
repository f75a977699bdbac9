"""prepare_image: each rule refused with field, rule and value; each safe fix done and reported."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageFile

from kling_studio.api import images
from kling_studio.api.capabilities import IMAGE_RULES
from kling_studio.api.images import ImageError, PreparedImage, is_url, prepare_image
from kling_studio.api.input_error import InputError

ORIENTATION = 0x0112


def photo(width: int, height: int, *, seed: int = 0, grain: int = 24) -> np.ndarray:
    """Gradients plus grain: compresses like a photo, so JPEG sizes are realistic."""
    rng = np.random.default_rng(seed)
    tint = np.array([0.9, 0.5, 0.2])
    across = (40 + 150 * np.linspace(0, 1, width)[:, None] * tint).astype(np.int16)
    down = (60 * np.linspace(0, 1, height)[:, None] * tint[::-1]).astype(np.int16)
    tile = rng.integers(-grain, grain + 1, size=(509, 1021, 3), dtype=np.int16)
    noise = np.tile(tile, (-(-height // 509), -(-width // 1021), 1))[:height, :width]
    return np.clip(down[:, None] + across[None] + noise, 0, 255).astype(np.uint8)


def encode(image: Image.Image | np.ndarray, fmt: str, **options) -> bytes:
    picture = Image.fromarray(image) if isinstance(image, np.ndarray) else image
    buffer = io.BytesIO()
    picture.save(buffer, fmt, **options)
    return buffer.getvalue()


def decode(prepared: PreparedImage) -> Image.Image:
    image = Image.open(io.BytesIO(prepared.data))
    image.load()
    return image


def halves(width: int, height: int) -> Image.Image:
    """Left half red, right half blue: shows which way an image was turned."""
    image = Image.new("RGB", (width, height), (220, 20, 20))
    image.paste((20, 20, 220), (width // 2, 0, width, height))
    return image


@pytest.fixture(scope="session")
def big_photo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 24-megapixel JPEG over Kling's 10 MB limit, made once per session."""
    path = tmp_path_factory.mktemp("images") / "big.jpg"
    path.write_bytes(encode(photo(6000, 4000), "JPEG", quality=95))
    assert path.stat().st_size > IMAGE_RULES.max_bytes
    return path


# --- passing through and reading sources --------------------------------------------------------


@pytest.mark.parametrize("fmt", ["JPEG", "PNG"])
def test_a_file_within_the_rules_is_sent_byte_for_byte(fmt):
    original = encode(photo(640, 480), fmt)
    prepared = prepare_image(original)
    assert prepared.data == original
    assert prepared.format == fmt
    assert prepared.size == (640, 480)
    assert prepared.notes == ()


def test_a_path_is_read_whether_str_or_pathlike(tmp_path):
    original = encode(photo(500, 400), "JPEG")
    path = tmp_path / "photo.jpg"
    path.write_bytes(original)
    assert prepare_image(str(path)).data == original
    assert prepare_image(path).data == original


def test_a_missing_file_is_refused_naming_the_path(tmp_path):
    missing = tmp_path / "nowhere.jpg"
    with pytest.raises(ImageError, match="must name an existing image file") as caught:
        prepare_image(str(missing))
    assert str(caught.value).endswith("nowhere.jpg)")
    with pytest.raises(ImageError, match="must name an existing image file") as caught:
        prepare_image(missing)
    assert caught.value.value == str(missing)


def test_a_data_url_prefix_is_stripped_and_reported():
    original = encode(photo(400, 400), "PNG")
    text = "data:image/png;base64," + base64.b64encode(original).decode()
    prepared = prepare_image(text)
    assert prepared.data == original
    assert prepared.base64() == base64.b64encode(original).decode()
    assert not prepared.base64().startswith("data:")
    assert any("data:image/png;base64," in note for note in prepared.notes)


def test_bare_base64_text_is_decoded_even_when_wrapped_in_lines():
    original = encode(photo(400, 300), "JPEG")
    wrapped = base64.encodebytes(original).decode()
    assert "\n" in wrapped
    assert prepare_image(wrapped).data == original


def test_invalid_base64_after_a_data_prefix_is_refused():
    with pytest.raises(ImageError, match="must be valid base64"):
        prepare_image("data:image/jpeg;base64,@@@not-base64@@@")


def test_a_url_is_refused_with_advice_and_without_its_secret_query():
    url = "https://cdn.example.com/a.jpg?token=s3cret"
    assert is_url(url)
    assert is_url("HTTP://example.com/x.png")
    assert not is_url("photos/a.jpg")
    assert not is_url(b"https://example.com")
    with pytest.raises(ImageError, match="fetch it first") as caught:
        prepare_image(url)
    assert "s3cret" not in str(caught.value)
    assert "cdn.example.com/a.jpg" in str(caught.value)


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (b"this is a text file, not a picture" * 4, "136 bytes of text"),
        (b"%PDF-1.7\n%\xe2\xe3" + bytes(200), "of a PDF document"),
        (b"<!DOCTYPE html><html>" + b"x" * 100, "of a web page or SVG"),
        (bytes(range(7, 250)), "243 bytes of data"),
    ],
)
def test_bytes_that_are_not_an_image_are_refused_in_words(data: bytes, said: str):
    with pytest.raises(ImageError, match="must be a picture file") as caught:
        prepare_image(data)
    assert caught.value.field == "image"
    assert said in str(caught.value)
    assert "b'" not in str(caught.value) and "Pillow" not in str(caught.value)


def test_an_unsupported_source_type_is_refused():
    with pytest.raises(ImageError, match="must be a file path, bytes"):
        prepare_image(12345)  # type: ignore[arg-type]


# --- rules ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("size", "shown"), [((299, 400), "299×400"), ((400, 299), "400×299")])
def test_a_side_under_300_px_is_refused(size, shown):
    with pytest.raises(ImageError) as caught:
        prepare_image(encode(halves(*size), "PNG"), field="image_tail")
    error = caught.value
    assert (error.field, error.value) == ("image_tail", shown)
    assert str(error) == f"image_tail: must be at least 300 px on each side (got {shown})"


def test_300_px_is_enough():
    assert prepare_image(encode(halves(300, 300), "PNG")).size == (300, 300)


@pytest.mark.parametrize("size", [(780, 300), (300, 780)])
def test_an_aspect_beyond_2_5_is_refused(size):
    with pytest.raises(ImageError, match=r"aspect ratio between 1:2\.5 and 2\.5:1") as caught:
        prepare_image(encode(halves(*size), "PNG"))
    assert "2.60" in str(caught.value)
    assert "780" in str(caught.value)


@pytest.mark.parametrize("size", [(750, 300), (300, 750)])
def test_an_aspect_of_exactly_2_5_is_accepted(size):
    assert prepare_image(encode(halves(*size), "PNG")).size == size


def test_the_size_rule_applies_to_the_upright_picture():
    """A file stored 299 px tall but rotated by EXIF is refused with its displayed size."""
    data = encode(halves(400, 299), "JPEG", exif=_orientation(6))
    with pytest.raises(ImageError) as caught:
        prepare_image(data)
    assert caught.value.value == "299×400"


@pytest.mark.parametrize("fmt", ["JPEG", "PNG"])
def test_a_truncated_file_is_refused(fmt):
    whole = encode(photo(800, 600), fmt)
    with pytest.raises(ImageError, match="must be a complete, undamaged image file") as caught:
        prepare_image(whole[: len(whole) * 2 // 3])
    assert "truncated" in str(caught.value)
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False


def test_a_truncated_big_jpeg_is_refused_when_it_would_be_downscaled():
    whole = encode(photo(3000, 2000), "JPEG")
    with pytest.raises(ImageError, match="complete, undamaged"):
        prepare_image(whole[: len(whole) // 2], max_side=1000)


def test_errors_carry_field_rule_and_value_and_are_value_errors():
    with pytest.raises(InputError) as caught:
        prepare_image(encode(halves(250, 400), "PNG"), field="image_list[2].image")
    error = caught.value
    assert isinstance(error, ValueError)
    assert error.field == "image_list[2].image"
    assert error.rule == "must be at least 300 px on each side"
    assert error.value == "250×400"
    assert all(part in str(error) for part in (error.field, error.rule, error.value))


# --- fixes ---------------------------------------------------------------------------------------


def _orientation(value: int) -> Image.Exif:
    exif = Image.Exif()
    exif[ORIENTATION] = value
    return exif


def test_an_exif_rotated_jpeg_comes_out_upright():
    stored = halves(600, 400)
    prepared = prepare_image(encode(stored, "JPEG", exif=_orientation(6)))
    upright = decode(prepared)
    assert prepared.size == upright.size == (400, 600)
    # Orientation 6 means "turn 90° clockwise to view": the stored left (red) ends up on top.
    assert upright.getpixel((200, 100))[0] > 180
    assert upright.getpixel((200, 500))[2] > 180
    assert upright.getexif().get(ORIENTATION) in (None, 1)
    assert any("EXIF orientation" in note and "400×600 upright" in note for note in prepared.notes)


def test_an_exif_rotated_big_jpeg_is_downscaled_with_swapped_sides():
    data = encode(photo(3000, 2000), "JPEG", exif=_orientation(8))
    prepared = prepare_image(data, max_side=1000)
    assert prepared.size == decode(prepared).size == (667, 1000)
    assert any("from 2000×3000 to 667×1000" in note for note in prepared.notes)


def test_a_big_photo_is_downscaled_within_max_side_and_10_mb(big_photo):
    prepared = prepare_image(big_photo)
    assert prepared.format == "JPEG"
    assert prepared.size == decode(prepared).size == (1920, 1280)
    assert len(prepared.data) <= IMAGE_RULES.max_bytes
    assert any("downscaled from 6000×4000 to 1920×1280" in note for note in prepared.notes)


def test_max_side_is_configurable(big_photo):
    assert prepare_image(big_photo, max_side=1000).size == (1000, 667)


def test_a_file_over_10_mb_is_recompressed_to_fit(big_photo):
    prepared = prepare_image(big_photo, max_side=6000)
    assert len(prepared.data) <= IMAGE_RULES.max_bytes
    assert prepared.size == decode(prepared).size == (6000, 4000)
    assert any("re-encoded the 13." in note and "10.0 MB" in note for note in prepared.notes)


def test_downscaling_never_pushes_the_short_side_under_300_px():
    prepared = prepare_image(encode(halves(2000, 800), "PNG"), max_side=500)
    assert prepared.size == (750, 300)


def test_webp_is_converted_to_jpeg_with_a_note():
    prepared = prepare_image(encode(photo(500, 400), "WEBP", quality=90))
    assert prepared.format == decode(prepared).format == "JPEG"
    assert any("converted WEBP to JPEG" in note for note in prepared.notes)


@pytest.mark.parametrize("fmt", ["BMP", "GIF", "TIFF"])
def test_other_opaque_formats_become_jpeg(fmt):
    prepared = prepare_image(encode(halves(400, 400), fmt))
    assert prepared.format == "JPEG"
    assert decode(prepared).getpixel((100, 200))[0] > 180
    assert any(f"converted {fmt} to JPEG" in note for note in prepared.notes)


def test_a_transparent_webp_becomes_png_keeping_its_alpha():
    rgba = Image.new("RGBA", (400, 400), (0, 128, 0, 0))
    rgba.paste((0, 128, 0, 255), (100, 100, 300, 300))
    prepared = prepare_image(encode(rgba, "WEBP", lossless=True))
    out = decode(prepared)
    assert (prepared.format, out.mode) == ("PNG", "RGBA")
    assert out.getpixel((0, 0))[3] == 0
    assert out.getpixel((200, 200))[3] == 255
    assert any("PNG keeps the transparency" in note for note in prepared.notes)


def test_an_opaque_rgba_webp_still_becomes_jpeg():
    prepared = prepare_image(encode(Image.new("RGBA", (400, 400), (9, 9, 9, 255)), "WEBP"))
    assert prepared.format == "JPEG"


def test_an_rgba_png_stays_png_even_when_downscaled():
    rgba = np.dstack([photo(1200, 800), np.full((800, 1200), 128, np.uint8)])
    original = encode(rgba, "PNG")
    assert prepare_image(original).data == original
    prepared = prepare_image(original, max_side=600)
    out = decode(prepared)
    assert (prepared.format, out.mode, out.size) == ("PNG", "RGBA", (600, 400))
    assert out.getpixel((300, 200))[3] == 128


def test_a_cmyk_jpeg_is_converted_to_rgb():
    prepared = prepare_image(encode(Image.new("CMYK", (400, 400), (0, 255, 255, 0)), "JPEG"))
    out = decode(prepared)
    assert out.mode == "RGB"
    red, green, blue = out.getpixel((200, 200))
    assert red > 200
    assert green < 60
    assert blue < 60
    assert any("CMYK" in note for note in prepared.notes)


def test_a_16_bit_png_is_reduced_to_8_bits_when_it_must_be_re_encoded():
    deep = np.tile(np.linspace(0, 65535, 800).astype(np.uint16), (400, 1))
    prepared = prepare_image(encode(Image.fromarray(deep), "PNG"), max_side=400)
    out = np.asarray(decode(prepared))
    assert out.dtype == np.uint8
    assert out[:, 0].max() < 5
    assert out[:, -1].min() > 250


# --- in-memory sources ---------------------------------------------------------------------------


def test_a_pillow_image_is_encoded_and_left_untouched():
    source = halves(600, 400)
    prepared = prepare_image(source)
    assert (prepared.format, prepared.size) == ("JPEG", (600, 400))
    assert decode(prepared).getpixel((500, 200))[2] > 180
    assert source.size == (600, 400)


def test_a_pillow_image_keeps_its_exif_orientation_fix():
    opened = Image.open(io.BytesIO(encode(halves(600, 400), "JPEG", exif=_orientation(6))))
    assert prepare_image(opened).size == (400, 600)


@pytest.mark.parametrize(
    ("array", "mode", "probe"),
    [
        (np.full((300, 400), 200, np.uint8), "L", 200),
        (np.full((300, 400, 1), 200, np.uint8), "L", 200),
        (np.full((300, 400), True), "L", 255),
        (np.full((300, 400), 0.5, np.float32), "L", 128),
        (np.full((300, 400), 40000, np.uint16), "L", 156),
        (np.full((300, 400, 3), (10, 200, 30), np.uint8), "RGB", (10, 200, 30)),
    ],
)
def test_numpy_arrays_become_images(array, mode, probe):
    out = decode(prepare_image(array))
    assert (out.mode, out.size) == (mode, (400, 300))
    assert np.allclose(out.getpixel((200, 150)), probe, atol=3)


def test_a_numpy_array_with_transparency_becomes_png():
    rgba = np.zeros((300, 400, 4), np.uint8)
    rgba[100:200, 100:300] = (255, 0, 0, 255)
    prepared = prepare_image(rgba)
    out = decode(prepared)
    assert (prepared.format, out.getpixel((0, 0))[3], out.getpixel((150, 150))) == (
        "PNG",
        0,
        (255, 0, 0, 255),
    )


@pytest.mark.parametrize(
    ("array", "rule"),
    [
        (np.full((300, 400), 1.5), "float arrays must hold values in [0, 1]"),
        (np.full((300, 400), np.nan), "float arrays must hold values in [0, 1]"),
        (np.zeros((300, 400, 2), np.uint8), "arrays must be H×W, H×W×3 (RGB) or H×W×4 (RGBA)"),
        (np.zeros((300,), np.uint8), "arrays must be H×W, H×W×3 (RGB) or H×W×4 (RGBA)"),
        (np.zeros((300, 400), np.int64), "arrays must be uint8, uint16, bool or float in [0, 1]"),
    ],
)
def test_arrays_that_are_not_pictures_are_refused(array, rule):
    with pytest.raises(ImageError) as caught:
        prepare_image(array, field="image")
    assert caught.value.rule == rule


def test_repr_describes_the_image_without_dumping_bytes():
    prepared = prepare_image(encode(photo(640, 480), "JPEG"))
    text = repr(prepared)
    assert "JPEG 640×480" in text
    assert "kB" in text
    assert len(text) < 120
    assert "\\x" not in text


@pytest.mark.parametrize(
    ("source", "target"),
    [((3000, 2000), (1920, 1280)), ((4001, 2999), (1281, 961)), ((6000, 4000), (1280, 853))],
)
def test_resizing_in_strips_matches_a_single_pass(source, target):
    rng = np.random.default_rng(2)
    picture = Image.fromarray(rng.integers(0, 255, (source[1], source[0], 3), dtype=np.uint8))
    striped = np.asarray(images._resize(picture, target), dtype=int)
    single = picture.resize(target, images._RESAMPLE, reducing_gap=images._REDUCING_GAP)
    assert striped.shape == (target[1], target[0], 3)
    assert np.abs(striped - np.asarray(single, dtype=int)).max() <= 1
