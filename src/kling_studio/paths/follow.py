"""Following a clicked point through grey frames with pyramidal Lucas–Kanade.

One pixel is a poor thing to follow: noise, blur and compression move it off its object within a
few frames, and nothing tells. So the click seeds a small cluster of corners on the object around
it (``goodFeaturesToTrack`` in a window), each is followed from frame to frame, and each is also
followed back: one whose return lands more than ``BACK_CHECK_PX`` from where it started was lost
(occlusion, a frame edge, a texture that slid) and is dropped. The point then moves by the median
of the survivors' moves, which a few wrong ones cannot drag; survivors that disagree with that
median by more than ``AGREE_PX`` sit on something else (the ground behind the object) and are
dropped too.

Each step first expects the object to keep its speed (the search starts where the last move
would carry each corner), then, if too few corners survive, tries again from fresh corners
(``ATTEMPTS``). When fewer than half the cluster is left, new corners are seeded around the
point. Tracking stops, and says why, when no attempt keeps enough corners or the point leaves
the frame.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final, TypeAlias

import numpy as np
import numpy.typing as npt

Floats: TypeAlias = npt.NDArray[np.float64]
Grey: TypeAlias = npt.NDArray[np.uint8]
"""One frame, H×W."""
Corners: TypeAlias = npt.NDArray[np.float32]
"""N×1×2, as OpenCV's optical flow takes them."""

WINDOW: Final = (11, 11)
"""Lucas–Kanade's window (pixels) at each pyramid level. Small, so that on a small object it sees
the object rather than the ground around it: on synthetic clips (a 30 px disc in 320×180 moving
up to 22 px a frame), 15 and 21 px lost the disc at its first fast move where 9 and 11 px held
it in every clip."""
LEVELS: Final = 4
"""Pyramid levels above the frame when nothing is known of the move: with the window, moves up
to ~80 px a frame are found."""
SHALLOW_LEVELS: Final = 1
"""Pyramid levels when the object is expected to keep its speed: the guess is close already, and
at coarse levels a small object fades into the ground, which pulls the search back to a
standstill (with 2 or more, the backward check failed on fast clips the forward step got right;
with none, the fastest clips drifted by up to 9 px)."""
BACK_CHECK_PX: Final = 1.0
"""Forward–backward check: how far a corner followed there and back may land from its start."""
AGREE_PX: Final = 2.0
"""How far a corner's move may differ from the cluster's median move and still count as on it."""
SEARCH_SHARE: Final = 0.05
"""Radius of the window searched for corners around the point, as a share of the short side."""
SEARCH_MIN_PX: Final = 8
MOST_CORNERS: Final = 40
CORNER_QUALITY: Final = 0.01
"""``goodFeaturesToTrack``'s quality level: weak corners count on a smooth object too."""
CORNER_SPACING_PX: Final = 3
FEWEST_CORNERS: Final = 3
"""Fewer survivors than this (or than the cluster started with) and the point is lost."""
KEEP_SHARE: Final = 0.5
"""A step counts when at least this share of the corners tried pass both checks: when most fail,
the few that pass agree by chance as often as not (a fast turn followed with too shallow a
pyramid kept 5 of 43 corners, all wrong by 12 px)."""
RESEED_SHARE: Final = 0.5
"""Below this share of the cluster's first size, new corners are seeded around the point."""

LOSS_REASONS: Final = {
    "corners": "too few of its features survived the forward–backward check",
    "left": "it left the frame",
}
"""Why tracking stopped, in a person's words."""


@dataclass(frozen=True)
class Followed:
    """Where the point was in each frame it was followed through (clip pixels, top-left)."""

    positions: Floats
    """Shape (n, 2); the first row is the click."""
    lost_at: int | None = None
    """The first frame (counted from the click's) in which it could not be followed."""
    reason: str | None = None
    """A ``LOSS_REASONS`` key when lost."""


@dataclass(frozen=True)
class Attempt:
    """One way to take a step: how many pyramid levels, whether the last move is expected to go
    on, whether to seed fresh corners around the point first."""

    levels: int
    carry_on: bool
    fresh: bool


ATTEMPTS: Final = (
    Attempt(levels=SHALLOW_LEVELS, carry_on=True, fresh=False),
    Attempt(levels=LEVELS, carry_on=True, fresh=True),
    Attempt(levels=LEVELS, carry_on=False, fresh=True),
)
"""Tried in order until one keeps enough corners: the usual step (the object keeps its speed, so a
shallow pyramid is enough and the ground does not drown a small object at coarse levels), then
fresh corners over the whole pyramid, expecting the same speed, then expecting a stop."""


