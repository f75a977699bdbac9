"""cfg_scale on a model whose row says it has none: Kling's docs say kling-v2.x does not use it,
not that the service refuses it (kling-api.md §11). A warning naming the model, and the field
stays off the wire."""

from __future__ import annotations

import json

import pytest

from kling_studio import Image2VideoRequest
from kling_studio.api.capabilities import MODELS
from kling_studio.samples import landscape

PICTURE = landscape(480, 320)
WITHOUT = [name for name, spec in MODELS.items() if not spec.cfg_scale]


def test_the_table_names_the_models_without_cfg_scale():
    assert WITHOUT == [
        "kling-v2-master",
        "kling-v2-1",
        "kling-v2-1-master",
        "kling-v2-5-turbo",
        "kling-v2-6",
        "kling-v3",
    ]


@pytest.mark.parametrize("strict", [True, False])
@pytest.mark.parametrize("model", WITHOUT)
async def test_cfg_scale_is_left_out_with_a_warning_naming_the_model(counted, model, strict):
    async with counted(strict=strict) as (client, transport):
        request = Image2VideoRequest(image=PICTURE, model_name=model, cfg_scale=0.5)
        prepared = await client.prepare(request)
    assert "cfg_scale" not in prepared.payload and "cfg_scale" not in prepared.summary
    assert prepared.warnings == (
        f"cfg_scale: has no effect on {model}; left out of the request (got 0.5)",
    )
    assert transport.requests == []


async def test_what_is_sent_has_no_cfg_scale(counted):
    async with counted() as (client, transport):
        await client.create(
            Image2VideoRequest(image=PICTURE, model_name="kling-v2-master", cfg_scale=0.8)
        )
    (post,) = transport.posts()
    body = json.loads(post.content)
    assert body["model_name"] == "kling-v2-master" and "cfg_scale" not in body


async def test_a_model_that_uses_cfg_scale_gets_it(counted):
    async with counted() as (client, transport):
        prepared = await client.prepare(
            Image2VideoRequest(image=PICTURE, model_name="kling-v1-6", cfg_scale=0.8)
        )
    assert prepared.payload["cfg_scale"] == 0.8 and prepared.warnings == ()
    assert transport.requests == []
