"""Frames in, an H.264 mp4 out: streamed to a temporary name, renamed only when complete.

Each writer's temporary name is its own, so two renders of one task (a render taken over from a
closing emulator) never write into the same file.
"""

from __future__ import annotations

import contextlib
import math
import secrets
from fractions import Fraction
from pathlib import Path
from types import TracebackType
from typing import Final

import av
import numpy as np
from PIL import Image

PRESET: Final = "veryfast"
"""~15 % more encoder time than ``superfast`` for files 2.5–3× smaller (0.5 MB for 10 s of
1080p ambient motion): videos cross the widget's comm, which drops messages over 10 MiB."""
X264_PARAMS: Final = "weightp=0"
"""Weighted prediction answers the shimmer's brightness swing by re-coding every block, which
puts visible noise into static-mask areas that must hold still; off, they stay pixel-stable."""
SAMPLE_RATE: Final = 48_000
TONE_HZ: Final = 220.0
TONE_LEVEL: Final = 0.08


def tone(start: int, count: int) -> np.ndarray:
    """``count`` mono samples of a soft, slowly swelling tone, starting at sample ``start``."""
    t = (np.arange(start, start + count, dtype=np.float64)) / SAMPLE_RATE
    swell = 0.6 + 0.4 * np.sin(2 * math.pi * 0.5 * t)
    wave = TONE_LEVEL * swell * np.sin(2 * math.pi * TONE_HZ * t)
    return wave.astype(np.float32).reshape(1, -1)


def remove_partials(folder: Path, stem: str) -> None:
    """Delete what encoders of ``stem``'s videos left half-written when their process died."""
    for partial in folder.glob(f".{stem}[.-]*.part"):
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)


class Mp4Writer:
    """Encodes frames one at a time, so a render never holds more than a few in memory."""

    def __init__(self, path: Path, size: tuple[int, int], fps: int, *, sound: bool) -> None:
        self.path = path
        self._partial = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
        self._fps = fps
        self._frames = 0
        self._samples = 0
        self._container = av.open(
            str(self._partial), "w", format="mp4", options={"movflags": "+faststart"}
        )
        video = self._container.add_stream(
            "libx264", rate=fps, options={"preset": PRESET, "x264-params": X264_PARAMS}
        )
        video.width, video.height = size
        video.pix_fmt = "yuv420p"
        video.codec_context.thread_type = "FRAME"
        self._video = video
        self._audio = self._container.add_stream("aac", rate=SAMPLE_RATE) if sound else None
        if self._audio is not None:
            self._audio.layout = "mono"

    def write(self, image: Image.Image) -> None:
        frame = av.VideoFrame.from_ndarray(np.asarray(image), format="rgb24")
        frame.pts = self._frames
        frame.time_base = Fraction(1, self._fps)
        self._container.mux(self._video.encode(frame))
        self._frames += 1
        self._write_audio_until(self._frames * SAMPLE_RATE // self._fps)

    def _write_audio_until(self, sample: int) -> None:
        if self._audio is None or sample <= self._samples:
            return
        frame = av.AudioFrame.from_ndarray(
            tone(self._samples, sample - self._samples), format="fltp", layout="mono"
        )
        frame.sample_rate = SAMPLE_RATE
        frame.pts = self._samples
        frame.time_base = Fraction(1, SAMPLE_RATE)
        self._container.mux(self._audio.encode(frame))
        self._samples = sample

    def close(self) -> None:
        """Flush the encoders, finish the file and move it to its final name."""
        self._container.mux(self._video.encode(None))
        if self._audio is not None:
            self._container.mux(self._audio.encode(None))
        self._container.close()
        self._partial.replace(self.path)

    def discard(self) -> None:
        with contextlib.suppress(Exception):
            self._container.close()
        self._partial.unlink(missing_ok=True)

    def __enter__(self) -> Mp4Writer:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if error is None:
            self.close()
        else:
            self.discard()
