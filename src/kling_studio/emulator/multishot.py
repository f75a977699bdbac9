"""Multi-shot clips (kling-v3 ``multi_shot``): the picture filmed as several shots, each framed
anew with its own slow camera move and a caption naming it, so every cut shows and a viewer can
tell which shot is which.

``customize`` shots last what their ``multi_prompt`` durations say. ``intelligence`` lets the
real model split the prompt into shots itself; the emulator cannot read a prompt, so it renders
``INTELLIGENT_SHOTS`` equal shots instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
from PIL import Image

from . import camera
from .frames import Shot, Sprite, shot
from .marks import label
from .validation import CameraControl
from .warp import Views, scaling, translation

INTELLIGENT_SHOTS: Final = 3
CAPTION_HEIGHT: Final = 1 / 14
"""The caption's height, as a fraction of the frame's short side."""


@dataclass(frozen=True)
class Look:
    """How one shot sees the picture: where it frames it, then how its camera moves."""

    scale: float
    """The framing's size against the whole picture (below 1: closer)."""
    offset: tuple[float, float]
    """The framing's centre, right and down of the picture's, in fractions of the short side."""
    axis: str
    amount: float
    """The camera's move over the shot, in ``camera_control`` units (its sign conventions)."""


LOOKS: Final = (
    Look(1.0, (0.0, 0.0), "zoom", -5),
    Look(0.7, (-0.12, 0.05), "horizontal", 6),
    Look(0.8, (0.03, -0.02), "zoom", 4),
    Look(0.75, (0.05, -0.08), "vertical", 3),
)
"""Shot n takes ``LOOKS[n % len(LOOKS)]``: wide pushing in, close on the left sliding right,
medium pulling back, close near the top rising. Neighbours differ in framing, so a cut jumps."""


def lengths(shot_type: str | None, seconds: Sequence[int], total: int, fps: int) -> list[int]:
    """Frames per shot: each customized shot's seconds, or ``INTELLIGENT_SHOTS`` near-equal
    shares of the clip (the first ones a frame longer when it does not divide)."""
    if shot_type == "customize":
        return [fps * length for length in seconds]
    share, extra = divmod(fps * total, INTELLIGENT_SHOTS)
    return [share + (1 if n < extra else 0) for n in range(INTELLIGENT_SHOTS)]


def shots(picture: Image.Image, counts: Sequence[int]) -> tuple[Shot, ...]:
    """The picture (at the output size) as one captioned shot per entry of ``counts``."""
    return tuple(
        filmed(picture, LOOKS[n % len(LOOKS)], count, f"Shot {n + 1}/{len(counts)}")
        for n, count in enumerate(counts)
    )


def filmed(picture: Image.Image, look: Look, count: int, title: str) -> Shot:
    """One shot: the camera's move alone (no shimmer), under its caption."""
    return shot(
        views(look, count, picture.size), [picture], sprites=(caption(title, picture.size, count),)
    )


def views(look: Look, count: int, size: tuple[int, int]) -> Views:
    """The framing, then the camera's move from it (eased over the shot, as ``camera`` does)."""
    short = min(size)
    framing = translation(
        np.full(count, look.offset[0] * short), np.full(count, look.offset[1] * short)
    ) @ scaling(np.full(count, look.scale))
    move = camera.views(CameraControl("simple", {look.axis: look.amount}), count, size)
    result: Views = framing @ move
    return result


def caption(text: str, size: tuple[int, int], count: int) -> Sprite:
    """``text`` on a plate in the bottom-left corner, still for the whole shot."""
    plate = label(text, max(12, round(min(size) * CAPTION_HEIGHT)))
    margin = max(4, size[1] // 60)
    return Sprite(
        image=plate.convert("RGB"),
        mask=plate.getchannel("A"),
        origin=(margin, size[1] - plate.height - margin),
        offsets=np.zeros((count, 2), dtype=np.int64),
    )
