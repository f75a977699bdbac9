"""What the path tools share: a path as an n×2 float array and back, and clamping to a picture.

Paths are lists of (x, y) in the picture's pixels with the origin top-left, as the Studio keeps
them (floats: a smoothed or eased path is not on the pixel grid until it is sent).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeAlias

import numpy as np
import numpy.typing as npt

from kling_studio.api.input_error import InputError, shown

Floats: TypeAlias = npt.NDArray[np.float64]
PathLike: TypeAlias = Sequence[Sequence[float]] | Floats
"""(x, y) pairs, or an n×2 array."""
Points: TypeAlias = tuple[tuple[float, float], ...]


def as_array(path: PathLike) -> Floats:
    """The path as n×2 floats; at least two finite points, or an ``InputError`` naming ``path``."""
    try:
        xy = np.asarray(path, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise InputError("path", "must be (x, y) pairs", shown(path)) from exc
    if xy.ndim != 2 or xy.shape[1] != 2 or len(xy) < 2 or not np.isfinite(xy).all():
        raise InputError("path", "must be at least two finite (x, y) pairs", shown(path))
    return xy


def as_points(xy: Floats) -> Points:
    return tuple((float(x), float(y)) for x, y in xy)


def clamped(xy: Floats, size: tuple[int, int]) -> Floats:
    """Points moved onto the picture (0 ≤ x ≤ width − 1, 0 ≤ y ≤ height − 1) where they left it."""
    inside: Floats = np.clip(xy, 0.0, np.array(size, dtype=np.float64) - 1)
    return inside
