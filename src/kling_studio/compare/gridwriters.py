"""The exported grid's file, one canvas at a time: H.264 MP4 (with one clip's sound), animated
WebP (both PyAV, streamed) or GIF (Pillow: each frame its own 256 colours, held as palette
indices — a byte a pixel — until the file is written at the end).
"""

from __future__ import annotations

import contextlib
from fractions import Fraction
from pathlib import Path
from typing import Final, Protocol

import av
import numpy as np
from PIL import Image

from .gridaudio import Soundtrack
from .gridlayout import Size

X264: Final = {"preset": "veryfast", "crf": "20"}
"""The grid's words must stay crisp: a little better than x264's default quality (23), at the
emulator's speed setting."""
WEBP: Final = {"quality": "80", "compression_level": "2"}
"""libwebp at quality 80 (a rendered sky bands visibly at 70) and compression effort 2 of 6,
the quicker end: a README loop need not be the smallest file that fits under its cap."""
GIF_COLOURS: Final = 256


class GridWriter(Protocol):
    def write(self, picture: np.ndarray) -> None:
        """Append one canvas, (height, width, 3) uint8 RGB; the writer copies it."""

    def finish(self) -> None:
        """Complete the file."""

    def abort(self) -> None:
        """Let go of the file, complete or not (the caller deletes it)."""


def _timed(picture: np.ndarray, index: int, fps: Fraction) -> av.VideoFrame:
    frame = av.VideoFrame.from_ndarray(picture, format="rgb24")
    frame.pts = index
    frame.time_base = 1 / fps
    return frame


class Mp4Grid:
    """libx264, yuv420p; the chosen clip's sound muxed alongside as the pictures go."""

    def __init__(self, path: Path, size: Size, fps: Fraction, sound: Path | None) -> None:
        self._fps = fps
        self._frames = 0
        self._container = av.open(str(path), "w", format="mp4", options={"movflags": "+faststart"})
        try:
            self._video = self._container.add_stream("libx264", rate=fps, options=X264)
            self._video.width, self._video.height = size
            self._video.pix_fmt = "yuv420p"
            self._sound = None if sound is None else Soundtrack(self._container, sound)
        except BaseException:
            self._container.close()
            raise

    def write(self, picture: np.ndarray) -> None:
        self._container.mux(self._video.encode(_timed(picture, self._frames, self._fps)))
        self._frames += 1
        if self._sound is not None:
            self._sound.until(float(self._frames / self._fps))

    def finish(self) -> None:
        self._container.mux(self._video.encode(None))
        if self._sound is not None:
            self._sound.finish(float(self._frames / self._fps))
        self._container.close()

    def abort(self) -> None:
        if self._sound is not None:
            self._sound.close()
        with contextlib.suppress(Exception):
            self._container.close()


class WebpLoop:
    """Animated WebP (libwebp), looping forever."""

    def __init__(self, path: Path, size: Size, fps: Fraction, _sound: Path | None) -> None:
        self._fps = fps
        self._frames = 0
        self._container = av.open(str(path), "w", format="webp", options={"loop": "0"})
        self._stream = self._container.add_stream("libwebp_anim", rate=fps, options=WEBP)
        self._stream.width, self._stream.height = size
        self._stream.pix_fmt = "yuv420p"

    def write(self, picture: np.ndarray) -> None:
        self._container.mux(self._stream.encode(_timed(picture, self._frames, self._fps)))
        self._frames += 1

    def finish(self) -> None:
        self._container.mux(self._stream.encode(None))
        self._container.close()

    def abort(self) -> None:
        with contextlib.suppress(Exception):
            self._container.close()


class GifLoop:
    """GIF, looping forever; a frame lasts whole hundredths of a second, as GIF counts them."""

    def __init__(self, path: Path, _size: Size, fps: Fraction, _sound: Path | None) -> None:
        self._path = path
        self._milliseconds = 10 * round(100 / fps)
        self._frames: list[Image.Image] = []

    def write(self, picture: np.ndarray) -> None:
        image = Image.fromarray(picture)
        self._frames.append(image.quantize(GIF_COLOURS, method=Image.Quantize.FASTOCTREE))

    def finish(self) -> None:
        first, *rest = self._frames
        first.save(
            self._path,
            format="GIF",
            save_all=True,
            append_images=rest,
            duration=self._milliseconds,
            loop=0,
        )

    def abort(self) -> None:
        self._frames.clear()
