"""Paid work you can trust, from the kernel's side: task ids in sight, Stop waiting that keeps
the task resumable, the resume offer, spend approved before it happens, no address in state.

Kling bills every accepted task and has no cancel; each test checks what the person is told and
that the emulator saw exactly the tasks they approved.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from concurrent.futures import CancelledError
from pathlib import Path
from typing import Any

import pytest
from tests.widgets.conftest import wait_until
from tests.widgets.test_studio import jpeg

from kling_studio import AsyncKlingClient, Compare, Provider
from kling_studio.api.auth import BearerKey
from kling_studio.api.budget import BudgetExceeded
from kling_studio.api.connection import Connection
from kling_studio.embedded import emulator_connection
from kling_studio.emulator import Emulator, EmulatorConfig
from kling_studio.samples import landscape
from kling_studio.widgets import Studio

PROXY = "http://proxy.internal:9999"


@pytest.fixture
def slow_emulator() -> Iterator[Emulator]:
    """A task queues for 0.02 s and processes for 3 s of real time: long enough to stop."""
    config = EmulatorConfig(speed=100, queue_seconds=2, processing_seconds=300, seed=3)
    with Emulator(config) as emulator:
        yield emulator


def make_studio(emulator: Emulator, tmp_path: Path, **client_options: Any) -> Studio:
    client = AsyncKlingClient(connection=emulator_connection(emulator), **client_options)
    return Studio(image=jpeg(480, 320), client=client, output_dir=tmp_path / "out", prompt="a boat")


def say(widget: Studio | Compare, content: dict[str, Any]) -> None:
    widget._on_message(widget, content, [])


def test_status_and_history_carry_both_ids(fast_emulator, tmp_path):
    studio = make_studio(fast_emulator, tmp_path)
    seen: list[dict[str, Any]] = []
    studio.observe(lambda change: seen.append(change["new"]), names="status")
    sent: list[dict[str, Any]] = []
    studio.send = lambda content, buffers=None: sent.append(content)
    try:
        saved = studio.generate_sync()
    finally:
        studio.close()
    first = seen[0]
    assert first["phase"] == "preparing"
    assert first["external_id"].startswith("ks-")  # known before the create is sent
    assert first["task_id"] is None
    assert {s["external_id"] for s in seen} == {first["external_id"]}
    assert seen[-1]["task_id"] == saved.task.task_id
    run = studio.history[-1]
    assert run["task_id"] == saved.task.task_id
    assert run["external_id"] == first["external_id"]
    assert {"type": "beat"} in sent  # the browser hears the kernel while it works


def test_stop_waiting_keeps_the_task_resumable(endless_emulator, tmp_path):
    slow_emulator = endless_emulator
    studio = make_studio(slow_emulator, tmp_path)
    try:
        running = studio.start()
        wait_until(lambda: bool(studio.status.get("task_id")))
        task_id = studio.status["task_id"]
        say(studio, {"type": "stop"})
        with pytest.raises(CancelledError):
            running.result(timeout=10)
        wait_until(lambda: studio.status["phase"] == "stopped")
        message = studio.status["message"]
        assert task_id in message
        assert "no cancel" in message
        assert "billed" in message
        assert "studio.resume()" in message
        assert "kling-studio resume" in message
        assert studio.status["task_id"] == task_id
        pending = studio._client.pending()
        assert [entry.task_id for entry in pending] == [task_id]
        assert [task["task_id"] for task in studio.resumable] == [task_id]
        assert len(slow_emulator.tasks) == 1  # stopping sent nothing, created nothing
        assert studio.stop() is False  # nothing left to stop; Generate works again
    finally:
        studio.close()


def test_a_new_studio_offers_an_earlier_task_and_resume_plays_it(slow_emulator, tmp_path):
    earlier = make_studio(slow_emulator, tmp_path)
    earlier.start()
    wait_until(lambda: bool(earlier.status.get("task_id")))
    task_id = earlier.status["task_id"]
    earlier.stop()
    wait_until(lambda: earlier.status["phase"] == "stopped")
    earlier.close()

    studio = make_studio(slow_emulator, tmp_path)
    sent: list[dict[str, Any]] = []
    studio.send = lambda content, buffers=None: sent.append(content)
    try:
        assert [(t["task_id"], t["earlier"]) for t in studio.resumable] == [(task_id, True)]
        assert studio.resumable[0]["prompt"] == "a boat"
        saved = studio.resume().result(timeout=60)
    finally:
        studio.close()
    assert [download.task.task_id for download in saved] == [task_id]
    assert saved[0].video.exists()
    run = studio.history[-1]
    assert (run["task_id"], run["resumed"]) == (task_id, True)
    assert [c["run"] for c in sent if c.get("slot") == "video"] == [task_id]  # it plays
    assert studio.resumable == []
    assert studio.status["phase"] == "succeed"
    assert len(slow_emulator.tasks) == 1  # waited for, never created again


def test_dismiss_hides_the_offer(slow_emulator, tmp_path):
    earlier = make_studio(slow_emulator, tmp_path)
    earlier.start()
    wait_until(lambda: bool(earlier.status.get("task_id")))
    earlier.stop()
    wait_until(lambda: earlier.status["phase"] == "stopped")
    earlier.close()
    studio = make_studio(slow_emulator, tmp_path)
    try:
        assert len(studio.resumable) == 1
        say(studio, {"type": "dismiss"})
        assert studio.resumable == []
    finally:
        studio.close()


def test_over_budget_generate_waits_for_a_second_explicit_click(fast_emulator, tmp_path, front_end):
    studio = make_studio(fast_emulator, tmp_path, budget_units=0.1)
    browser = front_end(studio)
    try:
        spend = studio.spend
        assert spend["over"] is True
        assert spend["budget"] == 0.1
        assert spend["run"] == studio.units
        assert spend["emulated"] is True
        with pytest.raises(BudgetExceeded):
            studio.generate_sync()
        reply = browser.asked({"type": "generate", "allow_over_budget": False})
        assert reply["ok"] is False
        assert (reply["error"]["field"], reply["error"]["rule"]) == (
            "generate",
            "must stay within the budget",
        )
        assert "Click Generate again" in reply["error"]["text"]
        assert reply["error"]["text"] == studio.status["message"]
        assert studio.status["phase"] == "over-budget"
        assert studio.status["external_id"] is None  # refused before anything was filed
        assert fast_emulator.tasks == ()
        created = browser.asked({"type": "generate", "allow_over_budget": True})
        assert created["ok"] is True and created["task_id"]
        wait_until(lambda: studio._running.done(), timeout=60)  # the journal is read again
        assert studio.status["phase"] == "succeed"
        assert [task.task_id for task in fast_emulator.tasks] == [created["task_id"]]
        assert studio.spend["today"] > 0
        assert studio.spend["left"] == 0.0
    finally:
        studio.close()


def test_no_address_reaches_widget_state(fast_emulator, tmp_path):
    emulator = emulator_connection(fast_emulator)
    connection = Connection(
        Provider.custom(PROXY, BearerKey(fast_emulator.config.api_keys[0])),
        emulator.transport,
        emulator.clock,
    )
    studio = Studio(
        image=jpeg(), client=AsyncKlingClient(connection=connection), output_dir=tmp_path / "s"
    )
    compare = Compare(
        landscape(480, 320),
        prompt="waves",
        vary={"cfg_scale": [0.3, 0.8]},
        connection=connection,
        output_dir=tmp_path / "c",
    )
    try:
        studio.generate_sync()
        for widget in (studio, compare):
            state = json.dumps(widget.get_state(), default=str)
            assert "proxy.internal" not in state
            assert "9999" not in state
        assert studio.provider == compare.summary["provider"] == "custom endpoint"
        assert studio.emulated is False
    finally:
        studio.close()
        compare.close()


def test_each_sweep_gets_a_fresh_folder_of_its_own(fast_emulator, tmp_path):
    def sweep() -> Compare:
        return Compare(
            landscape(480, 320),
            prompt="waves",
            fixed={"model_name": "kling-v1"},
            vary={"cfg_scale": [0.3]},
            connection=emulator_connection(fast_emulator),
            output_dir=tmp_path / "kling-compare",
        )

    first, second = sweep(), sweep()
    try:
        assert first.summary["folder"] != second.summary["folder"]
        assert not first.folder.exists()  # made when the sweep starts, not before
        first.run_sync()
        second.run_sync()
        for compare in (first, second):
            assert compare.folder.parent == tmp_path / "kling-compare"
            assert compare.summary["folder"] == str(compare.folder)
            files = sorted(path for path in compare.folder.iterdir() if path.is_file())
            assert [path.suffix for path in files] == [".json", ".mp4"]
            assert [path.suffix for path in (compare.folder / "media").iterdir()] == [".jpg"]
    finally:
        first.close()
        second.close()


def test_a_task_followed_in_this_kernel_is_not_offered(slow_emulator, tmp_path):
    running = make_studio(slow_emulator, tmp_path)
    try:
        future = running.start()
        wait_until(lambda: bool(running.status.get("task_id")))
        other = make_studio(slow_emulator, tmp_path)
        assert other.resumable == []  # the first Studio is waiting for it already
        other.close()
        running.stop()
        with pytest.raises(CancelledError):
            future.result(timeout=10)
        wait_until(lambda: running.status["phase"] == "stopped")
        later = make_studio(slow_emulator, tmp_path)
        assert [t["task_id"] for t in later.resumable] == [running.status["task_id"]]
        later.close()
    finally:
        running.close()


def test_an_external_id_from_the_form_is_the_one_sent(fast_emulator, tmp_path):
    studio = make_studio(fast_emulator, tmp_path)
    studio.params = {**studio.params, "external_task_id": "my-own-id-1"}
    try:
        saved = studio.generate_sync()
    finally:
        studio.close()
    assert studio.history[-1]["external_id"] == "my-own-id-1"
    assert saved.task.task_info.external_task_id == "my-own-id-1"
