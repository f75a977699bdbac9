"""``Studio.to_code()``: Python that reproduces the Studio's request with the client API.

Pictures and masks are written as files beside the code (the code names them, never inlines
them), so the snippet stays readable and can be pasted into a script or another notebook.
"""

from __future__ import annotations

from pathlib import Path
from pprint import pformat
from typing import Any

from kling_studio.api.download import write_new
from kling_studio.api.models import Image2VideoRequest, MultiImage2VideoRequest, Request

SKIPPED = {"image", "image_tail", "static_mask", "dynamic_masks", "image_list", "kind"}


def _sniff_suffix(data: bytes) -> str:
    return ".png" if data.startswith(b"\x89PNG") else ".jpg"


def _write(folder: Path, stem: str, data: object) -> str:
    if not isinstance(data, bytes):
        raise TypeError(f"{stem}: the Studio holds media as bytes, got {type(data).__name__}")
    return write_new(folder / f"{stem}{_sniff_suffix(data)}", data).as_posix()


def _scalars(request: Request) -> dict[str, Any]:
    dumped = request.model_dump(exclude_none=True, exclude_defaults=True, exclude=SKIPPED)
    return {k: v for k, v in dumped.items() if v not in ([], {}, None)}


def _arguments(pairs: list[tuple[str, str]]) -> str:
    return "".join(f"    {name}={value},\n" for name, value in pairs)


def to_code(request: Request, folder: Path) -> str:
    """Source that rebuilds ``request`` (media saved under ``folder``) and generates it."""
    pairs = [(name, repr(value)) for name, value in _scalars(request).items()]
    imports = ["KlingClient"]
    if isinstance(request, MultiImage2VideoRequest):
        paths = [_write(folder, f"image_{i + 1}", img) for i, img in enumerate(request.image_list)]
        pairs.append(("image_list", repr(paths)))
        imports.append("MultiImage2VideoRequest")
        constructor = "MultiImage2VideoRequest"
    else:
        pairs += _image2video_media(request, folder, imports)
        imports.append("Image2VideoRequest")
        constructor = "Image2VideoRequest"
    body = _arguments(pairs)
    return (
        f"from kling_studio import {', '.join(sorted(imports))}\n\n"
        f"request = {constructor}(\n{body})\n"
        "result = KlingClient().generate(request, 'kling-output')\n"
        "print(result.video)\n"
    )


def _image2video_media(
    request: Image2VideoRequest, folder: Path, imports: list[str]
) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for name in ("image", "image_tail", "static_mask"):
        value = getattr(request, name)
        if value is not None:
            pairs.append((name, repr(_write(folder, name, value))))
    if request.dynamic_masks:
        imports.append("DynamicMask")
        items = []
        for index, dynamic in enumerate(request.dynamic_masks):
            mask = _write(folder, f"dynamic_mask_{index + 1}", dynamic.mask)
            points = pformat(
                [(round(x), round(y)) for x, y in dynamic.trajectories], width=88, compact=True
            )
            items.append(f"        DynamicMask(mask={mask!r}, trajectories={points}),\n")
        pairs.append(("dynamic_masks", "[\n" + "".join(items) + "    ]"))
    return pairs
