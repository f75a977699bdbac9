"""Tasks on disk (``state_dir``): they outlive their emulator and its process, renders orphaned
by a dead process are done again exactly once, and emulators sharing a folder share an account."""

from __future__ import annotations

import asyncio
import io
import logging
import os
import sqlite3
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import av
import httpx
import pytest

from kling_studio.emulator import Emulator, EmulatorConfig
from kling_studio.emulator.cli import parser
from kling_studio.emulator.emulator import TASKS_FILE
from kling_studio.emulator.owners import Owner, orphaned

from .helpers import Receiver, finished, image, make_client, token
from .processes import Child

PATH = "/v1/videos/image2video"
QUICK = {"model_name": "kling-v3", "duration": "3", "image": image()}
"""Renders in a second or two: long enough to kill its process in the middle."""


def rendering(state_dir: Path) -> EmulatorConfig:
    return EmulatorConfig(speed=1000, queue_seconds=1, processing_seconds=2, state_dir=state_dir)


def long_running(state_dir: Path, concurrency: int) -> dict[str, Any]:
    """Settings whose tasks stay running for ten minutes, without rendering."""
    return {
        "speed": 1,
        "queue_seconds": 0,
        "processing_seconds": 600,
        "render": False,
        "concurrency": concurrency,
        "state_dir": state_dir,
    }


def stored(state_dir: Path, task_id: str) -> tuple[str | None, float | None]:
    """The task's owner and finish time, read straight from the file."""
    with sqlite3.connect(state_dir / TASKS_FILE) as db:
        row = db.execute(
            "SELECT owner, finished_at FROM tasks WHERE task_id = ?", (task_id,)
        ).fetchone()
    assert row is not None
    return row[0], row[1]


async def create(client: httpx.AsyncClient, body: dict[str, Any]) -> dict[str, Any]:
    response = await client.post(PATH, json=body)
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


async def get(client: httpx.AsyncClient, ident: str) -> dict[str, Any]:
    data: dict[str, Any] = (await client.get(f"{PATH}/{ident}")).json()["data"]
    return data


def frames_of(video: bytes) -> int:
    with av.open(io.BytesIO(video)) as container:
        return sum(1 for _ in container.decode(video=0))


async def test_tasks_outlive_their_emulator(tmp_path: Path) -> None:
    config = EmulatorConfig(
        speed=10, queue_seconds=5, processing_seconds=10, render=False, state_dir=tmp_path
    )
    with Emulator(config) as first:
        async with make_client(first) as client:
            made = [await create(client, {**QUICK, "external_task_id": f"e{i}"}) for i in range(3)]
            assert (await get(client, made[0]["task_id"]))["task_status"] == "submitted"
    with Emulator(config) as second:
        async with make_client(second) as client:
            for i, task in enumerate(made):
                for ident in (task["task_id"], f"e{i}"):
                    again = await get(client, ident)
                    assert again["task_id"] == task["task_id"]
                    assert again["created_at"] == task["created_at"]
            listed = (await client.get(PATH, params={"pageSize": 2})).json()["data"]
            assert [t["task_id"] for t in listed] == [made[2]["task_id"], made[1]["task_id"]]
            done = await finished(client, f"{PATH}/e0")
        assert [task.task_id for task in second.tasks] == [task["task_id"] for task in made]
    # 15 virtual seconds at speed 10, timed from the create in the first emulator.
    assert done["task_status"] == "succeed"
    assert abs(done["updated_at"] - made[0]["created_at"] - 1500) <= 1


async def test_a_render_killed_with_its_process_is_done_again_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    child = Child(state_dir=tmp_path, speed=1000, queue_seconds=1, processing_seconds=2)
    try:
        answer = child.call("create", {**QUICK, "external_task_id": "orphan"})
    finally:
        child.kill()
    task_id = answer["body"]["data"]["task_id"]
    owner, finished_at = stored(tmp_path, task_id)
    assert finished_at is None, "the render finished before its process was killed"
    assert owner is not None and owner.startswith(f"{child.pid}:")
    caplog.set_level(logging.INFO, logger="kling_studio.emulator")
    with Emulator(rendering(tmp_path)) as first, Emulator(rendering(tmp_path)) as second:
        async with make_client(second) as client:
            data = await finished(client, f"{PATH}/orphan", timeout=60)
            assert data["task_status"] == "succeed", data["task_status_msg"]
            assert data["task_id"] == task_id
            [video] = data["task_result"]["videos"]
            download = await client.get(video["url"])
        assert first.tasks == second.tasks
    assert caplog.text.count("rendering it again") == 1
    assert download.status_code == 200
    assert frames_of(download.content) == 3 * 24


async def test_an_adopted_render_calls_back_once_it_ends(
    tmp_path: Path, receiver: Receiver
) -> None:
    child = Child(state_dir=tmp_path, speed=1000, queue_seconds=1, processing_seconds=2)
    try:
        answer = child.call("create", {**QUICK, "callback_url": receiver.url})
    finally:
        child.kill()
    assert stored(tmp_path, answer["body"]["data"]["task_id"])[1] is None
    with Emulator(rendering(tmp_path)):
        calls = await asyncio.to_thread(
            receiver.wait_for, lambda bodies: any(b["task_status"] == "succeed" for b in bodies)
        )
    statuses = [call["task_status"] for call in calls]
    assert statuses[-1] == "succeed"
    assert len(statuses) == len(set(statuses))  # nothing the dead process sent is sent again


