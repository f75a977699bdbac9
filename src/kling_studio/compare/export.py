"""A sweep's grid as one file: every cell's clip in its grid place, all in step, each labelled
with what it varies and the axes titled — an MP4 (H.264, with one clip's sound) to watch, or a
looping GIF or WebP, kept under a size cap, for a README.

In step: the grid at moment t shows every clip's frame at t; a shorter clip holds its last
frame, and the grid lasts as long as the longest. Clips of other sizes and frame rates are
fitted into their cells with their aspect kept, on the grid's dark ground. The words are drawn
once into the canvas's background (``gridlayout.backdrop``); each frame only pastes the cells
that changed. The file is written beside the target and then given its name, never over an
existing file (``grid.mp4`` taken: ``grid-2.mp4``).

Blocking (it decodes and encodes video): from async code, run it in a thread.
"""

from __future__ import annotations

import math
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal

import numpy as np

from kling_studio.api.download import claim
from kling_studio.api.input_error import InputError

from .gridlayout import (
    Box,
    GridLayout,
    GridStyle,
    GridTitles,
    Place,
    Size,
    backdrop,
    fit,
    plan_layout,
)

if TYPE_CHECKING:
    from .cellframes import ClipInfo
    from .gridwriters import GridWriter

ExportFormat = Literal["mp4", "gif", "webp"]
Progress = Callable[[float], None]


@dataclass(frozen=True)
class GridClip:
    """One cell of the grid: its video, its (row, column) and its words (what it varies)."""

    path: Path
    place: Place
    label: str


@dataclass(frozen=True)
class GridExport:
    """What was written."""

    path: Path
    """Where the file went: the target, or a free variant of its name."""
    format: ExportFormat
    size: Size
    frames: int
    fps: float
    seconds: float
    bytes: int
    cell_width: int
    sound: bool
    """The file carries the chosen clip's sound."""
    notes: tuple[str, ...]
    """What the person should know: reduced to fit the cap, a chosen clip without sound."""


@dataclass(frozen=True)
class GridFormat:
    """How each kind of file is made."""

    suffix: str
    writer: str
    """The ``gridwriters`` class that writes it."""
    cell_width: int
    """A cell's width when the caller does not say."""
    fps: Fraction | None
    """Frames per second; None: the fastest clip's."""
    min_fps: Fraction | None
    """The lowest rate a retry under the size cap goes down to (None: never lowered)."""
    max_bytes: int | None
    """The size cap when the caller does not say (None: the format has none)."""
    sound: bool
    name: str


FORMATS: Final[Mapping[ExportFormat, GridFormat]] = {
    "mp4": GridFormat(".mp4", "Mp4Grid", 480, None, None, None, True, "an MP4"),
    "gif": GridFormat(".gif", "GifLoop", 240, Fraction(10), Fraction(5), 8_000_000, False, "a GIF"),
    "webp": GridFormat(
        ".webp", "WebpLoop", 320, Fraction(15), Fraction(8), 8_000_000, False, "a WebP"
    ),
}
"""GIF and WebP go into READMEs: a lower rate, smaller cells, under 8 MB (GitHub shows up to
10 MB)."""

CELL_WIDTHS: Final = (64, 1920)
"""The cell widths a caller may ask for (pixels, inclusive)."""
MAX_FPS: Final = Fraction(60)
FALLBACK_FPS: Final = Fraction(30)
"""When no clip says its frame rate."""
TRIES: Final = 4
"""Files written at most to fit under the cap: the first and three smaller."""
MARGIN: Final = 0.85
"""A retry aims this far under the cap: sizes do not shrink exactly with pixels and frames."""
MIN_CELL_WIDTH: Final = 96
"""Below this a retry does not shrink cells: the pictures would say nothing."""
PROGRESS_EVERY: Final = 8
"""Output frames between progress reports."""


@dataclass(frozen=True)
class Attempt:
    cell_width: int
    fps: Fraction


