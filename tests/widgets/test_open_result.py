"""``Studio.open(sidecar)``: a past result back in a Studio — its pictures, paint, paths and
settings — ready for another try that sends the same request as a new task."""

from __future__ import annotations

import json

import numpy as np
import pytest
from tests.widgets.test_studio import paint_boat

from kling_studio import AsyncKlingClient
from kling_studio.api.input_error import InputError
from kling_studio.api.record import payload_of_record
from kling_studio.embedded import emulator_connection
from kling_studio.samples import landscape
from kling_studio.widgets import Studio


def test_a_result_opens_with_its_pictures_paint_and_settings(
    landscape_studio, fast_emulator, tmp_path
):
    first = landscape_studio
    first.set_mask("static", np.pad(np.ones((40, 640), bool), ((320, 0), (0, 0))))
    paint_boat(first)
    first.params = {**first.params, "model_name": "kling-v1", "mode": "pro", "cfg_scale": 0.7}
    saved = first.generate_sync()
    record = json.loads(saved.sidecar.read_text())

    client = AsyncKlingClient(connection=emulator_connection(fast_emulator))
    again = Studio.open(saved.sidecar, client=client, output_dir=tmp_path / "again")
    try:
        assert again.params["model_name"] == "kling-v1"
        assert again.params["mode"] == "pro"
        assert again.params["cfg_scale"] == 0.7
        assert again.params["prompt"] == "a boat"
        assert set(again.pictures) == {"image"}
        assert {a["id"] for a in again.areas if a["painted"]} == {"static", "dynamic-1"}
        assert np.array_equal(again.masks["static"], first.masks["static"])
        assert np.array_equal(again.masks["dynamic-1"], first.masks["dynamic-1"])
        sent = payload_of_record(record["request"], saved.sidecar.parent)
        prepared = dict(again.prepared.payload)
        assert "external_task_id" not in prepared  # a new try gets its own
        sent.pop("external_task_id")
        assert prepared == sent  # the same request, byte for byte

        retried = again.generate_sync()
        assert retried.task.task_id != saved.task.task_id
        assert retried.task.external_task_id != record["external_task_id"]
    finally:
        again.close()


def test_a_sidecar_without_its_pictures_is_refused_in_words(landscape_studio, tmp_path):
    saved = landscape_studio.generate_sync()
    record = json.loads(saved.sidecar.read_text())
    for medium in (saved.sidecar.parent / "media").iterdir():
        medium.unlink()
    with pytest.raises(InputError) as refused:
        Studio.open(saved.sidecar, output_dir=tmp_path / "again")
    assert refused.value.field == "image"
    assert record["request"]["image"]["file"] in str(refused.value)


def test_a_multi_image_result_opens_with_its_pictures_in_order(fast_emulator, tmp_path):
    client = AsyncKlingClient(connection=emulator_connection(fast_emulator))
    first_pictures = [np.array(landscape(640, 360)), np.array(landscape(480, 480))]
    first = Studio(
        images=first_pictures,
        client=client,
        output_dir=tmp_path / "out",
        prompt="two views of the lake",
        model_name="kling-v1-6",
    )
    again = None
    try:
        saved = first.generate_sync()
        record = json.loads(saved.sidecar.read_text())
        again = Studio.open(saved.sidecar, client=client, output_dir=tmp_path / "again")
        assert again.kind == "multi-image2video"
        assert [again.pictures[s]["width"] for s in again.multi_order] == [640, 480]
        sent = payload_of_record(record["request"], saved.sidecar.parent)
        prepared = dict(again.prepared.payload)
        assert "external_task_id" not in prepared
        sent.pop("external_task_id")
        assert prepared == sent
    finally:
        first.close()
        if again is not None:
            again.close()
