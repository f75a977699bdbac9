"""A problem with a request: which field, which rule, what value — and how bad it is."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Final, Literal

from .errors import KlingError

FINITE: Final = "must be a finite number"
"""The rule for NaN and infinities, said alike by the rules and by media preparation (which
``prepare`` then reports once)."""

Severity = Literal["error", "capability", "warning"]
"""``capability``: the capability map forbids it — an error unless ``strict=False``."""


@dataclass(frozen=True)
class Problem:
    field: str
    rule: str
    value: object = None
    severity: Severity = "error"
    lenient: str | None = None
    brief: str | None = None
    """The rule in short, for beside the control it is about (the Studio's kept notes)."""
    """How the rule reads once ``strict=False`` lets the request go anyway (a capability
    problem's rule may say "sent as is only with strict=False"; the warning says "sent as
    is"). None: the rule reads right either way."""

    def relaxed(self) -> Problem:
        """This problem as the warning ``strict=False`` turns it into."""
        return replace(self, rule=self.lenient or self.rule, severity="warning", lenient=None)

    def __str__(self) -> str:
        shown = _shorten(self.value if isinstance(self.value, str) else repr(self.value))
        return f"{self.field}: {self.rule}" + (f" (got {shown})" if self.value is not None else "")


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else f"{text[: limit - 1]}…"


class ValidationError(KlingError, ValueError):
    """Every problem found in a request, raised before anything is sent."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        rules = "rule" if count == 1 else "rules"
        super().__init__(f"the request breaks {count} {rules}; nothing was sent:\n{lines}")

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(p.field for p in self.problems)
