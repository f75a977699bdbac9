"""The task lifecycle on the wall clock, durations shortened by ``speed``: statuses, queries,
lists, limits, task-level failures."""

from __future__ import annotations

import asyncio
import random
import time
from typing import Any

import httpx
import pytest

from kling_studio.emulator import Emulator, EmulatorConfig, Status, VirtualClock
from kling_studio.emulator.lifecycle import Outcome, Schedule, draw_schedule, state_at, transitions

from .helpers import AUTH, FAST, b64, finished, image, image_bytes, make_client, token, wait_for

PNG = image()
QUICK = {"model_name": "kling-v3", "duration": "3", "image": PNG}
"""The cheapest render: 3 s at 720p, 24 fps."""


# Pure lifecycle.


def test_state_follows_the_schedule_and_the_render() -> None:
    schedule = Schedule(created_at=100.0, queue_seconds=10.0, processing_seconds=20.0)
    done = Outcome(finished_at=120.0)
    assert state_at(schedule, done, 105).status is Status.SUBMITTED
    assert state_at(schedule, done, 115).status is Status.PROCESSING
    assert state_at(schedule, None, 500).status is Status.PROCESSING
    final = state_at(schedule, done, 130)
    assert final.status is Status.SUCCEED
    assert final.updated_at == 130
    late = Outcome(finished_at=160.0, failure="Image pixel is invalid")
    assert state_at(schedule, late, 150).status is Status.PROCESSING
    failed = state_at(schedule, late, 160)
    assert (failed.status, failed.message, failed.updated_at) == (
        Status.FAILED,
        "Image pixel is invalid",
        160,
    )
    assert transitions(schedule, None) == (100, 110)
    assert transitions(schedule, late) == (100, 110, 160)


def test_schedules_are_seeded_queues_vary_and_processing_is_steady() -> None:
    draws = [draw_schedule(random.Random(7), 0.0, 100.0) for _ in range(2)]
    assert draws[0] == draws[1]
    rng = random.Random(1)
    drawn = [draw_schedule(rng, 0.0, 100.0) for _ in range(400)]
    processing = sorted(s.processing_seconds for s in drawn)
    queue = sorted(s.queue_seconds for s in drawn)
    assert 95 < processing[200] < 105  # median processing near the expectation
    assert processing[10] > 75 and processing[390] < 130  # about ±10 %
    assert 15 < sum(queue) / len(queue) < 35  # queues average a quarter of it …
    assert queue[390] > 3 * queue[200]  # … with a long tail
    fixed = draw_schedule(random.Random(1), 0.0, 100.0, queue_seconds=1, processing_seconds=2)
    assert (fixed.queue_seconds, fixed.processing_seconds) == (1, 2)


async def test_virtual_clock() -> None:
    clock = VirtualClock(speed=1000)
    start, real = clock.now(), time.monotonic()
    await clock.sleep(100)
    assert clock.now() - start >= 100
    assert time.monotonic() - real < 1
    assert clock.real_seconds(500) == 0.5
    assert abs(VirtualClock(1, epoch=0).now()) < 1


# Over HTTP.


async def create(client: httpx.AsyncClient, body: dict[str, Any], prefix: str = "/v1") -> str:
    response = await client.post(f"{prefix}/videos/image2video", json=body)
    assert response.status_code == 200, response.text
    task_id: str = response.json()["data"]["task_id"]
    return task_id


async def test_lifecycle_on_the_wall_clock_with_shortened_durations() -> None:
    config = EmulatorConfig(speed=100, queue_seconds=50, processing_seconds=50)
    with Emulator(config) as emulator:
        async with make_client(emulator) as client:
            response = await client.post(
                "/v1/videos/image2video", json={**QUICK, "external_task_id": "life"}
            )
            created = response.json()
            assert created["code"] == 0
            assert created["message"] == "SUCCEED"
            data = created["data"]
            assert data["task_status"] == "submitted"
            assert data["task_info"] == {"external_task_id": "life"}
            assert data["task_id"].isdigit()
            assert len(data["task_id"]) == 18
            assert data["created_at"] == data["updated_at"]
            assert abs(data["created_at"] - time.time() * 1000) < 1000
            seen: dict[str, int] = {}

            async def done() -> dict[str, Any] | None:
                task: dict[str, Any] = (
                    await client.get(f"/v1/videos/image2video/{data['task_id']}")
                ).json()["data"]
                seen.setdefault(task["task_status"], task["updated_at"])
                return task if task["task_status"] == "succeed" else None

            task = await wait_for(done, timeout=30)
    assert list(seen) == ["submitted", "processing", "succeed"]
    # 50 virtual seconds at speed 100 are 500 real milliseconds.
    assert abs(seen["processing"] - task["created_at"] - 500) <= 1
    assert task["updated_at"] - task["created_at"] >= 999
    assert task["final_unit_deduction"] == "1.8"
    assert task["task_status_msg"] == ""
    assert task["watermark_info"] == {"enabled": False}
    [video] = task["task_result"]["videos"]
    assert video["duration"] == "3"
    assert video["url"].startswith("http://emulator.kling-studio.local/emulator/files/")
    assert "watermark_url" not in video


