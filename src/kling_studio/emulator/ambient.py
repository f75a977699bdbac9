"""Gentle motion for a picture nobody asked to move: a slow push-in with a little drift, and a
subtle shimmer of the light, so every clip visibly lives.

The path says where the view rests: at the start (``push``), at the end (``land``, for a clip
that must finish on a frame) or at both (``breathe``, for a clip that dissolves into the next
picture). The shimmer fades out at both ends, so resting frames are the picture itself.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Final

import numpy as np

from .timing import Curve, ease, progress
from .warp import Views, scaling, translation

PUSH: Final = 0.06
"""How much closer the view gets at the path's deepest point (6 %)."""
DRIFT: Final = (0.012, -0.008)
"""How far the view drifts by then (right, up), as fractions of the short side; small enough
that the push-in keeps the view inside the picture."""
SHIMMER: Final = 0.025
"""Peak brightness swing of the shimmer (±2.5 %)."""
SHIMMER_HZ: Final = 0.8

PATHS: Final[Mapping[str, Callable[[Curve], Curve]]] = {
    "push": ease,
    "land": lambda t: ease(1 - t),
    "breathe": lambda t: np.sin(math.pi * t) ** 2,
}
"""Path → how far along the push-in the view is at each moment (0 = on the picture)."""


def views(count: int, size: tuple[int, int], path: str = "push") -> Views:
    """Push in and drift over ``count`` frames along ``path``."""
    amount = PATHS[path](progress(count))
    short = min(size)
    drift = translation(DRIFT[0] * short * amount, DRIFT[1] * short * amount)
    result: Views = drift @ scaling(1 / (1 + PUSH * amount))
    return result


def shimmer(count: int, fps: int) -> Curve:
    """Brightness gain per frame: a soft flicker that is zero on the first and last frames."""
    t = progress(count)
    seconds = count / fps
    envelope = np.sin(math.pi * t)
    result: Curve = SHIMMER * envelope * np.sin(2 * math.pi * SHIMMER_HZ * seconds * t)
    return result
