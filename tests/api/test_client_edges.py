"""Edges found in review: each once broke a promise the client makes (see ARCHITECTURE.md)."""

from __future__ import annotations

import gzip
import json
import threading

import httpx
import pytest

from kling_studio import (
    AsyncKlingClient,
    AuthError,
    BalanceError,
    ConcurrencyLimitError,
    ConfigurationError,
    Image2VideoRequest,
    KlingClient,
    ProtocolError,
    Provider,
    TaskTimeoutError,
)
from kling_studio.api.auth import JwtAuth
from kling_studio.api.capabilities import DOCUMENTED
from kling_studio.api.connection import Connection
from kling_studio.api.download import fetch_to_file
from kling_studio.api.exchange import MAX_RETRY_AFTER, retry_after_seconds
from kling_studio.api.models import TaskKind, task_from_data
from kling_studio.api.retry import RetryPolicy
from kling_studio.api.rules import check_request
from kling_studio.embedded import emulator_connection
from kling_studio.emulator import Emulator, EmulatorConfig
from kling_studio.samples import boat_mask, landscape

SECRET = "secret-key-of-sufficient-length-0123456789"


def asgi_json(body: dict, status: int = 200):
    async def app(scope, receive, send):
        payload = json.dumps(body).encode()
        headers = [(b"content-type", b"application/json")]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": payload})

    return app


async def test_a_token_the_service_echoes_is_never_shown(caplog):
    async def echo(scope, receive, send):
        token = dict(scope["headers"])[b"authorization"].decode()
        body = json.dumps({"code": 1002, "message": f"invalid Authorization value: {token}"})
        await send({"type": "http.response.start", "status": 401, "headers": []})
        await send({"type": "http.response.body", "body": body.encode()})

    provider = Provider.custom("http://kling.test", JwtAuth("ak", SECRET))
    connection = Connection(provider, httpx.ASGITransport(echo))
    async with AsyncKlingClient(connection=connection) as client:
        with pytest.raises(AuthError) as caught:
            await client.get("1")
        token = provider.auth.token()  # type: ignore[attr-defined]
    assert token not in str(caught.value)
    assert token not in caplog.text
    assert "***" in str(caught.value)


async def test_a_final_create_error_names_the_external_id(kling, fast_emulator):
    fast_emulator.faults.add("1102", endpoint="create")
    request = Image2VideoRequest(image=landscape(480, 320), external_task_id="mine-7")
    with pytest.raises(BalanceError) as caught:
        await kling.create(request)
    assert any("mine-7" in note for note in caught.value.__notes__)


async def test_points_on_a_big_photo_are_scaled_with_it(kling):
    photo = landscape(3000, 2000)
    request = Image2VideoRequest(
        image=photo,
        model_name="kling-v1",
        mode="std",
        dynamic_masks=[
            {"mask": boat_mask(3000, 2000), "trajectories": [(900, 1500), (2600, 1700)]}
        ],
    )
    prepared = await kling.prepare(request)
    assert prepared.summary["image"]["width"] == 1280
    height = prepared.summary["image"]["height"]
    scale = 1280 / 3000
    wire = prepared.payload["dynamic_masks"][0]["trajectories"]
    assert wire[0] == {"x": round(900 * scale), "y": height - 1 - round(1500 * scale)}
    assert wire[1]["x"] == round(2600 * scale)


async def test_timeout_is_waited_in_full_before_giving_up():
    # Lifecycle only: at this speed an encode would outlast the 12 s the task is scheduled for.
    config = EmulatorConfig(speed=100, queue_seconds=2, processing_seconds=10, render=False)
    with Emulator(config) as emulator:
        async with AsyncKlingClient(connection=emulator_connection(emulator)) as kling:
            task = await kling.create(Image2VideoRequest(image=landscape(480, 320)))
            finished = await kling.wait(task, timeout=15)  # takes 12 s; a queued poll waits 20
            assert finished.succeeded
            late = await kling.create(Image2VideoRequest(image=landscape(480, 320)))
            with pytest.raises(TaskTimeoutError) as caught:
                await kling.wait(late, timeout=5)
    # a last status query and journal write cost real milliseconds, which 100× time multiplies
    assert 5 <= caught.value.waited_seconds < 9


def test_timeout_hint_names_the_kind():
    error = TaskTimeoutError("9", 60, "processing", TaskKind.MULTI_IMAGE2VIDEO.value)
    assert "kind='multi-image2video'" in str(error)


