"""Fitting pictures to the output frame: its size, and filling it by cropping or letterboxing."""

from __future__ import annotations

from typing import Final

from PIL import Image, ImageEnhance, ImageFilter

LETTERBOX_BLUR: Final = 0.04
"""Blur of the picture behind a letterboxed one, as a fraction of the frame's short side."""
LETTERBOX_DIM: Final = 0.45
"""Brightness of that blurred backdrop, so the picture itself stands out."""


def output_size(aspect: float, short_side: int) -> tuple[int, int]:
    """Width × height with ``short_side`` on the short side, ``aspect`` kept, both even."""
    long_side = 2 * round(short_side * max(aspect, 1 / aspect) / 2)
    return (long_side, short_side) if aspect >= 1 else (short_side, long_side)


def parse_aspect(ratio: str) -> float:
    """``"16:9"`` → 1.777…"""
    width, height = ratio.split(":")
    return int(width) / int(height)


def cover_scale(size: tuple[int, int], frame: tuple[int, int]) -> float:
    """How much ``cover`` enlarges a picture of ``size`` to fill ``frame``."""
    return max(frame[0] / size[0], frame[1] / size[1])


def cover(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    """Scale to fill ``size`` and crop the overflow evenly."""
    scale = cover_scale(image.size, size)
    width, height = size[0] / scale, size[1] / scale
    left, top = (image.width - width) / 2, (image.height - height) / 2
    return image.resize(
        size, Image.Resampling.BILINEAR, box=(left, top, left + width, top + height)
    )


def letterbox(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    """Scale to fit inside ``size``, centred on a dimmed, blurred fill of itself: the whole
    picture shows, and the bars move with it instead of sitting flat and black."""
    scale = min(size[0] / image.width, size[1] / image.height)
    fitted = image.resize(
        (max(1, round(image.width * scale)), max(1, round(image.height * scale))),
        Image.Resampling.BILINEAR,
    )
    backdrop = cover(image, size).filter(ImageFilter.GaussianBlur(LETTERBOX_BLUR * min(size)))
    canvas = ImageEnhance.Brightness(backdrop).enhance(LETTERBOX_DIM)
    canvas.paste(fitted, ((size[0] - fitted.width) // 2, (size[1] - fitted.height) // 2))
    return canvas
