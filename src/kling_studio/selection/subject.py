"""Select the main subject: no click, a box found for the person, then the box's GrabCut.

Which part of the picture is the subject? Measured on the benchmark's scenes, OpenCV's saliency
maps point at texture and edges, not at objects (the spectral residual lights up a textured
background, the fine-grained map every edge): as seeds they found the subject in fewer than half
of the photographic composites. What works is GrabCut's own assumption turned on the whole
picture: the picture's border is background, and the subject is what differs from it. Saliency,
weighted towards the middle of the frame where people put subjects, then chooses among the
pieces that differ, and the chosen piece's box goes through the same pipeline as a dragged box.

Two refinements make "the pieces" what a person would point at. A piece of one colour reaching
the frame's border on two opposite sides is a band — a horizon, a range of hills, a wall — and
part of the setting, never the subject: it is set aside (the quickstart's hills would otherwise
carry off the sail that touches them). And what remains is joined across gaps of a couple of
pixels, so a subject made of parts (a hull and its sail) is one piece.
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
COLOURS: Final = 6
"""Colour groups (k-means in Lab) the differing pixels are split into to find bands."""
JOIN: Final = 2
"""Parts this many pixels apart (on the small copy) are one piece."""


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
    kept = differs & ~_bands(small, differs, (border_y, border_x))
    if kept.any():
        differs = kept
    joined = cv2.dilate(differs.astype(np.uint8), np.ones((2 * JOIN + 1,) * 2, np.uint8))
    count, pieces, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    if count < 2:
        return None
    pieces = np.where(differs, pieces, 0)  # the joining pixels weigh nothing
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


def _bands(small: arrays.Picture, differs: arrays.Mask, border: tuple[int, int]) -> arrays.Mask:
    """The differing pixels in pieces of one colour that reach the border strips on two opposite
    sides (left and right, or top and bottom)."""
    found = np.zeros(differs.shape, dtype=bool)
    colours = cv2.cvtColor(small, cv2.COLOR_RGB2LAB)[differs].astype(np.float32)
    if len(colours) < COLOURS:
        return found
    cv2.setRNGSeed(0)  # the same picture, the same subject
    criteria = (cv2.TERM_CRITERIA_EPS + cv2.TERM_CRITERIA_MAX_ITER, 20, 0.5)
    start = np.zeros((len(colours), 1), dtype=np.int32)  # filled in by k-means++
    _, groups, _ = cv2.kmeans(colours, COLOURS, start, criteria, 2, cv2.KMEANS_PP_CENTERS)
    grouped = np.full(differs.shape, -1, dtype=np.int32)
    grouped[differs] = groups.ravel()
    rows, columns = differs.shape
    border_y, border_x = border
    for group in range(COLOURS):
        count, pieces, stats, _ = cv2.connectedComponentsWithStats(
            (grouped == group).astype(np.uint8), connectivity=8
        )
        for piece in range(1, count):
            x, y, w, h = (int(v) for v in stats[piece, :4])
            wide = x <= border_x and x + w >= columns - border_x
            tall = y <= border_y and y + h >= rows - border_y
            if wide or tall:
                found |= pieces == piece
    return found


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
