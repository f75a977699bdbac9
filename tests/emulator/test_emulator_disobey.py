"""Renders told to disobey (``render`` faults): the task succeeds, and its video visibly does not
do what was asked — an area goes the other way, stops short or turns, the static area drifts,
the camera moves backwards — while everything the rule does not touch still obeys.
"""

from __future__ import annotations

import asyncio
import math
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pytest
from PIL import Image

from kling_studio.emulator import Emulator, EmulatorConfig, FaultPlan, TaskInfo
from kling_studio.emulator.brush import Brush, Stroke
from kling_studio.emulator.camera import AXES, PRESETS
from kling_studio.emulator.disobey import (
    DISOBEDIENCES,
    Disobedience,
    disobedience,
    disobeyed,
    rotated_path,
    shortened_path,
)
from kling_studio.emulator.validation import CameraControl

from .helpers import finished, make_client
from .test_emulator_render import (
    YELLOW,
    blob,
    mad,
    png,
    probe,
    rendered,
    square_mask,
    textured,
    with_square,
)
from .test_emulator_render_brush import SCALE, wire
from .test_emulator_render_camera import marked, markers

PATH = "/v1/videos/image2video"
SMALL_SHORT_SIDE = 240
"""``markers`` renders its scenes 320×240."""


def brushed(
    paths: list[list[tuple[int, int]]], colours: tuple[tuple[int, int, int], ...] = ()
) -> dict[str, Any]:
    """A kling-v1 motion-brush request: a marker square (red, then ``colours``) on each path's
    start, its mask carried along the path (top-left pixels of the 400×300 picture)."""
    picture = textured(seed=31)
    for path, colour in zip(paths, colours or ((220, 30, 30),) * len(paths), strict=True):
        picture = with_square(picture, path[0], 40, colour)
    return {
        "model_name": "kling-v1",
        "image": png(picture),
        "dynamic_masks": [
            {
                "mask": png(square_mask(picture.size, path[0], 44)),
                "trajectories": [wire(*point) for point in path],
            }
            for path in paths
        ],
    }


def at(point: tuple[float, float]) -> tuple[float, float]:
    """A picture pixel where the 960×720 video shows it."""
    return point[0] * SCALE, point[1] * SCALE


async def rendered_each(
    client: httpx.AsyncClient,
    emulator: Emulator,
    bodies: list[dict[str, Any]],
    picks: tuple[int, ...] = (0, -1),
) -> list[tuple[TaskInfo, dict[str, Any]]]:
    """Create every task (in order, so a counted rule meets the first), wait until all have
    succeeded; each task with its decoded video."""
    ids = await created(client, bodies)
    done = await asyncio.gather(*(finished(client, f"{PATH}/{ident}", 90) for ident in ids))
    assert [data["task_status"] for data in done] == ["succeed"] * len(ids)
    tasks = in_order(emulator, ids)
    return [(task, probe(Path(str(task.video_path)), picks)) for task in tasks]


async def created(client: httpx.AsyncClient, bodies: list[dict[str, Any]]) -> list[str]:
    """The task ids of ``bodies``, created one after the other."""
    ids = []
    for body in bodies:
        response = await client.post(PATH, json=body)
        assert response.status_code == 200, response.text
        ids.append(response.json()["data"]["task_id"])
    return ids


def in_order(emulator: Emulator, ids: list[str]) -> list[TaskInfo]:
    found = {task.task_id: task for task in emulator.tasks}
    return [found[ident] for ident in ids]


# --- the path kinds, on screen ---------------------------------------------------------------


