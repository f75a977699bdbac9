"""Where is the thing that was clicked? A search on a small copy of the picture (long side about
320 px), before anything is decided at a finer scale.

GrabCut needs a rectangle around the object, with background in a ring around it; a click gives a
point. So rectangles grow around the point: at each size, a disc around the click (half the
rectangle's size) seeds the object's colours and the rest of the rectangle the background's. The
first size whose answer is neither lost (the rectangle lay inside the object) nor cut off by the
rectangle's edge is the object. An answer cut off by an edge is grown on those sides only, each
time keeping what was decided (background stays background), so the selection does not spill
into a neighbour of similar colour that a bigger rectangle would have swallowed.

A box is the rectangle; its middle seeds the object's colours.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

import cv2
import numpy as np

from .arrays import Mask, Picture, Pixel, Rect
from .grabcut import (
    BACKGROUND,
    FOREGROUND,
    MAYBE_BACKGROUND,
    MAYBE_FOREGROUND,
    Labels,
    cut,
    disc,
    piece_at,
    sizeable_pieces,
)

SIZES: Final = (0.1, 0.16, 0.25, 0.4, 0.62, 1.0)
"""Rectangles tried around a click: half their side, as a share of the picture's short side."""
SEED_DISC: Final = 0.5
"""The object's colours are first taken from a disc this share of the rectangle's half side."""
BOX_SEED: Final = 0.5
"""In a box, from an ellipse this share of the box's size, in its middle."""
FOUND: Final = 0.15
"""An answer inside its rectangle that fills at least this share of it is the object."""
STARTED: Final = 0.05
"""An answer cut off by the rectangle that fills at least this share of it is grown; smaller
ones (the rectangle lay inside the object) are tried again at the next size."""
NEAR_SIDE: Final = 0.05
"""An answer this close to a side (a share of the rectangle's size) is taken as cut off by it:
seeded from a disc, GrabCut is shy of the rectangle's edges."""
GROWTH: Final = 0.4
"""Each growth moves a side that cuts the answer off by this share of the rectangle."""
GROWTHS: Final = 8
RING: Final = 0.5
"""Background learnt from a ring around the rectangle, this share of its size wide."""
MARGIN: Final = 2
"""Pixels kept as background at the picture's edge: GrabCut needs some background."""
ITERATIONS: Final = 2
KEPT_NEAR_ANSWER: Final = 2
"""When growing, background decided within this many pixels of the answer may change."""
BOX_PIECES: Final = 0.05
"""A box keeps every piece at least this share of its largest."""
BOX_REACH: Final = 0.15
"""An answer in a box that comes this close (a share of the box's size) to each side fills it."""

Sides = tuple[bool, bool, bool, bool]
"""Left, top, right, bottom."""


@dataclass(frozen=True)
class Attempt:
    """One GrabCut in a rectangle: its answer, and which sides cut it off."""

    mask: Mask
    rect: Rect
    cut_off: Sides

    @property
    def fill(self) -> float:
        x0, y0, x1, y1 = self.rect
        return float(self.mask.sum()) / max((x1 - x0) * (y1 - y0), 1)

    @property
    def gap(self) -> float:
        """The widest gap between the answer and a side of its rectangle, as a share of the
        rectangle's size (1 for no answer)."""
        if not self.mask.any():
            return 1.0
        rows, columns = np.nonzero(self.mask)
        x0, y0, x1, y1 = self.rect
        width, height = max(x1 - x0, 1), max(y1 - y0, 1)
        return float(
            max(
                (columns.min() - x0) / width,
                (rows.min() - y0) / height,
                (x1 - 1 - columns.max()) / width,
                (y1 - 1 - rows.max()) / height,
            )
        )


Painter = Callable[[Labels, Rect, Pixel], None]
"""Seeds the inside of a rectangle (given in the crop's pixels; the crop's origin after it)."""


