"""Requests as scenes: which layers, views, shimmer and sprites each kind of clip is made of."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from PIL import Image

from . import ambient, camera, multishot
from .brush import Brush, separate
from .fit import cover, letterbox, output_size, parse_aspect
from .frames import Scene, Shot, shot
from .timing import progress, window
from .validation import CameraControl

TAIL_FADE: Final = (0.2, 0.8)
"""When an image cross-fades into its tail frame, as fractions of the clip: it starts on the
image and lands, still, on the tail."""
TRANSITION: Final = 0.5
"""Seconds of cross-fade from one multi-image reference into the next."""


def image_scene(
    image: Image.Image | None,
    tail: Image.Image | None,
    *,
    camera_control: CameraControl | None = None,
    brush: Brush | None = None,
    shots: Sequence[int] = (),
    short_side: int,
    fps: int,
    seconds: int,
) -> Scene:
    """image2video at the image's aspect ratio; ``shots`` (frames per shot of a multi-shot
    clip) cut it into shots, which take precedence over a tail frame; else the request's one
    control (tail frame, camera or motion brush, as validated) decides the motion."""
    first = image if image is not None else tail
    if first is None:
        raise ValueError("image2video needs an image or a tail frame")
    size = output_size(first.width / first.height, short_side)
    count = fps * seconds
    if image is not None and shots:
        return Scene(size, fps, multishot.shots(cover(image, size), shots))
    if image is None:
        clip = landing(cover(first, size), count, fps)
    elif tail is not None:
        clip = crossfade(cover(image, size), cover(tail, size), count, fps)
    elif camera_control is not None:
        clip = filmed(cover(image, size), camera_control, count)
    elif brush is not None:
        clip = brushed(cover(image, size), brush, count, fps)
    else:
        clip = drifting(cover(image, size), count, fps)
    return Scene(size, fps, (clip,))


def drifting(picture: Image.Image, count: int, fps: int) -> Shot:
    """The picture with ambient motion, starting exactly on it."""
    return shot(ambient.views(count, picture.size), [picture], shimmer=ambient.shimmer(count, fps))


def landing(picture: Image.Image, count: int, fps: int) -> Shot:
    """Ambient motion that comes to rest exactly on the picture (a lone tail frame)."""
    views = ambient.views(count, picture.size, "land")
    return shot(views, [picture], shimmer=ambient.shimmer(count, fps))


def crossfade(picture: Image.Image, tail: Image.Image, count: int, fps: int) -> Shot:
    """The picture dissolving into the tail frame while the view pushes in and settles back:
    first frame the picture, last frame the tail."""
    return shot(
        ambient.views(count, picture.size, "breathe"),
        [picture, tail],
        [window(progress(count), *TAIL_FADE)],
        ambient.shimmer(count, fps),
    )


def filmed(picture: Image.Image, control: CameraControl, count: int) -> Shot:
    """The camera's move alone (no shimmer), so its direction reads cleanly."""
    return shot(camera.views(control, count, picture.size), [picture])


def brushed(picture: Image.Image, brush: Brush, count: int, fps: int) -> Shot:
    """Ambient motion under the brush's sprites: moving areas over a filled background, the
    still area pasted last so it stays put."""
    background, pasted = separate(picture, brush, picture.size, count)
    views = ambient.views(count, picture.size)
    return shot(views, [background], shimmer=ambient.shimmer(count, fps), sprites=pasted)


def multi_image_scene(
    images: Sequence[Image.Image], *, aspect_ratio: str, short_side: int, fps: int, seconds: int
) -> Scene:
    """multi-image2video: the references in order at the asked aspect, each letterboxed and
    drifting, each cross-fading into the next."""
    size = output_size(parse_aspect(aspect_ratio), short_side)
    share, extra = divmod(fps * seconds, len(images))
    counts = [share + (1 if index < extra else 0) for index in range(len(images))]
    pictures = [letterbox(image, size) for image in images]
    following: list[Image.Image | None] = [*pictures[1:], None]
    return Scene(
        size,
        fps,
        tuple(
            reference(picture, after, count, fps)
            for picture, after, count in zip(pictures, following, counts, strict=True)
        ),
    )


def reference(picture: Image.Image, after: Image.Image | None, count: int, fps: int) -> Shot:
    """One reference's share of the clip; all but the last settle back onto their picture while
    dissolving into the next, which then starts exactly where the fade left it."""
    if after is None:
        return drifting(picture, count, fps)
    fade = min(TRANSITION * fps, count / 3) / max(1, count - 1)
    return shot(
        ambient.views(count, picture.size, "breathe"),
        [picture, after],
        [window(progress(count), 1 - fade, 1)],
        ambient.shimmer(count, fps),
    )
