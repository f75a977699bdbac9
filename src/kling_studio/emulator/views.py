"""Task objects as the API shows them (kling-api.md §3, §5.2)."""

from __future__ import annotations

from typing import Any

from .lifecycle import State, Status, VideoFile
from .task import Task

FILES_PATH = "emulator/files"


def file_url(base_url: str, name: str) -> str:
    return f"{base_url.rstrip('/')}/{FILES_PATH}/{name}"


def _info(task: Task) -> dict[str, str]:
    external = task.external_task_id
    return {"external_task_id": external} if external is not None else {}


def _video(video: VideoFile, base_url: str) -> dict[str, str]:
    shown = {"id": video.id, "url": file_url(base_url, video.name), "duration": video.duration}
    if video.watermark_name:
        shown["watermark_url"] = file_url(base_url, video.watermark_name)
    return shown


def created(task: Task) -> dict[str, Any]:
    """The ``data`` of a create response."""
    stamp = _ms(task.schedule.created_at)
    return {
        "task_id": task.task_id,
        "task_status": Status.SUBMITTED.value,
        "task_info": _info(task),
        "created_at": stamp,
        "updated_at": stamp,
    }


def task_object(task: Task, state: State, base_url: str) -> dict[str, Any]:
    """The full task object of queries, lists and callbacks."""
    outcome = task.outcome if state.status is Status.SUCCEED else None
    result = {"videos": [_video(v, base_url) for v in outcome.videos]} if outcome else {}
    return {
        "task_id": task.task_id,
        "task_status": state.status.value,
        "task_status_msg": state.message,
        "task_info": _info(task),
        "final_unit_deduction": "0" if state.status is Status.FAILED else task.units,
        "watermark_info": {"enabled": task.watermark},
        "task_result": result,
        "created_at": _ms(task.schedule.created_at),
        "updated_at": _ms(state.updated_at),
    }


def _ms(seconds: float) -> int:
    """Wall-clock Unix seconds as Kling's integer milliseconds."""
    return int(seconds * 1000)