async def test_query_by_task_id_and_external_id(client: httpx.AsyncClient) -> None:
    task_id = await create(client, {**QUICK, "external_task_id": "ext-1"}, prefix="/kling/v1")
    for prefix in ("/v1", "/kling/v1"):
        for ident in (task_id, "ext-1"):
            response = await client.get(f"{prefix}/videos/image2video/{ident}")
            assert response.status_code == 200
            data = response.json()["data"]
            assert data["task_id"] == task_id
            assert data["task_info"] == {"external_task_id": "ext-1"}
    missing = await client.get("/v1/videos/image2video/nope")
    assert missing.status_code == 404
    assert missing.json()["code"] == 1203
    other_family = await client.get(f"/v1/videos/multi-image2video/{task_id}")
    assert other_family.json()["code"] == 1203


async def test_accounts_are_separate(emulator: Emulator, client: httpx.AsyncClient) -> None:
    task_id = await create(client, {**QUICK, "external_task_id": "shared"})
    async with make_client(emulator, {"Authorization": f"Bearer {token()}"}) as other:
        assert (await other.get(f"/v1/videos/image2video/{task_id}")).json()["code"] == 1203
        assert (await other.get("/v1/videos/image2video")).json()["data"] == []
        await create(other, {**QUICK, "external_task_id": "shared"})
    assert len({task.account for task in emulator.tasks}) == 2


