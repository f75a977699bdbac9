"""The motion check end to end: a result generated on the emulator carries its report in
``Download.motion`` and in the sidecar; an intent the video did not follow is caught and named;
a request asking for no motion gets no check; a video that cannot be read gives a failed report.
"""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path

import numpy as np
import pytest

from kling_studio import AsyncKlingClient, DynamicMask, Image2VideoRequest
from kling_studio.api.download import Download
from kling_studio.embedded import emulator_connection
from kling_studio.emulator import Emulator, EmulatorConfig
from kling_studio.motion.check import check_motion
from kling_studio.motion.intent import intent_of_paint, intent_of_payload
from kling_studio.motion.video import PictureInFrame
from kling_studio.samples import boat_silhouette, landscape

W, H = 1280, 720
PATH = [(384.0, 560.0), (640.0, 600.0), (1000.0, 580.0)]


def boat_request(**changes: object) -> Image2VideoRequest:
    fields: dict[str, object] = {
        "model_name": "kling-v1",
        "image": landscape(W, H),
        "prompt": "a boat sails across the lake",
        "dynamic_masks": [DynamicMask(mask=boat_silhouette(W, H), trajectories=PATH)],
    }
    return Image2VideoRequest(**(fields | changes))  # type: ignore[arg-type]


def generated(
    request: Image2VideoRequest,
    folder: Path,
    *,
    disobey: dict[str, object] | None = None,
    **options: object,
) -> Download:
    """``request`` generated on a fresh emulator, told to ``disobey`` (a render fault's
    settings) if given."""

    async def run() -> Download:
        emulator = Emulator(EmulatorConfig(speed=200, state_dir=None))
        if disobey is not None:
            emulator.faults.add(**disobey)  # type: ignore[arg-type]
        async with AsyncKlingClient(connection=emulator_connection(emulator)) as client:
            return await client.generate(request, folder, **options)  # type: ignore[arg-type]

    return asyncio.run(run())


@pytest.fixture(scope="module")
def boat(tmp_path_factory: pytest.TempPathFactory) -> Download:
    """The quickstart's boat along ``PATH``, generated once with its motion check."""
    return generated(boat_request(), tmp_path_factory.mktemp("boat"))


def test_a_result_carries_its_motion_check_in_python_and_in_the_sidecar(boat: Download):
    report = boat.motion
    assert report is not None and report["state"] == "done"
    assert report["verdict"] == "followed the brush"
    assert report["score"] is not None and report["score"] >= 85
    (area,) = report["areas"]
    assert area["name"] == "dynamic 1" and area["problem"] == ""
    assert area["requested"] == [list(p) for p in PATH]
    assert len(area["measured"]) == len(area["times"]) == 150  # 5 s at 30 fps, every frame
    assert area["times"][-1] == pytest.approx(149 / 30, abs=0.01)
    assert report["picture"] == [W, H]
    assert json.loads(boat.sidecar.read_text())["motion"] == report


def test_a_path_the_video_did_not_follow_is_caught_and_named(boat: Download):
    backwards = intent_of_paint(
        picture_size=(W, H), static=None, dynamic=[("dynamic 1", boat_silhouette(W, H), PATH[::-1])]
    )
    report = check_motion(boat.video, backwards)
    assert report["score"] is not None and report["score"] < 30
    assert report["areas"][0]["problem"] == "went the other way"
    assert report["verdict"] == "dynamic 1 went the other way"
    short = [PATH[0], (PATH[0][0] + 3 * (PATH[-1][0] - PATH[0][0]), PATH[0][1])]
    too_far = intent_of_paint(
        picture_size=(W, H), static=None, dynamic=[("dynamic 1", boat_silhouette(W, H), short)]
    )
    assert check_motion(boat.video, too_far)["areas"][0]["problem"].startswith("stopped ")


def test_no_motion_asked_means_no_check(tmp_path: Path):
    plain = generated(boat_request(dynamic_masks=[]), tmp_path / "plain")
    assert plain.motion is None
    assert "motion" not in json.loads(plain.sidecar.read_text())
    unchecked = generated(boat_request(), tmp_path / "unchecked", motion_check=False)
    assert unchecked.motion is None


def test_a_video_that_cannot_be_read_gives_a_failed_report(tmp_path: Path):
    broken = tmp_path / "broken.mp4"
    broken.write_bytes(b"not a video")
    intent = intent_of_paint(
        picture_size=(W, H), static=None, dynamic=[("dynamic 1", boat_silhouette(W, H), PATH)]
    )
    report = check_motion(broken, intent)
    assert report["state"] == "failed" and report["score"] is None
    assert "broken.mp4" in report["error"]


