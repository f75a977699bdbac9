"""The JSON sidecar written beside a saved task's videos: the whole request, the task, the files.

``write_sidecar`` writes it (the client's ``save_record``), ``read_sidecar`` finds and reads one.

Layout, version 2 (version 1 had no ``version`` key and is a subset of it: every key it had is
kept with its meaning, except that a medium's ``sha256`` is now the whole digest)::

    version             2
    task_id, external_task_id, kind ("image2video" | "multi-image2video"), status
    units               the task's final_unit_deduction, as the service wrote it
    created_at, updated_at   the service's timestamps (Unix ms)
    downloaded_at       local ISO 8601 time the sidecar was written
    provider            "<name> at <base URL>" (version 1's text; never a credential)
    provider_kind       "cometapi" | "kling" | "custom" | "emulator"
    emulated            true for the emulator
    route               the path the create went to, without host: "/kling/v1/videos/image2video"
    model, mode, duration    as the service runs them (Kling's defaults filled in)
    estimate            units the price table charges for it (null: no price known)
    timings             submitted, created, processing_started, finished, downloaded (local ISO
                        8601 or null) and queued_seconds, processing_seconds (real seconds, from
                        the service's timestamps; null where not seen)
    videos              [{file, id, duration, sha256, bytes}] — file relative to the sidecar
    watermarked         [file]
    request             the payload as sent, each picture and mask described: {format, width,
                        height, bytes, sha256, file} with ``file`` relative to the sidecar
                        (``media/<sha256>.<ext>``, shared by every sidecar in the folder); a
                        callback_url without its query (where webhook tokens live)
    replayable          true when every medium of the request is in ``media/``
    why                 when not replayable: why not, in words (``request`` then holds the
                        media-free summary, 16-hex sha256 prefixes and no files)
    motion              the motion check's report, added once it is measured

A sweep's cell record (``compare.scheduler``) is this record with the cell's row
(``compare.results.CellResult.as_row``) around it; the record's keys win where both have one.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Final

from .download import Download, safe_stem, write_json_atomically
from .input_error import InputError
from .models import Task
from .polling import DurationKey
from .record import record_of, renamed, store_media

SIDECAR_VERSION: Final = 2

UNKEPT: Final[Mapping[str, str]] = {
    "foreign": (
        "this client did not create the task: a client keeps the pictures and masks only of the "
        "tasks it creates"
    ),
    "resumed": "the task was resumed from the journal, which keeps no pictures or masks",
    "downloaded": (
        "the pictures and masks were kept only until the task's first download; its sidecar "
        "{sidecar} is replayable"
    ),
}
"""Why a sidecar cannot be replayed, by what became of the payload."""


@dataclass(frozen=True)
class Origin:
    """What the client knows of how a task was asked for (never a credential)."""

    provider: str
    """``Provider.describe()``, as version 1 sidecars named it."""
    provider_kind: str
    emulated: bool
    route: str
    key: DurationKey | None
    estimate: float | None
    summary: Mapping[str, Any] | None
    """The media-free summary (the journal's), when the payload is not at hand."""
    payload: Mapping[str, Any] | None
    """The payload as sent, while the client still keeps it."""
    why: str
    """Why there is no payload, when there is none."""
    filed_at: float | None = None
    """When the create was filed (wall-clock seconds)."""
    processing_started_ms: int | None = None


def local_time(seconds: float | None) -> str | None:
    if seconds is None:
        return None
    return datetime.fromtimestamp(seconds).astimezone().isoformat(timespec="milliseconds")


def _span(start_ms: int | None, end_ms: int | None) -> float | None:
    return None if start_ms is None or end_ms is None else max(end_ms - start_ms, 0) / 1000


def timings(
    task: Task, *, filed_at: float | None, processing_started_ms: int | None, now: float
) -> dict[str, Any]:
    """When each step happened, and how long the task queued and processed (real seconds, by
    the service's own clock)."""
    finished_ms = task.updated_at if task.done else None
    return {
        "submitted": local_time(filed_at),
        "created": local_time(None if task.created_at is None else task.created_at / 1000),
        "processing_started": local_time(
            None if processing_started_ms is None else processing_started_ms / 1000
        ),
        "finished": local_time(None if finished_ms is None else finished_ms / 1000),
        "downloaded": local_time(now),
        "queued_seconds": _span(task.created_at, processing_started_ms),
        "processing_seconds": _span(processing_started_ms, finished_ms),
    }


def sidecar_record(
    task: Task,
    origin: Origin,
    *,
    request: Mapping[str, Any] | None,
    videos: Sequence[Mapping[str, Any]],
    watermarked: Sequence[str],
    now: float,
) -> dict[str, Any]:
    """The sidecar's content (pure): ``request`` is the recorded request with its media files,
    or None when the payload is gone (the summary is kept instead, and ``why`` says so)."""
    model, mode, duration = origin.key or (None, None, None)
    return {
        "version": SIDECAR_VERSION,
        "task_id": task.task_id,
        "external_task_id": task.external_task_id,
        "kind": task.kind.value,
        "status": task.task_status,
        "units": task.final_unit_deduction,
        "created_at": task.created_at,
        "updated_at": task.updated_at,
        "downloaded_at": time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(now)),
        "provider": origin.provider,
        "provider_kind": origin.provider_kind,
        "emulated": origin.emulated,
        "route": origin.route,
        "model": model,
        "mode": mode,
        "duration": duration,
        "estimate": origin.estimate,
        "timings": timings(
            task,
            filed_at=origin.filed_at,
            processing_started_ms=origin.processing_started_ms,
            now=now,
        ),
        "videos": list(videos),
        "watermarked": list(watermarked),
        "request": dict(request) if request is not None else _summary(origin),
        "replayable": request is not None,
        **({} if request is not None else {"why": origin.why}),
    }


