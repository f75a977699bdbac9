"""Every result carries its motion check: the Studio's run plays at once, "measuring" shows, then
its scores join the history entry (and ``studio.motion()``); each Compare cell gets its own, in
``compare.results`` and the grid's cells. Reports are checked against the contract."""

from __future__ import annotations

import numpy as np
import pytest
from pydantic import TypeAdapter
from tests.widgets.conftest import wait_until
from tests.widgets.test_studio import paint_boat

from kling_studio import AsyncKlingClient, Compare
from kling_studio.embedded import emulator_connection
from kling_studio.samples import boat_silhouette, landscape
from kling_studio.widgets import contract

RUN = TypeAdapter(contract.Run)
CELL = TypeAdapter(contract.Cell)


@pytest.fixture
def studio(landscape_studio):
    return landscape_studio


def test_a_studio_run_plays_first_and_its_scores_follow(studio):
    paint_boat(studio)
    states: list[str] = []
    studio.observe(
        lambda change: states.extend(
            str((entry.get("motion") or {}).get("state")) for entry in change["new"][-1:]
        ),
        names="history",
    )
    saved = studio.generate_sync()
    report = studio.motion(timeout=60)
    assert report is not None and report["state"] == "done"
    assert report["score"] is not None and report["score"] >= 80, report["verdict"]
    assert report["verdict"] == "followed the brush"
    entry = studio.history[-1]
    RUN.validate_python(entry)
    assert entry["id"] == saved.task.task_id and entry["motion"] == report
    assert states.index("None") < states.index("measuring") < states.index("done")
    assert studio.result is not None and studio.result.motion == report


def test_a_run_without_motion_asked_has_no_check(studio):
    studio.generate_sync()
    assert studio.motion() is None
    assert studio.history[-1]["motion"] is None


def boat_sweep(emulator, folder, fixed, vary, **options) -> Compare:
    """A sweep of the 640×360 boat sailing right, with ``fixed`` and ``vary`` added."""
    width, height = 640, 360
    brush = {"mask": boat_silhouette(width, height), "trajectories": [(190, 280), (500, 290)]}
    return Compare(
        landscape(width, height),
        prompt="a boat sails",
        fixed={"duration": "5", "dynamic_masks": [brush], **fixed},
        vary=vary,
        client=AsyncKlingClient(connection=emulator_connection(emulator)),
        output_dir=folder,
        **options,
    )


def test_each_compare_cell_gets_its_motion_check(fast_emulator, tmp_path):
    compare = boat_sweep(
        fast_emulator, tmp_path, {"model_name": "kling-v1"}, {"cfg_scale": [0.3, 0.8]}
    )
    try:
        results = compare.run_sync()
        assert [r.status for r in results] == ["succeed", "succeed"]
        for result in results:
            assert result.motion is not None and result.motion["state"] == "done"
            assert result.motion_score is not None and result.motion_score >= 80
        rows = compare.results
        assert all(row["motion_verdict"] == "followed the brush" for row in rows)
        wait_until(lambda: all((c["motion"] or {}).get("state") == "done" for c in compare.cells))
        for cell in compare.cells:
            CELL.validate_python(cell)
    finally:
        compare.close()


def test_a_painted_area_is_read_from_the_wire_mask_at_the_sent_size(studio):
    """The Studio's picture is 640×360 here; the check measures in that picture's pixels."""
    paint_boat(studio)
    studio.generate_sync()
    report = studio.motion(timeout=60)
    assert report is not None
    assert report["picture"] == [
        studio.pictures["image"]["width"],
        studio.pictures["image"]["height"],
    ]
    assert np.allclose(report["areas"][0]["requested"], [[190, 270], [400, 300]])


def test_compare_carries_the_brush_and_measures_against_it(fast_emulator, tmp_path):
    """kling-v1 takes the brush; kling-v2-6 gets its end frame and is measured against the
    brush as painted, so the two are scored on the same intent."""
    compare = boat_sweep(
        fast_emulator,
        tmp_path,
        {"mode": "pro"},
        {"model_name": ["kling-v1", "kling-v2-6"]},
        carry=True,
    )
    try:
        v1, v26 = compare.cells
        assert v26["label"] == "model_name kling-v2-6 · brush as end frame"
        assert v26["differs"]["carried"] == "brush as end frame"
        assert v26["status"] == "planned" and v1["status"] == "planned"
        assert compare.summary["tasks"] == 2

        results = compare.run_sync()
        assert [r.status for r in results] == ["succeed", "succeed"], [r.error for r in results]
        brush, carried = results
        assert brush.motion is not None and brush.motion["intent"] == "the brush"
        assert carried.carried == ("brush",)
        assert carried.motion is not None and carried.motion["state"] == "done"
        assert carried.motion["intent"] == "the brush sent as an end frame"
        assert [area["name"] for area in carried.motion["areas"]] == ["dynamic 1"]
        rows = compare.results
        assert [row["carried"] for row in rows] == [None, "brush"]
        wait_until(lambda: all((c["motion"] or {}).get("state") == "done" for c in compare.cells))
        for cell in compare.cells:
            CELL.validate_python(cell)
    finally:
        compare.close()


def test_studio_compare_forwards_carry(studio):
    paint_boat(studio)
    studio.params = {**studio.params, "mode": "pro", "duration": "5"}
    compare = studio.compare({"model_name": ["kling-v1", "kling-v2-6"]}, carry=True)
    try:
        assert [cell.carried for cell in compare.plan.cells] == [(), ("brush",)]
        assert compare.plan.tasks == 2
    finally:
        compare.close()
