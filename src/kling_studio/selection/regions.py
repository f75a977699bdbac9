"""Colour and region select: a flood fill with a tolerance, and a brush that paints whole
superpixels.

The flood fill compares colours in CIELAB, where a distance means about the same visible
difference in any hue: the tolerance (0–100) is that distance (ΔE 1976) from the clicked colour,
0 taking only that colour, 100 as far apart as black and white. Superpixels (SLIC, on a copy no
longer than ``SLIC_SIDE``) are computed once per picture and kept, so each stroke of the region
brush costs only a look-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

import cv2
import numpy as np
import numpy.typing as npt

from kling_studio.api.input_error import InputError

from . import arrays
from .arrays import Mask, Point
from .downscale import downscale, factor_for
from .grabcut import piece_at
from .limits import TOLERANCE_DEFAULT, TOLERANCE_RANGE

SAMPLE: Final = 2
"""The clicked colour is the mean of the (2·SAMPLE+1)² pixels around the click: one noisy pixel
is not what a person means by "this colour"."""
SLIC_SIDE: Final = 640
"""Superpixels are computed on a copy this long at most (SLIC takes ~0.2 s at 640×360)."""
REGION_SIZE: Final = 16
"""The superpixels' average side, in pixels of that copy."""
SLIC_ITERATIONS: Final = 10


def flood_fill(image: Any, point: Point, tolerance: float = TOLERANCE_DEFAULT) -> Mask:
    """The connected pixels around ``point`` whose colour is within ``tolerance`` (ΔE) of the
    clicked colour."""
    picture = arrays.picture(image)
    x, y = arrays.pixel(point, picture.shape)
    low, high = TOLERANCE_RANGE
    if not low <= tolerance <= high:
        raise InputError("tolerance", f"must be between {low:g} and {high:g}", tolerance)
    lab = _lab(picture)
    window = lab[max(y - SAMPLE, 0) : y + SAMPLE + 1, max(x - SAMPLE, 0) : x + SAMPLE + 1]
    clicked = window.reshape(-1, 3).mean(axis=0)
    similar = np.sqrt(((lab - clicked) ** 2).sum(axis=2)) <= tolerance
    similar[y, x] = True  # the clicked pixel is always taken, whatever the grain
    return piece_at(np.asarray(similar), (x, y))


def _lab(picture: arrays.Picture) -> npt.NDArray[np.float32]:
    """CIELAB in its own units (L 0–100, a and b about ±128)."""
    return np.asarray(
        cv2.cvtColor(picture.astype(np.float32) / 255, cv2.COLOR_RGB2LAB), dtype=np.float32
    )


@dataclass(frozen=True)
class Superpixels:
    """A picture cut into small regions of like colour; build once with ``of``."""

    labels: npt.NDArray[np.int32]
    """The region of each pixel of the working copy."""
    factor: int
    """How many picture pixels a working pixel stands for, along each side."""
    shape: tuple[int, int]
    """The picture's (height, width)."""

    @classmethod
    def of(cls, image: Any, *, region_size: int = REGION_SIZE) -> Superpixels:
        picture = arrays.picture(image)
        height, width = picture.shape[:2]
        small = downscale(picture, factor_for(max(height, width), SLIC_SIDE))
        blurred = cv2.GaussianBlur(small.image, (3, 3), 0)
        size = min(region_size, *small.image.shape[:2])  # OpenCV's SLIC crashes on larger
        slic = cv2.ximgproc.createSuperpixelSLIC(
            cv2.cvtColor(blurred, cv2.COLOR_RGB2LAB), cv2.ximgproc.SLICO, size
        )
        slic.iterate(SLIC_ITERATIONS)
        slic.enforceLabelConnectivity()
        labels = np.asarray(slic.getLabels(), dtype=np.int32)
        return cls(labels, small.factor, (height, width))

    @property
    def count(self) -> int:
        return int(self.labels.max()) + 1

    def under_stroke(self, points: Sequence[Point], radius: float) -> Mask:
        """Every region the brush touched, whole: a stroke through ``points`` (x, y) with a
        round brush of ``radius`` pixels."""
        if radius <= 0:
            raise InputError("radius", "must be more than 0 pixels", radius)
        if not points:
            raise InputError("points", "a stroke needs at least one point", "no points")
        for point in points:
            arrays.pixel(point, self.shape, field="points")
        stroke = np.zeros(self.labels.shape, dtype=np.uint8)
        path = np.array([[x / self.factor, y / self.factor] for x, y in points], dtype=np.int32)
        reach = max(1, round(radius / self.factor))
        cv2.polylines(stroke, [path.reshape(-1, 1, 2)], False, 1, 2 * reach)
        for x, y in path:
            cv2.circle(stroke, (int(x), int(y)), reach, 1, -1)
        touched = np.unique(self.labels[stroke > 0])
        return self._in_picture(np.isin(self.labels, touched))

    def _in_picture(self, small: Mask) -> Mask:
        """A working-copy mask at the picture's size (each pixel a factor×factor block; the
        rows and columns past the copy, fewer than ``factor``, copy their neighbours)."""
        height, width = self.shape
        blocks = np.repeat(np.repeat(small, self.factor, axis=0), self.factor, axis=1)
        rows, columns = blocks.shape
        return np.pad(blocks, ((0, height - rows), (0, width - columns)), mode="edge")