def find_clicked(image: Picture, click: Pixel) -> Mask:
    """The object under ``click`` on the small copy ``image``."""
    short = min(image.shape[:2])
    attempt = None
    for size in SIZES:
        half = size * short
        square = (
            int(click[0] - half),
            int(click[1] - half),
            int(click[0] + half) + 1,
            int(click[1] + half) + 1,
        )
        around = _inside(square, image.shape)
        attempt = _attempt(image, click, around, _seed_disc(click, SEED_DISC * half))
        if not any(attempt.cut_off) and attempt.fill >= FOUND:
            return attempt.mask
        if any(attempt.cut_off) and attempt.fill >= STARTED:
            break
    assert attempt is not None
    for _ in range(GROWTHS):
        if not any(attempt.cut_off):
            break
        wider = _inside(_widened(attempt.rect, attempt.cut_off), image.shape)
        attempt = _attempt(image, click, wider, _kept(attempt))
    return attempt.mask


def cut_box(image: Picture, box: Rect, click: Pixel | None, *, tight: bool = True) -> Mask:
    """The object in ``box`` (with a click in it: the piece under the click, else every sizeable
    piece).

    The middle of the box seeds the object's colours, its corners and a ring around it the
    background's: that keeps out background enclosed by the box (between a star's arms) that
    the ring does not show. A person draws a ``tight`` box around the object, so an answer that
    stays clear of a side has missed part of it (the middle of a boat is the water between hull
    and sail); a loose box only needs an answer. Otherwise GrabCut's own start, everything in
    the box may be the object, is tried too, and the answer reaching closer to every side kept.
    """
    rect = _inside(box, image.shape)
    middle = _attempt(image, click, rect, _seed_ellipse(BOX_SEED))
    if middle.gap <= BOX_REACH if tight else middle.fill >= STARTED:
        return middle.mask
    everything = _attempt(image, click, rect, _everything)
    return min((middle, everything), key=lambda attempt: attempt.gap).mask


def _attempt(image: Picture, click: Pixel | None, rect: Rect, paint: Painter) -> Attempt:
    """GrabCut on the rectangle and a ring of background around it."""
    height, width = image.shape[:2]
    x0, y0, x1, y1 = rect
    ring_x, ring_y = max(6, int(RING * (x1 - x0))), max(6, int(RING * (y1 - y0)))
    crop = (
        max(x0 - ring_x, 0),
        max(y0 - ring_y, 0),
        min(x1 + ring_x, width),
        min(y1 + ring_y, height),
    )
    origin = crop[0], crop[1]
    labels = np.full((crop[3] - crop[1], crop[2] - crop[0]), BACKGROUND, dtype=np.uint8)
    paint(labels, (x0 - origin[0], y0 - origin[1], x1 - origin[0], y1 - origin[1]), origin)
    if click is not None:
        labels[click[1] - origin[1], click[0] - origin[0]] = FOREGROUND
    part = np.ascontiguousarray(image[crop[1] : crop[3], crop[0] : crop[2]])
    chosen = cut(part, labels, ITERATIONS)
    piece = (
        piece_at(chosen, (click[0] - origin[0], click[1] - origin[1]))
        if click is not None
        else sizeable_pieces(chosen, BOX_PIECES)
    )
    whole = np.zeros(image.shape[:2], dtype=bool)
    whole[crop[1] : crop[3], crop[0] : crop[2]] = piece
    return Attempt(whole, rect, _cut_off(piece, rect, crop, image.shape))


def _inside(rect: Rect, shape: tuple[int, ...]) -> Rect:
    """``rect`` clipped so that a margin of background is left at the picture's edges."""
    height, width = shape[:2]
    x0, y0 = max(rect[0], MARGIN), max(rect[1], MARGIN)
    x1, y1 = min(rect[2], width - MARGIN), min(rect[3], height - MARGIN)
    return x0, y0, max(x1, x0 + 1), max(y1, y0 + 1)


