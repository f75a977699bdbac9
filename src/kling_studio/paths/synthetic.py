"""Clips drawn in code whose true path is known: a textured disc moving over a textured ground.

For the tests, the benchmark and demos of "path from a clip": no files to ship, and the truth to
measure a tracker against. The disc is placed with sub-pixel accuracy (a bilinear warp of a
premultiplied sprite), so the truth is exact, not rounded to pixels. Motion blur averages the
sprite over sub-frames spread across the frame's time (the truth is the middle one); noise is
drawn per frame from the scene's seed.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Final, TypeAlias

import numpy as np
import numpy.typing as npt

Floats: TypeAlias = npt.NDArray[np.float64]
Frame: TypeAlias = npt.NDArray[np.uint8]
"""H×W×3 RGB."""

DISC_RADIUS: Final = 0.08
"""The disc's radius, as a share of the frame's short side."""
CHALK: Final = np.array([235.0, 225.0, 200.0], dtype=np.float32)
"""The disc's base colour: pale, so it stands out against the ground's blobs."""
SHUTTER_SPAN: Final = 0.5
"""A blurred frame's exposure, as a share of the time between frames (a 180° shutter)."""


def _line(t: Floats) -> Floats:
    return np.column_stack([0.2 + 0.6 * t, 0.3 + 0.4 * t])


def _arc(t: Floats) -> Floats:
    """Half an ellipse, left to right over the top, eased: slow at both ends."""
    angle = math.pi * (1 - t * t * (3 - 2 * t))
    return np.column_stack([0.5 + 0.3 * np.cos(angle), 0.7 - 0.45 * np.sin(angle)])


def _figure_eight(t: Floats) -> Floats:
    angle = 2 * math.pi * t
    return np.column_stack([0.5 + 0.3 * np.sin(angle), 0.5 + 0.22 * np.sin(2 * angle)])


def _exit(t: Floats) -> Floats:
    """Left to right and out through the right edge: its centre leaves at t = 0.7."""
    return np.column_stack([0.3 + t, 0.5 + 0.0 * t])


SHAPES: Final[dict[str, Callable[[Floats], Floats]]] = {
    "line": _line,
    "arc": _arc,
    "figure-eight": _figure_eight,
    "exit": _exit,
}
"""Time (0 → 1 over the clip) → the disc's centre as shares of the frame's width and height."""


@dataclass(frozen=True)
class Scene:
    """One synthetic clip's recipe."""

    shape: str
    size: tuple[int, int] = (320, 180)
    seconds: float = 3.0
    fps: int = 24
    noise: float = 0.0
    """Standard deviation of the per-frame Gaussian noise, in grey levels."""
    shutter: int = 1
    """Sub-frames averaged into each frame (motion blur); 1 is sharp."""
    seed: int = 0

    @property
    def frame_count(self) -> int:
        return round(self.seconds * self.fps)


def true_path(scene: Scene) -> Floats:
    """The disc's centre per frame, in clip pixels (top-left origin, pixel centres at integers)."""
    return _centres(scene, _times(scene))


def _times(scene: Scene) -> Floats:
    return np.linspace(0.0, 1.0, scene.frame_count)


def _centres(scene: Scene, t: Floats) -> Floats:
    width, height = scene.size
    return SHAPES[scene.shape](t) * np.array([width - 1, height - 1], dtype=np.float64)


def frames(scene: Scene) -> Iterator[Frame]:
    """The clip's frames, one at a time."""
    import cv2  # loads with the first frame drawn, not with the package

    rng = np.random.default_rng(scene.seed)
    ground = _texture(rng, scene.size, grain=0.04)
    radius = DISC_RADIUS * min(scene.size)
    sprite, alpha = _sprite(rng, radius)
    step = SHUTTER_SPAN / max(scene.frame_count - 1, 1)
    offsets = step * (np.arange(scene.shutter) - (scene.shutter - 1) / 2) / max(scene.shutter, 1)
    centre = (sprite.shape[0] - 1) / 2
    for t in _times(scene):
        colour = np.zeros((*scene.size[::-1], 3), np.float32)
        cover = np.zeros(scene.size[::-1], np.float32)
        for x, y in _centres(scene, t + offsets):
            shift = np.array([[1, 0, x - centre], [0, 1, y - centre]], dtype=np.float32)
            colour += cv2.warpAffine(sprite, shift, scene.size, flags=cv2.INTER_LINEAR)
            cover += cv2.warpAffine(alpha, shift, scene.size, flags=cv2.INTER_LINEAR)
        picture = ground * (1 - cover[..., None] / scene.shutter) + colour / scene.shutter
        picture += rng.normal(0.0, scene.noise, picture.shape) if scene.noise else 0.0
        yield np.clip(picture, 0, 255).astype(np.uint8)


def _texture(
    rng: np.random.Generator, size: tuple[int, int], grain: float
) -> npt.NDArray[np.float32]:
    """Smooth colour blobs with finer detail on top: corners for a tracker to hold on to."""
    import cv2

    width, height = size
    coarse = rng.uniform(40, 215, (max(2, round(height * grain)), max(2, round(width * grain)), 3))
    blobs = cv2.resize(coarse.astype(np.float32), size, interpolation=cv2.INTER_CUBIC)
    fine = cv2.GaussianBlur(rng.normal(0, 30, (height, width, 3)).astype(np.float32), (0, 0), 1.2)
    textured: npt.NDArray[np.float32] = np.clip(blobs + fine, 0, 255)
    return textured


def _sprite(
    rng: np.random.Generator, radius: float
) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
    """The disc as premultiplied colour and an anti-aliased alpha, on an odd-sized square."""
    side = 2 * math.ceil(radius) + 5
    grey = _texture(rng, (side, side), grain=0.3).mean(axis=2, keepdims=True)
    texture = np.clip((grey - grey.mean()) * 2.5 + CHALK, 0, 255)  # a stone, unlike the ground
    centre = (side - 1) / 2
    rows, columns = np.mgrid[0:side, 0:side]
    alpha = np.clip(radius - np.hypot(rows - centre, columns - centre) + 0.5, 0, 1)
    alpha = alpha.astype(np.float32)
    return texture * alpha[..., None], alpha


def write_clip(scene: Scene, path: Path, *, crf: int = 18) -> Floats:
    """The scene as an H.264 mp4 at ``path``; its true path (per frame, clip pixels)."""
    import av  # PyAV loads when a clip is written, not with the package

    with av.open(str(path), "w", format="mp4") as container:
        stream = container.add_stream(
            "libx264", rate=scene.fps, options={"crf": str(crf), "preset": "veryfast"}
        )
        stream.width, stream.height = scene.size
        stream.pix_fmt = "yuv420p"
        for index, picture in enumerate(frames(scene)):
            frame = av.VideoFrame.from_ndarray(picture, format="rgb24")
            frame.pts, frame.time_base = index, Fraction(1, scene.fps)
            container.mux(stream.encode(frame))
        container.mux(stream.encode(None))
    return true_path(scene)
