"""The budget guard: a sweep multiplies the price of one clip, so it asks before it spends."""

from __future__ import annotations

from kling_studio.api.budget import BudgetExceeded

from .plan import SweepPlan

__all__ = ["BudgetExceeded", "check_budget"]


def check_budget(plan: SweepPlan, max_units: float | None, *, confirmed: bool) -> None:
    """Raise ``BudgetExceeded`` when the plan's estimate is over ``max_units`` (None: no limit)
    and the user has not confirmed."""
    if max_units is not None and plan.units > max_units and not confirmed:
        raise BudgetExceeded(plan.units, 0.0, max_units, what="the sweep")
