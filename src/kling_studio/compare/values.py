"""How a varied value reads: a few words in a label, plain data in a results table.

Values can be pictures, arrays or pydantic models (``image_tail``, ``camera_control``); their
reprs would drown a label and break JSON, so each kind has its own short form.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, Final

import numpy as np
from PIL import Image
from pydantic import BaseModel

from kling_studio.api.models import CameraControl

LABEL_TEXT: Final = 24
"""Characters of a text value (a prompt) that a label keeps."""


def _shorten(text: str, limit: int = LABEL_TEXT) -> str:
    return text if len(text) <= limit else f"{text[: limit - 1]}…"


def _camera(value: CameraControl) -> str:
    moves = value.config.non_zero().items() if value.config else ()
    return " ".join([value.type, *(f"{axis} {amount:g}" for axis, amount in moves)])


def _model(value: BaseModel) -> str:
    fields = value.model_dump(exclude_none=True, exclude_defaults=True)
    return _shorten(" ".join(f"{name} {item}" for name, item in fields.items()) or "default")


SHOWN_AS: Final[tuple[tuple[type[Any], Callable[[Any], str]], ...]] = (
    (type(None), lambda _: "none"),
    (bool, lambda value: "on" if value else "off"),
    (int, lambda value: format(value, "g")),
    (float, lambda value: format(value, "g")),
    (str, _shorten),
    (CameraControl, _camera),
    (BaseModel, _model),
    (Image.Image, lambda value: f"picture {value.width}x{value.height}"),
    (np.ndarray, lambda value: f"array {'x'.join(map(str, value.shape))}"),
    (bytes, lambda value: f"{len(value)} bytes"),
    (os.PathLike, lambda value: _shorten(os.fspath(value))),
    (list, lambda value: f"{len(value)} items"),
)
"""First match wins, so ``bool`` comes before ``int`` and ``CameraControl`` before models."""


def show(value: Any) -> str:
    """A value as a label shows it: short, never a picture's repr."""
    for kind, shown in SHOWN_AS:
        if isinstance(value, kind):
            return shown(value)
    return _shorten(str(value))


def plain(value: Any) -> Any:
    """A value as JSON and pandas can take it: numbers and text as they are, models as dicts,
    media as their label."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", exclude_none=True)
    return show(value)


def equal(first: Any, second: Any) -> bool:
    """``==`` that also works for numpy arrays (whose ``==`` is elementwise)."""
    if isinstance(first, np.ndarray) or isinstance(second, np.ndarray):
        return (
            isinstance(first, np.ndarray)
            and isinstance(second, np.ndarray)
            and np.array_equal(first, second)
        )
    return bool(first == second)
