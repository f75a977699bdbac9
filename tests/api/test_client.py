"""The async and blocking clients against the emulator, over real httpx (in-process ASGI)."""

from __future__ import annotations

import asyncio
import http.server
import json
import logging
import os
import subprocess
import sys
import threading
import time
from functools import partial
from itertools import pairwise

import av
import pytest

from kling_studio import (
    AsyncKlingClient,
    AuthError,
    DynamicMask,
    Image2VideoRequest,
    InvalidRequestError,
    KlingClient,
    MultiImage2VideoRequest,
    NotFoundError,
    ProtocolError,
    Provider,
    TaskFailedError,
    TaskTimeoutError,
    ValidationError,
)
from kling_studio.api.auth import BearerKey, JwtAuth
from kling_studio.api.connection import OFFLINE_NOTICE, Connection
from kling_studio.api.journal import ExternalIdReused, Journal
from kling_studio.api.masks import prepare_mask
from kling_studio.api.prepare import PreparedRequest
from kling_studio.api.providers import CONNECTION_VARIABLES
from kling_studio.api.retry import RetryPolicy
from kling_studio.embedded import emulator_connection
from kling_studio.emulator import Emulator, EmulatorConfig
from kling_studio.emulator.config import DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY
from kling_studio.samples import boat_mask, landscape

FAST_RETRY = RetryPolicy(base=0.5, max_delay=2.0, slot_max_delay=2.0)


PICTURE = landscape(480, 320)


def simple_request(**extra) -> Image2VideoRequest:
    fields = {"image": PICTURE, "model_name": "kling-v2-1", "prompt": "waves", **extra}
    return Image2VideoRequest(**fields)


def connection_with(emulator: Emulator, auth) -> Connection:
    base = emulator_connection(emulator)
    provider = Provider.custom(emulator.base_url, auth)
    return Connection(provider, base.transport, base.clock, emulated=True, keepalive=emulator)


async def test_generate_downloads_the_video_and_a_sidecar(kling, tmp_path):
    events = []
    result = await kling.generate(simple_request(), tmp_path, on_event=events.append)
    statuses = [e.status for e in events if e.changed]
    assert statuses[-1] == "succeed"
    assert "processing" in statuses
    with av.open(str(result.video)) as container:
        stream = container.streams.video[0]
        assert stream.codec_context.height == 720
    sidecar = json.loads(result.sidecar.read_text())
    assert sidecar["task_id"] == result.task.task_id
    assert sidecar["request"]["model_name"] == "kling-v2-1"
    assert sidecar["request"]["image"]["format"] in ("JPEG", "PNG")
    assert "kling-studio-emulator" not in result.sidecar.read_text()
    assert len(sidecar["request"]["image"]["sha256"]) == 64  # a description, never the bytes
    assert not list(tmp_path.glob("*.part"))


async def test_invalid_request_sends_nothing(kling, fast_emulator):
    request = Image2VideoRequest(image=PICTURE, model_name="kling-v2-5-turbo", cfg_scale=1.5)
    with pytest.raises(ValidationError) as caught:
        await kling.create(request)
    assert caught.value.fields == ("cfg_scale",)
    assert fast_emulator.tasks == ()


async def test_non_strict_sends_what_the_table_refuses_and_the_service_decides(fast_emulator):
    connection = emulator_connection(fast_emulator)
    async with AsyncKlingClient(connection=connection, strict=False, retry=FAST_RETRY) as client:
        request = Image2VideoRequest(image=PICTURE, model_name="kling-v9")
        prepared = await client.prepare(request)
        assert any("model_name" in w for w in prepared.warnings)
        with pytest.raises(NotFoundError, match="kling-v9"):
            await client.create(prepared)
    assert fast_emulator.tasks == ()


