"""The widgets' small helpers: provider labels, spend, sweep folders, stop and budget notices,
and which waits this kernel has under way."""

from __future__ import annotations

from pathlib import Path

from kling_studio import Provider
from kling_studio.api.auth import BearerKey
from kling_studio.api.budget import BudgetExceeded
from kling_studio.api.connection import Connection
from kling_studio.widgets.folders import claim_folder, sweep_folder_name
from kling_studio.widgets.labels import provider_label
from kling_studio.widgets.notices import over_budget_message, stopped_message
from kling_studio.widgets.spend import spend_json
from kling_studio.widgets.waiting import begin_waiting, end_waiting, followed_here, waiting

KEY = BearerKey("sk-test")


def test_a_provider_is_named_by_its_kind_never_its_address():
    assert provider_label(Connection(Provider.cometapi("sk-test"))) == "CometAPI"
    assert provider_label(Connection(Provider.kling(api_key="sk-test"))) == "Kling API"
    custom = Provider.custom("http://proxy.internal:9999", KEY)
    assert provider_label(Connection(custom)) == "custom endpoint"
    assert provider_label(Connection(custom, emulated=True)) == "the local emulator"


def test_spend_says_when_a_run_would_go_over_the_budget():
    assert spend_json(10, today=35, budget=None, emulated=False)["over"] is False
    within = spend_json(10, today=35, budget=45, emulated=False)
    assert (within["over"], within["left"]) == (False, 10)
    over = spend_json(10.5, today=35, budget=45, emulated=True)
    assert (over["over"], over["emulated"]) == (True, True)
    assert spend_json(None, today=50, budget=45, emulated=False)["left"] == 0


def test_a_sweep_folder_is_never_reused(tmp_path: Path):
    name = sweep_folder_name(0)
    assert len(name.split("-")) == 3
    taken = tmp_path / "taken"
    taken.mkdir()
    claimed = claim_folder(tmp_path, taken)
    assert claimed != taken
    assert claimed.parent == tmp_path
    assert claimed.is_dir()
    assert claim_folder(tmp_path / "new" / "root", tmp_path / "new" / "root" / "x").name == "x"


def test_stop_and_budget_notices_say_what_happens_to_the_money():
    stopped = stopped_message("8123", "ks-1", sent=True)
    assert "task 8123 still runs and is billed" in stopped
    assert "studio.resume()" in stopped
    assert "ks-1" in stopped_message(None, "ks-1", sent=True)
    assert "nothing was created or billed" in stopped_message(None, None, sent=False)
    assert "is done and billed" in stopped_message("8123", "ks-1", sent=True, finished=True)
    refusal = over_budget_message(BudgetExceeded(10, 35, 40))
    assert "Click Generate again" in refusal
    assert "allow_over_budget=True" in refusal


def test_waits_in_this_kernel_are_counted_per_id():
    begin_waiting("ks-a", None)
    begin_waiting("ks-a")
    end_waiting("ks-a")
    assert followed_here("ks-a")
    end_waiting("ks-a", None)
    assert not followed_here("ks-a", None)
    with waiting("ks-b", "8123"):
        assert followed_here(None, "8123")
    assert not followed_here("ks-b", "8123")
