"""What each provider's own pages document, route by route, and what the client does with the
rest: a capability problem (refused when strict, sent as is with a warning otherwise)."""

from __future__ import annotations

import contextlib
import json

import pytest

from kling_studio import Image2VideoRequest, MultiImage2VideoRequest, Provider, ValidationError
from kling_studio.api.auth import BearerKey
from kling_studio.api.capabilities import (
    DOCUMENTED,
    IMAGE2VIDEO,
    MODELS,
    MULTI_IMAGE2VIDEO,
    PROMPT_LIMITS,
    PromptLimits,
)
from kling_studio.api.errors import ConfigurationError, KlingError
from kling_studio.api.models import Shot, Voice
from kling_studio.api.rules import SET_VALUE, check_request
from kling_studio.samples import landscape

KLING = DOCUMENTED["kling"]
COMET = DOCUMENTED["cometapi"]
PICTURE = landscape(480, 320)
UNDOCUMENTED_TEXT = (
    "is not documented on CometAPI's image2video page — sent as is only with strict=False"
)


def test_the_table_holds_the_documented_numbers():
    comet, kling = COMET.route(IMAGE2VIDEO), KLING.route(IMAGE2VIDEO)
    assert comet.prompt_limits == PromptLimits(prompt=500, negative_prompt=200)
    assert comet.durations == ("5", "10")
    assert COMET.route(MULTI_IMAGE2VIDEO).prompt_limits == comet.prompt_limits
    assert COMET.route(MULTI_IMAGE2VIDEO).durations == ("5", "10")
    assert kling.prompt_limits == PromptLimits(prompt=2500, negative_prompt=2500)
    assert kling.durations is None  # as the model's row says: kling-v3 makes 3 to 15 s
    assert MODELS["kling-v3"].durations == tuple(str(s) for s in range(3, 16))
    assert KLING.route(MULTI_IMAGE2VIDEO).prompt_limits == kling.prompt_limits
    assert kling.undocumented == frozenset() == KLING.route(MULTI_IMAGE2VIDEO).undocumented
    assert comet.undocumented == {
        "sound",
        "voice_list",
        "multi_shot",
        "shot_type",
        "multi_prompt",
        "element_list",
    }


def test_names_routes_and_the_derived_prompt_limits_agree():
    for kind, docs in DOCUMENTED.items():
        assert set(docs.routes) == {IMAGE2VIDEO, MULTI_IMAGE2VIDEO}
        assert all(route.provider == docs.name and route.source for route in docs.routes.values())
        assert all(docs.route(name).route == name for name in docs.routes)
        assert docs.prompt_limits == docs.route(IMAGE2VIDEO).prompt_limits == PROMPT_LIMITS[kind]
    assert (KLING.name, COMET.name) == ("Kling", "CometAPI")


def test_every_undocumented_field_is_a_field_of_its_routes_request():
    requests = {IMAGE2VIDEO: Image2VideoRequest, MULTI_IMAGE2VIDEO: MultiImage2VideoRequest}
    for docs in DOCUMENTED.values():
        for route in docs.routes.values():
            assert route.undocumented <= set(requests[route.route].model_fields)
            assert route.undocumented <= set(SET_VALUE), "each needs its 'is it set?' row"


def test_each_provider_carries_its_docs():
    comet = Provider.cometapi("sk-comet")
    kling = Provider.kling(api_key="k")
    assert comet.docs is COMET and comet.prompt_limits == COMET.prompt_limits
    assert kling.docs is KLING and kling.prompt_limits.prompt == 2500
    custom = Provider.custom("http://127.0.0.1:9", BearerKey("k"), limits="cometapi")
    assert custom.docs is COMET
    assert Provider.custom("http://127.0.0.1:9", BearerKey("k")).docs is KLING
    with pytest.raises(ConfigurationError, match="limits: must be one of kling, cometapi"):
        Provider.custom("http://127.0.0.1:9", BearerKey("k"), limits="comet")


V3 = {"image": "start.png", "model_name": "kling-v3"}
FIVE_SECONDS = [Shot(index=1, prompt="a", duration="2"), Shot(index=2, prompt="b", duration="3")]
SETS = {
    "sound": ({"sound": "on"}, ["sound"]),
    "voices": (
        {"sound": "on", "voice_list": [Voice(voice_id="v1")], "prompt": "<<<voice_1>>> sings"},
        ["sound", "voice_list"],
    ),
    "intelligence": (
        {"multi_shot": True, "shot_type": "intelligence", "prompt": "a day at sea"},
        ["multi_shot", "shot_type"],
    ),
    "customize": (
        {"multi_shot": True, "shot_type": "customize", "multi_prompt": FIVE_SECONDS},
        ["multi_shot", "shot_type", "multi_prompt"],
    ),
    "elements": ({"element_list": [{"element_id": "e1"}]}, ["element_list"]),
}
"""kling-v3 requests Kling's docs allow, each setting some fields CometAPI's page lacks."""


@pytest.mark.parametrize(("fields", "flagged"), SETS.values(), ids=SETS.keys())
def test_fields_cometapi_does_not_document_are_capability_problems(fields, flagged):
    request = Image2VideoRequest(**V3, **fields)
    assert check_request(request, KLING) == []
    found = check_request(request, COMET)
    assert [(p.field, p.severity) for p in found] == [(name, "capability") for name in flagged]
    assert all(p.rule == UNDOCUMENTED_TEXT for p in found)


