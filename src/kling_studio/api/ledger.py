"""The spend ledger: the journal's tasks summed per day and per model × mode. Pure.

Units are what the service charged (``final_unit_deduction``) where it said so, else the price
table's estimate, marked as such; failed tasks and creates that never landed cost nothing.
Emulated tasks are summed apart: they cost nothing real and must never hide real spend.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .journal import JournalEntry


@dataclass
class Total:
    """Units of a group of tasks, charged and estimated apart."""

    tasks: int = 0
    charged: float = 0.0
    estimated: float = 0.0

    @property
    def units(self) -> float:
        return round(self.charged + self.estimated, 4)

    def add(self, entry: JournalEntry) -> None:
        self.tasks += 1
        if entry.units_estimated:
            self.estimated += entry.units
        else:
            self.charged += entry.units

    def as_row(self) -> dict[str, Any]:
        return {
            "tasks": self.tasks,
            "units": self.units,
            "charged": round(self.charged, 4),
            "estimated": round(self.estimated, 4),
        }


def _scope(entry: JournalEntry) -> str:
    return "emulated" if entry.emulated else "real"


@dataclass
class Ledger:
    tasks: list[JournalEntry] = field(default_factory=list)
    by_day: dict[tuple[str, str], Total] = field(default_factory=lambda: defaultdict(Total))
    by_model: dict[tuple[str, str, str], Total] = field(default_factory=lambda: defaultdict(Total))
    totals: dict[str, Total] = field(default_factory=lambda: defaultdict(Total))

    def as_json(self) -> Mapping[str, Any]:
        return {
            "tasks": [entry.as_row() for entry in self.tasks],
            "days": [
                {"day": day, "scope": scope, **total.as_row()}
                for (day, scope), total in sorted(self.by_day.items())
            ],
            "models": [
                {"model": model, "mode": mode, "scope": scope, **total.as_row()}
                for (model, mode, scope), total in sorted(self.by_model.items())
            ],
            "totals": {scope: total.as_row() for scope, total in sorted(self.totals.items())},
        }


def day_of(seconds: float) -> str:
    return dt.datetime.fromtimestamp(seconds).date().isoformat()


def ledger(entries: Iterable[JournalEntry]) -> Ledger:
    """Sum the entries per (local) day, per model × mode, and in all, real and emulated apart."""
    result = Ledger()
    for entry in entries:
        scope = _scope(entry)
        result.tasks.append(entry)
        result.by_day[day_of(entry.created_at), scope].add(entry)
        result.by_model[entry.model, entry.mode, scope].add(entry)
        result.totals[scope].add(entry)
    return result
