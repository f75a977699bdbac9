"""What public Kling clients send, written out literally, and how the emulator answers it.

Each body and query here is the shape a real client puts on the wire (kling-api.md §11); no
third-party client is imported. The emulator must take what the real service takes.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from kling_studio.emulator import Emulator, EmulatorConfig
from kling_studio.emulator.validation import validate

from .helpers import finished, image, make_client

PICTURE = image(400, 300)


async def test_comfyui_default_body_with_cfg_scale_on_v2_master(
    client: httpx.AsyncClient, emulator: Emulator
) -> None:
    """ComfyUI's Kling image-to-video node, left at its defaults: kling-v2-master, cfg_scale 0.8
    (a field v2 models ignore), std, 5 s."""
    body = {
        "model_name": "kling-v2-master",
        "image": PICTURE,
        "prompt": "a lighthouse in a storm, waves crashing",
        "cfg_scale": 0.8,
        "mode": "std",
        "duration": "5",
    }
    created = await client.post("/v1/videos/image2video", json=body)
    assert created.status_code == 200, created.text
    assert created.json()["code"] == 0
    task_id = created.json()["data"]["task_id"]
    data = await finished(client, f"/v1/videos/image2video/{task_id}", timeout=90)
    assert data["task_status"] == "succeed", data["task_status_msg"]
    assert [video["duration"] for video in data["task_result"]["videos"]] == ["5"]
    [task] = emulator.tasks
    assert task.video_path is not None and task.video_path.stat().st_size > 0


# --- a task looked up by a query parameter on the list URL ---------------------------------------

WAITING = EmulatorConfig(render=False, queue_seconds=3600)
"""Tasks stay ``submitted`` for an hour: the answers compared below cannot change in between."""


@pytest.fixture
async def waiting() -> AsyncIterator[httpx.AsyncClient]:
    """Two image2video tasks and one multi-image2video task, each with an external id."""
    with Emulator(WAITING) as emulator:
        async with make_client(emulator) as client:
            for external in ("first", "second"):
                body = {"image": PICTURE, "external_task_id": external}
                assert (await client.post("/v1/videos/image2video", json=body)).json()["code"] == 0
            body = {
                "prompt": "two",
                "image_list": [{"image": PICTURE}],
                "external_task_id": "multi",
            }
            assert (await client.post("/v1/videos/multi-image2video", json=body)).json()[
                "code"
            ] == 0
            yield client


def answer(response: httpx.Response) -> tuple[int, dict[str, Any]]:
    """Status and body without the request id, which is new on every answer."""
    body = response.json()
    body.pop("request_id")
    return response.status_code, body


LOOKUPS = [
    ("/v1/videos/image2video", "second"),
    ("/kling/v1/videos/image2video", "first"),
    ("/v1/videos/multi-image2video", "multi"),
    ("/kling/v1/videos/multi-image2video", "multi"),
]


@pytest.mark.parametrize(("path", "external"), LOOKUPS)
async def test_external_task_id_as_a_query_parameter_answers_like_the_path(
    waiting: httpx.AsyncClient, path: str, external: str
) -> None:
    """An older version of Kling's doc (KlingDemo, clients written from it) passes the external
    id as ``?external_task_id=`` on the list URL: the one task, never the page."""
    by_parameter = await waiting.get(f"{path}?external_task_id={external}")
    by_path = await waiting.get(f"{path}/{external}")
    assert answer(by_parameter) == answer(by_path)
    status, body = answer(by_parameter)
    assert status == 200
    assert body["data"]["task_info"] == {"external_task_id": external}


@pytest.mark.parametrize("path", [path for path, _ in LOOKUPS])
async def test_unknown_external_task_id_is_not_found_like_the_path(
    waiting: httpx.AsyncClient, path: str
) -> None:
    by_parameter = await waiting.get(f"{path}?external_task_id=nobody")
    assert answer(by_parameter) == answer(await waiting.get(f"{path}/nobody"))
    assert answer(by_parameter) == (
        404,
        {"code": 1203, "message": "task nobody does not exist"},
    )


async def test_task_id_as_a_query_parameter(waiting: httpx.AsyncClient) -> None:
    path = "/v1/videos/image2video"
    page = (await waiting.get(path)).json()["data"]
    [second] = [task for task in page if task["task_info"] == {"external_task_id": "second"}]
    task_id = second["task_id"]
    by_parameter = await waiting.get(path, params={"task_id": task_id})
    assert answer(by_parameter) == answer(await waiting.get(f"{path}/{task_id}"))
    both = await waiting.get(path, params={"task_id": task_id, "external_task_id": "second"})
    assert answer(both) == answer(by_parameter)


@pytest.mark.parametrize(
    "params",
    [
        {"task_id": "second"},
        {"external_task_id": "first", "task_id": "0"},
        {"external_task_id": "multi"},
    ],
    ids=["an external id is not a task id", "ids of no one task", "another endpoint's task"],
)
async def test_parameters_that_name_no_one_task_are_not_found(
    waiting: httpx.AsyncClient, params: dict[str, str]
) -> None:
    response = await waiting.get("/v1/videos/image2video", params=params)
    status, body = answer(response)
    assert (status, body["code"]) == (404, 1203)
    assert "data" not in body


async def test_the_list_url_without_an_id_still_lists(waiting: httpx.AsyncClient) -> None:
    for query in ("", "?external_task_id=", "?pageNum=1&pageSize=30"):
        page = (await waiting.get(f"/v1/videos/image2video{query}")).json()["data"]
        assert [task["task_info"]["external_task_id"] for task in page] == ["second", "first"]


# --- camera_control without a type ---------------------------------------------------------------

UNTYPED_CAMERA = {
    "config": {"horizontal": 0, "vertical": 0, "pan": 0, "tilt": 0, "roll": 0, "zoom": 5}
}
"""A config with all six axes and no ``type``, which the doc marks optional."""


async def test_camera_control_without_type_is_a_simple_move(waiting: httpx.AsyncClient) -> None:
    body = {
        "model_name": "kling-v1-5",
        "mode": "pro",
        "duration": "5",
        "image": PICTURE,
        "prompt": "slowly pull back",
        "camera_control": UNTYPED_CAMERA,
    }
    created = await waiting.post("/v1/videos/image2video", json=body)
    assert (created.status_code, created.json()["code"]) == (200, 0), created.text
    typed = {**body, "camera_control": {"type": "simple", **UNTYPED_CAMERA}}
    assert validate("image2video", body, "kling") == validate("image2video", typed, "kling")
    camera = validate("image2video", body, "kling").camera
    assert camera is not None and (camera.type, camera.config["zoom"]) == ("simple", 5)


async def test_camera_control_without_type_follows_the_simple_rules(
    waiting: httpx.AsyncClient,
) -> None:
    two_axes = {"config": {**UNTYPED_CAMERA["config"], "pan": 2}}
    body = {"model_name": "kling-v1-5", "mode": "pro", "image": PICTURE, "camera_control": two_axes}
    refused = await waiting.post("/v1/videos/image2video", json=body)
    assert (refused.status_code, refused.json()["code"]) == (400, 1201)
    assert "exactly one non-zero field" in refused.json()["message"]
