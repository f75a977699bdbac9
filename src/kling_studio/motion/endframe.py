"""Brush → end frame: the last frame a motion brush asks for, to send as ``image_tail`` to the
models that take a start and an end frame instead of a brush (the brush is kling-v1/v1-5's only).

Drawn as the emulator draws a brushed clip's last moment, with the same scene code
(``kling_studio.brushwork``): each dynamic area cut out and moved whole by its path's end minus
its start, later areas over earlier ones, the static area pasted from the untouched picture on
top, so its pixels are the picture's. Only the background differs: the holes the areas leave
are inpainted (OpenCV's Navier–Stokes) rather than averaged, since this frame is looked at, and
sent, on its own.

Masks are bool H×W in the picture's pixels; paths are (x, y) in its pixels, origin top-left, as
the Studio keeps them. A person approves the frame before it is sent.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final, TypeAlias

import cv2
import numpy as np
import numpy.typing as npt
from PIL import Image

from kling_studio.api.input_error import InputError
from kling_studio.brushwork import END, Piece, composed, cut, offsets, stacked
from kling_studio.paths.polyline import Floats, PathLike, as_array

Mask: TypeAlias = npt.NDArray[np.bool_]
Picture: TypeAlias = npt.NDArray[np.uint8]
"""H×W×3 RGB."""
Shift: TypeAlias = tuple[int, int]
Box: TypeAlias = tuple[slice, slice]
"""Rows, columns."""

INPAINT: Final = cv2.INPAINT_NS
"""Navier–Stokes over Telea: as fast, and it carries edges into a hole (the horizon, the sun's
rim) where Telea fans out in streaks (bench/endframe.py)."""
RADIUS: Final = 3
"""Inpainting's neighbourhood, in working pixels."""
WORK_SIDE: Final = 640
"""The holes are inpainted on the picture shrunk to about this long side (by a whole factor),
the fill scaled back: at full size a 3-pixel neighbourhood sees too little and the rim smears
inwards, and a 12 MP picture would take a second (bench/endframe.py: 1/2 to 1/8 fill best)."""
EDGE: Final = 0.002
"""The holes grow by this share of the diagonal (at least a pixel; a square grow, five times as
fast as a round one): a mask painted on an area's outline leaves the outline's blended pixels
behind otherwise, a ghost of the area."""
NOTE_FROM: Final = 0.01
"""A share of an area lost at the end that is worth a note."""


@dataclass(frozen=True, eq=False)
class EndFrame:
    """The end frame and what a person should know before approving it."""

    image: Picture
    """H×W×3 RGB, the picture's size."""
    moved: tuple[tuple[float, float], ...]
    """Per dynamic area, where its centroid is in the end frame (x, y); outside the picture when
    the area leaves it."""
    notes: tuple[str, ...]
    """What is lost at the end: an area pushed out of the picture, or hidden by the static area."""

    def png(self) -> bytes:
        """The frame as PNG bytes (``image`` itself can go as ``image_tail`` too)."""
        out = io.BytesIO()
        Image.fromarray(self.image).save(out, "PNG", compress_level=1)
        return out.getvalue()


@dataclass(frozen=True, eq=False)
class Area:
    """A dynamic area, boxed: its mask inside its box, the box's corner and its move."""

    mask: Mask
    origin: Shift
    shift: Shift

    @property
    def landing(self) -> Shift:
        """The box's corner in the end frame."""
        return self.origin[0] + self.shift[0], self.origin[1] + self.shift[1]


def end_frame(
    picture: Picture, *, static: Mask | None, areas: Sequence[tuple[Mask, PathLike]]
) -> EndFrame:
    """The frame ``areas`` (each a mask and the path it travels) reach at the clip's end, the
    ``static`` area held still. Bad input is an ``InputError`` naming the field."""
    image = checked_picture(picture)
    shape = image.shape[:2]
    still = None if static is None else checked_mask(static, "static", shape)
    if not areas:
        raise InputError("areas", "must hold at least one (mask, path) pair", "none")
    masks = [checked_mask(mask, f"areas[{n}].mask", shape) for n, (mask, _) in enumerate(areas)]
    paths = [checked_path(path, f"areas[{n}].path") for n, (_, path) in enumerate(areas)]
    boxed = [boxed_area(mask, path) for mask, path in zip(masks, paths, strict=True)]
    original = Image.fromarray(image)
    background = Image.fromarray(inpainted(image, np.logical_or.reduce(masks), still))
    frame = composed(
        background,
        stacked(
            [placed(original, mask, area.shift) for mask, area in zip(masks, boxed, strict=True)],
            None if still is None else placed(original, still, (0, 0)),
        ),
    )
    return EndFrame(
        np.asarray(frame),
        tuple(centroid(area) for area in boxed),
        tuple(note for n, area in enumerate(boxed, 1) for note in notes(n, area, still, shape)),
    )


def checked_picture(picture: Picture) -> Picture:
    array = np.asarray(picture)
    if array.ndim != 3 or array.shape[2] != 3 or array.dtype != np.uint8 or 0 in array.shape:
        raise InputError(
            "picture", "must be an H×W×3 uint8 RGB array", f"{array.dtype} {array.shape}"
        )
    return array


def checked_mask(mask: Mask, field: str, shape: tuple[int, ...]) -> Mask:
    """``mask`` as bool, the picture's size, with something painted."""
    array = np.asarray(mask)
    if array.shape != shape:
        size = "×".join(map(str, array.shape[::-1]))
        raise InputError(field, f"must be the picture's size, {shape[1]}×{shape[0]}", size)
    painted = array.astype(bool, copy=False)
    if not painted.any():
        raise InputError(field, "must have painted pixels", "an empty mask")
    return painted


