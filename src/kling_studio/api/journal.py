"""The task journal: every paid task, from before its create is sent until its files are saved.

One SQLite file (WAL) in the data home, shared by every kernel and terminal of the user, so a
task survives the process that made it: ``client.pending()`` / ``client.resume()`` find it again.
A row is written *before* the create request goes out (keyed by the external id), so even a
process killed between the POST and its answer leaves enough to look the task up. It keeps the
provider's kind, host and path family, never a credential; the request's media-free summary and
a hash of the wire payload, never the media.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
import time
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final
from urllib.parse import urlsplit

from .budget import BudgetExceeded
from .errors import KlingError
from .home import data_home
from .models import Task

JOURNAL_FILE: Final = "journal.sqlite3"
RETENTION_SECONDS: Final = 30 * 86400
"""Kling deletes results 30 days after the task ends."""
BUSY_TIMEOUT_MS: Final = 15_000
SENDING: Final = "sending"
"""Written before the create is sent; stays until its answer (or a look-up) says more."""
NOT_CREATED: Final = "not_created"
"""A look-up by external id proved that the create never reached the service."""
GONE: Final = "gone"
"""The service no longer knows the task (deleted after 30 days, or an emulator without state):
nothing more can be done for it, so it stops being offered for resuming."""
TERMINAL: Final = frozenset({"succeed", "failed", NOT_CREATED, GONE})
UNCHARGED: Final = frozenset({"failed", NOT_CREATED})
"""Kling does not charge failed tasks; a create that never landed costs nothing."""

SCHEMA: Final = """
CREATE TABLE IF NOT EXISTS tasks (
    provider      TEXT NOT NULL,
    external_id   TEXT NOT NULL,
    task_id       TEXT,
    kind          TEXT NOT NULL,
    emulated      INTEGER NOT NULL,
    payload_hash  TEXT NOT NULL,
    summary       TEXT NOT NULL,
    model         TEXT NOT NULL,
    mode          TEXT NOT NULL,
    duration      TEXT NOT NULL,
    estimate      REAL,
    status        TEXT NOT NULL,
    status_msg    TEXT NOT NULL DEFAULT '',
    charged       REAL,
    videos        TEXT NOT NULL DEFAULT '[]',
    expires_at    REAL,
    directory     TEXT,
    files         TEXT NOT NULL DEFAULT '[]',
    holder        INTEGER,
    created_at    REAL NOT NULL,
    updated_at    REAL NOT NULL,
    PRIMARY KEY (provider, external_id)
);
CREATE INDEX IF NOT EXISTS tasks_by_id ON tasks (provider, task_id);
CREATE INDEX IF NOT EXISTS tasks_by_time ON tasks (created_at);
CREATE TABLE IF NOT EXISTS events (
    provider    TEXT NOT NULL,
    external_id TEXT NOT NULL,
    status      TEXT NOT NULL,
    at          REAL NOT NULL
);
"""


def new_external_id() -> str:
    """A fresh external task id: unique per account, as Kling requires."""
    return f"ks-{uuid.uuid4().hex}"


def payload_hash(payload: Mapping[str, Any]) -> str:
    """What identifies a request: its wire payload without the external id it is filed under."""
    body = {k: v for k, v in payload.items() if k != "external_task_id"}
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def start_of_day(now: float | None = None) -> float:
    """Local midnight today, as Unix seconds: budgets and "spent today" count from here."""
    today = dt.datetime.fromtimestamp(time.time() if now is None else now).date()
    return dt.datetime.combine(today, dt.time()).timestamp()


@dataclass(frozen=True)
class ProviderRef:
    """A service as the journal names it: kind, host and path family — never a credential."""

    kind: str
    host: str
    family: str
    emulated: bool

    @classmethod
    def of(cls, name: str, base_url: str, path_prefix: str, *, emulated: bool) -> ProviderRef:
        host = urlsplit(base_url).netloc.rsplit("@", 1)[-1]
        return cls(name, host, f"{path_prefix}/v1", emulated)

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.host}{self.family}"


@dataclass(frozen=True)
class JournalEntry:
    """One task as the journal knows it."""

    provider: str
    external_id: str
    task_id: str | None
    kind: str
    emulated: bool
    payload_hash: str
    summary: Mapping[str, Any]
    model: str
    mode: str
    duration: str
    estimate: float | None
    status: str
    status_msg: str
    charged: float | None
    videos: tuple[Mapping[str, Any], ...]
    expires_at: float | None
    directory: str | None
    files: tuple[str, ...]
    created_at: float
    updated_at: float
    holder: int | None = None
    """The process sending this create, until its answer (or a look-up) settles it."""

    @property
    def held_elsewhere(self) -> bool:
        """Another live process is still sending this create: looking it up now would find
        nothing and wrongly close it, so it is left to that process."""
        return self.holder is not None and self.holder != os.getpid() and _alive(self.holder)

    @property
    def prompt(self) -> str:
        return str(self.summary.get("prompt") or "")

    @property
    def finished(self) -> bool:
        return self.status in TERMINAL

    @property
    def expired(self) -> bool:
        return self.expires_at is not None and time.time() >= self.expires_at

    @property
    def needs_download(self) -> bool:
        return self.status == "succeed" and not self.files and not self.expired

    @property
    def pending(self) -> bool:
        """Unfinished, or finished with a video not yet saved (and not yet expired)."""
        return not self.finished or self.needs_download

    @property
    def units(self) -> float:
        """Units this task costs: charged when the service said so, else the estimate."""
        if self.charged is not None:
            return self.charged
        return 0.0 if self.status in UNCHARGED else (self.estimate or 0.0)

    @property
    def units_estimated(self) -> bool:
        return self.charged is None and self.status not in UNCHARGED

    def as_row(self) -> dict[str, Any]:
        """A plain record for ``--json`` and tables."""
        return {
            "provider": self.provider,
            "external_id": self.external_id,
            "task_id": self.task_id,
            "kind": self.kind,
            "emulated": self.emulated,
            "model": self.model,
            "mode": self.mode,
            "duration": self.duration,
            "prompt": self.prompt,
            "status": self.status,
            "message": self.status_msg or None,
            "units": self.units,
            "units_estimated": self.units_estimated,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "expires_at": self.expires_at,
            "directory": self.directory,
            "files": list(self.files),
            "pending": self.pending,
        }


def _entry(row: sqlite3.Row) -> JournalEntry:
    return JournalEntry(
        provider=row["provider"],
        external_id=row["external_id"],
        task_id=row["task_id"],
        kind=row["kind"],
        emulated=bool(row["emulated"]),
        payload_hash=row["payload_hash"],
        summary=json.loads(row["summary"]),
        model=row["model"],
        mode=row["mode"],
        duration=row["duration"],
        estimate=row["estimate"],
        status=row["status"],
        status_msg=row["status_msg"],
        charged=row["charged"],
        videos=tuple(json.loads(row["videos"])),
        expires_at=row["expires_at"],
        directory=row["directory"],
        files=tuple(json.loads(row["files"])),
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        holder=row["holder"],
    )


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    return True


def _units(value: str | None) -> float | None:
    try:
        return None if value in (None, "") else float(str(value))
    except ValueError:
        return None


class ExternalIdReused(KlingError):  # noqa: N818 - reads as what happened
    """The journal holds this external id for a different request: sending would mix tasks up."""

    def __init__(self, external_id: str, earlier: JournalEntry) -> None:
        self.external_id = external_id
        self.earlier = earlier
        task = f"task {earlier.task_id}" if earlier.task_id else "a task"
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(earlier.created_at))
        super().__init__(
            f"external_task_id {external_id!r} was already used for {task} "
            f"({earlier.model}, filed {when}) "
            "with a different request; nothing was sent — choose a new external id, or leave "
            "it empty to get a fresh one"
        )


@dataclass(frozen=True)
class Planned:
    """A create about to be sent, as the journal files it."""

    provider: ProviderRef
    external_id: str
    kind: str
    payload_hash: str
    summary: Mapping[str, Any]
    model: str
    mode: str
    duration: str
    estimate: float | None
    directory: str | None = None


class Journal:
    """The SQLite journal. Each operation opens its own short connection: safe from any thread
    and process (WAL, a busy timeout, immediate transactions), and nothing stays open."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or data_home() / JOURNAL_FILE
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("BEGIN IMMEDIATE")
            for statement in SCHEMA.split(";"):
                if statement.strip():
                    db.execute(statement)
            columns = {row[1] for row in db.execute("PRAGMA table_info(tasks)")}
            if "holder" not in columns:  # a journal from before creates were held
                db.execute("ALTER TABLE tasks ADD COLUMN holder INTEGER")
            db.execute("COMMIT")

    def __repr__(self) -> str:
        return f"Journal({str(self.path)!r})"

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        try:
            db.row_factory = sqlite3.Row
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            db.execute("PRAGMA synchronous = NORMAL")
            yield db
        finally:
            db.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One immediate transaction: writers queue on SQLite's lock, never interleave."""
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[JournalEntry]:
        with self._connect() as db:
            return [_entry(row) for row in db.execute(sql, params).fetchall()]

    # -- writing ----------------------------------------------------------------------------

    def begin(
        self, planned: Planned, *, budget: float | None = None, allow_over_budget: bool = False
    ) -> JournalEntry | None:
        """File a create before it is sent; the budget is checked in the same transaction.

        Returns the earlier entry when this external id was already filed for the same request
        (the caller re-attaches to it instead of paying twice); raises ``ExternalIdReused`` when
        it was filed for a different request, ``BudgetExceeded`` when the estimate would go over
        what is left of today's budget.
        """
        now = time.time()
        key = planned.provider.key
        with self._write() as db:
            row = db.execute(
                "SELECT * FROM tasks WHERE provider = ? AND external_id = ?",
                (key, planned.external_id),
            ).fetchone()
            if row is not None:
                earlier = _entry(row)
                if earlier.status != NOT_CREATED:  # a create that never landed used up nothing
                    if earlier.payload_hash != planned.payload_hash:
                        raise ExternalIdReused(planned.external_id, earlier)
                    return earlier
            if budget is not None and not allow_over_budget:
                spent = self._spent_in(db, start_of_day(now), planned.provider.emulated)
                if planned.estimate is None or spent + planned.estimate > budget:
                    raise BudgetExceeded(planned.estimate, spent, budget)
            db.execute(
                "INSERT OR REPLACE INTO tasks (provider, external_id, task_id, kind, emulated, "
                "payload_hash, summary, model, mode, duration, estimate, status, directory, "
                "holder, created_at, updated_at) "
                "VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    key,
                    planned.external_id,
                    planned.kind,
                    int(planned.provider.emulated),
                    planned.payload_hash,
                    json.dumps(dict(planned.summary), default=str),
                    planned.model,
                    planned.mode,
                    planned.duration,
                    planned.estimate,
                    SENDING,
                    planned.directory,
                    os.getpid(),
                    now,
                    now,
                ),
            )
            self._event(db, key, planned.external_id, SENDING, now)
        return None

    def record(self, provider: ProviderRef, task: Task, *, external_id: str | None = None) -> None:
        """What the service said of a task: its id, status, units, result URLs and expiry."""
        now = time.time()
        key = provider.key
        ident = external_id or task.external_task_id
        videos = [
            {"id": v.id, "url": v.url, "watermark_url": v.watermark_url, "duration": v.duration}
            for v in task.videos
        ]
        expires = now + RETENTION_SECONDS if task.succeeded else None
        with self._write() as db:
            row = db.execute(
                "SELECT * FROM tasks WHERE provider = ? AND (task_id = ? OR external_id = ?) "
                "ORDER BY task_id IS NULL LIMIT 1",
                (key, task.task_id, ident or "\0"),
            ).fetchone()
            if row is None:
                return  # a task this journal never filed (made elsewhere): nothing to update
            entry = _entry(row)
            db.execute(
                "UPDATE tasks SET task_id = ?, status = ?, status_msg = ?, holder = NULL, "
                "charged = COALESCE(?, charged), videos = CASE WHEN ? = '[]' THEN videos "
                "ELSE ? END, expires_at = COALESCE(expires_at, ?), updated_at = ? "
                "WHERE provider = ? AND external_id = ?",
                (
                    task.task_id,
                    task.task_status,
                    task.task_status_msg or "",
                    _units(task.final_unit_deduction),
                    json.dumps(videos),
                    json.dumps(videos),
                    expires,
                    now,
                    key,
                    entry.external_id,
                ),
            )
            if entry.status != task.task_status:
                self._event(db, key, entry.external_id, task.task_status, now)

    def not_created(self, provider: ProviderRef, external_id: str, reason: str) -> None:
        """The create never landed (refused, or a look-up found nothing): it costs nothing."""
        now = time.time()
        with self._write() as db:
            db.execute(
                "UPDATE tasks SET status = ?, status_msg = ?, holder = NULL, updated_at = ? "
                "WHERE provider = ? AND external_id = ? AND task_id IS NULL",
                (NOT_CREATED, reason[:500], now, provider.key, external_id),
            )
            self._event(db, provider.key, external_id, NOT_CREATED, now)

    def gone(self, provider: ProviderRef, task_id: str, reason: str) -> None:
        """The service answered that this task does not exist (any more)."""
        now = time.time()
        with self._write() as db:
            row = db.execute(
                "SELECT external_id FROM tasks WHERE provider = ? AND task_id = ?",
                (provider.key, task_id),
            ).fetchone()
            if row is None:
                return
            db.execute(
                "UPDATE tasks SET status = ?, status_msg = ?, holder = NULL, updated_at = ? "
                "WHERE provider = ? AND task_id = ?",
                (GONE, reason[:500], now, provider.key, task_id),
            )
            self._event(db, provider.key, row["external_id"], GONE, now)

    def downloaded(
        self, provider: ProviderRef, task_id: str, directory: Path, files: Sequence[Path]
    ) -> None:
        with self._write() as db:
            db.execute(
                "UPDATE tasks SET directory = ?, files = ?, updated_at = ? "
                "WHERE provider = ? AND task_id = ?",
                (
                    str(directory),
                    json.dumps([str(f) for f in files]),
                    time.time(),
                    provider.key,
                    task_id,
                ),
            )

    @staticmethod
    def _event(db: sqlite3.Connection, key: str, external_id: str, status: str, at: float) -> None:
        db.execute(
            "INSERT INTO events (provider, external_id, status, at) VALUES (?, ?, ?, ?)",
            (key, external_id, status, at),
        )

    # -- reading ----------------------------------------------------------------------------

    def by_external_id(self, provider: ProviderRef, external_id: str) -> JournalEntry | None:
        rows = self._rows(
            "SELECT * FROM tasks WHERE provider = ? AND external_id = ?",
            (provider.key, external_id),
        )
        return rows[0] if rows else None

    def by_task_id(self, provider: ProviderRef, task_id: str) -> JournalEntry | None:
        rows = self._rows(
            "SELECT * FROM tasks WHERE provider = ? AND task_id = ?", (provider.key, task_id)
        )
        return rows[0] if rows else None

    def entries(
        self, provider: ProviderRef | None = None, *, since: float | None = None
    ) -> list[JournalEntry]:
        """Every filed task (of one provider, created since a time), oldest first."""
        clauses: list[str] = ["created_at >= ?"]
        params: list[object] = [since or 0.0]
        if provider is not None:
            clauses.append("provider = ?")
            params.append(provider.key)
        where = " AND ".join(clauses)
        return self._rows(f"SELECT * FROM tasks WHERE {where} ORDER BY created_at", params)

    def pending(self, provider: ProviderRef) -> list[JournalEntry]:
        """Tasks of this provider still running, never answered, or not yet downloaded."""
        return [entry for entry in self.entries(provider) if entry.pending]

    def events(self, provider: ProviderRef, external_id: str) -> list[tuple[str, float]]:
        with self._connect() as db:
            rows = db.execute(
                "SELECT status, at FROM events WHERE provider = ? AND external_id = ? "
                "ORDER BY rowid",
                (provider.key, external_id),
            ).fetchall()
        return [(row["status"], row["at"]) for row in rows]

    def spent(self, *, since: float, emulated: bool) -> float:
        """Units spent (charged, else estimated) since a time, real and emulated apart."""
        with self._connect() as db:
            return self._spent_in(db, since, emulated)

    @staticmethod
    def _spent_in(db: sqlite3.Connection, since: float, emulated: bool) -> float:
        rows = db.execute(
            "SELECT * FROM tasks WHERE created_at >= ? AND emulated = ?", (since, int(emulated))
        ).fetchall()
        return round(sum(_entry(row).units for row in rows), 4)


def default_journal() -> Journal:
    """The journal in the current data home (``KLING_STUDIO_HOME`` or the user's data folder)."""
    return Journal(data_home() / JOURNAL_FILE)
