"""Where a dynamic area went in a result: its path measured from the clip, in the picture's pixels.

The area is followed from the point deepest inside its mask (farthest from its edge, so the
corners the tracker seeds around it lie on the area, not on what surrounds it) with the same
tracker a path from a clip uses (``paths.follow``: pyramidal Lucas–Kanade on a cluster of
corners, forward–backward checked, the median move). The clip is the picture fitted to the
video's frame by a centre crop, as the services and the emulator fit it (``video.PictureInFrame``),
so the point goes from picture to clip pixels, and the positions back.

A requested path starts where the person put it inside the area, not at that deepest point; the
area moves as a whole, so the measured path is the area's displacement laid from the requested
path's start.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

import numpy as np

from kling_studio.api.input_error import InputError
from kling_studio.paths.follow import Followed, Grey, follow
from kling_studio.paths.polyline import Floats, PathLike, as_array

from .common import Mask
from .compare import PathScore, compare_paths
from .video import PictureInFrame

UNFOLLOWED: Final = "could not be followed: too little detail inside it to track"


class UnfollowedError(InputError):
    """The area could not be followed (a flat colour): said in the report, left out of the
    score, rather than a failed check."""


"""A plain area (one colour, no texture) gives the tracker nothing to hold on to."""


@dataclass(frozen=True)
class AreaMotion:
    """A dynamic area's measured motion and its score against the requested path."""

    measured: Floats
    """Per frame followed, the path as the area took it (picture pixels, laid from the requested
    path's start)."""
    score: PathScore
    lost_at: int | None
    """The frame where the area could no longer be followed (None: followed to the end)."""


def deepest_point(mask: Mask) -> tuple[float, float]:
    """The pixel of ``mask`` farthest from its edge, (x, y)."""
    import cv2

    if not mask.any():
        raise InputError("mask", "must have painted pixels to follow", "an empty mask")
    inside = np.pad(mask, 1).astype(np.uint8)
    depth = cv2.distanceTransform(inside, cv2.DIST_L2, 5)[1:-1, 1:-1]
    y, x = np.unravel_index(int(np.argmax(depth)), depth.shape)
    return float(x), float(y)


def measure_area(
    frames: Iterable[Grey], mask: Mask, requested: PathLike, *, picture_size: tuple[int, int]
) -> AreaMotion:
    """Follow the area ``mask`` (the picture's pixels) through ``frames`` (the result's grey
    frames) and score its path against ``requested`` (top-left picture pixels, as the person
    drew it)."""
    stream = iter(frames)
    first = next(stream, None)
    if first is None:
        raise InputError("clip", "must have at least one frame", 0)
    if mask.shape != (picture_size[1], picture_size[0]):
        raise InputError("mask", "must be the picture's size", f"{mask.shape[::-1]}")
    fit = PictureInFrame(picture_size, (first.shape[1], first.shape[0]))
    start = fit.to_frame(np.array([deepest_point(mask)]))[0]
    followed: Followed = follow(_chained(first, stream), (float(start[0]), float(start[1])))
    if len(followed.positions) < 2:
        raise UnfollowedError("mask", UNFOLLOWED, f"lost at frame {followed.lost_at}")
    positions = fit.to_picture(followed.positions)
    asked = as_array(requested)
    measured = positions - positions[0] + asked[0]
    return AreaMotion(measured, compare_paths(asked, measured, size=picture_size), followed.lost_at)


def _chained(first: Grey, rest: Iterable[Grey]) -> Iterable[Grey]:
    yield first
    yield from rest
