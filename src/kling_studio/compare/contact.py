"""A contact sheet of a sweep: every succeeded cell's first, middle and last frame, labelled, in
the sweep's grid order — one picture to compare what the varied parameters did.

Blocking (it decodes video): from async code, run it with ``asyncio.to_thread``.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from PIL import Image, ImageDraw, ImageOps

from kling_studio.api.download import write_new

from .frames import key_frames
from .gridlayout import places
from .lettering import BACKGROUND, INK, fitted, font
from .results import CellResult

FRAMES_PER_CELL: Final = 3


@dataclass(frozen=True)
class SheetStyle:
    frame_width: int = 240
    frame_gap: int = 2
    label_height: int = 22
    gap: int = 10
    background: tuple[int, int, int] = BACKGROUND
    ink: tuple[int, int, int] = INK

    def tile_size(self, frame_height: int) -> tuple[int, int]:
        """A label over three frames side by side."""
        width = FRAMES_PER_CELL * self.frame_width + (FRAMES_PER_CELL - 1) * self.frame_gap
        return width, self.label_height + frame_height

    def sheet_size(self, rows: int, columns: int, frame_height: int) -> tuple[int, int]:
        width, height = self.tile_size(frame_height)
        return self.gap + columns * (width + self.gap), self.gap + rows * (height + self.gap)


def contact_sheet(
    results: Sequence[CellResult],
    path: Path | str,
    *,
    columns: int | None = None,
    style: SheetStyle | None = None,
) -> Path:
    """Write the sheet as PNG to ``path`` (or a free variant: never over an existing file) and
    return where it went; cells without a video leave no tile."""
    style = style or SheetStyle()
    shown = [r for r in results if r.status == "succeed" and r.file is not None]
    if not shown:
        raise ValueError("no cell has succeeded with a saved video: nothing to show")
    if columns is not None and columns < 1:
        raise ValueError(f"columns: must be at least 1 (got {columns})")
    where = places(shown, columns)
    frame = (style.frame_width, _frame_height(_file(shown[0]), style.frame_width))
    rows = 1 + max(row for row, _ in where.values())
    across = 1 + max(column for _, column in where.values())
    sheet = Image.new("RGB", style.sheet_size(rows, across, frame[1]), style.background)
    draw = ImageDraw.Draw(sheet)
    face = font(int(style.label_height * 0.65))
    tile_width, tile_height = style.tile_size(frame[1])
    for result in shown:
        row, column = where[result.cell_id]
        x = style.gap + column * (tile_width + style.gap)
        y = style.gap + row * (tile_height + style.gap)
        text = fitted(draw, result.label, face, tile_width)
        draw.text((x, y + style.label_height // 2), text, font=face, fill=style.ink, anchor="lm")
        for index, picture in enumerate(key_frames(_file(result))):
            thumb = ImageOps.pad(picture, frame, color=style.background)
            sheet.paste(thumb, (x + index * (frame[0] + style.frame_gap), y + style.label_height))
    buffer = io.BytesIO()
    sheet.save(buffer, format="PNG")
    return write_new(Path(path), buffer.getvalue())


def _file(result: CellResult) -> Path:
    assert result.file is not None
    return result.file


def _frame_height(path: Path, width: int) -> int:
    """The height of a frame scaled to ``width``, from the first video's header."""
    import av  # PyAV loads when a sheet is made

    with av.open(str(path)) as container:
        context = container.streams.video[0].codec_context
        return max(1, round(width * context.height / context.width))
