"""The brush carried to a model without one: offered only where it helps, made and shown before it
is used, sent as the end frame, and the result measured against the brush as painted. The camera
move carried as words: offered, added to the prompt only when asked."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image
from tests.widgets.test_studio import H, W, jpeg, paint_boat

from kling_studio.samples import boat_mask

V26 = {"model_name": "kling-v2-6", "mode": "pro", "duration": "5"}


@pytest.fixture
def studio(landscape_studio):
    return landscape_studio


def test_the_end_frame_is_offered_only_for_a_model_that_takes_one_and_not_the_brush(studio):
    assert studio.carried["end_frame"] == {
        "enabled": False,
        "reason": "kling-v1 takes the brush itself",
    }
    studio.params = {**studio.params, **V26}
    assert studio.carried["end_frame"]["reason"] == "paint a dynamic area and draw its path first"
    paint_boat(studio)
    assert studio.carried["end_frame"] == {"enabled": True, "reason": ""}
    studio.params = {**studio.params, "model_name": "kling-v2-master"}
    assert studio.carried["end_frame"]["reason"] == "kling-v2-master pro 5 s takes no end frame"


def test_the_end_frame_is_shown_then_used_and_the_result_measured_against_the_brush(
    studio, front_end
):
    paint_boat(studio)
    studio.params = {**studio.params, **V26}
    view = front_end(studio)
    made = view.asked({"type": "make-end-frame"})
    assert made["ok"] is True and (made["width"], made["height"]) == (W, H)
    shown = [b for c, b in view.received if c.get("slot") == "end-frame"]
    assert shown, "the end frame's picture came before the answer"
    frame = np.asarray(Image.open(io.BytesIO(shown[-1][0])).convert("RGB"))
    assert frame.shape == (H, W, 3)
    assert "tail" not in studio.pictures, "nothing is used before the person says so"

    used = view.asked({"type": "use-end-frame"})
    assert used["ok"] is True and used["slot"] == "tail"
    assert studio.pictures["tail"]["name"] == "end frame from the brush"
    assert studio.carried["end_frame_in_use"] is True
    payload = studio.prepared.payload
    assert payload["image_tail"] and not payload.get("dynamic_masks")

    studio.generate_sync()
    report = studio.motion(timeout=60)
    assert report is not None and report["state"] == "done"
    assert report["intent"] == "the brush sent as an end frame"
    assert [a["name"] for a in report["areas"]] == ["dynamic 1"]
    assert report["areas"][0]["requested"] == [[190.0, 270.0], [400.0, 300.0]]


def test_a_replaced_end_frame_is_no_longer_the_brushs(studio):
    paint_boat(studio)
    studio.params = {**studio.params, **V26}
    studio.make_end_frame()
    studio.use_end_frame()
    studio.set_picture("tail", jpeg(), name="my own end frame")
    assert studio.carried["end_frame_in_use"] is False


def test_the_end_frame_is_refused_in_words_where_it_is_not_offered(studio, front_end):
    reply = front_end(studio).asked({"type": "make-end-frame"})
    assert reply["ok"] is False
    assert reply["error"]["field"] == "end_frame"
    assert reply["error"]["rule"] == "kling-v1 takes the brush itself"
    with pytest.raises(ValueError, match="make the end frame first"):
        studio.use_end_frame()


def test_the_end_frame_moves_the_painted_boat_to_its_paths_end(studio):
    paint_boat(studio, path=((190, 270), (400, 300)))
    studio.params = {**studio.params, **V26}
    frame = studio.make_end_frame()
    ys, xs = np.nonzero(boat_mask(W, H))
    start = np.array([xs.mean(), ys.mean()])
    assert np.allclose(frame.moved[0], start + np.array([210, 30]), atol=0.02 * np.hypot(W, H))


def test_the_camera_move_goes_as_words_only_when_the_person_adds_them(studio, front_end):
    zoom_in = {"type": "simple", "config": {"zoom": -5}}
    studio.params = {**studio.params, **V26, "camera_control": zoom_in}
    assert studio.carried["camera_phrase"] == "the camera zooms in"
    assert studio.params["prompt"] == "a boat"
    assert studio.prepared.payload["prompt"] == "a boat", "nothing is added silently"
    assert "camera_control" not in studio.prepared.payload

    reply = front_end(studio).asked(
        {"type": "add-camera-phrase", "text": "the camera zooms in slowly"}
    )
    assert reply == {"ok": True}
    assert studio.params["prompt"] == "a boat. The camera zooms in slowly."
    assert studio.prepared.payload["prompt"] == "a boat. The camera zooms in slowly."
    assert studio.carried["camera_phrase_in_prompt"] is True

    studio.generate_sync()
    report = studio.motion(timeout=60)
    assert report is not None and report["intent"] == "the camera move sent as words"
    assert report["camera"] is not None and report["camera"]["asked"] == "zoom in"


def test_no_phrase_is_offered_where_the_model_takes_the_camera(studio, front_end):
    studio.params = {
        **studio.params,
        "model_name": "kling-v1-5",
        "mode": "pro",
        "camera_control": {"type": "simple", "config": {"zoom": -5}},
    }
    assert studio.carried["camera_phrase"] == ""
    reply = front_end(studio).asked({"type": "add-camera-phrase", "text": "  "})
    assert reply["ok"] is False and reply["error"]["field"] == "camera_phrase"
