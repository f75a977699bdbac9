"""Click (or box) to select: the object under a person's click, as a mask they can add to
(shift-click) or cut from (alt-click).

GrabCut seeded by the click, searched on a small copy and decided finely along the edge only
(``segment``), so that a click is answered in well under a second on a 12 MP photo.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

import numpy as np

from kling_studio.api.input_error import InputError

from . import arrays
from .arrays import Box, Mask, Point
from .segment import Selection, segment

COMBINE: Final[dict[tuple[bool, bool], Callable[[Mask, Mask], Mask]]] = {
    (False, False): lambda previous, new: new,
    (True, False): np.logical_or,
    (False, True): lambda previous, new: previous & ~new,
}
"""(add, remove) → how the new selection meets the previous one: replace, union, difference."""


def select(
    image: Any,
    *,
    point: Point | None = None,
    box: Box | None = None,
    add: bool = False,
    remove: bool = False,
    previous: Any = None,
) -> Selection:
    """The object at ``point`` (x, y), in ``box`` (x0, y0, x1, y1), or the one clicked in a box.

    ``add`` (shift-click) unites it with ``previous``, ``remove`` (alt-click) takes it out of
    ``previous``; without a previous mask, adding starts from nothing and removing leaves
    nothing. Points and boxes are in the picture's pixels, origin top-left.
    """
    picture = arrays.picture(image)
    if point is None and box is None:
        raise InputError("point", "a click or a box is needed to select something", None)
    combine = COMBINE.get((add, remove))
    if combine is None:
        raise InputError("remove", "cannot both add and remove with one click", "add and remove")
    click = arrays.pixel(point, picture.shape) if point is not None else None
    rect = arrays.rect(box, picture.shape) if box is not None else None
    if click is not None and rect is not None and not _inside(click, rect):
        raise InputError("point", "must lie inside the box when both are given", point)
    before = (
        arrays.mask(previous, picture.shape, field="previous")
        if previous is not None
        else np.zeros(picture.shape[:2], dtype=bool)
    )
    found = segment(picture, click=click, box=rect)
    return Selection(np.asarray(combine(before, found.mask), dtype=bool), found.timings)


def _inside(pixel: arrays.Pixel, rect: arrays.Rect) -> bool:
    return rect[0] <= pixel[0] < rect[2] and rect[1] <= pixel[1] < rect[3]
