"""The kernel↔browser contract: every synced trait and every message keeps to the one definition
in ``widgets/contract.py`` (from which the front end's types are generated), and the items that
used to drift between the three hand-written copies now agree."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, get_args

import anywidget
import numpy as np
import pytest
from PIL import Image
from pydantic import TypeAdapter

from kling_studio import AsyncKlingClient, Compare, Studio
from kling_studio.api.capabilities import MODELS, MULTI_IMAGE
from kling_studio.api.masks import MASK_THRESHOLD
from kling_studio.api.models import CameraControl, MultiImage2VideoRequest, Voice
from kling_studio.api.rules import check_request
from kling_studio.compare import results
from kling_studio.embedded import emulator_connection
from kling_studio.emulator import Emulator, EmulatorConfig
from kling_studio.samples import boat_mask, landscape
from kling_studio.widgets import compare as compare_widget
from kling_studio.widgets import contract
from kling_studio.widgets import studio as studio_widget
from kling_studio.widgets.state import request_from_state

ROOT = Path(__file__).parents[2]
W, H = 640, 360


def jpeg() -> bytes:
    buffer = io.BytesIO()
    landscape(W, H).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def paint_boat(studio: Studio) -> None:
    """A dynamic area brushed and given a path, as the front end sends them."""
    rgba = np.zeros((H, W, 4), dtype=np.uint8)
    rgba[boat_mask(W, H)] = (232, 69, 60, 255)
    buffer = io.BytesIO()
    Image.fromarray(rgba, "RGBA").save(buffer, "PNG")
    studio._on_message(studio, {"type": "mask", "area": "dynamic-1"}, [buffer.getvalue()])
    studio.areas = [
        {**a, "painted": True, "path": [[190, 270], [400, 300]]} if a["id"] == "dynamic-1" else a
        for a in studio.areas
    ]


def keeps_to(kind: Any, value: Any) -> None:
    """Raises (naming the key) unless ``value`` is exactly what the contract says."""
    TypeAdapter(kind).validate_python(value)


def synced(widget: anywidget.AnyWidget, kind: type) -> dict[str, Any]:
    return {name: getattr(widget, name) for name in kind.__annotations__}


class Recorder:
    """Stands in for the comm: every message the kernel sends to the browser."""

    def __init__(self) -> None:
        self.messages: list[tuple[dict[str, Any], list[bytes]]] = []

    def __call__(self, content: dict[str, Any], buffers: list[bytes] | None = None) -> None:
        self.messages.append((content, list(buffers or [])))

    def slots(self) -> list[str]:
        return [content.get("slot", "") for content, _ in self.messages]


@pytest.fixture
def sweep_emulator():
    config = EmulatorConfig(speed=100, queue_seconds=1, processing_seconds=10, seed=3)
    with Emulator(config) as emulator:
        yield emulator


@pytest.mark.parametrize(
    ("widget", "traits"),
    [(Studio, contract.StudioTraits), (Compare, contract.CompareTraits)],
)
def test_every_synced_trait_is_in_the_contract(widget, traits):
    own = set(widget.class_trait_names(sync=True)) - set(
        anywidget.AnyWidget.class_trait_names(sync=True)
    )
    assert own == set(traits.__annotations__)


@pytest.mark.parametrize(
    ("handlers", "commands", "union", "replies"),
    [
        (
            studio_widget.MESSAGE_HANDLERS,
            studio_widget.COMMANDS,
            contract.StudioToKernel,
            contract.StudioReplies,
        ),
        (
            compare_widget.MESSAGE_HANDLERS,
            compare_widget.COMMANDS,
            contract.CompareToKernel,
            contract.CompareReplies,
        ),
    ],
)
def test_every_browser_message_has_one_handler_or_command_and_nothing_else_does(
    handlers, commands, union, replies
):
    assert set(handlers) | set(commands) == contract.message_types(union)
    assert not set(handlers) & set(commands)
    assert set(commands) == set(replies.__annotations__)  # each request's reply is defined


def test_a_studio_keeps_to_the_contract_through_a_run(fast_emulator, tmp_path):
    client = AsyncKlingClient(connection=emulator_connection(fast_emulator))
    studio = Studio(image=jpeg(), client=client, output_dir=tmp_path, prompt="a boat")
    sent = Recorder()
    studio.send = sent
    keeps_to(contract.StudioTraits, synced(studio, contract.StudioTraits))
    paint_boat(studio)
    studio.generate_sync()
    keeps_to(contract.StudioTraits, synced(studio, contract.StudioTraits))
    assert studio.history and studio.status["phase"] == "succeed"
    studio.params = {**studio.params, "prompt": "a boat " * 500}
    with pytest.raises(ValueError, match="prompt"):
        studio.generate_sync()
    keeps_to(contract.StudioTraits, synced(studio, contract.StudioTraits))
    assert studio.status["problems"]
    for content, _ in sent.messages:
        keeps_to(contract.ToBrowser, content)
    kinds = {content.get("slot", content["type"]) for content, _ in sent.messages}
    assert {"video", "beat"} <= kinds
    studio.close()


def test_the_studio_takes_and_keeps_the_requests_own_field_names(fast_emulator, tmp_path):
    client = AsyncKlingClient(connection=emulator_connection(fast_emulator))
    studio = Studio(
        image=jpeg(),
        client=client,
        output_dir=tmp_path,
        model_name="kling-v1-5",
        mode="pro",
        camera_control=CameraControl.simple(zoom=5),
        voice_list=[Voice(voice_id="v-1")],
        watermark_info={"enabled": True},
        sound="on",
    )
    keeps_to(contract.Params, studio.params)
    assert studio.params["camera_control"]["config"]["zoom"] == 5
    names = set(studio_widget.PARAM_NAMES) | {"generate", "image_tail", "motion_brush"}
    assert set(studio.controls) <= names  # controls are named by the fields they set
    request = request_from_state(studio.snapshot())
    assert request.camera_control == CameraControl.simple(zoom=5)
    assert request.voice_list == [Voice(voice_id="v-1")]
    assert request.watermark_info is not None and request.watermark_info.enabled
    assert request.sound == "on"
    with pytest.raises(TypeError, match="camera_control"):
        Studio(image=jpeg(), client=client, camera={"type": "simple"})
    studio.close()


def test_compare_keeps_to_the_contract_and_sends_each_cells_frame_rate(sweep_emulator, tmp_path):
    client = AsyncKlingClient(connection=emulator_connection(sweep_emulator))
    compare = Compare(
        landscape(480, 320),
        prompt="waves",
        fixed={"duration": "5", "mode": "pro"},
        vary={"model_name": ["kling-v1-6", "kling-v2-1"]},
        client=client,
        output_dir=tmp_path,
    )
    sent = Recorder()
    compare.send = sent
    seen: list[dict[str, Any]] = []
    compare.observe(lambda change: seen.extend(change["new"]), names=["cells"])
    keeps_to(contract.CompareTraits, synced(compare, contract.CompareTraits))
    fps = {cell["differs"]["model_name"]: cell["fps"] for cell in compare.cells}
    assert fps == {name: MODELS[name].fps for name in ("kling-v1-6", "kling-v2-1")}
    assert fps == {"kling-v1-6": 30, "kling-v2-1": 24}

    compare.run_sync()
    keeps_to(contract.CompareTraits, synced(compare, contract.CompareTraits))
    for cell in seen:  # every update the grid was sent, "saving" included
        keeps_to(contract.Cell, cell)
    for content, _ in sent.messages:
        keeps_to(contract.ToBrowser, content)
    compare.close()


def test_the_contact_sheet_is_sent_to_the_view_and_a_refusal_is_said(
    sweep_emulator, tmp_path, front_end
):
    client = AsyncKlingClient(connection=emulator_connection(sweep_emulator))
    compare = Compare(
        landscape(480, 320),
        prompt="waves",
        vary={"cfg_scale": [0.3, 0.8]},
        client=client,
        output_dir=tmp_path,
    )
    browser = front_end(compare)
    refused = browser.asked({"type": "contact-sheet"})
    assert refused["error"] == {
        "field": "contact sheet",
        "rule": "needs a cell that succeeded with a saved video",
        "value": "0 of 2 cells have one",
        "text": "contact sheet: needs a cell that succeeded with a saved video "
        "(got 0 of 2 cells have one)",
    }
    assert "contact_sheet" not in compare.summary
    assert [c.get("kind") for c, _ in browser.received] == ["anywidget-command-response"]

    compare.run_sync()
    saved = browser.asked({"type": "contact-sheet"})
    path = compare.summary["contact_sheet"]
    assert saved == {"ok": True, "path": path}
    sheet = [(c, b) for c, b in browser.received if c.get("slot") == "contact-sheet"]
    assert len(sheet) == 1
    content, buffers = sheet[0]
    keeps_to(contract.Media, content)
    assert content["path"] == path
    assert buffers[0] == Path(path).read_bytes()
    assert buffers[0].startswith(b"\x89PNG")
    keeps_to(contract.Summary, compare.summary)

    browser.say({"type": "hello"})  # a new view shows it too
    assert browser.slots().count("contact-sheet") == 2
    compare.close()


def test_cell_statuses_are_the_schedulers_as_the_grid_shows_them():
    shown = set(get_args(contract.CellStatus))
    assert shown == set(get_args(results.CellStatus)) - {"saving"}
    assert "error" not in shown


def test_the_multi_image_minimum_is_one_value(fast_emulator, tmp_path):
    client = AsyncKlingClient(connection=emulator_connection(fast_emulator))
    studio = Studio(client=client, output_dir=tmp_path)
    assert studio.catalogue["min_multi_images"] == MULTI_IMAGE.min_images
    assert studio.catalogue["max_multi_images"] == MULTI_IMAGE.max_images
    least = [jpeg()] * MULTI_IMAGE.min_images
    fewer = least[:-1]
    docs = client.provider.docs
    ok = MultiImage2VideoRequest(image_list=least, prompt="a boat")
    assert not [p for p in check_request(ok, docs) if p.field == "image_list"]
    refused = MultiImage2VideoRequest(image_list=fewer, prompt="a boat")
    assert [p for p in check_request(refused, docs) if p.field == "image_list"]
    studio.close()


def test_the_catalogue_carries_every_limit_the_front_end_uses(fast_emulator, tmp_path):
    client = AsyncKlingClient(connection=emulator_connection(fast_emulator))
    studio = Studio(client=client, output_dir=tmp_path)
    keeps_to(contract.Catalogue, studio.catalogue)
    dynamic = [area for area in studio.areas if area["kind"] == "dynamic"]
    assert len(dynamic) == studio.catalogue["max_dynamic_masks"]
    assert studio.catalogue["mask_threshold"] == MASK_THRESHOLD  # the painter counts paint so
    for model in studio.catalogue["models"]:
        spec = MODELS[model["name"]]
        assert (model["fps"], model["modes"], model["durations"]) == (
            spec.fps,
            list(spec.modes),
            list(spec.durations),
        )
    studio.close()


def test_the_generated_typescript_is_current():
    """``npm run contract:check``: the committed js/src/generated/contract.ts matches this side."""
    node = shutil.which("node")
    js = ROOT / "js"
    if node is None or not (js / "node_modules" / "json-schema-to-typescript").is_dir():
        pytest.skip("needs node and js/node_modules (make build installs them)")
    check = subprocess.run(
        [node, "contract.mjs", "--check"],
        cwd=js,
        capture_output=True,
        text=True,
        env={**os.environ, "KLING_STUDIO_PYTHON": sys.executable},
        check=False,
    )
    assert check.returncode == 0, check.stderr
