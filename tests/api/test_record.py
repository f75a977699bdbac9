"""The sidecar records the whole request: every picture and mask as sent, in files beside it that
read back into the very payload; the route, model, timings and each video's hash; never a key.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from base64 import b64decode
from pathlib import Path

import pytest
from PIL import Image

from kling_studio import (
    AsyncKlingClient,
    DynamicMask,
    Image2VideoRequest,
    MultiImage2VideoRequest,
    Provider,
)
from kling_studio.api.capabilities import DOCUMENTED, estimate_units
from kling_studio.api.connection import Connection
from kling_studio.api.input_error import InputError
from kling_studio.api.prepare import PreparedRequest, prepare_request
from kling_studio.api.record import (
    MEDIA_FIELDS,
    media_slots,
    payload_of_record,
    record_of,
    renamed,
    store_media,
)
from kling_studio.api.retry import RetryPolicy
from kling_studio.embedded import emulator_connection
from kling_studio.emulator import Emulator, EmulatorConfig
from kling_studio.samples import boat_mask, boat_silhouette, landscape, sky_mask

W, H = 480, 320
PICTURE = landscape(W, H)
KLING = DOCUMENTED["kling"]
FAST_RETRY = RetryPolicy(base=0.5, max_delay=2.0, slot_max_delay=2.0)


def brushed() -> Image2VideoRequest:
    return Image2VideoRequest(
        model_name="kling-v1",
        image=PICTURE,
        prompt="a boat crosses the lake",
        static_mask=sky_mask(W, H),
        dynamic_masks=[
            DynamicMask(mask=boat_silhouette(W, H), trajectories=[(150, 250), (300, 260)]),
            DynamicMask(mask=boat_mask(W, H), trajectories=[(160, 240), (200, 200), (260, 230)]),
        ],
    )


def with_tail() -> Image2VideoRequest:
    tail = PICTURE.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    return Image2VideoRequest(model_name="kling-v1", image=PICTURE, image_tail=tail, prompt="dusk")


def multi_image() -> MultiImage2VideoRequest:
    pictures = [landscape(W, H), landscape(400, 400), landscape(320, 480)]
    return MultiImage2VideoRequest(model_name="kling-v1-6", prompt="a lake", image_list=pictures)


@pytest.fixture(scope="module")
def prepared() -> dict[str, PreparedRequest]:
    """A request of each kind of media, prepared as the client sends it."""
    makers = {"brush": brushed, "tail": with_tail, "multi": multi_image}
    return {name: prepare_request(make(), KLING) for name, make in makers.items()}


def recorded(prepared: PreparedRequest, folder: Path) -> dict:
    record, files = record_of(prepared.payload, prepared.summary)
    return renamed(record, store_media(files, folder))


def shape(field: str) -> tuple[str, ...]:
    """``dynamic_masks[1].mask`` → ``("dynamic_masks", "*", "mask")``, as ``MEDIA_FIELDS``."""
    parts: list[str] = []
    for part in field.split("."):
        name, _, index = part.partition("[")
        parts += [name, "*"] if index else [name]
    return tuple(parts)


def base64_places(tree: object, name: str = "") -> set[str]:
    """Every string in ``tree`` that decodes to a JPEG or PNG file, by field name."""
    if isinstance(tree, dict):
        return set().union(
            *(base64_places(v, f"{name}.{k}" if name else k) for k, v in tree.items())
        )
    if isinstance(tree, list):
        return set().union(*(base64_places(v, f"{name}[{i}]") for i, v in enumerate(tree)))
    if isinstance(tree, str) and len(tree) > 100:
        head = b64decode(tree[:16])
        if head.startswith((b"\xff\xd8", b"\x89PNG")):
            return {name}
    return set()


def test_every_media_field_of_both_routes_round_trips_through_its_file(prepared, tmp_path):
    covered: set[tuple[str, ...]] = set()
    for one in prepared.values():
        record = recorded(one, tmp_path)
        assert payload_of_record(record, tmp_path) == one.payload
        for field, holder, key in media_slots(record):
            covered.add(shape(field))
            described = holder[key]
            data = (tmp_path / described["file"]).read_bytes()
            assert described["sha256"] == hashlib.sha256(data).hexdigest()
            assert described["file"] == f"media/{described['sha256']}.{described['file'][-3:]}"
            assert described["bytes"] == len(data)
        # nothing the payload carries as base64 escapes the table
        assert base64_places(one.payload) == {f for f, _, _ in media_slots(record)}
        assert "base64" not in json.dumps(record) and len(json.dumps(record)) < 5000
    assert covered == set(MEDIA_FIELDS)


def test_sidecars_in_one_folder_share_each_medium(prepared, tmp_path):
    first = recorded(prepared["brush"], tmp_path)
    second = recorded(prepared["tail"], tmp_path)  # the same start picture
    assert first["image"]["file"] == second["image"]["file"]
    files = {holder[key]["file"] for r in (first, second) for _, holder, key in media_slots(r)}
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.glob("media/*")) == sorted(
        files
    )


def test_a_changed_or_missing_media_file_is_refused_naming_the_field_and_the_file(
    prepared, tmp_path
):
    record = recorded(prepared["brush"], tmp_path)
    file = record["dynamic_masks"][1]["mask"]["file"]
    mask = tmp_path / file
    mask.write_bytes(mask.read_bytes() + b"\0")
    with pytest.raises(InputError) as changed:
        payload_of_record(record, tmp_path)
    assert changed.value.field == "dynamic_masks[1].mask"
    assert "sha256" in changed.value.rule and file in str(changed.value)
    mask.unlink()
    with pytest.raises(InputError) as missing:
        payload_of_record(record, tmp_path)
    assert missing.value.field == "dynamic_masks[1].mask"
    assert "beside the sidecar" in missing.value.rule and file in str(missing.value)


def test_a_file_outside_the_folder_is_refused(prepared, tmp_path):
    record = recorded(prepared["tail"], tmp_path / "here")
    record["image_tail"]["file"] = "../elsewhere.jpg"
    (tmp_path / "elsewhere.jpg").write_bytes(b"x")
    with pytest.raises(InputError) as caught:
        payload_of_record(record, tmp_path / "here")
    assert caught.value.field == "image_tail" and "folder" in caught.value.rule


def test_a_same_named_file_with_other_bytes_is_never_overwritten(prepared, tmp_path):
    payload, summary = prepared["multi"].payload, prepared["multi"].summary
    _, files = record_of(payload, summary)
    taken = next(iter(files))
    (tmp_path / taken).parent.mkdir(parents=True)
    (tmp_path / taken).write_bytes(b"someone else's picture")
    record = recorded(prepared["multi"], tmp_path)
    used = record["image_list"][0]["image"]["file"]
    assert used != taken and used == taken.replace(".", "-2.", 1)
    assert (tmp_path / taken).read_bytes() == b"someone else's picture"
    assert payload_of_record(record, tmp_path) == payload
    again = recorded(prepared["multi"], tmp_path)  # the variant is reused, not a third copy
    assert again["image_list"][0]["image"]["file"] == used
    assert len(list((tmp_path / "media").iterdir())) == len(files) + 1


async def test_the_sidecar_records_the_route_model_timings_and_each_video(counted, tmp_path):
    async with counted(provider="cometapi") as (client, transport):
        saved = await client.generate(with_tail(), tmp_path, motion_check=False)
    sidecar = json.loads(saved.sidecar.read_text())
    (post,) = transport.posts()
    assert sidecar["version"] == 2 and sidecar["replayable"] is True
    assert sidecar["route"] == post.url.path == "/kling/v1/videos/image2video"
    assert sidecar["provider_kind"] == "emulator" and sidecar["emulated"] is True
    assert (sidecar["model"], sidecar["mode"], sidecar["duration"]) == ("kling-v1", "std", "5")
    assert sidecar["estimate"] == estimate_units("kling-v1", "std", "5")
    timings = sidecar["timings"]
    assert timings["submitted"] <= timings["created"] <= timings["finished"]
    assert timings["finished"] <= timings["downloaded"]
    assert timings["queued_seconds"] >= 0 and timings["processing_seconds"] > 0
    (video,) = sidecar["videos"]
    data = (tmp_path / video["file"]).read_bytes()
    assert video["sha256"] == hashlib.sha256(data).hexdigest() and video["bytes"] == len(data)
    sent = json.loads(post.content)
    assert payload_of_record(sidecar["request"], tmp_path) == sent
    # today's readers' keys are all still there
    assert {"task_id", "external_task_id", "kind", "status", "units", "provider"} <= set(sidecar)
    assert sidecar["request"]["external_task_id"] == sent["external_task_id"]


async def test_only_the_first_download_keeps_the_media_and_the_journal_keeps_none(kling, tmp_path):
    first = await kling.generate(brushed(), tmp_path / "first", motion_check=False)
    second = await kling.download(first.task, tmp_path / "second")
    record = json.loads(second.sidecar.read_text())
    assert record["replayable"] is False and str(first.sidecar) in record["why"]
    assert "file" not in record["request"]["image"]
    assert record["route"] == "/v1/videos/image2video" and record["model"] == "kling-v1"
    assert not (tmp_path / "second" / "media").exists()
    (entry,) = kling.journal.entries()
    assert "file" not in json.dumps(entry.summary) and len(json.dumps(entry.summary)) < 3000


async def test_a_task_resumed_from_the_journal_is_recorded_but_not_replayable(
    fast_emulator, tmp_path
):
    async with AsyncKlingClient(connection=emulator_connection(fast_emulator)) as first:
        task = await first.create(with_tail(), directory=tmp_path)
    async with AsyncKlingClient(connection=emulator_connection(fast_emulator)) as later:
        (resumed,) = await later.resume()
    assert resumed.download is not None and resumed.download.task.task_id == task.task_id
    record = json.loads(resumed.download.sidecar.read_text())
    assert record["replayable"] is False and "journal" in record["why"]
    assert record["request"]["prompt"] == "dusk" and record["estimate"] is not None


@pytest.mark.parametrize("scheme", ["bearer", "jwt"])
async def test_no_credential_reaches_the_sidecar_or_its_media(scheme, tmp_path):
    key = f"sk-{secrets.token_hex(24)}"
    access, secret = f"AK{secrets.token_hex(10)}", secrets.token_hex(24)
    config = EmulatorConfig(
        speed=100,
        queue_seconds=1,
        processing_seconds=5,
        api_keys=(key,),
        access_keys={access: secret},
    )
    with Emulator(config) as emulator:
        base = emulator_connection(emulator)
        provider = (
            Provider.kling(api_key=key, base_url=emulator.base_url)
            if scheme == "bearer"
            else Provider.kling(access_key=access, secret_key=secret, base_url=emulator.base_url)
        )
        connection = Connection(provider, base.transport, base.clock, emulated=True)
        async with AsyncKlingClient(connection=connection, retry=FAST_RETRY) as client:
            saved = await client.generate(brushed(), tmp_path, motion_check=False)
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert saved.sidecar in written and any(p.parent.name == "media" for p in written)
    for path in written:
        data = path.read_bytes()
        for leak in (key, access, secret, "Bearer", "Authorization", "eyJhbGci", "eyJ0eXAi"):
            assert leak.encode() not in data, (leak[:6], path.name)
