"""Rendered videos: real H.264 mp4s at the model's resolution, fps and duration, that start,
end and cut where the request says. Also the helpers the other render tests share: textured test
pictures (motion shows on them), decoding chosen frames, finding a coloured marker.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

import av
import httpx
import numpy as np
import pytest
from PIL import Image, ImageDraw

from kling_studio.emulator import Emulator
from kling_studio.emulator.encode import Mp4Writer
from kling_studio.emulator.fit import output_size
from kling_studio.emulator.frames import Scene, frames
from kling_studio.emulator.inputs import Inputs
from kling_studio.emulator.render import scene_for
from kling_studio.emulator.scenes import image_scene, multi_image_scene
from kling_studio.emulator.validation import validate

from .helpers import b64, finished

RED, YELLOW = (220, 30, 30), (235, 225, 30)


# --- shared helpers ------------------------------------------------------------------------------


def textured(width: int = 400, height: int = 300, seed: int = 1, cell: int = 20) -> Image.Image:
    """Random muted tiles (never red or yellow), so any motion changes many pixels."""
    rng = np.random.default_rng(seed)
    shape = (-(-height // cell), -(-width // cell))
    tiles = np.stack(
        [rng.integers(40, 140, shape), rng.integers(60, 200, shape), rng.integers(60, 200, shape)],
        axis=-1,
    ).astype(np.uint8)
    return Image.fromarray(tiles.repeat(cell, axis=0).repeat(cell, axis=1)[:height, :width])


def with_square(
    picture: Image.Image, centre: tuple[int, int], side: int, colour: tuple[int, int, int] = RED
) -> Image.Image:
    marked = picture.copy()
    x, y = centre
    half = side // 2
    ImageDraw.Draw(marked).rectangle((x - half, y - half, x + half - 1, y + half - 1), fill=colour)
    return marked


def square_mask(size: tuple[int, int], centre: tuple[int, int], side: int) -> Image.Image:
    return with_square(Image.new("RGB", size), centre, side, (255, 255, 255))


def png(picture: Image.Image, fmt: str = "PNG") -> str:
    buffer = io.BytesIO()
    picture.save(buffer, fmt)
    return b64(buffer.getvalue())


def probe(path: Path, picks: Sequence[int] = (0, -1)) -> dict[str, Any]:
    """The video's facts, and the frames at ``picks`` (negative counts from the end) as RGB."""
    with av.open(str(path)) as container:
        video = container.streams.video[0]
        wanted = {index % video.frames for index in picks}
        shown: dict[int, np.ndarray] = {}
        count = 0
        for count, frame in enumerate(container.decode(video=0), start=1):
            if count - 1 in wanted:
                shown[count - 1] = frame.to_ndarray(format="rgb24")
        duration = float(video.duration * video.time_base) if video.duration else 0.0
        return {
            "size": (video.codec_context.width, video.codec_context.height),
            "fps": video.average_rate,
            "frames": count,
            "duration": duration,
            "codec": video.codec_context.name,
            "audio": [stream.codec_context.name for stream in container.streams.audio],
            "shown": [shown[index % count] for index in picks],
        }


def encoded(scene: Scene, path: Path) -> Path:
    """``scene`` through the same encoder the emulator uses."""
    with Mp4Writer(path, scene.size, scene.fps, sound=False) as writer:
        for frame in frames(scene):
            writer.write(frame)
    return path


def blob(frame: np.ndarray, colour: tuple[int, int, int] = RED) -> tuple[float, float, float]:
    """Centre x, centre y and width of the pixels of ``colour`` (red or yellow) in ``frame``."""
    r, g, b = (frame[..., channel].astype(int) for channel in range(3))
    found = (r > 170) & (g < 90) & (b < 90) if colour == RED else (r > 180) & (g > 180) & (b < 90)
    ys, xs = np.nonzero(found)
    assert len(xs) > 20, f"no {colour} marker in the frame"
    left, right = np.percentile(xs, [1, 99])
    return float(xs.mean()), float(ys.mean()), float(right - left)


def mad(a: np.ndarray, b: np.ndarray) -> float:
    """Mean absolute difference of two frames, in 0–255 units."""
    return float(np.abs(a.astype(int) - b.astype(int)).mean())


def pixels(picture: Image.Image, size: tuple[int, int]) -> np.ndarray:
    return np.asarray(picture.resize(size, Image.Resampling.BILINEAR))


