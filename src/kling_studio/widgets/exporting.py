"""What the Compare widget's grid export is, decided from its sweep before any work: the cells
that succeeded with a video, in their grid places within the whole grid's shape, with their
labels; the plan's axes as titles (a value over each take of it); whose sound goes (a cell's id
or label); and the file — its format from the suffix or the suffix from the format, by default
``grid.<format>`` in the sweep's folder, a relative path the working directory's. Pure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final, cast

from kling_studio.api.input_error import InputError
from kling_studio.compare import CellResult, SweepPlan
from kling_studio.compare.export import FORMATS, ExportFormat, GridClip, GridExport, size_words
from kling_studio.compare.gridlayout import AxisTitle, GridTitles, places
from kling_studio.compare.plan import Axis
from kling_studio.compare.values import show

DEFAULT_FORMAT: Final[ExportFormat] = "mp4"
DEFAULT_STEM: Final = "grid"
SUFFIXES: Final[Mapping[str, ExportFormat]] = {spec.suffix: name for name, spec in FORMATS.items()}


@dataclass(frozen=True)
class ExportJob:
    """Everything ``compare.export.export_grid`` is given."""

    clips: tuple[GridClip, ...]
    target: Path
    format: ExportFormat
    titles: GridTitles
    shape: tuple[int, int] | None
    """The whole grid's (rows, columns); None for a flat list (cells in order)."""
    audio: int | None
    """The index in ``clips`` of the cell whose sound goes."""
    max_bytes: int | None


def export_job(
    results: Sequence[CellResult],
    plan: SweepPlan,
    *,
    folder: Path,
    path: str | Path | None,
    format: str | None,
    audio: str | None,
    max_bytes: int | None,
) -> ExportJob:
    """The export of ``results`` as asked, or an ``InputError`` naming what cannot be."""
    chosen, target = _file(folder, path, format)
    shown = [r for r in results if r.status == "succeed" and r.file is not None]
    if not shown:
        rule = "needs a cell that succeeded with a saved video"
        raise InputError("export", rule, f"0 of {len(results)} cells have one")
    axes = plan.axes
    grid = axes.columns is not None and all(r.row is not None for r in shown)
    # A grid's places count every take of the plan, as its titles and shape do, not only the
    # takes that succeeded; a flat list closes up.
    where = places(results) if grid else places(shown)
    clips = tuple(GridClip(r.file, where[r.cell_id], r.label) for r in shown if r.file)
    titles = GridTitles(_title(axes.rows), _title(axes.columns), plan.repeats) if grid else None
    shape = None
    if grid and axes.shape is not None:
        shape = (axes.shape[0], axes.shape[1] * plan.repeats)
    return ExportJob(
        clips=clips,
        target=target,
        format=chosen,
        titles=titles or GridTitles(),
        shape=shape,
        audio=_sound_of(shown, audio),
        max_bytes=max_bytes,
    )


def _file(folder: Path, path: str | Path | None, format: str | None) -> tuple[ExportFormat, Path]:
    asked = cast(ExportFormat, format) if format in FORMATS else None
    if format is not None and asked is None:
        raise InputError("format", f"must be one of {', '.join(FORMATS)}", format)
    if path is None:
        chosen = asked or DEFAULT_FORMAT
        return chosen, folder / f"{DEFAULT_STEM}{FORMATS[chosen].suffix}"
    target = Path(path)
    by_suffix = SUFFIXES.get(target.suffix.lower())
    if asked is None:
        if by_suffix is None:
            rule = f"must end in {', '.join(SUFFIXES)} (or say the format)"
            raise InputError("path", rule, target.name)
        return by_suffix, target
    if by_suffix != asked:
        raise InputError("path", f"must end in {FORMATS[asked].suffix} for {asked}", target.name)
    return asked, target


def _title(axis: Axis | None) -> AxisTitle | None:
    return None if axis is None else AxisTitle(axis.name, tuple(show(v) for v in axis.values))


def _sound_of(shown: Sequence[CellResult], audio: str | None) -> int | None:
    """The index of the cell named by ``audio`` (its id, else its label)."""
    if audio is None:
        return None
    for key in ("cell_id", "label"):
        found = [index for index, result in enumerate(shown) if getattr(result, key) == audio]
        if found:
            return found[0]
    raise InputError("audio", "must be the id or label of a cell with a saved video", audio)


def exported_words(done: GridExport, job: ExportJob) -> str:
    """ "Exported grid.mp4 (12.4 MB, 5.0 s, sound from cfg_scale 0.3)", and the notes."""
    parts = [size_words(done.bytes), f"{done.seconds:.1f} s"]
    if done.sound and job.audio is not None:
        parts.append(f"sound from {job.clips[job.audio].label}")
    return " ".join([f"Exported {done.path.name} ({', '.join(parts)}).", *done.notes])
