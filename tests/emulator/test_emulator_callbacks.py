"""Callbacks: the task object POSTed on every status change, from the emulator's own thread."""

from __future__ import annotations

import asyncio
import logging

import httpx
import pytest

from kling_studio.emulator import Emulator, EmulatorConfig

from .helpers import Receiver, image, make_client

QUICK = {"model_name": "kling-v3", "duration": "3", "image": image()}


async def test_callback_on_every_status_change(
    client: httpx.AsyncClient, receiver: Receiver
) -> None:
    body = {**QUICK, "callback_url": receiver.url, "external_task_id": "cb-1"}
    response = await client.post("/kling/v1/videos/image2video", json=body)
    task_id = response.json()["data"]["task_id"]
    calls = await asyncio.to_thread(receiver.wait, 3)
    assert [call["task_status"] for call in calls] == ["submitted", "processing", "succeed"]
    for call in calls:
        assert "code" not in call
        assert call["task_id"] == task_id
        assert call["task_info"] == {"external_task_id": "cb-1"}
    assert calls[0]["updated_at"] <= calls[1]["updated_at"] <= calls[2]["updated_at"]
    [video] = calls[2]["task_result"]["videos"]
    assert video["url"].startswith("http://emulator.kling-studio.local/emulator/files/")
    assert calls[2] == (await client.get(f"/v1/videos/image2video/{task_id}")).json()["data"]


async def test_failed_task_calls_back_with_the_reason(
    client: httpx.AsyncClient, receiver: Receiver
) -> None:
    body = {"image": image(100, 100), "callback_url": receiver.url}
    await client.post("/v1/videos/image2video", json=body)
    calls = await asyncio.to_thread(receiver.wait, 3)
    assert calls[-1]["task_status"] == "failed"
    assert calls[-1]["task_status_msg"] == "Image pixel is invalid"


async def test_disallowed_host_gets_no_callbacks(
    receiver: Receiver, caplog: pytest.LogCaptureFixture
) -> None:
    config = EmulatorConfig(
        speed=1000, queue_seconds=1, processing_seconds=1, allow_callbacks_to=()
    )
    caplog.set_level(logging.WARNING, logger="kling_studio.emulator")
    with Emulator(config) as emulator:
        async with make_client(emulator) as client:
            body = {**QUICK, "callback_url": receiver.url}
            assert (await client.post("/v1/videos/image2video", json=body)).status_code == 200
    assert "is not in allow_callbacks_to" in caplog.text
    assert receiver.bodies == []


async def test_unreachable_callback_is_logged_not_raised(
    client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="kling_studio.emulator")
    body = {**QUICK, "callback_url": "http://127.0.0.1:9/hook"}
    task_id = (await client.post("/v1/videos/image2video", json=body)).json()["data"]["task_id"]
    deadline = asyncio.get_running_loop().time() + 20
    while caplog.text.count("callback for task") < 3:
        assert asyncio.get_running_loop().time() < deadline, caplog.text
        await asyncio.sleep(0.02)
    assert f"callback for task {task_id} (submitted) to 127.0.0.1 failed" in caplog.text
    assert (await client.get(f"/v1/videos/image2video/{task_id}")).status_code == 200
