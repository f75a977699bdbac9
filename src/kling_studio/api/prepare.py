"""From a user's request to the wire's JSON: rules checked, media prepared, points flipped.

Everything that can be wrong is collected first and raised together as one ``ValidationError``;
nothing is sent unless the whole request is right. Pure but for reading local files, so it runs
in a worker thread (image work must not block the notebook's event loop).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any, Final, TypeVar

import httpx

from .capabilities import ProviderDocs, estimate_units, input_long_side
from .input_error import InputError as ImageError
from .models import (
    Image2VideoRequest,
    ImageInput,
    MultiImage2VideoRequest,
    Request,
    TaskKind,
)
from .polling import DurationKey
from .problems import Problem, ValidationError
from .rules import check_request, facts_for, left_out
from .transport_words import transport_words

if TYPE_CHECKING:
    # Media preparation needs numpy and Pillow: imported where a request is prepared, so that
    # importing the client (and ``kling_studio``) does not load them.
    from .images import ImageSource, PreparedImage
    from .masks import PreparedMask
    from .trajectory import Pixel

T = TypeVar("T")
MAX_SOURCE_BYTES = 50 * 1024 * 1024
"""The largest picture taken from a URL or an upload (before it is prepared)."""
SCALAR_FIELDS = (
    "model_name",
    "prompt",
    "negative_prompt",
    "cfg_scale",
    "mode",
    "duration",
    "callback_url",
    "external_task_id",
    "sound",
    "multi_shot",
    "shot_type",
    "aspect_ratio",
)
LIST_FIELDS = ("voice_list", "multi_prompt", "element_list")


@dataclass(frozen=True)
class PreparedRequest:
    """A request ready to send, with what was fixed on the way and what to warn about."""

    kind: TaskKind
    payload: dict[str, Any]
    summary: dict[str, Any]
    """The payload with every image replaced by a short description: safe to log and save."""
    duration_key: DurationKey
    notes: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    image_size: tuple[int, int] | None = None

    def __repr__(self) -> str:
        return f"PreparedRequest(kind={self.kind.value!r}, summary={self.summary!r})"

    @property
    def estimate(self) -> float | None:
        """Units the price table charges for this request (None where it has no price)."""
        model, mode, duration = self.duration_key
        return estimate_units(
            model,
            mode,
            duration,
            sound=self.payload.get("sound") == "on",
            voice=bool(self.payload.get("voice_list")),
        )


@dataclass
class _Collector:
    """Gathers problems and notes while media is prepared, field by field."""

    fetched: Mapping[str, bytes]
    max_side: int
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)

    def attempt(self, prepare: Callable[[], T]) -> T | None:
        try:
            return prepare()
        except ImageError as error:
            self.problems.append(Problem(error.field, error.rule, error.value))
            return None

    def source(self, value: ImageInput) -> ImageSource:
        from .images import is_url

        if isinstance(value, str) and is_url(value):
            return self.fetched[value]
        return value

    def image(self, value: ImageInput, name: str) -> PreparedImage | None:
        from .images import prepare_image

        prepared = self.attempt(
            lambda: prepare_image(self.source(value), field=name, max_side=self.max_side)
        )
        if prepared is not None:
            self.notes.extend(f"{name}: {note}" for note in prepared.notes)
        return prepared

    def mask(self, value: ImageInput, name: str, size: tuple[int, int]) -> PreparedMask | None:
        from .masks import prepare_mask

        prepared = self.attempt(lambda: prepare_mask(self.source(value), size=size, field=name))
        if prepared is not None:
            self.notes.extend(f"{name}: {note}" for note in prepared.notes)
        return prepared


MOTION_FIELDS: Final = ("static_mask", "dynamic_masks", "camera_control")
"""The payload's fields the motion check reads; a request with none of them asked for no motion."""


def motion_fields(payload: Mapping[str, Any]) -> dict[str, Any]:
    """The part of a payload the motion check needs, kept until the video arrives (small:
    bi-level PNGs and points)."""
    return {name: payload[name] for name in MOTION_FIELDS if payload.get(name)}


def describe_media(data: bytes, fmt: str, size: tuple[int, int]) -> dict[str, Any]:
    return {
        "format": fmt,
        "width": size[0],
        "height": size[1],
        "bytes": len(data),
        "sha256": hashlib.sha256(data).hexdigest()[:16],
    }


