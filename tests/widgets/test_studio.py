"""The Studio's kernel side: what the browser's messages do, and what Python sees.

The browser is stood in for by the same custom messages its front end sends (JSON plus binary
buffers); the real front end is driven in Chromium by tests/browser.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import numpy as np
import pytest
from PIL import Image

from kling_studio import AsyncKlingClient, Provider, ValidationError
from kling_studio.api.auth import BearerKey
from kling_studio.api.connection import Connection
from kling_studio.embedded import emulator_connection
from kling_studio.samples import boat_mask, landscape
from kling_studio.widgets import Studio

W, H = 640, 360


def png(array: np.ndarray) -> bytes:
    """A mask as the canvas exports it: paint in the alpha channel."""
    rgba = np.zeros((*array.shape, 4), dtype=np.uint8)
    rgba[array] = (232, 69, 60, 255)
    buffer = io.BytesIO()
    Image.fromarray(rgba, "RGBA").save(buffer, "PNG")
    return buffer.getvalue()


def jpeg(width: int = W, height: int = H) -> bytes:
    buffer = io.BytesIO()
    landscape(width, height).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def say(studio: Studio, content: dict, *buffers: bytes) -> None:
    studio._on_message(studio, content, list(buffers))


@pytest.fixture
def studio(landscape_studio):
    return landscape_studio


def paint_boat(studio: Studio, path=((190, 270), (400, 300))) -> None:
    say(studio, {"type": "mask", "area": "dynamic-1"}, png(boat_mask(W, H)))
    areas = [
        {**a, "painted": True, "path": [list(p) for p in path]} if a["id"] == "dynamic-1" else a
        for a in studio.areas
    ]
    studio.areas = areas


def test_a_picture_from_python_is_shown_at_its_natural_size(studio):
    assert studio.pictures["image"]["width"] == W
    assert studio.pictures["image"]["height"] == H
    assert studio.emulated
    assert "emulator" in studio.provider


def test_unknown_keywords_are_refused_with_the_list():
    with pytest.raises(TypeError, match="model_name"):
        Studio(model="kling-v1")


def upload(browser, slot: str, name: str, data: bytes, upload_id: str = "u1") -> dict:
    """What the front end's ``upload`` does: ask to begin, send the chunks, ask to end."""
    begin = {"type": "upload-begin", "id": upload_id, "slot": slot, "name": name}
    begun = browser.asked({**begin, "size": len(data)})
    if not begun["ok"]:
        return begun
    third = len(data) // 3 + 1
    for index in range(3):
        browser.say(
            {"type": "upload-chunk", "id": upload_id, "index": index},
            data[index * third : (index + 1) * third],
        )
    return browser.asked({"type": "upload-end", "id": upload_id})


def test_a_chunked_upload_arrives_whole_and_the_reply_names_its_slot(studio, front_end):
    data = jpeg(1200, 800)
    reply = upload(front_end(studio), "tail", "end.jpg", data)
    assert reply == {"ok": True, "slot": "tail", "name": "end.jpg", "width": 1200, "height": 800}
    assert studio.pictures["tail"]["width"] == 1200
    assert studio._media["tail"] == data


def test_a_multi_image_upload_is_answered_with_the_slot_it_got(studio, front_end):
    reply = upload(front_end(studio), "multi", "one.jpg", jpeg(800, 600))
    assert (reply["ok"], reply["slot"]) == (True, "multi-0")
    assert studio.multi_order == ["multi-0"]


def test_a_short_upload_is_refused_loudly_not_lost_silently(studio, front_end):
    browser = front_end(studio)
    begin = {"type": "upload-begin", "id": "u2", "slot": "tail", "name": "big.jpg", "size": 1000}
    assert browser.asked(begin) == {"ok": True}
    browser.say({"type": "upload-chunk", "id": "u2", "index": 0}, b"x" * 10)
    reply = browser.asked({"type": "upload-end", "id": "u2"})
    assert reply["error"] == {
        "field": "image_tail",
        "rule": "must arrive whole",
        "value": "big.jpg: received 10 of 1000 bytes",
        "text": "image_tail: must arrive whole (got big.jpg: received 10 of 1000 bytes)",
    }
    assert "tail" not in studio.pictures
    assert studio.status["phase"] == "idle"


