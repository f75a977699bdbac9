"""The emulator's settings: who may call it, how fast tasks run, where tasks and videos go."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_API_KEY = "kling-studio-emulator"
DEFAULT_ACCESS_KEY = "emulator-access-key"
DEFAULT_SECRET_KEY = "emulator-secret-key-0123456789abcdef"
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


def _default_access_keys() -> dict[str, str]:
    return {DEFAULT_ACCESS_KEY: DEFAULT_SECRET_KEY}


@dataclass(frozen=True)
class EmulatorConfig:
    """Settings of one emulator; credentials are kept out of the repr."""

    api_keys: tuple[str, ...] = field(default=(DEFAULT_API_KEY,), repr=False)
    """Bearer keys accepted as they are (CometAPI keys, Kling single API keys)."""
    access_keys: Mapping[str, str] = field(default_factory=_default_access_keys, repr=False)
    """AccessKey → SecretKey pairs whose HS256 JWTs are accepted."""
    speed: float = 1.0
    """Virtual seconds per real second: 100 makes a 120 s task finish in 1.2 s. Timestamps stay
    wall-clock Unix milliseconds; only durations shrink."""
    queue_seconds: float | None = None
    """Fixed time in ``submitted`` (virtual seconds: ``queue_seconds / speed`` real ones);
    drawn per task when None."""
    processing_seconds: float | None = None
    """Fixed time in ``processing`` (virtual seconds); drawn per task when None."""
    concurrency: int = 5
    """Running tasks per account before creates answer 1303."""
    seed: int = 0
    """Seeds the schedules (queue and processing draws) and the fault plan; never the ids."""
    state_dir: Path | None = None
    """Where tasks outlive the process: a SQLite file and a ``videos/`` folder, shareable by
    several emulators at once. None keeps tasks in memory."""
    output_dir: Path | None = None
    """Where videos are written; ``state_dir/videos`` or a temporary directory (removed on
    close) when None."""
    allow_callbacks_to: tuple[str, ...] = LOOPBACK_HOSTS
    """Hosts that callbacks are delivered to; others are skipped with a warning."""
    retry_after: float | None = None
    """When set, queries of unfinished tasks carry ``Retry-After``, in virtual seconds: the
    emulator's clients sleep on its ``VirtualClock``, which shortens every wait by ``speed``."""
    render: bool = True
    """False: lifecycle only — tasks succeed on schedule with no video. For polling benchmarks and
    load tests, where encoding on a shared CPU would distort the timing being measured."""
    render_workers: int = 2
    """Threads that decode inputs and encode videos."""

    def __post_init__(self) -> None:
        if self.speed <= 0:
            raise ValueError(f"speed must be > 0, got {self.speed}")
        if self.concurrency < 1:
            raise ValueError(f"concurrency must be >= 1, got {self.concurrency}")
        if self.render_workers < 1:
            raise ValueError(f"render_workers must be >= 1, got {self.render_workers}")
        for name in ("queue_seconds", "processing_seconds", "retry_after"):
            value = getattr(self, name)
            if value is not None and value < 0:
                raise ValueError(f"{name} must be >= 0, got {value}")
