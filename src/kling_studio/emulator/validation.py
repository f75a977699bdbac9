"""Submit-time validation of create requests, written from the docs (kling-api.md §4, §5, §8–11).

It shares only the capability table with the client, never the client's checks, so each of the
two checks the other. Field shapes are read by ``fields.Body``; the rules that cut across fields
and the capability map are the ``RULES`` table below.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Final, Literal
from urllib.parse import urlsplit

from kling_studio.api.capabilities import (
    CAMERA_AXES,
    CAMERA_AXIS_LIMIT,
    CAMERA_PRESETS,
    CAMERA_TYPES,
    DEFAULT_MODEL,
    LIMITS,
    MODELS,
    MODES,
    MULTI_IMAGE,
    PROMPT_LIMITS,
    SHOT_TYPES,
    SOUND_VALUES,
    STD_PRO,
    Feature,
    ModelSpec,
    model_spec,
)

from .envelope import Family
from .errors import ApiError, invalid
from .fields import Body, shown, whole
from .images import ImageSource, parse_image

Endpoint = Literal["image2video", "multi-image2video"]
ENDPOINTS: Final[tuple[Endpoint, ...]] = ("image2video", "multi-image2video")
DEFAULT_CAMERA_TYPE: Final = "simple"
"""``camera_control.type`` is optional in the doc; a ``config`` alone is a simple move (§11)."""
REJECTS_ASPECT_RATIO: Final = frozenset({"kling-v3"})
"""image2video models that refuse ``aspect_ratio`` (others ignore it: output follows the image)."""


@dataclass(frozen=True)
class DynamicMask:
    mask: ImageSource
    trajectory: tuple[tuple[int, int], ...]
    """Pixel points of the input image, origin bottom-left, as sent."""


@dataclass(frozen=True)
class CameraControl:
    type: str
    config: Mapping[str, float]
    """The six axes for ``simple``; empty for the presets."""
    gain: float = 1.0
    """Scales every move as rendered; never sent: -1 is a ``camera_reversed`` disobedience."""


@dataclass(frozen=True)
class Shot:
    index: int
    prompt: str
    duration: int


@dataclass(frozen=True)
class TaskRequest:
    """A create request that passed validation: what the task renders and charges."""

    endpoint: Endpoint
    model: str
    mode: str
    duration: str
    prompt: str = ""
    negative_prompt: str = ""
    cfg_scale: float | None = None
    image: ImageSource | None = None
    image_tail: ImageSource | None = None
    static_mask: ImageSource | None = None
    dynamic_masks: tuple[DynamicMask, ...] = ()
    camera: CameraControl | None = None
    sound: bool = False
    voices: tuple[str, ...] = ()
    elements: tuple[str, ...] = ()
    multi_shot: bool = False
    shot_type: str | None = None
    shots: tuple[Shot, ...] = ()
    aspect_ratio: str | None = None
    image_list: tuple[ImageSource, ...] = ()
    watermark: bool = False
    callback_url: str | None = None
    external_task_id: str | None = None

    @property
    def motion_brush(self) -> bool:
        return self.static_mask is not None or bool(self.dynamic_masks)

    @property
    def seconds(self) -> int:
        return int(self.duration)


def validate(endpoint: Endpoint, raw: object, family: Family) -> TaskRequest:
    """The checked request, or ApiError (1200 bad body, 1201 bad field, 1203 unknown model)."""
    if not isinstance(raw, Mapping):
        raise ApiError(1200, "request body must be a JSON object")
    body = Body(raw)
    if endpoint == "multi-image2video":
        return _multi_image(body, family)
    request = _image2video(body, family)
    spec = MODELS[request.model]
    for rule in RULES:
        message = rule(request, spec)
        if message:
            raise invalid(message)
    return request


def _model(body: Body, default: str) -> ModelSpec:
    name = body.text("model_name", default=default)
    spec = model_spec(name)
    if spec is None:
        known = ", ".join(MODELS)
        raise ApiError(1203, f"model_name({name}) does not exist; known models: {known}")
    return spec


def _common(
    endpoint: Endpoint, body: Body, spec: ModelSpec, family: Family, *, prompt: bool = True
) -> TaskRequest:
    """The fields that both endpoints read the same way; ``prompt=False`` leaves the prompt
    unread (a customized multi-shot request, whose shots carry the prompts)."""
    limits = PROMPT_LIMITS[family]
    watermark = body.obj("watermark_info")
    return TaskRequest(
        endpoint=endpoint,
        model=spec.name,
        mode=body.choice("mode", MODES, "std"),
        duration=body.choice("duration", spec.durations, "5"),
        prompt=body.text("prompt", limit=limits.prompt) if prompt else "",
        negative_prompt=body.text("negative_prompt", limit=limits.negative_prompt),
        watermark=watermark.flag("enabled") if watermark else False,
        callback_url=_callback_url(body),
        external_task_id=body.text("external_task_id") or None,
    )


def _callback_url(body: Body) -> str | None:
    url = body.text("callback_url") or None
    if url is not None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise invalid(f"callback_url must be an http(s) URL, got {shown(url)}")
    return url


def _image2video(body: Body, family: Family) -> TaskRequest:
    spec = _model(body, DEFAULT_MODEL)
    multi_shot, shot_type, shots = _multi_shot_fields(body)
    return replace(
        _common("image2video", body, spec, family, prompt=shot_type != "customize"),
        cfg_scale=_cfg_scale(body, spec),
        image=_optional_image(body, "image"),
        image_tail=_optional_image(body, "image_tail"),
        static_mask=_optional_image(body, "static_mask"),
        dynamic_masks=tuple(
            _dynamic_mask(item)
            for item in body.objects("dynamic_masks", low=0, high=LIMITS.max_dynamic_masks)
        ),
        camera=_camera(body.obj("camera_control")),
        sound=body.choice("sound", SOUND_VALUES, "off") == "on",
        voices=tuple(
            _identifier(item, "voice_id")
            for item in body.objects("voice_list", low=0, high=LIMITS.max_voices)
        ),
        elements=tuple(
            _identifier(item, "element_id")
            for item in body.objects("element_list", low=0, high=LIMITS.max_elements)
        ),
        multi_shot=multi_shot,
        shot_type=shot_type,
        shots=shots,
        aspect_ratio=body.text("aspect_ratio") or None,
    )


def _multi_shot_fields(body: Body) -> tuple[bool, str | None, tuple[Shot, ...]]:
    """``multi_shot``, ``shot_type`` and the ``multi_prompt`` shots. The doc has the last two
    ignored unless ``multi_shot`` is true, so they are only read then, and the shots only for
    ``customize`` (``intelligence`` splits the prompt itself)."""
    if not body.flag("multi_shot"):
        return False, None, ()
    shot_type = body.choice("shot_type", SHOT_TYPES, "") or None
    if shot_type != "customize" or not body.has("multi_prompt"):
        return True, shot_type, ()
    items = body.objects("multi_prompt", low=LIMITS.min_shots, high=LIMITS.max_shots)
    return True, shot_type, tuple(_shot(item) for item in items)


def _cfg_scale(body: Body, spec: ModelSpec) -> float | None:
    """Range-checked like any number, then dropped where the model has no use for it: the docs
    say v2.x models do not support it, not that the service refuses it, and public clients
    (ComfyUI's default kling-v2-master at 0.8) send it anyway (kling-api.md §11)."""
    value = body.number("cfg_scale", LIMITS.cfg_scale_min, LIMITS.cfg_scale_max)
    return value if spec.cfg_scale else None


def _optional_image(body: Body, key: str) -> ImageSource | None:
    value = body.value(key)
    return None if value is None else parse_image(value, body.name(key))


def _required_image(body: Body, key: str) -> ImageSource:
    value = body.value(key)
    if value is None:
        raise invalid(f"{body.name(key)} is required")
    return parse_image(value, body.name(key))


def _dynamic_mask(item: Body) -> DynamicMask:
    points = item.objects(
        "trajectories", low=LIMITS.min_trajectory_points, high=LIMITS.max_trajectory_points
    )
    return DynamicMask(
        mask=_required_image(item, "mask"), trajectory=tuple(_point(p) for p in points)
    )


def _point(point: Body) -> tuple[int, int]:
    x, y = whole(point.value("x")), whole(point.value("y"))
    if x is None or y is None or x < 0 or y < 0:
        raise invalid(
            f"{point.path} must be {{x, y}} with non-negative integer pixel "
            f"coordinates, got x={shown(point.value('x'))}, y={shown(point.value('y'))}"
        )
    return x, y


def _camera(camera: Body | None) -> CameraControl | None:
    if camera is None:
        return None
    kind = camera.choice("type", CAMERA_TYPES, DEFAULT_CAMERA_TYPE)
    config = camera.obj("config")
    if kind in CAMERA_PRESETS:
        if config is not None:
            raise invalid(f"camera_control.config must be omitted for type {kind}")
        return CameraControl(type=kind, config={})
    if config is None:
        raise invalid("camera_control.config is required for type simple")
    axes = {
        axis: config.number(axis, -CAMERA_AXIS_LIMIT, CAMERA_AXIS_LIMIT) or 0.0
        for axis in CAMERA_AXES
    }
    moving = [axis for axis, value in axes.items() if value != 0]
    if len(moving) != 1:
        raise invalid(
            "camera_control.config must have exactly one non-zero field among "
            f"{', '.join(CAMERA_AXES)} for type simple, got {len(moving)}"
        )
    return CameraControl(type=kind, config=axes)


def _identifier(item: Body, key: str) -> str:
    value = item.value(key)
    if (not isinstance(value, str) or not value.strip()) and whole(value) is None:
        raise invalid(f"{item.name(key)} is required (a non-empty string), got {shown(value)}")
    return str(value)


def _shot(item: Body) -> Shot:
    """One ``multi_prompt`` item: ``{index: int, prompt: str, duration: str}``; its prompt is
    all the shot has to go on, so it is required."""
    index, prompt, duration = (
        whole(item.value("index")),
        item.value("prompt"),
        item.value("duration"),
    )
    if index is None:
        raise invalid(f"{item.name('index')} must be an integer, got {shown(item.value('index'))}")
    if not isinstance(prompt, str) or not prompt.strip():
        raise invalid(
            f"{item.name('prompt')} is required (a non-empty string), got {shown(prompt)}"
        )
    shortest = LIMITS.min_shot_seconds
    if not isinstance(duration, str) or not duration.isdigit() or int(duration) < shortest:
        raise invalid(
            f"{item.name('duration')} must be a whole number of seconds from {shortest}, "
            f"as a string, got {shown(duration)}"
        )
    return Shot(
        index=index,
        prompt=item.text("prompt", limit=LIMITS.max_shot_prompt),
        duration=int(duration),
    )


def _multi_image(body: Body, family: Family) -> TaskRequest:
    spec = _model(body, MULTI_IMAGE.models[0])
    if spec.name not in MULTI_IMAGE.models:
        raise invalid(
            f"model_name({spec.name}) is not supported by multi-image2video; "
            f"use {', '.join(MULTI_IMAGE.models)}"
        )
    for key in ("image", "image_tail", "static_mask", "dynamic_masks", "camera_control"):
        if body.has(key):
            raise invalid(f"{key} is not supported by multi-image2video")
    common = _common("multi-image2video", body, spec, family)
    if not common.prompt:
        raise invalid("prompt is required for multi-image2video")
    items = body.objects("image_list", low=MULTI_IMAGE.min_images, high=MULTI_IMAGE.max_images)
    return replace(
        common,
        image_list=tuple(_required_image(item, "image") for item in items),
        aspect_ratio=body.choice(
            "aspect_ratio", MULTI_IMAGE.aspect_ratios, MULTI_IMAGE.default_aspect_ratio
        ),
    )


def parse_page(number: str | None, size: str | None) -> tuple[int, int]:
    """``pageNum`` (1–1000, default 1) and ``pageSize`` (1–500, default 30) of a list query."""
    return (
        _page_param("pageNum", number, 1, LIMITS.max_page_num),
        _page_param("pageSize", size, 30, LIMITS.max_page_size),
    )


def _page_param(name: str, value: str | None, default: int, high: int) -> int:
    if value is None or value == "":
        return default
    if not value.isdigit() or not 1 <= int(value) <= high:
        raise invalid(f"{name} must be an integer from 1 to {high}, got {shown(value)}")
    return int(value)


Rule = Callable[[TaskRequest, ModelSpec], str | None]


def _slot(request: TaskRequest) -> str:
    return f"{request.model}/{request.mode}/{request.duration}"


def _where_supported(feature: Feature) -> str:
    """Every model × mode × duration that has ``feature``, in the real messages' wording."""
    places = []
    for spec in MODELS.values():
        slots = spec.slots_for(feature)
        if slots:
            modes = "/".join(m for m in STD_PRO if any(mode == m for mode, _ in slots))
            durations = "/".join(sorted({d for _, d in slots}, key=int))
            places.append(f"in {modes} mode with {durations}s duration and {spec.name}")
    return "; or ".join(places) or "by no model"


@dataclass(frozen=True)
class FeatureRule:
    """A request trait that the capability map must allow for the model × mode × duration."""

    feature: Feature
    used: Callable[[TaskRequest], bool]
    what: str
    wording: Literal["slot", "only"] = "slot"

    def __call__(self, request: TaskRequest, spec: ModelSpec) -> str | None:
        if not self.used(request) or spec.supports(self.feature, request.mode, request.duration):
            return None
        if self.wording == "only":
            return f"{self.what} is only supported {_where_supported(self.feature)}"
        if not spec.slots_for(self.feature):
            return f"{self.what} is not supported by the current model ({spec.name})"
        return f"model/mode/duration({_slot(request)}) is not supported with {self.what}"


def _needs_image(request: TaskRequest, spec: ModelSpec) -> str | None:
    if request.image is None and request.image_tail is None:
        return "image and image_tail cannot both be empty"
    return None


def _one_control(request: TaskRequest, spec: ModelSpec) -> str | None:
    used = [request.image_tail is not None, request.motion_brush, request.camera is not None]
    if sum(used) > 1:
        return (
            "image_tail, motion brush (static_mask/dynamic_masks) and camera_control "
            "cannot be used together; send only one of them"
        )
    return None


def _camera_type(request: TaskRequest, spec: ModelSpec) -> str | None:
    if request.camera and request.camera.type not in spec.camera_types:
        allowed = ", ".join(spec.camera_types)
        return (
            f"camera_control.type({request.camera.type}) is not supported by {spec.name}; "
            f"supported: {allowed}"
        )
    return None


def _silent_tail(request: TaskRequest, spec: ModelSpec) -> str | None:
    if spec.silent_with_tail and request.sound and request.image_tail is not None:
        return (
            f"{spec.name} start and end frame videos are silent only: "
            'set sound to "off" when image_tail is used'
        )
    return None


def _voice_needs_sound(request: TaskRequest, spec: ModelSpec) -> str | None:
    if request.voices and not request.sound:
        return 'voice_list requires sound "on"'
    return None


def _elements(request: TaskRequest, spec: ModelSpec) -> str | None:
    if not request.elements:
        return None
    if not spec.element_list:
        return f"element_list is not supported by the current model ({spec.name})"
    if request.voices:
        return "element_list cannot be combined with voice_list"
    return None


def _multi_shot(request: TaskRequest, spec: ModelSpec) -> str | None:
    if not request.multi_shot:
        return None
    if not spec.multi_shot:
        return f"multi_shot is not supported by the current model ({spec.name})"
    if request.shot_type is None:
        return f"shot_type is required when multi_shot is true ({', '.join(SHOT_TYPES)})"
    if request.shot_type != "customize":
        return None
    if not request.shots:
        return (
            "multi_prompt is required when shot_type is customize "
            f"({LIMITS.min_shots} to {LIMITS.max_shots} shots)"
        )
    for position, shot in enumerate(request.shots):
        if shot.duration > request.seconds:
            return (
                f"multi_prompt[{position}].duration must be at most duration "
                f"({request.duration}s), got {shot.duration}s"
            )
    total = sum(shot.duration for shot in request.shots)
    if total != request.seconds:
        return (
            f"the durations in multi_prompt add up to {total}s "
            f"but duration is {request.duration}s; they must be equal"
        )
    return None


VOICE_REFERENCE: Final = re.compile(r"<<<voice_(\d+)>>>")
"""How a prompt says where a listed voice speaks: ``<<<voice_1>>>`` is voice_list[0]."""


def _voice_references(request: TaskRequest, spec: ModelSpec) -> str | None:
    """Every listed voice is referenced, and every reference is to a listed voice: in the
    prompt, or in any shot's prompt for a customized multi-shot request (whose prompt is
    ignored). Only on models that speak: elsewhere ``<<<voice_1>>>`` is just text."""
    if not spec.slots_for(Feature.VOICE):
        return None
    texts, where = (
        ([shot.prompt for shot in request.shots], "any multi_prompt shot's prompt")
        if request.shots
        else ([request.prompt], "prompt")
    )
    referenced = {int(n) for text in texts for n in VOICE_REFERENCE.findall(text)}
    listed = range(1, len(request.voices) + 1)
    for number in sorted(referenced):
        if number not in listed:
            return (
                f"{where} refers to <<<voice_{number}>>> but voice_list has "
                f"{len(request.voices)} voice(s); refer only to listed voices"
            )
    for number in listed:
        if number not in referenced:
            return (
                f"voice_list[{number - 1}] (voice_id {request.voices[number - 1]!r}) must be "
                f"referenced as <<<voice_{number}>>> in {where}"
            )
    return None


def _aspect_ratio(request: TaskRequest, spec: ModelSpec) -> str | None:
    if request.aspect_ratio is not None and spec.name in REJECTS_ASPECT_RATIO:
        return (
            f"aspect_ratio is not supported by {spec.name} image2video: "
            "the video follows the input image"
        )
    return None


RULES: Final[tuple[Rule, ...]] = (
    _needs_image,
    _one_control,
    FeatureRule(
        Feature.START_END_FRAME,
        lambda r: r.image is not None and r.image_tail is not None,
        "image_tail",
    ),
    FeatureRule(
        Feature.TAIL_FRAME_ONLY,
        lambda r: r.image is None and r.image_tail is not None,
        "image_tail without image",
    ),
    FeatureRule(Feature.MOTION_BRUSH, lambda r: r.motion_brush, "static_mask/dynamic_masks"),
    FeatureRule(Feature.CAMERA_CONTROL, lambda r: r.camera is not None, "camera_control", "only"),
    _camera_type,
    FeatureRule(Feature.SOUND, lambda r: r.sound, "sound"),
    _silent_tail,
    _voice_needs_sound,
    FeatureRule(Feature.VOICE, lambda r: bool(r.voices), "voice_list"),
    _elements,
    _multi_shot,
    _voice_references,
    _aspect_ratio,
)
"""Checked in order; the first message wins, as a 1201."""