def test_an_upload_over_50_mb_is_refused_before_any_chunk_with_the_real_reason(studio, front_end):
    browser = front_end(studio)
    size = 60 * 2**20
    begin = {"type": "upload-begin", "id": "u3", "slot": "image", "name": "huge.png", "size": size}
    reply = browser.asked(begin)
    assert reply["error"] == {
        "field": "image",
        "rule": "must be 50 MB or less to upload",
        "value": "huge.png, 60.0 MB",
        "text": "image: must be 50 MB or less to upload (got huge.png, 60.0 MB)",
    }
    assert studio.status["phase"] != "uploading"  # nothing is under way
    assert studio._uploads._open == {}


def test_an_upload_that_is_no_picture_is_refused_at_its_slot(studio, front_end):
    reply = upload(front_end(studio), "tail", "notes.jpg", b"these are words, not pixels" * 50)
    assert reply["ok"] is False
    assert reply["error"]["field"] == "image_tail"
    assert reply["error"]["rule"].startswith("must be a picture file")
    assert "tail" not in studio.pictures


def test_an_upload_that_breaks_a_size_rule_is_taken_with_the_problem_and_its_fix(studio, front_end):
    reply = upload(front_end(studio), "image", "tiny.jpg", jpeg(200, 150))
    assert reply == {"ok": True, "slot": "image", "name": "tiny.jpg", "width": 200, "height": 150}
    (problem,) = studio.pictures["image"]["problems"]
    assert problem["text"] == "must be at least 300 px on each side (it is 200×150)"
    assert [fix["id"] for fix in problem["fixes"]] == ["upscale"]
    assert studio.pictures["image"]["undo"] == "the new picture"  # the earlier one is kept


def test_controls_follow_the_rule_table(studio):
    studio.params = {**studio.params, "model_name": "kling-v2-1"}
    assert studio.controls["motion_brush"]["enabled"] is False
    assert studio.controls["motion_brush"]["reason"] == (
        "not on kling-v2-1; it is on kling-v1 std/pro 5 s, kling-v1-5 pro 5 s"
    )
    assert studio.controls["cfg_scale"] == {
        "enabled": False,
        "reason": "kling-v2-1 does not take cfg_scale; kling-v1, kling-v1-5, kling-v1-6 do",
    }
    studio.params = {**studio.params, "model_name": "kling-v1-5", "mode": "pro"}
    assert studio.controls["camera_control"]["enabled"] is True
    paint_boat(studio)
    assert studio.controls["camera_control"]["enabled"] is False
    assert "motion brush" in studio.controls["camera_control"]["reason"]


def test_problems_show_before_generate(studio):
    assert studio.problems == []
    studio.params = {**studio.params, "model_name": "kling-v2-5-turbo", "cfg_scale": 0.5}
    assert [(p["field"], p["severity"]) for p in studio.problems] == [("cfg_scale", "warning")]
    assert "kept, not sent with kling-v2-5-turbo" in studio.problems[0]["rule"]
    # Beside the slider, the short form: the slider's own reason says where cfg_scale works.
    assert studio.problems[0]["brief"] == "kept, not sent with kling-v2-5-turbo std 5 s"
    studio.params = {**studio.params, "model_name": "kling-v1", "cfg_scale": None}
    say(studio, {"type": "mask", "area": "dynamic-2"}, png(boat_mask(W, H)))
    studio.areas = [{**a, "painted": True} if a["id"] == "dynamic-2" else a for a in studio.areas]
    texts = [p["text"] for p in studio.problems]
    assert "dynamic 2 path: draw the path the area should move along" in texts
    assert not any("dynamic_masks" in text for text in texts)


def test_masks_and_trajectories_reach_the_wire(studio):
    paint_boat(studio)
    masks = studio.masks
    assert masks["dynamic-1"].shape == (H, W)
    assert masks["dynamic-1"].sum() == boat_mask(W, H).sum()
    assert studio.trajectories == {"dynamic-1": [(190.0, 270.0), (400.0, 300.0)]}
    wire = studio.prepared.payload["dynamic_masks"][0]["trajectories"]
    assert wire == [{"x": 190, "y": H - 1 - 270}, {"x": 400, "y": H - 1 - 300}]


