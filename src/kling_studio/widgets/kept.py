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

from .controls import MODEL_FLAGS
from .state import StudioState, camera_from


@dataclass(frozen=True)
class Group:
    """One thing a person sets that some models cannot use."""

    name: str
    """What a person calls it (the chip's or control's words)."""
    field: str
    """The request field a note is filed under (so it shows next to that control)."""
    used: Callable[[StudioState], bool]
    strip: Callable[[StudioState], StudioState]
    features: tuple[Feature, ...] = ()
    """The capability-map features that make it usable (any one is enough)."""
    flag: str | None = None
    """Or the model-wide flag (a ``controls.MODEL_FLAGS`` key) for what the map does not list
    per mode and duration (cfg_scale, multi-shot, elements)."""

    def can_use(self, spec: ModelSpec, mode: str, duration: str) -> bool:
        if self.flag is not None:
            return MODEL_FLAGS[self.flag][1](spec)
        return any(spec.supports(feature, mode, duration) for feature in self.features)


def _without_params(*names: str) -> Callable[[StudioState], StudioState]:
    return lambda state: replace(
        state, params={k: v for k, v in state.params.items() if k not in names}
    )


def _listed(name: str) -> Callable[[StudioState], bool]:
    """A list parameter with at least one row (an empty row is the person's too)."""
    return lambda state: bool(state.params.get(name))


GROUPS: tuple[Group, ...] = (
    Group(
        "the tail frame",
        "image_tail",
        used=lambda state: state.tail is not None,
        strip=lambda state: replace(state, tail=None),
        features=(Feature.START_END_FRAME, Feature.TAIL_FRAME_ONLY),
    ),
    Group(
        "the motion brush",
        "dynamic_masks",
        used=lambda state: any(area.mask_png for area in state.areas),
        strip=lambda state: replace(
            state, areas=tuple(replace(area, mask_png=None) for area in state.areas)
        ),
        features=(Feature.MOTION_BRUSH,),
    ),
    Group(
        "the camera move",
        "camera_control",
        used=lambda state: camera_from(state.params) is not None,
        strip=_without_params("camera_control"),
        features=(Feature.CAMERA_CONTROL,),
    ),
    Group(
        "sound",
        "sound",
        used=lambda state: state.params.get("sound") == "on",
        strip=_without_params("sound"),
        features=(Feature.SOUND,),
    ),
    Group(
        "the voices",
        "voice_list",
        used=_listed("voice_list"),
        strip=_without_params("voice_list"),
        features=(Feature.VOICE,),
    ),
    Group(
        "the elements",
        "element_list",
        used=_listed("element_list"),
        strip=_without_params("element_list"),
        flag="element_list",
    ),
    Group(
        "the shots",
        "multi_shot",
        used=lambda state: bool(state.params.get("multi_shot")),
        strip=_without_params("multi_shot", "shot_type", "multi_prompt"),
        flag="multi_shot",
    ),
    Group(
        "cfg_scale",
        "cfg_scale",
        used=lambda state: state.params.get("cfg_scale") is not None,
        strip=_without_params("cfg_scale"),
        flag="cfg_scale",
    ),
)
"""Everything the Studio keeps rather than sends when the model cannot use it."""

BY_FIELD: Mapping[str, Group] = {group.field: group for group in GROUPS}


def _where(group: Group) -> str:
    if group.flag is not None:
        has = MODEL_FLAGS[group.flag][1]
        return ", ".join(name for name, spec in MODELS.items() if has(spec))
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
            brief = why = "kept, not part of multi-image video"
        elif spec is not None and not group.can_use(spec, mode, duration):
            brief = f"kept, not sent with {model} {mode} {duration} s"
            why = f"{brief} — it is on {_where(group)}"
        else:
            continue
        state = group.strip(state)
        notes.append(Problem(group.field, f"{group.name}: {why}", severity="warning", brief=brief))
    return state, notes
