"""A motion-brush path from a clip: click the thing that moves, get the path it took.

The clip is read one grey frame at a time, the clicked point followed (``follow``: a cluster of
corners, a forward–backward check, the median move), its positions fitted to the picture's frame
(``fit``: a centre crop when the shapes differ) and thinned to Kling's 77 points at equal time
steps. Kling plays a path's points at equal time steps, so thinning by time keeps the clip's
timing (where the object sped up, the points spread out), which thinning by length would lose.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np

from kling_studio.api.capabilities import LIMITS
from kling_studio.api.input_error import InputError
from kling_studio.api.trajectory import Pixel, normalise_path, resample

from .clip import ClipLike, frame_rate, grey_frames
from .fit import fit_note, to_picture
from .follow import LOSS_REASONS, follow


@dataclass(frozen=True)
class TrackedPath:
    """The path a clicked point took through a clip, in the picture's pixels (top-left)."""

    points: tuple[Pixel, ...]
    """At most 77, at equal time steps: what ``Studio.set_path`` takes."""
    positions: tuple[tuple[float, float], ...]
    """Where the point was in each tracked frame, fitted to the picture (clamped to it)."""
    frames_tracked: int
    """How many frames it was followed through, the clicked one included."""
    lost_at: int | None
    """The clip's frame (counted from 0) where tracking was lost; None if it lasted the clip."""
    picture_size: tuple[int, int]
    notes: tuple[str, ...] = ()


def track_path(
    clip: ClipLike,
    point: tuple[float, float],
    *,
    picture_size: tuple[int, int],
    start_frame: int = 0,
) -> TrackedPath:
    """Follow ``point`` (the clip's pixels at ``start_frame``, top-left) through ``clip`` (a video
    file or its frames) and fit its path to a picture of ``picture_size`` (width, height).

    A clip of another shape than the picture is fitted by a centre crop: scaled to fill the
    picture, its overflow cut evenly from both sides, nothing squashed. Tracking stops where the
    point is lost (it left the frame, or too few of its features survived the forward–backward
    check); the path ends there and the notes say where.
    """
    _check_picture(picture_size, start_frame)
    frames = grey_frames(clip, start_frame)
    first = next(frames, None)
    if first is None:
        raise InputError("start_frame", "must be a frame of the clip", start_frame)
    clip_size = (first.shape[1], first.shape[0])
    _check_point(point, clip_size)
    followed = follow(itertools.chain([first], frames), point)
    lost_at = None if followed.lost_at is None else start_frame + followed.lost_at
    if len(followed.positions) < LIMITS.min_trajectory_points:
        rule = (
            f"could not be followed past the clicked frame: {LOSS_REASONS[followed.reason or '']}"
        )
        raise InputError("point", rule, f"({point[0]:g}, {point[1]:g}) at frame {start_frame}")
    fitted = to_picture(followed.positions, clip_size, picture_size)
    inside = np.clip(fitted, 0, np.array(picture_size) - 1)
    count = len(inside)
    timed = resample(
        inside, min(count, LIMITS.max_trajectory_points), np.arange(count, dtype=float)
    )
    path = normalise_path(timed, size=picture_size, field="clip")
    notes = [
        fit_note(clip_size, picture_size),
        _thinned_note(count),
        _clamped_note(int((inside != fitted).any(axis=1).sum())),
        _lost_note(lost_at, followed.reason, followed.positions[-1], frame_rate(clip)),
        *path.notes,
    ]
    return TrackedPath(
        points=path.points,
        positions=tuple((float(x), float(y)) for x, y in inside),
        frames_tracked=count,
        lost_at=lost_at,
        picture_size=picture_size,
        notes=tuple(note for note in notes if note),
    )


def _check_picture(picture_size: tuple[int, int], start_frame: int) -> None:
    if len(picture_size) != 2 or min(picture_size) < 1:
        raise InputError(
            "picture_size", "must be (width, height) in pixels, both ≥ 1", picture_size
        )
    if start_frame < 0:
        raise InputError("start_frame", "must be 0 or more", start_frame)


def _check_point(point: tuple[float, float], clip_size: tuple[int, int]) -> None:
    width, height = clip_size
    x, y = point
    if not (math.isfinite(x) and math.isfinite(y) and 0 <= x <= width - 1 and 0 <= y <= height - 1):
        raise InputError(
            "point",
            f"must lie inside the {width}×{height} clip (origin top-left)",
            f"({x:g}, {y:g})",
        )


def _thinned_note(count: int) -> str | None:
    if count <= LIMITS.max_trajectory_points:
        return None
    return (
        f"{count} tracked frames thinned to {LIMITS.max_trajectory_points} points at equal time "
        "steps (Kling's limit), keeping the clip's timing"
    )


def _clamped_note(count: int) -> str | None:
    if not count:
        return None
    return f"{count} positions fell in the cropped margins and were clamped to the picture's edge"


def _lost_note(
    lost_at: int | None, reason: str | None, last: np.ndarray, fps: float | None
) -> str | None:
    if lost_at is None or reason is None:
        return None
    when = f"frame {lost_at}" + (f" ({lost_at / fps:.2f} s)" if fps else "")
    return (
        f"tracking was lost at {when}, after ({last[0]:.0f}, {last[1]:.0f}) in the clip: "
        f"{LOSS_REASONS[reason]}; the path ends there"
    )
