"""Parameter sweeps: the same picture and prompt under a grid of settings, side by side.

``plan_sweep`` builds the grid (pure: checked and priced before anything is sent),
``check_budget`` guards the spend, ``Sweep``/``run_sweep`` run it within the account's
concurrency, ``contact_sheet`` turns the results into one picture and ``export_grid`` into one
video (or a looping GIF/WebP) with every cell in step.
"""

from __future__ import annotations

from .budget import BudgetExceeded, check_budget, left_today, over_budget
from .contact import SheetStyle, contact_sheet
from .export import GridClip, GridExport, export_grid
from .gridlayout import AxisTitle, GridTitles
from .plan import Axes, Axis, Cell, SweepPlan, plan_sweep
from .results import CellResult, CellState, CellStatus, results_table
from .scheduler import Sweep, run_sweep

__all__ = [
    "Axes",
    "Axis",
    "AxisTitle",
    "BudgetExceeded",
    "Cell",
    "CellResult",
    "CellState",
    "CellStatus",
    "GridClip",
    "GridExport",
    "GridTitles",
    "SheetStyle",
    "Sweep",
    "SweepPlan",
    "check_budget",
    "contact_sheet",
    "export_grid",
    "left_today",
    "over_budget",
    "plan_sweep",
    "results_table",
    "run_sweep",
]
