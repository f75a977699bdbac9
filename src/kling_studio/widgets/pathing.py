"""The motion brush's path tools in the Studio: presets on a path (``shape-path``) and a path
followed through a clip (the ``clip`` upload slot, then ``track-path``).

The browser records every path these make as one undoable edit, so the commands only answer
with points (``PathMade``); the Python API sets them. A clip is not a picture: its bytes go to a
temp file this module owns (deleted on close), its first frame is decoded by PyAV and sent to
the browser as ``media`` ``clip`` (JPEG) to click on. Decoding and tracking run in a worker
thread driven from the widget's loop thread, never on the kernel's event loop; a newer
``track-path`` for the same area supersedes an unfinished one.
"""

from __future__ import annotations

import asyncio
import io
import math
import shutil
import tempfile
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from kling_studio.api.input_error import InputError
from kling_studio.selection.limits import ARC_BEND_DEFAULT

from .contract import ClipTaken, Media, PathMade, Reply
from .replies import refused, settle, settled

if TYPE_CHECKING:
    from kling_studio.api.sync import LoopThread
    from kling_studio.paths import TrackedPath
    from kling_studio.paths.polyline import Points

CLIP_SLOT: Final = "clip"
NOT_CLIPS: Final = ("tty", "image2", "_pipe")
"""FFmpeg demuxers that open what is not a clip: text (drawn as ANSI art) and still pictures
(``png_pipe``, ``jpeg_pipe``…), matched at the end of the format's name."""
FRAME_LONG_SIDE: Final = 1280
"""The first frame is sent at most this long: enough to click on, small over the comm. The click
comes back in the clip's own pixels (the browser scales it)."""


def _straight(path: Sequence[Sequence[float]], size: tuple[int, int], _bend: float) -> Points:
    from kling_studio.paths import straight

    return straight(path, size=size)


def _arc(path: Sequence[Sequence[float]], size: tuple[int, int], bend: float) -> Points:
    from kling_studio.paths import arc

    return arc(path, bend, size=size)


def _eased(kind: str) -> Callable[[Sequence[Sequence[float]], tuple[int, int], float], Points]:
    def shape(path: Sequence[Sequence[float]], size: tuple[int, int], _bend: float) -> Points:
        from kling_studio.paths import ease

        return ease(path, kind, size=size)

    return shape


def _reverse(path: Sequence[Sequence[float]], _size: tuple[int, int], _bend: float) -> Points:
    from kling_studio.paths import reverse

    return reverse(path)


SHAPES: Final[dict[str, Callable[[Sequence[Sequence[float]], tuple[int, int], float], Points]]] = {
    "straight": _straight,
    "arc": _arc,
    "ease-in": _eased("ease-in"),
    "ease-out": _eased("ease-out"),
    "ease-in-out": _eased("ease-in-out"),
    "linear": _eased("linear"),
    "reverse": _reverse,
}
"""``contract.PathShape`` → the preset (path, picture size, bend) → new points."""


def shaped(
    path: Sequence[Sequence[float]],
    shape: str,
    *,
    size: tuple[int, int],
    bend: float | None = None,
) -> Points:
    """``path`` reshaped by the preset ``shape``; ``bend`` for an arc (else the default)."""
    from kling_studio.paths.polyline import as_array

    preset = SHAPES.get(shape)
    if preset is None:
        raise InputError("shape", f"must be one of {', '.join(SHAPES)}", shape)
    if bend is not None and (
        isinstance(bend, bool) or not isinstance(bend, int | float) or not math.isfinite(bend)
    ):
        raise InputError("bend", "must be a finite number", bend)
    as_array(path)  # ≥ 2 finite pairs, or an InputError naming ``path``
    return preset(path, size, ARC_BEND_DEFAULT if bend is None else float(bend))


@dataclass(frozen=True)
class Clip:
    """The clip in the ``clip`` slot: its file (owned here) and what its header says."""

    file: Path
    name: str
    width: int
    height: int
    frames: int
    seconds: float


