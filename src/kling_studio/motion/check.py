"""The motion check: a result video measured against what was asked, as one report.

``check_motion(video, intent)`` reads the video once, small and grey (``video.read_clip``), then
measures each dynamic area's path (``areas``), the static area's stillness (``still``) and the
camera's move (``camera``), each scored 0–100 with its problem in words. The report is plain
data (the contract's ``MotionCheck``): the same dict goes to the widgets, the sidecar and
``Download.motion``. Blocking and CPU-bound: callers run it off their event loop.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final

import numpy as np

from .areas import UNFOLLOWED, UnfollowedError, measure_area
from .compare import FAR, PathScore
from .intent import AreaAsk, MotionIntent
from .video import Clip, PictureInFrame, read_clip

if TYPE_CHECKING:
    from kling_studio.widgets.contract import (
        AreaCheck,
        CameraCheck,
        MotionCheck,
        MotionState,
        StaticCheck,
    )

ROUNDING: Final = 4
"""Decimals kept for the parts and the points: enough for any picture, small in JSON."""


@dataclass(frozen=True)
class AreaRule:
    """A way an area can fail its path, and how to say it."""

    applies: Callable[[PathScore], bool]
    words: Callable[[PathScore], str]


AREA_RULES: Final = (
    AreaRule(lambda s: s.direction < -0.5, lambda s: "went the other way"),
    AreaRule(lambda s: s.direction < 0.7, lambda s: f"went another way ({_degrees(s):.0f}° off)"),
    AreaRule(lambda s: s.progress < 0.7, lambda s: f"stopped {s.progress:.0%} of the way along"),
    AreaRule(
        lambda s: s.distance > FAR / 2,
        lambda s: f"strayed from its path ({s.distance:.0%} of the diagonal away on average)",
    ),
)
"""Checked in order; the first that applies names what went wrong (the most telling first)."""


def _degrees(score: PathScore) -> float:
    return math.degrees(math.acos(max(-1.0, min(1.0, score.direction))))


def area_problem(score: PathScore) -> str:
    return next((rule.words(score) for rule in AREA_RULES if rule.applies(score)), "")


def check_motion(video: str | Path, intent: MotionIntent) -> MotionCheck:
    """Measure ``video`` against ``intent``; a video that cannot be read gives a failed report."""
    started = time.perf_counter()
    try:
        clip = read_clip(video)
    except Exception as error:
        return failed_report(intent, f"the video could not be read: {error}", started)
    picture = intent.picture_size or clip.size
    fit = PictureInFrame(picture, clip.size)
    try:
        areas = [_area_check(clip, fit, area) for area in intent.areas]
        static = _static_check(clip, fit, intent) if intent.static is not None else None
        camera = _camera_check(clip, fit, intent) if intent.camera is not None else None
    except Exception as error:
        return failed_report(intent, f"{type(error).__name__}: {error}", started)
    measured = [a for a in areas if a["problem"] != UNFOLLOWED]
    scores = [a["score"] for a in measured] + [p["score"] for p in (static, camera) if p]
    return {
        "state": "done",
        "score": min(scores) if scores else None,
        "verdict": verdict(intent, areas, static, camera),
        "areas": areas,
        "static": static,
        "camera": camera,
        "picture": [int(picture[0]), int(picture[1])],
        "intent": intent.how,
        "seconds": round(time.perf_counter() - started, 3),
        "error": "; ".join(intent.skipped),
    }


def measuring_report(intent: MotionIntent) -> MotionCheck:
    """What the widgets show while the check runs: the video plays, the scores are coming."""
    return _empty(intent, "measuring", "measuring the motion…", "")


def failed_report(intent: MotionIntent, error: str, started: float | None = None) -> MotionCheck:
    report = _empty(intent, "failed", "the motion could not be measured", error)
    if started is not None:
        report["seconds"] = round(time.perf_counter() - started, 3)
    return report


def verdict(
    intent: MotionIntent,
    areas: list[AreaCheck],
    static: StaticCheck | None,
    camera: CameraCheck | None,
) -> str:
    """One line: what went wrong, part by part, or that it followed the intent."""
    wrong = [f"{a['name']} {a['problem']}" for a in areas if a["problem"]]
    wrong += [part["problem"] for part in (static, camera) if part and part["problem"]]
    if wrong:
        return "; ".join(wrong)
    return f"followed {intent.how}"


def _area_check(clip: Clip, fit: PictureInFrame, area: AreaAsk) -> AreaCheck:
    try:
        motion = measure_area(clip.frames, area.mask, area.path, picture_size=fit.picture_size)
    except UnfollowedError:
        return _unfollowed(area)
    score = motion.score
    lost = None if motion.lost_at is None else round(motion.lost_at / clip.fps, 2)
    problem = area_problem(score)
    if not problem and lost is not None and lost < 0.8 * clip.seconds:
        problem = f"was lost from sight at {lost:.1f} s"
    return {
        "name": area.name,
        "score": score.score,
        "distance": round(score.distance, ROUNDING),
        "direction": round(score.direction, ROUNDING),
        "progress": round(score.progress, ROUNDING),
        "requested": _points(area.path),
        "measured": _points(motion.measured),
        "times": [round(index / clip.fps, 3) for index in range(len(motion.measured))],
        "lost_at": lost,
        "problem": problem,
    }


def _unfollowed(area: AreaAsk) -> AreaCheck:
    """An area the tracker could not hold on to: said, scored 0, and left out of the overall
    score (nothing is known of where it went)."""
    return {
        "name": area.name,
        "score": 0,
        "distance": 0.0,
        "direction": 0.0,
        "progress": 0.0,
        "requested": _points(area.path),
        "measured": _points(area.path[:1]),
        "times": [0.0],
        "lost_at": 0.0,
        "problem": UNFOLLOWED,
    }


def _static_check(clip: Clip, fit: PictureInFrame, intent: MotionIntent) -> StaticCheck:
    from .still import measure_static

    assert intent.static is not None
    still = measure_static(clip.frames, fit.mask_to_frame(intent.static), fps=clip.fps)
    return {
        "score": int(still.score),
        "inside": round(float(still.inside), ROUNDING),
        "outside": round(float(still.outside), ROUNDING),
        "problem": still.problem,
    }


def _camera_check(clip: Clip, fit: PictureInFrame, intent: MotionIntent) -> CameraCheck:
    from .camera import measure_camera

    painted = [area.mask for area in intent.areas]
    if intent.static is not None:
        painted.append(intent.static)  # held still on purpose: not the camera's evidence
    framed = [fit.mask_to_frame(mask) for mask in painted]
    ignore = np.logical_or.reduce(framed) if framed else None
    seen = measure_camera(clip.frames, fps=clip.fps, asked=intent.camera, ignore=ignore)
    return {
        "score": int(seen.score),
        "asked": seen.asked,
        "seen": seen.seen,
        "amount": round(float(seen.amount), ROUNDING),
        "problem": seen.problem,
    }


def _points(points: np.ndarray) -> list[list[float]]:
    return [[round(float(x), 1), round(float(y), 1)] for x, y in np.asarray(points)]


def _empty(intent: MotionIntent, state: MotionState, verdict_words: str, error: str) -> MotionCheck:
    size = intent.picture_size
    return {
        "state": state,
        "score": None,
        "verdict": verdict_words,
        "areas": [],
        "static": None,
        "camera": None,
        "picture": [int(size[0]), int(size[1])] if size else [],
        "intent": intent.how,
        "seconds": 0.0,
        "error": error,
    }