def prepare_request(
    request: Request,
    docs: ProviderDocs,
    *,
    strict: bool = True,
    fetched: Mapping[str, bytes] | None = None,
) -> PreparedRequest:
    """Check every rule and encode every picture; raise ``ValidationError`` listing all problems.

    ``docs`` are the provider's (``Provider.docs``). With ``strict=False`` capability problems
    (a model the table lacks, a field the provider's page does not document) become warnings
    in their lenient words, and the request goes as is. Fields the model does not use
    (``rules.left_out``) stay off the wire, with a warning.
    """
    facts = facts_for(request, docs)
    collector = _Collector(fetched or {}, max_side=input_long_side(facts.model, facts.mode))
    collector.problems.extend(check_request(request, docs))
    payload = _scalars(request)
    for name in left_out(facts):
        del payload[name]
    summary = dict(payload)
    image_size = (
        _image2video_media(request, collector, payload, summary)
        if isinstance(request, Image2VideoRequest)
        else _multi_image_media(request, collector, payload, summary)
    )
    problems = _once(collector.problems)
    if not strict:
        problems = [p.relaxed() if p.severity == "capability" else p for p in problems]
    errors = [p for p in problems if p.severity != "warning"]
    if errors:
        raise ValidationError(errors)
    return PreparedRequest(
        kind=request.kind,
        payload=payload,
        summary=summary,
        duration_key=(facts.model, facts.mode, facts.duration),
        notes=tuple(collector.notes),
        warnings=tuple(str(p) for p in problems),
        image_size=image_size,
    )