def read_clip(file: Path, name: str) -> tuple[Clip, bytes]:
    """The clip's size, length and first frame (JPEG, at most ``FRAME_LONG_SIDE`` long); a file
    that is not a video is refused naming it."""
    import av

    try:
        container = av.open(str(file))
    except (OSError, av.FFmpegError) as exc:
        raise InputError("clip", "must be a video file (mp4, mov, webm…)", name) from exc
    with container:
        if not container.streams.video or container.format.name.endswith(NOT_CLIPS):
            raise InputError("clip", "must be a video file (mp4, mov, webm…)", name)
        stream = container.streams.video[0]
        try:
            first = next(container.decode(stream))
        except (StopIteration, av.FFmpegError) as exc:
            raise InputError("clip", "must have at least one frame PyAV can decode", name) from exc
        rate = float(stream.average_rate or 0)
        seconds = _seconds(stream.duration, stream.time_base, container.duration)
        frames = stream.frames or (round(seconds * rate) if rate else 0)
        if frames == 1:
            raise InputError("clip", "must have more than one frame to follow", name)
        picture = first.to_image()  # type: ignore[no-untyped-call]
    width, height = picture.size
    picture.thumbnail((FRAME_LONG_SIDE, FRAME_LONG_SIDE))
    buffer = io.BytesIO()
    picture.convert("RGB").save(buffer, "JPEG", quality=88)
    clip = Clip(file, name, width, height, int(frames), round(seconds, 3))
    return clip, buffer.getvalue()


def _seconds(duration: int | None, time_base: Any, container_duration: int | None) -> float:
    if duration is not None and time_base is not None:
        return float(duration * time_base)
    if container_duration is not None:
        return container_duration / 1_000_000  # av.time_base: microseconds
    return 0.0


def point_of(content: Mapping[str, Any]) -> tuple[float, float]:
    """The request's ``point``: two finite numbers."""
    value = content.get("point")
    if (
        not isinstance(value, list | tuple)
        or len(value) != 2
        or not all(
            isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)
            for v in value
        )
    ):
        raise InputError("point", "must be 2 finite numbers (x, y) in the clip's pixels", value)
    return float(value[0]), float(value[1])


def dynamic_area(areas: Sequence[Mapping[str, Any]], area: str) -> str:
    """``area`` when it names one of the Studio's dynamic areas (only they have a path)."""
    dynamic = [entry["id"] for entry in areas if entry.get("kind") == "dynamic"]
    if area not in dynamic:
        raise InputError("area", f"must be a dynamic area ({', '.join(dynamic)})", area)
    return area


def picture_size(size: tuple[int, int] | None) -> tuple[int, int]:
    if size is None:
        raise InputError("image", "must be set before a path is shaped or tracked", None)
    return size


def shape_path_asked(
    content: Mapping[str, Any], areas: Sequence[Mapping[str, Any]], size: tuple[int, int] | None
) -> PathMade:
    """A ``shape-path`` request answered (a preset over ≤ 77 points: at once)."""
    area = dynamic_area(areas, str(content.get("area", "")))
    bend = content.get("bend")
    points = shaped(
        content.get("path") or [],
        str(content.get("shape", "")),
        size=picture_size(size),
        bend=bend,
    )
    return {"ok": True, "area": area, "points": [(x, y) for x, y in points], "notes": []}


def track_path_asked(
    content: Mapping[str, Any],
    areas: Sequence[Mapping[str, Any]],
    size: tuple[int, int] | None,
    tools: PathTools,
) -> Future[Reply]:
    """A ``track-path`` request: checked now, followed in the worker."""
    area = dynamic_area(areas, str(content.get("area", "")))
    return tools.track(area, point_of(content), picture_size(size))


def superseded_track(area: str) -> Reply:
    text = f"A newer path from the clip on {area} replaced this one before it ended."
    return refused("clip", "is superseded by a newer track on the same area", area, text)


