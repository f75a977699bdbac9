"""Where each cell of a sweep goes: its grid place (``places``, shared by the contact sheet and
the exported grid) and, for an exported grid, the pixels — the canvas, each cell's picture and
caption box, the axis titles — with every word drawn once into the canvas's background
(``backdrop``), so a frame of the grid is only its cells pasted over it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
from PIL import Image, ImageDraw

from .lettering import BACKGROUND, INK, MUTED, fitted, font
from .results import CellResult

Place = tuple[int, int]
"""(row, column) of a cell in the grid, from 0."""
Size = tuple[int, int]
"""(width, height) in pixels."""

DEFAULT_COLUMNS: Final = 4
"""Tiles per row for a flat list, when the caller does not say."""


def places(results: Sequence[CellResult], columns: int | None = None) -> dict[str, Place]:
    """(row, column) of each cell's tile: the plan's grid with takes side by side, or, for a
    flat list or when ``columns`` is given, the cells in order, ``columns`` to a row."""
    grid: dict[str, Place] = {}
    takes = 1 + max((result.repeat for result in results), default=0)
    for result in results:
        if columns is not None or result.row is None or result.column is None:
            break
        grid[result.cell_id] = (result.row, result.column * takes + result.repeat)
    else:
        return grid
    per_row = columns or min(len(results), DEFAULT_COLUMNS)
    return {result.cell_id: divmod(index, per_row) for index, result in enumerate(results)}


@dataclass(frozen=True)
class AxisTitle:
    """A varied field heading the grid: its name and its values, in grid order."""

    name: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class GridTitles:
    """What heads the grid: the row axis at the left, the column axis on top; a flat list has
    neither."""

    rows: AxisTitle | None = None
    columns: AxisTitle | None = None
    span: int = 1
    """Grid columns each column value heads: a sweep's takes sit side by side under it."""


@dataclass(frozen=True)
class GridStyle:
    gap: int = 8
    background: tuple[int, int, int] = BACKGROUND
    ink: tuple[int, int, int] = INK
    muted: tuple[int, int, int] = MUTED
    text_per_width: float = 1 / 26
    """Letter size as a share of a cell's width, kept between ``min_text`` and ``max_text``,
    so a small grid's words stay legible and a large one's stay modest."""
    min_text: int = 11
    max_text: int = 20
    band_per_text: float = 1.7
    """A caption band's height per pixel of letter size."""
    max_tallness: float = 1.0
    """A cell is at most square: a taller clip is letterboxed at its sides."""
    max_left_share: float = 0.6
    """The row titles' band is at most this share of a cell's width; longer values are cut."""


@dataclass(frozen=True)
class Box:
    x: int
    y: int
    width: int
    height: int

    @property
    def slices(self) -> tuple[slice, slice]:
        """The box in a (height, width, 3) array."""
        return slice(self.y, self.y + self.height), slice(self.x, self.x + self.width)

    @property
    def centre(self) -> tuple[float, float]:
        return self.x + self.width / 2, self.y + self.height / 2


@dataclass(frozen=True)
class GridLayout:
    """The canvas, laid out: a header (column axis name, then its values), a left band (the row
    axis's values), and each cell as its picture box over its caption band."""

    size: Size
    """The canvas: both even, as H.264's 4:2:0 needs."""
    cell: Size
    """A cell's picture box: both even."""
    shape: tuple[int, int]
    """(rows, columns)."""
    text: int
    """Letter size in pixels."""
    band: int
    """Height of a caption band and of each header band."""
    left: int
    """Width of the row titles' band (0 without a row axis)."""
    top: int
    """Height of the header (0 for a flat list)."""
    gap: int

    def picture(self, place: Place) -> Box:
        row, column = place
        x = self.left + self.gap + column * (self.cell[0] + self.gap)
        y = self.top + self.gap + row * (self.cell[1] + self.band + self.gap)
        return Box(x, y, *self.cell)

    def caption(self, place: Place) -> Box:
        picture = self.picture(place)
        return Box(picture.x, picture.y + picture.height, picture.width, self.band)


