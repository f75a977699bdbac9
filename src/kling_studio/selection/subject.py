"""Select the main subject: no click, a box found for the person, then the box's GrabCut.

Which part of the picture is the subject? Measured on the benchmark's scenes, OpenCV's saliency
maps point at texture and edges, not at objects (the spectral residual lights up a textured
background, the fine-grained map every edge): as seeds they found the subject in fewer than half
of the photographic composites. What works is GrabCut's own assumption turned on the whole
picture: the picture's border is background, and the subject is what differs from it. Saliency,
weighted towards the middle of the frame where people put subjects, then chooses among the
pieces that differ, and the chosen piece's box goes through the same pipeline as a dragged box.
"""

from __future__ import annotations

from typing import Any, Final

import cv2
import numpy as np
import numpy.typing as npt

from . import arrays
from .downscale import downscale, factor_for
from .grabcut import BACKGROUND, MAYBE_FOREGROUND, cut
from .segment import SEARCH_SIDE, Selection, Stopwatch, segment

BORDER: Final = 0.04
"""The share of each side taken as background."""
MIDDLE: Final = 0.35
"""Width of the centre weighting (a Gaussian), as a share of the picture's size."""
ITERATIONS: Final = 2
PADDING: Final = 0.05
"""The box handed on is the piece's, this share of its size wider on each side."""


def select_subject(image: Any) -> Selection:
    """The picture's main subject (an empty mask when nothing stands out from its border)."""
    picture = arrays.picture(image)
    clock = Stopwatch()
    with clock.step("saliency"):
        box = _subject_box(picture)
    if box is None:
        return Selection(np.zeros(picture.shape[:2], dtype=bool), clock.laps)
    found = segment(picture, box=box, tight_box=False)
    return Selection(found.mask, {**clock.laps, **found.timings})


def _subject_box(picture: arrays.Picture) -> arrays.Rect | None:
    height, width = picture.shape[:2]
    factor = factor_for(max(height, width), SEARCH_SIDE)
    small = downscale(picture, factor).image
    rows, columns = small.shape[:2]
    labels = np.full((rows, columns), BACKGROUND, dtype=np.uint8)
    border_y, border_x = max(2, int(BORDER * rows)), max(2, int(BORDER * columns))
    labels[border_y : rows - border_y, border_x : columns - border_x] = MAYBE_FOREGROUND
    differs = cut(small, labels, ITERATIONS)
    count, pieces, stats, _ = cv2.connectedComponentsWithStats(
        differs.astype(np.uint8), connectivity=8
    )
    if count < 2:
        return None
    weight = _saliency(small) * _middle(rows, columns)
    mass = np.bincount(pieces.ravel(), weights=weight.ravel(), minlength=count)[1:]
    chosen = 1 + int(np.argmax(mass))
    x, y, w, h = (int(v) for v in stats[chosen, :4])
    pad_x, pad_y = PADDING * w, PADDING * h
    return arrays.rect(
        (
            (x - pad_x) * factor,
            (y - pad_y) * factor,
            (x + w + pad_x) * factor,
            (y + h + pad_y) * factor,
        ),
        picture.shape,
    )


def _saliency(small: arrays.Picture) -> npt.NDArray[np.float64]:
    """Spectral-residual saliency, in [0, 1], at the small copy's size."""
    _, found = cv2.saliency.StaticSaliencySpectralResidual.create().computeSaliency(
        cv2.cvtColor(small, cv2.COLOR_RGB2BGR)
    )
    rows, columns = small.shape[:2]
    resized = cv2.resize(np.asarray(found, dtype=np.float32), (columns, rows))
    span = float(np.ptp(resized))
    return np.asarray(
        (resized - resized.min()) / span if span else np.ones_like(resized), np.float64
    )


def _middle(rows: int, columns: int) -> npt.NDArray[np.float64]:
    y, x = np.ogrid[:rows, :columns]
    spread_x, spread_y = MIDDLE * columns, MIDDLE * rows
    return np.exp(-(((x - columns / 2) / spread_x) ** 2 + ((y - rows / 2) / spread_y) ** 2))
