"""A motion-brush request from Python to frames on screen: the coordinate conventions end to end.

Points go in as image pixels with the origin top-left; the client flips them once for the wire;
the emulator flips them back once to move the painted area. A path that goes DOWN the picture
must move the area down on screen — a single missing or doubled flip would send it up.
"""

from __future__ import annotations

import av
import numpy as np
import pytest

from kling_studio import AsyncKlingClient, DynamicMask, Image2VideoRequest
from kling_studio.embedded import emulator_connection
from kling_studio.motion.areas import UNFOLLOWED

W, H = 640, 480
SQUARE = (200, 100, 260, 160)  # left, top, right, bottom


def scene() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(4)
    picture = rng.integers(60, 140, (H, W, 3), dtype=np.uint8)
    picture[..., 0] //= 2  # a bluish texture: nothing else is red
    left, top, right, bottom = SQUARE
    picture[top:bottom, left:right] = (230, 30, 30)
    mask = np.zeros((H, W), dtype=bool)
    mask[top:bottom, left:right] = True
    return picture, mask


def red_centroid(frame: np.ndarray) -> tuple[float, float]:
    red = (frame[..., 0] > 170) & (frame[..., 1] < 90) & (frame[..., 2] < 90)
    ys, xs = np.nonzero(red)
    assert len(xs) > 100, "the red square should be visible"
    return float(xs.mean()), float(ys.mean())


def first_and_last(path) -> tuple[np.ndarray, np.ndarray]:
    with av.open(str(path)) as container:
        frames = container.decode(video=0)
        first = last = next(frames).to_ndarray(format="rgb24")
        for frame in frames:
            last = frame.to_ndarray(format="rgb24")
    return first, last


@pytest.mark.parametrize(("dx", "dy"), [(0, 200), (250, 0), (150, -80)])
async def test_a_painted_area_moves_the_way_its_top_left_path_goes(fast_emulator, tmp_path, dx, dy):
    picture, mask = scene()
    start = (230, 130)
    request = Image2VideoRequest(
        image=picture,
        model_name="kling-v1",
        mode="std",
        duration="5",
        dynamic_masks=[
            DynamicMask(mask=mask, trajectories=[start, (start[0] + dx, start[1] + dy)])
        ],
    )
    async with AsyncKlingClient(connection=emulator_connection(fast_emulator)) as client:
        result = await client.generate(request, tmp_path)
    first, last = first_and_last(result.video)
    (x0, y0), (x1, y1) = red_centroid(first), red_centroid(last)
    scale = first.shape[1] / W  # the video is at the mode's resolution
    assert (x1 - x0) / scale == pytest.approx(dx, abs=25)
    assert (y1 - y0) / scale == pytest.approx(dy, abs=25)  # positive dy: down on screen
    # One flat red: nothing for the motion check to follow, which it says rather than guess.
    assert result.motion is not None and result.motion["score"] is None
    assert result.motion["verdict"] == f"dynamic 1 {UNFOLLOWED}"
