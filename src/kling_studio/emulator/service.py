"""The API's operations (create, query, list) on the store, the renderer and the callbacks.

Handlers call these and return quickly: decoding and encoding run in the render pool, status is
derived from the wall clock, callbacks go out from their own thread. Tasks whose render was
orphaned (its process died, its emulator closed) are rendered again by whoever sees them next.
"""

from __future__ import annotations

import json
import logging
import random
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, Final
from urllib.parse import urlsplit

from kling_studio.api.capabilities import estimate_units, expected_generation_seconds

from .auth import Account
from .callbacks import CallbackDispatcher
from .config import EmulatorConfig
from .disobey import Disobedience
from .encode import remove_partials
from .envelope import Family
from .errors import ApiError
from .faults import FaultPlan
from .ids import new_task_id, new_video_id
from .lifecycle import CANCELLED, Outcome, Schedule, draw_schedule
from .owners import Owner, orphaned
from .render import INTERNAL, RenderJob, render
from .task import Task, TaskStore
from .validation import Endpoint, TaskRequest, validate
from .views import created, task_object

log = logging.getLogger(__name__)

IDENTIFIERS: Final[Mapping[str, Callable[[Task], str | None]]] = {
    "task_id": lambda task: task.task_id,
    "external_task_id": lambda task: task.external_task_id,
}
"""The list URL's query parameters that name one task (an older doc's form of a query), and
the field of the task each must equal."""


def units_of(request: TaskRequest) -> str:
    """``final_unit_deduction`` as the API writes it: ``"2"``, ``"3.5"``."""
    units = estimate_units(
        request.model,
        request.mode,
        request.duration,
        sound=request.sound,
        voice=bool(request.voices),
    )
    return format(units or 0, "g")


def parse_body(raw: bytes) -> object:
    try:
        return json.loads(raw)
    except ValueError:
        raise ApiError(1200, "request body is not valid JSON") from None


