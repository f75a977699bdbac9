"""The small marks stamped on every frame: "emulated" on each video, a watermark on the copy."""

from __future__ import annotations

from functools import cache
from typing import Final

from PIL import Image, ImageDraw, ImageFont

MARK_TEXT: Final = "emulated"
WATERMARK_TEXT: Final = "KLING EMULATOR"


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
