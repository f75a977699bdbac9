"""Tasks in a SQLite file, so they outlive a kernel and two kernels can share them.

Admission runs in one ``BEGIN IMMEDIATE`` transaction (the write lock taken up front), so the
1201 and 1303 checks and the insert are atomic across processes. Each task's request body is kept
until its render is recorded: a render whose process died is done again from it.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any, Final, cast

from .envelope import Family
from .errors import ApiError, invalid
from .lifecycle import Outcome, Schedule, VideoFile, ended_at
from .task import Task
from .validation import Endpoint

SCHEMA_VERSION: Final = 1
BUSY_TIMEOUT_SECONDS: Final = 30.0
"""How long a writer waits for another process's transaction before giving up."""
SCHEMA: Final = (
    """CREATE TABLE IF NOT EXISTS tasks (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        task_id TEXT NOT NULL UNIQUE,
        account TEXT NOT NULL,
        endpoint TEXT NOT NULL,
        family TEXT NOT NULL,
        external_task_id TEXT,
        model TEXT NOT NULL,
        mode TEXT NOT NULL,
        duration TEXT NOT NULL,
        watermark INTEGER NOT NULL,
        callback_url TEXT,
        units TEXT NOT NULL,
        origin TEXT NOT NULL,
        created_at REAL NOT NULL,
        queue_seconds REAL NOT NULL,
        processing_seconds REAL NOT NULL,
        owner TEXT,
        finished_at REAL,
        failure TEXT,
        videos TEXT,
        ended_at REAL,
        UNIQUE (account, external_task_id)
    )""",
    "CREATE INDEX IF NOT EXISTS tasks_listed ON tasks (account, endpoint, seq)",
    "CREATE INDEX IF NOT EXISTS tasks_running ON tasks (account, ended_at)",
    "CREATE TABLE IF NOT EXISTS bodies (task_id TEXT PRIMARY KEY, body BLOB NOT NULL)",
)
"""``ended_at`` (when the status turns terminal) is known once the outcome is: an unfinished
task is one whose ``ended_at`` is NULL or still ahead."""
RUNNING: Final = "account = ? AND (ended_at IS NULL OR ended_at > ?)"


def task_row(task: Task) -> dict[str, Any]:
    """The columns fixed at admission."""
    return {
        "task_id": task.task_id,
        "account": task.account,
        "endpoint": task.endpoint,
        "family": task.family,
        "external_task_id": task.external_task_id,
        "model": task.model,
        "mode": task.mode,
        "duration": task.duration,
        "watermark": int(task.watermark),
        "callback_url": task.callback_url,
        "units": task.units,
        "origin": task.origin,
        "created_at": task.schedule.created_at,
        "queue_seconds": task.schedule.queue_seconds,
        "processing_seconds": task.schedule.processing_seconds,
        "owner": task.owner,
    }


def row_task(row: sqlite3.Row) -> Task:
    return Task(
        task_id=row["task_id"],
        account=row["account"],
        endpoint=cast(Endpoint, row["endpoint"]),
        family=cast(Family, row["family"]),
        external_task_id=row["external_task_id"],
        model=row["model"],
        mode=row["mode"],
        duration=row["duration"],
        watermark=bool(row["watermark"]),
        callback_url=row["callback_url"],
        units=row["units"],
        origin=row["origin"],
        schedule=Schedule(row["created_at"], row["queue_seconds"], row["processing_seconds"]),
        owner=row["owner"],
        outcome=row_outcome(row),
    )


def row_outcome(row: sqlite3.Row) -> Outcome | None:
    if row["finished_at"] is None:
        return None
    videos = tuple(VideoFile(**video) for video in json.loads(row["videos"] or "[]"))
    return Outcome(row["finished_at"], videos, row["failure"])


