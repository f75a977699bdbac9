"""Carrying the brush and the camera move across a sweep: pure planning, no emulator.

A cell whose model takes no brush but an end frame gets the brush's end frame as ``image_tail``;
a cell whose model takes no ``camera_control`` gets the move as words in its prompt; both say so
in their label and differences, and carry the intent they are measured against. Without
``carry`` nothing changes.
"""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from kling_studio import CameraControl, Image2VideoRequest
from kling_studio.api.capabilities import DOCUMENTED
from kling_studio.api.input_error import InputError
from kling_studio.compare import plan_sweep
from kling_studio.compare.carry import Carry, carry_for
from kling_studio.motion.camera_words import camera_phrase
from kling_studio.motion.carried import BRUSH_AS_END_FRAME, CAMERA_AS_WORDS
from kling_studio.motion.endframe import end_frame
from kling_studio.samples import boat_silhouette, landscape

DOCS = DOCUMENTED["kling"]
W, H = 640, 360
PICTURE = landscape(W, H)
BOAT = boat_silhouette(W, H)
PATH = [(190, 280), (500, 290)]
MODELS = {"model_name": ["kling-v1", "kling-v2-6"]}
ZOOM_IN = CameraControl.simple(zoom=-2)


def brushed(**extra) -> Image2VideoRequest:
    fields = {
        "image": PICTURE,
        "prompt": "a boat sails",
        "model_name": "kling-v1",
        "mode": "pro",
        "duration": "5",
        "dynamic_masks": [{"mask": BOAT, "trajectories": PATH}],
        **extra,
    }
    return Image2VideoRequest(**fields)


def camera_base(**extra) -> Image2VideoRequest:
    fields = {
        "image": PICTURE,
        "prompt": "a boat sails",
        "model_name": "kling-v1-5",
        "mode": "pro",
        "duration": "5",
        "camera_control": ZOOM_IN,
        **extra,
    }
    return Image2VideoRequest(**fields)


@pytest.fixture(scope="module")
def brush_carry() -> Carry:
    carry = carry_for(brushed())
    assert carry is not None
    return carry


def test_the_brush_goes_as_the_end_frame_to_a_model_without_one(brush_carry):
    base = brushed()
    plan = plan_sweep(base, MODELS, docs=DOCS, carry=brush_carry)
    v1, v26 = plan.cells

    assert v1.request.dynamic_masks == base.dynamic_masks and v1.request.image_tail is None
    assert v1.carried == () and v1.intent is None
    assert v1.label == "model_name kling-v1" and "carried" not in v1.differs
    assert v1.supported

    assert v26.supported, v26.reason
    assert v26.request.image_tail is brush_carry.end_frame
    assert v26.request.dynamic_masks == [] and v26.request.static_mask is None
    assert v26.request.prompt == "a boat sails" and v26.request.image is PICTURE
    assert v26.carried == ("brush",)
    assert v26.label == "model_name kling-v2-6 · brush as end frame"
    assert v26.differs == {"model_name": "kling-v2-6", "carried": "brush as end frame"}
    assert v26.intent is not None and v26.intent.how == BRUSH_AS_END_FRAME
    assert [area.name for area in v26.intent.areas] == ["dynamic 1"]
    assert v26.intent.picture_size == (W, H)
    assert plan.tasks == 2 and plan.carry is brush_carry


def test_without_carry_a_model_without_the_brush_stays_unsupported():
    v1, v26 = plan_sweep(brushed(), MODELS, docs=DOCS).cells
    assert v1.supported
    assert not v26.supported and "dynamic_masks" in v26.reason
    assert v26.carried == () and v26.intent is None
    assert v26.label == "model_name kling-v2-6" and v26.request.image_tail is None


def test_a_model_without_an_end_frame_at_its_mode_keeps_the_brush_and_its_reason(brush_carry):
    """kling-v2-6 takes an end frame in pro only: a std cell is not carried, and says why."""
    plan = plan_sweep(
        brushed(model_name="kling-v2-6"), {"mode": ["std", "pro"]}, docs=DOCS, carry=brush_carry
    )
    std, pro = plan.cells
    assert not std.supported and std.carried == () and std.request.dynamic_masks
    assert pro.supported and pro.carried == ("brush",)


def test_an_end_frame_of_the_persons_own_is_never_replaced(brush_carry):
    own = landscape(W, H)
    plan = plan_sweep(brushed(image_tail=own), MODELS, docs=DOCS, carry=brush_carry)
    v26 = plan.cells[1]
    assert v26.carried == () and v26.request.image_tail is own and not v26.supported


