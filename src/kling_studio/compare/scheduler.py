"""Run a sweep's cells within the account's concurrency, learning the limit from 1303 answers.

At most ``concurrency`` cells hold a slot; the rest wait in a local queue, not at the server
(where waiting means creating again and again against 1303: some 13 refused creates per cell in
``bench/sweep.py``, each a request a rate limit may count). Creates go out one at a time, so when
one meets 1303 the number of our tasks on the server is known exactly and becomes the limit; the
cell goes back to the front of the queue and starts when one of ours ends. A task that was
created is never created again: retrying a cell re-downloads a finished video or follows an
unfinished task, and only a failed task is replaced by a new one.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final

import httpx

from kling_studio.api.client import AsyncKlingClient
from kling_studio.api.download import add_to_sidecar, fetch_to_file, safe_stem
from kling_studio.api.errors import ConcurrencyLimitError, KlingError
from kling_studio.api.models import Task

from .admission import Admission
from .budget import check_budget, left_today
from .plan import Cell, SweepPlan
from .results import CellResult, CellState, CellStatus, results_table

log = logging.getLogger("kling_studio")

OnChange = Callable[[CellState], None]

DOWNLOAD_TIMEOUT: Final = 60.0
LIVE: Final[Mapping[str, CellStatus]] = {"submitted": "submitted", "processing": "processing"}
"""Unfinished task statuses as cell statuses (anything else unfinished reads as processing)."""


@dataclass
class _Session:
    """What one pass over the queue works with; closed when the pass ends."""

    client: AsyncKlingClient
    http: httpx.AsyncClient
    admission: Admission
    wake: asyncio.Event
    """Set whenever a slot frees or a cell goes back in the queue."""
    submitting: asyncio.Lock
    """One create at a time, so a 1303 counts our running tasks exactly."""


class Sweep:
    """A plan, the state of each of its cells, and the runs that move them.

    ``await sweep.run()`` sends every supported cell that has not succeeded (after the budget
    check); ``await sweep.retry(cell_id)`` sends one failed cell again. ``directory=None`` keeps
    the videos at the service (task ids are in the results). ``on_change`` gets every new
    ``CellState``, on the event loop: keep it cheap.
    """

    def __init__(
        self,
        client: AsyncKlingClient,
        plan: SweepPlan,
        *,
        directory: Path | None,
        concurrency: int = 5,
        on_change: OnChange | None = None,
        max_units: float | None = None,
        confirmed: bool = False,
    ) -> None:
        self.client = client
        self.plan = plan
        self.directory = directory
        self.on_change = on_change
        self.max_units = max_units
        self.confirmed = confirmed
        self._admission = Admission(concurrency)
        self._positions = {cell.id: position for position, cell in enumerate(plan.cells)}
        self._states = {
            cell.id: CellState(cell.id, "planned")
            if cell.supported
            else CellState(cell.id, "unsupported", error=cell.reason)
            for cell in plan.cells
        }
        self._tasks: dict[str, Task] = {}
        self._lonely_refusals = 0
        self._busy = False

    @property
    def limit(self) -> int:
        """Cells allowed at once: the starting concurrency, lowered by every 1303."""
        return self._admission.limit

    @property
    def states(self) -> Mapping[str, CellState]:
        return MappingProxyType(self._states)

    @property
    def results(self) -> list[CellResult]:
        """One record per cell, in grid order."""
        return [CellResult.of(cell, self._states[cell.id]) for cell in self.plan.cells]

    def results_table(self) -> list[dict[str, Any]]:
        return results_table(self.results)

    async def run(self) -> list[CellResult]:
        """Check the budget, then run every supported cell that has not succeeded yet."""
        check_budget(
            self.plan,
            self.max_units,
            confirmed=self.confirmed,
            left=await asyncio.to_thread(left_today, self.client),
        )
        await self._send(
            [
                cell
                for cell in self.plan.cells
                if cell.supported and self._states[cell.id].status != "succeed"
            ]
        )
        return self.results

    async def retry(self, cell_id: str) -> CellResult:
        """Run one failed cell again. A task of it that succeeded or still runs is fetched or
        followed again, never created twice; only a failed task is replaced."""
        cell = self.plan.cell(cell_id)
        status = self._states[cell_id].status
        if status != "failed":
            raise ValueError(f"cell {cell_id} is {status}: only failed cells are retried")
        await self._send([cell])
        return CellResult.of(cell, self._states[cell_id])

    # -- the queue ------------------------------------------------------------------------

    async def _send(self, cells: list[Cell]) -> None:
        if self._busy:
            raise RuntimeError("the sweep is running: retry cells when run() has returned")
        self._busy = True
        try:
            async with self._session() as session, asyncio.TaskGroup() as group:
                for cell in cells:
                    self._update(cell, status="queued", error="")
                    session.admission.queue(self._positions[cell.id])
                while True:
                    while (position := session.admission.start()) is not None:
                        group.create_task(self._run_cell(self.plan.cells[position], session))
                    if session.admission.idle:
                        break
                    await session.wake.wait()
                    session.wake.clear()
        finally:
            self._busy = False

    @asynccontextmanager
    async def _session(self) -> AsyncIterator[_Session]:
        self._admission = admission = Admission(self._admission.limit)
        async with httpx.AsyncClient(
            transport=self.client.connection.transport,
            timeout=DOWNLOAD_TIMEOUT,
            follow_redirects=True,
        ) as http:
            yield _Session(self.client, http, admission, asyncio.Event(), asyncio.Lock())

    # -- one cell -------------------------------------------------------------------------

    async def _run_cell(self, cell: Cell, session: _Session) -> None:
        try:
            task = await self._task_for(cell, session)
        except ConcurrencyLimitError as error:
            await self._refused(cell, error, session)
            return
        except KlingError as error:
            self._release(cell, session)
            self._update(cell, status="failed", error=str(error))
            return
        try:
            if not task.done:
                task = await self._follow(cell, task, session)
        except KlingError as error:
            self._update(cell, status="failed", error=str(error))
            return
        finally:
            self._release(cell, session)
        if task.succeeded and self.directory is not None:
            await self._save(cell, task, session, self.directory)

    async def _task_for(self, cell: Cell, session: _Session) -> Task:
        """The cell's task: the one already paid for unless it failed, else a new one."""
        known = self._tasks.get(cell.id)
        if known is not None and known.task_status != "failed":
            if not known.done:
                session.admission.accepted(self._positions[cell.id])
            return known
        prepared = await session.client.prepare(cell.request)
        async with session.submitting:
            # 1303 comes straight back: the queue is ours, and the refusal teaches the limit.
            task = await session.client.create(
                prepared,
                wait_for_slot=False,
                directory=self.directory,
                allow_over_budget=self.confirmed,  # the whole sweep's cost was approved
            )
            session.admission.accepted(self._positions[cell.id])
        self._lonely_refusals = 0
        self._tasks[cell.id] = task
        self._update(
            cell,
            status="submitted",
            task_id=task.task_id,
            attempts=self._states[cell.id].attempts + 1,
            units=None,
            elapsed=0.0,
            queued_seconds=None,
            processing_seconds=None,
            file=None,
            motion=None,
        )
        return task

    async def _refused(self, cell: Cell, error: ConcurrencyLimitError, session: _Session) -> None:
        """Back to the queue's front; with none of ours running, no finish will free a slot
        (other work holds them all), so wait a backoff first."""
        if session.admission.running == 0:
            self._lonely_refusals += 1
            delay = session.client.retry.delay(
                self._lonely_refusals, retry_after=error.retry_after, slot=True
            )
            log.info(
                "all task slots are held elsewhere; cell %s tries again in %.1f s", cell.id, delay
            )
            await session.client.clock.sleep(delay)
        session.admission.refused(self._positions[cell.id])
        session.wake.set()

    async def _follow(self, cell: Cell, task: Task, session: _Session) -> Task:
        async for event in session.client.watch(task):
            task = self._tasks[cell.id] = event.task
            timing = {
                "elapsed": event.elapsed,  # real seconds, as every StatusEvent's
                "queued_seconds": event.queued_for,
                "processing_seconds": None
                if event.status == "submitted"
                else event.elapsed - event.queued_for,
            }
            if not task.done:
                self._update(cell, status=LIVE.get(event.status, "processing"), **timing)
            elif task.succeeded:
                units = cell.estimate if task.units is None else task.units
                status: CellStatus = "succeed" if self.directory is None else "saving"
                self._update(cell, status=status, units=units, **timing)
            else:
                reason = f"task {task.task_id} failed: {task.task_status_msg or 'no reason given'}"
                self._update(cell, status="failed", units=task.units or 0.0, error=reason, **timing)
        return task

    async def _save(self, cell: Cell, task: Task, session: _Session, directory: Path) -> None:
        """The video as ``<cell id>-<task id>.mp4`` (never over another file), the cell's record
        beside it as JSON — the client's sidecar (the whole request, its media in ``media/``)
        around the cell's row — both noted in the journal so the task is not resumed again."""
        self._update(cell, status="saving")
        stem = f"{cell.id}-{safe_stem(task.task_id)}"
        try:
            if not task.videos:
                raise KlingError(f"task {task.task_id} succeeded without a video")
            target = await fetch_to_file(
                session.http, task.videos[0].url, directory / f"{stem}.mp4"
            )
            saved = replace(self._states[cell.id], status="succeed", file=target)
            client = session.client
            record = await client.save_record(
                task,
                [target],
                directory / f"{stem}.json",
                extra=CellResult.of(cell, saved).as_row(),
            )
            await asyncio.to_thread(
                client.journal.downloaded,
                client.provider_ref,
                task.task_id,
                directory.resolve(),
                [target.resolve(), record.resolve()],
            )
        except (KlingError, OSError) as error:
            self._update(cell, status="failed", error=f"the video was not saved: {error}")
            return
        self._update(cell, status="succeed", file=target)
        await self._check_motion(cell, task, target, record)

    async def _check_motion(self, cell: Cell, task: Task, video: Path, record: Path) -> None:
        """The cell's video measured against the motion asked, after it shows: "measuring"
        first, then the report (also added to the cell's record). A cell that carried the brush
        or camera move another way is measured against them as painted, not its payload."""
        from kling_studio.motion.check import check_motion, failed_report, measuring_report

        intent = cell.intent if cell.intent is not None else self.client.motion_intent(task.task_id)
        if intent is None:
            return
        self._update(cell, motion=measuring_report(intent))
        try:
            report = await asyncio.to_thread(check_motion, video, intent)
            await asyncio.to_thread(add_to_sidecar, record, "motion", report)
        except Exception as error:
            log.exception("motion check of cell %s failed", cell.id)
            report = failed_report(intent, f"{type(error).__name__}: {error}")
        self._update(cell, motion=dict(report))

    def _release(self, cell: Cell, session: _Session) -> None:
        session.admission.ended(self._positions[cell.id])
        session.wake.set()

    def _update(self, cell: Cell, **changes: Any) -> None:
        state = replace(self._states[cell.id], **changes)
        if state == self._states[cell.id]:
            return
        self._states[cell.id] = state
        if self.on_change is not None:
            self.on_change(state)


async def run_sweep(
    client: AsyncKlingClient,
    plan: SweepPlan,
    *,
    directory: Path | None,
    concurrency: int = 5,
    on_change: OnChange | None = None,
    max_units: float | None = None,
    confirmed: bool = False,
) -> list[CellResult]:
    """Run ``plan`` once and return its results; keep a ``Sweep`` to retry failed cells."""
    sweep = Sweep(
        client,
        plan,
        directory=directory,
        concurrency=concurrency,
        on_change=on_change,
        max_units=max_units,
        confirmed=confirmed,
    )
    return await sweep.run()