async def test_reverse_path_goes_the_opposite_way_from_its_place(
    client: httpx.AsyncClient, emulator: Emulator
) -> None:
    start, end = (200, 150), (300, 150)  # asked: right by 100
    emulator.faults.add("reverse_path")
    _, video = await rendered(client, emulator, PATH, brushed([[start, end]]), (0, 75, -1))
    [task] = emulator.tasks
    assert task.disobeyed == Disobedience("reverse_path")
    places = [blob(frame)[:2] for frame in video["shown"]]
    assert places[0] == pytest.approx(at(start), abs=4), "it starts where the picture has it"
    xs = [x for x, _ in places]
    assert xs == sorted(xs, reverse=True), "leftwards all the way"
    moved = np.subtract(places[-1], places[0])
    asked = np.subtract(at(end), at(start))
    assert moved @ asked / (np.linalg.norm(moved) * np.linalg.norm(asked)) < -0.99
    assert places[-1] == pytest.approx(at((100, 150)), abs=4)


async def test_shorten_path_stops_at_40_percent_of_the_way_and_holds(
    client: httpx.AsyncClient, emulator: Emulator
) -> None:
    start, end = (100, 150), (300, 150)
    emulator.faults.add("shorten_path")
    _, video = await rendered(client, emulator, PATH, brushed([[start, end]]), (0, 30, 75, -1))
    xs = [blob(frame)[0] / SCALE for frame in video["shown"]]
    assert xs[0] == pytest.approx(100, abs=2)
    assert xs[1] == pytest.approx(100 + 200 * 30 / 149, abs=2), "at the asked pace until it stops"
    assert xs[2] == pytest.approx(180, abs=2), "stopped at 40% of the way, 40% into the clip"
    assert xs[3] == pytest.approx(180, abs=2), "and held there"


async def test_rotate_path_turns_the_path_about_its_start(
    client: httpx.AsyncClient, emulator: Emulator
) -> None:
    start, end = (150, 200), (250, 200)  # asked: right; turned 90° counter-clockwise: up
    emulator.faults.add("rotate_path")
    _, video = await rendered(client, emulator, PATH, brushed([[start, end]]))
    first, last = (blob(frame)[:2] for frame in video["shown"])
    assert first == pytest.approx(at(start), abs=4)
    assert last == pytest.approx(at((150, 100)), abs=4)


async def test_a_rule_for_area_2_from_the_admin_json_leaves_area_1_obedient(
    client: httpx.AsyncClient, emulator: Emulator
) -> None:
    red = [(100, 150), (180, 150)]
    yellow = [(300, 150), (300, 250)]
    added = await client.post("/emulator/faults", json={"kind": "reverse_path", "area": 2})
    assert added.status_code == 200, added.text
    [rule] = added.json()["faults"]
    assert (rule["endpoint"], rule["area"], rule["times"]) == ("render", 2, 1)
    body = brushed([red, yellow], ((220, 30, 30), YELLOW))
    _, video = await rendered(client, emulator, PATH, body)
    first, last = video["shown"]
    assert blob(first)[:2] == pytest.approx(at(red[0]), abs=4)
    assert blob(last)[:2] == pytest.approx(at(red[1]), abs=4), "area 1 goes where it was asked"
    assert blob(first, YELLOW)[:2] == pytest.approx(at(yellow[0]), abs=4)
    assert blob(last, YELLOW)[:2] == pytest.approx(at((300, 50)), abs=4), "area 2: up, not down"


# --- the static area and the camera, against an obedient render -------------------------------


async def test_static_leak_moves_the_area_that_an_obedient_render_holds_still(
    client: httpx.AsyncClient, emulator: Emulator
) -> None:
    centre = (200, 150)
    picture = with_square(textured(seed=32), centre, 40)
    body = {
        "model_name": "kling-v1",
        "image": png(picture),
        "static_mask": png(square_mask(picture.size, centre, 120)),
    }
    emulator.faults.add("static_leak", times=1)
    (first, leaked), (second, held) = await rendered_each(client, emulator, [body, body])
    assert first.disobeyed == Disobedience("static_leak", share=0.06, angle=0.0)
    assert second.disobeyed is None
    still = (
        slice(round(95 * SCALE), round(205 * SCALE)),
        slice(round(145 * SCALE), round(255 * SCALE)),
    )
    assert mad(held["shown"][0][still], held["shown"][-1][still]) < 0.3, "obedient: held still"
    assert mad(leaked["shown"][0][still], leaked["shown"][-1][still]) > 8, "disobeying: it moves"
    drift = 0.06 * math.hypot(400, 300)  # to the right, by 6% of the diagonal
    assert blob(leaked["shown"][0])[:2] == pytest.approx(at(centre), abs=4)
    assert blob(leaked["shown"][-1])[:2] == pytest.approx(at((200 + drift, 150)), abs=4)
    assert blob(held["shown"][-1])[:2] == pytest.approx(at(centre), abs=2)