def test_generate_sync_plays_the_video_and_keeps_history(studio):
    paint_boat(studio)
    sent = []
    studio.send = lambda content, buffers=None: sent.append(
        (content, buffers)
    )  # what the browser receives
    result = studio.generate_sync()
    assert result.video.exists()
    assert studio.result == result
    assert studio.status["phase"] == "succeed"
    assert studio.history[-1]["id"] == result.task.task_id
    video = [c for c, b in sent if c.get("slot") == "video"]
    assert video
    assert video[-1]["path"] == str(result.video)


def test_an_invalid_request_stops_with_the_problems_shown(studio):
    studio.params = {**studio.params, "negative_prompt": "blur " * 600}
    with pytest.raises(ValidationError):
        studio.generate_sync()
    assert studio.status["phase"] == "error"
    assert studio.status["problems"][0]["field"] == "negative_prompt"


def test_what_the_model_cannot_use_is_kept_said_and_sent_again_after_switching_back(studio):
    paint_boat(studio)
    painted = studio.masks
    with_brush = studio.prepared.payload
    assert with_brush["dynamic_masks"]
    studio.params = {**studio.params, "model_name": "kling-v2-1", "mode": "pro"}
    notes = [p for p in studio.problems if p["field"] == "dynamic_masks"]
    assert [p["severity"] for p in notes] == ["warning"]  # said, and Generate is not blocked
    assert "kept, not sent with kling-v2-1" in notes[0]["rule"]
    assert "kling-v1 std/pro 5 s" in notes[0]["rule"]  # and where the brush is available
    assert not [p for p in studio.problems if p["severity"] != "warning"]
    payload = studio.prepared.payload
    assert "dynamic_masks" not in payload and "static_mask" not in payload
    assert set(studio.masks) == set(painted)  # the paint is still there
    studio.params = {**studio.params, "model_name": "kling-v1", "mode": "std"}
    assert studio.prepared.payload["dynamic_masks"] == with_brush["dynamic_masks"]
    assert studio.problems == []


def test_a_path_on_an_unpainted_area_is_a_problem_not_a_silent_drop(studio):
    studio.set_path("dynamic-3", [(10, 10), (60, 40)])
    problems = [p for p in studio.problems if p["field"] == "dynamic-3.path"]
    assert (
        problems[0]["text"] == "dynamic 3 path: the area has no paint: paint it or clear its path"
    )
    with pytest.raises(ValidationError):
        studio.generate_sync()


def test_switching_to_multi_image_keeps_the_single_picture_settings_and_says_so(studio):
    paint_boat(studio)
    studio.params = {**studio.params, "cfg_scale": 0.4}
    studio.kind = "multi-image2video"
    kept = {p["field"] for p in studio.problems if "not part of multi-image" in p["rule"]}
    assert kept == {"dynamic_masks", "cfg_scale"}
    studio.kind = "image2video"
    assert studio.prepared.payload["cfg_scale"] == 0.4 and studio.masks