def export_grid(
    clips: Sequence[GridClip],
    target: Path | str,
    *,
    titles: GridTitles | None = None,
    format: ExportFormat = "mp4",
    audio: int | None = None,
    cell_width: int | None = None,
    max_bytes: int | None = None,
    on_progress: Progress | None = None,
    shape: tuple[int, int] | None = None,
    style: GridStyle | None = None,
) -> GridExport:
    """Write the grid of ``clips`` to ``target`` (or a free variant of its name) and say what
    was written. ``audio``: the index of the clip whose sound the MP4 carries (None: silent).
    ``max_bytes`` caps a GIF or WebP (default ``FORMATS[format].max_bytes``): over it, the file
    is made again at a lower rate and then with smaller cells, a few times at most. ``shape``:
    (rows, columns) of the whole grid, so missing cells at its end keep their room (default:
    as far as the clips reach). ``on_progress`` hears the share of frames written every few
    frames (a retry under the cap starts again from 0) and 1.0 once the file is there. Every
    input is checked before any work: a bad one is an ``InputError`` naming it."""
    from . import cellframes  # PyAV loads when a grid is exported

    spec = _format(format)
    target = _target(Path(target), format, spec)
    _check_places(clips, shape)
    infos = [cellframes.probe(Path(clip.path), f"clips[{i}].path") for i, clip in enumerate(clips)]
    first = Attempt(_cell_width(cell_width, spec), _fps(spec, infos))
    cap = _cap(max_bytes, format, spec)
    notes = list(_sound_notes(clips, infos, audio, spec))
    sound = infos[audio].path if audio is not None and spec.sound and infos[audio].sound else None
    titles = titles or GridTitles()
    longest = max((info.seconds or 0.0 for info in infos), default=0.0)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".part", dir=target.parent
    )
    os.close(handle)
    temp = Path(temp_name)
    try:
        attempt, frames, size = first, 0, (0, 0)
        sizes: list[int] = []
        for _ in range(TRIES):
            layout = layout_for(clips, infos, attempt.cell_width, titles, style, shape)
            expected = max(1, math.ceil(longest * attempt.fps))
            frames = _render(
                clips,
                infos,
                layout,
                titles,
                style,
                spec,
                attempt.fps,
                sound,
                temp,
                _reporter(on_progress, expected),
            )
            size = layout.size
            sizes.append(temp.stat().st_size)
            if cap is None or sizes[-1] <= cap:
                break
            smaller = _smaller(attempt, sizes[-1], cap, spec)
            if smaller is None:
                break
            attempt = smaller
        if cap is not None and sizes[-1] > cap:
            raise InputError(
                "max_bytes",
                f"must hold {spec.name} of the grid at its smallest try "
                f"({attempt.cell_width} px cells, {_rate(attempt.fps)} fps: "
                f"{size_words(sizes[-1])}): raise it (compare.export(..., max_bytes=...)) "
                "or export an MP4",
                max_bytes if max_bytes is not None else cap,
            )
        if cap is not None and attempt != first:
            notes.append(_reduced(first, attempt, sizes[0], cap))
        path = claim(temp, target)
    finally:
        temp.unlink(missing_ok=True)
    if on_progress is not None:
        on_progress(1.0)
    return GridExport(
        path=path,
        format=format,
        size=size,
        frames=frames,
        fps=float(attempt.fps),
        seconds=float(frames / attempt.fps),
        bytes=path.stat().st_size,
        cell_width=attempt.cell_width,
        sound=sound is not None,
        notes=tuple(notes),
    )


# -- the inputs, checked before any work ------------------------------------------------------


def _format(format: str) -> GridFormat:
    if format not in FORMATS:
        raise InputError("format", f"must be one of {', '.join(FORMATS)}", format)
    return FORMATS[format]  # type: ignore[index]


