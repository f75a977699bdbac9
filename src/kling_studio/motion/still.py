"""The static area's stillness: how fast what is inside it moved, against what is outside it.

Dense optical flow (DIS, its ultrafast preset) between frames ``common.STEP_SECONDS`` apart at the
working size; per pair the median speed inside the area and outside it, averaged over the pairs,
as a share of the clip's diagonal per second. Only pixels with detail in two directions count
(``TEXTURE``): on a plain sky or striped water the flow has nothing to hold (the sample
landscape's water read 2–5 px a pair where it moved 0.3). A ``MARGIN_PX`` band along the area's
edge counts for neither side, since the flow there blends both.

Dense flow rather than corners followed by Lucas–Kanade: at the same pairs both read a leaking
area within 0.0004 of the diagonal per second of each other, a still one below ``NOISE``, and
the corners of the area alone took twice the time the flow took for both sides
(``bench/motion.py``).

The static area is still in the clip's own pixels (the emulator pastes it on every frame, as a
still area should look), so a camera that moves everything moves it too, and that counts against
it: it has moved with the rest.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

import numpy as np

from kling_studio.api.input_error import InputError
from kling_studio.paths.follow import Grey

from .common import PASS, Floats, Mask, Work, ramp, shrunk, working

if TYPE_CHECKING:
    import cv2

NOISE: Final = 0.0015
"""Share of the diagonal per second a truly still area reads (grain, the flow's own error, its
blending at the edge): 0.0003–0.0010 on still and pasted-still test clips."""
GENTLE: Final = 0.003
"""The rest's speed counts as at least this (~2 px/s at 640×360): when nothing else moves, a
static area is only faulted for motion a person would notice."""
MOVING: Final = 0.01
"""A static area this fast (~7 px/s at 640×360, a tenth of the frame in 10 s) clearly moved,
however fast the rest went."""
ALONG: Final = 0.7
"""A moving static area at least this share of the rest's speed moved with it."""
TEXTURE: Final = 1e-4
"""``cornerMinEigenVal`` (5 px blocks) a pixel needs to count: most of a textured picture, the
edges of a plain one."""
MARGIN_PX: Final = 8
"""Working pixels along the area's edge left out on both sides: DIS's patch size."""
SAMPLE_STEP: Final = 2
"""Every other row and column of the flow is enough for a median."""
PROBLEMS: Final = {True: "the static area moved with the rest", False: "the static area moved"}
"""Keyed by whether it moved ``ALONG`` with the rest."""


@dataclass(frozen=True)
class StaticMotion:
    inside: float
    """The static area's speed: the median of its flow, a share of the diagonal per second."""
    outside: float
    """The same for the rest of the frame."""
    score: int
    """0–100: 100 while ``inside`` is within ``NOISE``, 0 once it reaches the rest's speed
    (counted between ``GENTLE`` and ``MOVING``), straight between."""
    problem: str
    """``PROBLEMS``' words when the score is below ``PASS``, else empty."""


def measure_static(frames: Sequence[Grey], static: Mask, *, fps: float) -> StaticMotion:
    """How still the area ``static`` (a mask in the clip's pixels) stayed in ``frames`` (grey,
    H×W, at ``fps``). A plain area (no detail anywhere in it) shows no motion: it reads 0."""
    work = working(frames, fps)
    if not static.any():
        raise InputError("static", "must have painted pixels", "an empty mask")
    inner, outer = _sides(shrunk(static, work, "static"))
    flow = _flow()
    speeds = [_speeds(work, pair, flow, inner, outer) for pair in work.pairs]
    inside, outside = (_mean([speed[side] for speed in speeds]) for side in (0, 1))
    reference = min(max(outside, GENTLE), MOVING)
    score = round(100 * ramp(inside, reference, NOISE))
    problem = PROBLEMS[inside >= ALONG * outside] if score < PASS else ""
    return StaticMotion(inside, outside, score, problem)


def _sides(static: Mask) -> tuple[Mask, Mask]:
    """The area without its edge band (all of it when too thin to keep any) and the rest without
    the band, sampled every ``SAMPLE_STEP`` pixels."""
    import cv2

    side = 2 * MARGIN_PX + 1
    disc = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (side, side))
    painted = static.astype(np.uint8)
    inner = cv2.erode(painted, disc).astype(bool)
    outer = ~cv2.dilate(painted, disc).astype(bool)
    inner = inner if inner.any() else static
    step = slice(None, None, SAMPLE_STEP)
    return inner[step, step], outer[step, step]


def _speeds(
    work: Work, pair: tuple[int, int], flow: cv2.DISOpticalFlow, inner: Mask, outer: Mask
) -> tuple[float | None, float | None]:
    """The median speed inside and outside over one pair (None where no pixel has detail), a
    share of the diagonal per second."""
    import cv2

    before, after = work.frames[pair[0]], work.frames[pair[1]]
    moves = flow.calc(before, after, np.zeros((*before.shape, 2), np.float32))
    moves = moves[::SAMPLE_STEP, ::SAMPLE_STEP]
    detail = cv2.cornerMinEigenVal(before, 5)[::SAMPLE_STEP, ::SAMPLE_STEP] >= TEXTURE
    speed = np.hypot(moves[..., 0], moves[..., 1]) * work.factor / work.seconds(pair)
    share = speed / work.diagonal
    return _median(share, inner & detail), _median(share, outer & detail)


def _median(values: Floats, where: Mask) -> float | None:
    return float(np.median(values[where])) if where.any() else None


def _mean(values: list[float | None]) -> float:
    known = [value for value in values if value is not None]
    return float(np.mean(known)) if known else 0.0


def _flow() -> cv2.DISOpticalFlow:
    import cv2

    return cv2.DISOpticalFlow.create(cv2.DISOpticalFlow_PRESET_ULTRAFAST)