def test_the_intent_is_read_back_from_the_payload_as_sent():
    from kling_studio.api.capabilities import DOCUMENTED
    from kling_studio.api.prepare import prepare_request

    static = np.zeros((H, W), bool)
    static[:100] = True
    request = boat_request(static_mask=static)
    payload = prepare_request(request, DOCUMENTED["kling"]).payload
    intent = intent_of_payload(payload)
    assert intent.picture_size == (W, H)
    assert (intent.static == static).all()
    (area,) = intent.areas
    assert (area.mask == boat_silhouette(W, H)).all()
    assert area.path.tolist() == [list(p) for p in PATH]


@pytest.mark.parametrize("frame", [(640, 360), (640, 480), (480, 640)])
def test_the_picture_maps_into_the_frame_by_a_centre_crop_and_back(frame):
    fit = PictureInFrame((W, H), frame)
    points = np.array([[0.0, 0.0], [W - 1.0, H - 1.0], [W / 2 - 0.5, H / 2 - 0.5]])
    assert np.allclose(fit.to_picture(fit.to_frame(points)), points)
    assert np.allclose(fit.to_frame(points[2:]), [[frame[0] / 2 - 0.5, frame[1] / 2 - 0.5]])
    mask = np.zeros((H, W), bool)
    mask[300:420, 560:720] = True  # a box at the middle keeps its middle in every frame
    framed = fit.mask_to_frame(mask)
    ys, xs = np.nonzero(framed)
    assert abs(xs.mean() - (frame[0] - 1) / 2) <= 1 and abs(ys.mean() - (frame[1] - 1) / 2) <= 1
    assert framed.sum() == pytest.approx(mask.sum() * fit.scale**2, rel=0.05)


@pytest.mark.parametrize(
    ("disobey", "problem", "figure"),
    [
        ({"kind": "reverse_path"}, r"went the other way", None),
        ({"kind": "rotate_path", "angle": 60}, r"went another way \((\d+)° off\)", (60, 15)),
        ({"kind": "shorten_path", "share": 0.4}, r"stopped (\d+)% of the way along", (40, 5)),
    ],
)
def test_a_render_that_disobeys_the_path_is_caught_and_named(tmp_path, disobey, problem, figure):
    """The problem names what went wrong, with its figure near the one the render was told."""
    saved = generated(boat_request(), tmp_path, disobey=disobey)
    report = saved.motion
    assert report is not None and report["score"] is not None
    assert report["score"] < 70, report
    said = re.fullmatch(problem, report["areas"][0]["problem"])
    assert said is not None, report["areas"][0]["problem"]
    if figure is not None:
        assert abs(int(said.group(1)) - figure[0]) <= figure[1]
    assert report["verdict"] == f"dynamic 1 {said.group(0)}"


def test_a_camera_move_is_checked_and_a_reversed_one_caught(tmp_path):
    from kling_studio.api.models import CameraControl

    request = boat_request(
        model_name="kling-v1-5",
        mode="pro",
        dynamic_masks=[],
        camera_control=CameraControl.simple(zoom=-5),
    )
    obeyed = generated(request, tmp_path / "obeyed")
    assert obeyed.motion is not None
    camera = obeyed.motion["camera"]
    assert camera is not None and camera["asked"] == "zoom in" and camera["seen"] == "zoom in"
    assert camera["score"] >= 80 and obeyed.motion["verdict"] == "followed the camera move"
    assert obeyed.motion["intent"] == "the camera move"
    reversed_ = generated(request, tmp_path / "reversed", disobey={"kind": "camera_reversed"})
    assert reversed_.motion is not None and reversed_.motion["score"] is not None
    assert reversed_.motion["score"] < 50
    assert reversed_.motion["verdict"] == "the camera zoomed out, not in"


def test_a_static_area_that_leaks_is_caught(tmp_path):
    static = np.zeros((H, W), bool)
    static[40:300, 60:500] = True  # the hills on the left: detailed, clear of the boat
    request = boat_request(static_mask=static)
    held = generated(request, tmp_path / "held")
    assert held.motion is not None and held.motion["static"] is not None
    assert held.motion["static"]["score"] >= 80 and held.motion["static"]["problem"] == ""
    leaked = generated(request, tmp_path / "leaked", disobey={"kind": "static_leak"})
    assert leaked.motion is not None and leaked.motion["static"] is not None
    assert leaked.motion["static"]["score"] < 50
    assert leaked.motion["static"]["problem"].startswith("the static area moved")
    assert "the static area moved" in leaked.motion["verdict"]
