"""Presets for a selected path: straighten it, bend it into an arc, re-time it, reverse it.

Kling plays a path's points at equal time steps, so where points crowd the motion is slow and
where they spread it is fast: timing is spacing. The shape presets (``straight``, ``arc``)
space their points evenly (constant speed); ``ease`` then re-times any path along its own
line. Every preset keeps the start and the end (``reverse`` swaps them), takes and returns
points in the picture's pixels (top-left origin), and those that make new points clamp them to
the picture. Pure functions.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Final

import numpy as np

from kling_studio.api.input_error import InputError
from kling_studio.api.trajectory import distances, points_at

from .polyline import Floats, PathLike, Points, as_array, as_points, clamped

CURVE_POINTS: Final = 25
"""The fewest points ``arc`` and ``ease`` make by default: a two-point line needs more to bend or
to change speed along the way."""


def _linear(t: Floats) -> Floats:
    return t


def _in(t: Floats) -> Floats:
    return t**3


def _out(t: Floats) -> Floats:
    return 1 - (1 - t) ** 3


def _in_out(t: Floats) -> Floats:
    return np.where(t < 0.5, 4 * t**3, 1 - (2 - 2 * t) ** 3 / 2)


EASINGS: Final[dict[str, Callable[[Floats], Floats]]] = {
    "linear": _linear,
    "ease-in": _in,
    "ease-out": _out,
    "ease-in-out": _in_out,
}
"""Time (0 → 1) → share of the path's length travelled (cubic: clearly visible at 77 points)."""


def straight(path: PathLike, *, size: tuple[int, int]) -> Points:
    """The line from the path's start to its end, with as many points, evenly spaced."""
    xy = as_array(path)
    t = np.linspace(0.0, 1.0, len(xy))[:, None]
    return as_points(clamped(xy[0] + t * (xy[-1] - xy[0]), size))


def arc(path: PathLike, bend: float, *, size: tuple[int, int], count: int | None = None) -> Points:
    """A circular arc from the path's start to its end, its points evenly spaced: ``count`` of
    them, by default as many as the path has but at least ``CURVE_POINTS``.

    ``bend`` is how far the arc's middle stands off the chord, as a share of the chord's length:
    0.5 is a half circle, 0 a straight line. Positive bends bulge to the left of the direction of
    travel as seen on the picture (up, for a path going right), negative ones to the right.
    """
    xy = as_array(path)
    start, end = xy[0], xy[-1]
    chord = float(np.hypot(*(end - start)))
    if chord == 0:
        raise InputError("path", "an arc needs a start and an end apart", f"both at {start}")
    if not math.isfinite(bend):
        raise InputError("bend", "must be a finite number", bend)
    points = _count(xy, count)
    if bend == 0:
        return straight(np.linspace(start, end, points), size=size)
    along = (end - start) / chord
    left = np.array([along[1], -along[0]])  # y grows downwards: (dy, −dx) is the left hand
    bulge = left * math.copysign(1.0, bend)
    height = abs(bend) * chord
    radius = (chord**2 / 4 + height**2) / (2 * height)
    centre = (start + end) / 2 + bulge * (height - radius)
    half = math.atan2(chord / 2, radius - height)  # past π/2 when the arc is more than half
    angles = np.linspace(half, -half, points)[:, None]
    curve = centre + radius * (np.cos(angles) * bulge - np.sin(angles) * along)
    curve[[0, -1]] = start, end  # exactly, not to within rounding
    return as_points(clamped(curve, size))


def ease(path: PathLike, kind: str, *, size: tuple[int, int], count: int | None = None) -> Points:
    """The same line, its points re-spaced so that the motion eases (``EASINGS``: ease-in starts
    slow, ease-out ends slow, ease-in-out both; linear is constant speed).

    ``count`` points, by default as many as the path has but at least ``CURVE_POINTS``. The new
    points lie on the path's polyline; only its corners between them are cut.
    """
    timing = EASINGS.get(kind)
    if timing is None:
        raise InputError("kind", f"must be one of {', '.join(EASINGS)}", kind)
    xy = as_array(path)
    along = distances(xy)
    share = timing(np.linspace(0.0, 1.0, _count(xy, count)))
    return as_points(clamped(points_at(xy, share * along[-1], along), size))


def _count(xy: Floats, count: int | None) -> int:
    if count is None:
        return max(len(xy), CURVE_POINTS)
    if count < 2:
        raise InputError("count", "must be 2 or more", count)
    return count


def reverse(path: PathLike) -> Points:
    """The same points the other way round: its own inverse."""
    return as_points(as_array(path)[::-1])
