"""The Studio's video reaches the browser announced, not sent: the kernel says which run, where
the file is saved and how big it is, and sends the bytes only when the browser asks (it plays
the file from the Jupyter server when it can). A new picture says what became of the paint."""

from __future__ import annotations

import pytest
from tests.widgets.conftest import FrontEnd
from tests.widgets.test_contract import keeps_to
from tests.widgets.test_studio import jpeg, paint_boat

from kling_studio import AsyncKlingClient
from kling_studio.embedded import emulator_connection
from kling_studio.widgets import Studio, contract


@pytest.fixture
def studio(fast_emulator, tmp_path):
    client = AsyncKlingClient(connection=emulator_connection(fast_emulator))
    widget = Studio(image=jpeg(), client=client, output_dir=tmp_path / "out", prompt="a boat")
    yield widget
    widget.close()


def videos(browser: FrontEnd) -> list[tuple[dict, list[bytes]]]:
    return [(c, b) for c, b in browser.received if c.get("slot") == "video"]


def test_a_video_is_announced_without_bytes_and_sent_only_when_asked(studio):
    browser = FrontEnd(studio)
    saved = studio.generate_sync()
    run = saved.task.task_id
    [(announced, buffers)] = videos(browser)
    keeps_to(contract.Media, announced)
    assert buffers == []
    size = saved.video.stat().st_size
    assert announced == {
        "type": "media",
        "slot": "video",
        "run": run,
        "path": str(saved.video),
        "size": size,
    }

    assert browser.asked({"type": "video-bytes", "run": run}) == {"ok": True}
    (content, data), reply = videos(browser)[-1], browser.received[-1]
    keeps_to(contract.Media, content)
    assert data == [saved.video.read_bytes()]
    assert reply[0]["kind"] == "anywidget-command-response"  # the bytes came first

    browser.say({"type": "hello"})  # a view rendered again: told again, still without bytes
    assert videos(browser)[-1] == (announced, [])


def test_asking_for_a_video_that_is_gone_is_refused_in_words(studio):
    browser = FrontEnd(studio)
    saved = studio.generate_sync()
    unknown = browser.asked({"type": "video-bytes", "run": "no-such-run"})
    assert unknown["ok"] is False
    assert unknown["error"]["field"] == "video"
    assert unknown["error"]["text"].startswith("video: must be a run in this Studio's history")
    saved.video.unlink()
    browser.say({"type": "play", "run": saved.task.task_id})  # still announced, so the
    assert "size" not in videos(browser)[-1][0]  # browser hears why when it asks
    gone = browser.asked({"type": "video-bytes", "run": saved.task.task_id})
    assert gone["ok"] is False
    text = gone["error"]["text"]  # the path is shortened in the middle, keeping its name
    assert text.startswith("video: must still be on disk where it was saved (got /")
    assert text.endswith(f"{saved.video.name})")


def test_a_new_view_is_told_of_a_video_still_in_the_history(studio):
    browser = FrontEnd(studio)
    first = studio.generate_sync().task.task_id
    second = studio.generate_sync().task.task_id
    studio.remove_run(second)  # the one shown
    browser.say({"type": "hello"})
    assert videos(browser)[-1][0]["run"] == first
    studio.remove_run(first)
    count = len(videos(browser))
    browser.say({"type": "hello"})  # nothing left to show, and no error either
    assert len(videos(browser)) == count


def test_a_new_start_frame_says_whether_it_scaled_or_cleared_the_paint(studio):
    assert studio.pictures["image"]["paint"] is None
    studio.set_picture("image", jpeg(320, 180))  # nothing painted: nothing to say
    assert studio.pictures["image"]["paint"] is None
    paint_boat(studio)
    studio.set_picture("image", jpeg(1280, 720))
    assert studio.pictures["image"]["paint"] == "scaled"
    studio.set_picture("image", jpeg(500, 500))
    assert studio.pictures["image"]["paint"] == "cleared"
    keeps_to(contract.PictureMeta, studio.pictures["image"])
    studio.undo_picture("image")  # one step is kept: the picture put back offers no undo
    assert studio.pictures["image"]["undo"] is None
    assert studio.pictures["image"]["paint"] is None
    assert sorted(studio.masks) == ["dynamic-1"]
