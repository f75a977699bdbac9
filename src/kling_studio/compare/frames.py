"""The first, middle and last frame of a video, without decoding all of it or holding it.

Decodes the first frame, seeks to the keyframe at or before the middle and decodes on from there
to the end, holding one frame at a time; only the three frames kept become pictures.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PIL import Image

if TYPE_CHECKING:
    import av


def key_frames(path: Path) -> tuple[Image.Image, Image.Image, Image.Image]:
    """First, middle and last frame of the file's first video stream."""
    import av  # PyAV loads when frames are first read, not with the package

    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        opening = next(container.decode(stream), None)
        if opening is None:
            raise ValueError(f"{path.name} has no video frames")
        first = _picture(opening)
        middle_pts = (opening.pts or 0) + _span(container, stream) // 2
        container.seek(middle_pts, stream=stream)
        middle: Image.Image | None = None
        last: av.VideoFrame | None = None
        for frame in container.decode(stream):
            if middle is None and (frame.pts or 0) >= middle_pts:
                middle = _picture(frame)
            last = frame
    final = first if last is None else _picture(last)
    return first, middle or final, final


def _picture(frame: av.VideoFrame) -> Image.Image:
    return Image.fromarray(frame.to_ndarray(format="rgb24"))


def _span(container: Any, stream: Any) -> int:
    """The stream's length in its own time base."""
    if stream.duration:
        return int(stream.duration)
    if container.duration:
        import av

        return int(container.duration / av.time_base / stream.time_base)
    raise ValueError("the video does not say how long it is")