@pytest.mark.parametrize(
    ("headers", "seconds"),
    [
        ({"retry-after": "2.5"}, 2.5),
        ({"retry-after": "86400"}, MAX_RETRY_AFTER),
        (
            {
                "retry-after": "Wed, 21 Oct 2015 07:28:00 -0000",
                "date": "Wed, 21 Oct 2015 07:27:00 GMT",
            },
            None,
        ),
        ({"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT", "date": "garbage"}, None),
        (
            {
                "retry-after": "Wed, 21 Oct 2015 07:28:00 GMT",
                "date": "Wed, 21 Oct 2015 07:27:30 GMT",
            },
            30,
        ),
    ],
)
def test_retry_after_is_parsed_safely_and_capped(headers, seconds):
    assert retry_after_seconds(httpx.Headers(headers)) == seconds


def test_numbers_where_strings_are_documented_are_read():
    task = task_from_data(
        {
            "task_id": 861309198188019719,
            "task_status": "succeed",
            "final_unit_deduction": 2,
            "task_result": {"videos": [{"id": 1, "url": "http://x/1.mp4", "duration": 5}]},
        },
        TaskKind.IMAGE2VIDEO,
    )
    assert task.task_id == "861309198188019719"
    assert task.units == 2.0
    assert task.videos[0].duration == "5"
    with pytest.raises(ProtocolError, match="task_status"):
        task_from_data({"task_id": "1"}, TaskKind.IMAGE2VIDEO)


async def test_gzip_encoded_downloads_arrive_whole(tmp_path):
    video = bytes(range(256)) * 400
    packed = gzip.compress(video)

    async def cdn(scope, receive, send):
        headers = [(b"content-encoding", b"gzip"), (b"content-length", str(len(packed)).encode())]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": packed})

    async with httpx.AsyncClient(transport=httpx.ASGITransport(cdn)) as http:
        await fetch_to_file(http, "http://cdn/v.mp4", tmp_path / "v.mp4")
    assert (tmp_path / "v.mp4").read_bytes() == video


async def test_list_stops_when_a_server_ignores_page_numbers():
    page = [{"task_id": str(i), "task_status": "succeed"} for i in range(30)]
    app = asgi_json({"code": 0, "message": "SUCCEED", "data": page})
    provider = Provider.custom("http://kling.test", JwtAuth("ak", SECRET))
    async with AsyncKlingClient(
        connection=Connection(provider, httpx.ASGITransport(app))
    ) as client:
        seen = [task.task_id async for task in client.list()]
        with pytest.raises(ValueError, match="page_size"):
            [t async for t in client.list(page_size=501)]
    assert seen == [str(i) for i in range(30)]


def test_half_a_key_pair_is_an_error_not_a_silent_emulator():
    with pytest.raises(ConfigurationError, match="KLING_SECRET_KEY"):
        Provider.from_env({"KLING_ACCESS_KEY": "ak"})


@pytest.mark.parametrize("slip", ["model", "aspect_ratio", "image_url"])
def test_classic_slips_get_a_hint(slip):
    with pytest.raises(ValueError, match=f"{slip} is not a field"):
        Image2VideoRequest(image="x.png", **{slip: "kling-v2-1"})


def test_odd_durations_are_reported_not_crashed():
    request = Image2VideoRequest(
        image="x.png",
        model_name="kling-v3",
        duration="5s",
        multi_shot=True,
        shot_type="customize",
        multi_prompt=[{"index": 1, "prompt": "a", "duration": "5"}],
    )
    assert [p.field for p in check_request(request, DOCUMENTED["kling"])] == ["duration"]


def test_blocking_wait_runs_callbacks_in_the_callers_thread(fast_emulator):
    client = KlingClient(connection=emulator_connection(fast_emulator), retry=RetryPolicy(base=0.5))
    threads, statuses = set(), []
    try:
        task = client.create(Image2VideoRequest(image=landscape(480, 320)))

        def on_event(event):
            threads.add(threading.current_thread())
            statuses.append(client.get(event.task.task_id).task_status)  # no deadlock

        assert client.wait(task, on_event=on_event).succeeded
    finally:
        client.close()
        client.close()  # twice is harmless
    assert threads == {threading.current_thread()}
    assert statuses[-1] == "succeed"


async def test_a_scheduler_can_have_1303_straight_back():
    config = EmulatorConfig(
        speed=100, queue_seconds=0, processing_seconds=30, concurrency=1, render=False
    )
    # any wait for a slot would last at least 300 virtual seconds (3 real ones)
    patient = RetryPolicy(base=600, max_delay=600, slot_max_delay=600)
    with Emulator(config) as emulator:
        connection = emulator_connection(emulator)
        async with AsyncKlingClient(connection=connection, retry=patient) as client:
            await client.create(Image2VideoRequest(image=landscape(480, 320)))
            started = client.clock.now()
            with pytest.raises(ConcurrencyLimitError):
                await client.create(
                    Image2VideoRequest(image=landscape(480, 320)), wait_for_slot=False
                )
            assert client.clock.now() - started < 150
        assert len(emulator.tasks) == 1
