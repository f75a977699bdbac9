"""The camera move seen in a clip: synthetic clips with a known move read as the camera's move in
Kling's words (content sliding left is the camera moving right, content growing a zoom in), and
the emulator's renders of each axis and preset read as what was sent."""

from __future__ import annotations

import numpy as np
import pytest

from kling_studio.api.input_error import InputError
from kling_studio.api.models import CameraControl
from kling_studio.motion.camera import PROBLEMS, measure_camera

from .clips import FPS, H, W, box_mask, emulated, filmed, simple

SHIFT, ZOOM, TURN = 60.0, 0.2, 0.13
"""A clear move: 60 px (8 % of the diagonal), ×1.22, 7.5°."""


@pytest.mark.parametrize(
    ("motion", "ask", "seen"),
    [
        ({"dx": -SHIFT}, simple("horizontal", 5), "move right"),
        ({"dx": SHIFT}, simple("horizontal", -5), "move left"),
        ({"dy": SHIFT}, simple("vertical", 5), "move up"),
        ({"dy": -SHIFT}, simple("vertical", -5), "move down"),
        ({"dx": -SHIFT}, simple("pan", 5), "pan right"),
        ({"dx": SHIFT}, simple("pan", -5), "pan left"),
        ({"dy": SHIFT}, simple("tilt", 5), "tilt up"),
        ({"dy": -SHIFT}, simple("tilt", -5), "tilt down"),
        ({"zoom": ZOOM}, simple("zoom", -5), "zoom in"),
        ({"zoom": -ZOOM}, simple("zoom", 5), "zoom out"),
        ({"angle": -TURN}, simple("roll", 5), "roll clockwise"),
        ({"angle": TURN}, simple("roll", -5), "roll counter-clockwise"),
    ],
)
def test_a_move_reads_as_the_camera_move_and_scores_high_when_asked(
    motion: dict[str, float], ask: CameraControl, seen: str
):
    found = measure_camera(filmed(**motion), fps=FPS, asked=ask)
    assert (found.seen, found.asked) == (seen, seen)
    ((axis, value),) = ask.config.non_zero().items()  # type: ignore[union-attr]
    assert (found.axis, found.sign) == (axis, np.sign(value))
    assert found.score >= 95
    assert found.problem == ""


@pytest.mark.parametrize(
    ("motion", "amount"),
    [({"dx": -SHIFT}, SHIFT / np.hypot(W, H)), ({"zoom": ZOOM}, ZOOM), ({"angle": TURN}, TURN)],
)
def test_the_amount_is_in_the_moves_own_unit(motion: dict[str, float], amount: float):
    """Shares of the diagonal for shifts, |log scale| for a zoom, radians for a roll."""
    found = measure_camera(filmed(**motion), fps=FPS, asked=None)
    assert found.amount == pytest.approx(amount, rel=0.05)


@pytest.mark.parametrize(
    ("motion", "seen", "problem"),
    [
        ({"dx": SHIFT}, "pan left", "the camera panned left though none was asked"),
        ({"dy": -SHIFT}, "tilt down", "the camera tilted down though none was asked"),
        ({"zoom": ZOOM}, "zoom in", "the camera zoomed in though none was asked"),
    ],
)
def test_a_clear_move_nobody_asked_for_scores_low(
    motion: dict[str, float], seen: str, problem: str
):
    """A sideways move is named a pan, an up-down one a tilt, when neither axis was asked."""
    found = measure_camera(filmed(**motion), fps=FPS, asked=None)
    assert (found.seen, found.asked, found.problem) == (seen, "", problem)
    assert found.score <= 20


def test_a_still_clip_is_still():
    found = measure_camera(filmed(), fps=FPS, asked=None)
    assert (found.seen, found.axis, found.sign, found.amount) == ("still", "", 0, 0.0)
    assert (found.score, found.problem) == (100, "")


def test_an_asked_move_that_did_not_happen_scores_0():
    found = measure_camera(filmed(), fps=FPS, asked=simple("zoom", -5))
    assert (found.seen, found.asked) == ("still", "zoom in")
    assert (found.score, found.problem) == (0, "the camera did not zoom in")


