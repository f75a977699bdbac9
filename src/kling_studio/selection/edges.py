"""The edge of a selection found on a small copy, decided again where it matters.

Two steps, each only near the edge. First GrabCut at a finer scale (the object's part of the
picture, its long side about 384 px, or the picture itself for a small object), with everything
further than the coarse pixel's size from the edge fixed: only the band is decided. Then, when
that scale is still coarser than the picture, the guided filter (the picture as guide) carries
the mask's soft edge onto the picture's own edges at full resolution, and the result is cut at
0.5; it runs in tiles that cover the edge only, as filtering all of a 12 MP picture costs
seconds.
"""

from __future__ import annotations

from math import ceil
from typing import Final

import cv2
import numpy as np
import numpy.typing as npt

from .arrays import Mask, Picture, Pixel
from .downscale import Downscaled, downscale, factor_for
from .grabcut import (
    BACKGROUND,
    FOREGROUND,
    MAYBE_BACKGROUND,
    MAYBE_FOREGROUND,
    cut,
    piece_at,
    sizeable_pieces,
)

EDGE_SIDE: Final = 384
"""The long side of the object's part of the picture when its edge is decided."""
ITERATIONS: Final = 2
BOX_PIECES: Final = 0.05
TILE: Final = 128
"""Guided-filter tiles: small enough to skip the object's inside, big enough to cost few calls."""
SMOOTHING: Final = (0.05 * 255) ** 2
"""The guided filter's ε (in 8-bit units squared): how strong an edge in the picture must be
for the mask to follow it rather than stay smooth."""


def finer_edge(
    picture: Picture, coarse: Mask, factor: int, click: Pixel | None, *, side: int = EDGE_SIDE
) -> tuple[Downscaled, Mask]:
    """Decide the edge of ``coarse`` (found at 1/``factor`` of the picture) again at the finest
    scale whose part is no longer than ``side``; the part and the mask on it."""
    height, width = picture.shape[:2]
    rows, columns = np.nonzero(coarse)
    margin = 3 * factor
    part = (
        max(int(columns.min()) * factor - margin, 0),
        max(int(rows.min()) * factor - margin, 0),
        min((int(columns.max()) + 1) * factor + margin, width),
        min((int(rows.max()) + 1) * factor + margin, height),
    )
    finer = min(factor_for(max(part[2] - part[0], part[3] - part[1]), side), factor)
    fine = downscale(picture, finer, part)
    band = 2 * ceil(factor / finer) + 1
    first = _resampled(coarse, factor, finer, fine)
    labels = np.full(first.shape, BACKGROUND, dtype=np.uint8)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * band + 1, 2 * band + 1))
    labels[cv2.dilate(first.astype(np.uint8), kernel) > 0] = MAYBE_BACKGROUND
    labels[first] = MAYBE_FOREGROUND
    labels[cv2.erode(first.astype(np.uint8), kernel) > 0] = FOREGROUND
    chosen = cut(fine.image, labels, ITERATIONS)
    if click is None:
        return fine, sizeable_pieces(chosen, BOX_PIECES)
    piece = piece_at(chosen, fine.pixel(click))
    return fine, piece if piece.any() else piece_at(first, fine.pixel(click))


def _resampled(coarse: Mask, factor: int, finer: int, fine: Downscaled) -> Mask:
    """``coarse`` (1/``factor``) on the pixels of ``fine`` (1/``finer``, over its part)."""
    scale = finer / factor
    width, height = fine.size
    warp = np.array(
        [
            [scale, 0, fine.part[0] / factor + 0.5 * scale - 0.5],
            [0, scale, fine.part[1] / factor + 0.5 * scale - 0.5],
        ],
        dtype=np.float32,
    )
    soft = cv2.warpAffine(
        coarse.astype(np.float32),
        warp,
        (width, height),
        flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
        borderMode=cv2.BORDER_CONSTANT,
    )
    return np.asarray(soft >= 0.5)


def snapped(picture: Picture, fine: Downscaled, mask: Mask) -> Mask:
    """``mask`` (on ``fine``) at the picture's full resolution, its edge on the picture's."""
    height, width = picture.shape[:2]
    x0, y0, x1, y1 = fine.part
    whole = np.zeros((height, width), dtype=bool)
    if fine.factor == 1:
        whole[y0:y1, x0:x1] = mask
        return whole
    soft = np.asarray(
        cv2.resize(mask.astype(np.float32), (x1 - x0, y1 - y0), interpolation=cv2.INTER_LINEAR),
        dtype=np.float32,
    )
    radius = max(2, fine.factor)
    edge = ((soft > 0.001) & (soft < 0.999)).astype(np.uint8)
    whole[y0:y1, x0:x1] = guided_in_band(picture[y0:y1, x0:x1], soft, edge, radius, SMOOTHING)
    return whole


def guided_in_band(
    guide: Picture,
    soft: npt.NDArray[np.float32],
    edge: npt.NDArray[np.uint8],
    radius: int,
    smoothing: float,
) -> Mask:
    """``soft`` ≥ 0.5, after the guided filter (``guide``, ``radius``, ε = ``smoothing``) within
    ``radius`` of ``edge`` (nonzero where the mask's edge may be); elsewhere as it is."""
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * radius + 1, 2 * radius + 1))
    band = cv2.dilate(edge, kernel) > 0
    decided = soft >= 0.5
    height, width = soft.shape
    for top in range(0, height, TILE):
        for left in range(0, width, TILE):
            tile = band[top : top + TILE, left : left + TILE]
            if tile.any():
                _filter_tile(guide, soft, decided, tile, (left, top), radius, smoothing)
    return decided


def _filter_tile(
    guide: Picture,
    soft: npt.NDArray[np.float32],
    decided: Mask,
    tile: Mask,
    corner: tuple[int, int],
    radius: int,
    smoothing: float,
) -> None:
    left, top = corner
    height, width = decided.shape
    g0, h0 = max(top - radius, 0), max(left - radius, 0)
    g1 = min(top + tile.shape[0] + radius, height)
    h1 = min(left + tile.shape[1] + radius, width)
    filtered = cv2.ximgproc.guidedFilter(
        np.ascontiguousarray(guide[g0:g1, h0:h1]),
        np.ascontiguousarray(soft[g0:g1, h0:h1]),
        radius,
        smoothing,
    )
    inner = filtered[top - g0 : top - g0 + tile.shape[0], left - h0 : left - h0 + tile.shape[1]]
    window = decided[top : top + tile.shape[0], left : left + tile.shape[1]]
    window[tile] = inner[tile] >= 0.5
