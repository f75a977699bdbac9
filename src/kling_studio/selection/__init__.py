"""Selection tools for motion-brush areas: numpy pictures in, boolean masks out.

Pictures are H×W×3 uint8 RGB arrays (as the Studio holds them), masks H×W bool, points (x, y)
pixels with the origin top-left. Each tool is a small module with one job; OpenCV loads with the
first tool used, not with the package.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kling_studio._lazy import lazy_names

if TYPE_CHECKING:
    from .click import select
    from .magnetic import MagneticLasso, lasso
    from .masks_io import load_mask, mask_array, paint_png
    from .refine import brush_stamp, feather, fill_holes, grow, invert, shrink
    from .regions import Superpixels, flood_fill
    from .segment import Selection
    from .subject import select_subject

_LAZY: dict[str, str] = {
    "select": ".click",
    **dict.fromkeys(("MagneticLasso", "lasso"), ".magnetic"),
    **dict.fromkeys(("load_mask", "mask_array", "paint_png"), ".masks_io"),
    **dict.fromkeys(
        ("brush_stamp", "feather", "fill_holes", "grow", "invert", "shrink"), ".refine"
    ),
    **dict.fromkeys(("Superpixels", "flood_fill"), ".regions"),
    "Selection": ".segment",
    "select_subject": ".subject",
}
"""Public name -> the module defining it, imported on first use: ``import
kling_studio.selection`` loads neither OpenCV nor numpy."""

__getattr__, __dir__ = lazy_names(__name__, _LAZY, globals())

__all__ = [
    "MagneticLasso",
    "Selection",
    "Superpixels",
    "brush_stamp",
    "feather",
    "fill_holes",
    "flood_fill",
    "grow",
    "invert",
    "lasso",
    "load_mask",
    "mask_array",
    "paint_png",
    "select",
    "select_subject",
    "shrink",
]
