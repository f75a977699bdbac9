"""Sweep runs on the emulator: learning the concurrency limit, the budget, unsupported cells,
failures and retries."""

from __future__ import annotations

import itertools

import pytest

from kling_studio.api.capabilities import MODELS
from kling_studio.compare import BudgetExceeded, Sweep, plan_sweep, results_table, run_sweep
from kling_studio.samples import landscape

from .helpers import base_request

GRID = {"mode": ["std", "pro"], "cfg_scale": [0.2, 0.5, 0.8]}


async def test_learns_the_accounts_limit_and_loses_no_cell(served):
    async with served(concurrency=2) as (emulator, client):
        plan = plan_sweep(base_request(), GRID, docs=client.provider.docs)
        on_server: list[int] = []
        seen: dict[str, list[str]] = {}

        def on_change(state):
            on_server.append(sum(not task.status.terminal for task in emulator.tasks))
            seen.setdefault(state.cell_id, []).append(state.status)

        sweep = Sweep(client, plan, directory=None, concurrency=5, on_change=on_change)
        results = await sweep.run()
        tasks = emulator.tasks

    assert [r.status for r in results] == ["succeed"] * 6
    assert all(r.attempts == 1 and r.error == "" for r in results)
    assert sweep.limit == 2  # learned from 1303, none of which failed a cell
    assert max(on_server) == 2  # never more than the account's limit, and it was used
    assert len(tasks) == 6 and {t.status for t in tasks} == {"succeed"}
    assert {r.task_id for r in results} == {t.task_id for t in tasks}
    for statuses in seen.values():
        assert [s for s, _ in itertools.groupby(statuses)] == [
            "queued",
            "submitted",
            "processing",
            "succeed",
        ]
    first = results[0]  # real seconds: the emulator's 1 s queue and 60 s of work at 100×
    assert first.queued_seconds == pytest.approx(0.01, abs=0.005)
    ms = 0.001  # the wire's timestamps are whole milliseconds: a span can read up to 1 ms short
    assert first.processing_seconds >= 0.6 - ms and first.elapsed_seconds >= 0.61 - ms


async def test_units_are_what_the_price_table_says(served):
    async with served() as (_, client):
        plan = plan_sweep(base_request(), GRID, docs=client.provider.docs)
        results = await run_sweep(client, plan, directory=None)
    prices = MODELS["kling-v1"].units
    expected = 3 * prices["std", "5"] + 3 * prices["pro", "5"]
    assert plan.units == expected
    assert sum(r.units for r in results) == expected  # final_unit_deduction, as reported
    rows = results_table(results)
    assert rows[1]["cfg_scale"] == 0.5 and rows[1]["mode"] == "std"
    assert rows[1]["units"] == prices["std", "5"] and rows[1]["status"] == "succeed"


async def test_over_budget_sends_nothing(served, tmp_path):
    async with served() as (emulator, client):
        plan = plan_sweep(base_request(), GRID, docs=client.provider.docs)
        with pytest.raises(BudgetExceeded, match=r"13\.5 units"):
            await run_sweep(client, plan, directory=tmp_path, max_units=10)
        assert emulator.tasks == ()
    assert list(tmp_path.iterdir()) == []


async def test_unsupported_cells_are_marked_and_never_sent(served):
    async with served() as (emulator, client):
        request = base_request(model_name="kling-v1-6", image_tail=landscape(480, 320))
        plan = plan_sweep(request, {"mode": ["std", "pro"]}, docs=client.provider.docs)
        std, pro = await run_sweep(client, plan, directory=None)
        tasks = emulator.tasks
    assert std.status == "unsupported" and "image_tail" in std.error and std.task_id is None
    assert pro.status == "succeed"
    assert [(t.mode, t.task_id) for t in tasks] == [("pro", pro.task_id)]


async def test_a_failed_cell_is_retried_on_its_own(served):
    async with served() as (emulator, client):
        emulator.faults.add("1301", endpoint="create", times=1)  # content policy, never retried
        plan = plan_sweep(base_request(), {"cfg_scale": [0.2, 0.5, 0.8]}, docs=client.provider.docs)
        sweep = Sweep(client, plan, directory=None)
        results = await sweep.run()
        (failed,) = [r for r in results if r.status == "failed"]  # whichever create came first
        assert "1301" in failed.error and failed.task_id is None
        assert sorted(r.status for r in results) == ["failed", "succeed", "succeed"]
        assert len(emulator.tasks) == 2

        again = await sweep.retry(failed.cell_id)
        assert again.status == "succeed" and again.error == "" and again.attempts == 1
        assert len(emulator.tasks) == 3
        others = [r.task_id for r in results if r is not failed]
        assert [r.task_id for r in sweep.results if r.cell_id != failed.cell_id] == others
        with pytest.raises(ValueError, match="only failed cells"):
            await sweep.retry(failed.cell_id)


async def test_a_retry_never_pays_for_a_finished_task_twice(served, tmp_path):
    """Without rendering a succeeded task has no video, so saving fails; the retry asks the same
    task again instead of creating another."""
    async with served() as (emulator, client):
        plan = plan_sweep(base_request(), {"mode": ["std"]}, docs=client.provider.docs)
        sweep = Sweep(client, plan, directory=tmp_path)
        (result,) = await sweep.run()
        assert result.status == "failed" and "without a video" in result.error
        assert result.units == MODELS["kling-v1"].units["std", "5"]
        (again,) = [await sweep.retry(result.cell_id)]
        assert again.task_id == result.task_id and again.attempts == 1
        assert len(emulator.tasks) == 1


async def test_a_confirmed_sweep_may_go_over_the_daily_budget_an_unconfirmed_one_sends_nothing(
    served,
):
    async with served() as (emulator, client):
        client.budget_units = 2.0  # the grid costs 1 + 3.5 units
        plan = plan_sweep(base_request(), {"mode": ["std", "pro"]}, docs=client.provider.docs)
        with pytest.raises(BudgetExceeded, match="today's budget"):
            await Sweep(client, plan, directory=None).run()
        assert emulator.tasks == ()
        results = await Sweep(client, plan, directory=None, confirmed=True).run()
    assert [r.status for r in results] == ["succeed", "succeed"]
    assert client.spent_today() == 4.5
