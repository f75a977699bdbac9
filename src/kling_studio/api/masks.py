"""Motion-brush masks: any painted picture → a black-and-white PNG at the image's resolution.

Kling fails the task (after it was accepted) when a mask's resolution differs from the image's, so
every mask is resized to exactly the prepared image's size here. White means selected. A canvas
exports paint as alpha, so an image with any transparency is read by its alpha channel; anything
else by luminance.
"""

from __future__ import annotations

import io
from base64 import b64encode
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt
from PIL import Image

from kling_studio.api.images import ImageError, ImageSource, Size, load_upright

MASK_THRESHOLD: Final = 127
"""A pixel is selected when its alpha (or luminance) is above this."""
ASPECT_TOLERANCE: Final = 0.01
"""Aspect ratios this close (relative) are the same picture's."""
_EMPTY_RULE: Final = "must select at least one pixel (white or painted = selected)"


@dataclass(frozen=True, repr=False)
class PreparedMask:
    """A binary PNG (white = selected) at exactly the image's resolution."""

    data: bytes
    width: int
    height: int
    coverage: float
    """Fraction of pixels selected, 0 < coverage ≤ 1."""
    notes: tuple[str, ...] = ()
    field: str = "static_mask"

    @property
    def size(self) -> Size:
        return (self.width, self.height)

    def base64(self) -> str:
        """The bare base64 string Kling wants (no ``data:`` prefix)."""
        return b64encode(self.data).decode("ascii")

    def array(self) -> npt.NDArray[np.bool_]:
        """The selection as an H×W bool array (True = selected)."""
        return _selected(Image.open(io.BytesIO(self.data)))

    def __repr__(self) -> str:
        return (
            f"PreparedMask({self.field}: PNG {self.width}×{self.height}, "
            f"{self.coverage:.1%} selected, {len(self.data) / 1000:.1f} kB, "
            f"notes={len(self.notes)})"
        )


def prepare_mask(source: ImageSource, *, size: Size, field: str = "static_mask") -> PreparedMask:
    """A mask Kling accepts, at ``size`` (the prepared image's width and height).

    Arrays may be bool, uint8 (0/1 or 0–255) or float in [0, 1]. Raises ``ImageError`` for an
    unreadable or empty mask.
    """
    if min(size) < 1:
        raise ValueError(f"size must be positive, got {size}")
    channel, notes = selection_channel(source, field)
    if not _selected(channel).any():
        raise ImageError(field, _EMPTY_RULE, f"an empty {channel.width}×{channel.height} mask")
    if channel.size != size:
        notes = (*notes, *_resize_notes(channel.size, size))
        channel = channel.resize(size, Image.Resampling.BILINEAR)
    selected = _selected(channel)
    if not selected.any():
        raise ImageError(field, _EMPTY_RULE, f"a selection too small to survive resizing to {size}")
    return PreparedMask(_png(selected), *size, float(selected.mean()), notes, field)


def selection_channel(source: ImageSource, field: str) -> tuple[Image.Image, tuple[str, ...]]:
    """One 8-bit channel where values above the threshold are selected.

    Resizing this channel and thresholding afterwards keeps edges smooth (unlike NEAREST).
    """
    notes: tuple[str, ...] = ()
    if isinstance(source, np.ndarray) and _is_zero_one(source):
        source = source.astype(np.uint8) * np.uint8(255)
        notes = ("read the 0/1 array as black/white",)
    image, more = load_upright(source, field=field)
    channel = image.getchannel("A") if image.mode in {"LA", "RGBA"} else image.convert("L")
    return channel, (*notes, *more)


def _is_zero_one(array: npt.NDArray[np.generic]) -> bool:
    """A uint8 array holding only 0 and 1: a mask written as integers, not a dark image."""
    return array.dtype == np.uint8 and array.size > 0 and int(array.max()) <= 1


def _selected(channel: Image.Image) -> npt.NDArray[np.bool_]:
    return np.asarray(channel) > MASK_THRESHOLD


def _resize_notes(before: Size, after: Size) -> tuple[str, ...]:
    resized = f"resized from {before[0]}×{before[1]} to {after[0]}×{after[1]} to match the image"
    ratio = (before[0] / before[1]) / (after[0] / after[1])
    if abs(ratio - 1) <= ASPECT_TOLERANCE:
        return (resized,)
    stretched = (
        f"its aspect ratio {before[0] / before[1]:.3f} differs from the image's "
        f"{after[0] / after[1]:.3f} by more than {ASPECT_TOLERANCE:.0%}, so it was stretched"
    )
    return (resized, stretched)


def _png(selected: npt.NDArray[np.bool_]) -> bytes:
    """8-bit grayscale (0 and 255): every decoder reads it, and it compresses to almost nothing."""
    buffer = io.BytesIO()
    Image.fromarray(selected.astype(np.uint8) * np.uint8(255)).save(buffer, "PNG")
    return buffer.getvalue()