class SqliteStore:
    """The ``TaskStore`` of an emulator with a state folder; one connection per store."""

    def __init__(self, path: Path, concurrency: int) -> None:
        self._concurrency = concurrency
        self._lock = threading.Lock()
        self._db = sqlite3.connect(
            path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False
        )
        self._db.row_factory = sqlite3.Row
        self._db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
        self._db.execute("PRAGMA journal_mode = WAL")
        self._db.execute("PRAGMA synchronous = NORMAL")
        with self._transaction() as db:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version not in (0, SCHEMA_VERSION):
                raise RuntimeError(f"{path} has task schema {version}, expected {SCHEMA_VERSION}")
            for statement in SCHEMA:
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _select(self, where: str, *args: object) -> list[Task]:
        with self._lock:
            rows = self._db.execute(f"SELECT * FROM tasks WHERE {where}", args).fetchall()
        return [row_task(row) for row in rows]

    def admit(self, task: Task, body: bytes, now: float) -> None:
        row = task_row(task)
        columns = ", ".join(row)
        values = ", ".join(f":{name}" for name in row)
        with self._transaction() as db:
            external = task.external_task_id
            if (
                external is not None
                and db.execute(
                    "SELECT 1 FROM tasks WHERE account = ? AND external_task_id = ?",
                    (task.account, external),
                ).fetchone()
            ):
                raise invalid(f"external_task_id({external}) already exists for this account")
            running = db.execute(f"SELECT COUNT(*) FROM tasks WHERE {RUNNING}", (task.account, now))
            if running.fetchone()[0] >= self._concurrency:
                raise ApiError(1303)
            if db.execute("SELECT 1 FROM tasks WHERE task_id = ?", (task.task_id,)).fetchone():
                raise ApiError(5000, "task id collision; send the request again")
            db.execute(f"INSERT INTO tasks ({columns}) VALUES ({values})", row)
            db.execute("INSERT INTO bodies (task_id, body) VALUES (?, ?)", (task.task_id, body))

    def find(self, account: str, endpoint: Endpoint, ident: str) -> Task | None:
        found = self._select("task_id = ? AND account = ?", ident, account) or self._select(
            "account = ? AND external_task_id = ?", account, ident
        )
        return found[0] if found and found[0].endpoint == endpoint else None

    def page(self, account: str, endpoint: Endpoint, number: int, size: int) -> list[Task]:
        return self._select(
            "account = ? AND endpoint = ? ORDER BY seq DESC LIMIT ? OFFSET ?",
            account,
            endpoint,
            size,
            (number - 1) * size,
        )

    def all(self) -> list[Task]:
        return self._select("1 ORDER BY seq")

    def count(self) -> int:
        with self._lock:
            count: int = self._db.execute("SELECT COUNT(*) FROM tasks").fetchone()[0]
        return count

    def unfinished(self) -> list[Task]:
        return self._select("finished_at IS NULL ORDER BY seq")

    def record(self, task: Task, outcome: Outcome) -> None:
        videos = json.dumps([asdict(video) for video in outcome.videos])
        ended = ended_at(task.schedule, outcome)
        with self._transaction() as db:
            kept = db.execute(
                "UPDATE tasks SET finished_at = ?, failure = ?, videos = ?, ended_at = ?"
                " WHERE task_id = ? AND owner IS ? AND finished_at IS NULL",
                (outcome.finished_at, outcome.failure, videos, ended, task.task_id, task.owner),
            ).rowcount
            if kept:
                db.execute("DELETE FROM bodies WHERE task_id = ?", (task.task_id,))
        task.outcome = outcome

    def release(self, task: Task, now: float) -> None:
        with self._transaction() as db:
            db.execute(
                "UPDATE tasks SET owner = NULL"
                " WHERE task_id = ? AND owner IS ? AND finished_at IS NULL",
                (task.task_id, task.owner),
            )
        task.owner = None

    def claim(self, task: Task, owner: str) -> bytes | None:
        with self._transaction() as db:
            taken = db.execute(
                "UPDATE tasks SET owner = ?"
                " WHERE task_id = ? AND owner IS ? AND finished_at IS NULL",
                (owner, task.task_id, task.owner),
            ).rowcount
            found = (
                db.execute("SELECT body FROM bodies WHERE task_id = ?", (task.task_id,)).fetchone()
                if taken
                else None
            )
        if not taken:
            return None
        task.owner = owner
        return bytes(found["body"]) if found else b""

    def close(self) -> None:
        with self._lock:
            self._db.close()