async def test_motion_brush_reaches_the_wire_flipped_and_resized(kling, fast_emulator):
    big_mask = boat_mask(960, 640)  # twice the image's size: resized on the way
    path_down_right = [(100, 50), (300, 250)]
    request = Image2VideoRequest(
        image=PICTURE,
        model_name="kling-v1",
        dynamic_masks=[DynamicMask(mask=big_mask, trajectories=path_down_right)],
    )
    prepared = await kling.prepare(request)
    assert prepared.payload["dynamic_masks"][0]["trajectories"] == [
        {"x": 100, "y": 319 - 50},
        {"x": 300, "y": 319 - 250},
    ]
    assert any("resized" in note for note in prepared.notes)
    task = await kling.create(prepared)
    finished = await kling.wait(task)
    assert finished.succeeded


async def test_get_by_external_id_and_list_pages(kling):
    created = [await kling.create(simple_request(external_task_id=f"mine-{i}")) for i in range(3)]
    found = await kling.get("mine-1")
    assert found.task_id == created[1].task_id
    listed = [t.task_id async for t in kling.list(page_size=2)]
    assert sorted(listed) == sorted(t.task_id for t in created)


async def test_external_id_is_generated_when_absent(kling):
    task = await kling.create(simple_request())
    assert task.external_task_id and task.external_task_id.startswith("ks-")


async def test_multi_image(kling, tmp_path):
    request = MultiImage2VideoRequest(
        image_list=[PICTURE, landscape(400, 400)], prompt="two scenes", aspect_ratio="1:1"
    )
    result = await kling.generate(request, tmp_path)
    assert result.task.kind.value == "multi-image2video"
    with av.open(str(result.video)) as container:
        context = container.streams.video[0].codec_context
        assert context.width == context.height == 720


@pytest.mark.parametrize("code", ["5000", "5001", "5002", "1302"])
async def test_transient_create_failures_are_retried_once_created(kling, fast_emulator, code):
    fast_emulator.faults.add(code, endpoint="create", times=2)
    task = await kling.create(simple_request())
    assert [t.task_id for t in fast_emulator.tasks] == [task.task_id]


async def test_dropped_connection_after_create_makes_exactly_one_task(kling, fast_emulator):
    fast_emulator.faults.add("drop_after_create", endpoint="create", times=1)
    task = await kling.create(simple_request())
    assert [t.task_id for t in fast_emulator.tasks] == [task.task_id]


async def test_slow_create_timeout_makes_exactly_one_task(fast_emulator):
    fast_emulator.faults.add("slow", endpoint="create", times=1, delay=1.0)
    connection = emulator_connection(fast_emulator)
    async with AsyncKlingClient(connection=connection, retry=FAST_RETRY, timeout=0.3) as client:
        task = await client.create(simple_request())
    assert len(fast_emulator.tasks) == 1
    assert fast_emulator.tasks[0].task_id == task.task_id


@pytest.mark.parametrize("code", ["1101", "1102", "1103"])
async def test_billing_and_permission_errors_are_never_retried(kling, fast_emulator, code):
    fast_emulator.faults.add(code, endpoint="create", times=3)
    with pytest.raises(Exception, match=code) as caught:
        await kling.create(simple_request())
    assert not caught.value.retryable
    # two of the three injected faults are still armed: exactly one request was made
    assert sum(rule.times or 0 for rule in fast_emulator.faults.rules) == 2


@pytest.mark.parametrize("kind", ["html", "redirect"])
async def test_non_json_answers_are_protocol_errors(kling, fast_emulator, kind):
    fast_emulator.faults.add(kind, endpoint="query", times=10)
    task = await kling.create(simple_request())
    with pytest.raises(ProtocolError, match="base URL"):
        await kling.get(task.task_id)


async def test_concurrency_limit_waits_for_a_free_slot(tmp_path):
    config = EmulatorConfig(speed=100, queue_seconds=0, processing_seconds=5, concurrency=1, seed=1)
    with Emulator(config) as emulator:
        connection = emulator_connection(emulator)
        notes = []
        async with AsyncKlingClient(connection=connection, retry=FAST_RETRY) as client:
            first = await client.create(simple_request())
            second = await client.create(simple_request(), notify=notes.append)
            done = await asyncio.gather(client.wait(first), client.wait(second))
        assert all(t.succeeded for t in done)
        assert any("slots are busy" in n for n in notes)
        assert len(emulator.tasks) == 2