@pytest.mark.parametrize(
    "fields",
    [{"sound": "off"}, {"multi_shot": False}, {"voice_list": []}, {"element_list": []}],
    ids=["sound off", "multi_shot false", "no voices", "no elements"],
)
def test_a_default_value_asks_for_nothing_and_is_not_flagged(fields):
    assert check_request(Image2VideoRequest(**V3, **fields), COMET) == []


def test_the_problem_says_what_was_set():
    request = Image2VideoRequest(**V3, **SETS["customize"][0])
    shown = [str(p) for p in check_request(request, COMET)]
    assert shown == [
        f"multi_shot: {UNDOCUMENTED_TEXT} (got True)",
        f"shot_type: {UNDOCUMENTED_TEXT} (got customize)",
        f"multi_prompt: {UNDOCUMENTED_TEXT} (got 2 shots)",
    ]


@pytest.mark.parametrize(("fields", "flagged"), SETS.values(), ids=SETS.keys())
async def test_strict_refuses_before_sending(counted, fields, flagged):
    async with counted("cometapi") as (client, transport):
        with pytest.raises(ValidationError) as caught:
            await client.create(Image2VideoRequest(**{**V3, "image": PICTURE}, **fields))
    assert caught.value.fields == tuple(flagged)
    assert UNDOCUMENTED_TEXT in str(caught.value)
    assert transport.requests == []


@pytest.mark.parametrize(("fields", "flagged"), SETS.values(), ids=SETS.keys())
async def test_not_strict_sends_as_is_with_a_warning(counted, fields, flagged):
    async with counted("cometapi", strict=False) as (client, transport):
        prepared = await client.prepare(Image2VideoRequest(**{**V3, "image": PICTURE}, **fields))
    warnings = [w for w in prepared.warnings if "CometAPI" in w]
    assert [w.split(":")[0] for w in warnings] == flagged
    assert all("not documented on CometAPI — sent as is (got " in w for w in warnings)
    assert not any("strict=False" in w for w in prepared.warnings)
    assert set(flagged) <= set(prepared.payload)
    assert transport.requests == []


async def test_on_kling_none_of_them_is_flagged(counted):
    async with counted("kling") as (client, transport):
        for fields, _ in SETS.values():
            prepared = await client.prepare(
                Image2VideoRequest(**{**V3, "image": PICTURE}, **fields)
            )
            assert prepared.warnings == ()
    assert transport.requests == []


async def test_not_strict_reaches_the_service_with_the_field(counted):
    async with counted("cometapi", strict=False) as (client, transport):
        request = Image2VideoRequest(image=PICTURE, model_name="kling-v3", sound="on")
        # What the service does with it is the service's business; the client's is to send it.
        with contextlib.suppress(KlingError):
            await client.create(request)
    (post,) = transport.posts()
    assert post.url.path == "/kling/v1/videos/image2video"
    assert json.loads(post.content)["sound"] == "on"


@pytest.mark.parametrize(
    ("model", "duration", "problem"),
    [
        ("kling-v3", "7", "CometAPI's image2video page documents only 5, 10 s"),
        ("kling-v3", "10", None),
        ("kling-v1", "7", "kling-v1 makes clips of 5, 10 s"),
    ],
)
def test_a_duration_cometapi_does_not_document(model, duration, problem):
    request = Image2VideoRequest(image="start.png", model_name=model, duration=duration)
    found = check_request(request, COMET)
    assert [p.rule.split(" — ")[0] for p in found] == ([problem] if problem else [])
    assert all((p.field, p.severity) == ("duration", "capability") for p in found)
    if model == "kling-v3":
        assert check_request(request, KLING) == []


async def test_a_duration_cometapi_does_not_document_is_a_warning_when_not_strict(counted):
    request = Image2VideoRequest(image=PICTURE, model_name="kling-v3", duration=7)
    async with counted("cometapi") as (client, transport):
        with pytest.raises(ValidationError, match="only with strict=False"):
            await client.prepare(request)
    async with counted("cometapi", strict=False) as (client, transport):
        prepared = await client.prepare(request)
    assert prepared.warnings == (
        "duration: not documented on CometAPI (5, 10 s only) — sent as is (got 7)",
    )
    assert prepared.payload["duration"] == "7"
    assert transport.requests == []


@pytest.mark.parametrize(
    ("docs", "route", "limit"),
    [(COMET, IMAGE2VIDEO, 500), (COMET, MULTI_IMAGE2VIDEO, 500), (KLING, IMAGE2VIDEO, 2500)],
)
def test_prompt_limits_per_route_name_the_provider(docs, route, limit):
    make = {
        IMAGE2VIDEO: lambda prompt: Image2VideoRequest(image="a.png", prompt=prompt),
        MULTI_IMAGE2VIDEO: lambda prompt: MultiImage2VideoRequest(image_list=["a"], prompt=prompt),
    }[route]
    assert check_request(make("p" * limit), docs) == []
    (found,) = check_request(make("p" * (limit + 1)), docs)
    assert found.rule == f"must be at most {limit} characters on {docs.name}"
