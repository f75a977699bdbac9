"""Every documented rule, with a good and a bad value, checked before anything is sent."""

from __future__ import annotations

import pytest

from kling_studio.api.capabilities import DOCUMENTED
from kling_studio.api.models import (
    CameraControl,
    DynamicMask,
    Image2VideoRequest,
    MultiImage2VideoRequest,
    Shot,
    Voice,
)
from kling_studio.api.rules import check_request

KLING = DOCUMENTED["kling"]
COMET = DOCUMENTED["cometapi"]
IMG = "start.png"
MASK = "mask.png"
PATH = [(10, 10), (50, 60)]


def problems(limits=KLING, **fields):
    request = fields.pop("request", None) or Image2VideoRequest(**fields)
    return check_request(request, limits)


def fields_of(found, severity=None):
    return {p.field for p in found if severity is None or p.severity == severity}


def test_a_plain_request_has_no_problem():
    assert problems(image=IMG, prompt="a cat", model_name="kling-v2-1") == []


def test_image_or_tail_is_required():
    assert "image" in fields_of(problems(prompt="x"))
    assert problems(model_name="kling-v1-6", mode="pro", image_tail=IMG) == []


@pytest.mark.parametrize(
    ("model", "mode", "duration", "ok"),
    [
        ("kling-v1", "std", "10", True),
        ("kling-v1", "std", "7", False),
        ("kling-v3", "pro", "7", True),
        ("kling-v3", "pro", "16", False),
    ],
)
def test_duration_per_model(model, mode, duration, ok):
    found = problems(image=IMG, model_name=model, mode=mode, duration=duration)
    assert ("duration" not in fields_of(found)) is ok


def test_integer_duration_is_sent_as_string():
    assert Image2VideoRequest(image=IMG, duration=10).duration == "10"


def test_unknown_model_is_a_capability_problem():
    found = problems(image=IMG, model_name="kling-v9")
    assert [(p.field, p.severity) for p in found] == [("model_name", "capability")]


@pytest.mark.parametrize(("value", "ok"), [(0.0, True), (1.0, True), (1.2, False), (-0.1, False)])
def test_cfg_scale_range(value, ok):
    assert (problems(image=IMG, cfg_scale=value) == []) is ok


def test_cfg_scale_on_v2_models_is_a_warning_naming_the_model():
    found = problems(image=IMG, model_name="kling-v2-5-turbo", cfg_scale=0.5)
    assert [(p.field, p.severity) for p in found] == [("cfg_scale", "warning")]
    assert found[0].rule == "has no effect on kling-v2-5-turbo; left out of the request"


@pytest.mark.parametrize(
    ("limits", "length", "ok"),
    [(KLING, 2500, True), (KLING, 2501, False), (COMET, 500, True), (COMET, 501, False)],
)
def test_prompt_limit_per_provider(limits, length, ok):
    assert (problems(limits, image=IMG, prompt="p" * length) == []) is ok


def test_negative_prompt_limit_on_cometapi():
    found = problems(COMET, image=IMG, negative_prompt="n" * 201)
    assert fields_of(found) == {"negative_prompt"}
    assert "200" in found[0].rule and "201" in str(found[0])


@pytest.mark.parametrize(
    ("model", "mode", "duration", "ok"),
    [
        ("kling-v1", "std", "5", True),
        ("kling-v1", "std", "10", False),
        ("kling-v1-6", "pro", "10", True),
        ("kling-v1-6", "std", "5", False),
        ("kling-v2-master", "pro", "5", False),
    ],
)
def test_start_end_frame_capability(model, mode, duration, ok):
    found = problems(image=IMG, image_tail=IMG, model_name=model, mode=mode, duration=duration)
    assert ("image_tail" not in fields_of(found)) is ok


def test_tail_only_needs_a_model_that_supports_it():
    assert "image_tail" in fields_of(problems(image_tail=IMG, model_name="kling-v1", mode="pro"))
    assert problems(image_tail=IMG, model_name="kling-v1-5", mode="pro") == []


@pytest.mark.parametrize(
    ("model", "mode", "ok"),
    [("kling-v1", "std", True), ("kling-v1-5", "pro", True), ("kling-v1-5", "std", False)],
)
def test_motion_brush_capability(model, mode, ok):
    found = problems(image=IMG, static_mask=MASK, model_name=model, mode=mode)
    assert (found == []) is ok


def test_at_most_six_dynamic_masks():
    masks = [DynamicMask(mask=MASK, trajectories=PATH) for _ in range(7)]
    found = problems(image=IMG, dynamic_masks=masks)
    assert "dynamic_masks" in fields_of(found)
    assert problems(image=IMG, dynamic_masks=masks[:6]) == []


def test_motion_brush_needs_the_start_image():
    found = problems(image_tail=IMG, static_mask=MASK, model_name="kling-v1-5", mode="pro")
    assert any(p.field == "image" and "motion brush" in p.rule for p in found)


def test_tail_brush_and_camera_are_mutually_exclusive():
    found = problems(
        image=IMG,
        image_tail=IMG,
        static_mask=MASK,
        model_name="kling-v1",
        mode="pro",
    )
    assert any("mutually exclusive" in p.rule for p in found)


CAMERA_OK = {"image": IMG, "model_name": "kling-v1-5", "mode": "pro", "duration": "5"}


