"""Camera moves in words from one table: prompt phrases with a speed from the value, the presets'
own phrases, what was asked in the words a seen move gets; the presets' moves agree with what the
emulator renders for them."""

from __future__ import annotations

import pytest

from kling_studio.api.capabilities import CAMERA_AXES
from kling_studio.api.models import CameraControl
from kling_studio.emulator.camera import PRESETS as RENDERED
from kling_studio.motion.camera_words import PRESETS, WORDS, asked_words, camera_phrase, moves


@pytest.mark.parametrize(
    ("axis", "value", "phrase"),
    [
        ("zoom", -5, "the camera zooms in"),
        ("zoom", -2, "the camera slowly zooms in"),
        ("zoom", 3, "the camera slowly zooms out"),
        ("zoom", 8, "the camera quickly zooms out"),
        ("horizontal", -4, "the camera moves left"),
        ("vertical", 7, "the camera moves up"),
        ("pan", 10, "the camera quickly pans right"),
        ("tilt", -0.5, "the camera slowly tilts down"),
        ("roll", 1, "the camera slowly rolls clockwise"),
        ("roll", -6.5, "the camera rolls counter-clockwise"),
        ("roll", -7.6, "the camera quickly rolls counter-clockwise"),
    ],
)
def test_a_simple_move_as_a_phrase(axis: str, value: float, phrase: str):
    """|value| ≤ 3 is slow, 4–7 plain, ≥ 8 quick (rounded)."""
    assert camera_phrase(CameraControl.simple(**{axis: value})) == phrase


@pytest.mark.parametrize(
    ("preset", "phrase", "asked"),
    [
        ("down_back", "the camera moves down and pulls back", "move down and zoom out"),
        ("forward_up", "the camera pushes forward and tilts up", "zoom in and tilt up"),
        (
            "right_turn_forward",
            "the camera turns right, then moves forward",
            "pan right, then zoom in",
        ),
        (
            "left_turn_forward",
            "the camera turns left, then moves forward",
            "pan left, then zoom in",
        ),
    ],
)
def test_a_preset_has_its_own_phrase(preset: str, phrase: str, asked: str):
    control = CameraControl(type=preset)
    assert (camera_phrase(control), asked_words(control)) == (phrase, asked)


def test_nothing_to_say_for_no_move():
    assert camera_phrase(CameraControl.simple()) == ""
    assert camera_phrase(CameraControl(type="simple")) == ""
    assert asked_words(None) == ""
    assert moves(None) == ()


def test_what_was_asked_in_words():
    assert asked_words(CameraControl.simple(zoom=5)) == "zoom out"
    assert asked_words(CameraControl.simple(horizontal=-3)) == "move left"
    assert moves(CameraControl.simple(tilt=2)) == (("tilt", 1),)


def test_every_axis_has_words_both_ways():
    assert set(WORDS) == {(axis, sign) for axis in CAMERA_AXES for sign in (1, -1)}
    assert len({words.name for words in WORDS.values()}) == len(WORDS)


def test_the_presets_are_the_moves_the_emulator_renders():
    assert set(PRESETS) == set(RENDERED)
    for name, preset in PRESETS.items():
        rendered = tuple((move.axis, 1 if move.amount > 0 else -1) for move in RENDERED[name])
        assert preset.moves == rendered, name
