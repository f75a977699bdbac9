"""Every selection tool through the real ``select`` command path (the same messages the painter
sends), the Python API sharing its table, superseding across tools, refusals naming field, rule
and value, and ``export-masks`` writing into a new folder each time."""

from __future__ import annotations

import io
import threading

import numpy as np
import pytest
from PIL import Image

from kling_studio.samples import boat_mask, boat_silhouette
from kling_studio.selection import Superpixels
from kling_studio.widgets import selecting as selecting_module
from kling_studio.widgets.selecting import TOOLS

HULL, SAIL = (384, 558), (400, 500)
W, H = 1280, 720
BOAT = boat_silhouette(W, H)
AROUND_BOAT = [
    (380, 420), (418, 478), (452, 536), (466, 538), (440, 580), (328, 580), (302, 538), (378, 536)
]  # fmt: skip


def iou(a: np.ndarray, b: np.ndarray) -> float:
    return float((a & b).sum() / (a | b).sum())


def png(mask: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(mask.astype(np.uint8) * 255).save(buffer, "PNG")
    return buffer.getvalue()


def select(tool: str, area: str = "dynamic-1", token: str = "t", **fields) -> dict:
    return {
        "type": "select",
        "area": area,
        "token": token,
        "tool": tool,
        "add": False,
        "remove": False,
        **fields,
    }


@pytest.fixture
def studio(boat_studio):
    return boat_studio


@pytest.fixture
def front(studio, front_end):
    return front_end(studio)


def painted(front, tool: str, **fields) -> np.ndarray:
    reply = front.asked(select(tool, **fields))
    assert reply["ok"], reply
    return front.widget.masks.get("dynamic-1", np.zeros((H, W), bool))


def test_every_contract_tool_has_a_row():
    from typing import get_args

    from kling_studio.widgets.contract import SelectTool

    assert set(get_args(SelectTool)) == set(TOOLS)


def test_colour_takes_the_connected_pixels_of_the_clicked_colour(front):
    hull = painted(front, "colour", point=list(HULL), tolerance=20)
    assert hull[HULL[1], HULL[0]] and not hull[SAIL[1], SAIL[0]]
    assert hull.sum() > 3000 and (hull & BOAT).sum() / hull.sum() > 0.95
    both = painted(front, "colour", point=list(SAIL), add=True)  # default tolerance
    assert both[SAIL[1], SAIL[0]] and both[HULL[1], HULL[0]]


def test_regions_paint_whole_superpixels_and_alt_removes(front, monkeypatch):
    made: list[int] = []
    real = Superpixels.of

    def counted(image, **options):
        made.append(1)
        return real(image, **options)

    monkeypatch.setattr(Superpixels, "of", classmethod(lambda cls, image, **o: counted(image, **o)))
    stroke = [[340, 555], [420, 555]]
    mask = painted(front, "regions", points=stroke, radius=6, add=True)
    assert mask[555, 340] and mask[555, 420]
    assert mask.sum() > 80 * 12  # whole regions, wider than the stroke
    removed = painted(front, "regions", points=[[380, 555]], radius=4, remove=True)
    assert not removed[555, 380] and removed.sum() < mask.sum()
    assert len(made) == 1  # the picture's superpixels are made once, not per stroke


def test_lasso_fills_the_loop_snapped_to_the_boat(front):
    mask = painted(front, "lasso", points=[list(p) for p in AROUND_BOAT])
    assert (mask & BOAT).sum() / BOAT.sum() > 0.9
    rows, columns = np.nonzero(mask)
    assert columns.min() >= 295 and columns.max() <= 470 and rows.min() >= 415


def test_subject_selects_what_the_library_finds(front, studio):
    from kling_studio.samples import landscape
    from kling_studio.selection import select_subject

    reply = front.asked(select("subject"))
    assert reply["ok"] and reply["painted_pixels"] > 0
    found = select_subject(np.asarray(landscape(W, H))).mask
    assert np.array_equal(studio.masks["dynamic-1"], found)


def test_subject_on_the_quickstart_picture_is_the_boat(front, studio):
    front.asked(select("subject"))
    assert iou(studio.masks["dynamic-1"], BOAT) >= 0.9


def test_a_mask_file_is_scaled_to_the_picture_with_a_note(front, studio):
    reply = front.ask(select("file", name="boat.png"), png(boat_mask(640, 360)))
    answer = front.wait(reply)
    assert answer["ok"] and "boat.png" in answer["note"] and "640×360" in answer["note"]
    assert iou(studio.masks["dynamic-1"], boat_mask(W, H)) > 0.97
    same = front.wait(front.ask(select("file", name="b.png"), png(boat_mask(W, H))))
    assert same["ok"] and "note" not in same


def test_a_mask_file_of_another_aspect_is_refused_naming_file_rule_and_sizes(front, studio):
    reply = front.wait(front.ask(select("file", name="square.png"), png(np.ones((50, 50), bool))))
    assert reply["ok"] is False
    error = reply["error"]
    assert error["field"] == "file" and "aspect ratio" in error["rule"]
    assert "1280×720" in error["rule"] and error["value"] == "square.png: 50×50"
    assert "dynamic-1" not in studio.masks


@pytest.mark.parametrize(
    ("tool", "amount", "change"),
    [("grow", 5, 1), ("shrink", 5, -1), ("feather", 6, 0), ("fill-holes", None, 1)],
)
def test_refine_tools_work_on_the_areas_paint(front, studio, tool, amount, change):
    holed = boat_mask(W, H) & ~np.pad(np.ones((6, 6), bool), ((550, 164), (380, 894)))
    studio.set_mask("dynamic-1", holed)
    fields = {} if amount is None else {"amount": amount}
    after = painted(front, tool, add=True, **fields)  # add/remove do not apply to refining
    difference = int(after.sum()) - int(holed.sum())
    assert np.sign(difference) == change or (change == 0 and abs(difference) < holed.sum() * 0.2)
    if change == 0:
        assert not np.array_equal(after, np.zeros_like(after))


def test_invert_works_on_an_empty_area_too(front):
    everything = painted(front, "invert")
    assert everything.all()
    nothing_left = front.asked(select("invert", token="again"))
    assert nothing_left["ok"] and nothing_left["painted_pixels"] == 0


@pytest.mark.parametrize(
    ("fields", "field", "rule", "value"),
    [
        ({"tool": "grow"}, "dynamic-1", "must be painted before grow", "nothing painted"),
        (
            {"tool": "fill-holes"},
            "dynamic-1",
            "must be painted before fill holes",
            "nothing painted",
        ),
        ({"tool": "grow", "amount": 0}, "amount", "must be more than 0 and at most 200", "0"),
        ({"tool": "shrink", "amount": 500}, "amount", "must be more than 0", "500"),
        ({"tool": "colour"}, "point", "a click is needed to select a colour", None),
        (
            {"tool": "colour", "point": [5, 5], "tolerance": 101},
            "tolerance",
            "must be at least 0",
            "101",
        ),
        ({"tool": "regions", "points": [[5, 5]]}, "radius", "must be more than 0 pixels", None),
        (
            {"tool": "regions", "points": [], "radius": 4},
            "points",
            "a stroke needs at least one",
            "0 points",
        ),
        (
            {"tool": "lasso", "points": [[1, 1], [9, 9]]},
            "points",
            "a closed lasso needs at least 3",
            "2 points",
        ),
        (
            {"tool": "lasso", "points": [[1, 1], [9, "x"], [3, 3]]},
            "points",
            "must be 2 finite numbers",
            None,
        ),
        ({"tool": "file"}, "file", "must hold a mask picture (PNG)", "the mask file: empty"),
        ({"tool": "magic"}, "tool", "must be one of click, subject", "magic"),
    ],
)
def test_a_bad_request_is_refused_naming_field_rule_and_value(
    front, studio, fields, field, rule, value
):
    reply = front.asked(select(**{"tool": "click", **fields}))
    assert reply["ok"] is False
    error = reply["error"]
    assert (error["field"], error["rule"][: len(rule)]) == (field, rule)
    if value is not None:
        assert error["value"] == value
    assert field in error["text"] or error["field"] in error["text"]
    assert not studio.masks


def test_a_newer_tool_on_the_same_area_supersedes_an_unfinished_one(front, studio, monkeypatch):
    release = threading.Event()
    real = selecting_module.selected_mask

    def held(job, current, cache):
        if job.token == "first":
            assert release.wait(30)
        return real(job, current, cache)

    monkeypatch.setattr(selecting_module, "selected_mask", held)
    first = front.ask(select("lasso", token="first", points=[list(p) for p in AROUND_BOAT]))
    second = front.ask(select("colour", token="second", point=list(HULL)))
    superseded = front.wait(first, timeout=10)
    assert superseded["ok"] is False and "superseded" in superseded["error"]["rule"]
    release.set()
    assert front.wait(second)["ok"]
    hull = studio.masks["dynamic-1"]
    assert hull[HULL[1], HULL[0]] and not hull[SAIL[1], SAIL[0]]  # the colour's, not the lasso's


def test_export_masks_writes_a_new_folder_each_time(front, studio, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    refused = front.asked({"type": "export-masks"})
    assert refused["ok"] is False
    assert refused["error"] == {
        **refused["error"],
        "field": "masks",
        "rule": "at least one area must be painted to export",
    }
    studio.set_mask("dynamic-1", boat_mask(W, H))
    studio.set_mask("static", ~boat_mask(W, H))
    one = front.asked({"type": "export-masks"})
    two = front.asked({"type": "export-masks"})
    assert one["ok"] and two["ok"] and one["folder"] != two["folder"]
    assert one["folder"].startswith("kling-masks/")
    assert one["files"] == {"static": "static.png", "dynamic-1": "dynamic-1.png"}
    for reply in (one, two):
        for area, name in reply["files"].items():
            written = np.asarray(Image.open(tmp_path / reply["folder"] / name))[..., 3] > 0
            assert np.array_equal(written, studio.masks[area])


def test_the_python_api_shares_the_tools(studio, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    colour = studio.select_colour("dynamic-1", HULL, tolerance=15)
    assert colour[HULL[1], HULL[0]] and np.array_equal(colour, studio.masks["dynamic-1"])
    grown = studio.refine("dynamic-1", "grow", amount=4)
    assert grown.sum() > colour.sum()
    assert studio.refine("dynamic-1", "invert")[0, 0]
    strokes = studio.select_regions("dynamic-2", [(340, 555), (420, 555)], radius=6)
    assert strokes[555, 380]
    looped = studio.lasso("dynamic-3", AROUND_BOAT)
    assert (looped & BOAT).sum() / BOAT.sum() > 0.9
    assert studio.select_subject("dynamic-4").any()
    studio.load_mask("dynamic-5", boat_mask(640, 360))
    assert iou(studio.masks["dynamic-5"], boat_mask(W, H)) > 0.97
    written = studio.export_masks()
    assert set(written) == {"dynamic-1", "dynamic-2", "dynamic-3", "dynamic-4", "dynamic-5"}
    assert all(path.parent.parent == tmp_path / "kling-masks" for path in written.values())
    with pytest.raises(ValueError, match="must be one of grow, shrink"):
        studio.refine("dynamic-1", "blur")
    with pytest.raises(ValueError, match="must be painted before shrink"):
        studio.refine("dynamic-6", "shrink")
