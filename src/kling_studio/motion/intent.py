"""What a request asked of the motion: its dynamic areas and their paths, its static area, its
camera move — the things a result is measured against.

Read from the payload as sent (``intent_of_payload``), so a check measures what the service was
asked, whoever built the request (the Studio, Compare, ``client.generate``): masks are the wire's
black-and-white PNGs at the sent picture's size and paths the wire's points flipped back to a
top-left origin. A brush carried to a model without one (sent as an end frame) is measured
against the brush the person painted, which the Studio hands over as a ``MotionIntent`` itself.
"""

from __future__ import annotations

import base64
import binascii
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from kling_studio.api.models import CameraControl
from kling_studio.api.prepare import MOTION_FIELDS, motion_fields
from kling_studio.api.trajectory import from_wire

from .carried import how_sent

Mask = npt.NDArray[np.bool_]
Floats = npt.NDArray[np.float64]


@dataclass(frozen=True)
class AreaAsk:
    """A dynamic area and the path it was asked to travel (the picture's pixels, top-left)."""

    name: str
    mask: Mask
    path: Floats


@dataclass(frozen=True)
class MotionIntent:
    """Everything a result's motion is measured against."""

    areas: tuple[AreaAsk, ...] = ()
    static: Mask | None = None
    camera: CameraControl | None = None
    picture_size: tuple[int, int] | None = None
    """The frame masks and paths are in; None when nothing painted says (a camera move alone)."""
    how: str = "the brush"
    """How the intent reached the service, for the report ("the brush sent as an end frame")."""
    skipped: tuple[str, ...] = field(default=())
    """Parts that cannot be measured, in words (a mask given by URL)."""

    @property
    def asks(self) -> bool:
        return bool(self.areas) or self.static is not None or self.camera is not None


def intent_of_payload(payload: Mapping[str, Any]) -> MotionIntent:
    """The intent of a payload as sent (or of its ``motion_fields``)."""
    skipped: list[str] = []
    static = _mask(payload.get("static_mask"), "the static area", skipped)
    areas: list[AreaAsk] = []
    for index, dynamic in enumerate(payload.get("dynamic_masks") or (), start=1):
        name = f"dynamic {index}"
        mask = _mask(dynamic.get("mask"), name, skipped)
        if mask is not None:
            points = from_wire(dynamic.get("trajectories") or (), mask.shape[0])
            areas.append(AreaAsk(name, mask, np.array(points, dtype=np.float64).reshape(-1, 2)))
    camera = payload.get("camera_control")
    painted = [m for m in (static, *(a.mask for a in areas)) if m is not None]
    size = (painted[0].shape[1], painted[0].shape[0]) if painted else None
    return MotionIntent(
        areas=tuple(areas),
        static=static,
        camera=CameraControl.model_validate(camera) if camera else None,
        picture_size=size,
        how=how_sent(brush=bool(painted), camera=bool(camera)),
        skipped=tuple(skipped),
    )


def intent_of_paint(
    *,
    picture_size: tuple[int, int],
    static: Mask | None,
    dynamic: Sequence[tuple[str, Mask, Sequence[Sequence[float]]]],
    camera: CameraControl | None = None,
    how: str = "the brush",
) -> MotionIntent:
    """The intent as the person painted it (the Studio's masks and paths, top-left)."""
    areas = tuple(
        AreaAsk(name, mask, np.asarray(path, dtype=np.float64).reshape(-1, 2))
        for name, mask, path in dynamic
        if mask.any() and len(path) >= 2
    )
    still = static if static is not None and static.any() else None
    return MotionIntent(areas, still, camera, picture_size, how)


def _mask(value: object, name: str, skipped: list[str]) -> Mask | None:
    """A wire mask (bare base64 PNG) as a bool array; a URL cannot be read here."""
    if not value:
        return None
    from PIL import Image

    try:
        data = base64.b64decode(str(value), validate=True)
        with Image.open(io.BytesIO(data)) as image:
            return np.asarray(image.convert("L")) > 127
    except (binascii.Error, OSError, ValueError):
        skipped.append(f"{name}: its mask was given by URL, so it is not measured")
        return None


__all__ = [
    "MOTION_FIELDS",
    "AreaAsk",
    "MotionIntent",
    "intent_of_paint",
    "intent_of_payload",
    "motion_fields",
]
