"""Pictures drawn in code for demos, tutorials and tests: no files to ship, no downloads.

The landscape has clear, separable parts (sky, sun, hills, a boat on the water), so a motion-brush
example can freeze one and move another and the result is obvious to the eye.
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw


def landscape(width: int = 1280, height: int = 720) -> Image.Image:
    """A sunset over hills and water, with a red boat at about (0.3·w, 0.75·h)."""
    y = np.linspace(0.0, 1.0, height)[:, None, None]
    top, bottom = np.array([255.0, 170.0, 120.0]), np.array([165.0, 110.0, 220.0])
    sky = np.broadcast_to(top + (bottom - top) * y, (height, width, 3))
    picture = Image.fromarray(np.clip(sky, 0, 255).astype(np.uint8), "RGB")
    draw = ImageDraw.Draw(picture)
    w, h = width, height
    draw.ellipse((0.62 * w, 0.12 * h, 0.74 * w, 0.12 * h + 0.12 * w), fill=(255, 214, 90))
    draw.polygon(
        [
            (0, 0.62 * h),
            (0.2 * w, 0.42 * h),
            (0.45 * w, 0.6 * h),
            (0.7 * w, 0.38 * h),
            (w, 0.6 * h),
            (w, 0.65 * h),
            (0, 0.65 * h),
        ],
        fill=(46, 92, 60),
    )
    draw.rectangle((0, 0.65 * h, w, h), fill=(40, 80, 140))
    for row in range(int(0.68 * h), h, max(h // 40, 4)):
        draw.line((0, row, w, row), fill=(70, 110, 170), width=max(h // 360, 1))
    hull, sail = _boat(w, h)
    draw.polygon(hull, fill=(200, 40, 40))
    draw.polygon(sail, fill=(245, 245, 235))
    return picture


Outline = list[tuple[float, float]]


def _boat(width: int, height: int) -> tuple[Outline, Outline]:
    """The hull and the sail, as drawn: the picture and its exact boat mask share them."""
    boat_x, boat_y = 0.3 * width, 0.75 * height
    hull = [
        (boat_x - 0.06 * width, boat_y),
        (boat_x + 0.06 * width, boat_y),
        (boat_x + 0.04 * width, boat_y + 0.05 * height),
        (boat_x - 0.04 * width, boat_y + 0.05 * height),
    ]
    sail = [
        (boat_x, boat_y - 0.16 * height),
        (boat_x, boat_y - 0.01 * height),
        (boat_x + 0.05 * width, boat_y - 0.01 * height),
    ]
    return hull, sail


def boat_mask(width: int = 1280, height: int = 720) -> np.ndarray:
    """A boolean mask covering the landscape's boat (hull and sail), for motion-brush demos."""
    mask = Image.new("L", (width, height), 0)
    draw = ImageDraw.Draw(mask)
    boat_x, boat_y = 0.3 * width, 0.75 * height
    draw.rectangle(
        (
            boat_x - 0.07 * width,
            boat_y - 0.17 * height,
            boat_x + 0.07 * width,
            boat_y + 0.06 * height,
        ),
        fill=255,
    )
    return np.asarray(mask) > 0


def boat_silhouette(width: int = 1280, height: int = 720) -> np.ndarray:
    """Exactly the boat's pixels (hull and sail, with the strip of water between them left out),
    where ``boat_mask`` is a rectangle around it: what a selection tool should find."""
    mask = Image.new("L", (width, height), 0)
    draw = ImageDraw.Draw(mask)
    for part in _boat(width, height):
        draw.polygon(part, fill=255)
    return np.asarray(mask) > 0


def sky_mask(width: int = 1280, height: int = 720) -> np.ndarray:
    """A boolean mask of the sky and hills, which a static brush can hold still."""
    rows = np.arange(height)[:, None] < int(0.65 * height)
    return np.broadcast_to(rows, (height, width)).copy()