async def test_camera_reversed_shifts_the_picture_the_other_way(
    client: httpx.AsyncClient, emulator: Emulator, tmp_path: Path
) -> None:
    """Measured against the same move rendered obediently by the same scenes, small (a second
    1080p render would double the test's time), as a share of the short side."""
    config = dict.fromkeys(AXES, 0.0) | {"horizontal": 6.0}
    body = {
        "model_name": "kling-v1-5",
        "mode": "pro",
        "image": png(marked()),
        "camera_control": {"type": "simple", "config": config},
    }
    emulator.faults.add("camera_reversed")
    _, video = await rendered(client, emulator, PATH, body)
    [task] = emulator.tasks
    assert task.disobeyed == Disobedience("camera_reversed")
    start, end = (blob(frame) for frame in video["shown"])
    (asked_start, _), (asked_end, _) = markers(CameraControl("simple", config), tmp_path)
    asked = (asked_end[0] - asked_start[0]) / SMALL_SHORT_SIDE
    shift = (end[0] - start[0]) / min(video["size"])
    assert start[:2] == pytest.approx((720, 540), abs=4), "it starts on the picture"
    assert asked < -0.1, "obedient: camera right, the content slides left"
    assert shift == pytest.approx(-asked, abs=0.01), "reversed: as far, to the right"
    assert end[1] == pytest.approx(start[1], abs=4), "and not up or down"


@pytest.mark.parametrize("preset", list(PRESETS))
def test_a_reversed_preset_negates_each_of_its_moves(tmp_path: Path, preset: str) -> None:
    asked = CameraControl(preset, {})
    _, camera = disobeyed(None, asked, disobedience("camera_reversed"))
    assert camera is not None
    (start, _), (end, _) = markers(asked, tmp_path)
    (back_start, _), (back_end, _) = markers(camera, tmp_path)
    assert back_start == pytest.approx(start, abs=2)
    for axis in (0, 1):
        moved, back = end[axis] - start[axis], back_end[axis] - back_start[axis]
        assert moved * back < 0 or abs(moved) < 3 > abs(back), (axis, moved, back)
    grows, back_grows = end[2] / start[2], back_end[2] / back_start[2]
    assert (grows - 1) * (back_grows - 1) < 0, "the zoom goes the other way too"


# --- the rules: pure changes, settings, JSON, seeds --------------------------------------------


def brush_of(*trajectories: tuple[tuple[int, int], ...], static: bool = False) -> Brush:
    mask = Image.new("L", (400, 300))
    return Brush(
        (400, 300),
        static=mask if static else None,
        strokes=tuple(Stroke(mask, trajectory) for trajectory in trajectories),
    )


def test_path_kinds_keep_each_start_and_follow_their_settings() -> None:
    path = ((100, 100), (300, 100), (300, 200))  # wire: right 200, then up 100: length 300
    for kind in ("reverse_path", "shorten_path", "rotate_path"):
        brush, _ = disobeyed(brush_of(path, path), None, disobedience(kind, area=2))
        assert brush is not None
        assert brush.strokes[0].trajectory == path, f"{kind}: area 1 untouched"
        assert brush.strokes[1].trajectory[0] == path[0], f"{kind}: starts at its place"
    short = shortened_path(path, disobedience("shorten_path", share=0.5))
    assert short[-1] == (250, 100), "half of 300 along: 150 of the first leg's 200"
    turned = rotated_path(((0, 0), (100, 0)), disobedience("rotate_path", angle=45))
    assert turned[-1] == (71, 71), "45° counter-clockwise: up and right"


