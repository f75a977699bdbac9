"""Grey clips with known motion for the motion check's tests: a textured picture warped per frame
(shift, zoom, roll about the centre, eased over the clip, with grain), a still area pasted over it,
and the emulator's own renders of a camera request or a motion brush.

Made on demand and cached, never at collection."""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import cache

import cv2
import numpy as np
from PIL import Image

from kling_studio.api.models import CameraControl
from kling_studio.emulator.brush import Brush, Stroke
from kling_studio.emulator.camera import AXES
from kling_studio.emulator.frames import Scene, frames
from kling_studio.emulator.scenes import image_scene
from kling_studio.emulator.validation import CameraControl as EmulatorCamera

W, H = 640, 360
FPS = 24
COUNT = 120
"""5 s at 24 fps, 640×360: the size the motion check reads results at."""
EMULATED_SIDE = 180
"""The emulator's camera clips are rendered at 320×180, a quarter of the work of 640×360: they
prove the signs, not the size (the synthetic clips are 640×360)."""
GRAIN = 2.0
"""σ of the grain, grey levels; drawn once as a few frames and cycled (drawing it per frame
took half the time of making a clip)."""

Grey = np.ndarray
Clip = tuple[Grey, ...]


@cache
def texture(seed: int = 1, size: tuple[int, int] = (W, H)) -> Grey:
    """Smooth blobs with finer detail on top: corners and flow everywhere, nothing periodic."""
    rng = np.random.default_rng(seed)
    width, height = size
    total = np.zeros((height, width), np.float32)
    for cell, weight in ((64, 1.0), (16, 0.6), (4, 0.3)):
        coarse = rng.random((height // cell + 2, width // cell + 2)).astype(np.float32)
        big = cv2.resize(
            coarse, (width + 2 * cell, height + 2 * cell), interpolation=cv2.INTER_CUBIC
        )
        total += weight * big[cell : cell + height, cell : cell + width]
    total = (total - total.min()) / (total.max() - total.min())
    return (40 + 180 * total).astype(np.uint8)


def content_map(dx: float, dy: float, log_scale: float, angle: float) -> np.ndarray:
    """Picture → frame about the centre: shift right/down (px), grow by e^log_scale, turn by
    ``angle`` radians (y down: positive turns clockwise on screen)."""
    cx, cy = (W - 1) / 2, (H - 1) / 2
    c, s = math.exp(log_scale) * math.cos(angle), math.exp(log_scale) * math.sin(angle)
    return np.array([[c, -s, cx - c * cx + s * cy + dx], [s, c, cy - s * cx - c * cy + dy]])


@cache
def filmed(
    dx: float = 0.0,
    dy: float = 0.0,
    zoom: float = 0.0,
    angle: float = 0.0,
    *,
    still: tuple[int, int, int, int] | None = None,
    leak: float = 0.0,
    picture: int = 1,
) -> Clip:
    """The picture carried by the motion (dx, dy px, log-scale ``zoom``, ``angle``) by the last
    frame, eased; ``still`` (left, top, right, bottom) pasted over it, moving ``leak`` times as
    much as the rest (0 = truly still)."""
    source = texture(picture)
    clip = []
    for index in range(COUNT):
        t = index / (COUNT - 1)
        eased = t * t * (3 - 2 * t)
        frame = _warped(source, eased, dx, dy, zoom, angle)
        if still is not None:
            left, top, right, bottom = still
            held = _warped(source, eased * leak, dx, dy, zoom, angle)
            frame[top:bottom, left:right] = held[top:bottom, left:right]
        clip.append(np.clip(frame + _grain()[index % len(_grain())], 0, 255).astype(np.uint8))
    return tuple(clip)


@cache
def _grain() -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(100)
    return tuple(rng.normal(0.0, GRAIN, (H, W)).astype(np.float32) for _ in range(7))


def _warped(source: Grey, amount: float, dx: float, dy: float, zoom: float, angle: float) -> Grey:
    m = content_map(dx * amount, dy * amount, zoom * amount, angle * amount)
    return cv2.warpAffine(source, m, (W, H), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)


def box_mask(box: tuple[int, int, int, int]) -> np.ndarray:
    left, top, right, bottom = box
    mask = np.zeros((H, W), bool)
    mask[top:bottom, left:right] = True
    return mask


@cache
def colour_picture() -> Image.Image:
    """The texture in colour, for the emulator."""
    grey = texture(3)
    return Image.fromarray(
        np.stack([grey, np.roll(grey, 37, axis=1), np.roll(grey, 53, axis=0)], -1)
    )


def _grey(scene: Scene) -> Clip:
    return tuple(np.asarray(frame.convert("L")) for frame in frames(scene))


def emulated(control: CameraControl | None) -> Clip:
    """The emulator's clip of ``control`` over the colour picture (no control: its ambient
    drift), 24 fps, 5 s, at ``EMULATED_SIDE``."""
    return _emulated(None if control is None else control.model_dump_json())


@cache
def _emulated(sent: str | None) -> Clip:
    camera = None
    if sent is not None:
        control = CameraControl.model_validate_json(sent)
        config = control.config.model_dump() if control.config is not None else {}
        camera = EmulatorCamera(control.type, config if control.type == "simple" else {})
    picture = colour_picture().resize((W * EMULATED_SIDE // H, EMULATED_SIDE))
    scene = image_scene(
        picture, None, camera_control=camera, short_side=EMULATED_SIDE, fps=FPS, seconds=5
    )
    return _grey(scene)


def emulated_brush(static: np.ndarray, moving: np.ndarray, path: Sequence[tuple[int, int]]) -> Clip:
    """The emulator's motion-brush clip: ``static`` pasted still, ``moving`` carried along
    ``path`` (bottom-left pixels, as sent), the rest under its ambient drift."""

    def painted(mask: np.ndarray) -> Image.Image:
        return Image.fromarray(mask.astype(np.uint8) * 255).convert("RGB")

    brush = Brush((W, H), static=painted(static), strokes=(Stroke(painted(moving), tuple(path)),))
    scene = image_scene(colour_picture(), None, brush=brush, short_side=H, fps=FPS, seconds=5)
    return _grey(scene)


def simple(axis: str, value: float) -> CameraControl:
    assert axis in AXES
    return CameraControl.simple(**{axis: value})
