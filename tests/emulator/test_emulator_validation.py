"""Submit-time validation: each documented rule accepted when followed, rejected when broken."""

from __future__ import annotations

import base64
from typing import Any

import httpx
import pytest

from kling_studio.emulator.errors import ApiError
from kling_studio.emulator.images import ImageSource
from kling_studio.emulator.validation import parse_page, validate

from .helpers import image, image_bytes

PNG = image()
JPEG = image(fmt="JPEG")
URL = "http://127.0.0.1:9/image.png"


def i2v(**fields: Any) -> dict[str, Any]:
    return {"model_name": "kling-v1", "image": PNG, **fields}


def shots(*seconds: int) -> list[dict[str, Any]]:
    return [
        {"index": i + 1, "prompt": f"shot {i}", "duration": str(s)} for i, s in enumerate(seconds)
    ]


def multi(**fields: Any) -> dict[str, Any]:
    return {"prompt": "two friends", "image_list": [{"image": PNG}, {"image": JPEG}], **fields}


SIMPLE = {"type": "simple", "config": {"zoom": 5}}
MASK = {"mask": PNG, "trajectories": [{"x": 10, "y": 10}, {"x": 50, "y": 60}]}

GOOD = {
    "defaults to kling-v1": {"image": PNG},
    "jpeg": i2v(image=JPEG),
    "image url": i2v(image=URL),
    "empty strings are absent": i2v(image_tail="", prompt="", external_task_id=""),
    "cfg_scale on v1": i2v(cfg_scale=0.5),
    "cfg_scale bounds": i2v(cfg_scale=0),
    "cfg_scale ignored on v2": i2v(model_name="kling-v2-1", cfg_scale=0.5),
    "cfg_scale ignored on v3": i2v(model_name="kling-v3", cfg_scale=1),
    "start+end v1 std 5": i2v(image_tail=PNG),
    "start+end v2-5-turbo pro 10": i2v(
        model_name="kling-v2-5-turbo", mode="pro", duration="10", image_tail=PNG
    ),
    "tail only v1-6 pro": {"model_name": "kling-v1-6", "mode": "pro", "image_tail": PNG},
    "motion brush v1 std 5": i2v(static_mask=PNG, dynamic_masks=[MASK]),
    "77 trajectory points": i2v(
        dynamic_masks=[{"mask": PNG, "trajectories": [{"x": i, "y": i} for i in range(77)]}]
    ),
    "camera simple v1-5 pro 5": i2v(model_name="kling-v1-5", mode="pro", camera_control=SIMPLE),
    "sound v2-6 pro": i2v(model_name="kling-v2-6", mode="pro", sound="on"),
    "voices v2-6 pro": i2v(
        model_name="kling-v2-6",
        mode="pro",
        sound="on",
        voice_list=[{"voice_id": "a"}, {"voice_id": "b"}],
        prompt="<<<voice_1>>> asks, <<<voice_2>>> answers",
    ),
    "v2-6 tail silent": i2v(model_name="kling-v2-6", mode="pro", image_tail=PNG, sound="off"),
    "v3 3 s": i2v(model_name="kling-v3", duration="3", sound="on"),
    "v3 elements": i2v(model_name="kling-v3", element_list=[{"element_id": 12}] * 3),
    "v3 multi-shot": i2v(
        model_name="kling-v3",
        duration="5",
        multi_shot=True,
        shot_type="customize",
        multi_prompt=shots(2, 3),
    ),
    "v3 intelligence": i2v(model_name="kling-v3", multi_shot=True, shot_type="intelligence"),
    "shots ignored without multi_shot": i2v(shot_type="customize", multi_prompt=shots(9)),
    "aspect_ratio ignored before v3": i2v(model_name="kling-v2-1", aspect_ratio="16:9"),
    "master ignores mode": i2v(model_name="kling-v2-master", mode="pro", duration="10"),
    "watermark": i2v(watermark_info={"enabled": True}),
    "callback": i2v(callback_url="https://example.com/hook"),
    "long prompt on kling": i2v(prompt="x" * 2500, negative_prompt="y" * 2500),
}


@pytest.mark.parametrize("body", GOOD.values(), ids=GOOD.keys())
def test_accepted(body: dict[str, Any]) -> None:
    assert validate("image2video", body, "kling").endpoint == "image2video"


@pytest.mark.parametrize(("model", "kept"), [("kling-v1-6", 0.8), ("kling-v2-master", None)])
def test_cfg_scale_is_kept_only_where_the_model_uses_it(model: str, kept: float | None) -> None:
    assert validate("image2video", i2v(model_name=model, cfg_scale=0.8), "kling").cfg_scale == kept


