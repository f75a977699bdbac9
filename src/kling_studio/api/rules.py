"""Every documented rule of a request, as a table of small checks over the capability map.

Each check looks at one rule and yields the problems it finds; ``check_request`` runs them all,
so a user sees every problem at once. Capability-map problems carry severity ``capability`` so
that ``strict=False`` can turn them into warnings for models the table does not know yet; so do
fields and durations the provider's own page for the route does not document
(``capabilities.DOCUMENTED``: CometAPI's pages say nothing of kling-v3's fields). Media rules
(sizes, formats, masks) are checked where media is prepared (``prepare``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import urlsplit

from pydantic import BaseModel

from .availability import on_model, where_available
from .capabilities import (
    CAMERA_AXIS_LIMIT,
    CAMERA_PRESETS,
    DEFAULT_DURATION,
    DEFAULT_MODE,
    DEFAULT_MODEL,
    LIMITS,
    MODELS,
    MULTI_IMAGE,
    Feature,
    ModelSpec,
    PromptLimits,
    ProviderDocs,
    RouteDocs,
)
from .models import Image2VideoRequest, MultiImage2VideoRequest, Request
from .problems import FINITE, Problem


@dataclass(frozen=True)
class Facts:
    """A request with its defaults resolved, as every check sees it."""

    request: Request
    docs: RouteDocs
    """What the provider's page for this request's route documents."""
    model: str
    spec: ModelSpec | None
    mode: str
    duration: str

    @property
    def limits(self) -> PromptLimits:
        return self.docs.prompt_limits

    @property
    def features(self) -> frozenset[Feature]:
        return used_features(self.request)


def used_features(request: Request) -> frozenset[Feature]:
    """The capability-map features a request relies on."""
    if not isinstance(request, Image2VideoRequest):
        return frozenset()
    used = {
        Feature.START_END_FRAME: request.image is not None and request.image_tail is not None,
        Feature.TAIL_FRAME_ONLY: request.image is None and request.image_tail is not None,
        Feature.MOTION_BRUSH: request.static_mask is not None or bool(request.dynamic_masks),
        Feature.CAMERA_CONTROL: request.camera_control is not None,
        Feature.SOUND: request.sound == "on",
        Feature.VOICE: bool(request.voice_list),
    }
    return frozenset(feature for feature, on in used.items() if on)


def default_model(request: Request) -> str:
    """What the service runs when ``model_name`` is left out, on this request's route."""
    return MULTI_IMAGE.models[0] if isinstance(request, MultiImage2VideoRequest) else DEFAULT_MODEL


def _given(value: str | None) -> str | None:
    """A text field's value, or None when it is absent or blank (``check_blank`` reports
    blanks; the other checks see the default, so a blank is reported once)."""
    return value if value is not None and value.strip() else None


def facts_for(request: Request, docs: ProviderDocs) -> Facts:
    """``request`` with its defaults resolved, against the provider's page for its route."""
    model = _given(request.model_name) or default_model(request)
    return Facts(
        request=request,
        docs=docs.route(request.kind.value),
        model=model,
        spec=MODELS.get(model),
        mode=_given(request.mode) or DEFAULT_MODE,
        duration=_given(request.duration) or DEFAULT_DURATION,
    )


Check = Callable[[Facts], Iterable[Problem]]


def _capability(field: str, rule: str, value: object, lenient: str | None = None) -> Problem:
    return Problem(field, rule, value, severity="capability", lenient=lenient)


BLANK_HINTS: Final[Mapping[str, str]] = {
    "model_name": "leave it out for the default model, {model}",
    "mode": f"leave it out for the default, {DEFAULT_MODE}",
    "duration": f"leave it out for the default, {DEFAULT_DURATION} s",
    "aspect_ratio": f"leave it out for the default, {MULTI_IMAGE.default_aspect_ratio}",
    "external_task_id": "leave it out and the client makes one",
    "callback_url": "leave it out for no callback",
}
"""Optional text fields an empty string would reach the wire as ``""`` (the service would
read it as a value, not as the default), and what to do instead."""


def check_blank(facts: Facts) -> Iterator[Problem]:
    request = facts.request
    for name, hint in BLANK_HINTS.items():
        value = getattr(request, name, None)
        if value is not None and not value.strip():
            rule = "must not be empty" if value == "" else "must not be blank"
            hint = hint.format(model=default_model(request))
            yield Problem(name, f"{rule}: {hint}", repr(value))  # quoted: "" shows as ''


