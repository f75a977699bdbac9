"""The static area's stillness: pasted still over a moving picture it scores ~100; moving with the
picture, or clearly moving on its own, it scores low and says so; the emulator's own motion-brush
clip (the static area pasted still under its ambient drift) scores ~100."""

from __future__ import annotations

import numpy as np
import pytest

from kling_studio.api.input_error import InputError
from kling_studio.motion.still import NOISE, PROBLEMS, measure_static

from .clips import FPS, H, W, box_mask, emulated_brush, filmed

STILL_BOX = (380, 40, 600, 200)
"""A 220×160 still area, top right."""
SHIFT = 60.0
"""The rest slides 60 px left over the clip: ~0.016 of the diagonal per second."""


def test_a_still_area_over_a_moving_picture_scores_100():
    found = measure_static(filmed(dx=-SHIFT, still=STILL_BOX), box_mask(STILL_BOX), fps=FPS)
    assert found.inside < NOISE
    assert found.outside == pytest.approx(SHIFT / np.hypot(W, H) / 5, rel=0.3), "its mean speed"
    assert (found.score, found.problem) == (100, "")


def test_a_still_area_under_a_zoom_scores_100():
    found = measure_static(filmed(zoom=0.3, still=STILL_BOX), box_mask(STILL_BOX), fps=FPS)
    assert (found.score, found.problem) == (100, "")


def test_an_area_moving_with_the_rest_scores_0():
    found = measure_static(
        filmed(dx=-SHIFT, still=STILL_BOX, leak=1.0), box_mask(STILL_BOX), fps=FPS
    )
    assert found.inside == pytest.approx(found.outside, rel=0.1)
    assert (found.score, found.problem) == (0, PROBLEMS[True])


def test_a_gentle_drift_of_everything_still_moves_the_static_area():
    """A camera drifting 18 px over the clip carries the static area too: it moved."""
    found = measure_static(
        filmed(dx=-15, dy=10, still=STILL_BOX, leak=1.0), box_mask(STILL_BOX), fps=FPS
    )
    assert found.score < 20
    assert found.problem == "the static area moved with the rest"


def test_an_area_moving_half_as_much_as_the_rest_moved():
    found = measure_static(
        filmed(dx=-SHIFT, still=STILL_BOX, leak=0.5), box_mask(STILL_BOX), fps=FPS
    )
    assert found.score < 30
    assert found.problem == "the static area moved"


def test_the_more_it_leaks_the_lower_it_scores():
    scores = [
        measure_static(
            filmed(dx=-SHIFT, still=STILL_BOX, leak=leak), box_mask(STILL_BOX), fps=FPS
        ).score
        for leak in (0.0, 0.1, 0.25, 0.5, 1.0)
    ]
    assert scores == sorted(scores, reverse=True)
    assert scores[0] == 100 and scores[1] >= 80 and scores[-1] == 0, scores


def test_nothing_moving_at_all_is_still():
    found = measure_static(filmed(still=STILL_BOX), box_mask(STILL_BOX), fps=FPS)
    assert found.inside < NOISE and found.outside < NOISE
    assert (found.score, found.problem) == (100, "")


def test_a_plain_area_shows_no_motion():
    """No detail, no flow to read: a flat area moving looks still, and reads 0."""
    clip = tuple(frame.copy() for frame in filmed(dx=-SHIFT))
    for frame in clip:
        frame[100:260, 200:440] = 128
    found = measure_static(clip, box_mask((200, 100, 440, 260)), fps=FPS)
    assert (found.inside, found.score) == (0.0, 100)


def test_the_emulators_static_brush_stays_still():
    """The emulator pastes the static area still over its ambient drift, with a dynamic area
    sailing across below it."""
    static = box_mask(STILL_BOX)
    moving = box_mask((60, 220, 200, 320))
    clip = emulated_brush(static, moving, [(130, 90), (300, 110), (450, 100)])
    found = measure_static(clip, static, fps=FPS)
    assert found.inside < NOISE < found.outside
    assert (found.score, found.problem) == (100, "")


@pytest.mark.parametrize(
    ("clip", "mask", "field"),
    [
        ("one frame", box_mask(STILL_BOX), "clip"),
        ("clip", np.zeros((H, W), bool), "static"),
        ("clip", np.ones((H // 2, W // 2), bool), "static"),
    ],
)
def test_bad_input_is_refused(clip: str, mask: np.ndarray, field: str):
    frames = filmed()[:1] if clip == "one frame" else filmed()
    with pytest.raises(InputError) as refused:
        measure_static(frames, mask, fps=FPS)
    assert refused.value.field == field
