"""An empty text where Kling has a default: left out, Kling uses its default; sent as ``""``,
the service reads a value. Each is refused before anything is sent, naming the field, the rule
and what to do instead."""

from __future__ import annotations

import pydantic
import pytest

from kling_studio import Image2VideoRequest, MultiImage2VideoRequest, ValidationError
from kling_studio.api.capabilities import DOCUMENTED
from kling_studio.api.rules import check_request
from kling_studio.samples import landscape

KLING = DOCUMENTED["kling"]
PICTURE = landscape(480, 320)


@pytest.mark.parametrize(
    ("field", "value", "text"),
    [
        (
            "model_name",
            "",
            "model_name: must not be empty: leave it out for the default model, kling-v1 (got '')",
        ),
        (
            "model_name",
            "  ",
            "model_name: must not be blank: leave it out for the default model, kling-v1 "
            "(got '  ')",
        ),
        ("duration", "", "duration: must not be empty: leave it out for the default, 5 s (got '')"),
        (
            "external_task_id",
            " ",
            "external_task_id: must not be blank: leave it out and the client makes one (got ' ')",
        ),
        (
            "callback_url",
            "",
            "callback_url: must not be empty: leave it out for no callback (got '')",
        ),
    ],
)
async def test_an_empty_text_is_refused_before_sending(counted, field, value, text):
    async with counted() as (client, transport):
        with pytest.raises(ValidationError) as caught:
            await client.create(Image2VideoRequest(image=PICTURE, **{field: value}))
    assert [str(p) for p in caught.value.problems] == [text]
    assert transport.requests == []


def test_the_multi_image_default_model_is_named():
    request = MultiImage2VideoRequest(image_list=["a.png"], prompt="two", model_name="")
    (found,) = check_request(request, KLING)
    assert found.rule == "must not be empty: leave it out for the default model, kling-v1-6"


@pytest.mark.parametrize(
    ("model", "field"),
    [(Image2VideoRequest, "mode"), (MultiImage2VideoRequest, "aspect_ratio")],
)
def test_choices_refuse_an_empty_text_where_the_request_is_made(model, field):
    with pytest.raises(pydantic.ValidationError) as caught:
        model(**{field: ""})
    (error,) = caught.value.errors()
    assert error["loc"] == (field,) and error["input"] == "" and error["type"] == "literal_error"


@pytest.mark.parametrize(
    ("field", "rule"),
    [
        ("mode", "must not be empty: leave it out for the default, std"),
        ("duration", "must not be empty: leave it out for the default, 5 s"),
    ],
)
def test_a_copy_made_without_validation_is_still_checked(field, rule):
    """``model_copy(update=...)`` (as a sweep makes its cells) skips pydantic's checks."""
    request = Image2VideoRequest(image="a.png").model_copy(update={field: ""})
    assert [(p.field, p.rule) for p in check_request(request, KLING)] == [(field, rule)]
