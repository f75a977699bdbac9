"""The one pipeline behind click, box and subject selection: search small, decide the edge
finer, snap it at full resolution; with the time each step took.

A click on a 1280×720 picture is searched on a 320×180 copy, its edge decided on the object's part
at up to 384 px and snapped to the picture's edges at 1280×720 (see ``search`` and ``edges``):
GrabCut never runs on more pixels than a small copy has, whatever the picture's size. The sizes
are ``bench/selection.py``'s measurements: a finer search keeps thin parts (a horse's legs) but
costs time for little else; a finer edge step than 384 px, or GrabCut on the full-resolution
band instead of the guided filter, costs 4× the time for 0.001 of IoU.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Final

import numpy as np

from .arrays import Mask, Picture, Pixel, Rect
from .downscale import downscale, factor_for
from .edges import finer_edge, snapped
from .search import cut_box, find_clicked

SEARCH_SIDE: Final = 320
"""The long side of the copy the object is searched on."""


@dataclass(frozen=True)
class Selection:
    """A tool's answer: the mask, and how long each step took (ms), in order."""

    mask: Mask
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def total_ms(self) -> float:
        return sum(self.timings.values())


@dataclass
class Stopwatch:
    """Milliseconds per named step."""

    laps: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        began = time.perf_counter()
        try:
            yield
        finally:
            self.laps[name] = self.laps.get(name, 0.0) + (time.perf_counter() - began) * 1000


def segment(
    picture: Picture,
    *,
    click: Pixel | None = None,
    box: Rect | None = None,
    tight_box: bool = True,
) -> Selection:
    """The object under ``click``, in ``box``, or both (a click in a box); a box that is not
    ``tight_box`` (drawn close around its object) is only known to hold it."""
    clock = Stopwatch()
    height, width = picture.shape[:2]
    with clock.step("downscale"):
        factor = factor_for(max(height, width), SEARCH_SIDE)
        small = downscale(picture, factor)
    with clock.step("search"):
        seed = small.pixel(click) if click is not None else None
        if box is not None:
            coarse = cut_box(small.image, small.rect(box), seed, tight=tight_box)
        elif seed is not None:
            coarse = find_clicked(small.image, seed)
        else:
            raise ValueError("segment needs a click, a box or both")
    if not coarse.any():
        return Selection(np.zeros((height, width), dtype=bool), clock.laps)
    with clock.step("edge"):
        fine, edge = finer_edge(picture, coarse, factor, click)
    with clock.step("snap"):
        mask = snapped(picture, fine, edge)
    return Selection(mask, clock.laps)
