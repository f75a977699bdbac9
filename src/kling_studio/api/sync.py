"""``KlingClient``: the async client's calls, blocking — in a script and inside Jupyter alike.

The async client runs on a private event loop in a daemon thread, so a blocking call works the
same whether or not the caller's thread already runs a loop (as a notebook cell's does), with no
patching of the caller's loop.
"""

from __future__ import annotations

import asyncio
import builtins
import contextlib
import threading
from collections.abc import AsyncIterator, Callable, Coroutine, Iterator, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

import httpx

from .client import (
    DEFAULT_DIRECTORY,
    DEFAULT_WAIT_SECONDS,
    AsyncKlingClient,
    Notify,
    Resumed,
    StatusEvent,
    finished_or_raise,
)
from .clock import Clock
from .connection import Connection
from .download import Download
from .journal import Journal, JournalEntry
from .models import Request, Task, TaskKind
from .polling import DurationStats
from .prepare import PreparedRequest
from .providers import Provider
from .retry import RetryPolicy

if TYPE_CHECKING:
    from kling_studio.motion.intent import MotionIntent
    from kling_studio.widgets.contract import MotionCheck

T = TypeVar("T")
CANCEL_GRACE_SECONDS = 5.0


class LoopThread:
    """An event loop running forever in a daemon thread."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self.loop.run_forever, name="kling-studio", daemon=True
        )
        self._thread.start()

    def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        """Run on the private loop and wait; an interrupt (Ctrl-C, the kernel's Stop) cancels
        the work too, so nothing goes on submitting or polling behind the user's back."""
        if threading.current_thread() is self._thread:
            coroutine.close()
            raise RuntimeError(
                "a blocking KlingClient call was made from inside one of its own callbacks; "
                "use the async client (client.aio) there"
            )
        future: Future[T] = asyncio.run_coroutine_threadsafe(coroutine, self.loop)
        try:
            return future.result()
        except BaseException:
            future.cancel()
            with contextlib.suppress(BaseException):
                future.exception(timeout=CANCEL_GRACE_SECONDS)
            raise

    def submit(self, coroutine: Coroutine[Any, Any, T]) -> Future[T]:
        """Start on the private loop and return at once (for work that reports as it goes)."""
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop)

    def iterate(self, iterator: AsyncIterator[T]) -> Iterator[T]:
        while True:
            try:
                yield self.run(_next(iterator))
            except StopAsyncIteration:
                return

    def stop(self) -> None:
        if self.loop.is_closed():
            return
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout=5)
        self.loop.close()


async def _next(iterator: AsyncIterator[T]) -> T:
    return await iterator.__anext__()


F = TypeVar("F", bound=Callable[..., Any])


def twin_of(original: Callable[..., Any]) -> Callable[[F], F]:
    """Give a blocking method its async original's docstring: one text for both faces."""

    def copy(method: F) -> F:
        method.__doc__ = original.__doc__
        return method

    return copy