def _target(target: Path, format: str, spec: GridFormat) -> Path:
    if target.suffix.lower() != spec.suffix:
        raise InputError("target", f"must end in {spec.suffix} for {format}", target.name)
    if target.is_dir():
        raise InputError("target", "must name a file, not a folder", str(target))
    return target


def _check_places(clips: Sequence[GridClip], shape: tuple[int, int] | None) -> None:
    if not clips:
        raise InputError("clips", "must hold at least one clip", 0)
    rows, columns = shape or (math.inf, math.inf)
    taken: set[Place] = set()
    for index, clip in enumerate(clips):
        field = f"clips[{index}].place"
        row, column = clip.place
        if not (isinstance(row, int) and isinstance(column, int) and row >= 0 and column >= 0):
            raise InputError(field, "must be (row, column), whole numbers from 0", clip.place)
        if row >= rows or column >= columns:
            raise InputError(field, f"must lie inside the grid's shape {shape}", clip.place)
        if clip.place in taken:
            raise InputError(field, "must be a place no other clip takes", clip.place)
        taken.add(clip.place)


def _cell_width(asked: int | None, spec: GridFormat) -> int:
    if asked is None:
        return spec.cell_width
    low, high = CELL_WIDTHS
    if isinstance(asked, bool) or not isinstance(asked, int) or not low <= asked <= high:
        raise InputError(
            "cell_width", f"must be a whole number of pixels from {low} to {high}", asked
        )
    return asked


def _cap(asked: int | None, format: str, spec: GridFormat) -> int | None:
    if asked is None:
        return spec.max_bytes
    if spec.max_bytes is None:
        raise InputError("max_bytes", f"applies to gif and webp, not {format}", asked)
    if isinstance(asked, bool) or not isinstance(asked, int) or asked < 1:
        raise InputError("max_bytes", "must be a whole number of bytes above 0", asked)
    return asked


def _fps(spec: GridFormat, infos: Sequence[ClipInfo]) -> Fraction:
    if spec.fps is not None:
        return spec.fps
    rates = [info.fps for info in infos if info.fps]
    return min(MAX_FPS, max(rates)) if rates else FALLBACK_FPS


def _sound_notes(
    clips: Sequence[GridClip], infos: Sequence[ClipInfo], audio: int | None, spec: GridFormat
) -> Iterator[str]:
    """Checks ``audio`` (an index of ``clips``) and says why the grid will be silent."""
    if audio is None:
        return
    if isinstance(audio, bool) or not isinstance(audio, int) or not 0 <= audio < len(clips):
        raise InputError(
            "audio", f"must be the index of a clip, 0 to {len(clips) - 1}, or None", audio
        )
    label = clips[audio].label
    if not spec.sound:
        yield f"{spec.name[0].upper()}{spec.name[1:]} carries no sound: {label}'s was left out."
    elif infos[audio].sound is None:
        yield f"{label} has no sound: the grid is silent."


# -- the work ---------------------------------------------------------------------------------


def layout_for(
    clips: Sequence[GridClip],
    infos: Sequence[ClipInfo],
    cell_width: int,
    titles: GridTitles,
    style: GridStyle | None = None,
    shape: tuple[int, int] | None = None,
) -> GridLayout:
    """The grid's layout: ``shape``, or as far as the clips reach; cells as tall as the
    tallest clip (up to the style's limit)."""
    reach = (1 + max(c.place[0] for c in clips), 1 + max(c.place[1] for c in clips))
    shape = shape or reach
    tallness = max(info.size[1] / info.size[0] for info in infos)
    return plan_layout(shape, cell_width, tallness, titles, style)


