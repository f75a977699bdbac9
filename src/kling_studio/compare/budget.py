"""The budget guard: a sweep multiplies the price of one clip, so it asks before it spends."""

from __future__ import annotations

from kling_studio.api.errors import KlingError

from .plan import SweepPlan


class BudgetExceeded(KlingError):  # noqa: N818 - the name the feature's callers use
    """The sweep would cost more units than allowed; raised before anything is sent."""

    def __init__(self, units: float, max_units: float) -> None:
        self.units = units
        self.max_units = max_units
        super().__init__(
            f"the sweep would cost about {units:g} units, over the budget of {max_units:g}; "
            "nothing was sent (confirm to run it anyway)"
        )


def check_budget(plan: SweepPlan, max_units: float | None, *, confirmed: bool) -> None:
    """Raise ``BudgetExceeded`` when the plan's estimate is over ``max_units`` (None: no limit)
    and the user has not confirmed."""
    if max_units is not None and plan.units > max_units and not confirmed:
        raise BudgetExceeded(plan.units, max_units)