def test_to_code_reproduces_the_request(studio, tmp_path):
    paint_boat(studio)
    code = studio.to_code(tmp_path / "assets")
    assert "DynamicMask" in code
    assert "(190, 270)" in code
    script = tmp_path / "script.py"
    script.write_text(code)
    env = {**os.environ, "KLING_STUDIO_EMULATOR_SPEED": "200"}
    done = subprocess.run(
        [sys.executable, str(script)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith(".mp4")


def test_to_code_never_overwrites_the_pictures_it_wrote_before(studio, tmp_path):
    paint_boat(studio)
    studio.to_code(tmp_path / "assets")
    before = {p.name: p.read_bytes() for p in (tmp_path / "assets").iterdir()}
    (tmp_path / "assets" / next(iter(before))).write_bytes(b"the user edited this file")
    studio.to_code(tmp_path / "assets")
    after = {p.name for p in (tmp_path / "assets").iterdir()}
    assert after > set(before) and len(after) == 2 * len(before)
    assert (tmp_path / "assets" / next(iter(before))).read_bytes() == b"the user edited this file"


def test_credentials_never_reach_the_front_end(fast_emulator, tmp_path):
    secret = "sk-private-key-that-must-stay-in-the-kernel-42"
    base = emulator_connection(fast_emulator)
    connection = Connection(
        Provider.custom(fast_emulator.base_url, BearerKey(secret)), base.transport, base.clock
    )
    widget = Studio(
        image=jpeg(), client=AsyncKlingClient(connection=connection), output_dir=tmp_path
    )
    try:
        state = json.dumps(widget.get_state(), default=str)
        assert secret not in state
        assert "base_url" not in widget.keys
        assert secret not in repr(widget)
    finally:
        widget.close()


def test_painting_from_python_is_the_same_as_brushing(studio):
    studio.set_mask("dynamic-1", boat_mask(W * 2, H * 2))  # any size: resized to the picture
    studio.set_path("dynamic-1", [(190, 270), (400, 300)])
    assert studio.masks["dynamic-1"].shape == (H, W)
    assert studio.prepared.payload["dynamic_masks"][0]["trajectories"][0] == {
        "x": 190,
        "y": H - 1 - 270,
    }
    with pytest.raises(ValueError, match="only dynamic areas"):
        studio.set_path("static", [(1, 1), (2, 2)])
    with pytest.raises(ValueError, match="the areas are"):
        studio.set_mask("dynamic-9", boat_mask(W, H))
    studio.set_mask("dynamic-1", None)
    assert "dynamic-1" not in studio.masks


def test_status_figures_are_real_seconds_and_never_contradict_each_other(tmp_path):
    """The status says how much faster the emulator runs and keeps its figures consistent
    (live_times' own tests check the conversion to real seconds); the message line follows
    the task's status."""
    from kling_studio.emulator import Emulator, EmulatorConfig

    config = EmulatorConfig(speed=10, queue_seconds=10, processing_seconds=20, seed=3)
    with Emulator(config) as emulator:
        client = AsyncKlingClient(connection=emulator_connection(emulator))
        studio = Studio(image=jpeg(), client=client, output_dir=tmp_path, prompt="a boat")
        seen: list[dict] = []
        studio.observe(lambda change: seen.append(dict(change["new"])), names=["status"])
        try:
            studio.generate_sync()
        finally:
            studio.close()
    timed = [s for s in seen if "queued_for" in s]
    assert timed and {s["clock_speed"] for s in timed} == {10.0}
    for status in timed:
        shown = status["queued_for"] + (status["processing_for"] or 0.0)
        assert shown <= status["elapsed"] + 0.1, status
    processing = [s for s in timed if s["phase"] == "processing"]
    assert processing, [s["phase"] for s in timed]
    assert processing[0]["message"] == "Kling is making the video"


def test_the_estimate_prices_sound_and_voices_and_not_what_is_kept(studio):
    from kling_studio.api.capabilities import MODELS

    spec = MODELS["kling-v2-6"]
    studio.params = {**studio.params, "model_name": "kling-v2-6", "mode": "pro"}
    assert studio.units == spec.units["pro", "5"]
    studio.params = {**studio.params, "sound": "on"}
    assert studio.units == spec.sound_units["pro", "5"]
    studio.params = {**studio.params, "voice_list": [{"voice_id": "v-1"}]}
    assert studio.units == spec.voice_units["pro", "5"]
    studio.params = {**studio.params, "model_name": "kling-v1", "mode": "std"}
    assert studio.units == MODELS["kling-v1"].units["std", "5"]  # sound and voices kept, unpriced


def test_multi_image_mode_picks_its_only_model_and_switching_back_restores_the_choice(studio):
    studio.params = {**studio.params, "model_name": "kling-v2-1"}
    studio.kind = "multi-image2video"
    assert studio.params["model_name"] == "kling-v1-6"
    assert studio.controls["generate"]["enabled"] is True
    studio.kind = "image2video"
    assert studio.params["model_name"] == "kling-v2-1"
