"""Carrying the brush and the camera move across a sweep, to the models that cannot take them.

kling-v1 and kling-v1-5 take a motion brush and ``camera_control``; the newer models take a start
and an end frame, and a prompt. A sweep over both can still ask each model for the same motion:
the brush as the end frame it asks for (``motion.endframe``), the camera move as words added to
the prompt (``motion.camera_words``). ``Carry`` holds both, made once from the base request by
``carry_for``, with the brush and move as painted: a carried cell's motion check measures its
video against those, so the cells can be compared on one intent.

``Carry`` and ``CARRIERS`` are pure; ``carry_for`` reads pictures and renders, so it loads
numpy, Pillow and OpenCV when called (not on import), and is worth a worker thread in async code.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Final

from kling_studio.api.capabilities import Feature, ModelSpec
from kling_studio.api.models import CameraControl, Image2VideoRequest
from kling_studio.motion.carried import Part, how_sent, with_phrase

if TYPE_CHECKING:
    from kling_studio.motion.intent import MotionIntent


@dataclass(frozen=True, eq=False)
class Carry:
    """What a sweep may carry to a model without the brush or ``camera_control``."""

    intent: MotionIntent = field(repr=False)
    """The brush and the camera move as painted and set: what a carried cell is measured
    against (its ``how`` is set per cell)."""
    end_frame: bytes | None = field(default=None, repr=False)
    """The brush's end frame as PNG bytes, for ``image_tail``; None without a path to follow."""
    phrase: str | None = None
    """The camera move as a prompt phrase; None without a move."""
    notes: tuple[str, ...] = ()
    """What the end frame loses (an area pushed out of the picture or under the static area)."""


@dataclass(frozen=True)
class Carrier:
    """One part a cell's model may lack, and how it goes instead."""

    part: Part
    words: str
    """How a carried cell's label and differences say it."""
    feature: Feature
    """The capability that, lacking, makes the part go another way."""
    asked: Callable[[Image2VideoRequest], bool]
    can: Callable[[Image2VideoRequest, ModelSpec, str, str, Carry], bool]
    """Whether it can go the other way to this model, mode and duration."""
    instead: Callable[[Image2VideoRequest, Carry], Mapping[str, Any]]
    """The request's fields changed to carry it."""


def _brush_as_end_frame(request: Image2VideoRequest, carry: Carry) -> Mapping[str, Any]:
    return {"static_mask": None, "dynamic_masks": [], "image_tail": carry.end_frame}


def _camera_in_words(request: Image2VideoRequest, carry: Carry) -> Mapping[str, Any]:
    assert carry.phrase
    return {"camera_control": None, "prompt": with_phrase(request.prompt or "", carry.phrase)}


CARRIERS: Final = (
    Carrier(
        "brush",
        "brush as end frame",
        Feature.MOTION_BRUSH,
        asked=lambda r: r.static_mask is not None or bool(r.dynamic_masks),
        can=lambda r, spec, mode, duration, carry: (
            carry.end_frame is not None
            and r.image_tail is None  # an end frame of the person's own is never replaced
            and spec.supports(Feature.START_END_FRAME, mode, duration)
        ),
        instead=_brush_as_end_frame,
    ),
    Carrier(
        "camera",
        "camera in words",
        Feature.CAMERA_CONTROL,
        asked=lambda r: r.camera_control is not None,
        can=lambda r, spec, mode, duration, carry: bool(carry.phrase),
        instead=_camera_in_words,
    ),
)
"""Each part a model may lack, in the order a label names them."""


@dataclass(frozen=True, eq=False)
class Carried:
    """A cell's request once carried, what went another way, and what to measure it against."""

    request: Image2VideoRequest
    parts: tuple[Carrier, ...]
    intent: MotionIntent | None
    """None when nothing was carried: the check reads the payload's own brush and camera."""


def carried(
    request: Image2VideoRequest, spec: ModelSpec | None, mode: str, duration: str, carry: Carry
) -> Carried:
    """``request`` with each part its model (at ``mode`` and ``duration``) cannot take carried
    the other way, where it can be; the rest untouched (the rules then judge it as it is)."""
    if spec is None:
        return Carried(request, (), None)
    parts = tuple(
        carrier
        for carrier in CARRIERS
        if carrier.asked(request)
        and not spec.supports(carrier.feature, mode, duration)
        and carrier.can(request, spec, mode, duration, carry)
    )
    if not parts:
        return Carried(request, (), None)
    changes: dict[str, Any] = {}
    for carrier in parts:
        changes.update(carrier.instead(request, carry))
    names = {carrier.part for carrier in parts}
    asked = carry.intent
    how = how_sent(
        brush=bool(asked.areas) or asked.static is not None,
        camera=asked.camera is not None,
        carried=names,
    )
    return Carried(request.model_copy(update=changes), parts, replace(asked, how=how))


def carry_for(base: Image2VideoRequest) -> Carry | None:
    """What ``base`` can carry: its brush's end frame (when a dynamic area has a path), its
    camera move in words, and both as painted; None when it asks for neither.

    The picture and masks are read as the client reads them (upright, each mask at the picture's
    size) and paths taken as given, in the picture's top-left pixels. A picture or mask given by
    URL cannot be read here (``InputError`` naming the field); nor can a bad mask or path.
    """
    has_path = any(len(area.trajectories) >= 2 for area in base.dynamic_masks)
    camera = base.camera_control
    if not has_path and camera is None:
        return None
    phrase = _phrase(camera)
    if base.image is None:
        if camera is None:
            return None
        from kling_studio.motion.intent import MotionIntent

        return Carry(MotionIntent(camera=camera), phrase=phrase)
    return _painted_carry(base, phrase)


def _phrase(camera: CameraControl | None) -> str | None:
    if camera is None:
        return None
    from kling_studio.motion.camera_words import camera_phrase

    return camera_phrase(camera) or None


def _painted_carry(base: Image2VideoRequest, phrase: str | None) -> Carry:
    import numpy as np

    from kling_studio.api.images import load_upright
    from kling_studio.api.masks import prepare_mask
    from kling_studio.motion.intent import intent_of_paint

    assert base.image is not None
    image, _notes = load_upright(base.image, field="image")
    picture = np.asarray(image.convert("RGB"))
    size = image.size
    static = (
        None
        if base.static_mask is None
        else prepare_mask(base.static_mask, size=size, field="static_mask").array()
    )
    dynamic = [
        (
            f"dynamic {index}",
            prepare_mask(area.mask, size=size, field=f"dynamic_masks[{index - 1}].mask").array(),
            tuple(area.trajectories),
        )
        for index, area in enumerate(base.dynamic_masks, start=1)
    ]
    intent = intent_of_paint(
        picture_size=size, static=static, dynamic=dynamic, camera=base.camera_control
    )
    if not intent.areas:
        return Carry(intent, phrase=phrase)
    from kling_studio.motion.endframe import end_frame

    frame = end_frame(
        picture, static=static, areas=[(area.mask, area.path) for area in intent.areas]
    )
    return Carry(intent, end_frame=frame.png(), phrase=phrase, notes=frame.notes)
