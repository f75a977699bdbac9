"""Path tools for the motion brush, in the kernel: a path tracked from a clip, shape and timing
presets, and measures (length, equal-time ticks). Points are the picture's pixels, top-left.

Names load on first use: ``import kling_studio.paths`` loads neither numpy nor OpenCV nor PyAV.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kling_studio._lazy import lazy_names

if TYPE_CHECKING:
    from .measure import PathLength, length, ticks
    from .presets import EASINGS, arc, ease, reverse, straight
    from .track import TrackedPath, track_path

_LAZY: dict[str, str] = {
    **dict.fromkeys(("PathLength", "length", "ticks"), ".measure"),
    **dict.fromkeys(("EASINGS", "arc", "ease", "reverse", "straight"), ".presets"),
    **dict.fromkeys(("TrackedPath", "track_path"), ".track"),
}

__all__ = [
    "EASINGS",
    "PathLength",
    "TrackedPath",
    "arc",
    "ease",
    "length",
    "reverse",
    "straight",
    "ticks",
    "track_path",
]

__getattr__, __dir__ = lazy_names(__name__, _LAZY, globals())