def checked_path(path: PathLike, field: str) -> Floats:
    try:
        return as_array(path)
    except InputError as error:
        raise InputError(field, error.rule, error.value) from error


def boxed_area(mask: Mask, path: Floats) -> Area:
    rows, columns = bounds(mask)
    (dx, dy) = offsets(path, END)[0]
    return Area(mask[rows, columns], (int(columns.start), int(rows.start)), (int(dx), int(dy)))


def placed(picture: Image.Image, mask: Mask, shift: Shift) -> tuple[Piece, Shift] | None:
    """The area ``mask`` cut out of ``picture``, with where it goes."""
    piece = cut(picture, coverage(mask))
    return None if piece is None else (piece, shift)


def bounds(mask: Mask, margin: int = 0) -> Box:
    """The rows and columns holding ``mask``'s painted pixels, grown by ``margin`` and kept
    inside the picture."""
    spans = []
    for axis in (1, 0):
        painted = np.flatnonzero(mask.any(axis=axis))
        end = mask.shape[1 - axis]
        spans.append(slice(max(0, painted[0] - margin), min(end, painted[-1] + 1 + margin)))
    return spans[0], spans[1]


def coverage(mask: Mask) -> Image.Image:
    """A bool mask as the L coverage the shared scene pastes with."""
    return Image.fromarray(mask.view(np.uint8) * np.uint8(255), "L")


def edge_pixels(shape: tuple[int, ...]) -> int:
    return max(1, round(EDGE * math.hypot(shape[0], shape[1])))


def inpainted(picture: Picture, left: Mask, still: Mask | None) -> Picture:
    """``picture`` with the places the areas ``left`` (grown by ``EDGE``, never into the static
    area, which stays as it is) filled from what surrounds them; worked in their box only, at
    ``WORK_SIDE``."""
    edge = edge_pixels(picture.shape)
    factor = working_factor(picture.shape)
    box = bounds(left, edge + (RADIUS + 2) * factor)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (2 * edge + 1, 2 * edge + 1))
    holes = cv2.dilate(left[box].view(np.uint8), kernel).view(bool)
    if still is not None:
        holes &= ~still[box]
    if not holes.any():
        return picture
    result = picture.copy()
    np.copyto(result[box], fill(picture[box], holes, factor), where=holes[..., None])
    return result


def working_factor(shape: tuple[int, ...]) -> int:
    """By how much the picture is shrunk to inpaint it (``WORK_SIDE``)."""
    return max(1, round(max(shape[:2]) / WORK_SIDE))


def fill(crop: Picture, inside: Mask, factor: int) -> Picture:
    """``crop``'s ``inside`` inpainted at 1/``factor`` of its size, scaled back."""
    height, width = inside.shape
    small_size = (max(1, math.ceil(width / factor)), max(1, math.ceil(height / factor)))
    small = cv2.resize(crop, small_size, interpolation=cv2.INTER_AREA)
    small_hole = cv2.resize(
        inside.view(np.uint8) * np.uint8(255), small_size, interpolation=cv2.INTER_AREA
    )
    done = cv2.inpaint(small, (small_hole > 0).view(np.uint8), RADIUS, INPAINT)
    return np.asarray(cv2.resize(done, (width, height), interpolation=cv2.INTER_LINEAR), np.uint8)


def centroid(area: Area) -> tuple[float, float]:
    """From the mask's row and column counts: no list of its pixels (millions on a 12 MP one)."""
    x, y = area.landing
    per_row, per_column = area.mask.sum(axis=1), area.mask.sum(axis=0)
    total = float(per_row.sum())
    return (
        x + float(per_column @ np.arange(len(per_column))) / total,
        y + float(per_row @ np.arange(len(per_row))) / total,
    )


def landed(area: Area, shape: tuple[int, ...]) -> Box:
    """The part of ``area``'s box (its own rows and columns) that lands inside the picture."""
    spans = []
    for start, length, end in zip(area.landing[::-1], area.mask.shape, shape[:2], strict=True):
        spans.append(slice(min(length, max(0, -start)), max(0, min(length, end - start))))
    return spans[0], spans[1]


def cut_off(area: Area, still: Mask | None, shape: tuple[int, ...]) -> float:
    """The share of ``area`` outside the picture at the end."""
    return 1.0 - float(area.mask[landed(area, shape)].sum()) / float(area.mask.sum())


def under_still(area: Area, still: Mask | None, shape: tuple[int, ...]) -> float:
    """The share of ``area`` the static area covers at the end."""
    if still is None:
        return 0.0
    rows, columns = landed(area, shape)
    x, y = area.landing
    below = still[y + rows.start : y + rows.stop, x + columns.start : x + columns.stop]
    return float((area.mask[rows, columns] & below).sum()) / float(area.mask.sum())


LOSSES: Final[tuple[tuple[Callable[[Area, Mask | None, tuple[int, ...]], float], str], ...]] = (
    (cut_off, "dynamic {n} leaves the picture at its path's end: {share} of it is cut off"),
    (under_still, "dynamic {n} ends under the static area: {share} of it is hidden"),
)
"""What an area can lose at the end, and how a note says it."""


def notes(n: int, area: Area, still: Mask | None, shape: tuple[int, ...]) -> tuple[str, ...]:
    """The notes for dynamic area ``n`` (counted from 1, as the Studio names them)."""
    shares = [(measure(area, still, shape), words) for measure, words in LOSSES]
    return tuple(
        words.format(n=n, share=f"{round(100 * share)} %")
        for share, words in shares
        if share >= NOTE_FROM
    )
