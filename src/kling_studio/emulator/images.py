"""Submit-time checks of image fields: URL or bare base64 of a JPEG/PNG within the size limit.

Pixel-level rules (size, aspect, decodability) are task failures on the real service, so they
are checked later, in the render worker (``inputs.py``).
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import Final

from kling_studio.api.capabilities import IMAGE_RULES

from .errors import ApiError, invalid

MAGIC: Final = {b"\xff\xd8\xff": "JPEG", b"\x89PNG\r\n\x1a\n": "PNG"}
URL_SCHEMES: Final = ("http://", "https://")
WHITESPACE: Final = str.maketrans("", "", " \t\r\n")


@dataclass(frozen=True)
class ImageSource:
    """An image as sent: a URL to fetch, or the decoded bytes of a base64 field."""

    url: str | None = None
    data: bytes | None = None

    def __repr__(self) -> str:
        return (
            f"ImageSource(url={self.url!r})"
            if self.url
            else f"ImageSource({len(self.data or b'')} bytes)"
        )


def image_format(data: bytes) -> str | None:
    """``"JPEG"``/``"PNG"`` from the file's magic bytes, None for anything else."""
    return next((name for magic, name in MAGIC.items() if data.startswith(magic)), None)


def parse_image(value: object, field: str) -> ImageSource:
    """The image in ``field``, or a 1201 that names the field and what is wrong with it."""
    if not isinstance(value, str):
        raise invalid(f"{field} must be a string: an image URL or base64 data")
    if value.startswith("data:"):
        raise invalid(f"{field} must be bare base64 without a 'data:...;base64,' prefix")
    if value.startswith(URL_SCHEMES):
        return ImageSource(url=value)
    compact = value.translate(WHITESPACE)
    if len(compact) > (IMAGE_RULES.max_bytes + 2) // 3 * 4:
        raise _too_big(field)
    try:
        data = base64.b64decode(compact, validate=True)
    except (binascii.Error, ValueError):
        raise invalid(f"{field} is neither an http(s) URL nor valid base64") from None
    if len(data) > IMAGE_RULES.max_bytes:
        raise _too_big(field)
    if image_format(data) not in IMAGE_RULES.formats:
        raise invalid(f"{field} must be a JPG/JPEG or PNG image")
    return ImageSource(data=data)


def _too_big(field: str) -> ApiError:
    return invalid(f"{field} is larger than {IMAGE_RULES.max_bytes // (1024 * 1024)}MB")
