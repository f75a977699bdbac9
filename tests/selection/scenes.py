"""Pictures whose true selection is known: what the selection tests and ``bench/selection.py``
share.

A scene is a subject pasted with a soft (anti-aliased) edge onto a background; its ``truth`` is
where the subject covers at least half a pixel, and ``click`` is the point a person would click
(the subject's interior point farthest from its edge). Synthetic scenes put a flat-coloured shape
on a textured, noisy or gradient background; composites cut a subject out of one of
scikit-image's photographs with a known silhouette and paste it onto another.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

Image = npt.NDArray[np.uint8]
Mask = npt.NDArray[np.bool_]
Alpha = npt.NDArray[np.float32]


@dataclass(frozen=True)
class Scene:
    name: str
    image: Image
    truth: Mask

    @property
    def click(self) -> tuple[int, int]:
        """(x, y) of the subject's deepest point, where a person would click."""
        inside = cv2.distanceTransform(self.truth.astype(np.uint8), cv2.DIST_L2, 5)
        y, x = np.unravel_index(int(np.argmax(inside)), inside.shape)
        return int(x), int(y)

    @property
    def box(self) -> tuple[int, int, int, int]:
        """(x0, y0, x1, y1) around the subject with a margin, as a person would drag it."""
        ys, xs = np.nonzero(self.truth)
        margin = max(4, int(0.04 * max(np.ptp(xs), np.ptp(ys))))
        height, width = self.truth.shape
        return (
            max(int(xs.min()) - margin, 0),
            max(int(ys.min()) - margin, 0),
            min(int(xs.max()) + margin, width - 1),
            min(int(ys.max()) + margin, height - 1),
        )


def iou(a: Mask, b: Mask) -> float:
    union = np.logical_or(a, b).sum()
    return float(np.logical_and(a, b).sum() / union) if union else 1.0


# --- shapes: soft alpha in [0, 1] ----------------------------------------------------------------

_SUB = 4
"""Sub-pixel bits for cv2.fillPoly: polygons placed to 1/16 px, so edges are truly soft."""


def polygon_alpha(points: npt.NDArray[np.float64], size: tuple[int, int]) -> Alpha:
    """An anti-aliased filled polygon, (x, y) points in pixels."""
    width, height = size
    canvas = np.zeros((height, width), np.uint8)
    fixed = np.round(points * (1 << _SUB)).astype(np.int32)
    cv2.fillPoly(canvas, [fixed], 255, cv2.LINE_AA, _SUB)
    return canvas.astype(np.float32) / 255


def radial(
    radius: Callable[[npt.NDArray[np.float64]], npt.NDArray[np.float64]],
    centre: tuple[float, float],
    size: tuple[int, int],
    count: int = 720,
) -> Alpha:
    theta = np.linspace(0, 2 * np.pi, count, endpoint=False)
    r = radius(theta)
    points = np.stack([centre[0] + r * np.cos(theta), centre[1] + r * np.sin(theta)], axis=1)
    return polygon_alpha(points, size)


def disc(centre: tuple[float, float], r: float, size: tuple[int, int]) -> Alpha:
    return radial(lambda t: np.full_like(t, r), centre, size)


def star(centre: tuple[float, float], r: float, size: tuple[int, int]) -> Alpha:
    theta = np.linspace(-np.pi / 2, 1.5 * np.pi, 10, endpoint=False)
    r_each = np.where(np.arange(10) % 2 == 0, r, 0.45 * r)
    points = np.stack([centre[0] + r_each * np.cos(theta), centre[1] + r_each * np.sin(theta)], 1)
    return polygon_alpha(points, size)


def blob(centre: tuple[float, float], r: float, size: tuple[int, int]) -> Alpha:
    return radial(
        lambda t: r * (1 + 0.22 * np.sin(3 * t + 0.7) + 0.12 * np.sin(5 * t + 2.1)), centre, size
    )


def horse(centre: tuple[float, float], r: float, size: tuple[int, int]) -> Alpha:
    """scikit-image's horse silhouette, its height 2·r, smoothed so its edge is soft."""
    from skimage import data

    silhouette = (~data.horse()).astype(np.float32)
    scale = 2 * r / silhouette.shape[0]
    shape = (round(silhouette.shape[1] * scale), round(silhouette.shape[0] * scale))
    resized = cv2.resize(cv2.GaussianBlur(silhouette, (0, 0), 1.0), shape, cv2.INTER_LINEAR)
    alpha = np.zeros((size[1], size[0]), np.float32)
    x0, y0 = round(centre[0] - shape[0] / 2), round(centre[1] - shape[1] / 2)
    alpha[y0 : y0 + shape[1], x0 : x0 + shape[0]] = resized
    return alpha


SHAPES: dict[str, Callable[[tuple[float, float], float, tuple[int, int]], Alpha]] = {
    "disc": disc,
    "star": star,
    "blob": blob,
    "horse": horse,
}


# --- backgrounds: float32 RGB ---------------------------------------------------------------------


