"""The Compare widget's kernel side: the plan before sending, the budget guard, the run, videos."""

from __future__ import annotations

import pytest
from PIL import Image

from kling_studio import AsyncKlingClient, Compare, Studio
from kling_studio.api.capabilities import MODELS
from kling_studio.compare import BudgetExceeded
from kling_studio.embedded import emulator_connection
from kling_studio.emulator import Emulator, EmulatorConfig
from kling_studio.samples import landscape

VARY = {"cfg_scale": [0.3, 0.5, 0.8], "mode": ["std", "pro"]}


@pytest.fixture
def limited_emulator():
    config = EmulatorConfig(
        speed=100, queue_seconds=1, processing_seconds=20, concurrency=2, seed=2
    )
    with Emulator(config) as emulator:
        yield emulator


def make(emulator, tmp_path, **options) -> Compare:
    client = AsyncKlingClient(connection=emulator_connection(emulator))
    return Compare(
        landscape(480, 320),
        prompt="waves",
        fixed={"model_name": "kling-v1", "duration": "5"},
        vary=VARY,
        client=client,
        output_dir=tmp_path,
        **options,
    )


def test_the_plan_and_its_cost_show_before_anything_is_sent(limited_emulator, tmp_path):
    compare = make(limited_emulator, tmp_path)
    units = MODELS["kling-v1"].units
    assert compare.summary["tasks"] == 6
    assert compare.summary["units"] == pytest.approx(
        3 * units[("std", "5")] + 3 * units[("pro", "5")]
    )
    assert compare.axes["rows"]["name"] == "cfg_scale"
    assert compare.axes["columns"] == {"name": "mode", "values": ["std", "pro"]}
    assert {c["status"] for c in compare.cells} == {"planned"}
    assert limited_emulator.tasks == ()
    compare.close()


def test_the_budget_guard_refuses_without_sending(limited_emulator, tmp_path, front_end):
    compare = make(limited_emulator, tmp_path, max_units=5)
    assert compare.summary["over_budget"] is True
    with pytest.raises(BudgetExceeded):
        compare.start()
    reply = front_end(compare).asked({"type": "start", "confirm": False})
    assert reply["ok"] is False
    error = reply["error"]
    assert (error["field"], error["rule"]) == ("start", "must stay within the budget")
    assert error["value"] == f"about {compare.plan.units:g} units"
    assert "over the budget of 5" in error["text"] and "nothing was sent" in error["text"]
    assert compare.summary["phase"] == "refused"
    assert limited_emulator.tasks == ()
    compare.close()


def test_a_sweep_runs_within_the_limit_and_every_cell_plays(limited_emulator, tmp_path):
    compare = make(limited_emulator, tmp_path, concurrency=5)
    sent = []
    compare.send = lambda content, buffers=None: sent.append(content["slot"])
    results = compare.run_sync()
    assert [r.status for r in results] == ["succeed"] * 6
    assert all(cell["has_video"] for cell in compare.cells)
    assert sorted(sent) == sorted(f"video:{cell['id']}" for cell in compare.cells)
    assert compare.summary["phase"] == "done"
    assert len(limited_emulator.tasks) == 6  # no cell was sent twice, none lost to 1303
    table = compare.results
    assert {row["mode"] for row in table} == {"std", "pro"}
    sheet = compare.contact_sheet()
    assert Image.open(sheet).size[0] > 0
    compare.close()


def test_a_studio_sweeps_its_own_request(fast_emulator, tmp_path):
    client = AsyncKlingClient(connection=emulator_connection(fast_emulator))
    studio = Studio(
        image=landscape(480, 320), client=client, model_name="kling-v2-1", output_dir=tmp_path
    )
    compare = studio.compare({"cfg_scale": [0.3, 0.8]}, output_dir=tmp_path)
    assert any("left out of the request" in warning for warning in compare.summary["warnings"])
    assert compare.summary["unsupported"] == 0  # cfg_scale is a no-op on kling-v2-1, not a refusal
    compare.close()
    studio.close()
