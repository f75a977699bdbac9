"""Requests and their replies (anywidget's ``invoke`` wire protocol), from the kernel's side.

Each request is the dict the front end's ``experimental.invoke`` sends, driven through the
widget's own message handler; each reply is what the widget's ``send`` sent back, found by the
request's id: exactly one, ``{"ok": true, ...}`` or ``{"ok": false, "error": {field, rule, value,
text}}``. Work runs against the in-process emulator; nothing is stubbed.
"""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from kling_studio import AsyncKlingClient, Compare
from kling_studio.embedded import emulator_connection
from kling_studio.emulator import Emulator, EmulatorConfig
from kling_studio.samples import landscape
from kling_studio.widgets import Studio


def wait_until(condition: Callable[[], bool], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not true after {timeout} s")
        time.sleep(0.02)


@pytest.fixture
def slow_emulator() -> Iterator[Emulator]:
    """A task processes for about 17 minutes of real time: still running whenever asked."""
    config = EmulatorConfig(speed=100, queue_seconds=2, processing_seconds=100_000, seed=3)
    with Emulator(config) as emulator:
        yield emulator


def jpeg() -> bytes:
    buffer = io.BytesIO()
    landscape(480, 320).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def make_studio(emulator: Emulator, tmp_path: Path, **options: Any) -> Studio:
    client = AsyncKlingClient(connection=emulator_connection(emulator))
    return Studio(
        image=jpeg(), client=client, output_dir=tmp_path / "out", prompt="a boat", **options
    )


def make_compare(emulator: Emulator, tmp_path: Path, **options: Any) -> Compare:
    return Compare(
        landscape(480, 320),
        prompt="waves",
        fixed={"model_name": "kling-v1"},
        vary={"cfg_scale": [0.5]},
        connection=emulator_connection(emulator),
        output_dir=tmp_path / "sweeps",
        **options,
    )


# -- the protocol -------------------------------------------------------------------------------


def test_an_unknown_request_is_answered_not_left_to_time_out(fast_emulator, tmp_path, front_end):
    studio = make_studio(fast_emulator, tmp_path)
    try:
        reply = front_end(studio).asked({"type": "paint-the-town"})
    finally:
        studio.close()
    assert reply["ok"] is False
    assert reply["error"]["field"] == "request"
    assert reply["error"]["value"] == "paint-the-town"


def test_a_reply_from_the_loop_thread_comes_while_the_kernel_thread_is_free(
    fast_emulator, tmp_path, front_end
):
    """The generate request returns at once; its reply is sent later, from another thread."""
    studio = make_studio(fast_emulator, tmp_path)
    browser = front_end(studio)
    threads: list[str] = []
    record = browser._receive

    def receive(content: dict[str, Any], buffers: list[bytes] | None = None) -> None:
        if content.get("kind") == "anywidget-command-response":
            threads.append(threading.current_thread().name)
        record(content, buffers)

    studio.send = receive
    try:
        asked = browser.ask({"type": "generate", "allow_over_budget": False})
        assert browser.reply(asked) is None  # the handler returned before Kling answered
        assert browser.wait(asked)["ok"] is True
        wait_until(lambda: studio.status["phase"] == "succeed", timeout=60)
    finally:
        studio.close()
    assert threads == ["kling-studio"]  # the widget's loop thread, not the kernel's


# -- Studio: generate ---------------------------------------------------------------------------


def test_generate_is_answered_when_kling_has_the_task(fast_emulator, tmp_path, front_end):
    studio = make_studio(fast_emulator, tmp_path)
    try:
        reply = front_end(studio).asked({"type": "generate", "allow_over_budget": False})
        assert reply["ok"] is True
        (task,) = fast_emulator.tasks
        assert reply["task_id"] == task.task_id
        assert reply["external_id"] == task.external_task_id == studio.status["external_id"]
        wait_until(lambda: studio.status["phase"] == "succeed", timeout=60)  # progress: status
        assert studio.history[-1]["task_id"] == reply["task_id"]
    finally:
        studio.close()


def test_generate_while_a_run_goes_on_is_refused_at_once(slow_emulator, tmp_path, front_end):
    studio = make_studio(slow_emulator, tmp_path)
    browser = front_end(studio)
    try:
        first = browser.asked({"type": "generate", "allow_over_budget": False})
        assert first["ok"] is True
        second = browser.ask({"type": "generate", "allow_over_budget": False})
        reply = browser.reply(second)  # answered before the handler returned
        assert reply is not None and reply["ok"] is False
        assert (reply["error"]["field"], reply["error"]["rule"]) == (
            "generate",
            "one piece of work at a time",
        )
        assert "already working" in reply["error"]["text"]
        assert len(slow_emulator.tasks) == 1
    finally:
        studio.close()


def test_generate_that_breaks_a_rule_names_the_field_and_sends_nothing(
    fast_emulator, tmp_path, front_end
):
    studio = make_studio(fast_emulator, tmp_path, negative_prompt="blur " * 600)
    try:
        reply = front_end(studio).asked({"type": "generate", "allow_over_budget": False})
    finally:
        studio.close()
    assert reply["ok"] is False
    error = reply["error"]
    assert (error["field"], error["value"]) == ("negative_prompt", "3000 characters")
    assert "at most" in error["rule"]
    assert "nothing was sent" in error["text"] and "negative_prompt" in error["text"]
    assert fast_emulator.tasks == ()


def test_generate_the_service_refuses_is_answered_with_its_code(fast_emulator, tmp_path, front_end):
    fast_emulator.faults.add("1301", endpoint="create", times=1)  # content policy, not retried
    studio = make_studio(fast_emulator, tmp_path)
    try:
        reply = front_end(studio).asked({"type": "generate", "allow_over_budget": False})
    finally:
        studio.close()
    assert reply["ok"] is False
    error = reply["error"]
    assert (error["field"], error["rule"], error["value"]) == (
        "generate",
        "must be accepted by the service",
        "code 1301",
    )
    assert "1301" in error["text"] and "policy" in error["text"]


def test_generate_stopped_before_kling_answered_says_so(slow_emulator, tmp_path, front_end):
    slow_emulator.faults.add("slow", endpoint="create", delay=30)
    studio = make_studio(slow_emulator, tmp_path)
    browser = front_end(studio)
    try:
        asked = browser.ask({"type": "generate", "allow_over_budget": False})
        wait_until(lambda: studio.status["phase"] == "preparing")
        browser.say({"type": "stop"})
        reply = browser.wait(asked, timeout=20)
    finally:
        studio.close()
    assert reply["ok"] is False
    assert reply["error"]["rule"] == "was stopped before Kling answered"
    assert "Stopped" in reply["error"]["text"]


# -- Studio: resume -----------------------------------------------------------------------------


def test_resume_is_answered_with_the_tasks_it_waits_for(slow_emulator, tmp_path, front_end):
    earlier = make_studio(slow_emulator, tmp_path)
    earlier.start()
    wait_until(lambda: bool(earlier.status.get("task_id")))
    earlier.stop()
    wait_until(lambda: earlier.status["phase"] == "stopped")
    earlier.close()
    studio = make_studio(slow_emulator, tmp_path)
    try:
        assert len(studio.resumable) == 1
        reply = front_end(studio).asked({"type": "resume"})
        assert reply == {"ok": True, "tasks": 1}
        assert studio.status["phase"] == "resuming"  # the wait goes on in the status
    finally:
        studio.close()


def test_resume_with_nothing_left_is_refused_in_words(fast_emulator, tmp_path, front_end):
    studio = make_studio(fast_emulator, tmp_path)
    try:
        reply = front_end(studio).asked({"type": "resume"})
    finally:
        studio.close()
    assert reply["ok"] is False
    assert (reply["error"]["field"], reply["error"]["rule"]) == (
        "resume",
        "needs an unfinished task",
    )
    assert reply["error"]["text"].startswith("Nothing to resume")


# -- Compare --------------------------------------------------------------------------------------


def test_start_is_answered_with_the_number_of_tasks(fast_emulator, tmp_path, front_end):
    compare = make_compare(fast_emulator, tmp_path)
    browser = front_end(compare)
    try:
        assert browser.asked({"type": "start", "confirm": False}) == {"ok": True, "tasks": 1}
        again = browser.asked({"type": "start", "confirm": False})
        assert again["ok"] is False and "already running" in again["error"]["text"]
        wait_until(lambda: compare.summary["phase"] == "done", timeout=60)
    finally:
        compare.close()


def test_a_retry_that_fails_again_is_answered_with_why(fast_emulator, tmp_path, front_end):
    fast_emulator.faults.add("1301", endpoint="create", times=2)  # the run and the retry
    compare = make_compare(fast_emulator, tmp_path)
    browser = front_end(compare)
    try:
        compare.run_sync()
        (cell,) = compare.cells
        assert cell["status"] == "failed"
        reply = browser.asked({"type": "retry", "cell": cell["id"]})
    finally:
        compare.close()
    assert reply["ok"] is False
    error = reply["error"]
    assert (error["field"], error["rule"], error["value"]) == (
        "retry",
        "the retried task must succeed",
        "failed",
    )
    assert error["text"].startswith(f"Retry of {cell['label']} failed:")
    assert "1301" in error["text"]


def test_a_retry_that_succeeds_is_answered_with_the_cells_video(fast_emulator, tmp_path, front_end):
    fast_emulator.faults.add("1301", endpoint="create", times=1)
    compare = make_compare(fast_emulator, tmp_path)
    browser = front_end(compare)
    try:
        compare.run_sync()
        (cell,) = compare.cells
        reply = browser.asked({"type": "retry", "cell": cell["id"]})
        (again,) = compare.cells
    finally:
        compare.close()
    assert reply == {
        "ok": True,
        "cell": cell["id"],
        "status": "succeed",
        "task_id": again["task_id"],
        "path": again["path"],
    }
    assert reply["path"] and Path(reply["path"]).exists()


def test_a_retry_of_a_cell_that_did_not_fail_is_refused(fast_emulator, tmp_path, front_end):
    compare = make_compare(fast_emulator, tmp_path)
    browser = front_end(compare)
    try:
        compare.run_sync()
        (cell,) = compare.cells
        reply = browser.asked({"type": "retry", "cell": cell["id"]})
    finally:
        compare.close()
    assert reply["ok"] is False
    assert reply["error"]["field"] == "retry"
    assert "only failed cells are retried" in reply["error"]["text"]
