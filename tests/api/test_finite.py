"""NaN and infinities are floats to pydantic but not to JSON: each float field refuses them
before anything is sent, by name, instead of failing later in the JSON encoder."""

from __future__ import annotations

import math
import typing

import pytest
from pydantic import BaseModel

from kling_studio import CameraControl, DynamicMask, Image2VideoRequest, ValidationError
from kling_studio.api import models
from kling_studio.api.capabilities import CAMERA_AXES, DOCUMENTED
from kling_studio.api.rules import check_request
from kling_studio.samples import boat_mask, landscape

KLING = DOCUMENTED["kling"]
PICTURE = landscape(480, 320)
CAMERA = {"image": PICTURE, "model_name": "kling-v1-5", "mode": "pro"}
BAD = [math.nan, math.inf, -math.inf]


def float_fields() -> set[str]:
    """``Model.field`` of every request-side field typed with float, found by looking."""
    found = set()
    for model in vars(models).values():
        if not (isinstance(model, type) and issubclass(model, BaseModel)) or model is BaseModel:
            continue
        if model in (models.Task, models.Video, models.TaskResult, models.TaskInfo):
            continue
        for name, info in model.model_fields.items():
            if "float" in str(info.annotation) or "Point" in str(info.annotation):
                found.add(f"{model.__name__}.{name}")
    return found


def test_every_float_field_is_covered_here():
    """A new float field fails this until a case below sends it NaN."""
    covered = {f"CameraConfig.{axis}" for axis in CAMERA_AXES}
    covered |= {"Image2VideoRequest.cfg_scale", "DynamicMask.trajectories"}
    assert float_fields() == covered
    assert typing.get_args(models.PixelPoint)[0] == tuple[float, float]


@pytest.mark.parametrize("value", BAD, ids=str)
@pytest.mark.parametrize("axis", CAMERA_AXES)
async def test_a_camera_axis(counted, axis, value):
    request = Image2VideoRequest(**CAMERA, camera_control=CameraControl.simple(**{axis: value}))
    async with counted() as (client, transport):
        with pytest.raises(ValidationError) as caught:
            await client.create(request)
    (problem,) = caught.value.problems
    assert (problem.field, problem.rule) == (
        f"camera_control.config.{axis}",
        "must be a finite number",
    )
    assert problem.value is value
    assert transport.requests == []


@pytest.mark.parametrize("value", BAD, ids=str)
async def test_cfg_scale(counted, value):
    async with counted() as (client, transport):
        with pytest.raises(ValidationError) as caught:
            await client.create(Image2VideoRequest(image=PICTURE, cfg_scale=value))
    assert [str(p) for p in caught.value.problems] == [
        f"cfg_scale: must be a finite number (got {value!r})"
    ]
    assert transport.requests == []


@pytest.mark.parametrize("value", BAD, ids=str)
async def test_a_trajectory_point(counted, value):
    path = [(10.0, 10.0), (value, 50.0), (60.0, 60.0)]
    request = Image2VideoRequest(
        image=PICTURE, dynamic_masks=[DynamicMask(mask=boat_mask(480, 320), trajectories=path)]
    )
    async with counted() as (client, transport):
        with pytest.raises(ValidationError) as caught:
            await client.create(request)
    assert [str(p) for p in caught.value.problems] == [
        f"dynamic_masks[0].trajectories: must be a finite number (got point 1 at ({value:g}, 50))"
    ]
    assert transport.requests == []


def test_a_finite_request_has_no_such_problem():
    request = Image2VideoRequest(**CAMERA, camera_control=CameraControl.simple(zoom=-10.0))
    assert check_request(request, KLING) == []
