"""A requested path against the path an area was measured to take: how close, which way, how far.

Kling plays a requested path's points at equal steps of time over the clip, and a measured path
has one position per frame, also at equal steps of time; so both are compared at the same
moments (``SAMPLES`` equal steps of the clip), not merely as shapes. Three parts, each a plain
number a person can read, and one score built from them:

- ``distance``: the mean distance between the two at the same moments, as a share of the
  picture's diagonal (0 = on the path all along);
- ``direction``: the cosine between the overall displacements (1 = the same way, 0 = at right
  angles, −1 = backwards); an area asked to stay and staying counts as 1;
- ``progress``: how far along the requested path the area ended, as a share of its length
  (where the path comes nearest to the measured end; 1 = all the way, 0.5 = half-way).

Pure: arrays in, numbers out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

import numpy as np

from kling_studio.api.input_error import InputError
from kling_studio.api.trajectory import distances, points_at
from kling_studio.paths.polyline import Floats, PathLike, as_array

SAMPLES: Final = 50
"""Moments of the clip at which the paths are compared."""
FAR: Final = 0.10
"""A mean distance of this share of the diagonal scores 0 for closeness (a tenth of the picture
away on average is plainly not the path asked for)."""
STILL: Final = 0.005
"""A displacement under this share of the diagonal is no displacement (it has no direction)."""
WEIGHTS: Final = {"closeness": 0.4, "direction": 0.3, "progress": 0.3}
"""How the parts make the score; the parts are shown beside it, so a low score says why."""


@dataclass(frozen=True)
class PathScore:
    distance: float
    """Mean distance at the same moments, as a share of the picture's diagonal."""
    direction: float
    """Cosine between the overall displacements, −1 … 1."""
    progress: float
    """How far along the requested path the area ended, as a share of its length."""
    score: int
    """0–100: closeness, direction and progress weighed by ``WEIGHTS``."""


def compare_paths(requested: PathLike, measured: PathLike, *, size: tuple[int, int]) -> PathScore:
    """Score ``measured`` (one position per frame) against ``requested`` (the path as sent, its
    points at equal steps of time) on a picture of ``size`` (width, height)."""
    asked, went = as_array(requested), as_array(measured)
    if min(size) < 1:
        raise InputError("size", "must be (width, height) in pixels, both ≥ 1", size)
    diagonal = math.hypot(*size)
    distance = float(np.hypot(*(_at_moments(asked) - _at_moments(went)).T).mean()) / diagonal
    direction = _direction(asked[-1] - asked[0], went[-1] - went[0], diagonal)
    progress = _progress(asked, went[-1])
    parts = {
        "closeness": max(0.0, 1.0 - distance / FAR),
        "direction": max(0.0, direction),
        "progress": min(max(progress, 0.0), 1.0),
    }
    score = round(100 * sum(WEIGHTS[name] * value for name, value in parts.items()))
    return PathScore(distance, direction, progress, score)


def _at_moments(xy: Floats) -> Floats:
    """The path's positions at ``SAMPLES`` equal steps of time, its points being equally timed."""
    times = np.arange(len(xy), dtype=np.float64)
    return points_at(xy, np.linspace(0.0, times[-1], SAMPLES), times)


def _direction(asked: Floats, went: Floats, diagonal: float) -> float:
    still_asked = math.hypot(*asked) < STILL * diagonal
    still_went = math.hypot(*went) < STILL * diagonal
    if still_asked or still_went:
        return 1.0 if still_asked and still_went else 0.0
    return float(np.dot(asked, went) / (np.linalg.norm(asked) * np.linalg.norm(went)))


def _progress(asked: Floats, end: Floats) -> float:
    """Where along ``asked`` (a share of its length) the path comes nearest to ``end``."""
    along = distances(asked)
    if along[-1] == 0:
        return 1.0
    starts, spans = asked[:-1], np.diff(asked, axis=0)
    lengths = (spans**2).sum(axis=1)
    safe = np.where(lengths > 0, lengths, 1.0)
    t = np.clip(((end - starts) * spans).sum(axis=1) / safe, 0.0, 1.0)
    nearest = starts + t[:, None] * spans
    leg = int(np.argmin(np.hypot(*(nearest - end).T)))
    return float((along[leg] + t[leg] * math.sqrt(lengths[leg])) / along[-1])
