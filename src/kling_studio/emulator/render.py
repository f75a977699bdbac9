"""One task's render: decode the inputs, build the scene, encode the video(s). Runs in a worker
thread; every outcome, including failures and cancellation, comes back as an ``Outcome``.
"""

from __future__ import annotations

import contextlib
import io
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Final

from PIL import Image

from kling_studio.api.capabilities import MODELS

from .brush import Brush, Stroke
from .disobey import Disobedience, disobeyed
from .encode import Mp4Writer
from .frames import Scene, frame_jobs
from .images import ImageSource
from .inputs import Fetch, Inputs, TaskFailedError, decode, fetch_loopback, load
from .lifecycle import CANCELLED, Outcome, VideoFile
from .marks import MARK_TEXT, WATERMARK_TEXT, label, stamp
from .multishot import lengths
from .prefetch import prefetched
from .scenes import image_scene, multi_image_scene
from .validation import TaskRequest

log = logging.getLogger(__name__)

INTERNAL: Final = "internal error while generating the video"
EXITING: Final = "cannot schedule new futures"
"""What a thread pool says when asked for work after it was shut down — the emulator closing or
Python exiting (a kernel restart). The render is then left, unfinished, for the next emulator on
the same state: a cancelled render is never recorded as the task's failure."""


@dataclass(frozen=True)
class RenderJob:
    request: TaskRequest
    video_id: str
    video_path: Path
    watermark_path: Path | None = None
    disobey: Disobedience | None = None
    """Drawn from the fault plan as the render started: render this instead of what was asked."""


class RenderCancelledError(Exception):
    """The emulator is closing: stop encoding and leave no partial files."""


def scene_for(request: TaskRequest, inputs: Inputs, brush: Brush | None = None) -> Scene:
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
    shots = (
        lengths(request.shot_type, [s.duration for s in request.shots], request.seconds, fps)
        if request.multi_shot
        else []
    )
    return image_scene(
        inputs.image,
        inputs.tail,
        camera_control=request.camera,
        brush=brush,
        shots=shots,
        short_side=short_side,
        fps=fps,
        seconds=request.seconds,
    )


def brush_for(request: TaskRequest, fetch: Fetch) -> Brush | None:
    """The request's motion brush as pictures (``load`` has already checked the masks)."""
    reference = request.image or request.image_tail
    if not request.motion_brush or reference is None:
        return None
    return Brush(
        image_size=sent_size(reference, fetch),
        static=decode(request.static_mask, fetch).image if request.static_mask else None,
        strokes=tuple(
            Stroke(decode(dynamic.mask, fetch).image, dynamic.trajectory)
            for dynamic in request.dynamic_masks
        ),
    )


def sent_size(source: ImageSource, fetch: Fetch) -> tuple[int, int]:
    """The image's pixel size as sent (a big JPEG is decoded smaller), read from its header."""
    data = source.data if source.data is not None else fetch(source.url or "")
    with Image.open(io.BytesIO(data)) as image:
        return image.size


def write_videos(scene: Scene, job: RenderJob, stop: threading.Event) -> None:
    """Encode ``scene`` once, feeding the plain and (if asked) the watermarked file together,
    while the next frames are being made on worker threads."""
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
        for frame in stack.enter_context(contextlib.closing(prefetched(frame_jobs(scene)))):
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
    fetch_once = cache(fetch)
    try:
        inputs = load(job.request, fetch_once)
        brush, camera = disobeyed(
            brush_for(job.request, fetch_once), job.request.camera, job.disobey
        )
        scene = scene_for(replace(job.request, camera=camera), inputs, brush)
        write_videos(scene, job, stop)
    except TaskFailedError as failure:
        return Outcome(now(), failure=str(failure))
    except RenderCancelledError:
        return Outcome(now(), failure=CANCELLED)
    except RuntimeError as error:
        if EXITING in str(error):  # shut down under it: not the task's fault
            return Outcome(now(), failure=CANCELLED)
        log.exception("render of %s failed", job.video_path.name)
        return Outcome(now(), failure=INTERNAL)
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
