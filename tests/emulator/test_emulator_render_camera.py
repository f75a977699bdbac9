"""camera_control on screen, with Kling's signs (kling-api.md §9): the camera moving right slides
the content left, up slides it down, a clockwise roll turns it counter-clockwise, positive zoom
shrinks it; the presets combine these over time.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from PIL import Image

from kling_studio.emulator import Emulator
from kling_studio.emulator.camera import AXES
from kling_studio.emulator.scenes import image_scene
from kling_studio.emulator.validation import CameraControl

from .test_emulator_render import YELLOW, blob, encoded, png, probe, rendered, textured, with_square

CENTRE, RIGHT = (200, 150), (300, 150)
"""Where the red (centre) and yellow (right of centre) markers sit in the 400×300 picture."""


def marked() -> Image.Image:
    return with_square(with_square(textured(seed=21), CENTRE, 50), RIGHT, 30, YELLOW)


def simple(axis: str, value: float) -> CameraControl:
    return CameraControl("simple", {name: value if name == axis else 0.0 for name in AXES})


def markers(
    camera: CameraControl, tmp_path: Path, picks: tuple[int, ...] = (0, -1)
) -> list[tuple[tuple[float, float, float], tuple[float, float, float]]]:
    """(red blob, yellow blob) of the picks of a small clip with this camera."""
    scene = image_scene(
        marked(),
        None,
        camera_control=camera,
        short_side=240,
        fps=8,
        seconds=2,
    )
    video = probe(encoded(scene, tmp_path / "camera.mp4"), picks)
    return [(blob(frame), blob(frame, YELLOW)) for frame in video["shown"]]


async def test_camera_moving_right_slides_the_content_left(
    client: httpx.AsyncClient, emulator: Emulator
) -> None:
    config = dict.fromkeys(AXES, 0.0) | {"horizontal": 6.0}
    body = {
        "model_name": "kling-v1-5",
        "mode": "pro",
        "image": png(marked()),
        "camera_control": {"type": "simple", "config": config},
    }
    _, video = await rendered(client, emulator, "/v1/videos/image2video", body, (0, 75, -1))
    assert (video["size"], video["frames"]) == ((1440, 1080), 150)
    xs = [blob(frame)[0] for frame in video["shown"]]
    ys = [blob(frame)[1] for frame in video["shown"]]
    assert xs[0] == pytest.approx(720, abs=4), "it starts on the picture"
    assert xs[0] - xs[1] > 40 and xs[1] - xs[2] > 40, "sliding left all along"
    assert max(ys) - min(ys) < 4, "and not up or down"


@pytest.mark.parametrize(
    ("axis", "value", "dx", "dy"),
    [
        ("horizontal", 5, -1, 0),
        ("horizontal", -5, 1, 0),
        ("vertical", 5, 0, 1),
        ("vertical", -5, 0, -1),
        ("pan", 5, -1, 0),
        ("pan", -5, 1, 0),
        ("tilt", 5, 0, 1),
        ("tilt", -5, 0, -1),
    ],
)
def test_moves_and_turns_slide_the_content_the_documented_way(
    tmp_path: Path, axis: str, value: float, dx: int, dy: int
) -> None:
    (start, _), (end, _) = markers(simple(axis, value), tmp_path)
    moved = (end[0] - start[0], end[1] - start[1])
    for shift, sign in zip(moved, (dx, dy), strict=True):
        assert shift * sign > 15 if sign else abs(shift) < 3, moved


@pytest.mark.parametrize(("value", "up"), [(5, True), (-5, False)])
def test_clockwise_roll_turns_the_content_counter_clockwise(
    tmp_path: Path, value: float, up: bool
) -> None:
    (red_start, yellow_start), (red_end, yellow_end) = markers(simple("roll", value), tmp_path)
    assert red_end[:2] == pytest.approx(red_start[:2], abs=2), "rolling about the centre"
    rise = yellow_start[1] - yellow_end[1]
    assert (rise if up else -rise) > 10, "the marker right of the centre turns up (CCW) or down"


@pytest.mark.parametrize(("value", "grows"), [(5, False), (-5, True), (10, False)])
def test_positive_zoom_widens_the_view_and_shrinks_the_content(
    tmp_path: Path, value: float, grows: bool
) -> None:
    (start, _), (end, _) = markers(simple("zoom", value), tmp_path)
    ratio = end[2] / start[2]
    assert (ratio > 1.12) if grows else (ratio < 0.88), ratio
    assert end[:2] == pytest.approx(start[:2], abs=2), "zooming about the centre"


@pytest.mark.parametrize(
    ("preset", "dx", "dy", "grows"),
    [
        ("down_back", 0, -1, False),
        ("forward_up", 0, 1, True),
        ("right_turn_forward", -1, 0, True),
        ("left_turn_forward", 1, 0, True),
    ],
)
def test_presets_do_what_their_names_say(
    tmp_path: Path, preset: str, dx: int, dy: int, grows: bool
) -> None:
    (start, _), (turned, _), (end, _) = markers(CameraControl(preset, {}), tmp_path, (0, 6, -1))
    moved = (end[0] - start[0], end[1] - start[1])
    for shift, sign in zip(moved, (dx, dy), strict=True):
        assert shift * sign > 10 if sign else abs(shift) < 3, moved
    ratio = end[2] / start[2]
    assert (ratio > 1.1) if grows else (ratio < 0.9), ratio
    if preset.endswith("turn_forward"):
        assert turned[2] / start[2] < 1.06, "it turns first, then moves forward"
        assert (turned[0] - start[0]) * dx > 15
