"""The painter's Select tool from the kernel's side: a ``select`` request (click, shift-click,
alt-click, box) answered off the kernel's event loop, its mask sent like ``set_mask``'s and
tagged with the request's token, refusals naming the field, and a newer click on the same area
superseding an unfinished one."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest
from pydantic import TypeAdapter

from kling_studio import AsyncKlingClient
from kling_studio.embedded import emulator_connection
from kling_studio.samples import boat_silhouette
from kling_studio.selection import mask_array
from kling_studio.widgets import Studio, contract
from kling_studio.widgets import selecting as selecting_module

HULL, SAIL = (384, 558), (400, 500)
MEDIA = TypeAdapter(contract.Media)


def iou(a: np.ndarray, b: np.ndarray) -> float:
    return float((a & b).sum() / (a | b).sum())


@pytest.fixture
def studio(boat_studio):
    return boat_studio


def select(area: str = "dynamic-1", token: str = "t1", **fields) -> dict:
    return {"type": "select", "area": area, "token": token, "add": False, "remove": False, **fields}


def mask_media(front, area: str) -> list[tuple[dict, list[bytes]]]:
    with front._lock:
        return [(c, b) for c, b in front.received if c.get("slot") == f"mask:{area}"]


def test_a_click_then_a_shift_click_selects_the_boat_and_sends_its_mask(studio, front_end):
    front = front_end(studio)
    hull = front.asked(select(point=list(HULL)))
    assert hull["ok"] and hull["area"] == "dynamic-1" and hull["painted_pixels"] > 0
    assert hull["ms"] > 0
    boat = front.asked(select(token="t2", point=list(SAIL), add=True))
    assert boat["ok"] and boat["painted_pixels"] > hull["painted_pixels"]
    assert iou(studio.masks["dynamic-1"], boat_silhouette(1280, 720)) >= 0.9
    assert studio.areas[1]["painted"]
    sent = mask_media(front, "dynamic-1")
    assert [c["selection"] for c, _ in sent] == ["t1", "t2"]  # each tagged with its request
    for content, _ in sent:
        MEDIA.validate_python(content)
    assert np.array_equal(mask_array(sent[-1][1][0]), studio.masks["dynamic-1"])


def test_an_alt_click_cuts_and_an_emptied_area_is_cleared(studio, front_end):
    front = front_end(studio)
    front.asked(select(point=list(HULL)))
    emptied = front.asked(select(token="t2", point=list(HULL), remove=True))
    assert emptied == {**emptied, "ok": True, "painted_pixels": 0}
    assert "dynamic-1" not in studio.masks and not studio.areas[1]["painted"]
    content, buffers = mask_media(front, "dynamic-1")[-1]
    assert buffers == [b""]
    assert content == {"type": "media", "slot": "mask:dynamic-1", "clear": True, "selection": "t2"}


def test_a_box_selects_what_is_inside_it(studio, front_end):
    front = front_end(studio)
    rows, columns = np.nonzero(boat_silhouette(1280, 720))
    box = [int(columns.min()) - 6, int(rows.min()) - 6, int(columns.max()) + 6, int(rows.max()) + 6]
    reply = front.asked(select(area="static", box=box))
    assert reply["ok"]
    assert iou(studio.masks["static"], boat_silhouette(1280, 720)) >= 0.9


@pytest.mark.parametrize(
    ("fields", "field", "rule"),
    [
        ({"area": "dynamic-9", "point": [1, 1]}, "area", "must be one of the Studio's areas"),
        ({"point": None}, "point", "a click or a box is needed to select something"),
        ({"point": [1, "x"]}, "point", "must be 2 finite numbers"),
        ({"box": [0, 0, 10]}, "box", "must be 4 finite numbers"),
        ({"point": [1, 1], "add": True, "remove": True}, "remove", "cannot both add and remove"),
        ({"point": [5000, 10]}, "point", None),
    ],
)
def test_a_bad_request_is_refused_naming_field_rule_and_value(
    studio, front_end, fields, field, rule
):
    front = front_end(studio)
    reply = front.asked(select(**fields))
    assert reply["ok"] is False
    assert reply["error"]["field"] == field
    if rule is not None:
        assert reply["error"]["rule"].startswith(rule)
    assert not studio.masks


def test_without_a_picture_it_is_refused(fast_emulator, tmp_path, front_end):
    client = AsyncKlingClient(connection=emulator_connection(fast_emulator))
    widget = Studio(client=client, output_dir=tmp_path / "out")
    try:
        reply = front_end(widget).asked(select(point=[1, 1]))
        assert reply["ok"] is False and reply["error"]["field"] == "image"
    finally:
        widget.close()


def test_the_work_runs_off_the_kernels_thread_and_a_newer_click_supersedes(
    studio, front_end, monkeypatch
):
    """The handler returns at once; the first click's work is held in the worker until a second
    click on the same area arrives: the first is answered "superseded" and never applied."""
    front = front_end(studio)
    release = threading.Event()
    threads: list[str] = []
    real = selecting_module.selected_mask

    def held(job, current, cache):
        threads.append(threading.current_thread().name)
        if job.token == "first":
            assert release.wait(30)
        return real(job, current, cache)

    monkeypatch.setattr(selecting_module, "selected_mask", held)
    began = time.monotonic()
    first = front.ask(select(token="first", point=list(SAIL)))
    assert time.monotonic() - began < 0.5  # the kernel's thread is free at once
    second = front.ask(select(token="second", point=list(HULL)))
    superseded = front.wait(first, timeout=10)  # answered before its work ends
    assert superseded["ok"] is False
    assert superseded["error"]["rule"] == "is superseded by a newer selection on the same area"
    release.set()
    assert front.wait(second)["ok"]
    assert all(name != threading.main_thread().name for name in threads)
    assert [c["selection"] for c, _ in mask_media(front, "dynamic-1")] == ["second"]
    hull_only = studio.masks["dynamic-1"]
    assert hull_only[HULL[1], HULL[0]] and not hull_only[SAIL[1], SAIL[0]]


def test_clicks_on_different_areas_do_not_supersede_each_other(studio, front_end):
    front = front_end(studio)
    one = front.ask(select(area="dynamic-1", token="a", point=list(HULL)))
    two = front.ask(select(area="dynamic-2", token="b", point=list(SAIL)))
    assert front.wait(one)["ok"] and front.wait(two)["ok"]
    assert set(studio.masks) == {"dynamic-1", "dynamic-2"}