def _even(value: float) -> int:
    return max(2, 2 * round(value / 2))


def plan_layout(
    shape: tuple[int, int],
    cell_width: int,
    tallness: float,
    titles: GridTitles,
    style: GridStyle | None = None,
) -> GridLayout:
    """The layout of a ``shape`` grid whose cells are ``cell_width`` wide and ``tallness`` (the
    tallest clip's height / width, capped by the style) as tall."""
    style = style or GridStyle()
    rows, columns = shape
    width = _even(cell_width)
    cell = (width, _even(width * min(tallness, style.max_tallness)))
    text = round(min(style.max_text, max(style.min_text, width * style.text_per_width)))
    band = math.ceil(text * style.band_per_text)
    header_bands = 2 if titles.columns else 1 if titles.rows else 0
    left = _left_band(titles.rows, text, band, width * style.max_left_share)
    canvas_width = left + style.gap + columns * (cell[0] + style.gap)
    canvas_height = band * header_bands + style.gap + rows * (cell[1] + band + style.gap)
    return GridLayout(
        size=(canvas_width + canvas_width % 2, canvas_height + canvas_height % 2),
        cell=cell,
        shape=shape,
        text=text,
        band=band,
        left=left,
        top=band * header_bands,
        gap=style.gap,
    )


def _left_band(rows: AxisTitle | None, text: int, band: int, most: float) -> int:
    if rows is None:
        return 0
    draw = ImageDraw.Draw(Image.new("RGB", (1, 1)))
    face = font(text)
    widest = max(draw.textlength(words, font=face) for words in (rows.name, *rows.values))
    return math.ceil(min(most, max(band, widest + text)))


def fit(size: Size, box: Box) -> Box:
    """A clip's picture inside ``box``: as large as fits with its aspect kept, centred."""
    width, height = size
    scale = min(box.width / width, box.height / height)
    fitted_width = max(1, min(box.width, round(width * scale)))
    fitted_height = max(1, min(box.height, round(height * scale)))
    return Box(
        box.x + (box.width - fitted_width) // 2,
        box.y + (box.height - fitted_height) // 2,
        fitted_width,
        fitted_height,
    )


def backdrop(
    layout: GridLayout,
    labels: Mapping[Place, str],
    titles: GridTitles,
    style: GridStyle | None = None,
) -> np.ndarray:
    """The canvas without its cells' pictures: the dark ground, each cell's caption, the axis
    titles. Every word is cut with an ellipsis to the room it has."""
    style = style or GridStyle()
    canvas = Image.new("RGB", layout.size, style.background)
    draw = ImageDraw.Draw(canvas)
    face = font(layout.text)
    pad = layout.text // 2

    def say(text: str, box: Box, colour: tuple[int, int, int], *, centred: bool = True) -> None:
        words = fitted(draw, text, face, box.width - 2 * pad)
        x, y = box.centre if centred else (box.x + pad, box.centre[1])
        draw.text((x, y), words, font=face, fill=colour, anchor="mm" if centred else "lm")

    for place, label in labels.items():
        say(label, layout.caption(place), style.ink)
    rows, columns = layout.shape
    values_band = Box(0, layout.top - layout.band, layout.left, layout.band)
    if titles.columns is not None:
        first, last = layout.picture((0, 0)), layout.picture((0, columns - 1))
        across = Box(first.x, 0, last.x + last.width - first.x, layout.band)
        say(titles.columns.name, across, style.muted)
        span = max(1, titles.span)
        for index, value in enumerate(titles.columns.values):
            if index * span >= columns:
                break
            start = layout.picture((0, index * span))
            end = layout.picture((0, min(columns, (index + 1) * span) - 1))
            heading = Box(start.x, layout.band, end.x + end.width - start.x, layout.band)
            say(value, heading, style.ink)
    if titles.rows is not None:
        say(titles.rows.name, values_band, style.muted, centred=False)
        for row, value in enumerate(titles.rows.values[:rows]):
            picture = layout.picture((row, 0))
            box = Box(0, picture.y, layout.left, picture.height)
            say(value, box, style.ink, centred=False)
    return np.asarray(canvas).copy()
