"""The brush and the camera move carried to a model that cannot take them.

Motion brush and ``camera_control`` work on kling-v1 and kling-v1-5; newer models take a start
and an end frame, and a prompt. So a painted brush can go as the end frame it asks for (each
dynamic area at its path's end, made by ``motion.endframe``), and a camera move as words added
to the prompt. Both are offered beside their controls and done only when the person says so;
then the motion check measures the result against the brush and the move as painted and set.
Pure apart from the end frame's rendering: state in, offers and intents out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import numpy.typing as npt

from kling_studio.api.capabilities import (
    DEFAULT_DURATION,
    DEFAULT_MODE,
    DEFAULT_MODEL,
    Feature,
    model_spec,
)
from kling_studio.api.models import CameraControl
from kling_studio.motion.carried import BRUSH_AS_END_FRAME, Part, how_sent
from kling_studio.motion.intent import MotionIntent, intent_of_paint

if TYPE_CHECKING:
    from kling_studio.motion.endframe import EndFrame

from .contract import Carried, Control
from .state import StudioState, camera_from

Mask = npt.NDArray[np.bool_]

END_FRAME_NAME: Final = "end frame from the brush"
"""The end frame slot's picture name once the brush's end frame is used."""


@dataclass(frozen=True)
class Painted:
    """The brush as painted: the picture's size, its static area, each dynamic area's label,
    mask and path (top-left picture pixels)."""

    picture_size: tuple[int, int]
    static: Mask | None
    dynamic: tuple[tuple[str, Mask, tuple[tuple[float, float], ...]], ...]

    def intent(
        self, camera: CameraControl | None = None, how: str = BRUSH_AS_END_FRAME
    ) -> MotionIntent:
        return intent_of_paint(
            picture_size=self.picture_size,
            static=self.static,
            dynamic=[(label, mask, path) for label, mask, path in self.dynamic],
            camera=camera,
            how=how,
        )


def painted(
    areas: Sequence[Mapping[str, Any]], masks: Mapping[str, Mask], picture_size: tuple[int, int]
) -> Painted:
    """The Studio's areas and masks as a ``Painted`` brush (dynamic areas with a path only)."""
    static = next(
        (masks[a["id"]] for a in areas if a["kind"] == "static" and a["id"] in masks), None
    )
    dynamic = tuple(
        (str(a["label"]), masks[a["id"]], tuple((float(x), float(y)) for x, y in a["path"]))
        for a in areas
        if a["kind"] == "dynamic" and a["id"] in masks and len(a.get("path") or ()) >= 2
    )
    return Painted(picture_size, static, dynamic)


@dataclass(frozen=True)
class Refusal:
    """A reason the end frame is not offered now, and when it applies."""

    applies: Callable[[StudioState, str, str, str], bool]
    reason: Callable[[StudioState, str, str, str], str]


def _spec_has(feature: Feature) -> Callable[[StudioState, str, str, str], bool]:
    def has(_state: StudioState, model: str, mode: str, duration: str) -> bool:
        spec = model_spec(model)
        return spec is not None and spec.supports(feature, mode, duration)

    return has


def _has_path(state: StudioState) -> bool:
    return any(a.kind == "dynamic" and a.mask_png and len(a.path) >= 2 for a in state.areas)


END_FRAME_REFUSALS: Final = (
    Refusal(
        lambda state, *_: state.kind != "image2video",
        lambda *_: "multi-image video has no end frame",
    ),
    Refusal(lambda _s, model, *_: model_spec(model) is None, lambda _s, m, *_: f"{m} is unknown"),
    Refusal(_spec_has(Feature.MOTION_BRUSH), lambda _s, m, *_: f"{m} takes the brush itself"),
    Refusal(
        lambda *args: not _spec_has(Feature.START_END_FRAME)(*args),
        lambda _s, m, mode, d: f"{m} {mode} {d} s takes no end frame",
    ),
    Refusal(lambda state, *_: state.image is None, lambda *_: "choose a start frame first"),
    Refusal(
        lambda state, *_: not _has_path(state),
        lambda *_: "paint a dynamic area and draw its path first",
    ),
)
"""Checked in order; the first that applies is the reason beside the disabled button."""


