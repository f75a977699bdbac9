"""Renders told to disobey: the request's motion, changed on purpose before the scene is built,
so a motion check can be shown a video that does not do what was asked.

Each kind is a pure function from the request's brush and camera to the ones rendered. Paths
stay wire points (origin bottom-left) and every dynamic area still starts exactly at its place
in the picture: only where it goes changes. A kind that finds nothing to change (no brush, no
static mask, no camera_control, no area ``area``) returns what it was given, so that render is
an obedient one.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Final

import numpy as np
import numpy.typing as npt

from kling_studio.brushwork import along

from .brush import Brush, Stroke
from .timing import progress
from .validation import CameraControl

Trajectory = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Disobedience:
    """One drawn disobedience, its settings resolved (``SETTINGS``' defaults filled in)."""

    kind: str
    area: int | None = None
    """1-based index into ``dynamic_masks``; None: every dynamic area. Path kinds only."""
    angle: float | None = None
    """Degrees counter-clockwise as the viewer sees it (the wire's y points up): ``rotate_path``'s
    turn; ``static_leak``'s drift direction, from rightwards."""
    share: float | None = None
    """``shorten_path``: of the path's length; ``static_leak``: of the picture's diagonal."""


Disobey = Callable[
    [Brush | None, CameraControl | None, Disobedience], tuple[Brush | None, CameraControl | None]
]

SETTINGS: Final[Mapping[str, Mapping[str, float | None]]] = {
    "reverse_path": {"area": None},
    "shorten_path": {"area": None, "share": 0.4},
    "rotate_path": {"area": None, "angle": 90.0},
    "static_leak": {"share": 0.06, "angle": 0.0},
    "camera_reversed": {},
}
"""Kind → the settings it takes and their defaults; any other setting is refused."""

STEPS: Final = 100
"""A shortened path is resampled to at least this many equal steps of time, so it stops within
1% of the clip of when the asked path reached the cut."""


def disobedience(
    kind: str, *, area: int | None = None, angle: float | None = None, share: float | None = None
) -> Disobedience:
    """A checked ``Disobedience``: refuses settings the kind does not take or cannot use."""
    if kind not in SETTINGS:
        raise ValueError(f"unknown disobedience {kind!r}; choose from {', '.join(SETTINGS)}")
    given = {"area": area, "angle": angle, "share": share}
    taken = SETTINGS[kind]
    stray = [name for name, value in given.items() if value is not None and name not in taken]
    if stray:
        raise ValueError(f"{kind} does not take {', '.join(stray)}")
    if area is not None and (isinstance(area, bool) or not isinstance(area, int) or area < 1):
        raise ValueError(
            f"area must be a whole number >= 1 (1 = the first dynamic area), got {area}"
        )
    if share is not None and not 0 < share <= 1:
        raise ValueError(f"share must be in (0, 1], got {share}")
    if angle is not None and not math.isfinite(angle):
        raise ValueError(f"angle must be a finite number of degrees, got {angle}")
    return Disobedience(
        kind,
        area=area,
        angle=taken.get("angle") if angle is None else float(angle),
        share=taken.get("share") if share is None else float(share),
    )


def reversed_path(trajectory: Trajectory, _: Disobedience) -> Trajectory:
    """Each point mirrored through the start: at every moment the area is displaced exactly
    opposite to where the asked path would have it, with the asked timing."""
    (x0, y0), *_rest = trajectory
    return tuple((2 * x0 - x, 2 * y0 - y) for x, y in trajectory)


def shortened_path(trajectory: Trajectory, rule: Disobedience) -> Trajectory:
    """The asked path at its asked pace until ``share`` of its length is covered, then held
    there: resampled finely in time, since points are reached at equal steps of time."""
    points = np.array(trajectory, dtype=np.float64).reshape(-1, 2)
    if len(points) < 2:
        return trajectory
    steps = (len(points) - 1) * math.ceil(STEPS / (len(points) - 1))
    path = along(points, progress(steps + 1))
    run = np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(path, axis=0).T))])
    held = np.minimum(run, (rule.share or 0.0) * run[-1])
    return as_trajectory(
        np.stack([np.interp(held, run, path[:, 0]), np.interp(held, run, path[:, 1])], axis=1)
    )


def rotated_path(trajectory: Trajectory, rule: Disobedience) -> Trajectory:
    """The path turned by ``angle`` about its start (counter-clockwise on screen for a positive
    angle, as the wire's y points up)."""
    points = np.array(trajectory, dtype=np.float64).reshape(-1, 2)
    turn = math.radians(rule.angle or 0.0)
    cos, sin = math.cos(turn), math.sin(turn)
    matrix = np.array([[cos, -sin], [sin, cos]])
    return as_trajectory(points[0] + (points - points[0]) @ matrix.T)


def as_trajectory(points: npt.NDArray[np.float64]) -> Trajectory:
    """Points rounded to the wire's whole pixels."""
    return tuple((int(x), int(y)) for x, y in np.rint(points).astype(np.int64))


def on_paths(change: Callable[[Trajectory, Disobedience], Trajectory]) -> Disobey:
    """A kind that changes the path of the targeted dynamic area (or of every one)."""

    def disobey(
        brush: Brush | None, camera: CameraControl | None, rule: Disobedience
    ) -> tuple[Brush | None, CameraControl | None]:
        if brush is None:
            return brush, camera
        strokes = tuple(
            replace(stroke, trajectory=change(stroke.trajectory, rule))
            if rule.area in (None, number)
            else stroke
            for number, stroke in enumerate(brush.strokes, start=1)
        )
        return replace(brush, strokes=strokes), camera

    return disobey


def static_leak(
    brush: Brush | None, camera: CameraControl | None, rule: Disobedience
) -> tuple[Brush | None, CameraControl | None]:
    """The static area becomes one more dynamic area, on top as the static one was, drifting in
    a straight line by ``share`` of the picture's diagonal in the direction ``angle``."""
    if brush is None or brush.static is None:
        return brush, camera
    width, height = brush.image_size
    reach = (rule.share or 0.0) * math.hypot(width, height)
    turn = math.radians(rule.angle or 0.0)
    start = np.array([width / 2, height / 2])
    drift = as_trajectory(
        np.stack([start, start + reach * np.array([math.cos(turn), math.sin(turn)])])
    )
    leaked = Stroke(brush.static, drift)
    return replace(brush, static=None, strokes=(*brush.strokes, leaked)), camera


def camera_reversed(
    brush: Brush | None, camera: CameraControl | None, _: Disobedience
) -> tuple[Brush | None, CameraControl | None]:
    """Every axis value (or every move of a preset) negated: the camera goes the other way."""
    if camera is None:
        return brush, camera
    return brush, replace(camera, gain=-camera.gain)


DISOBEDIENCES: Final[Mapping[str, Disobey]] = {
    "reverse_path": on_paths(reversed_path),
    "shorten_path": on_paths(shortened_path),
    "rotate_path": on_paths(rotated_path),
    "static_leak": static_leak,
    "camera_reversed": camera_reversed,
}
"""Kind → how it changes the request's brush and camera; the kinds are ``SETTINGS``' keys."""


def disobeyed(
    brush: Brush | None, camera: CameraControl | None, rule: Disobedience | None
) -> tuple[Brush | None, CameraControl | None]:
    """What to render instead of ``brush`` and ``camera`` (unchanged without a rule)."""
    if rule is None:
        return brush, camera
    return DISOBEDIENCES[rule.kind](brush, camera, rule)
