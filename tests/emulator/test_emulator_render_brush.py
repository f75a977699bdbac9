"""The motion brush on screen: static areas hold still, dynamic areas travel their trajectories
(wire coordinates have the origin at the bottom-left), the places they leave are filled.
"""

from __future__ import annotations

import itertools
from typing import Any

import httpx
import numpy as np
import pytest

from kling_studio.brushwork import along
from kling_studio.emulator import Emulator
from kling_studio.emulator.brush import screen_points

from .test_emulator_render import (
    YELLOW,
    blob,
    mad,
    png,
    rendered,
    square_mask,
    textured,
    with_square,
)

SCALE = 2.4
"""kling-v1 std renders a 400×300 picture at 960×720."""
HEIGHT = 300


def wire(x: float, y: float) -> dict[str, int]:
    """A trajectory point for the top-left pixel (x, y) of the 400×300 test picture."""
    return {"x": round(x), "y": round(HEIGHT - 1 - y)}


def test_trajectory_points_flip_to_top_left_and_are_reached_at_equal_steps_of_time() -> None:
    points = screen_points([(10, 0), (10, 299), (110, 299)], HEIGHT)
    assert points.tolist() == [[10, 299], [10, 0], [110, 0]]
    halfway, three_quarters = along(points, np.array([0.5, 0.75]))
    # The long first leg takes as long as the short second one: spacing is timing.
    assert halfway.tolist() == pytest.approx([10, 0])
    assert three_quarters.tolist() == pytest.approx([60, 0])
    assert along(points[:1].repeat(2, axis=0), np.array([0.0, 1.0])).tolist() == [[10, 299]] * 2


async def test_static_area_holds_still_while_the_rest_moves(
    client: httpx.AsyncClient, emulator: Emulator
) -> None:
    picture = textured(seed=11)
    body = {
        "model_name": "kling-v1",
        "image": png(picture),
        "static_mask": png(square_mask(picture.size, (100, 150), 120)),
    }
    picks = (0, 1, 40, 74, 75, 120, -1)
    _, video = await rendered(client, emulator, "/v1/videos/image2video", body, picks)
    shown = video["shown"]
    still = (
        slice(round(95 * SCALE), round(205 * SCALE)),
        slice(round(45 * SCALE), round(155 * SCALE)),
    )
    for before, after in [*itertools.pairwise(shown), *((shown[0], later) for later in shown)]:
        change = np.abs(after[still].astype(int) - before[still].astype(int))
        assert change.mean() < 0.3 and np.percentile(change, 99.9) <= 8, change.max()
    moving = (slice(None), slice(round(260 * SCALE), None))
    assert mad(shown[0][moving], shown[-1][moving]) > 8, "the unmasked part moves"
    assert mad(shown[2][moving], shown[3][moving]) > 3, "within about a second"


async def test_dynamic_area_goes_down_the_picture_when_wire_y_decreases(
    client: httpx.AsyncClient, emulator: Emulator
) -> None:
    start, end = (200, 70), (200, 230)  # top-left pixels: straight down on screen
    picture = with_square(textured(seed=12), start, 50)
    trajectory = [wire(*start), wire(*end)]
    assert trajectory[1]["y"] < trajectory[0]["y"], "on the wire, going down is y decreasing"
    body = {
        "model_name": "kling-v1",
        "image": png(picture),
        "dynamic_masks": [
            {"mask": png(square_mask(picture.size, start, 54)), "trajectories": trajectory}
        ],
    }
    picks = (0, 50, 100, -1)
    _, video = await rendered(client, emulator, "/v1/videos/image2video", body, picks)
    places = [blob(frame) for frame in video["shown"]]
    xs, ys = [p[0] for p in places], [p[1] for p in places]
    assert xs[0] == pytest.approx(start[0] * SCALE, abs=4)
    assert ys[0] == pytest.approx(start[1] * SCALE, abs=4)
    assert ys == sorted(ys), "moving down the whole way"
    assert ys[-1] == pytest.approx(end[1] * SCALE, abs=4)
    assert xs[-1] == pytest.approx(start[0] * SCALE, abs=4)
    assert_left_behind_is_filled(video["shown"][-1], start, 50)


async def test_two_areas_follow_their_own_paths_reaching_each_point_at_equal_steps_of_time(
    client: httpx.AsyncClient, emulator: Emulator
) -> None:
    red_path = [(100, 200), (300, 200), (300, 50)]  # right 200, then up 150: a leg each half
    yellow_path = [(320, 262), (80, 262)]
    picture = with_square(
        with_square(textured(seed=13), red_path[0], 40), yellow_path[0], 40, YELLOW
    )
    body: dict[str, Any] = {
        "model_name": "kling-v1",
        "image": png(picture),
        "dynamic_masks": [
            {
                "mask": png(square_mask(picture.size, path[0], 44)),
                "trajectories": [wire(*point) for point in path],
            }
            for path in (red_path, yellow_path)
        ],
    }
    middle = 74  # of 150 frames: 74/149 of the time, 2·74/149 = 0.993 of the first leg
    _, video = await rendered(client, emulator, "/v1/videos/image2video", body, (0, middle, -1))
    first, halfway, last = video["shown"]
    assert blob(halfway)[:2] == pytest.approx((298.7 * SCALE, 200 * SCALE), abs=6)
    assert blob(last)[:2] == pytest.approx((300 * SCALE, 50 * SCALE), abs=4)
    assert blob(first, YELLOW)[:2] == pytest.approx((320 * SCALE, 262 * SCALE), abs=4)
    assert blob(last, YELLOW)[:2] == pytest.approx((80 * SCALE, 262 * SCALE), abs=4)
    assert_left_behind_is_filled(last, red_path[0], 40)


def assert_left_behind_is_filled(frame: np.ndarray, centre: tuple[int, int], side: int) -> None:
    """Where the area was is no longer its colour, and looks like its surroundings."""
    x, y = round(centre[0] * SCALE), round(centre[1] * SCALE)
    inner, outer = round(side * SCALE / 2), round(side * SCALE)
    hole = frame[y - inner : y + inner, x - inner : x + inner].reshape(-1, 3).astype(int)
    ring = frame[y - outer : y + outer, x - outer : x + outer].reshape(-1, 3).astype(int)
    reddish = (hole[:, 0] > 150) & (hole[:, 1] < 100)
    assert reddish.mean() < 0.01, "the area itself has left"
    assert np.abs(hole.mean(axis=0) - ring.mean(axis=0)).max() < 35, "filled like its surroundings"
