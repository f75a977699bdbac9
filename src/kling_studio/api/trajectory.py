"""Motion-brush paths: checked and tidied in image pixels, flipped only on the way to the wire.

Users, Pillow, numpy and canvases put the origin at the TOP-LEFT; Kling's ``trajectories`` put it
at the BOTTOM-LEFT. ``_flip`` is the only place y changes direction, and only ``to_wire`` /
``from_wire`` call it. Pure geometry: no I/O.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, TypeAlias

import numpy as np
import numpy.typing as npt

from kling_studio.api.capabilities import LIMITS
from kling_studio.api.input_error import InputError, shown
from kling_studio.api.problems import FINITE

Pixel: TypeAlias = tuple[int, int]
PointLike: TypeAlias = Sequence[float] | Mapping[str, float]
PointsLike: TypeAlias = Sequence[PointLike] | npt.NDArray[Any]

_SHAPE_RULE: Final = "must be a list of (x, y) pairs, {'x': …, 'y': …} dicts or an N×2 array"


def _pixel(value: float) -> int:
    """Round half up (Python's round() rounds half to even: 1.5 and 2.5 would both give 2)."""
    return math.floor(value + 0.5)


def _flip(row: int, image_height: int) -> int:
    """Top-left row ↔ bottom-left row. Its own inverse; the one place the origin changes."""
    return image_height - 1 - row


def to_wire(points: Iterable[Sequence[float]], image_height: int) -> list[dict[str, int]]:
    """Top-left image pixels → Kling's ``[{"x", "y"}]`` with the origin at the bottom-left."""
    return [{"x": _pixel(x), "y": _flip(_pixel(y), image_height)} for x, y in points]


def from_wire(points: Iterable[Mapping[str, int]], image_height: int) -> list[Pixel]:
    """Kling's bottom-left ``[{"x", "y"}]`` → top-left image pixels (the inverse of ``to_wire``)."""
    return [(int(point["x"]), _flip(int(point["y"]), image_height)) for point in points]


@dataclass(frozen=True)
class PathResult:
    """A path that meets Kling's rules, in top-left image pixels."""

    points: tuple[Pixel, ...]
    size: tuple[int, int]
    field: str
    notes: tuple[str, ...] = ()

    def wire(self) -> list[dict[str, int]]:
        return to_wire(self.points, self.size[1])


def normalise_path(points: PointsLike, *, size: tuple[int, int], field: str) -> PathResult:
    """Round to pixels, refuse points outside the image, drop repeats, resample long paths.

    ``points`` are top-left image pixels. Kling wants 2–77 points; longer paths are resampled
    evenly along their length to the maximum, keeping both ends.
    """
    xy = _as_array(points, field)
    pixels = np.floor(xy + 0.5).astype(np.int64)
    _check_inside(xy, pixels, size, field)
    path = _drop_repeats(pixels)
    notes: list[str] = []
    if len(path) < len(pixels):
        dropped = len(pixels) - len(path)
        notes.append(f"dropped {dropped} repeated consecutive point{'s' if dropped > 1 else ''}")
    if len(path) < LIMITS.min_trajectory_points:
        raise InputError(
            field,
            f"must have at least {LIMITS.min_trajectory_points} distinct points",
            f"{len(path)} distinct of {len(pixels)}",
        )
    if len(path) > LIMITS.max_trajectory_points:
        evened = resample(path.astype(np.float64), LIMITS.max_trajectory_points)
        resampled = _drop_repeats(np.floor(evened + 0.5).astype(np.int64))
        notes.append(
            f"resampled from {len(path)} to {len(resampled)} points "
            f"(Kling takes at most {LIMITS.max_trajectory_points})"
        )
        path = resampled
    return PathResult(tuple((int(x), int(y)) for x, y in path), size, field, tuple(notes))


def _as_array(points: PointsLike, field: str) -> npt.NDArray[np.float64]:
    try:
        rows = points if isinstance(points, np.ndarray) else [_pair(p) for p in points]
        xy = np.asarray(rows, dtype=np.float64)
    except (TypeError, ValueError, KeyError) as exc:
        raise InputError(field, _SHAPE_RULE, shown(points)) from exc
    if xy.size == 0:
        return xy.reshape(0, 2)
    if xy.ndim != 2 or xy.shape[1] != 2:
        raise InputError(field, _SHAPE_RULE, f"shape {xy.shape}")
    if not np.isfinite(xy).all():
        raise InputError(field, FINITE, shown(points))
    return xy


def _pair(point: PointLike) -> Sequence[float]:
    return (point["x"], point["y"]) if isinstance(point, Mapping) else point


def _check_inside(
    xy: npt.NDArray[np.float64], pixels: npt.NDArray[np.int64], size: tuple[int, int], field: str
) -> None:
    width, height = size
    outside = (pixels < 0).any(axis=1) | (pixels[:, 0] >= width) | (pixels[:, 1] >= height)
    if outside.any():
        index = int(np.argmax(outside))
        x, y = xy[index]
        raise InputError(
            field,
            f"points must lie inside the {width}×{height} image "
            f"(0 ≤ x ≤ {width - 1}, 0 ≤ y ≤ {height - 1}, origin top-left)",
            f"point {index} at ({x:g}, {y:g})",
        )


def _drop_repeats(pixels: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    keep = np.ones(len(pixels), dtype=bool)
    keep[1:] = (pixels[1:] != pixels[:-1]).any(axis=1)
    return pixels[keep]


def distances(path: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """How far along the polyline each point lies: 0 at the start, its length at the end."""
    steps = np.hypot(*np.diff(path, axis=0).T) if len(path) > 1 else np.zeros(0)
    return np.concatenate(([0.0], np.cumsum(steps)))


def points_at(
    path: npt.NDArray[np.float64],
    stations: npt.NDArray[np.float64],
    along: npt.NDArray[np.float64],
) -> npt.NDArray[np.float64]:
    """The polyline's points at ``stations`` of ``along`` (one increasing value per point: its
    distance, or its time), walking the segments in order."""
    return np.column_stack([np.interp(stations, along, path[:, i]) for i in (0, 1)])


def resample(
    path: npt.NDArray[np.float64], count: int, along: npt.NDArray[np.float64] | None = None
) -> npt.NDArray[np.float64]:
    """``count`` points evenly spaced in ``along`` (by default the distance along the path: even
    spacing in length); both ends stay exactly put."""
    measure = distances(path) if along is None else along
    return points_at(path, np.linspace(measure[0], measure[-1], count), measure)
