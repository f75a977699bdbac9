"""What a run costs next to what today has cost, for the Studio's ``spend`` trait. Pure."""

from __future__ import annotations

from .contract import Spend


def spend_json(run: float | None, *, today: float, budget: float | None, emulated: bool) -> Spend:
    """``run`` is the estimate for the run on offer (None when the form makes no valid run);
    ``over`` says the run would take today's spend past the budget (None: no budget)."""
    left = None if budget is None else round(max(budget - today, 0.0), 4)
    over = budget is not None and today + (run or 0.0) > budget
    return {
        "run": run,
        "today": round(today, 4),
        "budget": budget,
        "left": left,
        "over": over,
        "emulated": emulated,
    }
