"""A cell's clip as the exported grid shows it: one picture per output frame, in step.

Output frame ``i`` is the moment ``i / fps``; a clip shows there its latest frame that has
begun (its own times, from its first frame), so clips of any frame rate stay in step, and a
clip that has ended holds its last frame. Only the frames shown are converted: each straight
from the decoder's YUV to RGB at the cell's size by FFmpeg's swscale. ``ahead`` runs a clip in
a thread of its own (PyAV lets go of the GIL while it decodes and scales), a few frames ahead.
"""

from __future__ import annotations

import math
import queue
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Final

import av
import av.error
import numpy as np

from kling_studio.api.input_error import InputError

from .gridlayout import Size

SLACK: Final = 1e-6
"""Of an output frame: float noise in a frame's time never moves it to another output frame."""
AHEAD: Final = 4
"""Frames a clip's thread decodes before the grid asks for them."""
Picture = np.ndarray
"""(height, width, 3) uint8 RGB."""


@dataclass(frozen=True)
class ClipInfo:
    """What the header says: enough to lay out the grid and to check a choice of sound."""

    path: Path
    size: Size
    fps: Fraction | None
    seconds: float | None
    sound: str | None
    """The codec of its first audio track ("aac"), or None: a silent clip."""


def probe(path: Path, field: str) -> ClipInfo:
    """The clip's header, or an ``InputError`` on ``field``: missing, unreadable, no picture."""
    if not path.is_file():
        raise InputError(field, "must be a video file that exists", str(path))
    try:
        with av.open(str(path)) as container:
            if not container.streams.video:
                raise InputError(field, "must be a video with a picture track", path.name)
            stream = container.streams.video[0]
            context = stream.codec_context
            if not context.width or not context.height:
                raise InputError(field, "must be a video with a picture size", path.name)
            audio = container.streams.audio
            return ClipInfo(
                path=path,
                size=(context.width, context.height),
                fps=stream.average_rate or stream.guessed_rate,
                seconds=_seconds(container, stream),
                sound=audio[0].codec_context.name if audio else None,
            )
    except (av.error.FFmpegError, UnicodeDecodeError):
        raise InputError(field, "must be a video PyAV can read", path.name) from None


def _seconds(container: av.container.InputContainer, stream: av.VideoStream) -> float | None:
    if stream.duration is not None and stream.time_base is not None:
        return float(stream.duration * stream.time_base)
    if container.duration is not None:
        return container.duration / av.time_base
    return None


def in_step(path: Path, size: Size, fps: Fraction) -> Iterator[Picture]:
    """The clip's picture at each output frame, ``size`` large, until the clip has ended.

    A picture is yielded again (the same array) while its frame holds, so the grid can tell an
    unchanged cell by identity; a frame no output moment falls on is never converted. The clip
    ends with its last frame's own duration."""
    width, height = size
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        step = 1 / float(stream.average_rate or stream.guessed_rate or fps)
        index = 0
        for frame, end in _spans(container.decode(stream), step):
            upto = math.ceil(end * fps - SLACK)
            if upto <= index:
                continue
            picture = frame.to_ndarray(width=width, height=height, format="rgb24")
            for _ in range(index, upto):
                yield picture
            index = upto


def _spans(frames: Iterator[av.VideoFrame], step: float) -> Iterator[tuple[av.VideoFrame, float]]:
    """Each frame with the moment it ends (the next one's start; the last: its duration), in
    seconds from the clip's first frame."""
    start: float | None = None
    previous: av.VideoFrame | None = None
    previous_at = 0.0
    for count, frame in enumerate(frames):
        own = float(frame.time) if frame.time is not None else count * step
        start = own if start is None else start
        at = max(previous_at, own - start)
        if previous is not None:
            yield previous, at
        previous, previous_at = frame, at
    if previous is not None:
        yield previous, previous_at + (_duration(previous) or step)


def _duration(frame: av.VideoFrame) -> float | None:
    if frame.duration and frame.time_base is not None:
        return float(frame.duration * frame.time_base)
    return None


class Ahead:
    """A clip's pictures made in a thread of its own, at most ``AHEAD`` ahead of the reader;
    the thread's error is raised in the reader; ``close`` stops it early."""

    _END: Final = object()

    def __init__(self, pictures: Iterator[Picture], name: str) -> None:
        self._pictures = pictures
        self._queue: queue.Queue[object] = queue.Queue(maxsize=AHEAD)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._fill, name=name, daemon=True)
        self._thread.start()

    def _fill(self) -> None:
        try:
            for picture in self._pictures:
                if not self._put(picture):
                    return
            self._put(self._END)
        except BaseException as error:  # the reader raises it
            self._put(error)
        finally:
            close = getattr(self._pictures, "close", None)
            if close is not None:
                close()

    def _put(self, item: object) -> bool:
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=0.1)
            except queue.Full:
                continue
            return True
        return False

    def __iter__(self) -> Iterator[Picture]:
        while True:
            item = self._queue.get()
            if item is self._END:
                return
            if isinstance(item, BaseException):
                raise item
            yield item  # type: ignore[misc]

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
