"""Ids are unique across emulators and processes whatever the seed; the seed fixes schedules;
timestamps are wall-clock milliseconds while durations shrink by ``speed``."""

from __future__ import annotations

import random
import time
import uuid
from typing import Any

import httpx

from kling_studio.api.capabilities import expected_generation_seconds
from kling_studio.api.clock import SystemClock
from kling_studio.emulator import Emulator, EmulatorConfig, VirtualClock
from kling_studio.emulator.lifecycle import draw_schedule

from .helpers import FAST, finished, image, make_client, wait_for
from .processes import Child

PATH = "/v1/videos/image2video"
QUICK = {"model_name": "kling-v3", "duration": "3", "image": image()}
LIFECYCLE_ONLY = EmulatorConfig(speed=1000, queue_seconds=1, processing_seconds=2, render=False)


async def create(client: httpx.AsyncClient, body: dict[str, Any]) -> dict[str, Any]:
    response = await client.post(PATH, json=body)
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


async def task_ids(emulator: Emulator, count: int) -> list[str]:
    async with make_client(emulator) as client:
        return [(await create(client, QUICK))["task_id"] for _ in range(count)]


# Ids.


async def test_the_same_seed_never_gives_the_same_task_ids() -> None:
    with Emulator(LIFECYCLE_ONLY) as first, Emulator(LIFECYCLE_ONLY) as second:
        ids = await task_ids(first, 3) + await task_ids(second, 3)
    assert len(set(ids)) == 6
    assert all(len(task_id) == 18 and task_id.isdigit() for task_id in ids)


async def test_the_same_seed_never_gives_the_same_video_ids() -> None:
    videos = []
    for _ in range(2):
        with Emulator(FAST) as emulator:
            async with make_client(emulator) as client:
                task = await create(client, QUICK)
                data = await finished(client, f"{PATH}/{task['task_id']}")
        [video] = data["task_result"]["videos"]
        videos.append(video)
    assert videos[0]["id"] != videos[1]["id"]
    assert videos[0]["url"] != videos[1]["url"]
    assert all(uuid.UUID(video["id"]).version == 4 for video in videos)


def test_ids_differ_between_processes() -> None:
    """Two fresh interpreters with the same seed: a seeded id source would repeat itself."""
    children = [Child(seed=0, render=False) for _ in range(2)]
    try:
        answers = [child.call("create", QUICK) for child in children]
    finally:
        for child in children:
            child.close()
    ids = [answer["body"]["data"]["task_id"] for answer in answers]
    assert ids[0] != ids[1]


# Schedules.

BODIES = [
    QUICK,
    {**QUICK, "mode": "pro"},
    {**QUICK, "model_name": "kling-v2-master", "duration": "10"},
    QUICK,
]


def schedules_as_ever(seed: int, speed: float) -> list[tuple[float, float]]:
    """The draws a seed has always given: a schedule, then 128 bits once used for the video id."""
    rng = random.Random(f"schedule:{seed}")
    drawn = []
    for body in BODIES:
        expected = expected_generation_seconds(
            str(body["model_name"]), str(body.get("mode", "std")), str(body["duration"])
        )
        schedule = draw_schedule(rng, 0.0, expected, speed=speed)
        rng.getrandbits(128)
        drawn.append((schedule.queue_seconds, schedule.processing_seconds))
    return drawn


async def drawn_schedules(seed: int) -> list[tuple[float, float]]:
    config = EmulatorConfig(speed=50, seed=seed, render=False, concurrency=len(BODIES))
    with Emulator(config) as emulator:
        async with make_client(emulator) as client:
            for body in BODIES:
                await create(client, body)
        return [(task.queue_seconds, task.processing_seconds) for task in emulator.tasks]


async def test_a_seed_gives_the_schedules_it_always_gave() -> None:
    first, second, other = (
        await drawn_schedules(5),
        await drawn_schedules(5),
        await drawn_schedules(6),
    )
    assert first == second == schedules_as_ever(5, speed=50)
    assert other != first


def test_durations_are_virtual_seconds_shortened_by_speed() -> None:
    """A task expected to process for 150 s takes 150/speed real seconds."""
    rng = random.Random(1)
    drawn = sorted(draw_schedule(rng, 0.0, 150.0, speed=30).processing_seconds for _ in range(200))
    assert 4.5 < drawn[100] < 5.5
    fixed = draw_schedule(random.Random(1), 0.0, 150.0, queue_seconds=30, processing_seconds=60)
    assert (fixed.queue_seconds, fixed.processing_seconds) == (30, 60)
    fast = draw_schedule(
        random.Random(1), 0.0, 150.0, queue_seconds=30, processing_seconds=60, speed=30
    )
    assert (fast.queue_seconds, fast.processing_seconds) == (1, 2)


# Timestamps.


async def test_timestamps_are_wall_clock_milliseconds_at_speed_30() -> None:
    config = EmulatorConfig(speed=30, queue_seconds=0, render=False)
    started = time.monotonic()
    with Emulator(config) as emulator:
        async with make_client(emulator) as client:
            first = await create(client, QUICK)

            async def done() -> dict[str, Any] | None:
                data: dict[str, Any] = (await client.get(f"{PATH}/{first['task_id']}")).json()[
                    "data"
                ]
                return data if data["task_status"] == "succeed" else None

            final = await wait_for(done, timeout=30)
            later = await create(client, QUICK)
            [info, _] = emulator.tasks
    elapsed = time.monotonic() - started
    assert elapsed > 2  # a virtual clock would now run a minute ahead of the wall
    assert isinstance(later["created_at"], int)
    assert abs(later["created_at"] - time.time() * 1000) < 1000
    processing_ms = final["updated_at"] - final["created_at"]
    assert abs(processing_ms - info.processing_seconds * 1000) <= 2
    expected_ms = expected_generation_seconds("kling-v3", "std", "3") / 30 * 1000
    assert 0.65 * expected_ms < processing_ms < 1.5 * expected_ms


def test_clocks_turn_server_spans_into_their_own_seconds() -> None:
    assert VirtualClock(30).from_server(2.5) == 75
    assert SystemClock().from_server(2.5) == 2.5