def test_parsed_values() -> None:
    request = validate(
        "image2video",
        i2v(
            model_name="kling-v1-5",
            mode="pro",
            duration="5",
            camera_control=SIMPLE,
            external_task_id="e-1",
            watermark_info={"enabled": True},
        ),
        "kling",
    )
    assert (request.model, request.mode, request.duration) == ("kling-v1-5", "pro", "5")
    assert request.camera is not None
    assert request.camera.config["zoom"] == 5
    assert request.external_task_id == "e-1"
    assert request.watermark
    assert request.image is not None
    assert request.image.data == base64.b64decode(PNG)
    assert validate("image2video", i2v(image=URL), "kling").image == ImageSource(url=URL)


TOO_BIG = base64.b64encode(image_bytes()[:16] + bytes(10 * 1024 * 1024)).decode()
GIF = base64.b64encode(b"GIF89a" + bytes(40)).decode()

BAD = {
    "unknown model": (i2v(model_name="kling-v9"), 1203, "model_name(kling-v9) does not exist"),
    "mode": (i2v(mode="ultra"), 1201, 'mode must be one of "std", "pro"'),
    "duration as number": (i2v(duration=5), 1201, 'duration must be one of "5", "10"'),
    "duration per model": (i2v(model_name="kling-v2-1", duration="7"), 1201, "duration"),
    "v3 duration range": (i2v(model_name="kling-v3", duration="16"), 1201, "duration"),
    "cfg_scale range": (i2v(cfg_scale=1.5), 1201, "cfg_scale must be a number in [0, 1]"),
    "cfg_scale type": (i2v(cfg_scale="0.5"), 1201, "cfg_scale must be a number"),
    "cfg_scale range on v2": (
        i2v(model_name="kling-v2-master", cfg_scale=-0.1),
        1201,
        "cfg_scale must be a number in [0, 1], got -0.1",
    ),
    "prompt length": (i2v(prompt="x" * 2501), 1201, "prompt must be at most 2500 characters"),
    "negative length": (i2v(negative_prompt="x" * 2501), 1201, "negative_prompt must be at most"),
    "no image": ({"model_name": "kling-v1"}, 1201, "image and image_tail cannot both be empty"),
    "data url": (i2v(image=f"data:image/png;base64,{PNG}"), 1201, "without a 'data:"),
    "not base64": (i2v(image="not base64!"), 1201, "image is neither an http(s) URL nor"),
    "gif": (i2v(image=GIF), 1201, "image must be a JPG/JPEG or PNG image"),
    "over 10 MB": (i2v(image=TOO_BIG), 1201, "image is larger than 10MB"),
    "image type": (i2v(image=42), 1201, "image must be a string"),
    "tail + camera": (
        i2v(model_name="kling-v1-5", mode="pro", image_tail=PNG, camera_control=SIMPLE),
        1201,
        "cannot be used together",
    ),
    "tail + masks": (i2v(image_tail=PNG, static_mask=PNG), 1201, "cannot be used together"),
    "masks + camera": (
        i2v(model_name="kling-v1-5", mode="pro", static_mask=PNG, camera_control=SIMPLE),
        1201,
        "cannot be used together",
    ),
    "tail slot": (
        i2v(model_name="kling-v2-5-turbo", mode="std", duration="10", image_tail=PNG),
        1201,
        "model/mode/duration(kling-v2-5-turbo/std/10) is not supported with image_tail",
    ),
    "tail v1 10 s": (i2v(duration="10", image_tail=PNG), 1201, "(kling-v1/std/10)"),
    "tail on master": (
        i2v(model_name="kling-v2-master", image_tail=PNG),
        1201,
        "image_tail is not supported by the current model (kling-v2-master)",
    ),
    "tail only on v2-1": (
        {"model_name": "kling-v2-1", "mode": "pro", "image_tail": PNG},
        1201,
        "image_tail without image is not supported by the current model (kling-v2-1)",
    ),
    "tail only in std": (
        {"model_name": "kling-v1-6", "image_tail": PNG},
        1201,
        "model/mode/duration(kling-v1-6/std/5) is not supported with image_tail without image",
    ),
    "motion brush slot": (
        i2v(duration="10", static_mask=PNG),
        1201,
        "(kling-v1/std/10) is not supported with static_mask/dynamic_masks",
    ),
    "motion brush model": (
        i2v(model_name="kling-v2-1", dynamic_masks=[MASK]),
        1201,
        "static_mask/dynamic_masks is not supported by the current model (kling-v2-1)",
    ),
    "seven masks": (i2v(dynamic_masks=[MASK] * 7), 1201, "must hold 0 to 6 items, got 7"),
    "one point": (
        i2v(dynamic_masks=[{"mask": PNG, "trajectories": [{"x": 1, "y": 1}]}]),
        1201,
        "dynamic_masks[0].trajectories must hold 2 to 77 items, got 1",
    ),
    "78 points": (
        i2v(dynamic_masks=[{"mask": PNG, "trajectories": [{"x": 1, "y": 1}] * 78}]),
        1201,
        "must hold 2 to 77 items, got 78",
    ),
    "float point": (
        i2v(dynamic_masks=[{"mask": PNG, "trajectories": [{"x": 1.5, "y": 1}, {"x": 2, "y": 2}]}]),
        1201,
        "dynamic_masks[0].trajectories[0] must be {x, y} with non-negative integer",
    ),
    "mask missing": (
        i2v(dynamic_masks=[{"trajectories": MASK["trajectories"]}]),
        1201,
        "dynamic_masks[0].mask is required",
    ),
    "camera model": (
        i2v(camera_control=SIMPLE),
        1201,
        "camera_control is only supported in pro mode with 5s duration and kling-v1-5",
    ),
    "camera slot": (
        i2v(model_name="kling-v1-5", mode="std", camera_control=SIMPLE),
        1201,
        "camera_control is only supported in pro mode with 5s duration and kling-v1-5",
    ),
    "camera preset type": (
        i2v(model_name="kling-v1-5", mode="pro", camera_control={"type": "forward_up"}),
        1201,
        "camera_control.type(forward_up) is not supported by kling-v1-5",
    ),
    "camera unknown type": (
        i2v(model_name="kling-v1-5", mode="pro", camera_control={"type": "orbit"}),
        1201,
        "camera_control.type must be one of",
    ),
    "camera no type, two axes": (
        i2v(model_name="kling-v1-5", mode="pro", camera_control={"config": {"zoom": 1, "pan": 1}}),
        1201,
        "exactly one non-zero field",
    ),
    "camera no type, no config": (
        i2v(model_name="kling-v1-5", mode="pro", camera_control={}),
        1201,
        "camera_control.config is required for type simple",
    ),
    "camera two axes": (
        i2v(camera_control={"type": "simple", "config": {"zoom": 1, "pan": 2}}),
        1201,
        "exactly one non-zero field",
    ),
    "camera no axis": (
        i2v(camera_control={"type": "simple", "config": {"zoom": 0}}),
        1201,
        "exactly one non-zero field",
    ),
    "camera range": (
        i2v(camera_control={"type": "simple", "config": {"roll": 11}}),
        1201,
        "camera_control.config.roll must be a number in [-10, 10]",
    ),
    "camera simple without config": (
        i2v(camera_control={"type": "simple"}),
        1201,
        "camera_control.config is required for type simple",
    ),
    "preset with config": (
        i2v(camera_control={"type": "down_back", "config": {"zoom": 1}}),
        1201,
        "camera_control.config must be omitted for type down_back",
    ),
    "sound value": (i2v(sound="yes"), 1201, 'sound must be one of "on", "off"'),
    "sound v2-6 std": (
        i2v(model_name="kling-v2-6", sound="on"),
        1201,
        "model/mode/duration(kling-v2-6/std/5) is not supported with sound",
    ),
    "sound on v2-1": (
        i2v(model_name="kling-v2-1", sound="on"),
        1201,
        "sound is not supported by the current model (kling-v2-1)",
    ),
    "v2-6 tail with sound": (
        i2v(model_name="kling-v2-6", mode="pro", image_tail=PNG, sound="on"),
        1201,
        "kling-v2-6 start and end frame videos are silent only",
    ),
    "voices without sound": (
        i2v(model_name="kling-v2-6", mode="pro", voice_list=[{"voice_id": "a"}]),
        1201,
        'voice_list requires sound "on"',
    ),
    "three voices": (
        i2v(model_name="kling-v2-6", mode="pro", sound="on", voice_list=[{"voice_id": "a"}] * 3),
        1201,
        "voice_list must hold 0 to 2 items, got 3",
    ),
    "voice id missing": (
        i2v(model_name="kling-v2-6", mode="pro", sound="on", voice_list=[{}]),
        1201,
        "voice_list[0].voice_id is required",
    ),
    "voices on v2-1": (
        i2v(model_name="kling-v2-1", sound="on", voice_list=[{"voice_id": "a"}]),
        1201,
        "sound is not supported",
    ),
    "four elements": (
        i2v(model_name="kling-v3", element_list=[{"element_id": "e"}] * 4),
        1201,
        "element_list must hold 0 to 3 items, got 4",
    ),
    "elements before v3": (
        i2v(model_name="kling-v2-6", element_list=[{"element_id": "e"}]),
        1201,
        "element_list is not supported by the current model (kling-v2-6)",
    ),
    "elements with voices": (
        i2v(
            model_name="kling-v3",
            sound="on",
            voice_list=[{"voice_id": "a"}],
            element_list=[{"element_id": "e"}],
        ),
        1201,
        "element_list cannot be combined with voice_list",
    ),
    "multi-shot before v3": (
        i2v(model_name="kling-v2-6", multi_shot=True, shot_type="intelligence"),
        1201,
        "multi_shot is not supported by the current model (kling-v2-6)",
    ),
    "multi-shot flag type": (i2v(model_name="kling-v3", multi_shot="yes"), 1201, "true or false"),
    "shot type missing": (
        i2v(model_name="kling-v3", multi_shot=True),
        1201,
        "shot_type is required when multi_shot is true",
    ),
    "customize without shots": (
        i2v(model_name="kling-v3", multi_shot=True, shot_type="customize"),
        1201,
        "multi_prompt is required when shot_type is customize",
    ),
    "shot sum": (
        i2v(
            model_name="kling-v3",
            duration="5",
            multi_shot=True,
            shot_type="customize",
            multi_prompt=shots(2, 2),
        ),
        1201,
        "the durations in multi_prompt add up to 4s but duration is 5s",
    ),
    "shot prompt length": (
        i2v(
            model_name="kling-v3",
            multi_shot=True,
            shot_type="customize",
            multi_prompt=[{"index": 1, "prompt": "x" * 513, "duration": "5"}],
        ),
        1201,
        "multi_prompt[0].prompt must be at most 512 characters",
    ),
    "seven shots": (
        i2v(
            model_name="kling-v3", multi_shot=True, shot_type="customize", multi_prompt=shots(1) * 7
        ),
        1201,
        "multi_prompt must hold 1 to 6 items, got 7",
    ),
    "aspect_ratio on v3": (
        i2v(model_name="kling-v3", aspect_ratio="16:9"),
        1201,
        "aspect_ratio is not supported by kling-v3 image2video",
    ),
    "watermark type": (i2v(watermark_info=[True]), 1201, "watermark_info must be an object"),
    "watermark enabled type": (
        i2v(watermark_info={"enabled": "yes"}),
        1201,
        "watermark_info.enabled must be true or false",
    ),
    "callback scheme": (i2v(callback_url="ftp://x/y"), 1201, "callback_url must be an http(s) URL"),
    "external id type": (i2v(external_task_id=7), 1201, "external_task_id must be a string"),
}


