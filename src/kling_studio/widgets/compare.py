"""``Compare``: one picture and prompt, a parameter sweep, the variants side by side.

Before anything is sent it shows the number of tasks, the estimated units and the budget; cells
the rules refuse are marked and never sent. Running, it keeps at most the account's concurrent
tasks in flight (learned from 1303 answers) and streams each cell's status; finished videos
arrive as binary messages and play under one synchronised transport. Results are data
(``compare.results``) and a contact sheet. Each sweep saves into a folder of its own under
``output_dir``, made fresh when it starts, so no sweep writes among another's files.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import Any, Final, Literal, cast

import anywidget
import traitlets

from kling_studio.api.capabilities import model_spec
from kling_studio.api.client import AsyncKlingClient
from kling_studio.api.connection import Connection
from kling_studio.api.images import ImageSource
from kling_studio.api.input_error import InputError
from kling_studio.api.models import Image2VideoRequest
from kling_studio.api.sync import LoopThread
from kling_studio.compare import (
    BudgetExceeded,
    CellResult,
    CellState,
    Sweep,
    SweepPlan,
    check_budget,
    contact_sheet,
    left_today,
    over_budget,
    plan_sweep,
    results_table,
)
from kling_studio.compare.carry import carry_for
from kling_studio.compare.export import ExportFormat, GridExport, export_grid
from kling_studio.compare.results import CellStatus as SweepStatus
from kling_studio.compare.values import plain

from .compare_still import compare_still
from .contract import Axis as AxisJson
from .contract import (
    Cell,
    CellRetried,
    CellStatus,
    GridExported,
    Media,
    MotionCheck,
    Reply,
    SheetSaved,
    Summary,
    SweepStarted,
)
from .contract import GridExport as GridExportJson
from .exporting import ExportJob, export_job, exported_words
from .fallback import CompareStill, compare_html
from .folders import claim_folder, sweep_folder_name
from .heartbeat import beating
from .labels import provider_label
from .lifetime import release
from .replies import Command, answer, is_request, refused, then, words
from .showing import Still, StillDisplay
from .stills import Posters
from .waiting import begin_waiting, end_waiting

STATIC = Path(__file__).parent.parent / "static"
SHEET_SLOT = "contact-sheet"
"""The ``media`` slot the contact sheet's PNG travels in."""
PROGRESS_SECONDS: Final = 0.2
"""An export's progress reaches the view at most this often (5 updates a second)."""
ExportPhase = Literal["exporting", "done", "failed"]


def _axis(axis: Any) -> AxisJson | None:
    if axis is None:
        return None
    return {"name": axis.name, "values": [str(plain(v)) for v in axis.values]}


def _front_status(status: SweepStatus) -> CellStatus:
    """``saving`` (the task succeeded, its video is downloading) shows as ``processing``."""
    return "processing" if status == "saving" else status


def _fps(plan: SweepPlan, cell_id: str) -> int | None:
    """The frame rate of the cell's model, from the capability table (None if it lacks it)."""
    spec = model_spec(plan.cell(cell_id).request.model_name)
    return spec.fps if spec else None


def _cell_json(plan: SweepPlan, state: CellState) -> Cell:
    cell = plan.cell(state.cell_id)
    return {
        "id": cell.id,
        "row": cell.row,
        "column": cell.column,
        "label": cell.label,
        "differs": {k: str(plain(v)) for k, v in cell.differs.items()},
        "status": _front_status(state.status),
        "reason": state.error or cell.reason,
        "elapsed": round(state.elapsed, 1) if state.task_id else None,
        "units": None if state.units is None or state.status != "succeed" else f"{state.units:g}",
        "estimate": cell.estimate,
        "task_id": state.task_id,
        "has_video": state.file is not None,
        "path": str(state.file) if state.file else None,
        "fps": _fps(plan, cell.id),
        "motion": cast(MotionCheck, dict(state.motion)) if state.motion else None,
        "sound": cell.request.sound == "on",
    }