async def test_a_render_given_up_on_close_is_finished_by_the_next_emulator(
    tmp_path: Path,
) -> None:
    with Emulator(rendering(tmp_path)) as first:
        async with make_client(first) as client:
            task_id = (await create(client, QUICK))["task_id"]
    assert stored(tmp_path, task_id) == (None, None)
    with Emulator(rendering(tmp_path)) as second:
        async with make_client(second) as client:
            data = await finished(client, f"{PATH}/{task_id}", timeout=60)
    assert data["task_status"] == "succeed", data["task_status_msg"]
    assert not list((tmp_path / "videos").glob(".*.part"))


def test_orphans_are_renders_nobody_alive_knows() -> None:
    owner = Owner()
    owner.hold("1")
    assert not orphaned(owner.name, "1")
    assert orphaned(owner.name, "2")  # this process, but unknown to the owner's pool
    assert orphaned(f"{os.getpid()}:an-earlier-kernel", "1")
    assert orphaned(None, "1")
    exited = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    assert orphaned(f"{exited.stdout.strip()}:gone", "1")
    owner.retire()
    assert orphaned(owner.name, "1")


async def test_two_processes_share_tasks_the_limit_and_external_ids(tmp_path: Path) -> None:
    child = Child(**long_running(tmp_path, concurrency=2))
    try:
        theirs = child.call("create", {**QUICK, "external_task_id": "child"})["body"]["data"]
        with Emulator(EmulatorConfig(**long_running(tmp_path, concurrency=2))) as emulator:
            async with make_client(emulator) as client:
                for ident in (theirs["task_id"], "child"):
                    seen = await get(client, ident)
                    assert (seen["task_id"], seen["task_status"]) == (
                        theirs["task_id"],
                        "processing",
                    )
                    assert seen["created_at"] == theirs["created_at"]
                ours = await create(client, {**QUICK, "external_task_id": "parent"})
                refused = await client.post(PATH, json=QUICK)
                assert (refused.status_code, refused.json()["code"]) == (429, 1303)
                duplicate = await client.post(PATH, json={**QUICK, "external_task_id": "child"})
                assert duplicate.json()["code"] == 1201
                listed = (await client.get(PATH)).json()["data"]
                assert [t["task_id"] for t in listed] == [ours["task_id"], theirs["task_id"]]
                async with make_client(emulator, {"Authorization": f"Bearer {token()}"}) as other:
                    await create(other, QUICK)  # the limit is per account
            assert child.call("create", QUICK)["body"]["code"] == 1303
            assert (
                child.call("create", {**QUICK, "external_task_id": "parent"})["body"]["code"]
                == 1201
            )
            assert child.call("get", "parent")["body"]["data"]["task_id"] == ours["task_id"]
    finally:
        assert child.close() == 0


def test_admission_is_atomic_across_emulators(tmp_path: Path) -> None:
    """Twelve creates at once through two emulators on one folder: exactly the limit gets in."""
    config = EmulatorConfig(**long_running(tmp_path, concurrency=3))
    with Emulator(config) as first, Emulator(config) as second:

        def post(emulator: Emulator) -> int:
            async def once() -> int:
                async with make_client(emulator) as client:
                    return (await client.post(PATH, json=QUICK)).status_code

            return asyncio.run(once())

        with ThreadPoolExecutor(12) as pool:
            statuses = list(pool.map(post, [first, second] * 6))
    assert sorted(statuses) == [200] * 3 + [429] * 9


def test_cli_takes_a_state_dir() -> None:
    assert parser().parse_args(["--state-dir", "tasks"]).state_dir == Path("tasks")
    assert parser().parse_args([]).state_dir is None


def test_the_embedded_emulator_keeps_its_tasks_in_the_data_home(tmp_path: Path) -> None:
    script = (
        "from kling_studio.embedded import shared_emulator\n"
        "print(shared_emulator().config.state_dir)"
    )
    env = {**os.environ, "KLING_STUDIO_HOME": str(tmp_path)}
    shown = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert Path(shown.stdout.strip()) == tmp_path / "emulator"
    assert (tmp_path / "emulator" / TASKS_FILE).is_file()


EXITS_MID_RENDER = """
import asyncio, sys
from pathlib import Path
import httpx
from kling_studio.emulator import Emulator, EmulatorConfig
from kling_studio.emulator.config import DEFAULT_API_KEY

emulator = Emulator(EmulatorConfig(speed=1000, state_dir=Path(sys.argv[1])))  # never closed

async def create() -> None:
    async with httpx.AsyncClient(
        transport=emulator.transport(), base_url=emulator.base_url,
        headers={"Authorization": f"Bearer {DEFAULT_API_KEY}"},
    ) as client:
        answer = await client.post("/v1/videos/image2video", json=__BODY__)
        print(answer.json()["data"]["task_id"], flush=True)

asyncio.run(create())
sys.exit(0)  # as a kernel restart ends Python: exit hooks shut the thread pools down
"""


async def test_a_render_cut_short_by_python_exiting_is_finished_by_the_next_emulator(
    tmp_path: Path,
) -> None:
    body = {**QUICK, "model_name": "kling-v1-6", "mode": "pro", "duration": "10"}
    script = EXITS_MID_RENDER.replace("__BODY__", repr(body))
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    task_id = done.stdout.strip()
    assert stored(tmp_path, task_id)[1] is None, "the render finished before Python exited"
    with Emulator(rendering(tmp_path)) as second:
        async with make_client(second) as client:
            data = await finished(client, f"{PATH}/{task_id}", timeout=90)
    assert data["task_status"] == "succeed", data["task_status_msg"]