def non_finite(value: object, path: str = "") -> Iterator[tuple[str, object]]:
    """(field path, what to show) of each NaN or infinite number in a request, at any depth.

    A point (an (x, y) pair in a list) is reported at its list's path, as "point 3 at (nan, 5)",
    and only its first bad point: the path's field is where a person fixes it.
    """
    if isinstance(value, float):
        if not math.isfinite(value):
            yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from non_finite(getattr(value, name), f"{path}.{name}" if path else name)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, tuple):
                if not all(math.isfinite(c) for c in item if isinstance(c, float)):
                    yield path, f"point {index} at ({', '.join(f'{c:g}' for c in item)})"
                    return
            else:
                yield from non_finite(item, f"{path}[{index}]")


def check_finite(facts: Facts) -> Iterator[Problem]:
    """NaN and infinities pass a float field's type but not JSON: refused here, by name."""
    for path, shown in non_finite(facts.request):
        yield Problem(path, FINITE, shown)


def check_model(facts: Facts) -> Iterator[Problem]:
    if isinstance(facts.request, MultiImage2VideoRequest):
        if facts.model not in MULTI_IMAGE.models:
            yield _capability(
                "model_name",
                f"multi-image2video supports only {', '.join(MULTI_IMAGE.models)}",
                facts.model,
            )
    elif facts.spec is None:
        yield _capability(
            "model_name",
            f"is not in the capability table (known: {', '.join(MODELS)})",
            facts.model,
        )


def check_duration(facts: Facts) -> Iterator[Problem]:
    """The model's row first; a duration the model makes but the provider's page does not
    document (CometAPI lists 5 and 10 s only) is a capability problem naming the provider."""
    if isinstance(facts.request, MultiImage2VideoRequest):
        allowed: tuple[str, ...] | None = MULTI_IMAGE.durations
    else:
        allowed = facts.spec.durations if facts.spec is not None else None
    if allowed is not None and facts.duration not in allowed:
        yield _capability(
            "duration", f"{facts.model} makes clips of {', '.join(allowed)} s", facts.duration
        )
        return
    docs = facts.docs
    if docs.durations is not None and facts.duration not in docs.durations:
        documented = f"{', '.join(docs.durations)} s"
        yield _capability(
            "duration",
            f"{docs.provider}'s {docs.route} page documents only {documented} — sent as is only "
            "with strict=False",
            facts.duration,
            lenient=f"not documented on {docs.provider} ({documented} only) — sent as is",
        )


def _count(noun: str) -> Callable[[Any], object]:
    """Shows a list by its length ("2 voices"); an empty list is not set."""
    return lambda items: f"{len(items)} {noun}{'' if len(items) == 1 else 's'}" if items else None


def _as_is(value: Any) -> object:
    """Any other field is set when it holds something (not None, an empty text or list)."""
    return None if value is None or (isinstance(value, str | list) and not value) else value


SET_VALUE: Final[Mapping[str, Callable[[Any], object]]] = {
    "sound": lambda value: value if value == "on" else None,
    "multi_shot": lambda value: True if value is True else None,
    "shot_type": lambda value: value,
    "voice_list": _count("voice"),
    "multi_prompt": _count("shot"),
    "element_list": _count("element"),
}
"""Per field a route may leave undocumented: what to show when the request sets it, or None
when it holds the default (``sound`` "off", ``multi_shot`` false, an empty list), which is
not asking for anything."""


def check_documented(facts: Facts) -> Iterator[Problem]:
    """Fields the provider's page for this route does not document: it may pass them on or
    drop them, so they go only with ``strict=False``."""
    docs = facts.docs
    for name in type(facts.request).model_fields:
        if name not in docs.undocumented:
            continue
        shown = SET_VALUE.get(name, _as_is)(getattr(facts.request, name))
        if shown is not None:
            yield _capability(
                name,
                f"is not documented on {docs.provider}'s {docs.route} page — sent as is only "
                "with strict=False",
                shown,
                lenient=f"not documented on {docs.provider} — sent as is",
            )


def check_prompts(facts: Facts) -> Iterator[Problem]:
    request = facts.request
    for field, limit in (
        ("prompt", facts.limits.prompt),
        ("negative_prompt", facts.limits.negative_prompt),
    ):
        text = getattr(request, field) or ""
        if len(text) > limit:
            yield Problem(
                field,
                f"must be at most {limit} characters on {facts.docs.provider}",
                f"{len(text)} characters",
            )
    if isinstance(request, MultiImage2VideoRequest) and not (request.prompt or "").strip():
        yield Problem("prompt", "is required for multi-image2video", request.prompt)