def test_the_camera_move_goes_as_words_to_a_model_without_camera_control():
    base = camera_base()
    carry = carry_for(base)
    assert carry is not None and carry.end_frame is None
    phrase = camera_phrase(ZOOM_IN)
    assert carry.phrase == phrase == "the camera slowly zooms in"

    v15, v21 = plan_sweep(
        base, {"model_name": ["kling-v1-5", "kling-v2-1"]}, docs=DOCS, carry=carry
    ).cells
    assert v15.request == base.model_copy(update={"external_task_id": None})
    assert v15.carried == () and v15.intent is None

    assert v21.supported, v21.reason
    assert v21.request.camera_control is None
    assert v21.request.prompt == "a boat sails. The camera slowly zooms in."
    assert v21.carried == ("camera",)
    assert v21.label == "model_name kling-v2-1 · camera in words"
    assert v21.differs["carried"] == "camera in words"
    assert v21.intent is not None and v21.intent.how == CAMERA_AS_WORDS
    assert v21.intent.camera == ZOOM_IN and v21.intent.areas == ()


def test_both_carried_name_both():
    """The brush and camera_control exclude each other at Kling; carried, both can go."""
    base = brushed(model_name="kling-v1-5", camera_control=ZOOM_IN)
    carry = carry_for(base)
    assert carry is not None and carry.end_frame is not None and carry.phrase
    v15, v26 = plan_sweep(
        base, {"model_name": ["kling-v1-5", "kling-v2-6"]}, docs=DOCS, carry=carry
    ).cells
    assert v15.carried == () and not v15.supported  # Kling takes the brush or the camera
    assert v26.carried == ("brush", "camera") and v26.supported, v26.reason
    assert v26.label == "model_name kling-v2-6 · brush as end frame · camera in words"
    assert v26.differs["carried"] == "brush as end frame, camera in words"
    assert v26.intent is not None
    assert v26.intent.how == f"{BRUSH_AS_END_FRAME} and {CAMERA_AS_WORDS}"


def test_the_brush_kept_and_the_camera_carried_say_so():
    """kling-v1 takes the brush but no camera_control: only the move goes as words."""
    base = brushed(camera_control=ZOOM_IN)
    carry = carry_for(base)
    (v1,) = plan_sweep(base, {"mode": ["pro"]}, docs=DOCS, carry=carry).cells
    assert v1.carried == ("camera",) and v1.request.dynamic_masks and v1.supported, v1.reason
    assert v1.intent is not None and v1.intent.how == f"the brush and {CAMERA_AS_WORDS}"


def test_the_end_frame_is_the_brushs_as_the_client_reads_the_picture(brush_carry):
    expected = end_frame(np.asarray(PICTURE), static=None, areas=[(BOAT, PATH)])
    with Image.open(io.BytesIO(brush_carry.end_frame)) as image:
        assert image.size == (W, H)
        assert np.array_equal(np.asarray(image.convert("RGB")), expected.image)
    (area,) = brush_carry.intent.areas
    assert np.array_equal(area.mask, BOAT)
    assert area.path.tolist() == [list(map(float, point)) for point in PATH]
    assert brush_carry.intent.how == "the brush" and brush_carry.phrase is None


def test_a_mask_at_another_size_is_read_at_the_pictures():
    half = np.asarray(Image.fromarray(BOAT).resize((W // 2, H // 2)))
    carry = carry_for(brushed(dynamic_masks=[{"mask": half, "trajectories": PATH}]))
    assert carry is not None and carry.intent.areas[0].mask.shape == (H, W)


def test_what_the_end_frame_loses_is_a_warning_of_the_plan():
    out = [(190, 280), (W + 300, 290)]
    base = brushed(dynamic_masks=[{"mask": BOAT, "trajectories": out}])
    carry = carry_for(base)
    assert carry is not None and carry.notes
    plan = plan_sweep(base, MODELS, docs=DOCS, carry=carry)
    assert any(
        w.startswith("The brush's end frame, sent to cells r0c1: dynamic 1") for w in plan.warnings
    )


def test_nothing_to_carry_is_none():
    assert carry_for(Image2VideoRequest(image=PICTURE, prompt="waves")) is None
    static_only = Image2VideoRequest(image=PICTURE, static_mask=BOAT)
    assert carry_for(static_only) is None


def test_a_picture_given_by_url_cannot_be_read_here():
    with pytest.raises(InputError, match="image"):
        carry_for(brushed(image="https://example.com/boat.png"))