@pytest.mark.parametrize(("body", "code", "message"), BAD.values(), ids=BAD.keys())
def test_rejected(body: dict[str, Any], code: int, message: str) -> None:
    with pytest.raises(ApiError) as caught:
        validate("image2video", body, "kling")
    assert caught.value.code == code
    assert message in caught.value.message


def test_body_must_be_an_object() -> None:
    with pytest.raises(ApiError) as caught:
        validate("image2video", ["image"], "kling")
    assert caught.value.code == 1200


def test_cometapi_prompt_limits() -> None:
    assert validate("image2video", i2v(prompt="x" * 500, negative_prompt="y" * 200), "cometapi")
    for field, length, limit in (("prompt", 501, 500), ("negative_prompt", 201, 200)):
        with pytest.raises(ApiError, match=f"{field} must be at most {limit} characters"):
            validate("image2video", i2v(**{field: "x" * length}), "cometapi")


MULTI_GOOD = {
    "defaults": multi(),
    "one image": multi(image_list=[{"image": PNG}]),
    "four images 9:16 pro 10": multi(
        image_list=[{"image": PNG}] * 4, aspect_ratio="9:16", mode="pro", duration="10"
    ),
    "explicit model": multi(model_name="kling-v1-6", aspect_ratio="1:1"),
}