def check_cfg_scale(facts: Facts) -> Iterator[Problem]:
    request = facts.request
    if not isinstance(request, Image2VideoRequest) or request.cfg_scale is None:
        return
    if not math.isfinite(request.cfg_scale):
        return  # check_finite says so
    if not LIMITS.cfg_scale_min <= request.cfg_scale <= LIMITS.cfg_scale_max:
        yield Problem(
            "cfg_scale",
            f"must be between {LIMITS.cfg_scale_min} and {LIMITS.cfg_scale_max}",
            request.cfg_scale,
        )


NO_EFFECT: Final[Mapping[str, Callable[[ModelSpec], bool]]] = {
    "cfg_scale": lambda spec: not spec.cfg_scale,
}
"""Fields a model's row says it does not use. Kling's docs say kling-v2.x has no cfg_scale,
not that the service refuses it (public clients send it and get videos, kling-api.md §11):
so it is a warning, and the field is left off the wire."""


def left_out(facts: Facts) -> tuple[str, ...]:
    """The request's fields that ``prepare`` leaves off the wire: they do nothing here."""
    spec = facts.spec
    if spec is None:
        return ()
    return tuple(
        name
        for name, idle in NO_EFFECT.items()
        if idle(spec) and getattr(facts.request, name, None) is not None
    )


def check_no_effect(facts: Facts) -> Iterator[Problem]:
    for name in left_out(facts):
        yield Problem(
            name,
            f"has no effect on {facts.model}; left out of the request",
            getattr(facts.request, name),
            severity="warning",
        )


def check_start_image(facts: Facts) -> Iterator[Problem]:
    request = facts.request
    if not isinstance(request, Image2VideoRequest) or request.image is not None:
        return
    if request.image_tail is None:
        yield Problem("image", "at least one of image and image_tail is required")
    if request.static_mask is not None or request.dynamic_masks:
        yield Problem("image", "the motion brush paints on image, so image is required")


EXCLUSIVE_GROUPS: tuple[tuple[str, str, Feature], ...] = (
    ("image_tail", "the tail frame", Feature.START_END_FRAME),
    ("static_mask/dynamic_masks", "the motion brush", Feature.MOTION_BRUSH),
    ("camera_control", "the camera move", Feature.CAMERA_CONTROL),
)
"""Field (where the problem is filed), what a person calls it, and its feature."""


def check_exclusive(facts: Facts) -> Iterator[Problem]:
    used = facts.features
    groups = [
        (field, words)
        for field, words, feature in EXCLUSIVE_GROUPS
        if feature in used
        or (feature is Feature.START_END_FRAME and Feature.TAIL_FRAME_ONLY in used)
    ]
    if len(groups) > 1:
        yield Problem(
            groups[1][0],
            "tail frame, motion brush and camera control are mutually exclusive: keep one and "
            "clear the others (in use: " + ", ".join(words for _, words in groups) + ")",
        )


FEATURE_FIELDS: dict[Feature, str] = {
    Feature.START_END_FRAME: "image_tail",
    Feature.TAIL_FRAME_ONLY: "image_tail",
    Feature.MOTION_BRUSH: "dynamic_masks",
    Feature.CAMERA_CONTROL: "camera_control",
    Feature.SOUND: "sound",
    Feature.VOICE: "voice_list",
}


def not_offered(feature: Feature, spec: ModelSpec) -> str:
    """Why ``feature`` cannot be used here, and where it can: the model's own modes and
    durations if it has any, else every model that offers it."""
    if here := on_model(spec, [feature]):
        return f"{feature} on {spec.name} needs {here}"
    return f"{feature} is not offered by {spec.name}; it is on {where_available([feature])}"


def check_features(facts: Facts) -> Iterator[Problem]:
    spec = facts.spec
    if spec is None:
        return
    for feature in sorted(facts.features):
        if not spec.supports(feature, facts.mode, facts.duration):
            yield _capability(
                FEATURE_FIELDS[feature],
                not_offered(feature, spec),
                f"{facts.mode} {facts.duration} s",
            )
    request = facts.request
    if (
        spec.silent_with_tail
        and Feature.SOUND in facts.features
        and isinstance(request, Image2VideoRequest)
        and request.image_tail is not None
    ):
        yield _capability("sound", f"{facts.model} start+end frame videos are silent only", "on")


