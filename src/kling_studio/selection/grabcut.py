"""GrabCut as the selection tools use it: seeded from a mask, deterministic, and the part of its
answer a person meant (the piece under the click, or every sizeable piece in a box).

OpenCV's GrabCut starts its colour models with k-means on a random draw; the draw is seeded
before every cut, so the same click on the same picture always gives the same mask.
"""

from __future__ import annotations

from typing import Final

import cv2
import numpy as np
import numpy.typing as npt

from .arrays import Mask, Picture, Pixel

BACKGROUND: Final = cv2.GC_BGD
FOREGROUND: Final = cv2.GC_FGD
MAYBE_BACKGROUND: Final = cv2.GC_PR_BGD
MAYBE_FOREGROUND: Final = cv2.GC_PR_FGD
SEED: Final = 12
"""cv2.setRNGSeed before each cut: GrabCut's k-means is then repeatable."""

Labels = npt.NDArray[np.uint8]
"""An H×W map of the four labels above: GrabCut's seeds in, its decision out."""


def cut(image: Picture, labels: Labels, iterations: int) -> Mask:
    """GrabCut from ``labels`` (left as GrabCut leaves them); True where it chose foreground.

    Without both a background and a foreground seed there is nothing to learn from, and the
    seeds are the answer.
    """
    chosen = labels & 1
    if chosen.all() or not chosen.any():
        return chosen.astype(bool)
    cv2.setRNGSeed(SEED)
    background, foreground = np.zeros((1, 65)), np.zeros((1, 65))
    unused_rect = (0, 0, 1, 1)  # GrabCut reads a rectangle only when starting from one
    cv2.grabCut(
        image, labels, unused_rect, background, foreground, iterations, cv2.GC_INIT_WITH_MASK
    )
    return (labels & 1).astype(bool)


def piece_at(mask: Mask, pixel: Pixel) -> Mask:
    """The 8-connected piece of ``mask`` that holds ``pixel`` (empty when it is not selected)."""
    count, pieces = cv2.connectedComponents(mask.astype(np.uint8), connectivity=8)
    label = pieces[pixel[1], pixel[0]]
    if count < 2 or label == 0:
        return np.zeros_like(mask)
    return np.asarray(pieces == label)


def sizeable_pieces(mask: Mask, share: float) -> Mask:
    """The pieces of ``mask`` at least ``share`` of its largest: a box keeps a boat's hull and
    its sail, and drops the specks GrabCut leaves around them."""
    count, pieces, stats, _ = cv2.connectedComponentsWithStats(
        mask.astype(np.uint8), connectivity=8
    )
    if count < 2:
        return mask.copy()
    areas = stats[1:, cv2.CC_STAT_AREA]
    kept = np.flatnonzero(areas >= share * areas.max()) + 1
    return np.isin(pieces, kept)


def disc(shape: tuple[int, int], centre: Pixel, radius: float) -> Mask:
    """The pixels within ``radius`` of ``centre``."""
    rows, columns = np.ogrid[: shape[0], : shape[1]]
    return np.asarray((columns - centre[0]) ** 2 + (rows - centre[1]) ** 2 <= radius * radius)
