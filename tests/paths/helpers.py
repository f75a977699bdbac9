"""Geometry the path tests measure with, written apart from the code under test."""

from __future__ import annotations

import numpy as np


def distances_to_polyline(points: np.ndarray, polyline: np.ndarray) -> np.ndarray:
    """Each point's distance to the nearest segment of the polyline."""
    start, end = polyline[:-1], polyline[1:]
    span = end - start
    length2 = np.maximum((span**2).sum(axis=1), 1e-12)
    offsets = points[:, None, :] - start[None]
    t = np.clip((offsets * span[None]).sum(axis=2) / length2, 0, 1)
    nearest = start[None] + t[..., None] * span[None]
    return np.sqrt(((points[:, None, :] - nearest) ** 2).sum(axis=2)).min(axis=1)


def steps(points: np.ndarray) -> np.ndarray:
    """Distance from each point to the next."""
    return np.hypot(*np.diff(np.asarray(points, dtype=float), axis=0).T)
