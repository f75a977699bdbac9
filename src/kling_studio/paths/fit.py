"""Clip pixels → picture pixels: the clip scaled to fill the picture, the overflow cropped evenly.

That is a centre crop, as the emulator fits a picture into a frame of another shape
(``emulator.fit.cover``): nothing is squashed, so a circle in the clip stays a circle on the
picture, and where the shapes differ the clip's margins are what is lost. Pixel centres sit at
integers in both frames, so the clip's centre lands on the picture's centre exactly.
"""

from __future__ import annotations

from typing import TypeAlias

import numpy as np
import numpy.typing as npt

Floats: TypeAlias = npt.NDArray[np.float64]


def cover_scale(clip_size: tuple[int, int], picture_size: tuple[int, int]) -> float:
    """How much the clip is enlarged (or shrunk) to fill the picture."""
    return max(picture_size[0] / clip_size[0], picture_size[1] / clip_size[1])


def to_picture(points: Floats, clip_size: tuple[int, int], picture_size: tuple[int, int]) -> Floats:
    """``points`` (n×2, clip pixels, top-left) in the picture's pixels; points in the cropped
    margins land outside the picture."""
    scale = cover_scale(clip_size, picture_size)
    clip_centre = np.array(clip_size, dtype=np.float64) / 2
    picture_centre = np.array(picture_size, dtype=np.float64) / 2
    fitted: Floats = (points + 0.5 - clip_centre) * scale + picture_centre - 0.5
    return fitted


def to_clip(points: Floats, clip_size: tuple[int, int], picture_size: tuple[int, int]) -> Floats:
    """``points`` (n×2, the picture's pixels) in the clip's pixels: the inverse of
    ``to_picture``."""
    scale = cover_scale(clip_size, picture_size)
    clip_centre = np.array(clip_size, dtype=np.float64) / 2
    picture_centre = np.array(picture_size, dtype=np.float64) / 2
    inverse: Floats = (points + 0.5 - picture_centre) / scale + clip_centre - 0.5
    return inverse


def fit_note(clip_size: tuple[int, int], picture_size: tuple[int, int]) -> str | None:
    """How the clip was fitted, when its shape differs from the picture's; None when it does not."""
    scale = cover_scale(clip_size, picture_size)
    kept = (picture_size[0] / scale / clip_size[0], picture_size[1] / scale / clip_size[1])
    cropped = {"width": 1 - kept[0], "height": 1 - kept[1]}
    side, share = max(cropped.items(), key=lambda item: item[1])
    if share < 0.005:
        return None
    (cw, ch), (pw, ph) = clip_size, picture_size
    return (
        f"the clip ({cw}×{ch}) has another shape than the picture ({pw}×{ph}): it was scaled "
        f"×{scale:.3g} to fill the picture and {share:.0%} of its {side} cropped evenly from both "
        "sides (a centre crop); motion in the cropped margins is "
        "clamped to the picture's edge"
    )
