"""Save a finished task's videos before they expire: streamed, size-checked, atomic, with a sidecar.

Result URLs live on a CDN, so they are fetched without the API's Authorization header. A file
appears under its final name only once it is complete; a broken download leaves nothing behind.
Files are named by task id, so two tasks never share one, and nothing ever replaces an existing
file: the final name is claimed with a hard link, which fails rather than overwrites.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from .errors import KlingError, TransportError
from .models import Task
from .transport_words import transport_words

CHUNK = 1 << 20


@dataclass(frozen=True)
class Download:
    """Where a task's files were saved."""

    task: Task
    videos: tuple[Path, ...]
    watermarked: tuple[Path, ...]
    sidecar: Path
    motion: dict[str, Any] | None = field(default=None, compare=False)
    """The motion check (``kling_studio.motion``'s report), when the request asked for motion
    and it was measured; also in the sidecar under ``motion``."""

    @property
    def video(self) -> Path:
        return self.videos[0]

    @property
    def files(self) -> tuple[Path, ...]:
        return (*self.videos, *self.watermarked, self.sidecar)


WATERMARKED_SUFFIX = ".watermark.mp4"


def saved_download(task: Task, files: Sequence[str]) -> Download | None:
    """The download a journal recorded, if all its files are still there."""
    paths = [Path(f) for f in files]
    sidecars = [p for p in paths if p.suffix == ".json"]
    if not paths or len(sidecars) != 1 or not all(p.exists() for p in paths):
        return None
    marked = tuple(p for p in paths if p.name.endswith(WATERMARKED_SUFFIX))
    videos = tuple(p for p in paths if p.suffix == ".mp4" and p not in marked)
    return Download(task, videos, marked, sidecars[0]) if videos else None


def variants(target: Path) -> Iterator[Path]:
    """``target``, then ``stem-2``, ``stem-3``…: the names a file may take instead of another."""
    yield target
    for attempt in range(2, 1000):
        yield target.with_name(f"{target.stem}-{attempt}{target.suffix}")


def claim(temp: Path, target: Path) -> Path:
    """Give ``temp`` the name ``target`` — or ``stem-2``, ``stem-3``… if taken; never replace."""
    for name in variants(target):
        try:
            os.link(temp, name)
        except FileExistsError:
            continue
        return name
    raise FileExistsError(f"{target}: every alternative name is taken")


def safe_stem(name: str) -> str:
    """A file name stem from an id: no separators, no dots in front, nothing odd."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._")
    return cleaned[:120] or "task"


async def fetch_to_file(http: httpx.AsyncClient, url: str, target: Path) -> Path:
    """Stream ``url`` into a temp file beside ``target``, then claim ``target`` (or a free
    variant of it); return the path the file got."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".part", dir=target.parent
    )
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as out:
            async with http.stream("GET", url) as response:
                if response.status_code != 200:
                    raise TransportError(f"download answered HTTP {response.status_code}")
                expected = response.headers.get("content-length")
                written = 0
                async for chunk in response.aiter_bytes(CHUNK):
                    out.write(chunk)
                    written += len(chunk)
                received = response.num_bytes_downloaded  # on the wire: compressed or not
            out.flush()
            os.fsync(out.fileno())
        if expected is not None and received != int(expected):
            raise TransportError(f"download incomplete: {received} of {expected} bytes")
        if written == 0:
            raise TransportError("download was empty")
        return claim(temp, target)
    except httpx.HTTPError as error:
        raise TransportError(f"download failed: {transport_words(error)}") from None
    finally:
        temp.unlink(missing_ok=True)


def write_new(path: Path, data: bytes) -> Path:
    """Write a complete file under ``path`` (or a free variant of it); never replace one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        return claim(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def write_json_atomically(path: Path, content: dict[str, Any]) -> Path:
    """``content`` as a JSON file under ``path`` (or a free variant of it); never replaces one."""
    return write_new(path, json.dumps(content, indent=2, sort_keys=True, default=str).encode())


def add_to_sidecar(sidecar: Path, key: str, value: object) -> None:
    """The sidecar with ``key`` set: written beside it, then moved over it in one step, so a
    reader sees the old record or the new one, never half of either."""
    record = json.loads(sidecar.read_text())
    record[key] = value
    handle, temp = tempfile.mkstemp(dir=sidecar.parent, prefix=f".{sidecar.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w") as out:
            json.dump(record, out, indent=2, sort_keys=True, default=str)
        os.replace(temp, sidecar)
    finally:
        Path(temp).unlink(missing_ok=True)


def _saved_beside(task: Task, sidecar: Path) -> Download | None:
    """A complete earlier download of the same task in this folder (the sidecar comes last)."""
    try:
        record = json.loads(sidecar.read_text())
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or record.get("task_id") != task.task_id:
        return None
    folder = sidecar.parent
    names = [v.get("file") for v in record.get("videos", []) if isinstance(v, dict)]
    files = [str(folder / n) for n in names if n] + [
        str(folder / n) for n in record.get("watermarked", []) if isinstance(n, str)
    ]
    return saved_download(task, [*files, str(sidecar)])


SaveRecord = Callable[[Path, Sequence[Path], Sequence[Path]], Awaitable[Path]]
"""Writes the sidecar (at the path given, or a free variant of it) of the videos and
watermarked copies just saved; returns the path it got."""


async def download_task(
    task: Task,
    directory: Path,
    *,
    transport: httpx.AsyncBaseTransport | None,
    save_record: SaveRecord,
    watermarked: bool,
    timeout: float,
) -> Download:
    """Fetch the task's videos into ``directory``, then have ``save_record`` write the sidecar
    (``api.sidecar``'s layout): the sidecar comes last, so its presence means a whole download."""
    if not task.succeeded or not task.videos:
        raise KlingError(f"task {task.task_id} has no video to download ({task.task_status})")
    stem = safe_stem(task.task_id)
    sidecar = directory / f"{stem}.json"
    earlier = _saved_beside(task, sidecar)
    if earlier is not None:
        return earlier
    videos: list[Path] = []
    marked: list[Path] = []
    async with httpx.AsyncClient(
        transport=transport, timeout=timeout, follow_redirects=True
    ) as http:
        for index, video in enumerate(task.videos):
            suffix = f"-{index}" if index else ""
            videos.append(await fetch_to_file(http, video.url, directory / f"{stem}{suffix}.mp4"))
            if watermarked and video.watermark_url:
                marked_path = directory / f"{stem}{suffix}{WATERMARKED_SUFFIX}"
                marked.append(await fetch_to_file(http, video.watermark_url, marked_path))
    written = await save_record(sidecar, videos, marked)
    return Download(task=task, videos=tuple(videos), watermarked=tuple(marked), sidecar=written)
