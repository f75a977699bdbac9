"""Rendered videos: real H.264 mp4s at the model's resolution, fps and duration."""

from __future__ import annotations

import io
from fractions import Fraction
from pathlib import Path
from typing import Any

import av
import httpx
import numpy as np
import pytest
from PIL import Image

from kling_studio.emulator import Emulator
from kling_studio.emulator.frames import Scene, Shot, frames, multi_image_scene, output_size
from kling_studio.emulator.inputs import Inputs
from kling_studio.emulator.render import scene_for
from kling_studio.emulator.validation import validate

from .helpers import b64, finished

RED, GREEN, BLUE = (220, 30, 30), (30, 200, 60), (30, 60, 220)


def solid(width: int, height: int, color: tuple[int, int, int], fmt: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, fmt)
    return buffer.getvalue()


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
    ("model", "mode", "size", "fps"),
    [
        ("kling-v1", "pro", (960, 720), 30),
        ("kling-v1-5", "pro", (1440, 1080), 30),
        ("kling-v1-6", "std", (960, 720), 30),
        ("kling-v2-master", "pro", (960, 720), 24),
        ("kling-v2-1-master", "std", (1440, 1080), 24),
        ("kling-v2-5-turbo", "pro", (1440, 1080), 24),
        ("kling-v3", "std", (960, 720), 24),
    ],
)
def test_scene_follows_model_and_mode(
    model: str, mode: str, size: tuple[int, int], fps: int
) -> None:
    request = validate(
        "image2video", {"model_name": model, "mode": mode, "image": b64(solid(8, 6, RED))}, "kling"
    )
    scene = scene_for(request, Inputs(image=Image.new("RGB", (400, 300))))
    assert (scene.size, scene.fps, scene.frame_count) == (size, fps, fps * 5)


@pytest.mark.parametrize(
    ("ratio", "size"), [("16:9", (1280, 720)), ("9:16", (720, 1280)), ("1:1", (720, 720))]
)
def test_multi_image_scene(ratio: str, size: tuple[int, int]) -> None:
    pictures = [Image.new("RGB", (400, 300), color) for color in (RED, GREEN, BLUE)]
    scene = multi_image_scene(pictures, aspect_ratio=ratio, short_side=720, fps=30, seconds=5)
    assert scene.size == size
    assert [shot.frames for shot in scene.shots] == [50, 50, 50]


def test_frames_are_generated_lazily_and_zoom() -> None:
    base = Image.new("RGB", (64, 36), RED)
    base.paste(GREEN, (0, 0, 64, 3))
    scene = Scene((64, 36), 10, (Shot(base, 10), Shot(Image.new("RGB", (64, 36), BLUE), 5)))
    stream = frames(scene)
    first = next(stream)
    rest = list(stream)
    assert len(rest) + 1 == scene.frame_count
    assert first.getpixel((32, 2)) == GREEN
    assert rest[8].getpixel((32, 2)) != GREEN
    assert rest[-1].getpixel((32, 18)) == BLUE


def probe(path: Path) -> dict[str, Any]:
    with av.open(str(path)) as container:
        video = container.streams.video[0]
        decoded = list(container.decode(video=0))
        first = decoded[0].to_ndarray(format="rgb24")
        last = decoded[-1].to_ndarray(format="rgb24")
        duration = float(video.duration * video.time_base) if video.duration else 0.0
        return {
            "size": (video.codec_context.width, video.codec_context.height),
            "fps": video.average_rate,
            "frames": len(decoded),
            "duration": duration,
            "codec": video.codec_context.name,
            "audio": [stream.codec_context.name for stream in container.streams.audio],
            "first": first,
            "last": last,
        }


