"""Scenes built once per session: a 1280×720 scene takes a few tens of milliseconds to draw,
and several tests click on the same ones."""

from __future__ import annotations

from functools import cache

from .scenes import Scene, synthetic


@cache
def scene(shape: str, background: str, size: tuple[int, int] = (1280, 720)) -> Scene:
    return synthetic(shape, background, size)
