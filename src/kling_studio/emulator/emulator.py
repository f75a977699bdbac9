"""``Emulator``: one local Kling-compatible service, in-process or behind a socket."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import ClassVar

from .app import build_app
from .clock import VirtualClock
from .config import EmulatorConfig
from .disobey import Disobedience
from .faults import FaultPlan
from .lifecycle import Status
from .server import DEFAULT_HOST, DEFAULT_PORT, ServerThread, serve
from .service import Service
from .sqlite_store import SqliteStore
from .store import MemoryStore
from .task import Task, TaskStore
from .transport import EmulatorTransport

TASKS_FILE = "tasks.sqlite3"
VIDEOS_FOLDER = "videos"


@dataclass(frozen=True)
class TaskInfo:
    """A task as the emulator sees it, for tests and diagnostics."""

    task_id: str
    external_task_id: str | None
    endpoint: str
    account: str
    """An opaque id derived from the credential."""
    status: Status
    status_message: str
    model: str
    mode: str
    duration: str
    video_path: Path | None
    watermark_path: Path | None
    created_at: float
    """Wall-clock Unix seconds."""
    queue_seconds: float
    """Real seconds in ``submitted`` (the drawn or configured virtual time over ``speed``)."""
    processing_seconds: float
    """Real seconds in ``processing``, on the same terms."""
    disobeyed: Disobedience | None = None
    """How its render was told to disobey (a ``render`` fault), if it was rendered here."""


class Emulator:
    """Owns the task store, the clients' clock, the render pool, callbacks and the fault plan.

    Use ``transport()`` with ``base_url`` for an in-process ``httpx.AsyncClient`` (works from
    any event loop, also one ``asyncio.run`` per call), or ``start_in_thread()`` / ``serve()``
    for a real socket. Close it (or use ``with``) to stop renders and remove temporary files;
    with ``state_dir`` its tasks stay on disk and unfinished renders resume in the next emulator.
    """

    base_url: ClassVar[str] = "http://emulator.kling-studio.local"

    def __init__(self, config: EmulatorConfig | None = None) -> None:
        self.config = config or EmulatorConfig()
        self.clock = VirtualClock(self.config.speed)
        self.faults = FaultPlan(self.config.seed)
        self._scratch: tempfile.TemporaryDirectory[str] | None = None
        state_dir = self.config.state_dir
        output_dir = self.config.output_dir or (state_dir / VIDEOS_FOLDER if state_dir else None)
        if output_dir is None:
            self._scratch = tempfile.TemporaryDirectory(prefix="kling-emulator-")
            output_dir = Path(self._scratch.name)
        output_dir.mkdir(parents=True, exist_ok=True)
        self.output_dir = output_dir
        self._service = Service(self.config, self._store(), self.output_dir, self.faults)
        self.app = build_app(self._service, self.faults, self.config)
        self._server: ServerThread | None = None
        self._closed = False

    def _store(self) -> TaskStore:
        state_dir = self.config.state_dir
        if state_dir is None:
            return MemoryStore(self.config.concurrency)
        state_dir.mkdir(parents=True, exist_ok=True)
        return SqliteStore(state_dir / TASKS_FILE, self.config.concurrency)

    def transport(self) -> EmulatorTransport:
        return EmulatorTransport(self.app)

    @property
    def tasks(self) -> tuple[TaskInfo, ...]:
        """Every task of every account, oldest first."""
        now = time.time()
        return tuple(self._info(task, now) for task in self._service.store.all())

    def _info(self, task: Task, now: float) -> TaskInfo:
        video = task.outcome.videos[0] if task.outcome and task.outcome.videos else None
        watermark = video.watermark_name if video else None
        state = task.state(now)
        return TaskInfo(
            task_id=task.task_id,
            external_task_id=task.external_task_id,
            endpoint=task.endpoint,
            account=task.account,
            status=state.status,
            status_message=state.message,
            model=task.model,
            mode=task.mode,
            duration=task.duration,
            video_path=self.output_dir / video.name if video else None,
            watermark_path=self.output_dir / watermark if watermark else None,
            created_at=task.schedule.created_at,
            queue_seconds=task.schedule.queue_seconds,
            processing_seconds=task.schedule.processing_seconds,
            disobeyed=self._service.disobeyed.get(task.task_id),
        )

    def serve(
        self,
        host: str = DEFAULT_HOST,
        port: int = DEFAULT_PORT,
        announce: Callable[[str], None] | None = None,
    ) -> None:
        """Serve on a socket until interrupted (blocking); ``announce`` gets the URL once it
        listens."""
        serve(self.app, host, port, announce)

    def start_in_thread(self, host: str = DEFAULT_HOST, port: int = 0) -> str:
        """Serve on a background thread; returns the base URL. ``stop_server()`` ends it."""
        if self._server is None:
            self._server = ServerThread(self.app, host, port)
            self._server.start()
        return self._server.url

    def stop_server(self) -> None:
        if self._server is not None:
            self._server.stop()
            self._server = None

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.stop_server()
        self._service.close()
        if self._scratch is not None:
            self._scratch.cleanup()

    def __enter__(self) -> Emulator:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        if self._closed:
            return f"Emulator(speed={self.config.speed}, closed)"
        return f"Emulator(speed={self.config.speed}, tasks={self._service.store.count()})"