def _once(problems: list[Problem]) -> list[Problem]:
    """Each (field, rule) once: the rules and media preparation may both see one broken rule
    (a NaN point in a path), and the first (the rules') says it."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for problem in problems:
        if (problem.field, problem.rule) not in seen:
            seen.add((problem.field, problem.rule))
            kept.append(problem)
    return kept


def _scalars(request: Request) -> dict[str, Any]:
    payload: dict[str, Any] = {}
    for name in SCALAR_FIELDS:
        value = getattr(request, name, None)
        if value is not None:
            payload[name] = value
    for name in LIST_FIELDS:
        items = getattr(request, name, None)
        if items:
            payload[name] = [item.model_dump() for item in items]
    if request.watermark_info is not None:
        payload["watermark_info"] = request.watermark_info.model_dump()
    if isinstance(request, Image2VideoRequest) and request.camera_control is not None:
        payload["camera_control"] = request.camera_control.model_dump(exclude_none=True)
    return payload


def _image2video_media(
    request: Image2VideoRequest,
    collector: _Collector,
    payload: dict[str, Any],
    summary: dict[str, Any],
) -> tuple[int, int] | None:
    from .trajectory import normalise_path, to_wire

    image = collector.image(request.image, "image") if request.image is not None else None
    for name, prepared in (("image", image), ("image_tail", _tail(request, collector))):
        if prepared is not None:
            payload[name] = prepared.base64()
            summary[name] = describe_media(prepared.data, prepared.format, prepared.size)
    if image is None:
        return None
    size, original = image.size, image.original_size
    if request.static_mask is not None:
        static = collector.mask(request.static_mask, "static_mask", size)
        if static is not None:
            payload["static_mask"] = static.base64()
            summary["static_mask"] = describe_media(static.data, "PNG", size)
    wire_masks, summary_masks = [], []
    for index, dynamic in enumerate(request.dynamic_masks):
        name = f"dynamic_masks[{index}]"
        mask = collector.mask(dynamic.mask, f"{name}.mask", size)
        field = f"{name}.trajectories"
        path = collector.attempt(
            partial(normalise_path, dynamic.trajectories, size=original, field=field)
        )
        if mask is None or path is None:
            continue
        collector.notes.extend(f"{field}: {note}" for note in path.notes)
        points = scale_points(path.points, original, size)
        if len(points) < 2:
            collector.problems.append(
                Problem(field, "the path is shorter than a pixel at the size sent", path.points)
            )
            continue
        if size != original:
            collector.notes.append(f"{field}: scaled with the image to {size[0]}×{size[1]}")
        _warn_if_path_starts_outside(collector, name, mask, points)
        wire = to_wire(points, size[1])
        wire_masks.append({"mask": mask.base64(), "trajectories": wire})
        summary_masks.append({"mask": describe_media(mask.data, "PNG", size), "trajectories": wire})
    if wire_masks:
        payload["dynamic_masks"] = wire_masks
        summary["dynamic_masks"] = summary_masks
    return size


def scale_points(
    points: tuple[Pixel, ...], original: tuple[int, int], size: tuple[int, int]
) -> tuple[Pixel, ...]:
    """Points drawn on the user's picture, moved onto the (possibly downscaled) picture sent.

    Repeats that downscaling creates are dropped; points stay inside the picture.
    """
    sx, sy = size[0] / original[0], size[1] / original[1]
    scaled: list[Pixel] = []
    for x, y in points:
        point = (min(round(x * sx), size[0] - 1), min(round(y * sy), size[1] - 1))
        if not scaled or scaled[-1] != point:
            scaled.append(point)
    return tuple(scaled)


def _tail(request: Image2VideoRequest, collector: _Collector) -> PreparedImage | None:
    if request.image_tail is None:
        return None
    return collector.image(request.image_tail, "image_tail")


def _warn_if_path_starts_outside(
    collector: _Collector, name: str, mask: PreparedMask, points: tuple[Pixel, ...]
) -> None:
    x, y = points[0]
    area = mask.array()
    if not area[min(y, area.shape[0] - 1), min(x, area.shape[1] - 1)]:
        collector.problems.append(
            Problem(
                f"{name}.trajectories",
                "the path should start inside its painted area",
                (x, y),
                severity="warning",
            )
        )


def _multi_image_media(
    request: MultiImage2VideoRequest,
    collector: _Collector,
    payload: dict[str, Any],
    summary: dict[str, Any],
) -> tuple[int, int] | None:
    items, described = [], []
    for index, source in enumerate(request.image_list):
        prepared = collector.image(source, f"image_list[{index}].image")
        if prepared is not None:
            items.append({"image": prepared.base64()})
            described.append(
                {"image": describe_media(prepared.data, prepared.format, prepared.size)}
            )
    if items:
        payload["image_list"] = items
        summary["image_list"] = described
    return None


def remote_sources(request: Request) -> list[tuple[str, str]]:
    """(field, URL) of every picture given as an http(s) URL: the client fetches them first."""
    from .images import is_url

    if isinstance(request, Image2VideoRequest):
        candidates: list[tuple[str, object]] = [
            ("image", request.image),
            ("image_tail", request.image_tail),
            ("static_mask", request.static_mask),
        ]
        candidates += [
            (f"dynamic_masks[{i}].mask", d.mask) for i, d in enumerate(request.dynamic_masks)
        ]
    else:
        candidates = [(f"image_list[{i}].image", v) for i, v in enumerate(request.image_list)]
    return [(name, value) for name, value in candidates if isinstance(value, str) and is_url(value)]


async def fetch_remote_images(request: Request, http: httpx.AsyncClient) -> dict[str, bytes]:
    """Download URL images (without the API's credentials) so they can be checked like files."""
    fetched: dict[str, bytes] = {}
    urls = remote_sources(request)
    if not urls:
        return fetched
    async with httpx.AsyncClient(follow_redirects=True, timeout=http.timeout) as plain:
        for field, url in urls:
            fetched[url] = await fetch_picture(plain, url, field)
    return fetched


async def fetch_picture(http: httpx.AsyncClient, url: str, field: str = "image") -> bytes:
    """A picture from the web, streamed with a size cap; failures name ``field``."""
    chunks: list[bytes] = []
    total = 0
    try:
        async with http.stream("GET", url) as response:
            if response.status_code != 200:
                status = f"HTTP {response.status_code}"
                raise ValidationError([Problem(field, "the URL could not be fetched", status)])
            async for chunk in response.aiter_bytes():
                total += len(chunk)
                if total > MAX_SOURCE_BYTES:
                    raise ValidationError(
                        [Problem(field, "the URL's file is larger than 50 MB", url)]
                    )
                chunks.append(chunk)
    except httpx.HTTPError as error:
        raise ValidationError(
            [Problem(field, f"the URL could not be fetched: {transport_words(error)}", url)]
        ) from None
    return b"".join(chunks)
