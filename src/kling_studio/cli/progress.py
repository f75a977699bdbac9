"""Following a task in the terminal: a live line with status, elapsed time, ETA and a bar.

The bar is redrawn several times a second from the local clock, between status queries, so the
display never looks frozen while the poll schedule is sparse.
"""

from __future__ import annotations

import asyncio
import contextlib

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from kling_studio.api.client import AsyncKlingClient, StatusEvent
from kling_studio.api.models import Task

REDRAW_SECONDS = 0.25


def describe(event: StatusEvent) -> str:
    if event.status == "submitted":
        return f"queued {event.queued_for:.0f} s"
    if event.status == "processing":
        eta = "" if event.eta is None else f", about {event.eta:.0f} s left"
        return f"processing {event.processing_for or 0:.0f} s{eta}"
    return event.status


async def follow(client: AsyncKlingClient, task: Task, console: Console) -> Task:
    """Wait for ``task`` while showing its progress; returns the finished task."""
    with Progress(
        TextColumn("[bold]{task.fields[label]}"),
        BarColumn(),
        TextColumn("{task.fields[state]}"),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    ) as progress:
        row = progress.add_task("task", total=1.0, label=task.task_id, state="submitted")
        latest: list[StatusEvent] = []

        async def redraw() -> None:
            while True:
                if latest:
                    progress.update(row, completed=latest[-1].progress, state=describe(latest[-1]))
                await asyncio.sleep(REDRAW_SECONDS)

        painter = asyncio.create_task(redraw())
        try:
            finished = await client.wait(task, on_event=latest.append)
        finally:
            painter.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await painter
        progress.update(row, completed=1.0, state=finished.task_status)
        return finished