def test_a_disobedience_that_cannot_apply_leaves_the_request_as_asked() -> None:
    brush = brush_of(((10, 10), (50, 10)))
    camera = CameraControl("simple", {"zoom": 4.0})
    cases = [
        ("static_leak", {}, brush, None),  # no static mask
        ("camera_reversed", {}, brush, None),  # no camera_control
        ("reverse_path", {}, None, camera),  # no motion brush
        ("rotate_path", {"area": 2}, brush, None),  # no second dynamic area
    ]
    for kind, settings, given_brush, given_camera in cases:
        rule = disobedience(kind, **settings)
        assert disobeyed(given_brush, given_camera, rule) == (given_brush, given_camera), kind
    leaked, _ = disobeyed(brush_of(static=True), None, disobedience("static_leak"))
    assert leaked is not None and leaked.static is None and len(leaked.strokes) == 1
    assert set(DISOBEDIENCES) == {
        "reverse_path",
        "shorten_path",
        "rotate_path",
        "static_leak",
        "camera_reversed",
    }


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kind": "reverse_path", "endpoint": "create"}, "render endpoint"),
        ({"kind": "5000", "endpoint": "render"}, "render endpoint"),
        ({"kind": "camera_reversed", "area": 1}, "does not take area"),
        ({"kind": "static_leak", "area": 1}, "does not take area"),
        ({"kind": "reverse_path", "angle": 30}, "does not take angle"),
        ({"kind": "5001", "share": 0.5}, "does not take share"),
        ({"kind": "shorten_path", "share": 0}, r"share must be in \(0, 1\]"),
        ({"kind": "rotate_path", "area": 0}, "area must be a whole number"),
        ({"kind": "rotate_path", "angle": math.inf}, "finite"),
    ],
)
def test_disobey_rules_are_checked(kwargs: dict[str, Any], message: str) -> None:
    kind = kwargs.pop("kind")
    with pytest.raises(ValueError, match=message):
        FaultPlan().add(kind, **kwargs)


async def test_admin_json_takes_the_settings_and_refuses_anything_else(
    client: httpx.AsyncClient, emulator: Emulator
) -> None:
    spec = {"kind": "rotate_path", "angle": 45, "area": 2, "probability": 0.5}
    added = await client.post("/emulator/faults", json=spec)
    assert added.status_code == 200, added.text
    [rule] = added.json()["faults"]
    assert rule | spec == rule and rule["endpoint"] == "render"
    for bad in (
        {"kind": "reverse_path", "speed": 2},
        {"kind": "reverse_path", "area": 1.5},
        {"kind": "camera_reversed", "angle": 10},
        {"kind": "shorten_path", "share": "half"},
    ):
        refused = await client.post("/emulator/faults", json=bad)
        assert (refused.status_code, refused.json()["code"]) == (400, 1201), bad
    assert len(emulator.faults.rules) == 1


async def test_a_probability_rule_disobeys_the_same_renders_under_the_same_seed() -> None:
    body = brushed([[(100, 150), (300, 150)]])

    async def disobeying(seed: int) -> list[bool]:
        config = EmulatorConfig(render=False, seed=seed, speed=1000.0, concurrency=50)
        with Emulator(config) as emulator:
            emulator.faults.add("shorten_path", probability=0.5, share=0.25)
            async with make_client(emulator) as client:
                ids = await created(client, [body] * 16)
            tasks = in_order(emulator, ids)
            drawn = {task.disobeyed for task in tasks}
            assert drawn <= {None, Disobedience("shorten_path", share=0.25)}
            return [task.disobeyed is not None for task in tasks]

    first = await disobeying(5)
    assert first == await disobeying(5)
    assert first != await disobeying(6)
    assert 0 < sum(first) < len(first)