class Compare(anywidget.AnyWidget):
    """``Compare(image, prompt=..., vary={"cfg_scale": [0.3, 0.8], "mode": ["std", "pro"]})``."""

    _esm = STATIC / "compare.js"
    _css = STATIC / "compare.css"

    axes = traitlets.Dict().tag(sync=True)
    cells = traitlets.List(traitlets.Dict()).tag(sync=True)
    summary = traitlets.Dict().tag(sync=True)

    def __init__(
        self,
        image: ImageSource | None = None,
        *,
        vary: Mapping[str, Sequence[Any]],
        prompt: str | None = None,
        fixed: Mapping[str, Any] | None = None,
        repeats: int = 1,
        max_units: float | None = None,
        concurrency: int = 5,
        base: Image2VideoRequest | None = None,
        client: AsyncKlingClient | None = None,
        connection: Connection | None = None,
        budget_units: float | None = None,
        output_dir: str | Path = "kling-compare",
        carry: bool = False,
        embed: bool = False,
    ) -> None:
        """``carry=True``: cells whose model cannot take the base's brush or camera move get
        it another way (the brush's end frame as ``image_tail``, the move as words in the
        prompt), say so in their label, and are measured against the brush as painted.
        ``embed=True``: the output's static view holds the videos themselves (up to
        ``stills.EMBED_LIMIT_BYTES`` in all) rather than pointing at the files."""
        super().__init__()
        self.embed = embed
        self._posters = Posters()
        self._stills = StillDisplay(self._static_view)
        self._runner = LoopThread()
        self._owns_client = client is None
        self._client = client or self._runner.run(_make_client(connection, budget_units))
        request = base or Image2VideoRequest(image=image, prompt=prompt, **dict(fixed or {}))
        self.plan = plan_sweep(
            request,
            vary,
            repeats=repeats,
            docs=self._client.provider.docs,
            carry=carry_for(request) if carry else None,  # renders the end frame: under a second
        )
        self.max_units = max_units
        self._root = Path(output_dir).resolve()
        self._directory = self._root / sweep_folder_name()
        """Chosen now, so the header shows it; made (exclusively) when the sweep starts."""
        self._claimed = False
        self._sweep = Sweep(
            self._client,
            self.plan,
            directory=self._directory,
            concurrency=concurrency,
            on_change=self._changed,
            max_units=max_units,
        )
        self._running: Future[Any] | None = None
        """The sweep's run, or a retry: one at a time."""
        self._followed: set[str] = set()
        """Task ids this sweep follows while it runs (no Studio offers them for resuming)."""
        self._sheet: Path | None = None
        """The contact sheet the button made last, shown in every view."""
        self._exporting: Future[GridExport] | None = None
        self._export_progress_of: _Throttled | None = None
        """The running export's progress, which also stops it when the widget closes."""
        """The grid's export under way: one at a time."""
        self.axes = {"rows": _axis(self.plan.axes.rows), "columns": _axis(self.plan.axes.columns)}
        self.cells = [dict(_cell_json(self.plan, s)) for s in self._sweep.states.values()]
        summary: Summary = {
            "tasks": self.plan.tasks,
            "units": self.plan.units,
            "unsupported": self.plan.unsupported,
            "warnings": list(self.plan.warnings),
            "max_units": max_units,
            "over_budget": over_budget(self.plan, max_units, left_today(self._client)),
            "phase": "planned",
            "provider": provider_label(self._client.connection),
            "emulated": self._client.is_emulated,
            "folder": str(self._directory),
        }
        self.summary = dict(summary)
        self.on_msg(self._on_message)

    # -- Python API ---------------------------------------------------------------------------

    def close(self) -> None:
        """Close the widget, the client it made and its loop thread. Tasks still running go
        on at Kling (they are billed) and stay resumable from the journal."""
        runner: LoopThread | None = getattr(self, "_runner", None)  # None: __init__ failed
        if runner is not None and not runner.loop.is_closed():
            for running in (getattr(self, "_running", None), getattr(self, "_exporting", None)):
                if running is not None and not running.done():
                    running.cancel()
            exporting: _Throttled | None = getattr(self, "_export_progress_of", None)
            if exporting is not None:
                exporting.stop()
            release(runner, self._client, owned=self._owns_client)
        super().close()

    def start(self, *, confirm: bool = False) -> Future[list[CellResult]]:
        """Run the sweep in the background; refuses over budget unless ``confirm``."""
        if self._running is not None and not self._running.done():
            raise RuntimeError("this sweep is already running")
        check_budget(self.plan, self.max_units, confirmed=confirm, left=left_today(self._client))
        self._claim_folder()
        self._sweep.confirmed = confirm
        self._set_summary(phase="running")
        self._running = self._runner.submit(self._run())
        return self._running

    def run_sync(self, *, confirm: bool = False) -> list[CellResult]:
        """Run the sweep and block until every cell has ended."""
        return self.start(confirm=confirm).result()

    async def run(self, *, confirm: bool = False) -> list[CellResult]:
        """Run the sweep; the kernel stays free while it does."""
        return await asyncio.wrap_future(self.start(confirm=confirm))

    def retry(self, cell_id: str) -> Future[CellResult]:
        """Send one failed cell again (a succeeded or running one is never paid for twice);
        refused while the sweep still runs (its end would be announced too early)."""
        if self._running is not None and not self._running.done():
            raise RuntimeError("the sweep is still running: retry failed cells once it is done")
        retrying = self._runner.submit(self._retry(cell_id))
        self._running = retrying
        return retrying

    @property
    def folder(self) -> Path:
        """This sweep's own folder under ``output_dir`` (exists once the sweep has started)."""
        return self._directory

    def _claim_folder(self) -> None:
        if self._claimed:
            return
        self._directory = claim_folder(self._root, self._directory)
        self._claimed = True
        self._sweep.directory = self._directory
        self._set_summary(folder=str(self._directory))

    @property
    def results(self) -> list[dict[str, Any]]:
        """One record per cell: parameters, task id, status, units, times, file path."""
        return results_table(self._sweep.results)

    def contact_sheet(self, path: str | Path | None = None) -> Path:
        """First, middle and last frame of every finished cell, in one PNG."""
        target = Path(path) if path else self._directory / "contact-sheet.png"
        return contact_sheet(self._sweep.results, target)

    # -- what a reader without a kernel sees ---------------------------------------------------

    def _ipython_display_(self) -> None:
        """The live view, and right after it the static view a reader without a kernel sees
        (``showing.py``), kept current as results arrive."""
        self._stills.show(self._repr_mimebundle_())

    def static(self) -> Still:
        """The static grid alone, to display where a reader without a kernel should see it."""
        return Still(*self._static_view(""))

    def _static_view(self, still_id: str) -> tuple[str, str]:
        still = self._still()
        return compare_html(still, still_id), still.title

    def _still(self) -> CompareStill:
        return compare_still(
            self.plan,
            self._sweep.states,
            summary=self.summary,
            embed=self.embed,
            posters=self._posters,
            sheet=self._sheet,
        )

    def export(
        self,
        path: str | Path | None = None,
        *,
        format: ExportFormat | None = None,
        audio: str | None = None,
        max_bytes: int | None = None,
    ) -> Path:
        """Every finished cell in its grid place, all in step and labelled, as one file: an MP4
        (``audio``: the id or label of the cell whose sound it carries; None: silent) or a
        looping GIF or WebP for a README, kept under ``max_bytes``. ``format`` defaults to the
        path's suffix; ``path`` to ``grid.<format>`` in the sweep's folder (a relative path is
        the working directory's, as anywhere in Python). Never over an existing file: returns
        where it went. The view shows its progress."""
        return self._export(self._export_job(path, format, audio, max_bytes)).result().path

    def _export_job(
        self, path: str | Path | None, format: str | None, audio: str | None, max_bytes: int | None
    ) -> ExportJob:
        return export_job(
            self._sweep.results,
            self.plan,
            folder=self._directory,
            path=path,
            format=format,
            audio=audio,
            max_bytes=max_bytes,
        )

    def _export(self, job: ExportJob) -> Future[GridExport]:
        if self._exporting is not None and not self._exporting.done():
            raise RuntimeError("the grid is already being exported: wait for it to finish")
        self._exporting = self._runner.submit(self._run_export(job))
        return self._exporting

    async def _run_export(self, job: ExportJob) -> GridExport:
        """The export in a worker thread, driven from the loop thread: its progress and its end
        in ``summary["export"]``."""
        self._show_export(job.format, "exporting", 0.0, None, f"Exporting {job.target.name}…")
        progress = _Throttled(self._runner.loop, lambda f: self._export_progress(job.format, f))
        self._export_progress_of = progress
        try:
            async with beating(self.send):
                done = await asyncio.to_thread(
                    export_grid,
                    job.clips,
                    job.target,
                    titles=job.titles,
                    format=job.format,
                    audio=job.audio,
                    max_bytes=job.max_bytes,
                    shape=job.shape,
                    on_progress=progress,
                )
        except BaseException as error:
            self._show_export(job.format, "failed", 0.0, None, f"Export failed: {words(error)}")
            raise
        self._show_export(job.format, "done", 1.0, str(done.path), exported_words(done, job))
        return done

    def _export_progress(self, format: ExportFormat, fraction: float) -> None:
        if self.summary.get("export", {}).get("phase") == "exporting":
            text = f"Exporting… {round(100 * fraction)} %"
            self._show_export(format, "exporting", fraction, None, text)

    def _show_export(
        self, format: ExportFormat, phase: ExportPhase, progress: float, path: str | None, text: str
    ) -> None:
        state: GridExportJson = {
            "phase": phase,
            "format": format,
            "progress": round(progress, 3),
            "path": path,
            "text": text,
        }
        self._set_summary(export=state)

    # -- the sweep ----------------------------------------------------------------------------

    async def _run(self) -> list[CellResult]:
        try:
            async with beating(self.send):
                return await self._sweep.run()
        finally:
            self._unfollow()
            self._set_summary(phase="done")
            self._stills.refresh()

    async def _retry(self, cell_id: str) -> CellResult:
        self._set_summary(phase="running")
        try:
            async with beating(self.send):
                return await self._sweep.retry(cell_id)
        finally:
            self._unfollow()
            self._set_summary(phase="done")

    def _unfollow(self) -> None:
        end_waiting(*self._followed)
        self._followed.clear()

    def _changed(self, state: CellState) -> None:
        if state.task_id and state.task_id not in self._followed:
            self._followed.add(state.task_id)
            begin_waiting(state.task_id)
        index = next(i for i, c in enumerate(self.cells) if c["id"] == state.cell_id)
        cell = dict(_cell_json(self.plan, state))
        self.cells = [*self.cells[:index], cell, *self.cells[index + 1 :]]
        if state.file is not None and state.status == "succeed":
            self._send_video(state.cell_id, state.file)
            self._stills.refresh()

    def _set_summary(self, **changes: Any) -> None:
        self.summary = {**self.summary, **changes}

    def _send_video(self, cell_id: str, path: Path) -> None:
        self.send({"type": "media", "slot": f"video:{cell_id}"}, [path.read_bytes()])

    # -- messages from the browser ------------------------------------------------------------

    def _on_message(
        self, _widget: object, content: Mapping[str, Any], buffers: Sequence[bytes]
    ) -> None:
        if is_request(content):
            answer(self, content, [bytes(b) for b in buffers], COMMANDS)
            return
        handler = MESSAGE_HANDLERS.get(str(content.get("type")))
        if handler is not None:
            handler(self, content)

    def _hello(self, _content: Mapping[str, Any]) -> None:
        self.send({"type": "live", "still": self._stills.still_id})
        for state in self._sweep.states.values():
            if state.file is not None and state.status == "succeed":
                self._send_video(state.cell_id, state.file)
        self._send_sheet()

    def _start_asked(self, content: Mapping[str, Any], _buffers: list[bytes]) -> SweepStarted:
        """A request: started, or refused (over budget, already running) with the reason."""
        try:
            self.start(confirm=bool(content.get("confirm")))
        except BudgetExceeded:
            self._set_summary(phase="refused")
            raise
        return {"ok": True, "tasks": self.plan.tasks}

    def _retry_asked(self, content: Mapping[str, Any], _buffers: list[bytes]) -> Future[Reply]:
        """A request answered with the retry's outcome: the cell's video, or why it failed."""
        return then(self.retry(str(content["cell"])), self._retried)

    def _retried(self, result: CellResult) -> Reply:
        if result.status == "succeed":
            done: CellRetried = {
                "ok": True,
                "cell": result.cell_id,
                "status": _front_status(result.status),
                "task_id": result.task_id,
                "path": str(result.file) if result.file else None,
            }
            return done
        reason = result.error or f"it ended {result.status}"
        return refused(
            "retry",
            "the retried task must succeed",
            result.status,
            f"Retry of {result.label} failed: {reason}",
        )

    def _sheet_asked(self, _content: Mapping[str, Any], _buffers: list[bytes]) -> Future[Reply]:
        """A request: the sheet is drawn on the widget's loop (the kernel stays free); the reply
        carries its path, and its PNG goes to every view."""
        with_video = sum(1 for s in self._sweep.states.values() if s.file and s.status == "succeed")
        if not with_video:
            rule = "needs a cell that succeeded with a saved video"
            raise InputError("contact sheet", rule, f"0 of {len(self.cells)} cells have one")
        return then(self._runner.submit(self._draw_sheet()), _sheet_saved)

    def _export_asked(self, content: Mapping[str, Any], _buffers: list[bytes]) -> Future[Reply]:
        """A request: the grid exported in a worker thread (the kernel stays free), its progress
        in ``summary["export"]``; answered with the file's path, size and notes."""
        audio = content.get("audio")
        job = self._export_job(
            None, content.get("format"), None if audio is None else str(audio), None
        )
        return then(self._export(job), _grid_exported)

    async def _draw_sheet(self) -> Path:
        self._sheet = await asyncio.to_thread(self.contact_sheet)
        self._set_summary(contact_sheet=str(self._sheet))
        self._send_sheet()
        self._stills.refresh()
        return self._sheet

    def _send_sheet(self) -> None:
        if self._sheet is None or not self._sheet.exists():
            return
        message: Media = {"type": "media", "slot": SHEET_SLOT, "path": str(self._sheet)}
        self.send(message, [self._sheet.read_bytes()])