async def test_failed_task_raises_with_the_service_reason(kling):
    """Masks of different resolutions fail at task level, as on Kling (our client never sends
    them, so the payload is assembled by hand)."""
    prepared = await kling.prepare(
        Image2VideoRequest(image=PICTURE, model_name="kling-v1", static_mask=boat_mask(480, 320))
    )
    half_size_mask = prepare_mask(boat_mask(240, 160), size=(240, 160)).base64()
    payload = {
        **prepared.payload,
        "dynamic_masks": [
            {"mask": half_size_mask, "trajectories": [{"x": 1, "y": 1}, {"x": 5, "y": 5}]}
        ],
    }
    raw = PreparedRequest(
        kind=prepared.kind, payload=payload, summary={}, duration_key=prepared.duration_key
    )
    task = await kling.create(raw)
    with pytest.raises(TaskFailedError, match="mask resolution"):
        await kling.wait(task)


async def test_local_timeout_leaves_the_task_resumable(kling):
    task = await kling.create(simple_request())
    with pytest.raises(TaskTimeoutError) as caught:
        await kling.wait(task, timeout=3)
    assert caught.value.task_id == task.task_id
    finished = await kling.wait(caught.value.task_id)
    assert finished.succeeded


async def test_jwt_auth_and_resigning_after_clock_skew(fast_emulator):
    skewed = JwtAuth(DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY, now=lambda: 0.0)  # token from 1970
    async with AsyncKlingClient(
        connection=connection_with(fast_emulator, skewed), retry=FAST_RETRY
    ) as client:
        with pytest.raises(AuthError) as caught:
            await client.create(simple_request())
        assert caught.value.code == 1004  # expired: re-signed once, still from 1970
    good = JwtAuth(DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY)
    async with AsyncKlingClient(
        connection=connection_with(fast_emulator, good), retry=FAST_RETRY
    ) as client:
        assert (await client.create(simple_request())).task_status == "submitted"


async def test_wrong_key_is_an_auth_error_that_never_shows_the_key(fast_emulator, caplog):
    caplog.set_level(logging.DEBUG)
    secret = "sk-wrong-but-private-0123456789"
    async with AsyncKlingClient(
        connection=connection_with(fast_emulator, BearerKey(secret))
    ) as client:
        with pytest.raises(AuthError) as caught:
            await client.create(simple_request())
        texts = [str(caught.value), repr(caught.value), repr(client), caplog.text]
    assert all(secret not in text for text in texts)
    assert fast_emulator.tasks == ()


async def test_cometapi_path_family(fast_emulator):
    base = emulator_connection(fast_emulator)
    provider = Provider.cometapi("kling-studio-emulator", base_url=fast_emulator.base_url)
    connection = Connection(provider, base.transport, base.clock, emulated=True)
    async with AsyncKlingClient(connection=connection, retry=FAST_RETRY) as client:
        with pytest.raises(ValidationError, match="500"):
            await client.create(simple_request(prompt="p" * 501))
        task = await client.create(simple_request())
        assert (await client.wait(task)).succeeded


async def test_same_request_under_the_same_external_id_is_created_once(kling, fast_emulator):
    first = await kling.create(simple_request(external_task_id="same"))
    again = await kling.create(simple_request(external_task_id="same"))
    assert again.task_id == first.task_id
    assert len(fast_emulator.tasks) == 1


async def test_external_id_reused_for_another_request_is_refused_before_sending(
    kling, fast_emulator
):
    first = await kling.create(simple_request(external_task_id="same"))
    already = rf"'same' was already used for task {first.task_id}"
    with pytest.raises(ExternalIdReused, match=already):
        await kling.create(simple_request(external_task_id="same", prompt="something else"))
    assert len(fast_emulator.tasks) == 1


