"""Compare's output as a reader without a kernel sees it: every cell in its grid place with what
differs, its poster and its video beside the notebook, the axes' titles, the sweep's cost, and
the contact sheet once one was made. Reads the cells' videos; called from the widget's loop
thread or the kernel's (``Compare._repr_mimebundle_``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Final

from kling_studio.compare.plan import Axis, SweepPlan
from kling_studio.compare.results import CellState
from kling_studio.compare.values import plain

from .fallback import CellStill, CompareStill, Picture, motion_words
from .stills import (
    CELL_POSTER_WIDTH,
    EMBED_LIMIT_BYTES,
    Posters,
    jpeg,
    relative_or_name,
    video_source,
)

SHEET_WIDTH: Final = 1200
"""The contact sheet as a reader sees it: made smaller, as a JPEG, to keep the notebook light."""

STATUS_WORDS: Final[Mapping[str, str]] = {
    "planned": "not sent yet",
    "queued": "waiting for a slot",
    "submitted": "queued at the service",
    "processing": "being made",
    "saving": "being saved",
    "succeed": "made",
    "failed": "failed",
    "unsupported": "not sent: the model cannot do this",
}


def _axis(axis: Axis | None) -> tuple[str, Sequence[str]] | None:
    return None if axis is None else (axis.name, [str(plain(v)) for v in axis.values])


def sheet_picture(path: Path | None) -> Picture | None:
    """The contact sheet made small, or None when there is none (or it cannot be read)."""
    if path is None:
        return None
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as opened:
            data = jpeg(opened, SHEET_WIDTH)
    except (UnidentifiedImageError, OSError):
        return None
    return Picture(data, "The contact sheet: each cell's first, middle and last frame")


def compare_still(
    plan: SweepPlan,
    states: Mapping[str, CellState],
    *,
    summary: Mapping[str, Any],
    embed: bool,
    posters: Posters,
    sheet: Path | None,
) -> CompareStill:
    budget = EMBED_LIMIT_BYTES
    notes: list[str] = []
    cells = []
    for cell in plan.cells:
        state = states[cell.id]
        video = state.file if state.status == "succeed" else None
        src = None
        picture = None
        if video is not None:
            source = video_source(video, embed=embed, budget=budget)
            budget -= source.inline_bytes
            src = source.src
            if source.note:
                notes.append(source.note)
            alt = f"A frame from halfway through {cell.label}"
            picture = posters.of_video(video, CELL_POSTER_WIDTH, alt)
        cells.append(
            CellStill(
                label=cell.label,
                status=STATUS_WORDS.get(state.status, state.status),
                row=cell.row,
                column=cell.column,
                picture=picture,
                video_src=src,
                task_id=state.task_id,
                units=None
                if state.units is None or state.status != "succeed"
                else f"{state.units:g}",
                motion=motion_words(state.motion),
            )
        )
    made = sum(1 for c in cells if c.video_src or c.picture)
    rows = [
        ("Made with", str(summary.get("provider") or "")),
        ("Cells", f"{made} of {len(cells)} made"),
        ("Units (estimate)", f"{plan.units:g}"),
        ("Saved in", relative_or_name(Path(str(summary.get("folder") or ".")))),
    ]
    return CompareStill(
        title=f"Kling Studio · Compare · {len(cells)} cells",
        cells=cells,
        rows=_axis(plan.axes.rows),
        columns=_axis(plan.axes.columns),
        summary=rows,
        sheet=sheet_picture(sheet),
        notes=notes,
    )
