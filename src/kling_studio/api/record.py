"""A request as a sidecar keeps it: the payload as sent, its pictures and masks as files.

A payload carries its media as base64 (megabytes of it); a sidecar keeps the media-free summary
instead, each picture and mask described (format, size, bytes, the full sha256 of the bytes as
sent) and named by a ``file`` beside the sidecar: ``media/<sha256>.<ext>``. Files are
content-addressed, so many sidecars share one; an existing file with the same bytes is reused and
one of that name with other bytes is never overwritten (the record names the free variant used).

``MEDIA_FIELDS`` is the one table of where a payload carries media; it is walked both ways:
``record_of`` (payload → record and files, pure), ``store_media`` (the files on disk) and
``payload_of_record`` (record + folder → the payload again, each file's sha256 checked).
"""

from __future__ import annotations

import copy
import hashlib
from base64 import b64decode, b64encode
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Final

from .download import variants, write_new
from .input_error import InputError

MEDIA_FIELDS: Final[tuple[tuple[str, ...], ...]] = (
    ("image",),
    ("image_tail",),
    ("static_mask",),
    ("dynamic_masks", "*", "mask"),
    ("image_list", "*", "image"),
)
"""Every place a payload (image2video or multi-image2video) holds a picture or mask as base64,
as a path of keys; ``*`` is each item of a list. The summary has the same shape, with a
description where the payload has the base64."""

MEDIA_FOLDER: Final = "media"
EXTENSIONS: Final[Mapping[str, str]] = {"JPEG": "jpg", "PNG": "png"}
"""A described format → the file's extension (Kling takes only these two)."""

Slot = tuple[str, Any, Any]
"""(field name as the rules write it, the container, the key or index in it)."""


def media_slots(tree: Mapping[str, Any]) -> Iterator[Slot]:
    """Each media place ``tree`` (a payload or a summary) actually fills, named as the rules
    name fields: ``image``, ``dynamic_masks[1].mask``, ``image_list[0].image``."""
    for path in MEDIA_FIELDS:
        yield from _walk(tree, path, "")


def _walk(container: Any, path: tuple[str, ...], prefix: str) -> Iterator[Slot]:
    head, rest = path[0], path[1:]
    if head == "*":
        items = container if isinstance(container, list) else []
        for index, item in enumerate(items):
            name = f"{prefix}[{index}]"
            yield from _walk(item, rest, name) if rest else ((name, items, index),)
        return
    if not isinstance(container, Mapping) or container.get(head) is None:
        return
    name = f"{prefix}.{head}" if prefix else head
    yield from _walk(container[head], rest, name) if rest else ((name, container, head),)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def record_of(
    payload: Mapping[str, Any], summary: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The request as a sidecar records it, and the media files it names (relative path →
    bytes). ``summary`` is the payload with each medium described (``prepare.describe_media``);
    each description gains ``file`` and the full sha256 of the bytes as sent."""
    record = copy.deepcopy(dict(summary))
    sent = {name: container[key] for name, container, key in media_slots(payload)}
    files: dict[str, bytes] = {}
    for name, container, key in media_slots(record):
        data = b64decode(sent[name])
        described = dict(container[key])
        sha = digest(data)
        if not sha.startswith(str(described.get("sha256", ""))):
            raise ValueError(f"{name}: the summary describes other bytes than the payload sends")
        file = f"{MEDIA_FOLDER}/{sha}.{EXTENSIONS.get(described.get('format', ''), 'bin')}"
        container[key] = {**described, "sha256": sha, "file": file}
        files[file] = data
    return record, files


def store_media(files: Mapping[str, bytes], folder: Path) -> dict[str, str]:
    """Each file under ``folder`` by its content: the same bytes already there are reused, a
    file of that name with other bytes is left alone and a free variant (``-2``…) is used.
    Returns the relative name each file got (usually the name asked)."""
    return {name: _stored(folder, name, data) for name, data in files.items()}


def _stored(folder: Path, name: str, data: bytes) -> str:
    for candidate in variants(folder / name):
        try:
            if candidate.read_bytes() == data:
                return candidate.relative_to(folder).as_posix()
        except FileNotFoundError:
            return write_new(candidate, data).relative_to(folder).as_posix()
    raise FileExistsError(f"{folder / name}: every alternative name is taken")


def renamed(record: Mapping[str, Any], names: Mapping[str, str]) -> dict[str, Any]:
    """The record with each media ``file`` as ``store_media`` actually named it."""
    result = copy.deepcopy(dict(record))
    for _, container, key in media_slots(result):
        file = container[key]["file"]
        container[key] = {**container[key], "file": names.get(file, file)}
    return result


def payload_of_record(record: Mapping[str, Any], folder: Path) -> dict[str, Any]:
    """The payload as it was sent, from a sidecar's ``request`` and the folder it lies in.

    Each medium is read from its file and must be the very bytes recorded (its sha256); a
    missing, moved or changed file is an ``InputError`` naming the field, the rule and the file.
    """
    payload = copy.deepcopy(dict(record))
    for name, container, key in media_slots(payload):
        container[key] = b64encode(read_medium(name, container[key], folder)).decode("ascii")
    return payload


def read_medium(field: str, described: object, folder: Path) -> bytes:
    """One recorded medium's bytes, checked against its sha256. Errors show the file as the
    record names it (relative to the sidecar's folder), which names its sha256 too."""
    if not isinstance(described, Mapping) or not described.get("file"):
        raise InputError(
            field, "must name its media file (a replayable, version 2 sidecar)", described
        )
    file = str(described["file"])
    root = folder.resolve()
    path = (root / file).resolve()
    if not path.is_relative_to(root):
        raise InputError(field, "its media file must lie in the sidecar's folder", file)
    try:
        data = path.read_bytes()
    except OSError:
        raise InputError(field, "its media file must be beside the sidecar", file) from None
    if digest(data) != described.get("sha256"):
        raise InputError(
            field, "its media file must hold the bytes sent (the sha256 recorded)", file
        )
    return data