def check_camera(facts: Facts) -> Iterator[Problem]:
    request = facts.request
    if not isinstance(request, Image2VideoRequest) or request.camera_control is None:
        return
    camera = request.camera_control
    if (
        facts.spec is not None
        and facts.spec.camera_types
        and camera.type not in facts.spec.camera_types
    ):
        yield _capability(
            "camera_control.type",
            f"{facts.model} supports only {', '.join(facts.spec.camera_types)}",
            camera.type,
        )
    if camera.type in CAMERA_PRESETS:
        if camera.config is not None:
            yield Problem("camera_control.config", f"must be omitted for type {camera.type}")
        return
    if camera.config is None:
        yield Problem("camera_control.config", "is required for type simple")
        return
    moved = camera.config.non_zero()
    for axis, value in moved.items():
        if math.isfinite(value) and abs(value) > CAMERA_AXIS_LIMIT:  # else check_finite's
            yield Problem(
                f"camera_control.config.{axis}",
                f"must be between -{CAMERA_AXIS_LIMIT:g} and {CAMERA_AXIS_LIMIT:g}",
                value,
            )
    if len(moved) != 1:
        shown = ", ".join(f"{axis} {value:g}" for axis, value in moved.items())
        yield Problem(
            "camera_control.config",
            "type simple needs exactly one non-zero axis: set the others to 0",
            shown or "all zero",
        )


def check_masks(facts: Facts) -> Iterator[Problem]:
    request = facts.request
    if not isinstance(request, Image2VideoRequest):
        return
    if len(request.dynamic_masks) > LIMITS.max_dynamic_masks:
        yield Problem(
            "dynamic_masks",
            f"at most {LIMITS.max_dynamic_masks} dynamic areas",
            f"{len(request.dynamic_masks)} areas",
        )


VOICE_TAG: Final = re.compile(r"<<<voice_(\d+)>>>")
"""How a prompt says where voice N (1-based, in voice_list order) speaks."""


def voice_texts(request: Image2VideoRequest) -> list[tuple[str, str]]:
    """(field, text) of the prompts that may name voices: each shot's prompt for multi-shot
    with shot_type customize (the top-level prompt is ignored then), else the prompt (which
    intelligence multi-shot splits into shots itself)."""
    if request.multi_shot and request.shot_type == "customize":
        return [
            (f"multi_prompt[{i}].prompt", shot.prompt)
            for i, shot in enumerate(request.multi_prompt)
        ]
    return [("prompt", request.prompt or "")]


def check_audio(facts: Facts) -> Iterator[Problem]:
    request = facts.request
    if not isinstance(request, Image2VideoRequest):
        return
    voices = request.voice_list
    if len(voices) > LIMITS.max_voices:
        yield Problem("voice_list", f"at most {LIMITS.max_voices} voices", f"{len(voices)} voices")
    if voices and request.sound != "on":
        yield Problem("sound", 'must be "on" when voice_list is given', request.sound)
    for index, voice in enumerate(voices):
        if not voice.voice_id.strip():
            yield Problem(
                f"voice_list[{index}].voice_id", "must not be empty", repr(voice.voice_id)
            )
    yield from _check_voice_tags(request)
    elements = request.element_list
    if len(elements) > LIMITS.max_elements:
        yield Problem(
            "element_list", f"at most {LIMITS.max_elements} elements", f"{len(elements)} elements"
        )
    for index, element in enumerate(elements):
        if not element.element_id.strip():
            yield Problem(
                f"element_list[{index}].element_id", "must not be empty", repr(element.element_id)
            )
    if elements and voices:
        yield Problem("element_list", "cannot be combined with voice_list")
    if elements and facts.spec is not None and not facts.spec.element_list:
        yield _capability("element_list", f"is not supported by {facts.model}", len(elements))


def _check_voice_tags(request: Image2VideoRequest) -> Iterator[Problem]:
    """Every voice is named in a prompt as ``<<<voice_N>>>``, and every name has its voice:
    a voice no prompt names would be paid for and never heard."""
    texts = voice_texts(request)
    where = "a shot's prompt" if texts and texts[0][0] != "prompt" else "the prompt"
    count = len(request.voice_list)
    named: set[int] = set()
    for field, text in texts:
        for number in sorted({int(n) for n in VOICE_TAG.findall(text)}):
            named.add(number)
            if not 1 <= number <= count:
                has = (
                    f"voice_list has {count} voice{'' if count == 1 else 's'}"
                    if count
                    else "voice_list is empty"
                )
                yield Problem(
                    field, f"names <<<voice_{number}>>> but {has}", f"<<<voice_{number}>>>"
                )
    for number, voice in enumerate(request.voice_list, start=1):
        if number not in named:
            yield Problem(
                f"voice_list[{number - 1}]",
                f"is never used: write <<<voice_{number}>>> in {where} where this voice speaks",
                voice.voice_id,
            )


