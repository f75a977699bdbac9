"""Notebook widgets (anywidget): ``Studio`` to make one video, ``Compare`` to sweep settings."""

from __future__ import annotations

from .compare import Compare
from .studio import Studio

__all__ = ["Compare", "Studio"]
