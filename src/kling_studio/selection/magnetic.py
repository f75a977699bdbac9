"""The magnetic lasso: between the points a person clicks, the path follows the picture's edges
(OpenCV's intelligent scissors), and the closed loop becomes the mask.

The scissors find each path by a shortest-path search over every pixel, which costs about 0.2 s
per anchor on a 1024×576 picture; so the work is done on the part of the picture around the
anchors, made no longer than ``LASSO_SIDE``, and the paths are scaled back.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

import cv2
import numpy as np
import numpy.typing as npt

from kling_studio.api.input_error import InputError

from . import arrays
from .arrays import Mask, Pixel, Point
from .downscale import Downscaled, downscale, factor_for

LASSO_SIDE: Final = 512
MARGIN: Final = 0.2
"""Room around the anchors for the paths, a share of their extent (at least ``MIN_MARGIN``)."""
MIN_MARGIN: Final = 16
CANNY: Final = (32.0, 100.0)
"""Edge-feature thresholds for the scissors (OpenCV's sample values)."""
GRADIENT_LIMIT: Final = 200.0


class MagneticLasso:
    """Edge-snapping paths on one part of a picture; build once per set of anchors' area."""

    def __init__(self, image: Any, around: Sequence[Point]) -> None:
        picture = arrays.picture(image)
        self.shape = picture.shape[:2]
        anchors = [arrays.pixel(point, picture.shape, field="anchors") for point in around]
        xs, ys = [a[0] for a in anchors], [a[1] for a in anchors]
        margin = max(MIN_MARGIN, int(MARGIN * max(max(xs) - min(xs), max(ys) - min(ys))))
        height, width = self.shape
        part = (
            max(min(xs) - margin, 0),
            max(min(ys) - margin, 0),
            min(max(xs) + margin + 1, width),
            min(max(ys) + margin + 1, height),
        )
        self.work: Downscaled = downscale(
            picture, factor_for(max(part[2] - part[0], part[3] - part[1]), LASSO_SIDE), part
        )
        self.scissors = cv2.segmentation.IntelligentScissorsMB()
        self.scissors.setEdgeFeatureCannyParameters(*CANNY)
        self.scissors.setGradientMagnitudeMaxLimit(GRADIENT_LIMIT)
        self.scissors.applyImage(cv2.cvtColor(self.work.image, cv2.COLOR_RGB2BGR))

    def path(self, start: Point, end: Point) -> npt.NDArray[np.int32]:
        """The edge-following path from ``start`` to ``end``, as (x, y) picture pixels."""
        self.scissors.buildMap(self._working(start))
        found = np.asarray(self.scissors.getContour(self._working(end)), dtype=np.int32)
        points = found.reshape(-1, 2) * self.work.factor + self.work.factor // 2
        return np.asarray(points + np.array(self.work.part[:2]), dtype=np.int32)

    def loop(self, anchors: Sequence[Point]) -> Mask:
        """The mask inside the closed loop through ``anchors``, each leg snapped to edges."""
        legs = [self.path(a, b) for a, b in zip(anchors, [*anchors[1:], anchors[0]], strict=True)]
        mask = np.zeros(self.shape, dtype=np.uint8)
        cv2.fillPoly(mask, [np.concatenate(legs).reshape(-1, 1, 2)], 1)
        return mask.astype(bool)

    def _working(self, point: Point) -> Pixel:
        return self.work.pixel(arrays.pixel(point, self.shape, field="anchors"))


def lasso(image: Any, anchors: Sequence[Point]) -> Mask:
    """The magnetic lasso's mask for the points a person clicked around something."""
    if len(anchors) < 3:
        raise InputError("anchors", "a closed lasso needs at least 3 points", len(anchors))
    return MagneticLasso(image, anchors).loop(anchors)