def centre(frame: np.ndarray) -> tuple[int, ...]:
    height, width = frame.shape[:2]
    return tuple(int(v) for v in frame[height // 2, width // 2])


def close_to(color: tuple[int, ...], expected: tuple[int, int, int], tolerance: int = 25) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(color, expected, strict=True))


async def rendered(
    client: httpx.AsyncClient, emulator: Emulator, path: str, body: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    response = await client.post(path, json=body)
    assert response.status_code == 200, response.text
    data = await finished(client, f"{path}/{response.json()['data']['task_id']}", timeout=40)
    assert data["task_status"] == "succeed", data["task_status_msg"]
    [task] = emulator.tasks
    assert task.video_path is not None
    return data, probe(task.video_path)


async def test_sound_portrait_v3(client: httpx.AsyncClient, emulator: Emulator) -> None:
    body = {
        "model_name": "kling-v3",
        "duration": "3",
        "sound": "on",
        "image": b64(solid(300, 450, RED, "JPEG")),
    }
    data, video = await rendered(client, emulator, "/v1/videos/image2video", body)
    assert video["codec"] == "h264"
    assert video["size"] == (720, 1080)
    assert video["fps"] == Fraction(24)
    assert video["frames"] == 72
    assert abs(video["duration"] - 3) <= 1 / 24
    assert video["audio"] == ["aac"]
    assert close_to(centre(video["first"]), RED)
    assert data["final_unit_deduction"] == "2.7"


async def test_tail_frame_and_watermark(client: httpx.AsyncClient, emulator: Emulator) -> None:
    body = {
        "model_name": "kling-v1",
        "image": b64(solid(400, 300, RED)),
        "image_tail": b64(solid(400, 300, GREEN)),
        "watermark_info": {"enabled": True},
    }
    data, video = await rendered(client, emulator, "/kling/v1/videos/image2video", body)
    assert video["size"] == (960, 720)
    assert video["fps"] == Fraction(30)
    assert video["frames"] == 150
    assert abs(video["duration"] - 5) <= 1 / 30
    assert video["audio"] == []
    assert close_to(centre(video["first"]), RED)
    assert close_to(centre(video["last"]), GREEN)
    corner = video["first"][-40:, -120:]
    assert corner.max() > 200, "the 'emulated' mark is drawn in the bottom-right corner"
    [result] = data["task_result"]["videos"]
    watermarked = emulator.tasks[0].watermark_path
    assert watermarked is not None
    assert result["watermark_url"].endswith(watermarked.name)
    marked = probe(watermarked)
    assert (marked["size"], marked["frames"]) == (video["size"], video["frames"])
    assert not np.array_equal(marked["first"][:80, :400], video["first"][:80, :400])
    download = await client.get(result["url"])
    assert download.status_code == 200
    assert download.headers["content-type"] == "video/mp4"
    assert download.content == Path(emulator.tasks[0].video_path or "").read_bytes()
    missing = await client.get("/emulator/files/nothing.mp4")
    assert missing.status_code == 404
    assert missing.json()["code"] == 1203


async def test_multi_image_in_order(client: httpx.AsyncClient, emulator: Emulator) -> None:
    body = {
        "prompt": "three colours",
        "aspect_ratio": "1:1",
        "image_list": [{"image": b64(solid(400, 300, c))} for c in (RED, GREEN, BLUE)],
    }
    data, video = await rendered(client, emulator, "/v1/videos/multi-image2video", body)
    assert video["size"] == (720, 720)
    assert video["frames"] == 150
    assert close_to(centre(video["first"]), RED)
    assert close_to(centre(video["last"]), BLUE)
    assert data["final_unit_deduction"] == "2"


async def test_pro_renders_1080p(client: httpx.AsyncClient, emulator: Emulator) -> None:
    body = {
        "model_name": "kling-v3",
        "mode": "pro",
        "duration": "3",
        "image": b64(solid(400, 300, BLUE)),
    }
    _, video = await rendered(client, emulator, "/v1/videos/image2video", body)
    assert video["size"] == (1440, 1080)
    assert video["frames"] == 72
