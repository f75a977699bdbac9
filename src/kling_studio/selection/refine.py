"""Refinements of a mask a person already has: grow or shrink its edge, feather it along the
picture's edges, fill its holes, invert it; and the brush's stamp, soft or hard.

Pure array functions; the distances are exact Euclidean ones (OpenCV's precise distance
transform), so "grow by 5 px" moves every part of the edge by 5 px, corners included.
"""

from __future__ import annotations

from typing import Any, Final

import cv2
import numpy as np
import numpy.typing as npt

from kling_studio.api.input_error import InputError

from . import arrays
from .arrays import Mask
from .edges import guided_in_band

FEATHER_SMOOTHING: Final = (0.05 * 255) ** 2
"""The guided filter's ε for feathering (8-bit units squared): see ``edges.SMOOTHING``."""


def grow(mask: Any, by: float) -> Mask:
    """``mask`` with its edge moved out by ``by`` pixels (in, when ``by`` is negative): a pixel
    joins when its centre is within ``by`` of a selected one, and leaves when within ``-by`` of
    an unselected one."""
    selected = np.asarray(mask, dtype=bool)
    if by == 0 or not selected.any() or selected.all():
        return selected.copy()
    changing = selected if by < 0 else ~selected
    distance = cv2.distanceTransform(changing.astype(np.uint8), cv2.DIST_L2, cv2.DIST_MASK_PRECISE)
    reached = np.asarray(distance <= abs(by)) & changing
    return np.asarray(selected & ~reached if by < 0 else selected | reached, dtype=bool)


def shrink(mask: Any, by: float) -> Mask:
    """``mask`` with its edge moved in by ``by`` pixels."""
    return grow(mask, -by)


def feather(mask: Any, image: Any, radius: int = 8) -> Mask:
    """The edge of ``mask`` carried onto the picture's own edges nearby (within ``radius``
    pixels): the guided filter, with the picture as guide, then cut at 0.5."""
    picture = arrays.picture(image)
    selected = arrays.mask(mask, picture.shape)
    if radius < 1:
        raise InputError("radius", "must be at least 1 pixel", radius)
    kernel = cv2.getStructuringElement(cv2.MORPH_CROSS, (3, 3))
    edge = np.asarray(
        cv2.morphologyEx(selected.astype(np.uint8), cv2.MORPH_GRADIENT, kernel), dtype=np.uint8
    )
    soft = selected.astype(np.float32)
    return guided_in_band(picture, soft, edge, radius, FEATHER_SMOOTHING)


def fill_holes(mask: Any, max_area: int | None = None) -> Mask:
    """``mask`` with its holes (unselected pieces that do not reach the picture's edge) filled;
    only those of at most ``max_area`` pixels, when given."""
    selected = np.asarray(mask, dtype=bool)
    _, pieces, stats, _ = cv2.connectedComponentsWithStats(
        (~selected).astype(np.uint8), connectivity=4
    )
    height, width = selected.shape
    left, top = stats[:, cv2.CC_STAT_LEFT], stats[:, cv2.CC_STAT_TOP]
    right = left + stats[:, cv2.CC_STAT_WIDTH]
    bottom = top + stats[:, cv2.CC_STAT_HEIGHT]
    enclosed = (left > 0) & (top > 0) & (right < width) & (bottom < height)
    if max_area is not None:
        enclosed &= stats[:, cv2.CC_STAT_AREA] <= max_area
    enclosed[0] = False
    return np.asarray(selected | enclosed[pieces], dtype=bool)


def invert(mask: Any) -> Mask:
    """Everything that was not selected."""
    return ~np.asarray(mask, dtype=bool)


def brush_stamp(radius: float, hardness: float) -> npt.NDArray[np.float32]:
    """The brush's dab, a (2⌈r⌉+1)² array of opacities in [0, 1]: full within ``hardness`` of
    the radius, then falling smoothly (smoothstep) to 0 at the radius. Hardness 1 is a hard
    disc with an anti-aliased rim; 0 fades from the very centre."""
    if radius <= 0:
        raise InputError("radius", "must be more than 0 pixels", radius)
    if not 0 <= hardness <= 1:
        raise InputError("hardness", "must be between 0 and 1", hardness)
    reach = int(np.ceil(radius))
    y, x = np.mgrid[-reach : reach + 1, -reach : reach + 1]
    distance = np.hypot(x, y)
    solid = hardness * radius
    fade = max(radius - solid, 1.0)
    t = np.clip((radius - distance) / fade, 0.0, 1.0)
    return np.asarray(t * t * (3 - 2 * t), dtype=np.float32)