def follow(frames: Iterable[Grey], point: tuple[float, float]) -> Followed:
    """Follow ``point`` (clip pixels in the first frame) through ``frames``."""
    stream = iter(frames)
    first = next(stream)
    size = (first.shape[1], first.shape[0])
    radius = max(SEARCH_MIN_PX, SEARCH_SHARE * min(size))
    centre = np.array(point, dtype=np.float64)
    corners = _seed(first, centre, radius)
    fewest = min(FEWEST_CORNERS, len(corners))
    reseed_below = RESEED_SHARE * len(corners)
    positions = [centre.copy()]
    shift = np.zeros(2)
    before = first
    for index, now in enumerate(stream, start=1):
        for attempt in ATTEMPTS[index == 1 :]:  # the first step has no speed to carry on
            start = _seed(before, centre, radius) if attempt.fresh else corners
            guess = shift if attempt.carry_on else np.zeros(2)
            step = _step(before, now, start, guess, attempt.levels, size)
            if len(step.corners) >= max(fewest, KEEP_SHARE * len(start)):
                break
        else:
            return Followed(np.array(positions), index, "corners")
        centre, shift = centre + step.shift, step.shift
        if not (0 <= centre[0] <= size[0] - 1 and 0 <= centre[1] <= size[1] - 1):
            return Followed(np.array(positions), index, "left")
        positions.append(centre.copy())
        corners = step.corners
        if len(corners) < reseed_below:
            corners = np.concatenate([corners, _seed(now, centre, radius)])
        before = now
    return Followed(np.array(positions))


@dataclass(frozen=True)
class _Step:
    shift: Floats
    """The cluster's median move."""
    corners: Corners
    """Where the corners that passed both checks went."""


def _step(
    before: Grey, now: Grey, corners: Corners, guess: Floats, levels: int, size: tuple[int, int]
) -> _Step:
    """One frame on: the corners that survive the forward–backward check and agree with their
    median move, and that move."""
    moved, good = _checked(before, now, corners, guess.astype(np.float32), levels, size)
    shifts = (moved - corners)[:, 0, :].astype(np.float64)
    shift = np.median(shifts[good], axis=0) if good.any() else guess
    agree = good & (np.hypot(*(shifts - shift).T) <= AGREE_PX)
    return _Step(shift, moved[agree])


def _checked(
    before: Grey,
    now: Grey,
    corners: Corners,
    guess: npt.NDArray[np.float32],
    levels: int,
    size: tuple[int, int],
) -> tuple[Corners, npt.NDArray[np.bool_]]:
    """Each corner followed forward (the search starting ``guess`` away), and whether it came back
    to within ``BACK_CHECK_PX`` of its start when followed backward (the search starting as far
    back) and stayed inside the frame."""
    moved, found = _flow(before, now, corners, corners + guess, levels)
    back, returned = _flow(now, before, moved, moved - guess, levels)
    drift = np.hypot(*(back - corners)[:, 0, :].T)
    inside = (moved[:, 0, :] >= 0).all(axis=1) & (moved[:, 0, :] <= np.array(size) - 1).all(axis=1)
    return moved, found & returned & (drift <= BACK_CHECK_PX) & inside


def _flow(
    before: Grey, now: Grey, corners: Corners, guess: Corners, levels: int
) -> tuple[Corners, npt.NDArray[np.bool_]]:
    """Lucas–Kanade from ``corners`` in ``before`` to ``now``, the search starting at ``guess``."""
    import cv2  # loads when a clip is first tracked, not with the package

    criteria = (cv2.TERM_CRITERIA_EPS | cv2.TERM_CRITERIA_COUNT, 30, 0.01)
    moved, status, _ = cv2.calcOpticalFlowPyrLK(
        before,
        now,
        corners,
        guess.copy(),
        winSize=WINDOW,
        maxLevel=levels,
        criteria=criteria,
        flags=cv2.OPTFLOW_USE_INITIAL_FLOW,
    )
    return moved.astype(np.float32), status.ravel().astype(bool)


def _seed(grey: Grey, centre: Floats, radius: float) -> Corners:
    """Corners within ``radius`` of ``centre`` (found in a crop around it: cheap on big frames);
    the point itself when the window has none (a flat patch)."""
    import cv2

    height, width = grey.shape
    left, top = (max(0, int(c - radius)) for c in centre)
    right, bottom = (
        min(width, int(centre[0] + radius) + 1),
        min(height, int(centre[1] + radius) + 1),
    )
    crop = grey[top:bottom, left:right]
    rows, columns = np.mgrid[top:bottom, left:right]
    disc = (np.hypot(columns - centre[0], rows - centre[1]) <= radius).astype(np.uint8)
    found = cv2.goodFeaturesToTrack(
        crop, MOST_CORNERS, CORNER_QUALITY, CORNER_SPACING_PX, mask=disc, blockSize=7
    )
    if found is None or len(found) == 0:
        return centre.astype(np.float32).reshape(1, 1, 2)
    return (np.asarray(found, np.float32) + np.array([left, top], dtype=np.float32)).reshape(
        -1, 1, 2
    )
