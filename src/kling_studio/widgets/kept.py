"""What the person set that the chosen model cannot use: kept in the Studio, left out of the
request, and said.

Switching from kling-v1 to kling-v2-1 must not trap anyone: the paint, the camera move, the tail
frame stay where they are (switch back and they are sent again), the request goes without them,
and a note per group says so and where the feature is available. Nothing set is dropped from a
request without such a note. Pure: a ``StudioState`` in, the state to send and the notes out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from kling_studio.api.availability import where_available
from kling_studio.api.capabilities import (
    DEFAULT_DURATION,
    DEFAULT_MODE,
    DEFAULT_MODEL,
    MODELS,
    Feature,
    ModelSpec,
)
from kling_studio.api.problems import Problem

from .state import StudioState, camera_from


@dataclass(frozen=True)
class Group:
    """One thing a person sets that some models cannot use."""

    name: str
    """What a person calls it (the chip's or control's words)."""
    field: str
    """The request field a note is filed under (so it shows next to that control)."""
    used: Callable[[StudioState], bool]
    usable: Callable[[ModelSpec, str, str], bool]
    strip: Callable[[StudioState], StudioState]
    features: tuple[Feature, ...] = ()


def _feature(*features: Feature) -> Callable[[ModelSpec, str, str], bool]:
    return lambda spec, mode, duration: any(spec.supports(f, mode, duration) for f in features)


def _without_params(*names: str) -> Callable[[StudioState], StudioState]:
    return lambda state: replace(
        state, params={k: v for k, v in state.params.items() if k not in names}
    )


def _voices(state: StudioState) -> bool:
    return any(v.get("voice_id") for v in state.params.get("voice_list") or [])


GROUPS: tuple[Group, ...] = (
    Group(
        "the tail frame",
        "image_tail",
        used=lambda state: state.tail is not None,
        usable=_feature(Feature.START_END_FRAME, Feature.TAIL_FRAME_ONLY),
        strip=lambda state: replace(state, tail=None),
        features=(Feature.START_END_FRAME, Feature.TAIL_FRAME_ONLY),
    ),
    Group(
        "the motion brush",
        "dynamic_masks",
        used=lambda state: any(area.mask_png for area in state.areas),
        usable=_feature(Feature.MOTION_BRUSH),
        strip=lambda state: replace(
            state, areas=tuple(replace(area, mask_png=None) for area in state.areas)
        ),
        features=(Feature.MOTION_BRUSH,),
    ),
    Group(
        "the camera move",
        "camera_control",
        used=lambda state: camera_from(state.params) is not None,
        usable=_feature(Feature.CAMERA_CONTROL),
        strip=_without_params("camera_control"),
        features=(Feature.CAMERA_CONTROL,),
    ),
    Group(
        "sound",
        "sound",
        used=lambda state: state.params.get("sound") == "on",
        usable=_feature(Feature.SOUND),
        strip=_without_params("sound"),
        features=(Feature.SOUND,),
    ),
    Group(
        "the voices",
        "voice_list",
        used=_voices,
        usable=_feature(Feature.VOICE),
        strip=_without_params("voice_list"),
        features=(Feature.VOICE,),
    ),
    Group(
        "cfg_scale",
        "cfg_scale",
        used=lambda state: state.params.get("cfg_scale") is not None,
        usable=lambda spec, _mode, _duration: spec.cfg_scale,
        strip=_without_params("cfg_scale"),
    ),
)
"""Everything the Studio keeps rather than sends when the model cannot use it."""

BY_FIELD: Mapping[str, Group] = {group.field: group for group in GROUPS}


def _where(group: Group) -> str:
    if not group.features:
        return "models that take it: " + ", ".join(
            name for name, spec in MODELS.items() if spec.cfg_scale
        )
    return where_available(group.features)


def sendable(state: StudioState) -> tuple[StudioState, list[Problem]]:
    """The state as the request will carry it, and a note for each thing kept but not sent.

    A model the table does not know is sent everything (the rules and ``strict`` decide);
    multi-image video sends none of the single-picture settings.
    """
    params = state.params
    model = str(params.get("model_name") or DEFAULT_MODEL)
    mode = str(params.get("mode") or DEFAULT_MODE)
    duration = str(params.get("duration") or DEFAULT_DURATION)
    spec = MODELS.get(model)
    multi = state.kind == "multi-image2video"
    if spec is None and not multi:
        return state, []
    notes: list[Problem] = []
    for group in GROUPS:
        if not group.used(state):
            continue
        if multi:
            why = "kept, not part of multi-image video"
        elif spec is not None and not group.usable(spec, mode, duration):
            why = f"kept, not sent with {model} {mode} {duration} s — it is on {_where(group)}"
        else:
            continue
        state = group.strip(state)
        notes.append(Problem(group.field, f"{group.name}: {why}", severity="warning"))
    return state, notes
