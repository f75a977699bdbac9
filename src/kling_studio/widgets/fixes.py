"""Pictures checked the moment they arrive, and the safe one-click fixes for what Kling would
refuse: crop or pad a panorama to 2.5:1, upscale a small picture to 300 px (softer: said so).

A fix makes a new picture and keeps the original, so it can be undone. Pure: sizes and Pillow
images in, problems and images out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Final, Literal

from PIL import Image, ImageOps

from kling_studio.api.capabilities import IMAGE_RULES
from kling_studio.api.images import GeometryRule, geometry_problems

FixId = Literal["crop", "pad", "upscale"]


@dataclass(frozen=True)
class Fix:
    id: FixId
    label: str
    """What the button says."""
    warning: str = ""
    """What the person gives up by taking it."""


FIXES: Final[Mapping[GeometryRule, tuple[Fix, ...]]] = {
    "aspect": (
        Fix("crop", f"Crop to {IMAGE_RULES.max_aspect:g}:1", "the edges are cut off"),
        Fix("pad", f"Pad to {IMAGE_RULES.max_aspect:g}:1", "bars are added at the sides"),
    ),
    "min_side": (
        Fix(
            "upscale",
            f"Upscale to {IMAGE_RULES.min_side} px",
            "an upscaled picture is softer than a real one",
        ),
    ),
}
"""The fixes offered for each size rule, in the order they are shown."""


@dataclass(frozen=True)
class PictureProblem:
    rule: GeometryRule
    text: str
    fixes: tuple[Fix, ...]


def picture_problems(size: tuple[int, int], *, field: str) -> list[PictureProblem]:
    """What Kling would refuse the picture for, each with its fixes."""
    return [
        PictureProblem(rule, f"{error.rule} (it is {error.value})", FIXES[rule])
        for rule, error in geometry_problems(size, field=field)
    ]


def _aspect_box(width: int, height: int) -> tuple[int, int]:
    """The largest size within 2.5:1 that fits inside, or contains, ``width``×``height``."""
    limit = IMAGE_RULES.max_aspect
    if width / height > limit:
        return round(height * limit), height
    if height / width > limit:
        return width, round(width * limit)
    return width, height


def crop(image: Image.Image) -> Image.Image:
    """The centre of the picture, cut to the widest allowed aspect."""
    width, height = _aspect_box(*image.size)
    return ImageOps.fit(image, (width, height), centering=(0.5, 0.5))


def pad(image: Image.Image) -> Image.Image:
    """The whole picture, with bars (its average colour) to the widest allowed aspect."""
    width, height = image.size
    limit = IMAGE_RULES.max_aspect
    if width / height > limit:
        size = (width, round(width / limit) + 1)
    elif height / width > limit:
        size = (round(height / limit) + 1, height)
    else:
        return image.copy()
    colour = image.convert("RGB").resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))
    canvas = Image.new("RGB", size, colour)
    canvas.paste(image.convert("RGB"), ((size[0] - width) // 2, (size[1] - height) // 2))
    return canvas


def upscale(image: Image.Image) -> Image.Image:
    """Scaled up evenly until the short side is the minimum."""
    width, height = image.size
    scale = IMAGE_RULES.min_side / min(width, height)
    if scale <= 1:
        return image.copy()
    least = IMAGE_RULES.min_side
    size = (max(round(width * scale), least), max(round(height * scale), least))
    return image.resize(size, Image.Resampling.LANCZOS)


APPLY: Final[Mapping[str, Callable[[Image.Image], Image.Image]]] = {
    "crop": crop,
    "pad": pad,
    "upscale": upscale,
}


def apply_fix(image: Image.Image, fix: str) -> Image.Image:
    """The picture with ``fix`` applied; a ValueError names an unknown fix."""
    action = APPLY.get(fix)
    if action is None:
        raise ValueError(f"fix: must be one of {', '.join(APPLY)} (got {fix!r})")
    return action(image)
