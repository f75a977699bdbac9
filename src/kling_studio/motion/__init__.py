"""The motion check (issue 13): what moved in a result, measured against what was asked.

``check_motion(video, intent)`` reads a result once and measures each dynamic area's path
(``areas``, scored by ``compare``), the static area's stillness (``still``) and the camera's move
(``camera``) against a ``MotionIntent`` (``intent``: read from the payload as sent, or the brush
as painted). ``end_frame`` carries a brush to the models without one (the last frame it asks
for, sent as ``image_tail``), ``camera_phrase`` a camera move (words for the prompt). Points are
the picture's pixels, top-left. Names load on first use: ``import kling_studio.motion`` loads no
numpy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kling_studio._lazy import lazy_names

if TYPE_CHECKING:
    from .camera import CameraAsk, CameraMotion, measure_camera
    from .camera_words import camera_phrase
    from .check import check_motion
    from .compare import PathScore, compare_paths
    from .endframe import EndFrame, end_frame
    from .intent import MotionIntent, intent_of_paint, intent_of_payload
    from .still import StaticMotion, measure_static

_LAZY: dict[str, str] = {
    **dict.fromkeys(("PathScore", "compare_paths"), ".compare"),
    **dict.fromkeys(("EndFrame", "end_frame"), ".endframe"),
    **dict.fromkeys(("StaticMotion", "measure_static"), ".still"),
    **dict.fromkeys(("CameraAsk", "CameraMotion", "measure_camera"), ".camera"),
    **dict.fromkeys(("MotionIntent", "intent_of_paint", "intent_of_payload"), ".intent"),
    "camera_phrase": ".camera_words",
    "check_motion": ".check",
}

__all__ = [
    "CameraAsk",
    "CameraMotion",
    "EndFrame",
    "MotionIntent",
    "PathScore",
    "StaticMotion",
    "camera_phrase",
    "check_motion",
    "compare_paths",
    "end_frame",
    "intent_of_paint",
    "intent_of_payload",
    "measure_camera",
    "measure_static",
]

__getattr__, __dir__ = lazy_names(__name__, _LAZY, globals())
