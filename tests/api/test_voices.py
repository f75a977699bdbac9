"""Voices, elements and multi-shot prompts: what is listed is used, what is used is listed, and
a prompt the service would ignore is said to be ignored."""

from __future__ import annotations

import pytest

from kling_studio import Image2VideoRequest, ValidationError
from kling_studio.api.capabilities import DOCUMENTED
from kling_studio.api.models import Shot, Voice
from kling_studio.api.rules import check_request
from kling_studio.samples import landscape

KLING = DOCUMENTED["kling"]
V3 = {"image": "start.png", "model_name": "kling-v3", "sound": "on"}
TWO = [Voice(voice_id="anna"), Voice(voice_id="ben")]


def found(**fields: object) -> list[str]:
    return [str(p) for p in check_request(Image2VideoRequest(**{**V3, **fields}), KLING)]


def test_two_voices_each_named_in_the_prompt():
    assert found(voice_list=TWO, prompt="<<<voice_1>>> asks, <<<voice_2>>> answers") == []


def test_a_voice_the_prompt_never_names():
    assert found(voice_list=TWO, prompt="<<<voice_1>>> talks to herself") == [
        "voice_list[1]: is never used: write <<<voice_2>>> in the prompt where this voice speaks "
        "(got ben)"
    ]


@pytest.mark.parametrize(
    ("voices", "prompt", "number", "has"),
    [
        (TWO, "<<<voice_1>>>, <<<voice_2>>>, <<<voice_3>>>", 3, "voice_list has 2 voices"),
        (TWO[:1], "<<<voice_1>>> and <<<voice_2>>>", 2, "voice_list has 1 voice"),
        ([], "<<<voice_1>>> sings", 1, "voice_list is empty"),
        (TWO, "<<<voice_0>>> <<<voice_1>>> <<<voice_2>>>", 0, "voice_list has 2 voices"),
    ],
)
def test_a_named_voice_that_is_not_listed(voices, prompt, number, has):
    tag = f"<<<voice_{number}>>>"
    assert found(voice_list=voices, prompt=prompt) == [f"prompt: names {tag} but {has} (got {tag})"]


def test_voice_ids_and_counts():
    three = [*TWO, Voice(voice_id="cy")]
    tags = "<<<voice_1>>> <<<voice_2>>> <<<voice_3>>>"
    assert found(voice_list=three, prompt=tags) == ["voice_list: at most 2 voices (got 3 voices)"]
    blank = [Voice(voice_id=" "), TWO[1]]
    assert found(voice_list=blank, prompt="<<<voice_1>>> <<<voice_2>>>") == [
        "voice_list[0].voice_id: must not be empty (got ' ')"
    ]
    assert found(voice_list=TWO[:1], prompt="<<<voice_1>>>", sound="off") == [
        'sound: must be "on" when voice_list is given (got off)'
    ]


SHOTS = [
    Shot(index=1, prompt="<<<voice_1>>> waves", duration="2"),
    Shot(index=2, prompt="sea", duration="3"),
]
CUSTOMIZE = {"multi_shot": True, "shot_type": "customize", "multi_prompt": SHOTS}


def test_customize_reads_the_voices_in_the_shots_and_ignores_the_prompt():
    assert found(**CUSTOMIZE, voice_list=TWO[:1]) == []
    problems = check_request(
        Image2VideoRequest(**V3, **CUSTOMIZE, voice_list=TWO, prompt="<<<voice_2>>> sings"), KLING
    )
    assert [(p.field, p.severity) for p in problems] == [
        ("voice_list[1]", "error"),
        ("prompt", "warning"),
    ]
    assert "write <<<voice_2>>> in a shot's prompt" in problems[0].rule
    assert problems[1].rule.startswith("is ignored while multi-shot is on")


def test_a_shot_naming_a_voice_that_is_not_listed():
    assert found(**CUSTOMIZE) == [
        "multi_prompt[0].prompt: names <<<voice_1>>> but voice_list is empty (got <<<voice_1>>>)"
    ]


def test_intelligence_splits_the_prompt_so_the_prompt_names_the_voices():
    intelligence = {"multi_shot": True, "shot_type": "intelligence"}
    assert found(**intelligence, voice_list=TWO[:1], prompt="<<<voice_1>>> at sea") == []
    assert [p.split(":")[0] for p in found(**intelligence, voice_list=TWO[:1], prompt="sea")] == [
        "voice_list[0]"
    ]


def test_element_rules():
    assert found(element_list=[{"element_id": "e"}] * 3) == []
    assert found(element_list=[{"element_id": "e"}] * 4) == [
        "element_list: at most 3 elements (got 4 elements)"
    ]
    assert found(element_list=[{"element_id": ""}]) == [
        "element_list[0].element_id: must not be empty (got '')"
    ]
    assert found(
        element_list=[{"element_id": "e"}], voice_list=TWO[:1], prompt="<<<voice_1>>>"
    ) == ["element_list: cannot be combined with voice_list"]


async def test_an_unused_voice_is_refused_before_sending(counted):
    request = Image2VideoRequest(
        **{**V3, "image": landscape(480, 320)}, voice_list=TWO, prompt="<<<voice_2>>> only"
    )
    async with counted() as (client, transport):
        with pytest.raises(ValidationError) as caught:
            await client.create(request)
    assert caught.value.fields == ("voice_list[0]",)
    assert transport.requests == []
