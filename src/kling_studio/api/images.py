"""Turn what the user has into an image Kling accepts, or say exactly why not.

Kling takes JPEG or PNG, at least 300 px a side, aspect 1:2.5 to 2.5:1, at most 10 MB
(``IMAGE_RULES``). Safe fixes happen and are reported in ``PreparedImage.notes``: EXIF orientation,
a ``data:`` prefix, conversion from other formats, downscaling past ``max_side`` (Kling renders at
most 1080p, so more pixels only cost upload time) and recompression to fit 10 MB. Files already
within the rules go through byte for byte. Big JPEGs are decoded at a reduced DCT scale
(``Image.draft``), which is where most of the speed comes from.
"""

from __future__ import annotations

import binascii
import io
import os
import re
import struct
from base64 import b64decode, b64encode
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Literal, TypeAlias
from urllib.parse import urlsplit

import numpy as np
import numpy.typing as npt
from PIL import Image, UnidentifiedImageError

from kling_studio.api.capabilities import IMAGE_RULES
from kling_studio.api.input_error import InputError, shown

ImageSource: TypeAlias = str | os.PathLike[str] | bytes | Image.Image | npt.NDArray[Any]
OutputFormat: TypeAlias = Literal["JPEG", "PNG"]
Size: TypeAlias = tuple[int, int]

DEFAULT_MAX_SIDE: Final = 1920
"""Long-side cap for prepared images: Kling renders at most 1080p, bigger only uploads slower."""


ImageError = InputError
"""What images, masks and trajectories raise: one type, so a validator catches them all."""


@dataclass(frozen=True, repr=False)
class PreparedImage:
    """JPEG or PNG file bytes that meet Kling's image rules, and what was done to get there."""

    data: bytes
    format: OutputFormat
    width: int
    height: int
    notes: tuple[str, ...] = ()
    field: str = "image"
    source_size: Size | None = None
    """The picture's upright size as the user gave it, before any downscaling: the frame in
    which their trajectory points are drawn. None means the same as ``size``."""

    @property
    def size(self) -> Size:
        return (self.width, self.height)

    @property
    def original_size(self) -> Size:
        return self.source_size or self.size

    def base64(self) -> str:
        """The bare base64 string Kling wants (no ``data:`` prefix)."""
        return b64encode(self.data).decode("ascii")

    def __repr__(self) -> str:
        return (
            f"PreparedImage({self.field}: {self.format} {self.width}×{self.height}, "
            f"{len(self.data) / 1000:.1f} kB, notes={len(self.notes)})"
        )


# --- reading the source -------------------------------------------------------------------------

_URL: Final = re.compile(r"https?://", re.IGNORECASE)
_DATA_URL: Final = re.compile(r"data:[\w.+/-]*;base64,", re.IGNORECASE)
_BASE64: Final = re.compile(r"[A-Za-z0-9+/_-]+={0,2}")
_MIN_BASE64_CHARS: Final = 64
"""No image file is shorter; below this a string is more likely a mistyped path."""


def is_url(value: object) -> bool:
    """True for an http(s) URL: the async client fetches those before preparing them."""
    return isinstance(value, str) and _URL.match(value.strip()) is not None


def _read_source(source: ImageSource, *, field: str) -> tuple[bytes | Image.Image, tuple[str, ...]]:
    """Encoded file bytes (path, bytes, base64, ``data:`` URL) or an in-memory image, with notes."""
    if isinstance(source, Image.Image):
        return source, ()
    if isinstance(source, np.ndarray):
        return _array_to_image(source, field=field), ()
    if isinstance(source, bytes | bytearray | memoryview):
        return bytes(source), ()
    if isinstance(source, str):
        return _read_text(source, field)
    if isinstance(source, os.PathLike):
        return _read_file(Path(source), field), ()
    raise ImageError(
        field,
        "must be a file path, bytes, base64 text, a Pillow image or a numpy array",
        type(source).__name__,
    )


def _read_text(text: str, field: str) -> tuple[bytes, tuple[str, ...]]:
    stripped = text.strip()
    if is_url(stripped):
        raise ImageError(
            field,
            "must be image data, not a URL: fetch it first (the async client does that)",
            _without_query(stripped),
        )
    prefix = _DATA_URL.match(stripped)
    if prefix:
        note = f"stripped the '{prefix.group(0)}' prefix (Kling wants bare base64)"
        return _decode_base64(stripped[prefix.end() :], field), (note,)
    path = os.path.expanduser(stripped)
    if os.path.isfile(path):
        return _read_file(Path(path), field), ()
    compact = "".join(stripped.split())
    if len(compact) >= _MIN_BASE64_CHARS and _BASE64.fullmatch(compact):
        return _decode_base64(compact, field), ()
    raise ImageError(
        field, "must name an existing image file or be base64 image data", shown(stripped)
    )


