"""The motion check (issue 13): what moved in a result, measured against what was asked.

Started with the comparison of a requested path and a measured one (``compare``); measuring the
areas, the static area and the camera from a clip follows. Points are the picture's pixels,
top-left. Names load on first use: ``import kling_studio.motion`` loads no numpy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kling_studio._lazy import lazy_names

if TYPE_CHECKING:
    from .compare import PathScore, compare_paths

_LAZY: dict[str, str] = dict.fromkeys(("PathScore", "compare_paths"), ".compare")

__all__ = ["PathScore", "compare_paths"]

__getattr__, __dir__ = lazy_names(__name__, _LAZY, globals())
