"""How long a path is, and where it is at equal steps of time.

Kling plays a path's points at equal time steps, so the time of point i of n is i / (n − 1);
a tick k of m marks where the motion is at time k / (m − 1), between the points around it. Ticks
drawn along a path show its speed: far apart where it is fast, crowded where it is slow. Pure.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

import numpy as np

from kling_studio.api.trajectory import distances, points_at

from .polyline import PathLike, Points, as_array, as_points

TICKS: Final = 11
"""Ticks at every tenth of the run, both ends included."""


@dataclass(frozen=True)
class PathLength:
    pixels: float
    """Along the path, point to point, in the picture's pixels."""
    share: float
    """The same as a share of the picture's diagonal (√(width² + height²))."""


def length(path: PathLike, *, size: tuple[int, int]) -> PathLength:
    """The path's length in pixels and as a share of the picture's diagonal."""
    pixels = float(distances(as_array(path))[-1])
    return PathLength(pixels, pixels / math.hypot(*size))


def ticks(path: PathLike, count: int = TICKS) -> Points:
    """``count`` points at equal steps of time along the path, its start and end included."""
    xy = as_array(path)
    times = np.arange(len(xy), dtype=np.float64)
    return as_points(points_at(xy, np.linspace(0.0, times[-1], count), times))
