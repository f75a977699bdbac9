"""The motion brush's scene, for whoever draws it: where a path is at a moment, how far an area
has travelled by then, and one moment composed — the moving areas over a background whose holes
are filled, the still area on top.

The emulator's clips (``emulator.brush``) and the end frame a brush asks for
(``motion.endframe``) both draw with it, so a clip's last frame and the end frame put each area
in the same place. Points are pixels with the origin top-left; flipping the wire's points and
filling the holes are each caller's own business. Pure: no service, no widget, no wire.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import reduce
from typing import TypeAlias, TypeVar

import numpy as np
import numpy.typing as npt
from PIL import Image, ImageChops

Points: TypeAlias = npt.NDArray[np.float64]
"""Shape (n, 2): x, y."""
Offset: TypeAlias = tuple[int, int] | npt.NDArray[np.int64]
"""(dx, dy) in whole pixels."""
T = TypeVar("T")

END = np.array([1.0])
"""The clip's last moment, as the one time ``offsets`` takes."""


def along(points: Points, times: npt.NDArray[np.float64]) -> Points:
    """Where the path is at ``times`` (0 → 1 over the clip): its points are reached at equal steps
    of time, so where they crowd the motion is slow and where they spread it is fast — the way
    a path's own spacing carries its timing (an eased path arrives gently)."""
    stations = np.clip(times, 0.0, 1.0) * (len(points) - 1)
    index = np.arange(len(points), dtype=np.float64)
    return np.stack(
        [np.interp(stations, index, points[:, 0]), np.interp(stations, index, points[:, 1])],
        axis=1,
    )


def offsets(
    points: Points, times: npt.NDArray[np.float64], scale: float = 1.0
) -> npt.NDArray[np.int64]:
    """At each of ``times``, how far the area has travelled from its start, in whole pixels of a
    frame ``scale`` times the path's: an area moves whole, by its path's progress."""
    moved: npt.NDArray[np.int64] = np.rint((along(points, times) - points[0]) * scale).astype(
        np.int64
    )
    return moved


@dataclass(frozen=True, eq=False)
class Piece:
    """An area cut out of a picture: its pixels, how much of each it covers, and where its box
    sat in the picture."""

    image: Image.Image
    mask: Image.Image
    """L: 255 where the area covers the pixel fully."""
    origin: tuple[int, int]


def cut(picture: Image.Image, area: Image.Image) -> Piece | None:
    """The part of ``picture`` under ``area`` (L, its size), boxed tight; None when nothing is
    painted."""
    box = area.getbbox()
    if box is None:
        return None
    return Piece(picture.crop(box), area.crop(box), (box[0], box[1]))


def left_behind(areas: Sequence[Image.Image]) -> Image.Image | None:
    """Where the moving areas were (L, the union of their coverages): the holes to fill, since
    every one of them moves away; None without areas."""
    return reduce(ImageChops.lighter, areas) if areas else None


def stacked(moving: Iterable[T | None], still: T | None) -> tuple[T, ...]:
    """The paste order: the moving areas as given (a later one over an earlier one), then the
    still area, so nothing ever covers it; areas with nothing painted left out."""
    return tuple(layer for layer in (*moving, still) if layer is not None)


def composed(background: Image.Image, placed: Iterable[tuple[Piece, Offset]]) -> Image.Image:
    """One moment: ``background`` (its holes already filled) with each piece pasted at its
    origin moved by its offset, in order. A new image; ``background`` is left as it was."""
    frame = background.copy()
    for piece, (dx, dy) in placed:
        frame.paste(piece.image, (piece.origin[0] + int(dx), piece.origin[1] + int(dy)), piece.mask)
    return frame
