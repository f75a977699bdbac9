"""The budget guard: a sweep multiplies the price of one clip, so it asks before it spends.

Two limits, both checked before anything is sent: the sweep's own ``max_units``, and what is
left of the client's daily budget (``budget_units`` / ``KLING_STUDIO_BUDGET_UNITS``). Confirming
the sweep approves both; its creates are then sent with ``allow_over_budget``.
"""

from __future__ import annotations

from kling_studio.api.budget import BudgetExceeded
from kling_studio.api.client import AsyncKlingClient

from .plan import SweepPlan

__all__ = ["BudgetExceeded", "check_budget", "left_today", "over_budget"]


def left_today(client: AsyncKlingClient) -> float | None:
    """Units left of the client's daily budget (None: no daily budget)."""
    if client.budget_units is None:
        return None
    return max(client.budget_units - client.spent_today(), 0.0)


def over_budget(plan: SweepPlan, max_units: float | None, left: float | None = None) -> bool:
    return (max_units is not None and plan.units > max_units) or (
        left is not None and plan.units > left
    )


def check_budget(
    plan: SweepPlan, max_units: float | None, *, confirmed: bool, left: float | None = None
) -> None:
    """Raise ``BudgetExceeded`` when the plan's estimate is over ``max_units`` or over what is
    left of today's budget (None: no limit), unless the user has confirmed."""
    if confirmed:
        return
    if max_units is not None and plan.units > max_units:
        raise BudgetExceeded(plan.units, 0.0, max_units, what="the sweep")
    if left is not None and plan.units > left:
        raise BudgetExceeded(
            plan.units, 0.0, left, what="the sweep (what is left of today's budget)"
        )