async def rendered(
    client: httpx.AsyncClient,
    emulator: Emulator,
    path: str,
    body: dict[str, Any],
    picks: Sequence[int] = (0, -1),
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Create the task, wait (with a deadline) until it succeeds, decode its video."""
    response = await client.post(path, json=body)
    assert response.status_code == 200, response.text
    data = await finished(client, f"{path}/{response.json()['data']['task_id']}", timeout=90)
    assert data["task_status"] == "succeed", data["task_status_msg"]
    [task] = emulator.tasks
    assert task.video_path is not None
    return data, probe(task.video_path, picks)


# --- size, rate, length --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("aspect", "short", "size"),
    [
        (16 / 9, 720, (1280, 720)),
        (9 / 16, 720, (720, 1280)),
        (1.0, 1080, (1080, 1080)),
        (4 / 3, 1080, (1440, 1080)),
        (2.5, 1080, (2700, 1080)),
        (401 / 300, 720, (962, 720)),
    ],
)
def test_output_size(aspect: float, short: int, size: tuple[int, int]) -> None:
    assert output_size(aspect, short) == size


@pytest.mark.parametrize(
    ("model", "mode", "duration", "size", "fps"),
    [
        ("kling-v1", "pro", "5", (960, 720), 30),
        ("kling-v1-5", "pro", "10", (1440, 1080), 30),
        ("kling-v1-6", "std", "5", (960, 720), 30),
        ("kling-v2-master", "pro", "10", (960, 720), 24),
        ("kling-v2-1-master", "std", "5", (1440, 1080), 24),
        ("kling-v2-5-turbo", "pro", "5", (1440, 1080), 24),
        ("kling-v3", "std", "7", (960, 720), 24),
    ],
)
def test_scene_follows_model_mode_and_duration(
    model: str, mode: str, duration: str, size: tuple[int, int], fps: int
) -> None:
    body = {"model_name": model, "mode": mode, "duration": duration, "image": png(textured())}
    request = validate("image2video", body, "kling")
    scene = scene_for(request, Inputs(image=textured()))
    assert (scene.size, scene.fps, scene.frame_count) == (size, fps, fps * int(duration))


@pytest.mark.parametrize(
    ("ratio", "size"), [("16:9", (1280, 720)), ("9:16", (720, 1280)), ("1:1", (720, 720))]
)
def test_multi_image_scene_takes_the_asked_aspect(ratio: str, size: tuple[int, int]) -> None:
    pictures = [textured(seed=seed) for seed in (1, 2, 3)]
    scene = multi_image_scene(pictures, aspect_ratio=ratio, short_side=720, fps=30, seconds=5)
    assert scene.size == size
    assert [shot.frames for shot in scene.shots] == [50, 50, 50]


async def test_sound_portrait_v3(client: httpx.AsyncClient, emulator: Emulator) -> None:
    body = {
        "model_name": "kling-v3",
        "duration": "3",
        "sound": "on",
        "image": png(textured(300, 450), "JPEG"),
    }
    data, video = await rendered(client, emulator, "/v1/videos/image2video", body)
    assert video["codec"] == "h264"
    assert video["size"] == (720, 1080)
    assert video["fps"] == Fraction(24)
    assert video["frames"] == 72
    assert abs(video["duration"] - 3) <= 1 / 24
    assert video["audio"] == ["aac"]
    assert data["final_unit_deduction"] == "2.7"


async def test_pro_renders_1080p(client: httpx.AsyncClient, emulator: Emulator) -> None:
    body = {"model_name": "kling-v3", "mode": "pro", "duration": "3", "image": png(textured())}
    _, video = await rendered(client, emulator, "/v1/videos/image2video", body)
    assert video["size"] == (1440, 1080)
    assert video["frames"] == 72
    assert video["audio"] == []


# --- what the clip shows -------------------------------------------------------------------------


async def test_ambient_motion_starts_on_the_image_and_pushes_in(
    client: httpx.AsyncClient, emulator: Emulator
) -> None:
    picture = with_square(textured(), (200, 150), 50)
    body = {"model_name": "kling-v3", "duration": "3", "image": png(picture)}
    _, video = await rendered(client, emulator, "/v1/videos/image2video", body, (0, 36, -1))
    first, middle, last = video["shown"]
    assert mad(first, pixels(picture, video["size"])) < 5, "the clip starts on the image"
    assert mad(first, middle) > 8 and mad(middle, last) > 8, "the picture visibly moves"
    grown = blob(last)[2] / blob(first)[2]
    assert 1.02 < grown < 1.12, f"a slow push-in, not a jump (×{grown:.3f})"


async def test_tail_frame_and_watermark(client: httpx.AsyncClient, emulator: Emulator) -> None:
    image, tail = textured(seed=1), textured(seed=2)
    body = {
        "model_name": "kling-v1",
        "image": png(image),
        "image_tail": png(tail),
        "watermark_info": {"enabled": True},
    }
    data, video = await rendered(client, emulator, "/kling/v1/videos/image2video", body)
    assert (video["size"], video["fps"], video["frames"]) == ((960, 720), Fraction(30), 150)
    assert abs(video["duration"] - 5) <= 1 / 30
    assert video["audio"] == []
    first, last = video["shown"]
    corner = (slice(0, -60), slice(0, -200))  # away from the "emulated" mark
    assert mad(first[corner], pixels(image, video["size"])[corner]) < 5
    assert mad(last[corner], pixels(tail, video["size"])[corner]) < 5
    assert mad(last[corner], pixels(image, video["size"])[corner]) > 20
    assert first[-40:, -120:].max() > 200, "the 'emulated' mark is drawn in the bottom-right corner"
    [result] = data["task_result"]["videos"]
    watermarked = emulator.tasks[0].watermark_path
    assert watermarked is not None
    assert result["watermark_url"].endswith(watermarked.name)
    marked = probe(watermarked)
    assert (marked["size"], marked["frames"]) == (video["size"], video["frames"])
    assert mad(marked["shown"][0][:80, :400], first[:80, :400]) > 10, "watermark top-left"
    download = await client.get(result["url"])
    assert download.status_code == 200
    assert download.headers["content-type"] == "video/mp4"
    assert download.content == Path(emulator.tasks[0].video_path or "").read_bytes()
    missing = await client.get("/emulator/files/nothing.mp4")
    assert missing.status_code == 404
    assert missing.json()["code"] == 1203


async def test_tail_frame_alone_is_where_the_clip_lands(
    client: httpx.AsyncClient, emulator: Emulator
) -> None:
    tail = with_square(textured(seed=4), (200, 150), 50)
    body = {"model_name": "kling-v1-6", "mode": "pro", "image_tail": png(tail)}
    _, video = await rendered(client, emulator, "/v1/videos/image2video", body, (0, 75, -1))
    assert (video["size"], video["frames"]) == ((1440, 1080), 150)
    first, middle, last = video["shown"]
    reference = pixels(tail, video["size"])
    assert mad(last[:-80], reference[:-80]) < 5, "the clip ends exactly on the tail frame"
    assert mad(first, reference) > 8, "it gets there by moving, not by standing still"
    assert blob(first)[2] > blob(middle)[2] > blob(last)[2], "pulling back onto the frame"


async def test_multi_image_shows_each_picture_in_order(
    client: httpx.AsyncClient, emulator: Emulator
) -> None:
    pictures = [textured(seed=seed) for seed in (5, 6, 7)]
    body = {
        "prompt": "three pictures",
        "aspect_ratio": "9:16",
        "image_list": [{"image": png(picture)} for picture in pictures],
    }
    middles = (25, 75, 125)
    data, video = await rendered(
        client, emulator, "/v1/videos/multi-image2video", body, (0, *middles)
    )
    assert (video["size"], video["frames"]) == ((720, 1280), 150)
    band = (slice(370 + 90, 910 - 90), slice(90, 630))  # inside the letterboxed picture
    references = [np.asarray(p.resize((720, 540)))[90:-90, 90:-90] for p in pictures]
    for position, frame in enumerate(video["shown"][1:4]):
        distances = [mad(frame[band], reference) for reference in references]
        assert int(np.argmin(distances)) == position, distances
    first = video["shown"][0]
    assert first[:300].mean() < 0.8 * first[band].mean(), "letterboxed: dimmer bars above"
    assert mad(first[band], references[0]) < 6
    assert data["final_unit_deduction"] == "2"


def test_crossfade_scene_first_and_last_frames_are_exact() -> None:
    image, tail = textured(seed=8), textured(seed=9)
    scene = image_scene(image, tail, short_side=150, fps=10, seconds=1)
    made = list(frames(scene))
    assert len(made) == 10
    assert mad(np.asarray(made[0]), pixels(image, scene.size)) < 1
    assert mad(np.asarray(made[-1]), pixels(tail, scene.size)) < 1
