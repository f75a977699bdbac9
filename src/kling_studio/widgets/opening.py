"""A past result back in a Studio for another try: its sidecar's request (pictures, masks and
paths from the files beside it) turned into the Studio's pictures, paint and settings. Pure
but for ``open_in``, which drives the Studio's own Python API."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from kling_studio.api.download import Download
from kling_studio.api.models import Image2VideoRequest, MultiImage2VideoRequest, Request
from kling_studio.api.sidecar import read_sidecar

from .contract import PARAM_NAMES

if TYPE_CHECKING:
    from .studio import Studio


@dataclass(frozen=True)
class Settings:
    """What the Studio is given: its kind, its parameters, pictures by slot, paint by area."""

    kind: str
    params: Mapping[str, Any]
    pictures: Mapping[str, bytes] = field(default_factory=dict)
    """``image``, ``tail``; or ``multi`` pictures in order (``multi``)."""
    multi: Sequence[bytes] = ()
    masks: Mapping[str, bytes] = field(default_factory=dict)
    paths: Mapping[str, list[tuple[float, float]]] = field(default_factory=dict)


def _json(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", exclude_none=True)
    if isinstance(value, list | tuple):
        return [_json(item) for item in value]
    return value


def _bytes(value: object, name: str) -> bytes:
    if not isinstance(value, bytes | bytearray):
        raise TypeError(f"{name}: a replayed request holds its media as bytes, not {type(value)}")
    return bytes(value)


def settings_of(request: Request, param_names: Sequence[str]) -> Settings:
    """The Studio's settings for ``request`` (its media already read into bytes)."""
    params = {
        name: _json(getattr(request, name))
        for name in param_names
        if getattr(request, name, None) not in (None, [], "")
    }
    if isinstance(request, MultiImage2VideoRequest):
        multi = [_bytes(item, f"image_list[{i}]") for i, item in enumerate(request.image_list)]
        return Settings("multi-image2video", params, multi=multi)
    assert isinstance(request, Image2VideoRequest)
    pictures = {"image": _bytes(request.image, "image")}
    if request.image_tail is not None:
        pictures["tail"] = _bytes(request.image_tail, "image_tail")
    masks: dict[str, bytes] = {}
    paths: dict[str, list[tuple[float, float]]] = {}
    if request.static_mask is not None:
        masks["static"] = _bytes(request.static_mask, "static_mask")
    for number, dynamic in enumerate(request.dynamic_masks, start=1):
        area = f"dynamic-{number}"
        masks[area] = _bytes(dynamic.mask, f"dynamic_masks[{number - 1}].mask")
        paths[area] = [(float(x), float(y)) for x, y in dynamic.trajectories]
    return Settings("image2video", params, pictures=pictures, masks=masks, paths=paths)


def open_in(studio: Studio, settings: Settings) -> Studio:
    """Give ``studio`` the settings: pictures first (the paint is sized to the start frame)."""
    studio.kind = settings.kind
    for picture in settings.multi:
        studio.add_image(picture)
    for slot, picture in settings.pictures.items():
        studio.set_picture(slot, picture, name=f"{slot} from the earlier result")
    studio.params = {**studio.params, **settings.params}
    for area, mask in settings.masks.items():
        studio.set_mask(area, mask)
    for area, points in settings.paths.items():
        studio.set_path(area, points)
    return studio


def open_result(
    studio: type[Studio],
    result: str | Path | Download,
    task: str | None = None,
    **options: Any,
) -> Studio:
    """A Studio holding a past result's request for another try: its pictures, masks, paths
    and settings, read from the sidecar (its path, a ``Download``, or a folder and ``task``)
    and the files beside it (``options`` are the Studio's own: ``client``, ``output_dir``…;
    the request is rebuilt without its external id, so a new try is a new task)."""
    from kling_studio.replaying import request_of_record

    saved = read_sidecar(result, task)
    request = request_of_record(saved.record, saved.folder)
    return open_in(studio(**options), settings_of(request, PARAM_NAMES))


class OpenOnClass:
    """``Studio.open(sidecar)`` on the class; on a widget, ipywidgets' own ``open()`` (which
    opens its comm, and which ipywidgets calls while the widget is built) stays what it was."""

    def __init__(self, on_class: Callable[..., Any]) -> None:
        self._on_class = on_class
        self.__doc__ = on_class.__doc__

    def __get__(self, widget: object, owner: type) -> Callable[..., Any]:
        if widget is None:
            return functools.partial(self._on_class, owner)
        from ipywidgets import Widget

        return functools.partial(Widget.open, widget)
