"""A result's frames for measuring: grey, made small while decoding, with the fit that maps the
picture's pixels onto them.

Measuring needs brightness and coarse detail only, so each frame is converted by FFmpeg's scaler
straight to ``gray`` at ``ANALYSIS_WIDTH`` (a 1080p frame is never held in colour). The services
and the emulator fit the picture into the video's frame by a centre crop (scaled to fill, the
overflow cut evenly), so a point of the picture lands in the frame by that scale and offset.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Final

import numpy as np
import numpy.typing as npt

from kling_studio.api.input_error import InputError

Grey = npt.NDArray[np.uint8]
Floats = npt.NDArray[np.float64]
Mask = npt.NDArray[np.bool_]

ANALYSIS_WIDTH: Final = 640
"""Frames are measured this wide (height by the video's aspect): a 720p or 1080p clip's motion
reads the same at a third of its size, at a fraction of the cost."""


@dataclass(frozen=True)
class Clip:
    frames: tuple[Grey, ...]
    fps: float
    size: tuple[int, int]
    """The frames' width and height, as measured (not the video's)."""
    video_size: tuple[int, int]

    @property
    def seconds(self) -> float:
        return len(self.frames) / self.fps


def read_clip(path: str | Path, width: int = ANALYSIS_WIDTH) -> Clip:
    """Every frame of the video at ``path``, grey and ``width`` wide (never wider than it is)."""
    import av

    try:
        container = av.open(str(path))
    except (OSError, av.FFmpegError) as exc:
        raise InputError("video", "must be a video file PyAV can read", Path(path).name) from exc
    with container:
        if not container.streams.video:
            raise InputError("video", "must hold a video stream", Path(path).name)
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        video_size = (stream.codec_context.width, stream.codec_context.height)
        size = _measured_size(video_size, width)
        frames: tuple[Grey, ...] = tuple(
            np.asarray(frame.to_ndarray(format="gray", width=size[0], height=size[1]), np.uint8)
            for frame in container.decode(stream)
        )
        rate = stream.average_rate
    if not frames:
        raise InputError("video", "must have at least one frame", Path(path).name)
    return Clip(frames, float(rate) if rate else 24.0, size, video_size)


def _measured_size(video_size: tuple[int, int], width: int) -> tuple[int, int]:
    if video_size[0] <= width:
        return video_size
    height = round(video_size[1] * width / video_size[0] / 2) * 2
    return (width, max(2, height))


@dataclass(frozen=True)
class PictureInFrame:
    """The picture fitted into a frame by a centre crop: the picture's pixels ↔ the frame's."""

    picture_size: tuple[int, int]
    frame_size: tuple[int, int]

    @property
    def scale(self) -> float:
        """Frame pixels per picture pixel (the picture is scaled to fill the frame)."""
        (pw, ph), (fw, fh) = self.picture_size, self.frame_size
        return max(fw / pw, fh / ph)

    def to_frame(self, points: Floats) -> Floats:
        centred = np.asarray(points, dtype=np.float64) + 0.5 - np.array(self.picture_size) / 2
        framed: Floats = centred * self.scale + np.array(self.frame_size) / 2 - 0.5
        return framed

    def to_picture(self, points: Floats) -> Floats:
        centred = np.asarray(points, dtype=np.float64) + 0.5 - np.array(self.frame_size) / 2
        pictured: Floats = centred / self.scale + np.array(self.picture_size) / 2 - 0.5
        return pictured

    def mask_to_frame(self, mask: Mask) -> Mask:
        """A mask in the picture's pixels as the frame shows it (nearest, so it stays bi-level)."""
        import cv2

        scale = self.scale
        corner = self.to_frame(np.zeros((1, 2)))[0]  # where the picture's pixel (0, 0) lands
        matrix = np.array([[scale, 0, corner[0]], [0, scale, corner[1]]], dtype=np.float64)
        warped = cv2.warpAffine(
            mask.astype(np.uint8), matrix, self.frame_size, flags=cv2.INTER_NEAREST
        )
        return np.asarray(warped, dtype=bool)