@pytest.mark.parametrize(
    ("motion", "ask", "problem"),
    [
        ({"zoom": -ZOOM}, simple("zoom", -5), "the camera zoomed out, not in"),
        ({"dx": SHIFT}, simple("horizontal", 5), "the camera moved left, not right"),
        ({"angle": TURN}, simple("roll", 5), "the camera rolled counter-clockwise, not clockwise"),
        ({"dx": SHIFT}, simple("zoom", -5), "the camera panned left instead of zooming in"),
        ({"zoom": ZOOM}, simple("tilt", 5), "the camera zoomed in instead of tilting up"),
    ],
)
def test_the_wrong_move_scores_low_and_says_what_happened(
    motion: dict[str, float], ask: CameraControl, problem: str
):
    found = measure_camera(filmed(**motion), fps=FPS, asked=ask)
    assert found.score <= 10
    assert found.problem == problem


def test_a_clear_move_besides_the_asked_one_counts_against_it():
    found = measure_camera(filmed(dx=SHIFT * 1.2, zoom=ZOOM), fps=FPS, asked=simple("zoom", -5))
    assert found.seen == "zoom in"
    assert found.score < 50
    assert found.problem == "the camera also panned left"


def test_what_does_not_follow_the_camera_is_ignored():
    """A big patch sliding across a still picture: read as the camera unless ignored."""
    patch = (40, 40, 600, 250)
    sliding = filmed(dx=-SHIFT, still=(0, 250, W, H))  # all but the bottom band slides
    ignore = ~box_mask((0, 250, W, H)) | box_mask(patch)
    assert measure_camera(sliding, fps=FPS, asked=None).seen == "pan right"
    assert measure_camera(sliding, fps=FPS, asked=None, ignore=ignore).seen == "still"


def test_a_clip_without_detail_cannot_be_read():
    plain = tuple(np.full((H, W), 128, np.uint8) for _ in range(48))
    found = measure_camera(plain, fps=FPS, asked=simple("zoom", 5))
    assert (found.seen, found.asked, found.score) == ("unknown", "zoom out", 0)
    assert found.problem == PROBLEMS["unmeasured"]


def test_ignore_must_be_the_clips_size():
    with pytest.raises(InputError) as refused:
        measure_camera(filmed(), fps=FPS, asked=None, ignore=np.zeros((H // 2, W // 2), bool))
    assert refused.value.field == "ignore"


# -- the emulator's renders: each axis both ways reads as sent -----------------------------------


@pytest.mark.parametrize("axis", ["horizontal", "vertical", "pan", "tilt", "roll", "zoom"])
@pytest.mark.parametrize("value", [5.0, -5.0])
def test_the_emulators_camera_reads_as_sent(axis: str, value: float):
    ask = simple(axis, value)
    found = measure_camera(emulated(ask), fps=FPS, asked=ask)
    assert (found.axis, found.sign) == (axis, np.sign(value))
    assert found.seen == found.asked
    assert (found.score, found.problem) == (100, "")


def test_the_emulators_zoom_in_is_not_a_zoom_out():
    found = measure_camera(emulated(simple("zoom", -5)), fps=FPS, asked=simple("zoom", 5))
    assert (found.seen, found.score, found.problem) == (
        "zoom in",
        0,
        "the camera zoomed in, not out",
    )


@pytest.mark.parametrize(
    ("preset", "seen"),
    [
        ("down_back", "zoom out"),
        ("forward_up", "zoom in"),
        ("right_turn_forward", "pan right"),
        ("left_turn_forward", "pan left"),
    ],
)
def test_the_emulators_presets_read_as_their_main_moves(preset: str, seen: str):
    ask = CameraControl(type=preset)
    found = measure_camera(emulated(ask), fps=FPS, asked=ask)
    assert found.seen == seen
    assert (found.score, found.problem) == (100, "")


def test_a_preset_missing_its_second_move_says_so():
    """A pan alone against right_turn_forward: half the preset, and the push-in missing."""
    found = measure_camera(
        emulated(simple("pan", 6)), fps=FPS, asked=CameraControl(type="right_turn_forward")
    )
    assert found.seen == "pan right"
    assert 45 <= found.score <= 60, "half the preset"
    assert found.problem == "the camera did not zoom in"


def test_the_emulators_ambient_drift_counts_as_near_still():
    """Its gentle push-in (6 %) is seen, but no one would call it a camera move."""
    found = measure_camera(emulated(None), fps=FPS, asked=None)
    assert found.seen == "zoom in"
    assert found.score >= 75
    assert found.problem == ""
