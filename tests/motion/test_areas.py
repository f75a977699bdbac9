"""A dynamic area's path measured from a real result: the emulator renders the quickstart's boat
moving along a path; measured from the video, the boat's path matches the one asked for, and
scores low against a path it did not take (reversed, or rotated)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from kling_studio import AsyncKlingClient, DynamicMask, Image2VideoRequest
from kling_studio.api.input_error import InputError
from kling_studio.embedded import emulator_connection
from kling_studio.emulator import Emulator, EmulatorConfig
from kling_studio.motion.areas import deepest_point, measure_area
from kling_studio.paths.clip import grey_frames
from kling_studio.samples import boat_silhouette, landscape

W, H = 1280, 720
PATH = [(384.0, 560.0), (640.0, 600.0), (1000.0, 580.0)]


@pytest.fixture(scope="module")
def boat_video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The quickstart's boat sailing along ``PATH`` (kling-v1 std, 5 s), rendered once."""
    import asyncio

    folder = tmp_path_factory.mktemp("boat")

    async def render() -> Path:
        emulator = Emulator(EmulatorConfig(speed=200, state_dir=None))
        request = Image2VideoRequest(
            model_name="kling-v1",
            image=landscape(W, H),
            prompt="a boat sails across the lake",
            dynamic_masks=[DynamicMask(mask=boat_silhouette(W, H), trajectories=PATH)],
        )
        async with AsyncKlingClient(connection=emulator_connection(emulator)) as client:
            saved = await client.generate(request, folder)
        return saved.videos[0]

    return asyncio.run(render())


def test_the_boat_went_where_it_was_asked(boat_video: Path):
    motion = measure_area(grey_frames(boat_video), boat_silhouette(W, H), PATH, picture_size=(W, H))
    assert motion.lost_at is None
    assert motion.score.distance < 0.01, "within 1 % of the diagonal on average"
    assert motion.score.direction > 0.99
    assert motion.score.progress > 0.95
    assert motion.score.score >= 90


def test_a_path_it_did_not_take_scores_low(boat_video: Path):
    frames = list(grey_frames(boat_video))
    reversed_path = measure_area(
        iter(frames), boat_silhouette(W, H), PATH[::-1], picture_size=(W, H)
    )
    assert reversed_path.score.direction < -0.9
    assert reversed_path.score.score < 40
    upward = [PATH[0], (PATH[0][0] + 40, PATH[0][1] - 400)]
    turned = measure_area(iter(frames), boat_silhouette(W, H), upward, picture_size=(W, H))
    assert abs(turned.score.direction) < 0.3
    assert turned.score.score < 60


def test_the_area_is_followed_from_deep_inside_it():
    mask = np.zeros((100, 200), bool)
    mask[20:80, 30:90] = True  # a 60 px square: its deepest point is its middle
    mask[45:55, 90:190] = True  # and a thin arm, never the deepest
    x, y = deepest_point(mask)
    assert abs(x - 59.5) <= 1 and abs(y - 49.5) <= 1


def test_an_empty_area_cannot_be_followed():
    with pytest.raises(InputError) as refused:
        deepest_point(np.zeros((10, 10), bool))
    assert refused.value.field == "mask"