def _summary(origin: Origin) -> dict[str, Any] | None:
    return None if origin.summary is None else dict(origin.summary)


def file_facts(path: Path) -> dict[str, Any]:
    """A saved file's sha256 and size, read in chunks (videos run to tens of MB)."""
    with path.open("rb") as handle:
        sha = hashlib.file_digest(handle, "sha256").hexdigest()
    return {"sha256": sha, "bytes": path.stat().st_size}


def write_sidecar(
    target: Path,
    task: Task,
    origin: Origin,
    videos: Sequence[Path],
    watermarked: Sequence[Path] = (),
    extra: Mapping[str, Any] | None = None,
) -> Path:
    """Write the request's media into ``media/`` beside ``target``, then the sidecar at
    ``target`` (or a free variant: nothing is replaced); ``extra`` keys go around the record.
    Blocking: hashes the videos."""
    folder = target.parent
    request = None
    if origin.payload is not None and origin.summary is not None:
        recorded, files = record_of(origin.payload, origin.summary)
        request = renamed(recorded, store_media(files, folder))
    entries = [
        {
            "file": path.relative_to(folder).as_posix(),
            "id": video.id,
            "duration": video.duration,
            **file_facts(path),
        }
        for path, video in zip(videos, task.videos, strict=False)
    ]
    record = sidecar_record(
        task,
        origin,
        request=request,
        videos=entries,
        watermarked=[p.relative_to(folder).as_posix() for p in watermarked],
        now=time.time(),
    )
    return write_json_atomically(target, {**(extra or {}), **record})


# -- reading ------------------------------------------------------------------------------------

SidecarSource = str | os.PathLike[str] | Download


@dataclass(frozen=True)
class SavedRecord:
    """A sidecar as read: its content, and where it lies (its media are relative to it)."""

    record: dict[str, Any]
    path: Path

    @property
    def folder(self) -> Path:
        return self.path.parent


def read_sidecar(source: SidecarSource, task: str | Task | None = None) -> SavedRecord:
    """A result's sidecar: from its path, a ``Download``, or a folder and the task (its id or
    the ``Task``) saved there — by the client (``<task id>.json``) or a sweep
    (``<cell>-<task id>.json``)."""
    if isinstance(source, Download):
        return SavedRecord(_read(source.sidecar), source.sidecar)
    path = Path(source).expanduser()
    if path.is_dir():
        return _in_folder(path, task)
    return SavedRecord(_read(path), path)


def _in_folder(folder: Path, task: str | Task | None) -> SavedRecord:
    if task is None:
        raise InputError("task", "is needed to pick a result out of a folder", str(folder))
    task_id = task.task_id if isinstance(task, Task) else task
    stem = safe_stem(task_id)
    for path in (folder / f"{stem}.json", *sorted(folder.glob(f"*-{stem}.json"))):
        if path.is_file():
            record = _read(path)
            if record.get("task_id") == task_id:
                return SavedRecord(record, path)
    raise InputError(
        "task", "must be a task saved in the folder (a sidecar named by its task id)", task_id
    )


def _read(path: Path) -> dict[str, Any]:
    try:
        record = json.loads(path.read_text())
    except OSError:
        raise InputError(
            "sidecar", "must be an existing sidecar file, or a folder with task=", str(path)
        ) from None
    except ValueError:
        raise InputError("sidecar", "must be a sidecar's JSON", str(path)) from None
    if not isinstance(record, dict) or "task_id" not in record:
        raise InputError(
            "sidecar", "must be a kling-studio sidecar (it names a task_id)", str(path)
        )
    return record