def test_camera_simple_needs_exactly_one_axis():
    assert problems(**CAMERA_OK, camera_control=CameraControl.simple(zoom=5)) == []
    two = problems(**CAMERA_OK, camera_control=CameraControl.simple(zoom=5, pan=1))
    assert "camera_control.config" in fields_of(two)
    none = problems(**CAMERA_OK, camera_control=CameraControl.simple())
    assert "camera_control.config" in fields_of(none)


@pytest.mark.parametrize(("value", "ok"), [(10, True), (-10, True), (10.5, False), (-11, False)])
def test_camera_axis_range(value, ok):
    found = problems(**CAMERA_OK, camera_control=CameraControl.simple(tilt=value))
    assert (found == []) is ok


def test_camera_presets_take_no_config():
    found = problems(
        image=IMG,
        model_name="kling-v1-5",
        mode="pro",
        camera_control={"type": "down_back", "config": {"zoom": 1}},
    )
    assert "camera_control.config" in fields_of(found)
    # kling-v1-5 supports only the simple type
    assert "camera_control.type" in fields_of(found)


def test_camera_only_where_the_map_allows_it():
    found = problems(image=IMG, model_name="kling-v2-1", camera_control=CameraControl.simple(pan=2))
    assert fields_of(found, "capability") == {"camera_control"}


def test_sound_needs_pro_on_v2_6_and_is_silent_with_tail():
    assert problems(image=IMG, model_name="kling-v2-6", mode="pro", sound=True) == []
    assert "sound" in fields_of(
        problems(image=IMG, model_name="kling-v2-6", mode="std", sound="on")
    )
    with_tail = problems(image=IMG, image_tail=IMG, model_name="kling-v2-6", mode="pro", sound="on")
    assert any("silent" in p.rule for p in with_tail)


TWO_VOICES = "<<<voice_1>>> asks, <<<voice_2>>> answers"


def test_voice_rules():
    voices = [Voice(voice_id="a"), Voice(voice_id="b")]
    v26 = {"image": IMG, "model_name": "kling-v2-6", "mode": "pro", "prompt": TWO_VOICES}
    assert problems(**v26, sound="on", voice_list=voices) == []
    no_sound = problems(**v26, voice_list=voices)
    assert "sound" in fields_of(no_sound)
    three = problems(**v26, sound="on", voice_list=[*voices, voices[0]])
    assert "voice_list" in fields_of(three)


def test_element_list_rules():
    elements = [{"element_id": str(i)} for i in range(4)]
    found = problems(image=IMG, model_name="kling-v3", element_list=elements)
    assert "element_list" in fields_of(found)
    assert problems(image=IMG, model_name="kling-v3", element_list=elements[:3]) == []
    found = problems(image=IMG, model_name="kling-v1", element_list=elements[:1])
    assert fields_of(found, "capability") == {"element_list"}


def shots(*durations):
    return [Shot(index=i + 1, prompt=f"shot {i}", duration=d) for i, d in enumerate(durations)]


def test_multi_shot_durations_must_add_up():
    base = {"image": IMG, "model_name": "kling-v3", "duration": "10", "multi_shot": True}
    ok = problems(**base, shot_type="customize", multi_prompt=shots(4, 6))
    assert ok == []
    bad = problems(**base, shot_type="customize", multi_prompt=shots(4, 4))
    assert "multi_prompt" in fields_of(bad)
    assert "shot_type" in fields_of(problems(**base))
    too_many = problems(**base, shot_type="customize", multi_prompt=shots(*[1] * 7))
    assert "multi_prompt" in fields_of(too_many)


def test_multi_shot_only_on_v3():
    found = problems(image=IMG, model_name="kling-v2-1", multi_shot=True, shot_type="intelligence")
    assert fields_of(found, "capability") == {"multi_shot"}


def test_multi_image_rules():
    ok = MultiImage2VideoRequest(image_list=[IMG, IMG], prompt="two cats")
    assert check_request(ok, KLING) == []
    five = MultiImage2VideoRequest(image_list=[IMG] * 5, prompt="x")
    assert "image_list" in fields_of(check_request(five, KLING))
    no_prompt = MultiImage2VideoRequest(image_list=[IMG])
    assert "prompt" in fields_of(check_request(no_prompt, KLING))
    other_model = MultiImage2VideoRequest(image_list=[IMG], prompt="x", model_name="kling-v2-1")
    assert fields_of(check_request(other_model, KLING), "capability") == {"model_name"}


def test_multi_image_accepts_the_wire_shape():
    request = MultiImage2VideoRequest(image_list=[{"image": IMG}], prompt="x")
    assert request.image_list == [IMG]


def test_callback_url_must_be_http():
    found = problems(image=IMG, callback_url="ftp://example.com/hook")
    assert fields_of(found) == {"callback_url"}


def test_every_problem_is_reported_at_once():
    found = problems(
        COMET,
        image=IMG,
        prompt="p" * 600,
        cfg_scale=3,
        camera_control=CameraControl.simple(zoom=1, pan=1),
    )
    assert {"prompt", "cfg_scale", "camera_control.config", "camera_control"} <= fields_of(found)


def test_unknown_fields_are_refused_with_the_name():
    with pytest.raises(ValueError, match="model"):
        Image2VideoRequest(image=IMG, model="kling-v2-1")
    with pytest.raises(ValueError, match="aspect_ratio"):
        Image2VideoRequest(image=IMG, aspect_ratio="16:9")