@pytest.mark.parametrize("body", MULTI_GOOD.values(), ids=MULTI_GOOD.keys())
def test_multi_image_accepted(body: dict[str, Any]) -> None:
    request = validate("multi-image2video", body, "kling")
    assert request.model == "kling-v1-6"
    assert request.aspect_ratio in ("16:9", "9:16", "1:1")


MULTI_BAD = {
    "other model": (
        multi(model_name="kling-v2-1"),
        1201,
        "model_name(kling-v2-1) is not supported by multi-image2video",
    ),
    "unknown model": (multi(model_name="kling-x"), 1203, "does not exist"),
    "no prompt": (multi(prompt=""), 1201, "prompt is required for multi-image2video"),
    "no images": (multi(image_list=[]), 1201, "image_list must hold 1 to 4 items, got 0"),
    "five images": (multi(image_list=[{"image": PNG}] * 5), 1201, "must hold 1 to 4 items"),
    "item without image": (multi(image_list=[{}]), 1201, "image_list[0].image is required"),
    "item data url": (
        multi(image_list=[{"image": "data:image/png;base64," + PNG}]),
        1201,
        "image_list[0].image must be bare base64",
    ),
    "aspect ratio": (multi(aspect_ratio="4:3"), 1201, 'aspect_ratio must be one of "16:9"'),
    "duration": (multi(duration="7"), 1201, "duration must be one of"),
    "masks": (multi(static_mask=PNG), 1201, "static_mask is not supported by multi-image2video"),
    "image field": (multi(image=PNG), 1201, "image is not supported by multi-image2video"),
}