class KlingClient:
    """Blocking twin of ``AsyncKlingClient``: the same calls with the same arguments, each
    run to completion on a private event loop (``client.aio`` is the async client itself)."""

    def __init__(
        self,
        provider: Provider | None = None,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        clock: Clock | None = None,
        connection: Connection | None = None,
        timeout: float = 60.0,
        retry: RetryPolicy | None = None,
        strict: bool = True,
        wait_seconds: float = DEFAULT_WAIT_SECONDS,
        durations: DurationStats | None = None,
        journal: Journal | None = None,
        budget_units: float | None = None,
    ) -> None:
        self._runner = LoopThread()
        try:
            self._async = self._runner.run(
                _construct(
                    provider,
                    transport=transport,
                    clock=clock,
                    connection=connection,
                    timeout=timeout,
                    retry=retry,
                    strict=strict,
                    wait_seconds=wait_seconds,
                    durations=durations,
                    journal=journal,
                    budget_units=budget_units,
                )
            )
        except BaseException:
            self._runner.stop()
            raise

    @property
    def aio(self) -> AsyncKlingClient:
        """The underlying async client (bound to this client's private loop)."""
        return self._async

    @property
    def is_emulated(self) -> bool:
        return self._async.is_emulated

    @property
    def budget_units(self) -> float | None:
        """Units that may be spent per day (local time) before a create needs approval."""
        return self._async.budget_units

    @property
    def journal(self) -> Journal:
        return self._async.journal

    def describe(self) -> str:
        return self._async.describe()

    def __repr__(self) -> str:
        return f"KlingClient({self.describe()})"

    @twin_of(AsyncKlingClient.prepare)
    def prepare(self, request: Request, *, strict: bool | None = None) -> PreparedRequest:
        return self._runner.run(self._async.prepare(request, strict=strict))

    @twin_of(AsyncKlingClient.create)
    def create(
        self,
        request: Request | PreparedRequest,
        *,
        notify: Notify | None = None,
        wait_for_slot: bool = True,
        external_id: str | None = None,
        allow_over_budget: bool = False,
        directory: str | Path | None = None,
    ) -> Task:
        return self._runner.run(
            self._async.create(
                request,
                notify=notify,
                wait_for_slot=wait_for_slot,
                external_id=external_id,
                allow_over_budget=allow_over_budget,
                directory=directory,
            )
        )

    @twin_of(AsyncKlingClient.get)
    def get(self, task_id: str, *, kind: TaskKind | str | None = None) -> Task:
        return self._runner.run(self._async.get(task_id, kind=kind))

    @twin_of(AsyncKlingClient.list)
    def list(
        self,
        *,
        kind: TaskKind | str = TaskKind.IMAGE2VIDEO,
        page_size: int = 30,
        max_pages: int | None = None,
    ) -> Iterator[Task]:
        return self._runner.iterate(
            self._async.list(kind=kind, page_size=page_size, max_pages=max_pages)
        )

    @twin_of(AsyncKlingClient.watch)
    def watch(
        self, task: Task | str, *, kind: TaskKind | str | None = None, timeout: float | None = None
    ) -> Iterator[StatusEvent]:
        return self._runner.iterate(self._async.watch(task, kind=kind, timeout=timeout))

    @twin_of(AsyncKlingClient.wait)
    def wait(
        self,
        task: Task | str,
        *,
        kind: TaskKind | str | None = None,
        timeout: float | None = None,
        on_event: Callable[[StatusEvent], None] | None = None,
    ) -> Task:
        # on_event runs in the caller's thread, so it may print or call this client
        last: Task | None = None
        for event in self.watch(task, kind=kind, timeout=timeout):
            last = event.task
            if on_event is not None:
                on_event(event)
        assert last is not None
        return finished_or_raise(last)

    @twin_of(AsyncKlingClient.download)
    def download(
        self, task: Task, directory: str | Path = DEFAULT_DIRECTORY, *, watermarked: bool = True
    ) -> Download:
        return self._runner.run(self._async.download(task, directory, watermarked=watermarked))

    @twin_of(AsyncKlingClient.save_record)
    def save_record(
        self,
        task: Task,
        videos: Sequence[Path],
        target: Path,
        *,
        watermarked: Sequence[Path] = (),
        extra: Mapping[str, Any] | None = None,
    ) -> Path:
        return self._runner.run(
            self._async.save_record(task, videos, target, watermarked=watermarked, extra=extra)
        )

    @twin_of(AsyncKlingClient.motion_intent)
    def motion_intent(self, task_id: str) -> MotionIntent | None:
        return self._async.motion_intent(task_id)

    @twin_of(AsyncKlingClient.check_motion)
    def check_motion(
        self, saved: Download, intent: MotionIntent | None = None
    ) -> MotionCheck | None:
        return self._runner.run(self._async.check_motion(saved, intent))

    @twin_of(AsyncKlingClient.generate)
    def generate(
        self,
        request: Request,
        directory: str | Path = DEFAULT_DIRECTORY,
        *,
        timeout: float | None = None,
        on_event: Callable[[StatusEvent], None] | None = None,
        motion_check: bool = True,
    ) -> Download:
        task = self.create(request, directory=directory)
        finished = self.wait(task, timeout=timeout, on_event=on_event)
        saved = self.download(finished, directory)
        if not motion_check:
            return saved
        motion = self.check_motion(saved)
        return replace(saved, motion=dict(motion)) if motion is not None else saved

    @twin_of(AsyncKlingClient.pending)
    def pending(self) -> builtins.list[JournalEntry]:
        return self._async.pending()

    @twin_of(AsyncKlingClient.spent_today)
    def spent_today(self) -> float:
        return self._async.spent_today()

    @twin_of(AsyncKlingClient.resume_one)
    def resume_one(
        self,
        entry: JournalEntry,
        directory: str | Path | None = None,
        *,
        on_event: Callable[[StatusEvent], None] | None = None,
        timeout: float | None = None,
    ) -> Download | None:
        return self._runner.run(
            self._async.resume_one(entry, directory, on_event=on_event, timeout=timeout)
        )

    @twin_of(AsyncKlingClient.resume)
    def resume(
        self,
        directory: str | Path | None = None,
        *,
        on_event: Callable[[StatusEvent], None] | None = None,
        timeout: float | None = None,
    ) -> builtins.list[Resumed]:
        return self._runner.run(self._async.resume(directory, on_event=on_event, timeout=timeout))

    def close(self) -> None:
        """Close the connection and stop the private loop's thread."""
        if not self._runner.loop.is_closed():
            self._runner.run(self._async.aclose())
            self._runner.stop()

    def __enter__(self) -> KlingClient:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


async def _construct(provider: Provider | None, **options: Any) -> AsyncKlingClient:
    """Made on the private loop, so everything it creates belongs to that loop."""
    return AsyncKlingClient(provider, **options)