def check_multi_shot(facts: Facts) -> Iterator[Problem]:
    """kling-v3's shots. kling-api.md §4 says both "when multi_shot is true, prompt is ignored"
    and "intelligence: the model splits shots from prompt"; the reading taken here is that only
    customize (each shot with its own prompt) ignores it, so a prompt given then is a warning,
    and with intelligence the prompt is the story the model cuts into shots."""
    request = facts.request
    if not isinstance(request, Image2VideoRequest):
        return
    if not request.multi_shot:
        if request.shot_type or request.multi_prompt:
            yield Problem(
                "multi_shot",
                "shot_type and multi_prompt are ignored unless multi_shot is true",
                request.multi_shot,
                severity="warning",
            )
        return
    if facts.spec is not None and not facts.spec.multi_shot:
        yield _capability("multi_shot", f"is not supported by {facts.model}", True)
    if request.shot_type is None:
        yield Problem("shot_type", "is required when multi_shot is true")
    if request.shot_type == "customize":
        if (request.prompt or "").strip():
            yield Problem(
                "prompt",
                "is ignored while multi-shot is on with customized shots: each shot has its own "
                "prompt",
                severity="warning",
            )
        yield from _check_shots(facts, request)


def _check_shots(facts: Facts, request: Image2VideoRequest) -> Iterator[Problem]:
    if not facts.duration.isdigit():
        return  # check_duration reports the duration itself
    shots = request.multi_prompt
    if not LIMITS.min_shots <= len(shots) <= LIMITS.max_shots:
        yield Problem(
            "multi_prompt",
            f"needs {LIMITS.min_shots} to {LIMITS.max_shots} shots for shot_type customize",
            f"{len(shots)} shots",
        )
    total = int(facts.duration)
    durations = []
    for position, shot in enumerate(shots):
        field = f"multi_prompt[{position}]"
        if len(shot.prompt) > LIMITS.max_shot_prompt:
            yield Problem(
                f"{field}.prompt",
                f"must be at most {LIMITS.max_shot_prompt} characters",
                f"{len(shot.prompt)} characters",
            )
        seconds = int(shot.duration) if shot.duration.isdigit() else -1
        least = LIMITS.min_shot_seconds
        if not least <= seconds <= total:
            yield Problem(
                f"{field}.duration",
                f"must be a whole number from {least} to {total}",
                shot.duration,
            )
        durations.append(max(seconds, 0))
    if shots and sum(durations) != total:
        yield Problem(
            "multi_prompt",
            f"shot durations must add up to duration ({total})",
            f"sum {sum(durations)}",
        )


def check_multi_image(facts: Facts) -> Iterator[Problem]:
    request = facts.request
    if not isinstance(request, MultiImage2VideoRequest):
        return
    count = len(request.image_list)
    if not MULTI_IMAGE.min_images <= count <= MULTI_IMAGE.max_images:
        yield Problem(
            "image_list",
            f"needs {MULTI_IMAGE.min_images} to {MULTI_IMAGE.max_images} images",
            f"{count} images",
        )


def check_ids(facts: Facts) -> Iterator[Problem]:
    url = _given(facts.request.callback_url)  # a blank one is check_blank's
    if url is not None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            yield Problem("callback_url", "must be an http(s) URL", url)


CHECKS: tuple[Check, ...] = (
    check_blank,
    check_finite,
    check_model,
    check_duration,
    check_documented,
    check_prompts,
    check_cfg_scale,
    check_no_effect,
    check_start_image,
    check_exclusive,
    check_features,
    check_camera,
    check_masks,
    check_audio,
    check_multi_shot,
    check_multi_image,
    check_ids,
)


def check_request(request: Request, docs: ProviderDocs) -> list[Problem]:
    """Every rule problem of ``request`` (media excepted), in table order, against what the
    provider (``Provider.docs``) documents for the request's route."""
    facts = facts_for(request, docs)
    return [problem for check in CHECKS for problem in check(facts)]
