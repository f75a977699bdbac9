"""kling-v3's fields (kling-api.md §4 "Field notes for v3 multi-shot", §11): multi-shot, voices
and elements, each rule accepted when followed and refused (1201, naming field, rule and value)
when broken."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from kling_studio.emulator.errors import ApiError
from kling_studio.emulator.validation import TaskRequest, validate

from .helpers import image

PNG = image()


def v3(**fields: Any) -> dict[str, Any]:
    return {"model_name": "kling-v3", "image": PNG, "duration": "5", **fields}


def shots(*seconds: int, prompt: str = "shot") -> list[dict[str, Any]]:
    return [
        {"index": i + 1, "prompt": f"{prompt} {i + 1}", "duration": str(s)}
        for i, s in enumerate(seconds)
    ]


def customize(*seconds: int, **fields: Any) -> dict[str, Any]:
    """A customized multi-shot request whose shots last ``seconds`` and fill the clip."""
    shaped = v3(multi_shot=True, shot_type="customize", multi_prompt=shots(*seconds))
    return {**shaped, "duration": str(sum(seconds)), **fields}


def voices(*ids: str) -> list[dict[str, str]]:
    return [{"voice_id": voice} for voice in ids]


GOOD = {
    # multi_shot off: shot_type and multi_prompt are ignored, whatever they hold
    "shot fields ignored when off": v3(shot_type="storyboard", multi_prompt="nope"),
    "shot fields ignored when false": v3(multi_shot=False, multi_prompt=[{"index": "x"}]),
    "shot fields ignored before v3": {"image": PNG, "shot_type": "customize", "multi_prompt": []},
    # customize
    "one shot, the whole clip": customize(3),
    "six shots, 15 s": customize(1, 2, 3, 4, 2, 3),
    "no prompt with customize": customize(2, 3),
    "prompt ignored with customize": customize(2, 3, prompt="x" * 3000),
    "512-character shot prompt": v3(
        multi_shot=True,
        shot_type="customize",
        multi_prompt=[{"index": 1, "prompt": "y" * 512, "duration": "5"}],
    ),
    # intelligence
    "intelligence splits the prompt": v3(multi_shot=True, shot_type="intelligence", prompt="a"),
    "intelligence ignores multi_prompt": v3(
        multi_shot=True, shot_type="intelligence", multi_prompt="ignored"
    ),
    # voices
    "two voices, both referenced": v3(
        sound="on", voice_list=voices("v-a", "v-b"), prompt="<<<voice_2>>> then <<<voice_1>>>"
    ),
    "a voice referenced twice": v3(
        sound="on", voice_list=voices("v-a"), prompt="<<<voice_1>>> hums, <<<voice_1>>> sings"
    ),
    "voices referenced in shots": customize(
        2,
        3,
        sound="on",
        voice_list=voices("v-a", "v-b"),
        multi_prompt=[
            {"index": 1, "prompt": "<<<voice_1>>> calls out", "duration": "2"},
            {"index": 2, "prompt": "<<<voice_2>>> replies", "duration": "3"},
        ],
    ),
    "voice-like text on a model without voices": {
        "model_name": "kling-v1",
        "image": PNG,
        "prompt": "a sign reads <<<voice_1>>>",
    },
    # elements
    "three elements": v3(
        element_list=[{"element_id": "e1"}, {"element_id": 2}, {"element_id": "3"}]
    ),
}


@pytest.mark.parametrize("body", GOOD.values(), ids=GOOD.keys())
def test_accepted(body: dict[str, Any]) -> None:
    assert isinstance(validate("image2video", body, "kling"), TaskRequest)


def test_what_is_ignored_is_left_out_of_the_request() -> None:
    off = validate("image2video", v3(shot_type="customize", multi_prompt=shots(5)), "kling")
    assert (off.multi_shot, off.shot_type, off.shots) == (False, None, ())
    smart = validate(
        "image2video",
        v3(multi_shot=True, shot_type="intelligence", prompt="a", multi_prompt=shots(5)),
        "kling",
    )
    assert (smart.shot_type, smart.shots, smart.prompt) == ("intelligence", (), "a")
    custom = validate("image2video", customize(2, 3, prompt="ignored"), "kling")
    assert custom.prompt == ""
    assert [(shot.index, shot.prompt, shot.duration) for shot in custom.shots] == [
        (1, "shot 1", 2),
        (2, "shot 2", 3),
    ]


BAD = {
    # multi_shot and shot_type
    "multi_shot as a string": (v3(multi_shot="true"), "multi_shot must be true or false"),
    "multi_shot before v3": (
        {"model_name": "kling-v2-6", "image": PNG, "multi_shot": True, "shot_type": "intelligence"},
        "multi_shot is not supported by the current model (kling-v2-6)",
    ),
    "shot_type missing": (v3(multi_shot=True), "shot_type is required when multi_shot is true"),
    "shot_type unknown": (
        v3(multi_shot=True, shot_type="storyboard"),
        'shot_type must be one of "customize", "intelligence" (strings), got \'storyboard\'',
    ),
    # multi_prompt
    "customize without multi_prompt": (
        v3(multi_shot=True, shot_type="customize"),
        "multi_prompt is required when shot_type is customize (1 to 6 shots)",
    ),
    "customize with no shots": (
        v3(multi_shot=True, shot_type="customize", multi_prompt=[]),
        "multi_prompt must hold 1 to 6 items, got 0",
    ),
    "seven shots": (
        customize(1, 1, 1, 1, 1, 1, 1),
        "multi_prompt must hold 1 to 6 items, got 7",
    ),
    "multi_prompt not a list": (
        v3(multi_shot=True, shot_type="customize", multi_prompt={"index": 1}),
        "multi_prompt must be an array",
    ),
    "index as a string": (
        v3(
            multi_shot=True,
            shot_type="customize",
            multi_prompt=[{"index": "1", "prompt": "a", "duration": "5"}],
        ),
        "multi_prompt[0].index must be an integer, got '1'",
    ),
    "shot without a prompt": (
        v3(multi_shot=True, shot_type="customize", multi_prompt=[{"index": 1, "duration": "5"}]),
        "multi_prompt[0].prompt is required (a non-empty string), got None",
    ),
    "shot prompt of 513 characters": (
        v3(
            multi_shot=True,
            shot_type="customize",
            multi_prompt=[{"index": 1, "prompt": "y" * 513, "duration": "5"}],
        ),
        "multi_prompt[0].prompt must be at most 512 characters, got 513",
    ),
    "shot duration as a number": (
        v3(
            multi_shot=True,
            shot_type="customize",
            multi_prompt=[{"index": 1, "prompt": "a", "duration": 5}],
        ),
        "multi_prompt[0].duration must be a whole number of seconds from 1, as a string, got 5",
    ),
    "shot of 0 s": (
        {
            **customize(2, 3),
            "multi_prompt": [*shots(5), {"index": 2, "prompt": "b", "duration": "0"}],
        },
        "multi_prompt[1].duration must be a whole number of seconds from 1, as a string, got '0'",
    ),
    "shot of 2.5 s": (
        {
            **customize(2, 3),
            "multi_prompt": [*shots(2), {"index": 2, "prompt": "b", "duration": "2.5"}],
        },
        "multi_prompt[1].duration must be a whole number of seconds from 1, as a string, got '2.5'",
    ),
    "shot longer than the clip": (
        {**customize(2, 3), "multi_prompt": shots(6)},
        "multi_prompt[0].duration must be at most duration (5s), got 6s",
    ),
    "shots too short in all": (
        {**customize(2, 3), "multi_prompt": shots(2, 2)},
        "the durations in multi_prompt add up to 4s but duration is 5s; they must be equal",
    ),
    "shots too long in all": (
        {**customize(2, 3), "multi_prompt": shots(3, 3)},
        "the durations in multi_prompt add up to 6s but duration is 5s; they must be equal",
    ),
    # voice_list
    "three voices": (
        v3(sound="on", voice_list=voices("a", "b", "c"), prompt="<<<voice_1>>>"),
        "voice_list must hold 0 to 2 items, got 3",
    ),
    "empty voice_id": (
        v3(sound="on", voice_list=voices(""), prompt="<<<voice_1>>>"),
        "voice_list[0].voice_id is required (a non-empty string), got None",
    ),
    "blank voice_id": (
        v3(sound="on", voice_list=voices("  "), prompt="<<<voice_1>>>"),
        "voice_list[0].voice_id is required (a non-empty string), got '  '",
    ),
    "voices with sound off": (
        v3(sound="off", voice_list=voices("a"), prompt="<<<voice_1>>>"),
        'voice_list requires sound "on"',
    ),
    "a listed voice never referenced": (
        v3(sound="on", voice_list=voices("v-a", "v-b"), prompt="<<<voice_1>>> speaks"),
        "voice_list[1] (voice_id 'v-b') must be referenced as <<<voice_2>>> in prompt",
    ),
    "no reference at all": (
        v3(sound="on", voice_list=voices("v-a"), prompt="someone speaks"),
        "voice_list[0] (voice_id 'v-a') must be referenced as <<<voice_1>>> in prompt",
    ),
    "a reference to an unlisted voice": (
        v3(sound="on", voice_list=voices("v-a"), prompt="<<<voice_1>>> and <<<voice_3>>>"),
        "prompt refers to <<<voice_3>>> but voice_list has 1 voice(s); refer only to listed",
    ),
    "a reference with no voice_list": (
        v3(prompt="<<<voice_1>>> says hello"),
        "prompt refers to <<<voice_1>>> but voice_list has 0 voice(s)",
    ),
    "customize: a voice referenced only in the ignored prompt": (
        customize(2, 3, sound="on", voice_list=voices("v-a"), prompt="<<<voice_1>>>"),
        "voice_list[0] (voice_id 'v-a') must be referenced as <<<voice_1>>> in any "
        "multi_prompt shot's prompt",
    ),
    "customize: a shot refers to an unlisted voice": (
        customize(
            2,
            3,
            sound="on",
            voice_list=voices("v-a"),
            multi_prompt=[
                {"index": 1, "prompt": "<<<voice_1>>>", "duration": "2"},
                {"index": 2, "prompt": "<<<voice_2>>>", "duration": "3"},
            ],
        ),
        "any multi_prompt shot's prompt refers to <<<voice_2>>> but voice_list has 1 voice(s)",
    ),
    # element_list
    "four elements": (
        v3(element_list=[{"element_id": "e"}] * 4),
        "element_list must hold 0 to 3 items, got 4",
    ),
    "empty element_id": (
        v3(element_list=[{"element_id": ""}]),
        "element_list[0].element_id is required (a non-empty string), got None",
    ),
    "elements with voices": (
        v3(
            sound="on",
            voice_list=voices("v-a"),
            prompt="<<<voice_1>>>",
            element_list=[{"element_id": "e"}],
        ),
        "element_list cannot be combined with voice_list",
    ),
    "elements before v3": (
        {"model_name": "kling-v2-6", "image": PNG, "element_list": [{"element_id": "e"}]},
        "element_list is not supported by the current model (kling-v2-6)",
    ),
}


@pytest.mark.parametrize(("body", "message"), BAD.values(), ids=BAD.keys())
def test_refused(body: dict[str, Any], message: str) -> None:
    with pytest.raises(ApiError) as caught:
        validate("image2video", body, "kling")
    assert caught.value.code == 1201
    assert message in caught.value.message


VERCEL_MULTI_SHOT = {
    "model_name": "kling-v3",
    "image": PNG,
    "mode": "pro",
    "duration": "10",
    "sound": "on",
    "multi_shot": True,
    "shot_type": "customize",
    "multi_prompt": [
        {"index": 1, "prompt": "wide shot of the harbour at dawn", "duration": "4"},
        {"index": 2, "prompt": "<<<voice_1>>> calls from the boat", "duration": "3"},
        {"index": 3, "prompt": "close-up of the rope being cast off", "duration": "3"},
    ],
    "voice_list": [{"voice_id": "829824295735410756"}],
}
"""A v3 multi-shot request as the Vercel AI SDK's Kling provider builds it (options passed
through, durations stringified)."""


async def test_multi_shot_over_http(client: httpx.AsyncClient) -> None:
    accepted = await client.post("/v1/videos/image2video", json=VERCEL_MULTI_SHOT)
    assert (accepted.status_code, accepted.json()["code"]) == (200, 0), accepted.text
    broken = {**VERCEL_MULTI_SHOT, "duration": "9"}
    refused = await client.post("/v1/videos/image2video", json=broken)
    assert refused.status_code == 400
    assert refused.json()["code"] == 1201
    assert refused.json()["message"] == (
        "the durations in multi_prompt add up to 10s but duration is 9s; they must be equal"
    )
