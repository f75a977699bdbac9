"""Save a finished task's videos before they expire: streamed, size-checked, atomic, with a sidecar.

Result URLs live on a CDN, so they are fetched without the API's Authorization header. A file
appears under its final name only once it is complete; a broken download leaves nothing behind.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from .errors import KlingError, TransportError
from .models import Task

CHUNK = 1 << 20


@dataclass(frozen=True)
class Download:
    """Where a task's files were saved."""

    task: Task
    videos: tuple[Path, ...]
    watermarked: tuple[Path, ...]
    sidecar: Path

    @property
    def video(self) -> Path:
        return self.videos[0]


def safe_stem(name: str) -> str:
    """A file name stem from an id: no separators, no dots in front, nothing odd."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._")
    return cleaned[:120] or "task"


async def fetch_to_file(http: httpx.AsyncClient, url: str, target: Path) -> int:
    """Stream ``url`` into ``target`` via a temp file in the same folder; return the byte count."""
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
        temp.replace(target)
        return written
    except httpx.HTTPError as error:
        raise TransportError(f"download failed: {type(error).__name__}") from None
    finally:
        temp.unlink(missing_ok=True)


def write_json_atomically(path: Path, content: dict[str, Any]) -> None:
    temp = path.with_name(f".{path.name}.part")
    temp.write_text(json.dumps(content, indent=2, sort_keys=True, default=str))
    temp.replace(path)


async def download_task(
    task: Task,
    directory: Path,
    *,
    transport: httpx.AsyncBaseTransport | None,
    request_summary: dict[str, Any] | None,
    provider: str,
    emulated: bool,
    watermarked: bool,
    timeout: float,
) -> Download:
    if not task.succeeded or not task.videos:
        raise KlingError(f"task {task.task_id} has no video to download ({task.task_status})")
    stem = safe_stem(task.external_task_id or task.task_id)
    videos: list[Path] = []
    marked: list[Path] = []
    async with httpx.AsyncClient(
        transport=transport, timeout=timeout, follow_redirects=True
    ) as http:
        for index, video in enumerate(task.videos):
            suffix = f"-{index}" if index else ""
            path = directory / f"{stem}{suffix}.mp4"
            await fetch_to_file(http, video.url, path)
            videos.append(path)
            if watermarked and video.watermark_url:
                marked_path = directory / f"{stem}{suffix}.watermark.mp4"
                await fetch_to_file(http, video.watermark_url, marked_path)
                marked.append(marked_path)
    sidecar = directory / f"{stem}.json"
    write_json_atomically(
        sidecar,
        {
            "task_id": task.task_id,
            "external_task_id": task.external_task_id,
            "kind": task.kind.value,
            "status": task.task_status,
            "units": task.final_unit_deduction,
            "created_at": task.created_at,
            "updated_at": task.updated_at,
            "provider": provider,
            "emulated": emulated,
            "downloaded_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "videos": [
                {"file": p.name, "id": v.id, "duration": v.duration}
                for p, v in zip(videos, task.videos, strict=True)
            ],
            "watermarked": [p.name for p in marked],
            "request": request_summary,
        },
    )
    return Download(task=task, videos=tuple(videos), watermarked=tuple(marked), sidecar=sidecar)