class PathTools:
    """The clip slot and the tracks in flight, for one Studio. Its state is touched on the
    widget's loop thread only (but ``close``)."""

    def __init__(self, runner: LoopThread, send: Callable[[Media, list[bytes]], None]) -> None:
        self._runner = runner
        self._send = send
        self._folder: Path | None = None
        self._clip: Clip | None = None
        self._tracking: dict[str, object] = {}
        """Area → the ticket of its newest unfinished track (and its reply)."""
        self._replies: dict[str, Future[Reply]] = {}
        self._worker: ThreadPoolExecutor | None = None

    @property
    def clip(self) -> Clip | None:
        return self._clip

    def take_clip(self, name: str, data: bytes) -> Future[Reply]:
        """A request's work: the clip into its temp file, its first frame to the browser; the
        reply (``ClipTaken``) comes when both are done."""
        return self._runner.submit(self._take_clip(name, data))

    async def _take_clip(self, name: str, data: bytes) -> ClipTaken:
        loop = asyncio.get_running_loop()
        clip, frame = await loop.run_in_executor(self._pool(), self._store_clip, name, data)
        if self._clip is not None:
            self._clip.file.unlink(missing_ok=True)
        self._clip = clip
        self._send({"type": "media", "slot": CLIP_SLOT}, [frame])
        return {
            "ok": True,
            "slot": CLIP_SLOT,
            "name": clip.name,
            "width": clip.width,
            "height": clip.height,
            "frames": clip.frames,
            "seconds": clip.seconds,
        }

    def _store_clip(self, name: str, data: bytes) -> tuple[Clip, bytes]:
        """In the worker: write, read the header and the first frame (the old clip goes only
        once the new one is known to be a video)."""
        folder = self._owned_folder()
        suffix = "".join(c for c in Path(name).suffix if c.isalnum() or c == ".")[:8]
        file = Path(tempfile.mkstemp(prefix="clip-", suffix=suffix, dir=folder)[1])
        file.write_bytes(data)
        try:
            clip, frame = read_clip(file, name)
        except BaseException:
            file.unlink(missing_ok=True)
            raise
        return clip, frame

    def track(
        self, area: str, point: tuple[float, float], picture_size: tuple[int, int]
    ) -> Future[Reply]:
        """A request's work: follow ``point`` through the clip, answered ``PathMade``; a newer
        track for the same area answers this one "superseded" at once."""
        clip = self._clip
        if clip is None:
            raise InputError("clip", "must be uploaded before a path is taken from it", None)
        replied: Future[Reply] = Future()
        work = self._runner.submit(self._track(area, clip, point, picture_size, replied))
        work.add_done_callback(lambda finished: settle(replied, settled(finished, "clip")))
        return replied

    async def _track(
        self,
        area: str,
        clip: Clip,
        point: tuple[float, float],
        picture_size: tuple[int, int],
        replied: Future[Reply],
    ) -> Reply:
        """On the loop thread: supersede the area's unfinished track, follow in the worker, and
        answer — if still the newest."""
        from kling_studio.paths import track_path

        ticket = object()
        earlier = self._replies.get(area)
        self._tracking[area], self._replies[area] = ticket, replied
        if earlier is not None:
            settle(earlier, superseded_track(area))

        def current() -> bool:
            return self._tracking.get(area) is ticket

        def work() -> TrackedPath | None:
            if not current():  # superseded while waiting for the worker
                return None
            return track_path(clip.file, point, picture_size=picture_size)

        loop = asyncio.get_running_loop()
        try:
            tracked = await loop.run_in_executor(self._pool(), work)
        finally:
            newest = current()
            if newest:
                del self._tracking[area], self._replies[area]
        if tracked is None or not newest:
            return superseded_track(area)
        made: PathMade = {
            "ok": True,
            "area": area,
            "points": [(float(x), float(y)) for x, y in tracked.points],
            "notes": list(tracked.notes),
        }
        return made

    def _pool(self) -> ThreadPoolExecutor:
        if self._worker is None:
            self._worker = ThreadPoolExecutor(1, thread_name_prefix="kling-paths")
        return self._worker

    def _owned_folder(self) -> Path:
        if self._folder is None:
            self._folder = Path(tempfile.mkdtemp(prefix="kling-studio-clip-"))
        return self._folder

    def close(self) -> None:
        """Stop the worker and delete the clip's temp folder."""
        if self._worker is not None:
            self._worker.shutdown(wait=False, cancel_futures=True)
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
        self._clip = None