def _selection(state: StudioState) -> tuple[str, str, str]:
    params = state.params
    return (
        str(params.get("model_name") or DEFAULT_MODEL),
        str(params.get("mode") or DEFAULT_MODE),
        str(params.get("duration") or DEFAULT_DURATION),
    )


def end_frame_control(state: StudioState) -> Control:
    selection = _selection(state)
    for refusal in END_FRAME_REFUSALS:
        if refusal.applies(state, *selection):
            return {"enabled": False, "reason": refusal.reason(state, *selection)}
    return {"enabled": True, "reason": ""}


def offered_phrase(state: StudioState) -> str:
    """The camera move in words, when one is set that the chosen model cannot take."""
    from kling_studio.motion.camera_words import camera_phrase

    camera = camera_from(state.params)
    if camera is None or state.kind != "image2video":
        return ""
    if _spec_has(Feature.CAMERA_CONTROL)(state, *_selection(state)):
        return ""
    return camera_phrase(camera)


def carried(state: StudioState, *, end_frame_in_use: bool, words_added: str | None) -> Carried:
    prompt = str(state.params.get("prompt") or "")
    return {
        "end_frame": end_frame_control(state),
        "end_frame_in_use": end_frame_in_use,
        "camera_phrase": offered_phrase(state),
        "camera_phrase_in_prompt": bool(words_added and words_added in prompt),
    }


@dataclass(frozen=True)
class MadeEndFrame:
    """An end frame made from the brush, with the brush it was made from."""

    frame: EndFrame
    png: bytes
    brush: Painted


@dataclass
class Carrier:
    """What the Studio carried across: the end frame last made (shown for approval), the one put
    in the end frame slot, and the words added to the prompt for the camera move."""

    made: MadeEndFrame | None = None
    in_use: MadeEndFrame | None = None
    words: tuple[str, CameraControl] | None = None

    def make(self, picture: npt.NDArray[np.uint8], brush: Painted) -> MadeEndFrame:
        """Render the brush's end frame (``motion.endframe``: the areas at their paths' ends,
        the static area untouched, the holes inpainted)."""
        from kling_studio.motion.endframe import end_frame

        frame = end_frame(
            picture,
            static=brush.static,
            areas=[(mask, path) for _label, mask, path in brush.dynamic],
        )
        self.made = MadeEndFrame(frame, frame.png(), brush)
        return self.made

    def used(self, stored: bytes) -> MadeEndFrame:
        """The end frame made last is now the end frame slot's picture (``stored``: its bytes
        as the slot keeps them, so a later replacement is told apart)."""
        if self.made is None:
            raise ValueError("end_frame: make the end frame first (make_end_frame())")
        self.in_use = replace(self.made, png=stored)
        return self.in_use

    def intent(
        self, sent: MotionIntent | None, payload: Mapping[str, Any], tail: bytes | None
    ) -> MotionIntent | None:
        """What a result is measured against: the payload's own brush and camera, or what was
        carried into it — the brush, when its end frame went as ``image_tail`` unchanged; the
        camera move, when its words are in the prompt sent."""
        brush = (
            self.in_use.brush
            if self.in_use is not None and payload.get("image_tail") and tail is self.in_use.png
            else None
        )
        words = (
            self.words[1]
            if self.words is not None and self.words[0] in str(payload.get("prompt") or "")
            else None
        )
        if sent is not None and sent.areas:
            brush = None  # the model took the brush itself
        if sent is not None and sent.camera is not None:
            words = None
        if brush is None and words is None:
            return sent
        painted_sent = sent is not None and (bool(sent.areas) or sent.static is not None)
        camera = words or (sent.camera if sent is not None else None)
        carried: set[Part] = {"brush"} if brush is not None else set()
        if words is not None:
            carried.add("camera")
        how = how_sent(
            brush=brush is not None or painted_sent, camera=camera is not None, carried=carried
        )
        if brush is not None:
            return brush.intent(camera=camera, how=how)
        assert sent is not None or camera is not None
        return MotionIntent(
            areas=sent.areas if sent else (),
            static=sent.static if sent else None,
            camera=camera,
            picture_size=sent.picture_size if sent else None,
            how=how,
        )
