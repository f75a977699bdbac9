"""camera_control as views (kling-api.md §9): each axis is a transform, each preset a sequence
of axis moves over the clip.

Signs follow Kling's docs: the camera moving right slides the content left; ``vertical`` > 0
moves it up, so content slides down; ``pan`` > 0 turns right and ``tilt`` > 0 tilts up (content
slides left, down); ``roll`` > 0 rolls clockwise, so content turns counter-clockwise; ``zoom``
> 0 widens the field of view, so content shrinks. Each value (up to ±10) is reached, eased, by
the end of its move.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Final

import numpy as np

from .timing import Curve, progress, window
from .validation import CameraControl
from .warp import Views, identity, rotation, scaling, translation, turn

SHIFT: Final = 0.025
"""Per unit of horizontal/vertical: the fraction of the short side the camera travels."""
TURN: Final = math.radians(1.5)
"""Per unit of pan, tilt or roll."""
ZOOM: Final = 0.04
"""Per unit of zoom: the field of view grows by e^(0.04·zoom) (×1.49 at 10)."""
FIELD_OF_VIEW: Final = math.radians(60)
"""Across the long side: sets the focal length, hence how strongly a turn shows perspective."""


@dataclass(frozen=True)
class Lens:
    short: float
    focal: float

    @classmethod
    def of(cls, size: tuple[int, int]) -> Lens:
        return cls(min(size), max(size) / 2 / math.tan(FIELD_OF_VIEW / 2))


Axis = Callable[[Curve, Lens], Views]

AXES: Final[Mapping[str, Axis]] = {
    "horizontal": lambda v, lens: translation(v * SHIFT * lens.short, 0 * v),
    "vertical": lambda v, lens: translation(0 * v, -v * SHIFT * lens.short),
    "pan": lambda v, lens: turn(v * TURN, 0 * v, lens.focal),
    "tilt": lambda v, lens: turn(0 * v, v * TURN, lens.focal),
    "roll": lambda v, lens: rotation(v * TURN),
    "zoom": lambda v, lens: scaling(np.exp(v * ZOOM)),
}
"""Axis → the view after moving by ``v`` (one value per frame)."""


@dataclass(frozen=True)
class Move:
    axis: str
    amount: float
    start: float = 0.0
    """When the move begins and ends, as fractions of the clip."""
    end: float = 1.0


PRESETS: Final[Mapping[str, tuple[Move, ...]]] = {
    "down_back": (Move("vertical", -6), Move("zoom", 6)),
    "forward_up": (Move("zoom", -6), Move("tilt", 5)),
    "right_turn_forward": (Move("pan", 6, 0.0, 0.55), Move("zoom", -6, 0.45, 1.0)),
    "left_turn_forward": (Move("pan", -6, 0.0, 0.55), Move("zoom", -6, 0.45, 1.0)),
}
"""Preset → its moves. "Forward" is a push-in, which on a flat picture is a zoom."""


def moves(camera: CameraControl) -> tuple[Move, ...]:
    """The preset's moves, or the one non-zero axis of a ``simple`` config, scaled by the
    camera's ``gain`` (1 unless the render was told to disobey)."""
    asked = PRESETS.get(camera.type) or tuple(
        Move(axis, value) for axis, value in camera.config.items() if value
    )
    return tuple(replace(move, amount=move.amount * camera.gain) for move in asked)


def views(camera: CameraControl, count: int, size: tuple[int, int]) -> Views:
    """One view per frame; moves compose in order, each turning or pushing from where the last
    one left the camera."""
    t, lens = progress(count), Lens.of(size)
    result = identity(count)
    for move in moves(camera):
        result = result @ AXES[move.axis](move.amount * window(t, move.start, move.end), lens)
    return result