@pytest.mark.parametrize(("body", "code", "message"), MULTI_BAD.values(), ids=MULTI_BAD.keys())
def test_multi_image_rejected(body: dict[str, Any], code: int, message: str) -> None:
    with pytest.raises(ApiError) as caught:
        validate("multi-image2video", body, "kling")
    assert caught.value.code == code
    assert message in caught.value.message


@pytest.mark.parametrize(
    ("number", "size", "expected"),
    [(None, None, (1, 30)), ("2", "500", (2, 500)), ("1000", "1", (1000, 1))],
)
def test_page_parameters(number: str | None, size: str | None, expected: tuple[int, int]) -> None:
    assert parse_page(number, size) == expected


@pytest.mark.parametrize(("number", "size"), [("0", "1"), ("1001", "1"), ("1", "501"), ("x", "1")])
def test_page_parameters_rejected(number: str, size: str) -> None:
    with pytest.raises(ApiError, match="must be an integer from 1 to"):
        parse_page(number, size)


# Over HTTP: the envelope and status of the code table, never a framework default.


@pytest.mark.parametrize("prefix", ["/v1", "/kling/v1"])
async def test_invalid_parameter_over_http(client: httpx.AsyncClient, prefix: str) -> None:
    response = await client.post(
        f"{prefix}/videos/image2video",
        json=i2v(model_name="kling-v2-5-turbo", duration="10", image_tail=PNG),
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == 1201
    assert body["message"] == (
        "model/mode/duration(kling-v2-5-turbo/std/10) is not supported with image_tail"
    )
    assert body["request_id"]


async def test_cometapi_prompt_limit_over_http(client: httpx.AsyncClient) -> None:
    body = i2v(prompt="x" * 600)
    assert (await client.post("/v1/videos/image2video", json=body)).status_code == 200
    response = await client.post("/kling/v1/videos/image2video", json=body)
    assert response.json()["code"] == 1201


async def test_unknown_model_over_http(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/videos/image2video", json=i2v(model_name="kling-v9"))
    assert response.status_code == 404
    assert response.json()["code"] == 1203


@pytest.mark.parametrize("content", [b"{not json", b"", b"[1, 2]"])
async def test_bad_json_is_1200(client: httpx.AsyncClient, content: bytes) -> None:
    response = await client.post("/v1/videos/image2video", content=content)
    assert response.status_code == 400
    assert response.json()["code"] == 1200


@pytest.mark.parametrize(
    ("method", "path", "code"),
    [
        ("GET", "/v1/videos/text2video", 1203),
        ("POST", "/kling/v1/videos/omni", 1203),
        ("GET", "/", 1203),
        ("DELETE", "/v1/videos/image2video", 1202),
        ("PUT", "/kling/v1/videos/multi-image2video/123", 1202),
    ],
)
async def test_routing_errors_use_kling_envelope(
    client: httpx.AsyncClient, method: str, path: str, code: int
) -> None:
    response = await client.request(method, path)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/json"
    assert response.json()["code"] == code


async def test_list_page_params_over_http(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/videos/multi-image2video", params={"pageSize": 501})
    assert response.status_code == 400
    assert response.json()["code"] == 1201


async def test_trailing_slash_is_not_redirected(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/videos/image2video/")
    assert response.status_code == 404
    assert response.json()["code"] == 1203
