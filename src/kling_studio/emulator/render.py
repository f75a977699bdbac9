"""One task's render: decode the inputs, build the scene, encode the video(s). Runs in a worker
thread; every outcome, including failures and cancellation, comes back as an ``Outcome``.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from kling_studio.api.capabilities import MODELS

from .encode import Mp4Writer
from .frames import (
    MARK_TEXT,
    WATERMARK_TEXT,
    Scene,
    frames,
    image_scene,
    label,
    multi_image_scene,
    stamp,
)
from .inputs import Fetch, Inputs, TaskFailedError, fetch_loopback, load
from .lifecycle import Outcome, VideoFile
from .validation import TaskRequest

log = logging.getLogger(__name__)

CANCELLED: Final = "task cancelled: the emulator was closed"
INTERNAL: Final = "internal error while generating the video"


@dataclass(frozen=True)
class RenderJob:
    request: TaskRequest
    video_id: str
    video_path: Path
    watermark_path: Path | None = None


class RenderCancelledError(Exception):
    """The emulator is closing: stop encoding and leave no partial files."""


def scene_for(request: TaskRequest, inputs: Inputs) -> Scene:
    spec = MODELS[request.model]
    short_side, fps = spec.height[request.mode], spec.fps
    if request.endpoint == "multi-image2video":
        return multi_image_scene(
            inputs.image_list,
            aspect_ratio=request.aspect_ratio or "16:9",
            short_side=short_side,
            fps=fps,
            seconds=request.seconds,
        )
    return image_scene(
        inputs.image, inputs.tail, short_side=short_side, fps=fps, seconds=request.seconds
    )


def write_videos(scene: Scene, job: RenderJob, stop: threading.Event) -> None:
    """Encode ``scene`` once, feeding the plain and (if asked) the watermarked file together."""
    height = min(scene.size)
    mark, watermark = label(MARK_TEXT, max(12, height // 30)), label(WATERMARK_TEXT, height // 12)
    sound = job.request.sound
    with contextlib.ExitStack() as stack:
        plain = stack.enter_context(Mp4Writer(job.video_path, scene.size, scene.fps, sound=sound))
        marked = (
            stack.enter_context(Mp4Writer(job.watermark_path, scene.size, scene.fps, sound=sound))
            if job.watermark_path
            else None
        )
        for frame in frames(scene):
            if stop.is_set():
                raise RenderCancelledError
            plain.write(stamp(frame, mark, right=True, bottom=True))
            if marked is not None:
                marked.write(stamp(frame.copy(), watermark, right=False, bottom=False))


def render(
    job: RenderJob,
    *,
    now: Callable[[], float],
    stop: threading.Event,
    fetch: Fetch = fetch_loopback,
) -> Outcome:
    """The task's outcome; never raises, so a worker thread cannot lose a task."""
    try:
        write_videos(scene_for(job.request, load(job.request, fetch)), job, stop)
    except TaskFailedError as failure:
        return Outcome(now(), failure=str(failure))
    except RenderCancelledError:
        return Outcome(now(), failure=CANCELLED)
    except Exception:
        log.exception("render of %s failed", job.video_path.name)
        return Outcome(now(), failure=INTERNAL)
    video = VideoFile(
        id=job.video_id,
        name=job.video_path.name,
        duration=job.request.duration,
        watermark_name=job.watermark_path.name if job.watermark_path else None,
    )
    return Outcome(now(), videos=(video,))
