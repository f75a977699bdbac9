"""What every selection tool takes and gives, checked once: an H×W×3 uint8 RGB picture (what the
Studio holds), H×W boolean masks, and points and boxes in the picture's pixels (origin top-left,
as the canvas and numpy count them).

A wrong input is refused with the one error type media preparation uses (``InputError``: field,
rule, value), so the Studio can show it beside the tool that caused it.
"""

from __future__ import annotations

from typing import Any, Final, TypeAlias

import numpy as np
import numpy.typing as npt

from kling_studio.api.input_error import InputError

Picture: TypeAlias = npt.NDArray[np.uint8]
"""H×W×3 uint8, RGB."""
Mask: TypeAlias = npt.NDArray[np.bool_]
"""H×W bool, True = selected."""
Point: TypeAlias = tuple[float, float]
"""(x, y) in pixels, origin top-left."""
Box: TypeAlias = tuple[float, float, float, float]
"""(x0, y0, x1, y1) in pixels, origin top-left: two opposite corners of a drag, in any order."""
Pixel: TypeAlias = tuple[int, int]
Rect: TypeAlias = tuple[int, int, int, int]
"""(x0, y0, x1, y1) integer pixels, x1 and y1 excluded."""

MIN_SIDE: Final = 8
"""Smaller pictures have no room for a seed and a background around it."""


def picture(image: Any, *, field: str = "image") -> Picture:
    """``image`` as a contiguous H×W×3 uint8 array, or a clear refusal."""
    array = np.asarray(image)
    if array.dtype != np.uint8 or array.ndim != 3 or array.shape[2] != 3:
        raise InputError(field, "must be an H×W×3 uint8 RGB array", _described(array))
    if min(array.shape[:2]) < MIN_SIDE:
        raise InputError(field, f"must be at least {MIN_SIDE}×{MIN_SIDE} pixels", _described(array))
    return np.ascontiguousarray(array)


def mask(value: Any, shape: tuple[int, ...], *, field: str = "mask") -> Mask:
    """``value`` as an H×W bool array the size of the picture (``shape``)."""
    array = np.asarray(value)
    if array.shape != tuple(shape[:2]):
        rule = f"must be a {shape[1]}×{shape[0]} mask (the picture's size)"
        raise InputError(field, rule, _described(array))
    return array.astype(bool, copy=False)


def pixel(point: Point, shape: tuple[int, ...], *, field: str = "point") -> Pixel:
    """The pixel under ``point``; a point off the picture is refused."""
    height, width = shape[:2]
    x, y = (float(v) for v in point)
    if not (0 <= x < width and 0 <= y < height):
        raise InputError(field, f"must lie on the {width}×{height} picture", f"({x:g}, {y:g})")
    return int(x), int(y)


def rect(box: Box, shape: tuple[int, ...], *, field: str = "box") -> Rect:
    """The pixels a dragged box covers, clipped to the picture; an empty one is refused."""
    height, width = shape[:2]
    x0, y0, x1, y1 = (float(v) for v in box)
    left, right = sorted((x0, x1))
    top, bottom = sorted((y0, y1))
    clipped = (
        max(int(np.floor(left)), 0),
        max(int(np.floor(top)), 0),
        min(int(np.ceil(right)), width),
        min(int(np.ceil(bottom)), height),
    )
    if clipped[2] - clipped[0] < 2 or clipped[3] - clipped[1] < 2:
        rule = f"must cover at least 2×2 pixels of the {width}×{height} picture"
        raise InputError(field, rule, f"({x0:g}, {y0:g}, {x1:g}, {y1:g})")
    return clipped


def _described(array: npt.NDArray[Any]) -> str:
    return f"an array of shape {array.shape}, dtype {array.dtype}"
