"""What the video shows, as a pure frame generator: no files, no codecs.

A ``Scene`` is a list of shots. A shot is one or more pictures dissolving into each other by
their opacities, all seen through one view per frame, then a brightness shimmer, then sprites
(cut-out areas) pasted at their offsets. Everything heavy (fitted pictures, borders, cut-outs,
per-frame views) is prepared once per clip; a frame costs one resampling, a blend while pictures
dissolve and a few pastes, and ``frames`` makes them one at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial

import numpy as np
import numpy.typing as npt
from PIL import Image

from kling_studio.brushwork import Piece, composed

from .timing import Curve
from .warp import Views, in_pixels, overflow, surround, warp


@dataclass(frozen=True, eq=False)
class Layer:
    source: Image.Image
    """The picture, framed by as much border as the shot's views reach past its edges."""
    opacity: Curve
    """Per frame, over the layers below (the first layer's is 1)."""


@dataclass(frozen=True, eq=False)
class Sprite(Piece):
    """A cut-out area of the picture, pasted over each frame at its place plus an offset."""

    offsets: npt.NDArray[np.int64]
    """Per frame (dx, dy) in output pixels; all zero for an area that stays still."""


@dataclass(frozen=True, eq=False)
class Shot:
    views: Views
    """Per frame: output pixel → source pixel."""
    layers: tuple[Layer, ...]
    shimmer: Curve
    """Per frame brightness gain (0 = untouched)."""
    sprites: tuple[Sprite, ...] = ()
    """Pasted in order, the last on top."""

    @property
    def frames(self) -> int:
        return len(self.views)


def shot(
    views: Views,
    pictures: Sequence[Image.Image],
    fades: Sequence[Curve] = (),
    shimmer: Curve | None = None,
    sprites: tuple[Sprite, ...] = (),
) -> Shot:
    """``pictures`` (at the output size) seen through centred ``views``; each after the first
    dissolves in by its curve in ``fades``."""
    size, count = pictures[0].size, len(views)
    margin = overflow(views, size)
    opacities = [np.ones(count), *fades]
    return Shot(
        in_pixels(views, size, margin),
        tuple(
            Layer(surround(picture, margin), opacity)
            for picture, opacity in zip(pictures, opacities, strict=True)
        ),
        np.zeros(count) if shimmer is None else shimmer,
        sprites,
    )


@dataclass(frozen=True)
class Scene:
    size: tuple[int, int]
    fps: int
    shots: tuple[Shot, ...]

    @property
    def frame_count(self) -> int:
        return sum(shot.frames for shot in self.shots)


def frames(scene: Scene) -> Iterator[Image.Image]:
    """Every frame of ``scene`` in order, each a new image computed on demand."""
    return (make() for make in frame_jobs(scene))


def frame_jobs(scene: Scene) -> Iterator[Callable[[], Image.Image]]:
    """One call per frame, in order; each is independent, so they can run on several threads."""
    for shot in scene.shots:
        for index in range(shot.frames):
            yield partial(compose, shot, index, scene.size)


def compose(shot: Shot, index: int, size: tuple[int, int]) -> Image.Image:
    """Frame ``index`` of ``shot``: dissolve the pictures (layers under an opaque one are
    skipped), then resample once."""
    top = max(n for n, each in enumerate(shot.layers) if each.opacity[index] >= 1)
    picture = shot.layers[top].source
    for above in shot.layers[top + 1 :]:
        if above.opacity[index] > 0:
            picture = Image.blend(picture, above.source, float(above.opacity[index]))
    frame = warp(picture, shot.views[index], size)
    if shot.shimmer[index]:
        frame = frame.point(brightness(float(shot.shimmer[index])))
    if shot.sprites:
        frame = composed(frame, ((sprite, sprite.offsets[index]) for sprite in shot.sprites))
    return frame


def brightness(gain: float) -> list[int]:
    """A lookup table for ``Image.point`` that scales every channel by ``1 + gain``."""
    table = np.clip(np.arange(256) * (1 + gain) + 0.5, 0, 255).astype(np.uint8)
    return list(np.tile(table, 3).tobytes())