async def test_the_service_refuses_an_external_id_the_journal_never_saw(
    kling, fast_emulator, tmp_path
):
    await kling.create(simple_request(external_task_id="same"))
    elsewhere = AsyncKlingClient(
        connection=kling.connection, retry=FAST_RETRY, journal=Journal(tmp_path / "other.db")
    )
    with pytest.raises(InvalidRequestError, match="already exists"):
        await elsewhere.create(simple_request(external_task_id="same", prompt="another"))


async def test_blocking_client_works_inside_a_running_loop(fast_emulator, tmp_path):
    client = KlingClient(connection=emulator_connection(fast_emulator), retry=RetryPolicy(base=0.5))
    try:
        result = client.generate(simple_request(), tmp_path)  # called from this test's running loop
        assert result.video.exists()
        assert [t.task_id for t in client.list()] == [result.task.task_id]
    finally:
        client.close()


def test_blocking_client_in_a_plain_script(fast_emulator, tmp_path):
    with KlingClient(connection=emulator_connection(fast_emulator)) as client:
        task = client.create(simple_request())
        events = list(client.watch(task))
        assert events[-1].status == "succeed"
        assert events[-1].queued_for >= 0


def test_default_client_uses_the_emulator_and_says_so_once_per_process(tmp_path):
    script = (
        "from kling_studio import KlingClient\n"
        "for _ in range(3):\n"
        "    with KlingClient() as client:\n"
        "        assert client.is_emulated and 'emulator' in client.describe()\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in CONNECTION_VARIABLES}
    done = subprocess.run(
        [sys.executable, "-c", script],
        env={**env, "KLING_STUDIO_HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert done.stdout == ""  # a script's stdout stays its own (data, --json)
    assert done.stderr.splitlines() == [OFFLINE_NOTICE]  # once, and not as a warning


@pytest.fixture
def picture_server(tmp_path):
    """A loopback web server holding one picture, like an image on a website."""
    landscape(640, 360).save(tmp_path / "scene.jpg")
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


async def test_url_images_are_fetched_checked_and_inlined(kling, picture_server):
    prepared = await kling.prepare(simple_request(image=f"{picture_server}/scene.jpg"))
    assert prepared.summary["image"]["width"] == 640
    assert not prepared.payload["image"].startswith("http")
    with pytest.raises(ValidationError, match="HTTP 404"):
        await kling.prepare(simple_request(image=f"{picture_server}/missing.jpg"))


async def test_retry_after_is_honoured_on_create(kling, fast_emulator):
    fast_emulator.faults.add("1302", endpoint="create", times=1, retry_after=40)
    started = kling.clock.now()
    await kling.create(simple_request())
    assert kling.clock.now() - started >= 40


async def test_server_hint_spaces_out_status_queries(fast_emulator):
    hinted = EmulatorConfig(speed=100, queue_seconds=2, processing_seconds=10, retry_after=6)
    with Emulator(hinted) as emulator:
        async with AsyncKlingClient(connection=emulator_connection(emulator)) as client:
            task = await client.create(simple_request())
            events = [e async for e in client.watch(task)]
    gaps = [b.elapsed - a.elapsed for a, b in pairwise(events)]  # real seconds: 6 s at 100×
    assert events[-1].status == "succeed"
    assert min(gaps) >= 6 / 100


async def test_status_events_speak_real_seconds_on_the_emulators_fast_clock(fast_emulator):
    """2 s of queue and 10 s of processing at 100× are 0.02 s and 0.1 s of a person's time."""
    async with AsyncKlingClient(connection=emulator_connection(fast_emulator)) as client:
        task = await client.create(simple_request())
        began = time.monotonic()
        events = [e async for e in client.watch(task)]
        wall = time.monotonic() - began
    assert events[-1].status == "succeed"
    assert all(e.elapsed <= wall + 0.5 for e in events)  # never the virtual seconds (×100)
    assert max(e.queued_for for e in events) == pytest.approx(0.02, abs=0.01)


async def test_a_url_that_cannot_be_reached_is_said_in_words(kling):
    with pytest.raises(ValidationError, match="could not connect") as caught:
        await kling.prepare(simple_request(image="http://127.0.0.1:9/picture.jpg"))
    assert "Error" not in str(caught.value)  # no exception class names
