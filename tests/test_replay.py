"""Replaying a saved result makes the same request again; ``diff`` says what two requests differ in.

Results are generated on the emulator over real httpx and saved with their sidecars; a replay is
read back from those files alone.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from kling_studio import (
    AsyncKlingClient,
    CameraControl,
    DynamicMask,
    Image2VideoRequest,
    KlingClient,
    MultiImage2VideoRequest,
    ValidationError,
    diff,
    read_result,
    replay,
)
from kling_studio.api.capabilities import estimate_units
from kling_studio.api.download import Download
from kling_studio.api.input_error import InputError
from kling_studio.api.retry import RetryPolicy
from kling_studio.compare import Sweep, plan_sweep
from kling_studio.embedded import emulator_connection
from kling_studio.emulator import Emulator
from kling_studio.replaying import request_of_record
from kling_studio.samples import boat_mask, boat_silhouette, landscape, sky_mask

FAST_RETRY = RetryPolicy(base=0.5, max_delay=2.0, slot_max_delay=2.0)
W, H = 1600, 900
"""Larger than kling-v1's 720p takes: the picture is downscaled, the masks and paths follow."""
PICTURE = landscape(W, H)
SENT = 1280 / W
"""The share of the picture's size kling-v1 (720p: 1280 px long) is sent at."""
BOAT_PATH = [(500, 700), (800, 730), (1250, 720)]
MASK_PATH = [(520, 690), (700, 600), (900, 650)]


def brush(**changes: object) -> Image2VideoRequest:
    fields: dict[str, object] = {
        "model_name": "kling-v1",
        "mode": "pro",
        "duration": 5,
        "image": PICTURE,
        "prompt": "a boat crosses the lake",
        "static_mask": sky_mask(W, H),
        "dynamic_masks": [
            DynamicMask(mask=boat_silhouette(W, H), trajectories=BOAT_PATH),
            DynamicMask(mask=boat_mask(W, H), trajectories=MASK_PATH),
        ],
    }
    return Image2VideoRequest(**(fields | changes))  # type: ignore[arg-type]


def tail() -> Image2VideoRequest:
    end = PICTURE.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    return Image2VideoRequest(model_name="kling-v1", image=PICTURE, image_tail=end, prompt="dusk")


def camera() -> Image2VideoRequest:
    move = CameraControl.simple(zoom=-6)
    return Image2VideoRequest(
        model_name="kling-v1-5", mode="pro", image=PICTURE, camera_control=move, prompt="closer"
    )


def multi_image() -> MultiImage2VideoRequest:
    pictures = [landscape(640, 360), landscape(480, 480), PICTURE.rotate(90, expand=True)]
    return MultiImage2VideoRequest(
        model_name="kling-v1-6", prompt="a lake at dusk", image_list=pictures, aspect_ratio="1:1"
    )


async def made(client: AsyncKlingClient, request, folder: Path) -> tuple[dict, Download]:
    """The payload as prepared and sent (but for its external id), and the saved result."""
    prepared = await client.prepare(request)
    task = await client.create(prepared)
    saved = await client.download(await client.wait(task), folder)
    return prepared.payload, saved


def without_external_id(payload: dict) -> dict:
    return {k: v for k, v in payload.items() if k != "external_task_id"}


@pytest.mark.parametrize("request_of", [brush, tail, camera, multi_image])
async def test_a_replay_prepares_the_very_payload_sent(kling, tmp_path, request_of):
    sent, saved = await made(kling, request_of(), tmp_path)
    again = replay(saved.sidecar, client=kling)
    assert without_external_id(again.payload) == without_external_id(sent)
    assert "external_task_id" not in again.payload  # a new task gets a new one
    assert (
        not again.differences
        and again.estimate == json.loads(saved.sidecar.read_text())["estimate"]
    )
    assert diff(saved, again) == () and "the same request" in repr(again)


def test_a_replay_to_another_model_shows_its_estimate_and_difference_then_runs(
    fast_emulator: Emulator, tmp_path
):
    connection = emulator_connection(fast_emulator)
    with KlingClient(connection=connection, retry=FAST_RETRY) as client:
        first = client.generate(brush(), tmp_path, motion_check=False)
        again = replay(first.sidecar, client=client, model="kling-v1-5")
        assert again.estimate == estimate_units("kling-v1-5", "pro", "5")
        assert [(d.field, d.a, d.b) for d in again.differences] == [
            ("model", "kling-v1", "kling-v1-5")
        ]
        shown = repr(again)
        assert shown.splitlines()[0] == (
            f"Replay on the local emulator: {again.estimate:g} units (estimate)"
        )
        assert (
            "kling-v1-5" in shown
            and ".run()" in shown
            and connection.provider.base_url not in shown
        )
        page = again._repr_html_()
        assert page.index("units") < page.index("kling-v1-5") and "<table>" in page
        tasks_before = len(fast_emulator.tasks)
        second = again.run(tmp_path)
    assert len(fast_emulator.tasks) == tasks_before + 1
    assert second.task.task_id != first.task.task_id
    changes = diff(first.sidecar, second.sidecar)
    assert changes.fields == ("model",) and "kling-v1-5" in repr(changes)
    record = read_result(second)
    assert record["model"] == "kling-v1-5" and record["replayable"] is True
    media = sorted(p.name for p in (tmp_path / "media").iterdir())
    assert len(media) == 4  # picture, static mask, two dynamic masks: shared by both sidecars