def _smooth_noise(rng: np.random.Generator, size: tuple[int, int], cells: int) -> Any:
    """Value noise: a coarse random grid, upsampled smoothly (the same look at any size)."""
    width, height = size
    grid = rng.random((max(2, cells * height // width), cells, 3)).astype(np.float32)
    return cv2.resize(grid, (width, height), interpolation=cv2.INTER_CUBIC)


def textured(rng: np.random.Generator, size: tuple[int, int]) -> Any:
    """Coloured value noise at two scales and fine stripes: edges and colours everywhere."""
    width, _ = size
    coarse = _smooth_noise(rng, size, 6) * np.float32(150) + 50
    fine = (_smooth_noise(rng, size, 40) - 0.5) * np.float32(70)
    x = np.arange(width, dtype=np.float32)[None, :, None]
    stripes = 12 * np.sin(x * (2 * np.pi * 60 / width)).astype(np.float32)
    return coarse + fine + stripes


def noisy(rng: np.random.Generator, size: tuple[int, int]) -> Any:
    width, height = size
    return np.full((height, width, 3), (90, 140, 110), np.float32)


def gradient(rng: np.random.Generator, size: tuple[int, int]) -> Any:
    width, height = size
    t = np.linspace(0, 1, width, dtype=np.float32)[None, :, None]
    u = np.linspace(0, 1, height, dtype=np.float32)[:, None, None]
    left, right = np.float32([30, 60, 160]), np.float32([230, 200, 60])
    return left + (right - left) * (0.7 * t + 0.3 * u)


BACKGROUNDS: dict[str, Callable[[np.random.Generator, tuple[int, int]], Any]] = {
    "textured": textured,
    "noisy": noisy,
    "gradient": gradient,
}
GRAIN = {"textured": 6.0, "noisy": 28.0, "gradient": 6.0}
"""Per-pixel noise (σ, in grey levels) over the whole picture, as a camera adds it."""
SUBJECT_COLOUR = np.float32([205, 60, 70])


def _finish(picture: Any, grain: float, rng: np.random.Generator) -> Image:
    height, width = picture.shape[:2]
    tile = rng.normal(0, grain, (min(height, 509), min(width, 1021), 3)).astype(np.float32)
    reps = (-(-height // tile.shape[0]), -(-width // tile.shape[1]), 1)
    picture += np.tile(tile, reps)[:height, :width]
    return np.clip(picture, 0, 255).astype(np.uint8)


def synthetic(shape: str, background: str, size: tuple[int, int], seed: int = 3) -> Scene:
    """A red shape (a third of the short side across, a little off centre) on a background."""
    rng = np.random.default_rng(seed)
    width, height = size
    alpha = SHAPES[shape]((0.45 * width, 0.55 * height), 0.3 * min(size), size)
    base = BACKGROUNDS[background](rng, size)
    subject = SUBJECT_COLOUR + (_smooth_noise(rng, size, 30) - 0.5) * np.float32(30)
    picture = base + alpha[..., None] * (subject - base)
    return Scene(f"{shape} on {background}", _finish(picture, GRAIN[background], rng), alpha >= 0.5)


def photo(name: str, size: tuple[int, int], crop: Crop = (0.0, 0.0, 1.0, 1.0)) -> Any:
    """One of scikit-image's photographs (``crop``: a part of it, as fractions), resized
    (stretched) to ``size``."""
    from skimage import data

    picture = getattr(data, name)()
    height, width = picture.shape[:2]
    x0, y0, x1, y1 = crop
    part = picture[round(y0 * height) : round(y1 * height), round(x0 * width) : round(x1 * width)]
    return cv2.resize(part, size, interpolation=cv2.INTER_CUBIC).astype(np.float32)


Crop = tuple[float, float, float, float]
MATERIALS: dict[str, tuple[str, Crop]] = {
    "fur": ("chelsea", (0.30, 0.02, 0.62, 0.32)),
    "wood": ("coffee", (0.80, 0.05, 1.0, 0.60)),
    "suit": ("astronaut", (0.06, 0.45, 0.26, 0.70)),
}
"""Subjects' surfaces: a part of a photograph that is one material (a cat's fur, a wooden table,
an orange space suit), so a pasted shape looks like one object with a photograph's texture."""


def composite(shape: str, material: str, background: str, size: tuple[int, int]) -> Scene:
    """A ``shape`` of ``material`` pasted onto the photograph ``background`` with a soft edge
    (about a two-pixel ramp at 1280×720, scaled with the picture)."""
    width, height = size
    alpha = SHAPES[shape]((0.5 * width, 0.5 * height), 0.32 * min(size), size)
    soft = cv2.GaussianBlur(alpha, (0, 0), max(1.0, min(size) / 720))
    source, crop = MATERIALS[material]
    base, cut = photo(background, size), photo(source, size, crop)
    picture = base + soft[..., None] * (cut - base)
    name = f"{shape} of {material} on {background}"
    return Scene(name, _finish(picture, 3.0, np.random.default_rng(5)), soft >= 0.5)


SYNTHETIC = [(shape, bg) for bg in BACKGROUNDS for shape in ("disc", "star", "blob")]
COMPOSITES = [
    ("horse", "fur", "astronaut"),
    ("disc", "wood", "chelsea"),
    ("star", "suit", "coffee"),
    ("horse", "wood", "astronaut"),
    ("blob", "fur", "rocket"),
]