def _without_query(url: str) -> str:
    """The URL without user info, query or fragment: those may carry credentials."""
    parts = urlsplit(url)
    hidden = "?…" if parts.query else ""
    return f"{parts.scheme}://{parts.hostname or ''}{parts.path}{hidden}"


def _decode_base64(text: str, field: str) -> bytes:
    compact = "".join(text.split()).translate(str.maketrans("-_", "+/"))
    try:
        return b64decode(compact + "=" * (-len(compact) % 4), validate=True)
    except binascii.Error as exc:
        raise ImageError(field, "must be valid base64", shown(text)) from exc


def _read_file(path: Path, field: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise ImageError(field, "must name an existing image file", str(path)) from exc
    except OSError as exc:
        raise ImageError(field, "must be a readable file", f"{path} ({exc.strerror})") from exc


# --- numpy arrays -------------------------------------------------------------------------------

ArrayConverter: TypeAlias = Callable[[npt.NDArray[Any], str], npt.NDArray[np.uint8]]


def _from_bool(array: npt.NDArray[Any], field: str) -> npt.NDArray[np.uint8]:
    return array.astype(np.uint8) * np.uint8(255)


def _from_uint8(array: npt.NDArray[Any], field: str) -> npt.NDArray[np.uint8]:
    return array.astype(np.uint8, copy=False)


def _from_uint16(array: npt.NDArray[Any], field: str) -> npt.NDArray[np.uint8]:
    return (array >> 8).astype(np.uint8)


def _from_unit_float(array: npt.NDArray[Any], field: str) -> npt.NDArray[np.uint8]:
    low, high = float(np.min(array)), float(np.max(array))
    if not (low >= 0.0 and high <= 1.0):
        raise ImageError(
            field, "float arrays must hold values in [0, 1]", f"values from {low:g} to {high:g}"
        )
    scaled: npt.NDArray[np.floating[Any]] = np.rint(array * 255)
    return scaled.astype(np.uint8)


_ARRAY_DTYPES: Final[Mapping[str, ArrayConverter]] = {
    "b1": _from_bool,
    "u1": _from_uint8,
    "u2": _from_uint16,
    "f2": _from_unit_float,
    "f4": _from_unit_float,
    "f8": _from_unit_float,
}
"""numpy dtype (kind + item size) → conversion to 8-bit samples."""

_ARRAY_CHANNELS: Final = frozenset({1, 3, 4})


def _array_to_image(array: npt.NDArray[Any], *, field: str) -> Image.Image:
    """An H×W, H×W×1, H×W×3 or H×W×4 array (uint8, uint16, bool, float in [0, 1]) as an image."""
    channels = 1 if array.ndim == 2 else array.shape[-1] if array.ndim == 3 else 0
    if channels not in _ARRAY_CHANNELS or array.size == 0:
        raise ImageError(
            field, "arrays must be H×W, H×W×3 (RGB) or H×W×4 (RGBA)", f"shape {array.shape}"
        )
    convert = _ARRAY_DTYPES.get(f"{array.dtype.kind}{array.dtype.itemsize}")
    if convert is None:
        raise ImageError(
            field, "arrays must be uint8, uint16, bool or float in [0, 1]", f"dtype {array.dtype}"
        )
    pixels = convert(array, field)
    shape = array.shape[:2] if channels == 1 else array.shape
    return Image.fromarray(np.ascontiguousarray(pixels).reshape(shape))


# --- decoding -----------------------------------------------------------------------------------

_DECODE_ERRORS: Final = (
    Image.DecompressionBombError,
    OSError,
    SyntaxError,
    ValueError,
    EOFError,
    IndexError,
    struct.error,
)
_DECODE_RULES: Final[tuple[tuple[type[Exception], str, bool], ...]] = (
    (
        Image.DecompressionBombError,
        f"must have at most {2 * (Image.MAX_IMAGE_PIXELS or 0) / 1e6:.0f} megapixels",
        True,
    ),
    (
        UnidentifiedImageError,
        "must be a picture file (JPEG, PNG, WebP, GIF, BMP, TIFF…)",
        False,
    ),
    (Exception, "must be a complete, undamaged image file", True),
)
"""First match wins: what a decoder exception means, and whether its text helps the user."""

_CONTENTS: Final[tuple[tuple[tuple[bytes, ...], str], ...]] = (
    ((b"%pdf",), "a PDF document"),
    ((b"<!doctype", b"<html", b"<?xml", b"<svg"), "a web page or SVG"),
    ((b"pk\x03\x04",), "a zip archive (an Office document?)"),
    ((b"\x00\x00\x00", b"riff"), "a video or sound file"),
)
"""What a file that is not a picture probably is, by how it begins (lower-cased; first match
wins)."""


def _what_it_is(data: bytes) -> str:
    """A person's description of bytes that did not decode: never the bytes themselves."""
    head = data[:64].lstrip().lower()
    for prefixes, name in _CONTENTS:
        if head.startswith(prefixes):
            return name
    if head and all(32 <= byte < 127 or byte in b"\t\r\n" for byte in head):
        return "text"
    return "data"


@contextmanager
def _decoding(field: str, what: str) -> Iterator[None]:
    """Turn Pillow's decode failures into an ``ImageError`` that names the rule."""
    try:
        yield
    except InputError:
        raise
    except _DECODE_ERRORS as exc:
        rule, detail = next((r, d) for kind, r, d in _DECODE_RULES if isinstance(exc, kind))
        raise ImageError(field, rule, f"{what}: {exc}" if detail else what) from exc


def _open_image(data: bytes, *, field: str) -> Image.Image:
    """Read the header only; pixels are decoded later, possibly at a reduced scale."""
    with _decoding(field, f"{_weight(len(data))} of {_what_it_is(data)}"):
        return Image.open(io.BytesIO(data))


def _describe(image: Image.Image, data: bytes | None) -> str:
    kind = image.format or f"{image.mode} image"
    weight = "" if data is None else f", {_weight(len(data))}"
    return f"{kind} {image.width}×{image.height}{weight}"


def _weight(count: int) -> str:
    """A byte count as people read it (binary units, as Kling's 10 MB limit is)."""
    if count >= 2**20:
        return f"{count / 2**20:.1f} MB"
    return f"{count / 2**10:.0f} kB" if count >= 2**10 else f"{count} bytes"


# --- orientation and geometry -------------------------------------------------------------------

_ORIENTATIONS: Final[Mapping[int, tuple[Image.Transpose, str]]] = {
    2: (Image.Transpose.FLIP_LEFT_RIGHT, "mirrored"),
    3: (Image.Transpose.ROTATE_180, "rotated 180°"),
    4: (Image.Transpose.FLIP_TOP_BOTTOM, "flipped upside down"),
    5: (Image.Transpose.TRANSPOSE, "mirrored and rotated 90° counter-clockwise"),
    6: (Image.Transpose.ROTATE_270, "rotated 90° clockwise"),
    7: (Image.Transpose.TRANSVERSE, "mirrored and rotated 90° clockwise"),
    8: (Image.Transpose.ROTATE_90, "rotated 90° counter-clockwise"),
}
"""EXIF orientation tag → the transpose that makes the picture upright (as ImageOps does)."""

_SWAPS_SIDES: Final = frozenset(
    {
        Image.Transpose.TRANSPOSE,
        Image.Transpose.TRANSVERSE,
        Image.Transpose.ROTATE_90,
        Image.Transpose.ROTATE_270,
    }
)
_EXIF_ORIENTATION: Final = 0x0112


def _orientation(image: Image.Image) -> tuple[Image.Transpose, str] | None:
    """The fix for the image's EXIF orientation, or None when it is already upright."""
    return _ORIENTATIONS.get(image.getexif().get(_EXIF_ORIENTATION, 1))


def _upright(size: Size, orientation: tuple[Image.Transpose, str] | None) -> Size:
    """The size as displayed: orientations 5–8 swap width and height."""
    return (size[1], size[0]) if orientation and orientation[0] in _SWAPS_SIDES else size


def _orientation_note(orientation: tuple[Image.Transpose, str], stored: Size) -> str:
    upright = _upright(stored, orientation)
    return (
        f"applied the EXIF orientation ({orientation[1]}): "
        f"{_dims(stored)} as stored, {_dims(upright)} upright"
    )


def _dims(size: Size) -> str:
    return f"{size[0]}×{size[1]}"


def _ratio(width: int, height: int) -> str:
    aspect = width / height
    return f"{aspect:.2f}:1" if aspect >= 1 else f"1:{1 / aspect:.2f}"


GeometryRule = Literal["min_side", "aspect"]


def geometry_problems(size: Size, *, field: str) -> list[tuple[GeometryRule, ImageError]]:
    """Every size rule Kling would refuse the picture for, each with the rule's name (so a
    fix can be offered for it)."""
    width, height = size
    problems: list[tuple[GeometryRule, ImageError]] = []
    if min(width, height) < IMAGE_RULES.min_side:
        rule = f"must be at least {IMAGE_RULES.min_side} px on each side"
        problems.append(("min_side", ImageError(field, rule, _dims(size))))
    if not IMAGE_RULES.min_aspect <= width / height <= IMAGE_RULES.max_aspect:
        rule = (
            f"must have an aspect ratio between 1:{1 / IMAGE_RULES.min_aspect:g} "
            f"and {IMAGE_RULES.max_aspect:g}:1"
        )
        problems.append(
            ("aspect", ImageError(field, rule, f"{_dims(size)}, {_ratio(width, height)}"))
        )
    return problems


def check_geometry(size: Size, *, field: str) -> None:
    """Refuse sizes Kling rejects: too small a side, or too long and thin."""
    for _, problem in geometry_problems(size, field=field):
        raise problem


def _target_size(size: Size, max_side: int) -> Size:
    """Fit the long side within ``max_side`` but never push the short side under the minimum.

    Scaling is symmetric, so this works on the stored size whatever the EXIF orientation.
    """
    width, height = size
    scale = max(max_side / max(width, height), IMAGE_RULES.min_side / min(width, height))
    if scale >= 1:
        return size
    return (round(width * scale), round(height * scale))


# --- pixel modes --------------------------------------------------------------------------------

_MODES: Final[Mapping[str, tuple[str, str | None]]] = {
    "1": ("L", None),
    "L": ("L", None),
    "LA": ("LA", None),
    "La": ("LA", None),
    "P": ("RGBA", None),
    "PA": ("RGBA", None),
    "RGB": ("RGB", None),
    "RGBA": ("RGBA", None),
    "RGBa": ("RGBA", None),
    "RGBX": ("RGB", None),
    "YCbCr": ("RGB", None),
    "CMYK": ("RGB", "converted CMYK colours to RGB"),
    "LAB": ("RGB", "converted Lab colours to RGB"),
    "HSV": ("RGB", "converted HSV colours to RGB"),
}
"""Pillow mode → (one of L, LA, RGB, RGBA; a note when colours change model)."""

_DEEP_MODES: Final = frozenset({"I", "I;16", "I;16B", "I;16L", "I;16N"})
_WITH_ALPHA: Final[Mapping[str, str]] = {"L": "LA", "RGB": "RGBA"}
_ALPHA_MODES: Final = frozenset({"LA", "RGBA"})


def _normalise_mode(image: Image.Image, *, field: str) -> tuple[Image.Image, str | None]:
    """The image as L, LA, RGB or RGBA (alpha only if something is see-through), and a note."""
    if image.mode in _DEEP_MODES:
        samples = np.clip(np.asarray(image), 0, 2**16 - 1) >> 8
        return Image.fromarray(samples.astype(np.uint8)), "reduced 16-bit samples to 8 bits"
    entry = _MODES.get(image.mode)
    if entry is None:
        raise ImageError(field, "must use pixels that convert to RGB", f"{image.mode} pixels")
    mode, note = entry
    if "transparency" in image.info:
        mode = _WITH_ALPHA.get(mode, mode)
    converted = image if image.mode == mode else image.convert(mode)
    if mode in _ALPHA_MODES and converted.getchannel("A").getextrema()[0] == 255:
        converted = converted.convert(mode[:-1])
    if note:
        converted.info.pop("icc_profile", None)
    return converted, note


# --- encoding -----------------------------------------------------------------------------------

_FAMILIES: Final[Mapping[str, OutputFormat]] = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG"}
"""Pillow format → the Kling format its bytes already are (MPO is a JPEG with extra frames)."""

_PASS_MODES: Final[Mapping[OutputFormat, frozenset[str]]] = {
    "JPEG": frozenset({"L", "RGB"}),
    "PNG": frozenset({"1", "L", "LA", "I", "I;16", "P", "RGB", "RGBA"}),
}
"""Pixel modes a file of each format may have to be sent unchanged (CMYK JPEGs are not)."""

_ENCODINGS: Final[Mapping[OutputFormat, tuple[Mapping[str, int], ...]]] = {
    "JPEG": ({"quality": 90}, {"quality": 80}, {"quality": 70}, {"quality": 60}),
    "PNG": ({"compress_level": 4},),
}
"""Save options to try in order until the file fits the size limit.

zlib level 4 writes photos as small as Pillow's default 6 in ~60% of the time (graphics ~2% larger).
"""

_RESAMPLE: Final = Image.Resampling.BICUBIC
"""After a DCT-scaled draft the remaining step is small; bicubic is Pillow's thumbnail choice."""
_REDUCING_GAP: Final = 3.0
_SHRINK: Final = 0.8
"""Each further downscale, when even the lowest quality is over the size limit."""


_STRIP_MIN_PIXELS: Final = 2_000_000
_STRIPS: Final = 2
_strip_pool: list[ThreadPoolExecutor] = []


def _resize(image: Image.Image, target: Size) -> Image.Image:
    """Pillow's resize, split into horizontal strips on two threads for big pictures.

    Pillow releases the GIL while resampling, and each strip reads the source rows around its
    box, so the result matches one pass (within one level of rounding) in about half the time.
    """
    if image.width * image.height < _STRIP_MIN_PIXELS or target[1] < 2 * _STRIPS:
        return image.resize(target, _RESAMPLE, reducing_gap=_REDUCING_GAP)
    if not _strip_pool:
        _strip_pool.append(ThreadPoolExecutor(_STRIPS, thread_name_prefix="kling-studio-resize"))
    rows = [target[1] * k // _STRIPS for k in range(_STRIPS + 1)]
    scale = image.height / target[1]

    def strip(k: int) -> Image.Image:
        box = (0.0, rows[k] * scale, float(image.width), rows[k + 1] * scale)
        return image.resize(
            (target[0], rows[k + 1] - rows[k]), _RESAMPLE, box=box, reducing_gap=_REDUCING_GAP
        )

    result = Image.new(image.mode, target)
    for k, part in enumerate(_strip_pool[0].map(strip, range(_STRIPS))):
        result.paste(part, (0, rows[k]))
    return result


def _encode(image: Image.Image, fmt: OutputFormat, options: Mapping[str, int]) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, icc_profile=image.info.get("icc_profile"), **options)
    return buffer.getvalue()


def _encode_within_limit(
    image: Image.Image, fmt: OutputFormat, field: str
) -> tuple[bytes, Image.Image, list[str]]:
    """Encode with the first options that fit the size limit, downscaling if none do."""
    current = image
    while True:
        for attempt, options in enumerate(_ENCODINGS[fmt]):
            data = _encode(current, fmt, options)
            if len(data) <= IMAGE_RULES.max_bytes:
                return data, current, _fit_notes(fmt, options, attempt, current, image)
        smaller = (round(current.width * _SHRINK), round(current.height * _SHRINK))
        if min(smaller) < IMAGE_RULES.min_side:
            raise ImageError(
                field,
                f"must fit in {_weight(IMAGE_RULES.max_bytes)} "
                f"at {IMAGE_RULES.min_side} px or more",
                f"{_weight(len(data))} at {_dims(current.size)}",
            )
        current = image.resize(smaller, _RESAMPLE, reducing_gap=_REDUCING_GAP)


def _fit_notes(
    fmt: OutputFormat,
    options: Mapping[str, int],
    attempt: int,
    final: Image.Image,
    original: Image.Image,
) -> list[str]:
    limit = f"to fit Kling's {_weight(IMAGE_RULES.max_bytes)} limit"
    settings = ", ".join(f"{key} {value}" for key, value in options.items())
    return [
        *([f"saved as {fmt} with {settings} {limit}"] if attempt else []),
        *([f"downscaled to {_dims(final.size)} {limit}"] if final is not original else []),
    ]


# --- the pipeline -------------------------------------------------------------------------------


def prepare_image(
    source: ImageSource, *, field: str = "image", max_side: int = DEFAULT_MAX_SIDE
) -> PreparedImage:
    """An image Kling accepts, made from a path, bytes, base64, a Pillow image or an array.

    Raises ``ImageError`` (naming field, rule and value) for anything that cannot be fixed safely.
    """
    if max_side < IMAGE_RULES.min_side:
        raise ValueError(f"max_side must be at least {IMAGE_RULES.min_side} px, got {max_side}")
    loaded, notes = _read_source(source, field=field)
    if isinstance(loaded, bytes):
        return _prepare(_open_image(loaded, field=field), loaded, field, max_side, notes)
    return _prepare(loaded, None, field, max_side, notes)


def _prepare(
    image: Image.Image,
    data: bytes | None,
    field: str,
    max_side: int,
    notes: tuple[str, ...],
) -> PreparedImage:
    """``data`` is the file the image came from, or None for an in-memory image."""
    what = _describe(image, data)
    with _decoding(field, what):
        orientation = _orientation(image)
    stored = image.size
    check_geometry(_upright(stored, orientation), field=field)
    target = _target_size(stored, max_side)
    family = _FAMILIES.get(image.format or "")
    if data is not None and family and _sendable(image, data, family, orientation, target):
        _verify(image, field, what)
        return PreparedImage(data, family, *stored, notes, field, stored)
    if data is not None:
        image.draft(image.mode, target)
    with _decoding(field, what):
        image.load()
    pixels, mode_note = _normalise_mode(image, field=field)
    if pixels.size != target:
        pixels = _resize(pixels, target)
    if orientation:
        pixels = pixels.transpose(orientation[0])
    fmt: OutputFormat = "PNG" if pixels.mode in _ALPHA_MODES else family or "JPEG"
    encoded, final, fit_notes = _encode_within_limit(pixels, fmt, field)
    story = [
        *notes,
        *([_orientation_note(orientation, stored)] if orientation else []),
        *([_conversion_note(image, fmt)] if image.format and not family else []),
        *([mode_note] if mode_note else []),
        *([_downscale_note(stored, target, orientation, max_side)] if target != stored else []),
        *fit_notes,
        *_oversize_notes(data, encoded, stored, target),
    ]
    upright = _upright(stored, orientation)
    return PreparedImage(encoded, fmt, final.width, final.height, tuple(story), field, upright)


def _sendable(
    image: Image.Image,
    data: bytes,
    family: OutputFormat,
    orientation: tuple[Image.Transpose, str] | None,
    target: Size,
) -> bool:
    """True when the file already meets every rule and can be sent byte for byte."""
    return (
        not orientation
        and target == image.size
        and len(data) <= IMAGE_RULES.max_bytes
        and image.mode in _PASS_MODES[family]
    )


def _verify(image: Image.Image, field: str, what: str) -> None:
    """Decode everything, so a truncated file is refused before it is sent.

    A JPEG is decoded at 1/8 scale: every byte is still parsed, at a fraction of the cost.
    """
    image.draft(image.mode, (max(1, image.width // 8), max(1, image.height // 8)))
    with _decoding(field, what):
        image.load()


def _conversion_note(image: Image.Image, fmt: OutputFormat) -> str:
    frames: int = getattr(image, "n_frames", 1)
    why = "; PNG keeps the transparency" if fmt == "PNG" else ""
    first = f"; used the first of its {frames} frames" if frames > 1 else ""
    return f"converted {image.format} to {fmt} (Kling accepts only JPEG and PNG{why}){first}"


def _downscale_note(
    stored: Size, target: Size, orientation: tuple[Image.Transpose, str] | None, max_side: int
) -> str:
    before, after = _upright(stored, orientation), _upright(target, orientation)
    return (
        f"downscaled from {_dims(before)} to {_dims(after)} "
        f"(long side limit {max_side} px; Kling renders at most 1080p)"
    )


def _oversize_notes(data: bytes | None, encoded: bytes, stored: Size, target: Size) -> list[str]:
    """Say so when the file was re-encoded for its weight alone (a downscale says enough)."""
    if data is None or len(data) <= IMAGE_RULES.max_bytes or target != stored:
        return []
    return [
        f"re-encoded the {_weight(len(data))} file to {_weight(len(encoded))} "
        f"(Kling's limit is {_weight(IMAGE_RULES.max_bytes)})"
    ]


def load_upright(source: ImageSource, *, field: str) -> tuple[Image.Image, tuple[str, ...]]:
    """Fully decoded, EXIF-upright pixels in L, LA, RGB or RGBA, with notes (used for masks)."""
    loaded, notes = _read_source(source, field=field)
    image = _open_image(loaded, field=field) if isinstance(loaded, bytes) else loaded
    with _decoding(field, _describe(image, None)):
        orientation = _orientation(image)
        image.load()
    if orientation:
        notes = (*notes, _orientation_note(orientation, image.size))
        image = image.transpose(orientation[0])
    pixels, mode_note = _normalise_mode(image, field=field)
    return pixels, (*notes, *([mode_note] if mode_note else []))
