"""The API's operations (create, query, list) on the store, the renderer and the callbacks.

Handlers call these and return quickly: decoding and encoding run in the render pool, status is
derived from the clock, callbacks go out from their own thread.
"""

from __future__ import annotations

import logging
import random
import threading
import uuid
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from kling_studio.api.capabilities import estimate_units, expected_generation_seconds

from .auth import Account
from .callbacks import CallbackDispatcher
from .clock import VirtualClock
from .config import EmulatorConfig
from .envelope import Family
from .errors import ApiError
from .lifecycle import Outcome, draw_schedule
from .render import CANCELLED, RenderJob, render
from .store import Task, TaskStore
from .validation import Endpoint, TaskRequest, validate
from .views import created, task_object

log = logging.getLogger(__name__)


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


class Service:
    """One emulator's tasks: validation, admission, rendering, callbacks, views."""

    def __init__(self, config: EmulatorConfig, clock: VirtualClock, output_dir: Path) -> None:
        self.config = config
        self.clock = clock
        self.output_dir = output_dir
        self.store = TaskStore(config.concurrency, random.Random(f"task-ids:{config.seed}"))
        self.callbacks = CallbackDispatcher(clock)
        self._draws = random.Random(f"schedule:{config.seed}")
        self._draw_lock = threading.Lock()
        self._stop = threading.Event()
        self._pool = ThreadPoolExecutor(
            config.render_workers, thread_name_prefix="kling-emulator-render"
        )

    def create(
        self, account: Account, endpoint: Endpoint, body: object, family: Family, origin: str
    ) -> dict[str, Any]:
        request = validate(endpoint, body, family)
        now = self.clock.now()
        with self._draw_lock:
            schedule = draw_schedule(
                self._draws,
                now,
                expected_generation_seconds(request.model, request.mode, request.duration),
                queue_seconds=self.config.queue_seconds,
                processing_seconds=self.config.processing_seconds,
            )
            video_id = str(uuid.UUID(int=self._draws.getrandbits(128), version=4))
        task = self.store.admit(
            account.id,
            request,
            now,
            lambda task_id: Task(task_id, account.id, request, schedule, units_of(request), origin),
        )
        self._start_render(task, video_id)
        if request.callback_url:
            self._watch(task, request.callback_url)
        return created(task)

    def _start_render(self, task: Task, video_id: str) -> None:
        if not self.config.render:
            task.outcome = Outcome(self.clock.now())
            return
        job = RenderJob(
            request=task.request,
            video_id=video_id,
            video_path=self.output_dir / f"{task.task_id}.mp4",
            watermark_path=self.output_dir / f"{task.task_id}-watermark.mp4"
            if task.request.watermark
            else None,
        )
        try:
            future = self._pool.submit(render, job, now=self.clock.now, stop=self._stop)
        except RuntimeError:
            task.outcome = Outcome(self.clock.now(), failure=CANCELLED)
            return
        future.add_done_callback(lambda done: self._finished(task, done))

    def _finished(self, task: Task, future: Future[Outcome]) -> None:
        task.outcome = (
            Outcome(self.clock.now(), failure=CANCELLED) if future.cancelled() else future.result()
        )
        self.callbacks.notify()

    def _watch(self, task: Task, url: str) -> None:
        host = urlsplit(url).hostname or ""
        if host in self.config.allow_callbacks_to:
            self.callbacks.watch(task, url)
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
        return task_object(task, task.state(self.clock.now()), base_url)

    def page(
        self, account: Account, endpoint: Endpoint, number: int, size: int, base_url: str
    ) -> list[dict[str, Any]]:
        now = self.clock.now()
        return [
            task_object(task, task.state(now), base_url)
            for task in self.store.page(account.id, endpoint, number, size)
        ]

    def close(self) -> None:
        """Stop rendering (running encodes abort, queued ones are cancelled) and callbacks."""
        self._stop.set()
        self._pool.shutdown(wait=True, cancel_futures=True)
        self.callbacks.close()
