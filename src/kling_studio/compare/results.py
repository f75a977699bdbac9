"""What a sweep reports: a live state per cell while it runs, a record per cell when it is done,
and the records as plain rows (for pandas, JSON or a widget table)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from .plan import Cell
from .values import plain

CellStatus = Literal[
    "planned", "queued", "submitted", "processing", "saving", "succeed", "failed", "unsupported"
]
"""``queued``: waiting in our local queue; ``saving``: the task succeeded, its video is being
downloaded; ``unsupported``: the rules refuse the cell, so it is never sent."""


@dataclass(frozen=True)
class CellState:
    """Where one cell is now: a new value on every change, so a callback may keep it."""

    cell_id: str
    status: CellStatus
    task_id: str | None = None
    units: float | None = None
    """The task's ``final_unit_deduction`` when it reports one, else the estimate; failed tasks
    count what they report, else nothing (Kling does not charge them)."""
    elapsed: float = 0.0
    """Seconds since the task was created, on the client's clock."""
    queued_seconds: float | None = None
    """Seconds the task spent ``submitted`` at the service."""
    processing_seconds: float | None = None
    file: Path | None = None
    error: str = ""
    attempts: int = 0
    """Tasks created for this cell: more than one after a retry of a failed task."""
    motion: Mapping[str, Any] | None = None
    """The motion check's report (``kling_studio.motion``): "measuring" while it runs."""


@dataclass(frozen=True)
class CellResult:
    """One cell's outcome as a record."""

    cell_id: str
    label: str
    values: Mapping[str, Any]
    row: int | None
    column: int | None
    repeat: int
    task_id: str | None
    status: CellStatus
    units: float | None
    queued_seconds: float | None
    processing_seconds: float | None
    elapsed_seconds: float
    file: Path | None
    error: str
    attempts: int
    motion: Mapping[str, Any] | None = None
    """The motion check's report, when the cell's request asked for motion."""
    carried: tuple[str, ...] = ()
    """What went another way to the cell's model ("brush", "camera"): its report measures
    the video against the brush and camera move as painted."""

    @property
    def motion_score(self) -> int | None:
        """The motion check's overall score (0–100), once measured."""
        return None if self.motion is None else self.motion.get("score")

    @classmethod
    def of(cls, cell: Cell, state: CellState) -> CellResult:
        return cls(
            cell_id=cell.id,
            label=cell.label,
            values=cell.values,
            row=cell.row,
            column=cell.column,
            repeat=cell.repeat,
            task_id=state.task_id,
            status=state.status,
            units=state.units,
            queued_seconds=state.queued_seconds,
            processing_seconds=state.processing_seconds,
            elapsed_seconds=state.elapsed,
            file=state.file,
            error=state.error,
            attempts=state.attempts,
            motion=state.motion,
            carried=cell.carried,
        )

    def as_row(self) -> dict[str, Any]:
        """Plain data, one column per varied field."""
        return {
            "cell": self.cell_id,
            "label": self.label,
            "row": self.row,
            "column": self.column,
            "repeat": self.repeat,
            **{name: plain(value) for name, value in self.values.items()},
            "status": self.status,
            "task_id": self.task_id,
            "units": self.units,
            "queued_seconds": self.queued_seconds,
            "processing_seconds": self.processing_seconds,
            "elapsed_seconds": self.elapsed_seconds,
            "attempts": self.attempts,
            "file": str(self.file) if self.file else None,
            "error": self.error,
            "motion_score": self.motion_score,
            "motion_verdict": None if self.motion is None else self.motion.get("verdict"),
            "carried": ", ".join(self.carried) or None,
        }


def results_table(results: Iterable[CellResult]) -> list[dict[str, Any]]:
    """The results as rows: ``pandas.DataFrame(results_table(r))`` or ``json.dumps``."""
    return [result.as_row() for result in results]
