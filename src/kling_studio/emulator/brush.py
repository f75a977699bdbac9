"""The motion brush (kling-api.md §10): areas the static mask pins still, areas carried along
their trajectories, and the holes the carried areas leave, filled from their surroundings.

Trajectories are pixel points of the input image as sent, with the origin at its bottom-left;
``screen_points`` is the one place that turns them into top-left pixels. Where a path is at a
moment, the cut-outs and their paste order are ``kling_studio.brushwork``'s, which the end frame
(``motion.endframe``) draws with too; the emulator's own here are the masks read from the wire
and the quick soft fill of the holes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt
from PIL import Image, ImageFilter

from kling_studio import brushwork
from kling_studio.brushwork import Points

from .fit import cover, cover_scale
from .frames import Sprite
from .timing import progress

THRESHOLD: Final = 128
"""Mask pixels at least this bright are painted."""
FILL_SCALE: Final = 4
"""Holes are filled at a quarter of the output size: the fill is a soft average anyway."""
FILL_SPREAD: Final = 3
"""Feather (pixels) where the fill meets the picture, also covering the cut-out's soft edge."""


@dataclass(frozen=True)
class Stroke:
    """One dynamic mask: the painted area and the path it travels (wire coordinates)."""

    mask: Image.Image
    trajectory: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Brush:
    image_size: tuple[int, int]
    """The input image as sent: the frame the trajectories' coordinates are in."""
    static: Image.Image | None = None
    strokes: tuple[Stroke, ...] = ()


def screen_points(trajectory: Sequence[tuple[int, int]], height: int) -> Points:
    """Wire points (origin bottom-left) as image pixels with the origin top-left."""
    points = np.array(trajectory, dtype=np.float64).reshape(-1, 2)
    points[:, 1] = height - 1 - points[:, 1]
    return points


def offsets(
    stroke: Stroke, image_size: tuple[int, int], size: tuple[int, int], count: int
) -> npt.NDArray[np.int64]:
    """Per frame, how far (output pixels) the stroke's area has travelled from its start."""
    return brushwork.offsets(
        screen_points(stroke.trajectory, image_size[1]),
        progress(count),
        cover_scale(image_size, size),
    )


def coverage(mask: Image.Image, size: tuple[int, int]) -> Image.Image:
    """The painted area at the output size (L): crisp inside, anti-aliased at the edge."""
    painted = mask.convert("L").point(lambda v: 255 if v >= THRESHOLD else 0)
    return cover(painted, size)


def cutout(picture: Image.Image, area: Image.Image, moves: npt.NDArray[np.int64]) -> Sprite | None:
    """The part of ``picture`` under ``area`` as a sprite; None when nothing is painted."""
    piece = brushwork.cut(picture, area)
    return None if piece is None else Sprite(piece.image, piece.mask, piece.origin, moves)


def filled(picture: Image.Image, hole: Image.Image) -> Image.Image:
    """``picture`` with ``hole`` (L, painted = hole) replaced by a soft average of what
    surrounds it, so the place a moving area leaves looks like more background."""
    small_size = (max(1, picture.width // FILL_SCALE), max(1, picture.height // FILL_SCALE))
    small = np.asarray(picture.resize(small_size, Image.Resampling.BOX), dtype=np.float32)
    known = np.asarray(hole.resize(small_size, Image.Resampling.BOX)) == 0
    patch = Image.fromarray(
        np.clip(push_pull(small, known.astype(np.float32)), 0, 255).astype(np.uint8)
    )
    patch = patch.filter(ImageFilter.GaussianBlur(1)).resize(
        picture.size, Image.Resampling.BILINEAR
    )
    soft = hole.filter(ImageFilter.GaussianBlur(FILL_SPREAD)).point(lambda v: min(255, 3 * v))
    return Image.composite(patch, picture, soft)


def push_pull(
    colour: npt.NDArray[np.float32], weight: npt.NDArray[np.float32]
) -> npt.NDArray[np.float32]:
    """Fill where ``weight`` is 0 from the weighted mean of ever coarser 2×2 neighbourhoods."""
    if weight.all() or not weight.any() or min(weight.shape) < 2:
        return colour
    height, width = weight.shape
    pad = ((0, height % 2), (0, width % 2))
    wide = np.pad(weight, pad, mode="edge")
    mass = np.pad(colour * weight[..., None], (*pad, (0, 0)), mode="edge")
    half = (wide.shape[0] // 2, wide.shape[1] // 2)
    coarse_weight = wide.reshape(half[0], 2, half[1], 2).sum(axis=(1, 3))
    coarse_mass = mass.reshape(half[0], 2, half[1], 2, 3).sum(axis=(1, 3))
    coarse = push_pull(
        coarse_mass / np.maximum(coarse_weight, 1e-6)[..., None], np.minimum(coarse_weight, 1)
    )
    up = coarse.repeat(2, axis=0).repeat(2, axis=1)[:height, :width]
    kept = weight[..., None]
    result: npt.NDArray[np.float32] = colour * kept + up * (1 - kept)
    return result


def separate(
    picture: Image.Image, brush: Brush, size: tuple[int, int], count: int
) -> tuple[Image.Image, tuple[Sprite, ...]]:
    """The background with the moving areas cut out and filled, and the sprites to paste over
    it: each moving area, then the still area on top (so it never changes)."""
    areas = [coverage(stroke.mask, size) for stroke in brush.strokes]
    moving = [
        cutout(picture, area, offsets(stroke, brush.image_size, size, count))
        for area, stroke in zip(areas, brush.strokes, strict=True)
    ]
    still = (
        cutout(picture, coverage(brush.static, size), np.zeros((count, 2), dtype=np.int64))
        if brush.static is not None
        else None
    )
    hole = brushwork.left_behind(areas)
    background = picture if hole is None else filled(picture, hole)
    return background, brushwork.stacked(moving, still)
