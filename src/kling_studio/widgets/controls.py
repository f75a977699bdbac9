"""What the Studio's controls may do for the current selection, derived from the rule table.

The front end never decides what a model supports: it renders this. Each control gets
``{"enabled": bool, "reason": str}``; the catalogue lists the choices (models, durations, camera
types) and the provider's prompt limits. Pure: a selection in, plain JSON-able data out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from kling_studio.api.availability import on_model, where_available
from kling_studio.api.capabilities import (
    CAMERA_AXES,
    CAMERA_AXIS_LIMIT,
    CAMERA_TYPES,
    DEFAULT_DURATION,
    DEFAULT_MODE,
    DEFAULT_MODEL,
    LIMITS,
    MODELS,
    MULTI_IMAGE,
    SHOT_TYPES,
    Feature,
    ModelSpec,
    ProviderDocs,
    estimate_units,
)
from kling_studio.api.masks import MASK_THRESHOLD
from kling_studio.api.prepare import MAX_SOURCE_BYTES
from kling_studio.selection.limits import (
    ARC_BEND_DEFAULT,
    MAX_CLIP_BYTES,
    REFINE_DEFAULT_PX,
    REFINE_MAX_PX,
    TOLERANCE_DEFAULT,
    TOLERANCE_RANGE,
)

from .contract import Catalogue, Control, DocumentedRoute

FEATURE_CONTROLS: Mapping[str, tuple[Feature, ...]] = {
    "image_tail": (Feature.START_END_FRAME, Feature.TAIL_FRAME_ONLY),
    "motion_brush": (Feature.MOTION_BRUSH,),
    "camera_control": (Feature.CAMERA_CONTROL,),
    "sound": (Feature.SOUND,),
    "voice_list": (Feature.VOICE,),
}
"""Control name → the capability-map features that make it usable."""

MODEL_FLAGS: Mapping[str, tuple[str, Callable[[ModelSpec], bool]]] = {
    "cfg_scale": ("take cfg_scale", lambda spec: spec.cfg_scale),
    "multi_shot": ("make multi-shot videos", lambda spec: spec.multi_shot),
    "element_list": ("take elements", lambda spec: spec.element_list),
}
"""Controls a model has or has not whatever its mode and duration: what it does (a verb
phrase), and how its capability row says so."""

EXCLUSIVE: Mapping[str, str] = {
    "image_tail": "a tail frame",
    "motion_brush": "the motion brush",
    "camera_control": "camera control",
}
"""The three mutually exclusive groups, and how a reason names each."""


def _documented(docs: ProviderDocs) -> dict[str, DocumentedRoute]:
    return {
        route: {
            "durations": None if page.durations is None else list(page.durations),
            "undocumented": sorted(page.undocumented),
        }
        for route, page in docs.routes.items()
    }


def catalogue(docs: ProviderDocs, *, strict: bool = True) -> Catalogue:
    """The choices and limits every selection draws from; sent to the front end once."""
    limits = docs.prompt_limits
    return {
        "models": [
            {
                "name": spec.name,
                "modes": list(spec.modes),
                "durations": list(spec.durations),
                "single_tier": spec.single_tier,
                "fps": spec.fps,
                "height": dict(spec.height),
                "confidence": spec.confidence,
                "camera_types": list(spec.camera_types),
                "multi_shot": spec.multi_shot,
                "element_list": spec.element_list,
            }
            for spec in MODELS.values()
        ],
        "default_model": DEFAULT_MODEL,
        "multi_image_models": list(MULTI_IMAGE.models),
        "aspect_ratios": list(MULTI_IMAGE.aspect_ratios),
        "default_aspect_ratio": MULTI_IMAGE.default_aspect_ratio,
        "camera_types": list(CAMERA_TYPES),
        "camera_axes": list(CAMERA_AXES),
        "camera_limit": CAMERA_AXIS_LIMIT,
        "max_dynamic_masks": LIMITS.max_dynamic_masks,
        "max_trajectory_points": LIMITS.max_trajectory_points,
        "cfg_scale_min": LIMITS.cfg_scale_min,
        "cfg_scale_max": LIMITS.cfg_scale_max,
        "cfg_scale_default": LIMITS.cfg_scale_default,
        "max_upload_bytes": MAX_SOURCE_BYTES,
        "min_multi_images": MULTI_IMAGE.min_images,
        "max_multi_images": MULTI_IMAGE.max_images,
        "prompt_limit": limits.prompt,
        "negative_prompt_limit": limits.negative_prompt,
        "mask_threshold": MASK_THRESHOLD,
        "shot_types": list(SHOT_TYPES),
        "max_shots": LIMITS.max_shots,
        "max_shot_prompt": LIMITS.max_shot_prompt,
        "min_shot_seconds": LIMITS.min_shot_seconds,
        "max_voices": LIMITS.max_voices,
        "max_elements": LIMITS.max_elements,
        "provider": docs.name,
        "strict": strict,
        "documented": _documented(docs),
        "selection": {
            "tolerance_max": TOLERANCE_RANGE[1],
            "tolerance_default": TOLERANCE_DEFAULT,
            "refine_max_px": REFINE_MAX_PX,
            "refine_default_px": REFINE_DEFAULT_PX,
            "arc_bend_default": ARC_BEND_DEFAULT,
            "max_clip_bytes": MAX_CLIP_BYTES,
        },
    }


def _feature_control(
    spec: ModelSpec, features: tuple[Feature, ...], mode: str, duration: str
) -> Control:
    """Usable, or why not and where it is: the model's own modes and durations if it has the
    feature at all, else every model that does."""
    if any(spec.supports(feature, mode, duration) for feature in features):
        return {"enabled": True, "reason": ""}
    if here := on_model(spec, features):
        return {"enabled": False, "reason": f"on {spec.name} only with {here}"}
    return {
        "enabled": False,
        "reason": f"not on {spec.name}; it is on {where_available(features)}",
    }


def _flag_control(spec: ModelSpec, does: str, has: Callable[[ModelSpec], bool]) -> Control:
    if has(spec):
        return {"enabled": True, "reason": ""}
    others = [name for name, other in MODELS.items() if has(other)]
    verb = "does" if len(others) == 1 else "do"
    return {
        "enabled": False,
        "reason": f"{spec.name} does not {does}; {', '.join(others)} {verb}",
    }


def controls_for(
    model: str | None,
    mode: str | None,
    duration: str | None,
    *,
    used: Iterable[str] = (),
    multi_image: bool = False,
) -> dict[str, Control]:
    """Every control's state for this selection; ``used`` names the exclusive groups in use."""
    name = model or DEFAULT_MODEL
    spec = MODELS.get(name)
    chosen_mode, chosen_duration = mode or DEFAULT_MODE, duration or DEFAULT_DURATION
    controls: dict[str, Control] = {}
    if multi_image:
        ok = name in MULTI_IMAGE.models
        reason = "" if ok else f"multi-image video needs {', '.join(MULTI_IMAGE.models)}"
        controls["generate"] = {"enabled": ok, "reason": reason}
        for control in (*FEATURE_CONTROLS, *MODEL_FLAGS):
            controls[control] = {"enabled": False, "reason": "not part of multi-image video"}
        return controls
    if spec is None:
        unchecked = f"{name} is not in the capability table: unchecked"
        return {
            control: {"enabled": True, "reason": unchecked}
            for control in (*FEATURE_CONTROLS, *MODEL_FLAGS)
        }
    for control, features in FEATURE_CONTROLS.items():
        controls[control] = _feature_control(spec, features, chosen_mode, chosen_duration)
    for control, (does, has) in MODEL_FLAGS.items():
        controls[control] = _flag_control(spec, does, has)
    controls["mode"] = {
        "enabled": True,
        "reason": "one quality tier: mode changes nothing" if spec.single_tier else "",
    }
    in_use = set(used) & set(EXCLUSIVE)
    for control in EXCLUSIVE:
        others = sorted(in_use - {control})
        if others and controls[control]["enabled"]:
            names = " and ".join(EXCLUSIVE[o] for o in others)
            controls[control] = {"enabled": False, "reason": f"not together with {names}"}
    return controls


def estimate(
    model: str | None, mode: str | None, duration: str | None, *, sound: bool, voice: bool = False
) -> float | None:
    """Units the price table charges for the selection, sound and voices included (None where
    it has no price)."""
    return estimate_units(
        model, mode or DEFAULT_MODE, duration or DEFAULT_DURATION, sound=sound, voice=voice
    )
