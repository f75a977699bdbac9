"""Decode a task's images in the render worker and apply the rules the real service reports as
task failures (kling-api.md §8 items 5 and 13): pixel size, aspect ratio, decodability, masks.
"""

from __future__ import annotations

import io
import ipaddress
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final
from urllib.parse import urlsplit

import httpx
from PIL import Image

from kling_studio.api.capabilities import IMAGE_RULES

from .images import ImageSource, image_format
from .validation import TaskRequest

IMAGE_PIXEL_INVALID: Final = "Image pixel is invalid"
MASK_RESOLUTION_INVALID: Final = "mask resolution is invalid"
MASK_ASPECT_TOLERANCE: Final = 0.02
DRAFT_SIDE: Final = 1200
"""JPEGs are decoded at a reduced scale that still covers 1080p output."""
FETCH_TIMEOUT: Final = 10.0


class TaskFailedError(Exception):
    """The task fails with this ``task_status_msg`` (the create itself was accepted)."""


Fetch = Callable[[str], bytes]


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def fetch_loopback(url: str) -> bytes:
    """Download an image URL, but only from this machine: the emulator is offline."""
    host = urlsplit(url).hostname or ""
    if not is_loopback(host):
        raise TaskFailedError(
            f"image URL host {host or '?'} is not reachable: the emulator is offline and "
            "only fetches loopback URLs (send base64 instead)"
        )
    try:
        with (
            httpx.Client(timeout=FETCH_TIMEOUT, trust_env=False) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code != 200:
                raise TaskFailedError(f"image URL answered HTTP {response.status_code}")
            data = bytearray()
            for chunk in response.iter_bytes():
                data += chunk
                if len(data) > IMAGE_RULES.max_bytes:
                    raise TaskFailedError(IMAGE_PIXEL_INVALID)
    except httpx.HTTPError as error:
        raise TaskFailedError(f"image URL could not be fetched: {type(error).__name__}") from None
    if image_format(bytes(data)) not in IMAGE_RULES.formats:
        raise TaskFailedError(IMAGE_PIXEL_INVALID)
    return bytes(data)


@dataclass(frozen=True)
class Picture:
    image: Image.Image
    """RGB, possibly decoded at a reduced scale."""
    size: tuple[int, int]
    """The size as sent, which the pixel and mask rules apply to."""


def decode(source: ImageSource, fetch: Fetch) -> Picture:
    """The picture, or TaskFailedError when it cannot be fetched or decoded."""
    data = source.data if source.data is not None else fetch(source.url or "")
    try:
        image = Image.open(io.BytesIO(data))
        size = image.size
        image.draft("RGB", (DRAFT_SIDE, DRAFT_SIDE))
        return Picture(image.convert("RGB"), size)
    except (OSError, ValueError, Image.DecompressionBombError):
        raise TaskFailedError(IMAGE_PIXEL_INVALID) from None


def check_pixels(size: tuple[int, int]) -> None:
    """≥300 px on both sides and an aspect ratio within 1:2.5 … 2.5:1."""
    width, height = size
    if min(width, height) < IMAGE_RULES.min_side:
        raise TaskFailedError(IMAGE_PIXEL_INVALID)
    if not IMAGE_RULES.min_aspect <= width / height <= IMAGE_RULES.max_aspect:
        raise TaskFailedError(IMAGE_PIXEL_INVALID)


def check_masks(masks: list[tuple[int, int]], image: tuple[int, int]) -> None:
    """All masks share one resolution, and its aspect ratio is the image's."""
    if len(set(masks)) > 1:
        raise TaskFailedError(
            f"{MASK_RESOLUTION_INVALID}: static_mask and every dynamic_masks[].mask "
            "must have the same resolution"
        )
    width, height = masks[0]
    mask_aspect, image_aspect = width / height, image[0] / image[1]
    if abs(mask_aspect / image_aspect - 1) > MASK_ASPECT_TOLERANCE:
        raise TaskFailedError(
            f"{MASK_RESOLUTION_INVALID}: the masks' aspect ratio ({width}x{height}) "
            f"must equal the image's ({image[0]}x{image[1]})"
        )


@dataclass(frozen=True)
class Inputs:
    """The decoded pictures a render needs (masks are checked, not yet drawn)."""

    image: Image.Image | None = None
    tail: Image.Image | None = None
    image_list: tuple[Image.Image, ...] = ()


def load(request: TaskRequest, fetch: Fetch = fetch_loopback) -> Inputs:
    """Decode and check every image of ``request``; TaskFailedError names the first problem."""
    image = _checked(request.image, fetch)
    tail = _checked(request.image_tail, fetch)
    pictures = tuple(_checked(source, fetch) for source in request.image_list)
    reference = image or tail
    masks = [request.static_mask] if request.static_mask else []
    masks += [dynamic.mask for dynamic in request.dynamic_masks]
    if masks and reference is not None:
        check_masks([decode(mask, fetch).size for mask in masks], reference.size)
    return Inputs(
        image=image.image if image else None,
        tail=tail.image if tail else None,
        image_list=tuple(p.image for p in pictures if p),
    )


def _checked(source: ImageSource | None, fetch: Fetch) -> Picture | None:
    if source is None:
        return None
    picture = decode(source, fetch)
    check_pixels(picture.size)
    return picture
