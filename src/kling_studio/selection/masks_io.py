"""Masks in and out as PNG files: a person's own mask loaded as an area's, and an area's mask
saved in the format the Studio's canvas paints (the area's colour, opaque where selected).

Reading follows the client's rule (``api.masks``): the alpha channel when the file has one,
else the luminance, selected above ``MASK_THRESHOLD``. A mask drawn at another resolution is
scaled to the picture, but only at the same aspect ratio: stretched, it would no longer lie over
what it was drawn around.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Final

import numpy as np
from PIL import Image, ImageOps

from kling_studio.api.images import ImageSource
from kling_studio.api.input_error import InputError
from kling_studio.api.masks import ASPECT_TOLERANCE, MASK_THRESHOLD, selection_channel

from .arrays import Mask

RESAMPLING: Final = {True: Image.Resampling.NEAREST, False: Image.Resampling.BILINEAR}
"""Two-valued (black and white) masks keep their hard edge; soft ones are resized smoothly and
thresholded after."""


def load_mask(
    source: ImageSource, size: tuple[int, int], *, field: str = "mask", name: str | None = None
) -> Mask:
    """The mask in ``source`` (a PNG path or bytes, or any image the client reads), at ``size``
    (the picture's width and height) as an H×W bool array; ``name`` is how errors call a file
    given as bytes (a path's own name otherwise)."""
    if name is None:
        name = Path(source).name if isinstance(source, str | os.PathLike) else "the mask"
    channel, _ = selection_channel(source, field)
    if channel.size != size:
        _check_aspect(channel.size, size, name, field)
        two_valued = len(np.unique(np.asarray(channel))) <= 2
        channel = channel.resize(size, RESAMPLING[two_valued])
    return np.asarray(channel) > MASK_THRESHOLD


def _check_aspect(found: tuple[int, int], size: tuple[int, int], name: str, field: str) -> None:
    ratio = (found[0] / found[1]) / (size[0] / size[1])
    if abs(ratio - 1) > ASPECT_TOLERANCE:
        rule = (
            f"must have the picture's aspect ratio ({size[0]}×{size[1]}, "
            f"within {ASPECT_TOLERANCE:.0%}) to be scaled to it"
        )
        raise InputError(field, rule, f"{name}: {found[0]}×{found[1]}")


def mask_array(png: bytes) -> Mask:
    """A painted mask (canvas PNG: paint in the alpha channel) as a boolean array."""
    with Image.open(io.BytesIO(png)) as image:
        rgba = ImageOps.exif_transpose(image).convert("RGBA")
    return np.asarray(rgba)[..., 3] > MASK_THRESHOLD


def paint_png(selected: Mask, colour: str) -> bytes:
    """A mask as the browser paints it: the area's colour, opaque where selected."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    rgba = np.zeros((*selected.shape, 4), dtype=np.uint8)
    rgba[selected] = (red, green, blue, 255)
    buffer = io.BytesIO()
    Image.fromarray(rgba, "RGBA").save(buffer, "PNG", compress_level=1)
    return buffer.getvalue()
