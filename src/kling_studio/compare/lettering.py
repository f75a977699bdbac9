"""The words drawn onto a sweep's pictures (the contact sheet, an exported grid): one palette,
one font, and text cut to the room it has — shared so both read alike."""

from __future__ import annotations

from typing import Final

from PIL import ImageDraw, ImageFont

BACKGROUND: Final = (28, 28, 30)
"""The dark ground cells sit on (letterboxing too)."""
INK: Final = (235, 235, 235)
"""Labels: what a cell varies, an axis's values."""
MUTED: Final = (150, 150, 158)
"""Axis names: quieter than the values they head."""

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


def font(size: int) -> Font:
    """Pillow's own font at ``size`` px: no font file to find, the same on every machine."""
    return ImageFont.load_default(size=max(8, size))


def fitted(draw: ImageDraw.ImageDraw, text: str, face: Font, width: float) -> str:
    """``text``, cut with an ellipsis where it would be wider than ``width``."""
    cut = text
    while cut and draw.textlength(cut if cut == text else f"{cut}…", font=face) > width:
        cut = cut[:-1]
    return cut if cut == text else f"{cut}…"