async def test_a_replay_to_a_model_without_the_brush_is_refused_before_sending(
    kling, fast_emulator, tmp_path
):
    _, saved = await made(kling, brush(), tmp_path)
    tasks = len(fast_emulator.tasks)
    with pytest.raises(ValidationError) as caught:
        replay(saved.sidecar, client=kling, model="kling-v2-1")
    (problem,) = caught.value.problems
    assert problem.field == "dynamic_masks" and "not offered by kling-v2-1" in problem.rule
    assert "kling-v1" in problem.rule  # where the brush is available
    assert len(fast_emulator.tasks) == tasks


async def test_diff_lists_exactly_the_fields_that_changed(kling, tmp_path):
    moved = [(x + 40, y) for x, y in MASK_PATH]
    _, a = await made(kling, brush(), tmp_path)
    _, b = await made(
        kling,
        brush(
            prompt="a boat drifts",
            static_mask=boat_mask(W, H) == 0,
            cfg_scale=0.7,
            dynamic_masks=[
                DynamicMask(mask=boat_silhouette(W, H), trajectories=BOAT_PATH),
                DynamicMask(mask=boat_mask(W, H), trajectories=moved),
            ],
        ),
        tmp_path,
    )
    changes = diff(a.sidecar, b)
    notes = {d.field: d.note for d in changes}
    assert set(notes) == {"prompt", "static_mask", "cfg_scale", "dynamic_masks[1].trajectories"}
    assert notes["static_mask"] == "changed" and notes["cfg_scale"] == "added"
    shift = round(40 * SENT)
    assert notes["dynamic_masks[1].trajectories"] == f"same shape, moved {shift} px right"
    table = repr(changes).splitlines()
    assert table[0] == "RequestDiff (4 differences)" and table[1].split() == ["field", "a", "b"]
    assert diff(read_result(a), a.sidecar) == ()
    assert repr(diff(a, a)) == "RequestDiff: the requests are the same"


async def test_a_callback_url_is_kept_without_its_query_and_left_out_with_a_note(kling, tmp_path):
    hook = "https://hooks.example.com/kling?token=s3cret"
    _, saved = await made(kling, tail().model_copy(update={"callback_url": hook}), tmp_path)
    assert "s3cret" not in saved.sidecar.read_text()
    again = replay(saved.sidecar, client=kling)
    assert "callback_url" not in again.payload
    assert any(note.startswith("callback_url left out") for note in again.notes)
    assert [(d.field, d.note) for d in again.differences] == [("callback_url", "removed")]
    chosen = replay(saved.sidecar, client=kling, callback_url="https://hooks.example.com/new")
    assert chosen.payload["callback_url"] == "https://hooks.example.com/new"
    assert not any("callback_url" in note for note in chosen.notes)


async def test_results_are_found_by_path_download_or_folder_and_task(kling, tmp_path):
    _, saved = await made(kling, tail(), tmp_path)
    record = json.loads(saved.sidecar.read_text())
    assert read_result(saved) == read_result(saved.sidecar) == record
    assert read_result(tmp_path, saved.task) == read_result(str(tmp_path), saved.task.task_id)
    with pytest.raises(InputError) as caught:
        read_result(tmp_path, "no-such-task")
    assert caught.value.field == "task" and caught.value.value == "no-such-task"
    rebuilt = request_of_record(record, tmp_path)
    assert isinstance(rebuilt, Image2VideoRequest) and rebuilt.prompt == "dusk"
    assert isinstance(rebuilt.image, bytes) and isinstance(rebuilt.image_tail, bytes)


async def test_a_record_without_its_media_is_not_replayed_and_says_why(kling, tmp_path):
    _, saved = await made(kling, brush(), tmp_path / "first")
    elsewhere = await kling.download(saved.task, tmp_path / "second")
    with pytest.raises(InputError) as caught:
        replay(elsewhere.sidecar, client=kling)
    assert caught.value.field == "request" and str(saved.sidecar) in str(caught.value.value)
    areas = request_of_record(read_result(saved), saved.sidecar.parent).dynamic_masks
    starts = [(round(x * SENT), round(y * SENT)) for x, y in (BOAT_PATH[0], MASK_PATH[0])]
    assert [area.trajectories[0] for area in areas] == starts  # top-left, in the picture sent


async def test_a_sweeps_cell_records_replay_and_differ_by_the_swept_field(kling, tmp_path):
    plan = plan_sweep(tail(), {"prompt": ["dusk", "dawn"]}, docs=kling.provider.docs)
    results = await Sweep(kling, plan, directory=tmp_path).run()
    records = [r.file.with_suffix(".json") for r in results]
    assert [read_result(p)["label"] for p in records] == [r.label for r in results]
    assert diff(*records).fields == ("prompt",)
    again = replay(records[1], client=kling)
    assert again.payload["prompt"] == "dawn" and not again.differences


def test_with_no_client_a_replay_goes_to_the_default_service(fast_emulator, tmp_path):
    with KlingClient(connection=emulator_connection(fast_emulator), retry=FAST_RETRY) as client:
        saved = client.generate(tail(), tmp_path, motion_check=False)
    again = replay(saved.sidecar)  # no credentials here: the embedded emulator
    assert again.provider_kind == "emulator" and again.provider == "the local emulator"
    assert not again.differences
