"""A clip's frames as grey arrays, one at a time: a video file (PyAV) or frames already in hand.

The tracker only needs brightness, so a video's frames are asked for as ``gray``: FFmpeg hands
over the luma plane without converting colour. Frames in hand may be H×W×3 (RGB), H×W×4 (RGBA)
or H×W (already grey), uint8.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from os import PathLike
from pathlib import Path
from typing import Any, Final, TypeAlias

import numpy as np
import numpy.typing as npt

from kling_studio.api.input_error import InputError

Grey: TypeAlias = npt.NDArray[np.uint8]
ClipLike: TypeAlias = str | PathLike[str] | Iterable[npt.NDArray[Any]]
"""A video file's path, or its frames."""

_FRAME_RULE: Final = "frames must be H×W×3 (RGB), H×W×4 (RGBA) or H×W (grey) uint8 arrays"


def _rgb(frame: npt.NDArray[np.uint8]) -> Grey:
    import cv2  # loads when a clip is first read, not with the package

    return np.asarray(cv2.cvtColor(frame, cv2.COLOR_RGB2GRAY), dtype=np.uint8)


def _rgba(frame: npt.NDArray[np.uint8]) -> Grey:
    import cv2

    return np.asarray(cv2.cvtColor(frame, cv2.COLOR_RGBA2GRAY), dtype=np.uint8)


TO_GREY: Final[dict[int, Callable[[npt.NDArray[np.uint8]], Grey]]] = {
    1: lambda frame: frame,
    3: _rgb,
    4: _rgba,
}
"""Channels → grey."""


def grey_frames(clip: ClipLike, start_frame: int = 0) -> Iterator[Grey]:
    """The clip's frames from ``start_frame`` on (counted from 0), as H×W uint8."""
    frames = _decoded(Path(clip)) if isinstance(clip, str | PathLike) else iter(clip)
    return (_grey(frame) for frame in itertools.islice(frames, start_frame, None))


def frame_rate(clip: ClipLike) -> float | None:
    """Frames per second of a video file (its header only); None for frames in hand."""
    if not isinstance(clip, str | PathLike):
        return None
    import av  # PyAV loads when a clip is first read, not with the package

    with av.open(str(clip)) as container:
        rate = container.streams.video[0].average_rate
    return float(rate) if rate else None


def _decoded(path: Path) -> Iterator[Grey]:
    import av

    try:
        container = av.open(str(path))
    except (OSError, av.FFmpegError) as exc:
        raise InputError("clip", "must be a video file PyAV can read", path.name) from exc
    with container:
        if not container.streams.video:
            raise InputError("clip", "must hold a video stream", path.name)
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        for frame in container.decode(stream):
            yield np.asarray(frame.to_ndarray(format="gray"), dtype=np.uint8)


def _grey(frame: npt.NDArray[Any]) -> Grey:
    array = np.asarray(frame)
    channels = {2: 1, 3: array.shape[-1]}.get(array.ndim, 0)
    convert = TO_GREY.get(channels) if array.dtype == np.uint8 else None
    if convert is None:
        raise InputError("clip", _FRAME_RULE, f"{array.dtype} array of shape {array.shape}")
    return convert(array)
