"""plan_sweep and the budget guard: pure, no emulator."""

from __future__ import annotations

import pytest

from kling_studio import CameraControl, Image2VideoRequest, KlingError
from kling_studio.api.capabilities import DOCUMENTED, MODELS
from kling_studio.compare import BudgetExceeded, check_budget, plan_sweep
from kling_studio.samples import landscape

DOCS = DOCUMENTED["kling"]
PICTURE = landscape(480, 320)


def base(**extra) -> Image2VideoRequest:
    return Image2VideoRequest(image=PICTURE, prompt="waves", **{"model_name": "kling-v1", **extra})


def test_two_fields_make_a_grid_rows_first():
    plan = plan_sweep(base(), {"cfg_scale": [0.2, 0.5, 0.8], "mode": ["std", "pro"]}, docs=DOCS)
    assert plan.axes.rows.name == "cfg_scale" and plan.axes.columns.name == "mode"
    assert plan.axes.shape == (3, 2)
    assert [c.id for c in plan.cells] == ["r0c0", "r0c1", "r1c0", "r1c1", "r2c0", "r2c1"]
    cell = plan.cell("r1c1")
    assert (cell.row, cell.column, cell.repeat) == (1, 1, 0)
    assert cell.values == {"cfg_scale": 0.5, "mode": "pro"}
    assert cell.request.cfg_scale == 0.5 and cell.request.mode == "pro"
    assert cell.request.prompt == "waves" and cell.request.image is PICTURE
    assert cell.label == "cfg_scale 0.5 · mode pro"
    assert cell.differs == {"cfg_scale": 0.5, "mode": "pro"}
    assert plan.tasks == 6 and plan.unsupported == 0 and plan.warnings == ()


def test_the_estimate_is_the_price_table_per_cell():
    plan = plan_sweep(base(), {"mode": ["std", "pro"], "duration": [5, 10]}, docs=DOCS)
    units = MODELS["kling-v1"].units
    expected = units["std", "5"] + units["std", "10"] + units["pro", "5"] + units["pro", "10"]
    assert plan.units == expected
    assert plan.cell("r1c1").estimate == units["pro", "10"]
    assert plan.cell("r0c1").request.duration == "10"  # coerced as the request model does


def test_one_field_is_a_single_row_and_differs_only_where_it_differs():
    plan = plan_sweep(base(cfg_scale=0.5), {"cfg_scale": [0.5, 0.9]}, docs=DOCS)
    assert plan.axes.rows is None and plan.axes.shape == (1, 2)
    assert [(c.id, c.row, c.column) for c in plan.cells] == [("r0c0", 0, 0), ("r0c1", 0, 1)]
    assert plan.cells[0].differs == {} and plan.cells[1].differs == {"cfg_scale": 0.9}


def test_more_than_two_fields_are_a_flat_list_and_repeats_are_cells():
    vary = {"cfg_scale": [0.3, 0.7], "mode": ["std", "pro"], "prompt": ["calm", "storm"]}
    plan = plan_sweep(base(), vary, repeats=2, docs=DOCS)
    assert plan.axes.shape is None and [a.name for a in plan.axes.listed] == list(vary)
    assert len(plan.cells) == 16 and plan.tasks == 16
    assert [c.id for c in plan.cells[:3]] == ["c00-1", "c00-2", "c01-1"]
    assert {(c.row, c.column) for c in plan.cells} == {(None, None)}
    assert plan.cells[1].label == "cfg_scale 0.3 · mode std · prompt calm · take 2"
    assert plan.units == 2 * 4 * (MODELS["kling-v1"].units["std", "5"] + 3.5)


def test_camera_values_read_short_in_labels():
    plan = plan_sweep(
        base(model_name="kling-v1-5", mode="pro"),
        {"camera_control": [CameraControl.simple(zoom=5), {"type": "forward_up"}]},
        docs=DOCS,
    )
    assert [c.label for c in plan.cells] == [
        "camera_control simple zoom 5",
        "camera_control forward_up",
    ]
    simple, preset = plan.cells
    assert simple.supported
    assert not preset.supported and "supports only simple" in preset.reason


@pytest.mark.parametrize(
    ("vary", "says"),
    [
        ({"cfg": [0.5]}, "'cfg' is not a field"),
        ({"model": ["kling-v2-1"]}, "use model_name"),
        ({"external_task_id": ["a"]}, "its own id"),
        ({"mode": ["ultra"]}, "vary['mode']: ultra is not valid"),
        ({"mode": "pro"}, "give a list"),
        ({"mode": []}, "at least one value"),
    ],
)
def test_bad_fields_and_values_are_named(vary, says):
    with pytest.raises(ValueError, match=says.replace("[", r"\[").replace("]", r"\]")):
        plan_sweep(base(), vary, docs=DOCS)


def test_cfg_scale_on_v2_runs_and_the_plan_warns_it_is_a_no_op():
    plan = plan_sweep(base(model_name="kling-v2-1"), {"cfg_scale": [0.2, 0.8]}, docs=DOCS)
    assert len(plan.warnings) == 1
    assert "cfg_scale" in plan.warnings[0] and "kling-v2-1" in plan.warnings[0]
    assert "r0c0, r0c1" in plan.warnings[0] and "left out of the request" in plan.warnings[0]
    assert plan.unsupported == 0 and plan.tasks == 2 and plan.units == 2 * 2
    assert [cell.reason for cell in plan.cells] == ["", ""]


def test_mode_on_a_single_tier_model_warns_but_is_sent():
    plan = plan_sweep(
        base(),
        {"model_name": ["kling-v1", "kling-v2-master"], "mode": ["std", "pro"]},
        docs=DOCS,
    )
    assert plan.warnings == (
        "Varying mode has no effect on kling-v2-master, which has a single quality tier: "
        "cells r1c0, r1c1 will look alike and cost the same.",
    )
    assert plan.tasks == 4


def test_an_unsupported_combination_is_marked_with_the_reason():
    plan = plan_sweep(
        base(model_name="kling-v1-6", image_tail=landscape(480, 320)),
        {"mode": ["std", "pro"]},
        docs=DOCS,
    )
    std, pro = plan.cells
    assert not std.supported and "image_tail" in std.reason and "needs pro 5/10 s" in std.reason
    assert pro.supported and pro.reason == ""
    assert (plan.tasks, plan.unsupported) == (1, 1)
    assert plan.units == MODELS["kling-v1-6"].units["pro", "5"]


def test_budget_guard():
    plan = plan_sweep(base(), {"mode": ["std", "pro"]}, docs=DOCS)  # 1 + 3.5 units
    check_budget(plan, None, confirmed=False)
    check_budget(plan, 4.5, confirmed=False)
    check_budget(plan, 4, confirmed=True)
    with pytest.raises(BudgetExceeded, match=r"4\.5 units, over the budget of 4 units") as caught:
        check_budget(plan, 4, confirmed=False)
    assert isinstance(caught.value, KlingError)
    assert (caught.value.estimate, caught.value.budget) == (4.5, 4)


def test_the_daily_budget_guards_a_sweep_too():
    plan = plan_sweep(base(), {"mode": ["std", "pro"]}, docs=DOCS)  # 1 + 3.5 units
    check_budget(plan, None, confirmed=False, left=5)
    with pytest.raises(BudgetExceeded, match="what is left of today's budget"):
        check_budget(plan, None, confirmed=False, left=4)
    check_budget(plan, None, confirmed=True, left=0)
