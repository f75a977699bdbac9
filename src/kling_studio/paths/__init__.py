"""Path tools for the motion brush, in the kernel: shape and timing presets, and measures
(length, equal-time ticks). Points are the picture's pixels, top-left.

Names load on first use: ``import kling_studio.paths`` does not load numpy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kling_studio._lazy import lazy_names

if TYPE_CHECKING:
    from .measure import PathLength, length, ticks
    from .presets import EASINGS, arc, ease, reverse, straight

_LAZY: dict[str, str] = {
    **dict.fromkeys(("PathLength", "length", "ticks"), ".measure"),
    **dict.fromkeys(("EASINGS", "arc", "ease", "reverse", "straight"), ".presets"),
}

__all__ = [
    "EASINGS",
    "PathLength",
    "arc",
    "ease",
    "length",
    "reverse",
    "straight",
    "ticks",
]

__getattr__, __dir__ = lazy_names(__name__, _LAZY, globals())