def _widened(rect: Rect, sides: Sides) -> Rect:
    x0, y0, x1, y1 = rect
    step_x, step_y = max(4, int(GROWTH * (x1 - x0))), max(4, int(GROWTH * (y1 - y0)))
    left, top, right, bottom = (int(side) for side in sides)
    return x0 - step_x * left, y0 - step_y * top, x1 + step_x * right, y1 + step_y * bottom


def _cut_off(piece: Mask, rect: Rect, crop: Rect, shape: tuple[int, ...]) -> Sides:
    """Which sides of ``rect`` the piece reaches, where the picture goes on beyond them."""
    if not piece.any():
        return (False, False, False, False)
    height, width = shape[:2]
    rows, columns = np.nonzero(piece)
    left, right = columns.min() + crop[0], columns.max() + crop[0]
    top, bottom = rows.min() + crop[1], rows.max() + crop[1]
    x0, y0, x1, y1 = rect
    near_x, near_y = NEAR_SIDE * (x1 - x0), NEAR_SIDE * (y1 - y0)
    return (
        bool(left <= x0 + near_x and x0 > MARGIN),
        bool(top <= y0 + near_y and y0 > MARGIN),
        bool(right >= x1 - 1 - near_x and x1 < width - MARGIN),
        bool(bottom >= y1 - 1 - near_y and y1 < height - MARGIN),
    )


def _everything(labels: Labels, rect: Rect, origin: Pixel) -> None:
    """GrabCut's rectangle: all of it may be the object."""
    x0, y0, x1, y1 = rect
    labels[y0:y1, x0:x1] = MAYBE_FOREGROUND


def _seed_ellipse(share: float) -> Painter:
    """The object's colours from an ellipse in the middle of the rectangle (``share`` of its
    size), the background's from the rest of it and from the ring."""

    def paint(labels: Labels, rect: Rect, origin: Pixel) -> None:
        x0, y0, x1, y1 = rect
        labels[y0:y1, x0:x1] = MAYBE_BACKGROUND
        axes = (max(int(share * (x1 - x0) / 2), 1), max(int(share * (y1 - y0) / 2), 1))
        middle = np.zeros(labels.shape, dtype=np.uint8)
        cv2.ellipse(middle, ((x0 + x1) // 2, (y0 + y1) // 2), axes, 0, 0, 360, 1, -1)
        labels[middle > 0] = MAYBE_FOREGROUND

    return paint


def _seed_disc(click: Pixel, radius: float) -> Painter:
    """The object's colours from a disc around the click, the background's from the rest."""

    def paint(labels: Labels, rect: Rect, origin: Pixel) -> None:
        x0, y0, x1, y1 = rect
        inside = labels[y0:y1, x0:x1]
        inside[...] = MAYBE_BACKGROUND
        centre = (click[0] - origin[0] - x0, click[1] - origin[1] - y0)
        inside[disc(inside.shape, centre, radius)] = MAYBE_FOREGROUND

    return paint


def _kept(previous: Attempt) -> Painter:
    """A wider rectangle that keeps what the previous one decided: its answer may still be the
    object, its background stays background (but near the answer, whose edge may move), and
    only the new strip is open."""

    def paint(labels: Labels, rect: Rect, origin: Pixel) -> None:
        height, width = labels.shape
        x0, y0, x1, y1 = rect
        labels[y0:y1, x0:x1] = MAYBE_BACKGROUND
        before = np.zeros(labels.shape, dtype=bool)
        o0, p0, o1, p1 = previous.rect
        before[p0 - origin[1] : p1 - origin[1], o0 - origin[0] : o1 - origin[0]] = True
        answer = previous.mask[origin[1] : origin[1] + height, origin[0] : origin[0] + width]
        size = 2 * KEPT_NEAR_ANSWER + 1
        kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size))
        near = cv2.dilate(answer.astype(np.uint8), kernel) > 0
        labels[before & ~near] = BACKGROUND
        labels[before & near] = MAYBE_BACKGROUND
        labels[answer] = MAYBE_FOREGROUND

    return paint
