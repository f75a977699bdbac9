"""``BudgetExceeded``: spending is approved in advance, so going over it is refused before sending.

One error for both guards: the client's daily budget (``budget_units``,
``KLING_STUDIO_BUDGET_UNITS``) and a sweep's ``max_units``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Final

from .errors import ConfigurationError, KlingError

BUDGET_VARIABLE: Final = "KLING_STUDIO_BUDGET_UNITS"


class BudgetExceeded(KlingError):  # noqa: N818 - the name the feature's callers use
    """The estimate would take spending over the budget; raised before anything is sent."""

    def __init__(
        self, estimate: float | None, spent: float, budget: float, *, what: str = ""
    ) -> None:
        self.estimate = estimate
        """Units the price table gives; None where it has no price (never assumed free)."""
        self.spent = spent
        self.budget = budget
        cost = "an unknown number of units" if estimate is None else f"about {units(estimate)}"
        if what:
            text = f"{what} would cost {cost}, over the budget of {units(budget)}"
        else:
            unknown = " (the price table has no price for it)" if estimate is None else ""
            text = (
                f"this task would cost {cost}{unknown}; {spent:g} of today's budget of "
                f"{units(budget)} are spent, so {max(budget - spent, 0):g} are left"
            )
        super().__init__(f"{text}; nothing was sent (confirm to spend it anyway)")


def units(value: float) -> str:
    """ "1 unit", "2.5 units": a count of units as a person writes it."""
    shown = f"{value:g}"
    return f"{shown} unit" if shown == "1" else f"{shown} units"


def budget_from_env(env: Mapping[str, str] | None = None) -> float | None:
    """The daily budget in units that ``KLING_STUDIO_BUDGET_UNITS`` sets, or None."""
    value = (os.environ if env is None else env).get(BUDGET_VARIABLE, "").strip()
    if not value:
        return None
    try:
        budget = float(value)
    except ValueError:
        raise ConfigurationError(
            f"{BUDGET_VARIABLE}: must be a number of units (got {value!r})"
        ) from None
    if budget < 0:
        raise ConfigurationError(f"{BUDGET_VARIABLE}: must be 0 or more (got {value!r})")
    return budget
