"""Small clips written with PyAV for the export tests: a flat colour that changes with time (so
a cell shown at the wrong moment shows the wrong colour), optionally a pure tone."""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

Colour = Callable[[float], tuple[int, int, int]]
RATE = 48_000
S16_ONLY = frozenset({"pcm_s16le", "mp2"})
"""Audio encoders that take 16-bit samples, not floats."""


def write_clip(
    path: Path,
    *,
    size: tuple[int, int] = (160, 90),
    fps: int = 30,
    seconds: float = 1.0,
    colour: Colour,
    tone: float | None = None,
    audio_codec: str = "aac",
    grain: int = 0,
) -> Path:
    """``colour(t)`` at each frame's time t, with seeded noise of ± ``grain`` levels over it
    (detail that costs bytes, as real footage has); ``tone`` Hz for as long as the picture
    lasts."""
    width, height = size
    noise = np.random.default_rng(7)
    with av.open(str(path), "w") as container:
        video = container.add_stream("libx264", rate=fps, options={"crf": "18"})
        video.width, video.height, video.pix_fmt = width, height, "yuv420p"
        audio = None
        if tone is not None:
            audio = container.add_stream(audio_codec, rate=RATE)
            audio.layout = "mono"
        for index in range(round(seconds * fps)):
            picture = np.empty((height, width, 3), np.int16)
            picture[:] = colour(index / fps)
            if grain:
                picture += noise.integers(-grain, grain + 1, (height, width, 1), dtype=np.int16)
            picture = np.clip(picture, 0, 255).astype(np.uint8)
            frame = av.VideoFrame.from_ndarray(picture, format="rgb24")
            frame.pts, frame.time_base = index, Fraction(1, fps)
            container.mux(video.encode(frame))
        container.mux(video.encode(None))
        if audio is not None and tone is not None:
            samples = np.arange(round(seconds * RATE)) / RATE
            wave = (0.3 * np.sin(2 * math.pi * tone * samples)).astype(np.float32)
            block = 1024
            for start in range(0, len(wave), block):
                chunk = wave[start : start + block].reshape(1, -1)
                frame = av.AudioFrame.from_ndarray(
                    np.ascontiguousarray(chunk), format="fltp", layout="mono"
                )
                frame.sample_rate, frame.pts, frame.time_base = RATE, start, Fraction(1, RATE)
                if audio_codec in S16_ONLY:
                    frame = _as_s16(frame)
                container.mux(audio.encode(frame))
            container.mux(audio.encode(None))
    return path


def _as_s16(frame: av.AudioFrame) -> av.AudioFrame:
    resampler = av.AudioResampler(format="s16", layout="mono", rate=RATE)
    (converted,) = resampler.resample(frame)
    return converted


def frames_of(path: Path) -> list[tuple[float, np.ndarray]]:
    """Every frame of the file's video as (seconds, RGB array)."""
    with av.open(str(path)) as container:
        return [
            (float(frame.time or 0.0), frame.to_ndarray(format="rgb24"))
            for frame in container.decode(video=0)
        ]


def at(frames: list[tuple[float, np.ndarray]], seconds: float) -> np.ndarray:
    """The frame showing at ``seconds``: the latest begun by then (the last after the end)."""
    begun = [picture for time, picture in frames if time <= seconds + 1e-6]
    return begun[-1]


def dominant_hz(path: Path) -> float | None:
    """The loudest frequency of the file's first audio track; None without one."""
    with av.open(str(path)) as container:
        if not container.streams.audio:
            return None
        chunks = [
            frame.to_ndarray().astype(np.float64).mean(axis=0)
            for frame in container.decode(audio=0)
        ]
        rate = container.streams.audio[0].rate
    signal = np.concatenate(chunks)
    spectrum = np.abs(np.fft.rfft(signal * np.hanning(len(signal))))
    return float(np.fft.rfftfreq(len(signal), 1 / rate)[int(np.argmax(spectrum))])
