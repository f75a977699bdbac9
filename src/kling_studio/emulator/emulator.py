"""``Emulator``: one local Kling-compatible service, in-process or behind a socket."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import ClassVar

from .app import build_app
from .clock import VirtualClock
from .config import EmulatorConfig
from .faults import FaultPlan
from .lifecycle import Status
from .server import DEFAULT_HOST, DEFAULT_PORT, ServerThread, serve
from .service import Service
from .store import Task
from .transport import EmulatorTransport


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


class Emulator:
    """Owns the task store, the virtual clock, the render pool, callbacks and the fault plan.

    Use ``transport()`` with ``base_url`` for an in-process ``httpx.AsyncClient`` (works from
    any event loop, also one ``asyncio.run`` per call), or ``start_in_thread()`` / ``serve()``
    for a real socket. Close it (or use ``with``) to stop renders and remove temporary files.
    """

    base_url: ClassVar[str] = "http://emulator.kling-studio.local"

    def __init__(self, config: EmulatorConfig | None = None) -> None:
        self.config = config or EmulatorConfig()
        self.clock = VirtualClock(self.config.speed)
        self.faults = FaultPlan(self.config.seed)
        self._scratch: tempfile.TemporaryDirectory[str] | None = None
        if self.config.output_dir is None:
            self._scratch = tempfile.TemporaryDirectory(prefix="kling-emulator-")
            self.output_dir = Path(self._scratch.name)
        else:
            self.output_dir = self.config.output_dir
            self.output_dir.mkdir(parents=True, exist_ok=True)
        self._service = Service(self.config, self.clock, self.output_dir)
        self.app = build_app(self._service, self.faults, self.config)
        self._server: ServerThread | None = None

    def transport(self) -> EmulatorTransport:
        return EmulatorTransport(self.app)

    @property
    def tasks(self) -> tuple[TaskInfo, ...]:
        """Every task of every account, oldest first."""
        now = self.clock.now()
        return tuple(self._info(task, now) for task in self._service.store.all())

    def _info(self, task: Task, now: float) -> TaskInfo:
        video = task.outcome.videos[0] if task.outcome and task.outcome.videos else None
        watermark = video.watermark_name if video else None
        state = task.state(now)
        return TaskInfo(
            task_id=task.task_id,
            external_task_id=task.request.external_task_id,
            endpoint=task.endpoint,
            account=task.account,
            status=state.status,
            status_message=state.message,
            model=task.request.model,
            mode=task.request.mode,
            duration=task.request.duration,
            video_path=self.output_dir / video.name if video else None,
            watermark_path=self.output_dir / watermark if watermark else None,
        )

    def serve(self, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> None:
        """Serve on a socket until interrupted (blocking)."""
        serve(self.app, host, port)

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
        return f"Emulator(speed={self.config.speed}, tasks={len(self._service.store.all())})"
