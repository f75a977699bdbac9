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
from collections.abc import AsyncIterator, Callable, Coroutine, Iterator
from concurrent.futures import Future
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from .client import AsyncKlingClient, Resumed, StatusEvent, finished_or_raise
from .download import Download
from .journal import JournalEntry
from .models import Request, Task, TaskKind
from .prepare import PreparedRequest

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


class KlingClient:
    """Blocking twin of ``AsyncKlingClient``; takes the same arguments."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._runner = LoopThread()
        try:
            self._async = self._runner.run(_construct(args, kwargs))
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
        return self._async.budget_units

    def describe(self) -> str:
        return self._async.describe()

    def __repr__(self) -> str:
        return f"KlingClient({self.describe()})"

    def prepare(self, request: Request, *, strict: bool | None = None) -> PreparedRequest:
        return self._runner.run(self._async.prepare(request, strict=strict))

    def create(
        self,
        request: Request | PreparedRequest,
        *,
        notify: Callable[[str], None] | None = None,
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

    def get(self, task_id: str, *, kind: TaskKind | str | None = None) -> Task:
        return self._runner.run(self._async.get(task_id, kind=kind))

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

    def watch(
        self, task: Task | str, *, kind: TaskKind | str | None = None, timeout: float | None = None
    ) -> Iterator[StatusEvent]:
        return self._runner.iterate(self._async.watch(task, kind=kind, timeout=timeout))

    def wait(
        self,
        task: Task | str,
        *,
        kind: TaskKind | str | None = None,
        timeout: float | None = None,
        on_event: Callable[[StatusEvent], None] | None = None,
    ) -> Task:
        """The finished task; ``on_event`` runs in the caller's thread, so it may print or
        call this client."""
        last: Task | None = None
        for event in self.watch(task, kind=kind, timeout=timeout):
            last = event.task
            if on_event is not None:
                on_event(event)
        assert last is not None
        return finished_or_raise(last)

    def download(
        self, task: Task, directory: str | Path = "kling-output", *, watermarked: bool = True
    ) -> Download:
        return self._runner.run(self._async.download(task, directory, watermarked=watermarked))

    def generate(
        self,
        request: Request,
        directory: str | Path = "kling-output",
        *,
        timeout: float | None = None,
        on_event: Callable[[StatusEvent], None] | None = None,
    ) -> Download:
        task = self.create(request, directory=directory)
        finished = self.wait(task, timeout=timeout, on_event=on_event)
        return self.download(finished, directory)

    def pending(self) -> builtins.list[JournalEntry]:
        return self._async.pending()

    def spent_today(self) -> float:
        return self._async.spent_today()

    def resume_one(
        self,
        entry: JournalEntry,
        directory: str | Path | None = None,
        *,
        timeout: float | None = None,
    ) -> Download | None:
        return self._runner.run(self._async.resume_one(entry, directory, timeout=timeout))

    def resume(
        self, directory: str | Path | None = None, *, timeout: float | None = None
    ) -> builtins.list[Resumed]:
        return self._runner.run(self._async.resume(directory, timeout=timeout))

    def close(self) -> None:
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


async def _construct(args: tuple[Any, ...], kwargs: dict[str, Any]) -> AsyncKlingClient:
    return AsyncKlingClient(*args, **kwargs)