class Service:
    """One emulator's tasks: validation, admission, rendering, callbacks, views."""

    def __init__(
        self,
        config: EmulatorConfig,
        store: TaskStore,
        output_dir: Path,
        faults: FaultPlan,
    ) -> None:
        """``faults``: the plan the app serves (its admin route edits it), so one plan rules."""
        self.config = config
        self.store = store
        self.output_dir = output_dir
        self.faults = faults
        self.disobeyed: dict[str, Disobedience] = {}
        """Task id → how its render (started here) was told to disobey; kept in memory only."""
        self.callbacks = CallbackDispatcher()
        self.owner = Owner()
        self._draws = random.Random(f"schedule:{config.seed}")
        self._draw_lock = threading.Lock()
        self._stop = threading.Event()
        self._pool = ThreadPoolExecutor(
            config.render_workers, thread_name_prefix="kling-emulator-render"
        )
        self.adopt(store.unfinished())

    def create(
        self, account: Account, endpoint: Endpoint, raw: bytes, family: Family, origin: str
    ) -> dict[str, Any]:
        request = validate(endpoint, parse_body(raw), family)
        now = time.time()
        task = Task.of(
            new_task_id(),
            account.id,
            request,
            family,
            schedule=self._schedule(request, now),
            units=units_of(request),
            origin=origin,
            owner=self.owner.name,
        )
        self.owner.hold(task.task_id)
        try:
            self.store.admit(task, raw, now)
        except BaseException:
            self.owner.drop(task.task_id)
            raise
        self._start_render(task, request)
        if task.callback_url:
            self._watch(task, task.callback_url)
        return created(task)

    def _schedule(self, request: TaskRequest, now: float) -> Schedule:
        with self._draw_lock:
            schedule = draw_schedule(
                self._draws,
                now,
                expected_generation_seconds(request.model, request.mode, request.duration),
                queue_seconds=self.config.queue_seconds,
                processing_seconds=self.config.processing_seconds,
                speed=self.config.speed,
            )
            # Once the video id (now unseeded); still drawn so a seed keeps its schedules.
            self._draws.getrandbits(128)
        return schedule

    def _start_render(self, task: Task, request: TaskRequest) -> None:
        """Draw the render's disobedience (also with ``render`` off, so a seed meets the same
        faults either way), then render it in the pool."""
        name = task.task_id
        disobey = self.faults.disobedience()
        if disobey is not None:
            self.disobeyed[name] = disobey
            log.info("task %s: rendering told to disobey: %s", name, disobey)
        if not self.config.render:
            self._finish(task, Outcome(time.time()))
            return
        job = RenderJob(
            request=request,
            video_id=new_video_id(),
            video_path=self.output_dir / f"{name}.mp4",
            watermark_path=self.output_dir / f"{name}-watermark.mp4" if task.watermark else None,
            disobey=disobey,
        )
        try:
            future = self._pool.submit(render, job, now=time.time, stop=self._stop)
        except RuntimeError:
            self._finish(task, Outcome(time.time(), failure=CANCELLED))
            return
        future.add_done_callback(lambda done: self._rendered(task, done))

    def _rendered(self, task: Task, future: Future[Outcome]) -> None:
        if future.cancelled():
            self._finish(task, Outcome(time.time(), failure=CANCELLED))
        else:
            self._finish(task, future.result())

    def _finish(self, task: Task, outcome: Outcome) -> None:
        """Keep the outcome; a render cut short by closing is left for the next emulator."""
        if outcome.failure == CANCELLED:
            self.store.release(task, time.time())
        else:
            self.store.record(task, outcome)
        self.owner.drop(task.task_id)
        self.callbacks.notify()

    def adopt(self, tasks: Iterable[Task]) -> None:
        """Render again the orphaned tasks among ``tasks``, each claimed by one emulator only."""
        for task in tasks:
            if task.outcome is not None or not orphaned(task.owner, task.task_id):
                continue
            previous = task.owner
            if not self.owner.hold(task.task_id):
                continue
            body = self.store.claim(task, self.owner.name)
            if body is None:
                self.owner.drop(task.task_id)
                continue
            log.info("task %s: render orphaned by %s, rendering it again", task.task_id, previous)
            remove_partials(self.output_dir, task.task_id)
            try:
                request = validate(task.endpoint, parse_body(body), task.family)
            except ApiError:
                self._finish(task, Outcome(time.time(), failure=INTERNAL))
                continue
            self._start_render(task, request)
            if task.callback_url:
                self._watch(task, task.callback_url, since=time.time())

    def _watch(self, task: Task, url: str, since: float | None = None) -> None:
        host = urlsplit(url).hostname or ""
        if host in self.config.allow_callbacks_to:
            self.callbacks.watch(task, url, since=since)
        else:
            log.warning(
                "callback host %s is not in allow_callbacks_to: task %s sends no callbacks",
                host,
                task.task_id,
            )

    def query(
        self, account: Account, endpoint: Endpoint, ident: str, base_url: str
    ) -> dict[str, Any]:
        task = self.store.find(account.id, endpoint, ident)
        if task is None:
            raise ApiError(1203, f"task {ident} does not exist")
        return self._shown(task, base_url)

    def lookup(
        self, account: Account, endpoint: Endpoint, given: Mapping[str, str], base_url: str
    ) -> dict[str, Any]:
        """The one task that every parameter in ``given`` (``IDENTIFIERS``) names, shown as
        ``query`` shows it; else the same 1203 — never a page of other tasks."""
        found = [self.store.find(account.id, endpoint, value) for value in given.values()]
        named = [
            task
            for task, (name, value) in zip(found, given.items(), strict=True)
            if task is not None and IDENTIFIERS[name](task) == value
        ]
        if len(named) != len(given) or len({task.task_id for task in named}) != 1:
            raise ApiError(1203, f"task {' with '.join(given.values())} does not exist")
        return self._shown(named[0], base_url)

    def _shown(self, task: Task, base_url: str) -> dict[str, Any]:
        self.adopt([task])
        return task_object(task, task.state(time.time()), base_url)

    def page(
        self, account: Account, endpoint: Endpoint, number: int, size: int, base_url: str
    ) -> list[dict[str, Any]]:
        tasks = self.store.page(account.id, endpoint, number, size)
        self.adopt(tasks)
        now = time.time()
        return [task_object(task, task.state(now), base_url) for task in tasks]

    def close(self) -> None:
        """Stop rendering (running encodes abort, queued ones are cancelled) and callbacks;
        renders left unfinished are given up, for the next emulator on the same state."""
        self.owner.retire()
        self._stop.set()
        self._pool.shutdown(wait=True, cancel_futures=True)
        self.callbacks.close()
        self.store.close()
