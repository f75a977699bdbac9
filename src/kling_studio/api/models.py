"""Typed requests (what a user asks for) and tasks (what the service answers).

Requests hold media as the user gave it (a path, bytes, a Pillow image, a numpy array, a URL or
base64; kept out of reprs, where a photo's bytes would drown the rest) and points in top-left
image pixels; ``kling_studio.api.prepare`` turns them into the wire's JSON. Unknown keyword
arguments are refused, so the classic ``model=`` slip (which Kling silently treats as kling-v1)
fails loudly with a hint.
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    PrivateAttr,
    field_validator,
    model_validator,
)
from pydantic import ValidationError as PydanticValidationError
from pydantic_core import PydanticCustomError, core_schema

from .capabilities import CAMERA_AXES
from .errors import ProtocolError


class _InstanceOf:
    """Pydantic: accept an instance of ``module.name`` without importing ``module``.

    Nothing can be a Pillow image or a numpy array unless its module is loaded already, so
    the check looks the class up in ``sys.modules``; requests stay importable (and
    ``import kling_studio`` light) without numpy and Pillow.
    """

    def __init__(self, module: str, name: str) -> None:
        self.module, self.name = module, name

    def check(self, value: object) -> object:
        loaded = sys.modules.get(self.module)
        if loaded is not None and isinstance(value, getattr(loaded, self.name)):
            return value
        raise PydanticCustomError(
            "is_instance_of",
            "Input should be an instance of {class}",
            {"class": f"{self.module}.{self.name}"},
        )

    def __get_pydantic_core_schema__(
        self, source: object, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(self.check)


if TYPE_CHECKING:
    import numpy as np
    from PIL import Image

    ImageInput = str | os.PathLike[str] | bytes | Image.Image | np.ndarray
else:
    ImageInput = (
        str
        | os.PathLike[str]
        | bytes
        | Annotated[object, _InstanceOf("PIL.Image", "Image")]
        | Annotated[object, _InstanceOf("numpy", "ndarray")]
    )
"""A picture as users have one: a path, file bytes, Pillow, numpy, an http(s) URL or base64."""

Point = tuple[float, float]


class TaskKind(StrEnum):
    """The endpoint family a task belongs to; queries must use the same one."""

    IMAGE2VIDEO = "image2video"
    MULTI_IMAGE2VIDEO = "multi-image2video"

    @property
    def endpoint(self) -> str:
        return f"/v1/videos/{self.value}"


def _as_duration(value: object) -> object:
    """Kling wants ``"5"``; people write ``5`` or ``5.0``."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and float(value).is_integer():
        return str(int(value))
    return value


def _as_sound(value: object) -> object:
    return {True: "on", False: "off"}.get(value, value) if isinstance(value, bool) else value


def _as_point(value: object) -> object:
    if isinstance(value, dict) and set(value) == {"x", "y"}:
        return (value["x"], value["y"])
    return value


def _as_watermark(value: object) -> object:
    return {"enabled": value} if isinstance(value, bool) else value


Duration = Annotated[str, BeforeValidator(_as_duration)]
Sound = Annotated[Literal["on", "off"], BeforeValidator(_as_sound)]
PixelPoint = Annotated[Point, BeforeValidator(_as_point)]


