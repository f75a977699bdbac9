"""What the video shows, as a pure frame generator: no files, no codecs.

A ``Scene`` is a list of shots; ``frames`` yields one Pillow image per output frame. Today a shot
is a slow zoom on its image (cross-fading into the tail frame when there is one); camera moves,
frozen static-mask areas and dynamic masks along their trajectories extend ``Shot`` and
``frames`` without touching the encoder.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Final

from PIL import Image, ImageDraw, ImageFont

ZOOM: Final = 0.08
"""How far a shot pushes in over its length."""
BACKGROUND: Final = (16, 16, 20)
MARK_TEXT: Final = "emulated"
WATERMARK_TEXT: Final = "KLING EMULATOR"


@dataclass(frozen=True)
class Shot:
    image: Image.Image
    """Already fitted to the output size."""
    frames: int
    zoom: tuple[float, float] = (1.0, 1.0 + ZOOM)
    end: Image.Image | None = None
    """A frame to cross-fade into (the tail frame), fitted like ``image``."""


@dataclass(frozen=True)
class Scene:
    size: tuple[int, int]
    fps: int
    shots: tuple[Shot, ...]

    @property
    def frame_count(self) -> int:
        return sum(shot.frames for shot in self.shots)


def output_size(aspect: float, short_side: int) -> tuple[int, int]:
    """Width × height with ``short_side`` on the short side, ``aspect`` kept, both even."""
    long_side = 2 * round(short_side * max(aspect, 1 / aspect) / 2)
    return (long_side, short_side) if aspect >= 1 else (short_side, long_side)


def parse_aspect(ratio: str) -> float:
    """``"16:9"`` → 1.777…"""
    width, height = ratio.split(":")
    return int(width) / int(height)


def cover(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    """Scale to fill ``size`` and crop the overflow evenly."""
    scale = max(size[0] / image.width, size[1] / image.height)
    width, height = size[0] / scale, size[1] / scale
    left, top = (image.width - width) / 2, (image.height - height) / 2
    return image.resize(
        size, Image.Resampling.BILINEAR, box=(left, top, left + width, top + height)
    )


def contain(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    """Scale to fit inside ``size`` and centre on a dark background."""
    scale = min(size[0] / image.width, size[1] / image.height)
    fitted = image.resize(
        (max(1, round(image.width * scale)), max(1, round(image.height * scale))),
        Image.Resampling.BILINEAR,
    )
    canvas = Image.new("RGB", size, BACKGROUND)
    canvas.paste(fitted, ((size[0] - fitted.width) // 2, (size[1] - fitted.height) // 2))
    return canvas


def image_scene(
    image: Image.Image | None,
    tail: Image.Image | None,
    *,
    short_side: int,
    fps: int,
    seconds: int,
) -> Scene:
    """image2video: zoom in on the image (fading into the tail), or zoom out onto a lone tail."""
    first = image or tail
    if first is None:
        raise ValueError("image2video needs an image or a tail frame")
    size = output_size(first.width / first.height, short_side)
    frames = fps * seconds
    if image is None:
        shot = Shot(cover(first, size), frames, zoom=(1.0 + ZOOM, 1.0))
    else:
        shot = Shot(cover(image, size), frames, end=cover(tail, size) if tail else None)
    return Scene(size, fps, (shot,))


def multi_image_scene(
    images: Sequence[Image.Image], *, aspect_ratio: str, short_side: int, fps: int, seconds: int
) -> Scene:
    """multi-image2video: the references in order, each a slow zoom, at the asked aspect."""
    size = output_size(parse_aspect(aspect_ratio), short_side)
    total = fps * seconds
    share, extra = divmod(total, len(images))
    shots = tuple(
        Shot(contain(image, size), share + (1 if index < extra else 0))
        for index, image in enumerate(images)
    )
    return Scene(size, fps, shots)


def frames(scene: Scene) -> Iterator[Image.Image]:
    """Every frame of ``scene`` in order, computed on demand."""
    width, height = scene.size
    for shot in scene.shots:
        last = max(1, shot.frames - 1)
        for index in range(shot.frames):
            progress = index / last
            zoom = shot.zoom[0] + (shot.zoom[1] - shot.zoom[0]) * progress
            crop_w, crop_h = width / zoom, height / zoom
            left, top = (width - crop_w) / 2, (height - crop_h) / 2
            frame = shot.image.resize(
                scene.size, Image.Resampling.BILINEAR, box=(left, top, left + crop_w, top + crop_h)
            )
            yield Image.blend(frame, shot.end, progress) if shot.end else frame


@cache
def label(text: str, height: int, opacity: int = 200) -> Image.Image:
    """White text on a translucent dark plate, ``height`` pixels tall (RGBA)."""
    font = ImageFont.load_default(size=max(8, int(height * 0.7)))
    left, top, right, bottom = (round(edge) for edge in font.getbbox(text))
    pad = max(2, height // 5)
    plate = Image.new("RGBA", (right - left + 2 * pad, height), (0, 0, 0, opacity // 2))
    ImageDraw.Draw(plate).text(
        (pad - left, (height - (bottom - top)) // 2 - top),
        text,
        font=font,
        fill=(255, 255, 255, opacity),
    )
    return plate


def stamp(frame: Image.Image, mark: Image.Image, *, right: bool, bottom: bool) -> Image.Image:
    """``frame`` with ``mark`` pasted in a corner (in place; returned for chaining)."""
    margin = max(4, frame.height // 60)
    x = frame.width - mark.width - margin if right else margin
    y = frame.height - mark.height - margin if bottom else margin
    frame.paste(mark, (x, y), mark)
    return frame
