"""The camera move seen in a clip, read as the move it looks like and scored against the one sent.

The background's motion is fitted pair by pair (frames ``common.STEP_SECONDS`` apart, at the
working size): corners outside ``ignore`` (``goodFeaturesToTrack``), followed by pyramidal
Lucas–Kanade forward and back (kept when they come back within ``BACK_CHECK_PX``), a similarity
(shift, scale, rotation) fitted to them with RANSAC (``estimateAffinePartial2D``), and the
pairs' fits chained from the first frame to the last. A similarity and not a homography: a pan
and a sideways move differ only by perspective, which a flat picture barely shows, so the words
could not use it; the emulator's pans read as shifts with a scale change of about 1 %.

The chained fit, about the frame's centre, splits into ``KINDS`` of move: its scale is a zoom,
its rotation a roll, its shift across a sideways move (``horizontal`` or ``pan``: alike on a flat
picture, so named after the asked axis when one of them was asked), its shift up or down a
vertical move or a tilt. Each kind's strength is how far it carried the frame's corners, a share
of the diagonal (its *travel*), so kinds compare; the strongest is what was seen, unless none
reached ``STILL``.

Against what was asked: each asked move scores by its travel the asked way (full from ``SURE``),
kinds not asked by how still they kept (full up to ``STILL``, nothing from ``MOVING``); the score
is the lower of the asked moves' mean and that. A preset is its main moves (``camera_words.
PRESETS``: down_back moves down and zooms out); the order of right/left_turn_forward's turn and
push is not checked. Nothing asked: the score is how still the camera kept (the emulator's
ambient drift, a 6 % push-in, scores 80–85).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final, TypeAlias

import numpy as np
import numpy.typing as npt

from kling_studio.api.models import CameraControl
from kling_studio.paths.follow import Grey

from .camera_words import WORDS, Move, Words, asked_words, moves, sign
from .common import PASS, Floats, Mask, Work, ramp, shrunk, working

CameraAsk: TypeAlias = CameraControl
"""What was sent: a ``simple`` config (one non-zero axis) or a preset."""

STILL: Final = 0.02
"""Travel (share of the diagonal the frame's corners moved over the clip) below which nothing is
seen: ~15 px at 640×360; a camera value of 1 on the emulator travels 0.012–0.02."""
SURE: Final = 0.04
"""Travel at which an asked move counts in full (half at ``STILL``); the emulator's moves at 5
travel 0.06–0.11."""
MOVING: Final = 0.08
"""Travel at which a move nobody asked for scores 0 (half at 0.05: a problem)."""
CORNERS: Final = 100
"""Background corners sought per pair: 200 took twice the time and read the same moves."""
SMOOTH: Final = 1.5
"""σ (working pixels) of the blur before following: at the working size a textured picture
is sharp enough that the trackers' gradients fall short, and every move read 7–10 % too
strong; blurred, 1–2 %."""
FEWEST: Final = 8
"""Corners that must survive the backward check for a pair to be fitted."""
BACK_CHECK_PX: Final = 0.5
"""Working pixels a corner followed there and back may land from its start."""
RANSAC_PX: Final = 1.0
"""Working pixels a corner may miss the fitted move by and still support it."""
WINDOW: Final = (15, 15)
LEVELS: Final = 3
FITTED: Final = 0.5
"""Share of the pairs that must be fitted for the clip to be read at all."""


@dataclass(frozen=True)
class Fit:
    """The content's motion from the first frame to the last, about the frame's centre."""

    log_scale: float
    """Above 0 the content grew."""
    angle: float
    """Radians, y down: above 0 the content turned clockwise on screen."""
    shift: tuple[float, float]
    """Right and down, shares of the diagonal."""


@dataclass(frozen=True)
class Kind:
    axes: tuple[str, ...]
    """The ``camera_control`` axes it may be; the first names it when none of them was asked."""
    travel: Callable[[Fit], float]
    """How far the frame's corners went (a share of the diagonal), signed as the camera's move
    in Kling's convention."""
    amount: Callable[[Fit], float]
    """Its strength in its own unit."""


KINDS: Final[dict[str, Kind]] = {
    "zoom": Kind(("zoom",), lambda f: -math.expm1(f.log_scale) / 2, lambda f: abs(f.log_scale)),
    "roll": Kind(("roll",), lambda f: -math.sin(f.angle / 2), lambda f: abs(f.angle)),
    "sideways": Kind(("pan", "horizontal"), lambda f: -f.shift[0], lambda f: abs(f.shift[0])),
    "up-down": Kind(("tilt", "vertical"), lambda f: f.shift[1], lambda f: abs(f.shift[1])),
}
"""Content growing is a zoom in (zoom < 0), turning counter-clockwise a clockwise roll (roll > 0),
sliding left a move or pan right (> 0), sliding down a move or tilt up (> 0). Amounts: zoom the
|log| of the scale, roll radians, shifts shares of the diagonal."""
KIND_OF: Final = {axis: name for name, kind in KINDS.items() for axis in kind.axes}

PROBLEMS: Final = {
    "opposite": "the camera {seen}, not {way}",
    "instead": "the camera {seen} instead of {doing}",
    "missing": "the camera did not {asked}",
    "unasked": "the camera {seen} though none was asked",
    "also": "the camera also {seen}",
    "unmeasured": "too little detail outside the moving areas to follow the camera",
}
"""What went wrong: an asked move seen the other way, another move seen in its place, nothing
seen of it; a move nobody asked for, alone or besides the asked one; no fit."""
FAULTS: Final = {
    (True, True): "opposite",
    (True, False): "opposite",
    (False, True): "instead",
    (False, False): "missing",
}
"""(its kind went the other way, another kind was seen) → what became of an asked move not seen."""
STRAYS: Final = {True: "also", False: "unasked"}
"""Whether anything was asked → the sentence for a clear move nobody asked for."""


@dataclass(frozen=True)
class CameraMotion:
    seen: str
    """The strongest move in words ("zoom in", "pan left"); "still" below ``STILL``, "unknown"
    when the clip could not be read."""
    axis: str
    """Its ``camera_control`` axis ("" when still or unknown)."""
    sign: int
    """The sign its value would have (0 when still or unknown)."""
    amount: float
    """Its strength over the clip: a share of the diagonal for shifts, |log scale| for a zoom,
    radians for a roll (0 when still or unknown)."""
    asked: str
    """What was sent, in words ("" for nothing)."""
    score: int
    """0–100, see the module's docstring."""
    problem: str
    """``PROBLEMS``' sentences joined by "; ", or empty."""


def measure_camera(
    frames: Sequence[Grey], *, fps: float, asked: CameraAsk | None, ignore: Mask | None = None
) -> CameraMotion:
    """The camera move ``frames`` (grey, H×W, at ``fps``) show, scored against ``asked``.
    ``ignore`` (clip pixels) marks what does not follow the camera: the moving areas, and a
    static area too (it stays put on screen whatever the camera does)."""
    work = working(frames, fps)
    background = None if ignore is None else ~shrunk(ignore, work, "ignore")
    fit = _fit(work, background)
    words = asked_words(asked)
    if fit is None:
        return CameraMotion("unknown", "", 0, 0.0, words, 0, PROBLEMS["unmeasured"])
    wanted = moves(asked)
    travel = {name: kind.travel(fit) for name, kind in KINDS.items()}
    score = round(100 * min(_followed(wanted, travel), _kept_still(wanted, travel)))
    problem = "; ".join(_problems(wanted, travel))
    return CameraMotion(*_seen(fit, travel, wanted), words, score, problem)


def _seen(
    fit: Fit, travel: dict[str, float], wanted: Sequence[Move]
) -> tuple[str, str, int, float]:
    """The strongest kind's words, axis, sign and amount; "still" when none reached ``STILL``."""
    kind = max(travel, key=lambda name: abs(travel[name]))
    if abs(travel[kind]) < STILL:
        return "still", "", 0, 0.0
    axis, direction = _axis(kind, wanted), sign(travel[kind])
    return WORDS[axis, direction].name, axis, direction, KINDS[kind].amount(fit)


def _axis(kind: str, wanted: Sequence[Move]) -> str:
    """The kind's asked axis, else its first."""
    asked = [axis for axis, _ in wanted if KIND_OF[axis] == kind]
    return asked[0] if asked else KINDS[kind].axes[0]


def _named(kind: str, travel: float, wanted: Sequence[Move]) -> Words:
    return WORDS[_axis(kind, wanted), sign(travel)]


def _along(move: Move, travel: dict[str, float]) -> float:
    """How far the asked move's kind went the asked way."""
    axis, sign = move
    return sign * travel[KIND_OF[axis]]


def _followed(wanted: Sequence[Move], travel: dict[str, float]) -> float:
    """The asked moves' mean strength, each full from ``SURE`` (1 when nothing was asked)."""
    shares = [ramp(_along(move, travel), 0.0, SURE) for move in wanted]
    return float(np.mean(shares)) if shares else 1.0


def _stray(wanted: Sequence[Move], travel: dict[str, float]) -> str | None:
    """The strongest kind nobody asked for."""
    asked = {KIND_OF[axis] for axis, _ in wanted}
    others = [name for name in KINDS if name not in asked]
    return max(others, key=lambda name: abs(travel[name])) if others else None


def _kept_still(wanted: Sequence[Move], travel: dict[str, float]) -> float:
    stray = _stray(wanted, travel)
    return 1.0 if stray is None else ramp(abs(travel[stray]), MOVING, STILL)


def _problems(wanted: Sequence[Move], travel: dict[str, float]) -> list[str]:
    """A sentence per asked move not seen, then one for a clear move nobody asked for unless a
    missed move's sentence named it already."""
    stray = _stray(wanted, travel)
    shown = stray if stray is not None and abs(travel[stray]) >= STILL else None
    faults = [
        (move, FAULTS[_along(move, travel) <= -STILL, shown is not None])
        for move in wanted
        if _along(move, travel) < STILL
    ]
    sentences = [_missed(move, fault, shown, travel, wanted) for move, fault in faults]
    named = any(fault == "instead" for _, fault in faults)
    if stray is not None and _kept_still(wanted, travel) < PASS / 100 and not named:
        seen = _named(stray, travel[stray], wanted)
        sentences.append(PROBLEMS[STRAYS[bool(wanted)]].format(seen=seen.past))
    return sentences


def _missed(
    move: Move, fault: str, shown: str | None, travel: dict[str, float], wanted: Sequence[Move]
) -> str:
    """The sentence for an asked move not seen: ``shown`` is the kind seen in its place."""
    kind = shown if fault == "instead" and shown is not None else KIND_OF[move[0]]
    words = WORDS[move]
    seen = _named(kind, travel[kind], wanted).past
    return PROBLEMS[fault].format(seen=seen, way=words.way, doing=words.doing, asked=words.name)


def _fit(work: Work, background: Mask | None) -> Fit | None:
    """The pairs' similarities chained from the first frame to the last, about the centre (None
    when fewer than ``FITTED`` of the pairs could be fitted)."""
    import cv2

    smooth = {
        index: np.asarray(cv2.GaussianBlur(frame, (0, 0), SMOOTH), np.uint8)
        for index, frame in work.frames.items()
    }
    total, fitted = np.eye(3), 0
    for pair in work.pairs:
        step = _pair_fit(smooth[pair[0]], smooth[pair[1]], background)
        if step is not None:
            total, fitted = np.vstack([step, [0.0, 0.0, 1.0]]) @ total, fitted + 1
    if fitted < FITTED * len(work.pairs):
        return None
    height, width = next(iter(work.frames.values())).shape
    centre = np.array([[1.0, 0, (width - 1) / 2], [0, 1, (height - 1) / 2], [0, 0, 1]])
    m = np.linalg.inv(centre) @ total @ centre
    per_pixel = work.factor / work.diagonal
    return Fit(
        math.log(math.hypot(m[0, 0], m[1, 0])),
        math.atan2(m[1, 0], m[0, 0]),
        (float(m[0, 2]) * per_pixel, float(m[1, 2]) * per_pixel),
    )


def _pair_fit(before: Grey, after: Grey, background: Mask | None) -> Floats | None:
    """The similarity (2×3) carrying ``before``'s background corners onto ``after``."""
    import cv2

    area = None if background is None else background.astype(np.uint8)
    corners = cv2.goodFeaturesToTrack(before, CORNERS, 0.01, 6, mask=area, blockSize=5)
    if corners is None or len(corners) < FEWEST:
        return None
    moved, kept = _followed_there_and_back(before, after, np.asarray(corners, np.float32))
    if kept.sum() < FEWEST:
        return None
    similarity, _ = cv2.estimateAffinePartial2D(
        corners[kept], moved[kept], method=cv2.RANSAC, ransacReprojThreshold=RANSAC_PX
    )
    return None if similarity is None else np.asarray(similarity, np.float64)


def _followed_there_and_back(
    before: Grey, after: Grey, corners: npt.NDArray[np.float32]
) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.bool_]]:
    """Where each corner went, and whether it was found and came back within
    ``BACK_CHECK_PX``."""
    import cv2

    moved, found, _ = cv2.calcOpticalFlowPyrLK(
        before, after, corners, corners.copy(), winSize=WINDOW, maxLevel=LEVELS
    )
    back, returned, _ = cv2.calcOpticalFlowPyrLK(
        after, before, moved, moved.copy(), winSize=WINDOW, maxLevel=LEVELS
    )
    drift = np.hypot(*(back - corners)[:, 0, :].T)
    kept = found.ravel().astype(bool) & returned.ravel().astype(bool) & (drift <= BACK_CHECK_PX)
    return np.asarray(moved, np.float32), kept
