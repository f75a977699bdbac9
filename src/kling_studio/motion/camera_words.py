"""Camera moves in words, from one table: what was asked, what was seen, what went wrong, and a
prompt phrase for models without ``camera_control``.

Kling's signs (kling-api.md §9; the emulator renders them so, ``emulator.camera.AXES``): the
words name the CAMERA's move, not the content's. ``horizontal`` > 0 moves the camera right (the
content slides left), ``vertical`` > 0 up (content slides down), ``pan`` > 0 turns it right,
``tilt`` > 0 up, ``roll`` > 0 clockwise (content turns counter-clockwise), and ``zoom`` > 0
WIDENS the field of view, so it is a zoom out (content shrinks).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import Final

from kling_studio.api.models import CameraControl


@dataclass(frozen=True)
class Verb:
    base: str
    past: str
    does: str
    doing: str


MOVE, PAN, TILT, ROLL, ZOOM = (
    Verb("move", "moved", "moves", "moving"),
    Verb("pan", "panned", "pans", "panning"),
    Verb("tilt", "tilted", "tilts", "tilting"),
    Verb("roll", "rolled", "rolls", "rolling"),
    Verb("zoom", "zoomed", "zooms", "zooming"),
)


@dataclass(frozen=True)
class Words:
    """One camera move: "zoom in", "the camera zoomed in", "zooming in", "not in"."""

    verb: Verb
    way: str

    @property
    def name(self) -> str:
        return f"{self.verb.base} {self.way}"

    @property
    def past(self) -> str:
        return f"{self.verb.past} {self.way}"

    @property
    def doing(self) -> str:
        return f"{self.verb.doing} {self.way}"

    @property
    def does(self) -> str:
        return f"{self.verb.does} {self.way}"


WORDS: Final[dict[tuple[str, int], Words]] = {
    ("horizontal", 1): Words(MOVE, "right"),
    ("horizontal", -1): Words(MOVE, "left"),
    ("vertical", 1): Words(MOVE, "up"),
    ("vertical", -1): Words(MOVE, "down"),
    ("pan", 1): Words(PAN, "right"),
    ("pan", -1): Words(PAN, "left"),
    ("tilt", 1): Words(TILT, "up"),
    ("tilt", -1): Words(TILT, "down"),
    ("roll", 1): Words(ROLL, "clockwise"),
    ("roll", -1): Words(ROLL, "counter-clockwise"),
    ("zoom", 1): Words(ZOOM, "out"),
    ("zoom", -1): Words(ZOOM, "in"),
}
"""(axis, sign of its value in ``camera_control.config``) → the camera's move in words."""

Move = tuple[str, int]
"""An axis and the sign of its value."""


@dataclass(frozen=True)
class Preset:
    moves: tuple[Move, ...]
    """Its main moves, as kling-api.md §9 describes it and ``emulator.camera.PRESETS`` renders
    it (a push forward on a flat picture is a zoom in)."""
    joint: str
    """How its moves' words join: at once (" and ") or one after the other (", then ")."""
    phrase: str
    """For a prompt."""


PRESETS: Final[dict[str, Preset]] = {
    "down_back": Preset(
        (("vertical", -1), ("zoom", 1)), " and ", "the camera moves down and pulls back"
    ),
    "forward_up": Preset(
        (("zoom", -1), ("tilt", 1)), " and ", "the camera pushes forward and tilts up"
    ),
    "right_turn_forward": Preset(
        (("pan", 1), ("zoom", -1)), ", then ", "the camera turns right, then moves forward"
    ),
    "left_turn_forward": Preset(
        (("pan", -1), ("zoom", -1)), ", then ", "the camera turns left, then moves forward"
    ),
}

SPEEDS: Final = (3, 7)
"""A rounded |value| up to the first bound is slow (≤ 3), up to the second neither (4–7), beyond
it quick (≥ 8)."""
ADVERBS: Final = ("slowly ", "", "quickly ")


def moves(control: CameraControl | None) -> tuple[Move, ...]:
    """What was sent as moves: a preset's, or each non-zero axis of a ``simple`` config."""
    if control is None:
        return ()
    preset = PRESETS.get(control.type)
    if preset is not None:
        return preset.moves
    return tuple((axis, sign(value)) for axis, value in _values(control).items())


def asked_words(control: CameraControl | None) -> str:
    """What was sent, in the words a seen move gets ("zoom in"; "pan right, then zoom in");
    empty for nothing."""
    preset = PRESETS.get(control.type) if control is not None else None
    joint = preset.joint if preset is not None else " and "
    return joint.join(WORDS[move].name for move in moves(control))


def camera_phrase(control: CameraControl) -> str:
    """The move as a prompt phrase, for models that take no ``camera_control``: "the camera
    slowly zooms in" (zoom = -2), "the camera moves down and pulls back" (down_back); empty when
    nothing moves."""
    preset = PRESETS.get(control.type)
    if preset is not None:
        return preset.phrase
    parts = [
        ADVERBS[bisect_left(SPEEDS, round(abs(value)))] + WORDS[axis, sign(value)].does
        for axis, value in _values(control).items()
    ]
    return f"the camera {' and '.join(parts)}" if parts else ""


def _values(control: CameraControl) -> dict[str, float]:
    return control.config.non_zero() if control.config is not None else {}


def sign(value: float) -> int:
    """The direction of a move along its axis: 1 for positive, -1 otherwise."""
    return 1 if value > 0 else -1