async def _make_client(
    connection: Connection | None, budget_units: float | None
) -> AsyncKlingClient:
    return AsyncKlingClient(connection=connection, budget_units=budget_units)


def _grid_exported(done: GridExport) -> Reply:
    exported: GridExported = {
        "ok": True,
        "path": str(done.path),
        "bytes": done.bytes,
        "notes": list(done.notes),
    }
    return exported


class _Throttled:
    """Progress from the export's thread, passed to the loop thread at most every
    ``PROGRESS_SECONDS`` (the end comes through the export's own reply); ``stop()`` — the widget
    closed — ends the export at its next report (the worker thread cannot be killed, and its
    file is deleted unfinished)."""

    def __init__(self, loop: asyncio.AbstractEventLoop, show: Callable[[float], None]) -> None:
        self._loop = loop
        self._show = show
        self._last = -PROGRESS_SECONDS
        self._stopped = threading.Event()

    def stop(self) -> None:
        self._stopped.set()

    def __call__(self, fraction: float) -> None:
        if self._stopped.is_set():
            raise asyncio.CancelledError("the Compare widget was closed")
        now = time.monotonic()
        if now - self._last < PROGRESS_SECONDS:
            return
        self._last = now
        self._loop.call_soon_threadsafe(self._show, fraction)


def _sheet_saved(path: Path) -> Reply:
    saved: SheetSaved = {"ok": True, "path": str(path)}
    return saved


MESSAGE_HANDLERS: Mapping[str, Callable[[Compare, Mapping[str, Any]], None]] = {
    "hello": Compare._hello,
}
"""Browser message type → handler, for what cannot fail."""

COMMANDS: Mapping[str, Command[Compare]] = {
    "start": Command(Compare._start_asked, field="start"),
    "retry": Command(Compare._retry_asked, field="retry"),
    "contact-sheet": Command(Compare._sheet_asked, field="contact sheet"),
    "export-grid": Command(Compare._export_asked, field="export"),
}
"""Requests (``replies.answer``): each answered with its outcome or its error."""