FIELD_HINTS: dict[str, str] = {
    "model": "use model_name; Kling ignores model and silently runs kling-v1",
    "image_url": "pass the URL as image",
    "aspect_ratio": "image2video follows the input image's aspect; aspect_ratio is for "
    "multi-image2video",
}
"""Fields people reach for that Kling does not have (or has elsewhere), with what to use."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True, frozen=False)

    @model_validator(mode="before")
    @classmethod
    def _hint_common_slips(cls, data: object) -> object:
        if isinstance(data, dict):
            for name, hint in FIELD_HINTS.items():
                if name in data and name not in cls.model_fields:
                    raise ValueError(f"{name} is not a field of {cls.__name__}: {hint}")
        return data


class CameraConfig(_Model):
    """Six axes in [-10, 10]; for type ``simple`` exactly one is non-zero (kling-api.md §9)."""

    horizontal: float = 0.0
    vertical: float = 0.0
    pan: float = 0.0
    tilt: float = 0.0
    roll: float = 0.0
    zoom: float = 0.0

    def non_zero(self) -> dict[str, float]:
        return {axis: getattr(self, axis) for axis in CAMERA_AXES if getattr(self, axis)}


class CameraControl(_Model):
    type: Literal["simple", "down_back", "forward_up", "right_turn_forward", "left_turn_forward"]
    config: CameraConfig | None = None

    @classmethod
    def simple(cls, **axis: float) -> CameraControl:
        """``CameraControl.simple(zoom=5)``: one simple move."""
        return cls(type="simple", config=CameraConfig(**axis))


class DynamicMask(_Model):
    """A painted area and the path it travels, in top-left image pixels (flipped on the wire)."""

    mask: ImageInput = Field(repr=False)
    trajectories: list[PixelPoint]


class Voice(_Model):
    voice_id: str


class Element(_Model):
    element_id: str


class Shot(_Model):
    index: int
    prompt: str
    duration: Duration


class WatermarkInfo(_Model):
    enabled: bool


class _Common(_Model):
    prompt: str | None = None
    negative_prompt: str | None = None
    mode: Literal["std", "pro"] | None = None
    duration: Duration | None = None
    callback_url: str | None = None
    external_task_id: str | None = None
    watermark_info: Annotated[WatermarkInfo | None, BeforeValidator(_as_watermark)] = None


class Image2VideoRequest(_Common):
    """Every documented image2video field. Omitted fields are not sent."""

    model_name: str | None = None
    image: ImageInput | None = Field(default=None, repr=False)
    image_tail: ImageInput | None = Field(default=None, repr=False)
    cfg_scale: float | None = None
    static_mask: ImageInput | None = Field(default=None, repr=False)
    dynamic_masks: list[DynamicMask] = Field(default_factory=list)
    camera_control: CameraControl | None = None
    sound: Sound | None = None
    voice_list: list[Voice] = Field(default_factory=list)
    multi_shot: bool | None = None
    shot_type: Literal["customize", "intelligence"] | None = None
    multi_prompt: list[Shot] = Field(default_factory=list)
    element_list: list[Element] = Field(default_factory=list)

    kind: Literal[TaskKind.IMAGE2VIDEO] = Field(default=TaskKind.IMAGE2VIDEO, exclude=True)


class MultiImage2VideoRequest(_Common):
    """multi-image2video: 1–4 reference images and a required prompt."""

    model_name: str | None = None
    image_list: list[ImageInput] = Field(default_factory=list, repr=False)
    aspect_ratio: Literal["16:9", "9:16", "1:1"] | None = None

    kind: Literal[TaskKind.MULTI_IMAGE2VIDEO] = Field(
        default=TaskKind.MULTI_IMAGE2VIDEO, exclude=True
    )

    @field_validator("image_list", mode="before")
    @classmethod
    def _unwrap_items(cls, value: object) -> object:
        """Accept the wire's ``[{"image": ...}]`` as well as a plain list."""
        if isinstance(value, list):
            return [v["image"] if isinstance(v, dict) and set(v) == {"image"} else v for v in value]
        return value


Request = Image2VideoRequest | MultiImage2VideoRequest


ANSWER_CONFIG = ConfigDict(extra="allow", coerce_numbers_to_str=True)
"""Answers are read leniently: unknown fields kept, numbers taken where strings are documented."""


class Video(BaseModel):
    model_config = ANSWER_CONFIG

    id: str = ""
    url: str
    watermark_url: str | None = None
    duration: str | None = None


class TaskResult(BaseModel):
    model_config = ANSWER_CONFIG

    videos: list[Video] = Field(default_factory=list)


class TaskInfo(BaseModel):
    model_config = ANSWER_CONFIG

    external_task_id: str | None = None


TaskStatus = Literal["submitted", "processing", "succeed", "failed"]
FINISHED: frozenset[str] = frozenset({"succeed", "failed"})


class Task(BaseModel):
    """A task as the service reports it; failed tasks arrive with code 0 and HTTP 200."""

    model_config = ANSWER_CONFIG

    task_id: str
    task_status: str
    task_status_msg: str = ""
    task_info: TaskInfo = Field(default_factory=TaskInfo)
    task_result: TaskResult = Field(default_factory=TaskResult)
    final_unit_deduction: str | None = None
    watermark_info: WatermarkInfo | None = None
    created_at: int | None = None
    updated_at: int | None = None

    _kind: TaskKind = PrivateAttr(default=TaskKind.IMAGE2VIDEO)

    @property
    def kind(self) -> TaskKind:
        return self._kind

    def with_kind(self, kind: TaskKind) -> Task:
        self._kind = kind
        return self

    @property
    def external_task_id(self) -> str | None:
        return self.task_info.external_task_id

    @property
    def done(self) -> bool:
        return self.task_status in FINISHED

    @property
    def succeeded(self) -> bool:
        return self.task_status == "succeed"

    @property
    def videos(self) -> list[Video]:
        return self.task_result.videos

    @property
    def units(self) -> float | None:
        try:
            return float(self.final_unit_deduction) if self.final_unit_deduction else None
        except ValueError:
            return None


def task_from_data(data: Any, kind: TaskKind) -> Task:
    """The answer's task, or a ``ProtocolError`` saying what in it could not be read."""
    try:
        return Task.model_validate(data).with_kind(kind)
    except PydanticValidationError as error:
        where = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
        raise ProtocolError(f"the answer's task could not be read ({where})") from None