async def test_duplicate_external_id(client: httpx.AsyncClient, emulator: Emulator) -> None:
    await create(client, {**QUICK, "external_task_id": "once"})
    response = await client.post(
        "/v1/videos/image2video", json={**QUICK, "external_task_id": "once"}
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == 1201
    assert body["message"] == "external_task_id(once) already exists for this account"
    multi = {"prompt": "p", "image_list": [{"image": PNG}], "external_task_id": "once"}
    assert (await client.post("/v1/videos/multi-image2video", json=multi)).json()["code"] == 1201
    assert len(emulator.tasks) == 1


async def test_list_paging_newest_first(client: httpx.AsyncClient) -> None:
    ids = [await create(client, {**QUICK, "external_task_id": f"p{i}"}) for i in range(5)]
    newest_first = ids[::-1]
    everything = (await client.get("/v1/videos/image2video")).json()["data"]
    assert [task["task_id"] for task in everything] == newest_first
    assert {"task_status", "task_info", "final_unit_deduction", "created_at"} <= set(everything[0])
    pages = [
        (
            await client.get("/kling/v1/videos/image2video", params={"pageNum": n, "pageSize": 2})
        ).json()["data"]
        for n in (1, 2, 3, 4)
    ]
    assert [[task["task_id"] for task in page] for page in pages] == [
        newest_first[:2],
        newest_first[2:4],
        newest_first[4:],
        [],
    ]
    assert (await client.get("/v1/videos/multi-image2video")).json()["data"] == []


async def test_concurrency_limit_then_a_freed_slot() -> None:
    config = EmulatorConfig(speed=1000, queue_seconds=1, processing_seconds=2, concurrency=1)
    with Emulator(config) as emulator:
        async with make_client(emulator) as client:
            first = await create(client, QUICK)
            refused = await client.post("/v1/videos/image2video", json=QUICK)
            assert refused.status_code == 429
            assert refused.json()["code"] == 1303
            assert refused.json()["message"] == "parallel task over resource pack limit"
            async with make_client(emulator, {"Authorization": f"Bearer {token()}"}) as other:
                await create(other, QUICK)
            await finished(client, f"/v1/videos/image2video/{first}")
            await create(client, QUICK)
        assert len(emulator.tasks) == 3


async def test_retry_after_hint_on_unfinished_tasks() -> None:
    config = EmulatorConfig(speed=1, queue_seconds=600, processing_seconds=600, retry_after=2.5)
    with Emulator(config) as emulator:
        async with make_client(emulator) as client:
            task_id = await create(client, QUICK)
            response = await client.get(f"/v1/videos/image2video/{task_id}")
            assert response.headers["retry-after"] == "2.5"
    with Emulator(FAST) as emulator:
        async with make_client(emulator) as client:
            task_id = await create(client, QUICK)
            await finished(client, f"/v1/videos/image2video/{task_id}")
            response = await client.get(f"/v1/videos/image2video/{task_id}")
            assert "retry-after" not in response.headers


def test_blocking_client_with_a_fresh_loop_per_call(emulator: Emulator) -> None:
    """A sync wrapper that calls asyncio.run per request: tasks progress between calls."""
    transport = emulator.transport()

    def call(method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        async def once() -> dict[str, Any]:
            async with httpx.AsyncClient(
                transport=transport, base_url=emulator.base_url, headers=AUTH
            ) as client:
                result: dict[str, Any] = (await client.request(method, path, **kwargs)).json()
                return result

        return asyncio.run(once())

    task_id = call("POST", "/v1/videos/image2video", json=QUICK)["data"]["task_id"]
    deadline = time.monotonic() + 20
    status = ""
    while status != "succeed":
        assert time.monotonic() < deadline, status
        status = call("GET", f"/v1/videos/image2video/{task_id}")["data"]["task_status"]
        emulator.clock.sleep_blocking(5)


# Failures the real service reports on the task, not at submit.


def png_of(width: int, height: int) -> str:
    return image(width, height)


FAILURES = {
    "too small": ({"image": png_of(299, 400)}, "Image pixel is invalid"),
    "too wide": ({"image": png_of(1000, 300)}, "Image pixel is invalid"),
    "too tall": ({"image": png_of(300, 1000)}, "Image pixel is invalid"),
    "undecodable": ({"image": b64(image_bytes()[:100])}, "Image pixel is invalid"),
    "small tail": (
        {"model_name": "kling-v1", "image": PNG, "image_tail": png_of(200, 200)},
        "Image pixel is invalid",
    ),
    "mask resolutions differ": (
        {
            "model_name": "kling-v1",
            "image": PNG,
            "static_mask": png_of(400, 300),
            "dynamic_masks": [
                {"mask": png_of(800, 600), "trajectories": [{"x": 1, "y": 1}, {"x": 9, "y": 9}]}
            ],
        },
        "mask resolution is invalid: static_mask and every dynamic_masks[].mask must have",
    ),
    "mask aspect differs": (
        {"model_name": "kling-v1", "image": PNG, "static_mask": png_of(400, 400)},
        "mask resolution is invalid: the masks' aspect ratio (400x400) must equal",
    ),
    "remote url": (
        {"image": "https://example.com/cat.png"},
        "image URL host example.com is not reachable: the emulator is offline",
    ),
    "loopback url missing": ({"image": "http://127.0.0.1:9/none.png"}, "image URL could not"),
}


@pytest.mark.parametrize(("body", "message"), FAILURES.values(), ids=FAILURES.keys())
async def test_task_failures(
    client: httpx.AsyncClient, emulator: Emulator, body: dict[str, Any], message: str
) -> None:
    response = await client.post("/v1/videos/image2video", json=body)
    assert response.status_code == 200
    task_id = response.json()["data"]["task_id"]
    data = await finished(client, f"/v1/videos/image2video/{task_id}")
    assert data["task_status"] == "failed"
    assert message in data["task_status_msg"]
    assert data["final_unit_deduction"] == "0"
    assert data["task_result"] == {}
    assert emulator.tasks[0].status is Status.FAILED


async def test_loopback_image_url_is_fetched(client: httpx.AsyncClient, receiver: Any) -> None:
    url = receiver.serve("/start.jpg", image_bytes(480, 360, "JPEG"))
    task_id = await create(client, {**QUICK, "image": url})
    data = await finished(client, f"/v1/videos/image2video/{task_id}")
    assert data["task_status"] == "succeed", data["task_status_msg"]
    not_image = receiver.serve("/page.html", b"<html></html>")
    task_id = await create(client, {**QUICK, "image": not_image})
    data = await finished(client, f"/v1/videos/image2video/{task_id}")
    assert data["task_status_msg"] == "Image pixel is invalid"
