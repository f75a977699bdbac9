"""The motion check (issue 13): what moved in a result, measured against what was asked.

Started with the comparison of a requested path and a measured one (``compare``); measuring the
areas, the static area and the camera from a clip follows. ``end_frame`` carries a brush to the
models without one: the last frame it asks for, to send as ``image_tail``. Points are the
picture's pixels, top-left. Names load on first use: ``import kling_studio.motion`` loads no
numpy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kling_studio._lazy import lazy_names

if TYPE_CHECKING:
    from .compare import PathScore, compare_paths
    from .endframe import EndFrame, end_frame

_LAZY: dict[str, str] = {
    **dict.fromkeys(("PathScore", "compare_paths"), ".compare"),
    **dict.fromkeys(("EndFrame", "end_frame"), ".endframe"),
}

__all__ = ["EndFrame", "PathScore", "compare_paths", "end_frame"]

__getattr__, __dir__ = lazy_names(__name__, _LAZY, globals())
