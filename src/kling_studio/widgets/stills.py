"""The files behind a fallback (``fallback.py``): a poster frame read from a video, a picture made
small, and where a reader's browser finds a saved video — beside the notebook, or inline when
the author asked for a self-contained notebook and the video fits the cap.

Blocking (it decodes video): the widgets call it from their loop thread, once per file.
"""

from __future__ import annotations

import base64
import functools
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Final
from urllib.parse import quote

from .fallback import Picture

if TYPE_CHECKING:
    from PIL.Image import Image

POSTER_WIDTH: Final = 480
"""A Studio's poster: wide enough to see what moved, small enough to keep the notebook light."""
CELL_POSTER_WIDTH: Final = 240
"""A Compare cell's poster (the grid shows several side by side)."""
POSTER_QUALITY: Final = 72
EMBED_LIMIT_BYTES: Final = 8 * 1024 * 1024
"""Videos put inline with ``embed=True``, all of one output's together: past this a video is
linked instead (with a note), so a notebook stays small enough for GitHub to show."""
POSTER_SHARE: Final = 0.5
"""Where in the clip the poster is taken: halfway, so a reader sees what moved."""


def jpeg(picture: Image, width: int) -> bytes:
    """A PIL picture as a JPEG no wider than ``width``."""
    small = picture.convert("RGB")
    small.thumbnail((width, width * 4))
    buffer = io.BytesIO()
    small.save(buffer, "JPEG", quality=POSTER_QUALITY, optimize=True)
    return buffer.getvalue()


def picture_poster(data: bytes, width: int, alt: str) -> Picture | None:
    """A picture's bytes (the start frame) as a small inline JPEG; None if unreadable."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as opened:
            return Picture(jpeg(ImageOps.exif_transpose(opened), width), alt)
    except (UnidentifiedImageError, OSError, ValueError):
        return None


def video_poster(video: Path, width: int, alt: str) -> Picture | None:
    """The frame ``POSTER_SHARE`` of the way into the video, as a small JPEG; None if unreadable."""
    import av

    try:
        with av.open(str(video)) as container:
            stream = container.streams.video[0]
            stream.thread_type = "AUTO"
            base = stream.time_base
            span = float(stream.duration * base) if stream.duration and base else 0.0
            wanted = span * POSTER_SHARE
            chosen = None
            for frame in container.decode(stream):
                chosen = frame
                if frame.time is not None and frame.time >= wanted:
                    break
            if chosen is None:
                return None
            return Picture(jpeg(chosen.to_image(), width), alt)  # type: ignore[no-untyped-call]
    except (av.FFmpegError, OSError, IndexError, ValueError):
        return None


@dataclass
class Posters:
    """Poster frames by file, read once: a video's frames do not change."""

    made: dict[Path, Picture | None] = field(default_factory=dict)

    def of_video(self, video: Path, width: int, alt: str) -> Picture | None:
        if video not in self.made:
            self.made[video] = video_poster(video, width, alt)
        return self.made[video]


@functools.lru_cache(maxsize=8)
def _data_uri(video: Path, _mtime_ns: int) -> str:
    """A video as a data URI, read and encoded once per version of the file: a static view is
    rebuilt on every result, and its embedded videos have not changed."""
    return "data:video/mp4;base64," + base64.b64encode(video.read_bytes()).decode("ascii")


def _not_embedded(name: str, size: int) -> str:
    cap = f"{EMBED_LIMIT_BYTES / 1e6:.0f} MB"
    why = (
        f"{size / 1e6:.1f} MB is more than the {cap} an output embeds"
        if size > EMBED_LIMIT_BYTES
        else f"the output's {cap} for embedded videos is taken by the ones before it"
    )
    return f"{name} is linked, not embedded: {why}. Share it beside the notebook."


@dataclass(frozen=True)
class VideoSource:
    """Where a reader's browser finds a video, and what to tell them when it cannot."""

    src: str | None
    note: str | None = None
    inline_bytes: int = 0


def beside_notebook(video: Path, folder: Path | None = None) -> str | None:
    """The video's address relative to the notebook's folder (the kernel's working folder), as
    a URL path; None when the video is saved elsewhere (a reader could not reach it)."""
    here = (folder or Path.cwd()).resolve()
    try:
        relative = video.resolve().relative_to(here)
    except ValueError:
        return None
    return quote(relative.as_posix())


def video_source(
    video: Path, *, embed: bool, budget: int, folder: Path | None = None
) -> VideoSource:
    """``embed``: inline while ``budget`` bytes allow, else linked; a video outside the notebook's
    folder cannot be linked (its name is said, not its whole path)."""
    embedded_note = None
    if embed:
        try:
            stat = video.stat()
        except OSError:
            stat = None
        if stat is not None and stat.st_size <= budget:
            return VideoSource(_data_uri(video, stat.st_mtime_ns), inline_bytes=stat.st_size)
        if stat is not None:
            embedded_note = _not_embedded(video.name, stat.st_size)
    linked = beside_notebook(video, folder)
    if linked is None:
        return VideoSource(
            None,
            f"{video.name} is saved outside this notebook's folder, so a reader cannot play it "
            "here; save results beside the notebook (output_dir) to link them.",
        )
    return VideoSource(linked, embedded_note)
