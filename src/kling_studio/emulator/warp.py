"""Views as 3×3 matrices, and warping a picture through one.

A view maps a point of the output frame to the point of the picture shown there, both measured
from their centres in output pixels. That is Pillow's ``Image.transform`` direction, so a camera
that moves right is a view that adds to x, and the content slides left on screen. ``Views``
stacks one matrix per frame, so a whole clip's motion is a few numpy operations.
"""

from __future__ import annotations

import math
from typing import Final

import numpy as np
import numpy.typing as npt
from PIL import Image, ImageFilter

from .timing import Curve

Views = npt.NDArray[np.float64]
"""Shape (frames, 3, 3)."""
FLAT: Final = 1e-9
"""Matrix entries smaller than this are zero: the view needs no rotation or perspective."""
BORDER_BLUR: Final = 0.06
"""Blur of the mirrored border, as a fraction of the picture's short side."""
BILINEAR: Final = Image.Resampling.BILINEAR


def identity(count: int) -> Views:
    return np.tile(np.eye(3), (count, 1, 1))


def translation(dx: Curve, dy: Curve) -> Views:
    views = identity(len(dx))
    views[:, 0, 2], views[:, 1, 2] = dx, dy
    return views


def scaling(factor: Curve) -> Views:
    """Above 1 the view takes in more of the picture, so the content shrinks."""
    views = identity(len(factor))
    views[:, 0, 0] = views[:, 1, 1] = factor
    return views


def rotation(angle: Curve) -> Views:
    """The view rolls clockwise by ``angle`` radians (y down), so content turns the other way."""
    cos, sin = np.cos(angle), np.sin(angle)
    views = identity(len(angle))
    views[:, 0, 0], views[:, 0, 1], views[:, 1, 0], views[:, 1, 1] = cos, -sin, sin, cos
    return views


def turn(yaw: Curve, pitch: Curve, focal: float) -> Views:
    """The camera turns right by ``yaw`` and up by ``pitch`` radians: the homography K·R·K⁻¹."""
    right, up = identity(len(yaw)), identity(len(pitch))
    right[:, 0, 0] = right[:, 2, 2] = np.cos(yaw)
    right[:, 0, 2], right[:, 2, 0] = np.sin(yaw), -np.sin(yaw)
    up[:, 1, 1] = up[:, 2, 2] = np.cos(pitch)
    up[:, 1, 2], up[:, 2, 1] = -np.sin(pitch), np.sin(pitch)
    lens, unlens = np.diag([focal, focal, 1.0]), np.diag([1 / focal, 1 / focal, 1.0])
    result: Views = lens @ right @ up @ unlens
    return result


def overflow(views: Views, size: tuple[int, int]) -> tuple[int, int]:
    """How far (x, y pixels) past the picture's edges any view of the clip reaches."""
    half_w, half_h = size[0] / 2, size[1] / 2
    corners = np.array([[-half_w, half_w, half_w, -half_w], [-half_h, -half_h, half_h, half_h]])
    mapped = views @ np.vstack([corners, np.ones(4)])
    points = mapped[:, :2] / mapped[:, 2:3]
    reach = np.abs(points).max(axis=(0, 2)) - (half_w, half_h)
    return (_margin(reach[0]), _margin(reach[1]))


def _margin(reach: float) -> int:
    return math.ceil(reach) + 1 if reach > FLAT else 0


def surround(picture: Image.Image, margin: tuple[int, int]) -> Image.Image:
    """``picture`` framed by a blurred mirror image of itself, ``margin`` wide: what a camera
    sees past the edge is a soft continuation rather than black."""
    mx, my = margin
    if not (mx or my):
        return picture
    padded = np.pad(np.asarray(picture), ((my, my), (mx, mx), (0, 0)), mode="symmetric")
    radius = max(2.0, BORDER_BLUR * min(picture.size))
    framed = Image.fromarray(padded).filter(ImageFilter.GaussianBlur(radius))
    framed.paste(picture, margin)
    return framed


def in_pixels(views: Views, size: tuple[int, int], margin: tuple[int, int]) -> Views:
    """Centred views as Pillow's maps from output pixels to pixels of the surrounded picture."""
    width, height = size
    into = np.array([[1.0, 0, width / 2 + margin[0]], [0, 1, height / 2 + margin[1]], [0, 0, 1]])
    out_of = np.array([[1.0, 0, -width / 2], [0, 1, -height / 2], [0, 0, 1]])
    result: Views = into @ views @ out_of
    return result


def warp(source: Image.Image, view: npt.NDArray[np.float64], size: tuple[int, int]) -> Image.Image:
    """The frame ``view`` sees of ``source``, by the cheapest exact resampling: a box resize for
    zoom and shift (twice as fast), an affine map for roll, a perspective map for a turn."""
    m = view / view[2, 2]
    if abs(m[2, 0]) + abs(m[2, 1]) > FLAT:
        coefficients = tuple(float(v) for v in m.flat[:8])
        return source.transform(size, Image.Transform.PERSPECTIVE, coefficients, BILINEAR)
    if abs(m[0, 1]) + abs(m[1, 0]) > FLAT:
        coefficients = tuple(float(v) for v in m.flat[:6])
        return source.transform(size, Image.Transform.AFFINE, coefficients, BILINEAR)
    left, top = max(0.0, m[0, 2]), max(0.0, m[1, 2])
    right = min(float(source.width), m[0, 2] + m[0, 0] * size[0])
    bottom = min(float(source.height), m[1, 2] + m[1, 1] * size[1])
    return source.resize(size, BILINEAR, box=(left, top, right, bottom))
