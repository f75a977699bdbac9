"""The motion check (issue 13): what moved in a result, measured against what was asked.

The comparison of a requested path and a measured one (``compare``), the static area's stillness
(``still``), the camera's move (``camera``) and camera moves in words (``camera_words``). Points
are the picture's pixels, top-left. Names load on first use: ``import kling_studio.motion``
loads no numpy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kling_studio._lazy import lazy_names

if TYPE_CHECKING:
    from .camera import CameraAsk, CameraMotion, measure_camera
    from .camera_words import camera_phrase
    from .compare import PathScore, compare_paths
    from .still import StaticMotion, measure_static

_LAZY: dict[str, str] = {
    **dict.fromkeys(("PathScore", "compare_paths"), ".compare"),
    **dict.fromkeys(("StaticMotion", "measure_static"), ".still"),
    **dict.fromkeys(("CameraAsk", "CameraMotion", "measure_camera"), ".camera"),
    "camera_phrase": ".camera_words",
}

__all__ = [
    "CameraAsk",
    "CameraMotion",
    "PathScore",
    "StaticMotion",
    "camera_phrase",
    "compare_paths",
    "measure_camera",
    "measure_static",
]

__getattr__, __dir__ = lazy_names(__name__, _LAZY, globals())
