"""Requests the sweep tests share."""

from __future__ import annotations

from kling_studio import Image2VideoRequest
from kling_studio.samples import landscape

PICTURE = landscape(480, 320)


def base_request(**extra) -> Image2VideoRequest:
    fields = {"image": PICTURE, "prompt": "waves", "model_name": "kling-v1", **extra}
    return Image2VideoRequest(**fields)
