"""Notebook widgets (anywidget): ``Studio`` now; ``Compare`` in a later issue."""

from __future__ import annotations

from .studio import Studio

__all__ = ["Studio"]
