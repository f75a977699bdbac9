"""What the clip analyses share: the frames compared (pairs a fixed time apart, made smaller by a
whole factor), the checks on their input, and how a measure becomes a 0–100 score.

Pairs are a fixed time apart, not a fixed number of frames, so a still area's measuring noise (a
fraction of a pixel per pair, whatever the spacing) is the same share of the diagonal per second
in every clip, and the thresholds set on it hold for 24 and 30 fps, 5 and 10 s alike.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, TypeAlias

import numpy as np
import numpy.typing as npt

from kling_studio.api.input_error import InputError
from kling_studio.paths.follow import Grey

Floats: TypeAlias = npt.NDArray[np.float64]
Mask: TypeAlias = npt.NDArray[np.bool_]
"""H×W, True where painted."""

STEP_SECONDS: Final = 1 / 6
"""Time between the two frames of a pair: 4 frames at 24 fps, 30 pairs in a 5 s clip. Long enough
that a slow motion (1 px/s) shows above the flow's noise, short enough that the fastest camera
move stays within the trackers' reach (the emulator's pan at 10: ~4 px at the working size)."""
WORK_LONG: Final = 320
"""The frames are made smaller by the largest whole factor that keeps their long side at least
this: at 640×360, halving cut the camera's time by ~2× (``bench/motion.py``) and the flow's by
~4×, and the camera's readings stayed within 1 % of full size's."""
PASS: Final = 50
"""A score below this says what went wrong in ``problem``."""


@dataclass(frozen=True)
class Work:
    """The clip as the analyses see it."""

    frames: dict[int, Grey]
    """The frames of ``pairs``, at the working size."""
    pairs: tuple[tuple[int, int], ...]
    """(earlier, later) frame indices; the pairs chain from the first frame to the last."""
    factor: int
    """Clip pixels per working pixel."""
    shape: tuple[int, int]
    """The clip's height and width."""
    fps: float

    def seconds(self, pair: tuple[int, int]) -> float:
        """The time between the pair's frames."""
        return (pair[1] - pair[0]) / self.fps

    @property
    def diagonal(self) -> float:
        """In clip pixels."""
        return math.hypot(*self.shape)


def working(frames: Sequence[Grey], fps: float) -> Work:
    """The pairs ``STEP_SECONDS`` apart (the last one ending on the last frame) and their frames
    made smaller."""
    import cv2

    if len(frames) < 2:
        raise InputError("clip", "must have at least two frames", len(frames))
    if not fps > 0:
        raise InputError("fps", "must be a positive number of frames per second", fps)
    height, width = frames[0].shape[:2]
    factor = max(1, max(width, height) // WORK_LONG)
    stride = max(1, round(fps * STEP_SECONDS))
    last = len(frames) - 1
    pairs = tuple((a, min(a + stride, last)) for a in range(0, last, stride))
    size = (width // factor, height // factor)
    used = {index for pair in pairs for index in pair}
    small = {
        index: frames[index]
        if factor == 1
        else np.asarray(cv2.resize(frames[index], size, interpolation=cv2.INTER_AREA), np.uint8)
        for index in used
    }
    return Work(small, pairs, factor, (height, width), fps)


def shrunk(mask: Mask, work: Work, name: str) -> Mask:
    """``mask`` (clip pixels) at the working size; refused when it is not the clip's size."""
    import cv2

    if mask.shape != work.shape:
        raise InputError(name, f"must be a mask the clip's size {work.shape}", mask.shape)
    if work.factor == 1:
        return mask.astype(bool)
    height, width = (side // work.factor for side in work.shape)
    painted = cv2.resize(mask.astype(np.uint8) * 255, (width, height), interpolation=cv2.INTER_AREA)
    result: Mask = painted >= 128
    return result


def ramp(value: float, zero: float, full: float) -> float:
    """0 at ``zero``, 1 at ``full``, straight between and clamped (``full`` may be below
    ``zero``: then smaller is better)."""
    return min(max((value - zero) / (full - zero), 0.0), 1.0)
