"""Pictures and masks as the Studio keeps them: upright bytes the browser can draw as-is.

Browser uploads arrive in chunks (the server drops browser messages over 10 MiB); ``Uploads``
puts them together and refuses nothing silently. ``display_copy`` makes the picture the canvas
shows and the masks are painted on: EXIF applied, natural resolution, JPEG or PNG.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any, Final

from PIL import Image

from kling_studio.api.capabilities import IMAGE_RULES
from kling_studio.api.images import ImageSource, load_upright
from kling_studio.api.input_error import InputError
from kling_studio.api.prepare import MAX_SOURCE_BYTES
from kling_studio.selection.limits import MAX_CLIP_BYTES

from .contract import PaintCarried, PictureMeta
from .fixes import picture_problems

BROWSER_FORMATS = ("JPEG", "PNG")
SLOT_FIELDS = {"image": "image", "tail": "image_tail", "clip": "clip"}
"""The request field each single slot's picture becomes (``clip``: a video a path is taken
from); every other slot is a multi-image one."""
UPLOAD_LIMITS: Final = {"clip": MAX_CLIP_BYTES}
"""Bytes a slot takes at most, where it differs from a picture's ``MAX_SOURCE_BYTES``."""


def slot_field(slot: str) -> str:
    """The request field a slot's picture becomes, so an error names what the person knows."""
    return SLOT_FIELDS.get(slot, "image_list")


@dataclass(frozen=True)
class Picture:
    """A picture ready for the canvas, and what the user should know about it."""

    data: bytes
    width: int
    height: int
    name: str
    notes: tuple[str, ...] = ()

    def meta(
        self,
        version: int,
        *,
        field: str,
        undo: str | None = None,
        paint: PaintCarried = None,
    ) -> PictureMeta:
        """What the front end shows, with what Kling would refuse (and the fixes) said now;
        ``paint``: what became of the paint on the start frame this picture replaced."""
        return {
            "name": self.name,
            "width": self.width,
            "height": self.height,
            "bytes": len(self.data),
            "notes": list(self.notes),
            "version": version,
            "problems": [
                {
                    "rule": problem.rule,
                    "text": problem.text,
                    "fixes": [
                        {"id": fix.id, "label": fix.label, "warning": fix.warning}
                        for fix in problem.fixes
                    ],
                }
                for problem in picture_problems((self.width, self.height), field=field)
            ],
            "undo": undo,
            "paint": paint,
        }

    @property
    def size(self) -> tuple[int, int]:
        return self.width, self.height

    def image(self) -> Image.Image:
        """The picture, decoded (already upright)."""
        with Image.open(io.BytesIO(self.data)) as image:
            image.load()
            return image


JPEG_OPTIONS: Final[dict[str, Any]] = {"quality": 92, "subsampling": 0}
"""Full-resolution colour (4:4:4): with Pillow's default 4:2:0 a red hull bleeds into blue water,
and a click on the quickstart's boat selects 0.88 of it instead of all of it; the file is about
a quarter larger."""


def display_copy(source: ImageSource, *, name: str, field: str = "image") -> Picture:
    """The upright picture at its natural size; the original bytes when they already are."""
    upright, notes = load_upright(source, field=field)
    width, height = upright.size
    if isinstance(source, bytes) and not notes:
        with Image.open(io.BytesIO(source)) as probe:
            if probe.format in BROWSER_FORMATS and len(source) <= IMAGE_RULES.max_bytes:
                return Picture(source, width, height, name)
    rgb = upright if upright.mode in ("RGB", "RGBA", "L") else upright.convert("RGB")
    buffer = io.BytesIO()
    fmt = "PNG" if rgb.mode == "RGBA" else "JPEG"
    rgb.save(buffer, fmt, **(JPEG_OPTIONS if fmt == "JPEG" else {}))
    return Picture(buffer.getvalue(), width, height, name, tuple(notes))


def scaled_mask(png: bytes, size: tuple[int, int]) -> bytes:
    """A painted mask at another picture size (same aspect): nearest-neighbour, so its edge
    stays as hard as it was painted."""
    with Image.open(io.BytesIO(png)) as image:
        resized = image.convert("RGBA").resize(size, Image.Resampling.NEAREST)
    buffer = io.BytesIO()
    resized.save(buffer, "PNG", compress_level=1)
    return buffer.getvalue()


@dataclass
class _Upload:
    slot: str
    name: str
    size: int
    chunks: dict[int, bytes] = field(default_factory=dict)

    @property
    def received(self) -> int:
        return sum(len(c) for c in self.chunks.values())


class UploadError(InputError):
    """An upload that cannot be completed: the field, the rule and the value, as for any input."""


class Uploads:
    """Chunked uploads in progress, keyed by the browser's upload id."""

    def __init__(self) -> None:
        self._open: dict[str, _Upload] = {}

    def begin(self, upload_id: str, slot: str, name: str, size: int) -> None:
        """Open an upload, or refuse it before any chunk is sent (over the slot's limit: 50 MB
        for a picture, ``UPLOAD_LIMITS`` for a clip)."""
        most = UPLOAD_LIMITS.get(slot, MAX_SOURCE_BYTES)
        if size > most:
            limit = f"must be {most // 2**20} MB or less to upload"
            raise UploadError(slot_field(slot), limit, f"{name}, {size / 2**20:.1f} MB")
        self._open[upload_id] = _Upload(slot, name, size)

    def chunk(self, upload_id: str, index: int, data: bytes) -> float:
        """Store one chunk; returns the fraction received so far."""
        upload = self._open.get(upload_id)
        if upload is None:
            raise UploadError("upload", "must be begun before its chunks are sent", upload_id)
        upload.chunks[index] = data
        return upload.received / max(upload.size, 1)

    def end(self, upload_id: str) -> tuple[str, str, bytes]:
        """(slot, name, bytes) of a complete upload; refuses a short one."""
        upload = self._open.pop(upload_id, None)
        if upload is None:
            raise UploadError("upload", "must be begun before it can end", upload_id)
        data = b"".join(upload.chunks[i] for i in sorted(upload.chunks))
        if len(data) != upload.size or sorted(upload.chunks) != list(range(len(upload.chunks))):
            raise UploadError(
                slot_field(upload.slot),
                "must arrive whole",
                f"{upload.name}: received {len(data)} of {upload.size} bytes",
            )
        return upload.slot, upload.name, data