def _render(
    clips: Sequence[GridClip],
    infos: Sequence[ClipInfo],
    layout: GridLayout,
    titles: GridTitles,
    style: GridStyle | None,
    spec: GridFormat,
    fps: Fraction,
    sound: Path | None,
    temp: Path,
    report: Callable[[int], None],
) -> int:
    """Write the grid into ``temp``; return its frame count."""
    from . import cellframes, gridwriters

    canvas = backdrop(layout, {clip.place: clip.label for clip in clips}, titles, style)
    boxes = [
        fit(info.size, layout.picture(clip.place)) for clip, info in zip(clips, infos, strict=True)
    ]
    cells = [
        cellframes.Ahead(
            cellframes.in_step(info.path, (box.width, box.height), fps), f"grid-cell-{i}"
        )
        for i, (info, box) in enumerate(zip(infos, boxes, strict=True))
    ]
    writer: GridWriter = getattr(gridwriters, spec.writer)(temp, layout.size, fps, sound)
    try:
        frames = _compose(cells, boxes, canvas, writer, report)
        writer.finish()
    except BaseException:
        writer.abort()
        raise
    finally:
        for cell in cells:
            cell.close()
    return frames


def _compose(
    cells: Sequence[Iterable[np.ndarray]],
    boxes: Sequence[Box],
    canvas: np.ndarray,
    writer: GridWriter,
    report: Callable[[int], None],
) -> int:
    """Paste each cell's picture into its box of ``canvas`` whenever it changes, and write a
    frame while any cell still plays."""
    playing: list[Iterator[np.ndarray] | None] = [iter(cell) for cell in cells]
    shown: list[np.ndarray | None] = [None] * len(cells)
    frames = 0
    while True:
        for index, pictures in enumerate(playing):
            picture = None if pictures is None else next(pictures, None)
            if picture is None:
                playing[index] = None
            elif picture is not shown[index]:
                canvas[boxes[index].slices] = picture
                shown[index] = picture
        if not any(playing):
            return frames
        writer.write(canvas)
        frames += 1
        report(frames)


def _reporter(on_progress: Progress | None, expected: int) -> Callable[[int], None]:
    """Progress every ``PROGRESS_EVERY`` frames, below 1 until the file is complete."""

    def report(frames: int) -> None:
        if on_progress is not None and frames % PROGRESS_EVERY == 0:
            on_progress(min(0.99, frames / expected))

    return report


# -- under the cap ----------------------------------------------------------------------------


def _smaller(attempt: Attempt, got: int, cap: int, spec: GridFormat) -> Attempt | None:
    """The next try: the rate lowered first (to ``spec.min_fps``), then the cells made smaller
    (to ``MIN_CELL_WIDTH``) for the rest; None when neither can give more."""
    keep = cap / got * MARGIN
    fps = attempt.fps
    if spec.min_fps is not None and fps > spec.min_fps:
        lowered = max(spec.min_fps, fps * Fraction(keep).limit_denominator(1000))
        fps = Fraction(100, math.ceil(100 / lowered))  # whole hundredths of a second a frame
        fps = max(fps, spec.min_fps)
        keep = keep * float(attempt.fps / fps)
    width = attempt.cell_width
    if keep < 1:
        width = max(MIN_CELL_WIDTH, 2 * math.floor(attempt.cell_width * math.sqrt(keep) / 2))
    smaller = Attempt(width, fps)
    return None if smaller == attempt else smaller


def _reduced(first: Attempt, last: Attempt, first_bytes: int, cap: int) -> str:
    changes = []
    if last.fps != first.fps:
        changes.append(f"{_rate(first.fps)} → {_rate(last.fps)} fps")
    if last.cell_width != first.cell_width:
        changes.append(f"cells {first.cell_width} → {last.cell_width} px wide")
    return (
        f"Reduced to fit {size_words(cap)}: {', '.join(changes)} "
        f"(the first try took {size_words(first_bytes)})."
    )


def _rate(fps: Fraction) -> str:
    return f"{float(fps):.3g}"


def size_words(count: int) -> str:
    """Bytes as people read them: "8.0 MB", "292 kB"."""
    return f"{count / 1e6:.1f} MB" if count >= 1_000_000 else f"{count / 1e3:.0f} kB"
