"""Pictures in the Studio: problems said on arrival, fixes that can be undone, and a new start
frame that keeps the paint when it can (and can be undone when it cannot)."""

from __future__ import annotations

import numpy as np
import pytest
from tests.widgets.conftest import FrontEnd
from tests.widgets.test_studio import H, W, jpeg, paint_boat, say

from kling_studio import AsyncKlingClient
from kling_studio.embedded import emulator_connection
from kling_studio.widgets import Studio


@pytest.fixture
def studio(fast_emulator, tmp_path):
    client = AsyncKlingClient(connection=emulator_connection(fast_emulator))
    widget = Studio(client=client, output_dir=tmp_path / "out", prompt="a boat")
    yield widget
    widget.close()


def upload(studio: Studio, slot: str, data: bytes, name: str = "picture.jpg") -> None:
    """As the front end uploads: begin and end are requests, the chunk a plain message."""
    browser = FrontEnd(studio)
    begin = {"type": "upload-begin", "id": name, "slot": slot, "name": name, "size": len(data)}
    assert browser.asked(begin)["ok"]
    browser.say({"type": "upload-chunk", "id": name, "index": 0}, data)
    assert browser.asked({"type": "upload-end", "id": name})["ok"]


def test_a_small_picture_is_said_at_once_and_the_upscale_can_be_undone(studio):
    upload(studio, "image", jpeg(250, 180))
    meta = studio.pictures["image"]
    assert [p["rule"] for p in meta["problems"]] == ["min_side"]
    assert [f["id"] for f in meta["problems"][0]["fixes"]] == ["upscale"]
    blocking = [p for p in studio.problems if p["severity"] == "error"]
    assert blocking and blocking[0]["text"].startswith("Start frame: must be at least 300 px")
    say(studio, {"type": "fix-picture", "slot": "image", "fix": "upscale"})
    fixed = studio.pictures["image"]
    assert (fixed["width"], fixed["height"]) == (417, 300)
    assert fixed["problems"] == [] and fixed["undo"] == "Upscale to 300 px"
    assert not [p for p in studio.problems if p["field"] == "image"]
    say(studio, {"type": "undo-picture", "slot": "image"})
    assert (studio.pictures["image"]["width"], studio.pictures["image"]["height"]) == (250, 180)


def test_a_panorama_can_be_cropped_or_padded(studio):
    upload(studio, "image", jpeg(1500, 500))
    fixes = [f["id"] for f in studio.pictures["image"]["problems"][0]["fixes"]]
    assert fixes == ["crop", "pad"]
    studio.fix_picture("image", "pad")
    assert studio.pictures["image"]["width"] / studio.pictures["image"]["height"] <= 2.5
    studio.prepared  # noqa: B018 - Kling's rules now accept it
    with pytest.raises(ValueError, match="'upscale' is not offered"):
        studio.fix_picture("image", "upscale")


def test_a_new_start_frame_of_the_same_shape_keeps_the_paint_scaled(studio):
    studio.set_picture("image", jpeg())
    paint_boat(studio)
    before = studio.masks["dynamic-1"]
    studio.set_picture("image", jpeg(W * 2, H * 2))
    after = studio.masks["dynamic-1"]
    assert after.shape == (H * 2, W * 2)
    assert abs(int(after.sum()) - 4 * int(before.sum())) < 0.02 * 4 * before.sum()
    assert studio.trajectories["dynamic-1"] == [(380.0, 540.0), (800.0, 600.0)]
    studio.prepared  # noqa: B018 - sendable as it is


def test_a_new_start_frame_of_another_shape_clears_the_paint_and_undo_brings_it_back(studio):
    studio.set_picture("image", jpeg())
    paint_boat(studio)
    painted = studio.masks["dynamic-1"].copy()
    studio.set_picture("image", jpeg(500, 500))
    assert studio.masks == {} and studio.pictures["image"]["undo"] == "the new picture"
    studio.undo_picture("image")
    assert studio.pictures["image"]["width"] == W
    assert np.array_equal(studio.masks["dynamic-1"], painted)
    assert studio.trajectories["dynamic-1"] == [(190.0, 270.0), (400.0, 300.0)]
    with pytest.raises(ValueError, match="nothing to undo"):
        studio.undo_picture("image")


def test_use_these_settings_brings_back_the_request_exactly(studio):
    studio.set_picture("image", jpeg())
    paint_boat(studio)
    studio.params = {**studio.params, "cfg_scale": 0.7, "negative_prompt": "blur"}
    before = studio.prepared.payload
    studio.generate_sync()
    run = studio.history[-1]
    assert run["restorable"] and run["prompt"] == "a boat" and run["finished_at"] > 0
    studio.set_picture("image", jpeg(500, 500))  # another picture, the paint gone
    studio.params = {**studio.params, "model_name": "kling-v2-1", "cfg_scale": None}
    say(studio, {"type": "use-run", "run": run["id"]})
    after = studio.prepared.payload
    assert {k: v for k, v in after.items() if k != "external_task_id"} == {
        k: v for k, v in before.items() if k != "external_task_id"
    }
    say(studio, {"type": "remove-run", "run": run["id"]})
    assert studio.history == []
    assert (studio._output_dir / f"{run['id']}.mp4").exists()  # the video stays on disk
    with pytest.raises(ValueError, match="not kept"):
        studio.use_run(run["id"])
