"""The Studio's state as plain data, and the request it stands for.

Traits and uploaded media are snapshotted into a ``StudioState``; ``request_from_state`` turns
that into the client's request. The ``params`` trait already speaks the request's field names
(``contract.Params``). Pure: no widget, no I/O, so it is tested without a browser.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from kling_studio.api.models import (
    CameraControl,
    DynamicMask,
    Element,
    Image2VideoRequest,
    MultiImage2VideoRequest,
    Request,
    Shot,
    Voice,
)

AreaKind = Literal["static", "dynamic"]


@dataclass(frozen=True)
class Area:
    """One painted area: its mask (PNG from the browser, or None while unpainted) and, for a
    dynamic area, the path it travels in top-left image pixels."""

    id: str
    kind: AreaKind
    mask_png: bytes | None = None
    path: tuple[tuple[float, float], ...] = ()


@dataclass(frozen=True)
class StudioState:
    kind: Literal["image2video", "multi-image2video"] = "image2video"
    image: bytes | None = None
    tail: bytes | None = None
    multi: tuple[bytes, ...] = ()
    areas: tuple[Area, ...] = ()
    params: Mapping[str, Any] = field(default_factory=dict)


TEXT_FIELDS = ("prompt", "negative_prompt", "external_task_id")
CHOICE_FIELDS = ("model_name", "mode", "duration")


def _text(params: Mapping[str, Any], name: str) -> str | None:
    value = params.get(name)
    return value if isinstance(value, str) and value.strip() else None


def _common(params: Mapping[str, Any]) -> dict[str, Any]:
    fields: dict[str, Any] = {name: _text(params, name) for name in (*TEXT_FIELDS, *CHOICE_FIELDS)}
    if (params.get("watermark_info") or {}).get("enabled"):
        fields["watermark_info"] = {"enabled": True}
    return fields


def camera_from(params: Mapping[str, Any]) -> CameraControl | None:
    camera = params.get("camera_control")
    if not isinstance(camera, Mapping) or not camera.get("type"):
        return None
    if camera["type"] == "simple":
        return CameraControl.simple(
            **{k: float(v) for k, v in (camera.get("config") or {}).items()}
        )
    return CameraControl(type=camera["type"])


def request_from_state(state: StudioState) -> Request:
    """The request the Studio would send now (validation happens when it is prepared)."""
    params = state.params
    if state.kind == "multi-image2video":
        return MultiImage2VideoRequest(
            image_list=list(state.multi), aspect_ratio=params.get("aspect_ratio"), **_common(params)
        )
    painted = [area for area in state.areas if area.mask_png]
    static = next((a.mask_png for a in painted if a.kind == "static"), None)
    return Image2VideoRequest(
        image=state.image,
        image_tail=state.tail,
        cfg_scale=params.get("cfg_scale"),
        static_mask=static,
        dynamic_masks=[
            DynamicMask(mask=area.mask_png, trajectories=list(area.path))
            for area in painted
            if area.kind == "dynamic"
        ],
        camera_control=camera_from(params),
        sound="on" if params.get("sound") == "on" else None,
        voice_list=[Voice(voice_id=v["voice_id"]) for v in params.get("voice_list") or []],
        element_list=[
            Element(element_id=e["element_id"]) for e in params.get("element_list") or []
        ],
        **_shots(params),
        **_common(params),
    )


def _shots(params: Mapping[str, Any]) -> dict[str, Any]:
    """Multi-shot fields, only while multi-shot is on: the shots stay in the Studio when it is
    off, and ``intelligence`` lets the model cut, so the shots are not sent with it."""
    if not params.get("multi_shot"):
        return {}
    shot_type = params.get("shot_type") or "customize"
    fields: dict[str, Any] = {"multi_shot": True, "shot_type": shot_type}
    if shot_type == "customize":
        fields["multi_prompt"] = [
            Shot(index=position, prompt=shot["prompt"], duration=str(shot["duration"]))
            for position, shot in enumerate(params.get("multi_prompt") or [], start=1)
        ]
    return fields


def used_groups(state: StudioState) -> list[str]:
    """The mutually exclusive groups the state uses (for disabling the others)."""
    used = []
    if state.tail:
        used.append("image_tail")
    if any(area.mask_png for area in state.areas):
        used.append("motion_brush")
    if camera_from(state.params) is not None:
        used.append("camera_control")
    return used
