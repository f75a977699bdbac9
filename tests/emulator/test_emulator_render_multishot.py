"""Multi-shot clips on screen: a visible cut at every shot boundary and nowhere else, each shot
captioned with its number, and a sound track as long as the picture."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from typing import Any

import av
import httpx
import numpy as np
import pytest
from PIL import Image

from kling_studio.api.capabilities import MODELS
from kling_studio.emulator import Emulator
from kling_studio.emulator.encode import SAMPLE_RATE, Mp4Writer
from kling_studio.emulator.frames import frames as all_frames
from kling_studio.emulator.multishot import INTELLIGENT_SHOTS, caption, lengths
from kling_studio.emulator.scenes import image_scene

from .helpers import finished
from .test_emulator_render import mad, png, textured

FPS = MODELS["kling-v3"].fps
AAC_FRAME = 1024
"""Samples per AAC frame: the audio track ends on a whole frame, so it may overrun by less."""
CUT_RATIO = 6.0
"""A cut differs from the frame before at least this many times more than its neighbours do."""
QUIET = 0.5
"""Neighbouring differences below this (0–255 units) count as this: a still camera is no scale."""


def decoded(path: Path) -> tuple[list[np.ndarray], dict[str, float]]:
    """Every frame (RGB), and the durations of the video and audio streams in seconds."""
    with av.open(str(path)) as container:
        frames = [frame.to_ndarray(format="rgb24") for frame in container.decode(video=0)]
        durations = {
            stream.type: float(stream.duration * stream.time_base)
            for stream in container.streams
            if stream.duration is not None
        }
    return frames, durations


def cuts(frames: list[np.ndarray], reach: int = 3) -> list[int]:
    """The frames that differ from the one before far more than the frames around them do from
    theirs: frame-difference cut detection."""
    small = [frame[::4, ::4] for frame in frames]
    steps = [mad(before, after) for before, after in pairwise(small)]
    found = []
    for k, step in enumerate(steps):
        around = steps[max(0, k - reach) : k] + steps[k + 1 : k + 1 + reach]
        if step > CUT_RATIO * max(float(np.median(around)), QUIET):
            found.append(k + 1)
    return found


def read_caption(frame: np.ndarray, count: int) -> int:
    """Which "Shot n/count" caption the frame carries: the one whose letters line up best with
    the frame's brightness where a caption sits."""
    size = (frame.shape[1], frame.shape[0])
    scores = []
    for number in range(1, count + 1):
        sprite = caption(f"Shot {number}/{count}", size, 1)
        left, top = sprite.origin
        box = frame[top : top + sprite.mask.height, left : left + sprite.mask.width]
        letters = np.asarray(sprite.image.convert("L"), dtype=float) * (
            np.asarray(sprite.mask, dtype=float) > 150
        )
        scores.append(float(np.corrcoef(letters.ravel(), box.mean(axis=2).ravel())[0, 1]))
    return int(np.argmax(scores)) + 1


async def render(client: httpx.AsyncClient, emulator: Emulator, body: dict[str, Any]) -> Path:
    created = await client.post("/v1/videos/image2video", json=body)
    assert created.status_code == 200, created.text
    task_id = created.json()["data"]["task_id"]
    data = await finished(client, f"/v1/videos/image2video/{task_id}", timeout=90)
    assert data["task_status"] == "succeed", data["task_status_msg"]
    [task] = emulator.tasks
    assert task.video_path is not None
    return task.video_path


def boundaries(counts: list[int]) -> list[int]:
    return [int(edge) for edge in np.cumsum(counts)[:-1]]


CUSTOMIZE = {
    "model_name": "kling-v3",
    "duration": "4",
    "sound": "on",
    "multi_shot": True,
    "shot_type": "customize",
    "multi_prompt": [
        {"index": 1, "prompt": "<<<voice_1>>> whispers", "duration": "1"},
        {"index": 2, "prompt": "wide, the wind rises", "duration": "2"},
        {"index": 3, "prompt": "<<<voice_2>>> answers", "duration": "1"},
    ],
    "voice_list": [{"voice_id": "narrator"}, {"voice_id": "sailor"}],
}


async def test_customized_shots_cut_where_their_durations_say(
    client: httpx.AsyncClient, emulator: Emulator
) -> None:
    path = await render(client, emulator, {**CUSTOMIZE, "image": png(textured(seed=31))})
    frames, durations = decoded(path)
    counts = [FPS, 2 * FPS, FPS]
    assert len(frames) == sum(counts)
    found = cuts(frames)
    expected = boundaries(counts)
    assert len(found) == len(expected), f"cuts at {found}, shots start at {expected}"
    for seen, edge in zip(found, expected, strict=True):
        assert abs(seen - edge) <= 1, f"cuts at {found}, shots start at {expected}"
    starts = [0, *expected]
    middles = [start + count // 2 for start, count in zip(starts, counts, strict=True)]
    assert [read_caption(frames[m], 3) for m in middles] == [1, 2, 3]
    assert abs(durations["audio"] - durations["video"]) <= AAC_FRAME / SAMPLE_RATE
    assert abs(durations["video"] - 4) <= 1 / FPS


async def test_intelligence_renders_equal_shots(
    client: httpx.AsyncClient, emulator: Emulator
) -> None:
    body = {
        "model_name": "kling-v3",
        "duration": "3",
        "multi_shot": True,
        "shot_type": "intelligence",
        "prompt": "a harbour at dawn, then the boats leave",
        "image": png(textured(seed=32)),
    }
    frames, durations = decoded(await render(client, emulator, body))
    counts = lengths("intelligence", [], 3, FPS)
    assert counts == [FPS] * INTELLIGENT_SHOTS
    found, expected = cuts(frames), boundaries(counts)
    assert len(found) == len(expected) and all(
        abs(seen - edge) <= 1 for seen, edge in zip(found, expected, strict=True)
    ), f"cuts at {found}, shots start at {expected}"
    assert "audio" not in durations, "no sound asked, no track"


def test_a_single_camera_clip_has_no_cut(tmp_path: Path) -> None:
    """The detector itself: an ordinary clip's slow push-in is not mistaken for cuts."""
    scene = image_scene(textured(seed=33), None, short_side=120, fps=FPS, seconds=3)
    assert cuts([np.asarray(frame) for frame in all_frames(scene)]) == []


@pytest.mark.parametrize(
    ("shot_type", "seconds", "total", "fps", "counts"),
    [
        ("customize", [2, 3], 5, 24, [48, 72]),
        ("customize", [15], 15, 24, [360]),
        ("intelligence", [], 3, 24, [24, 24, 24]),
        ("intelligence", [], 5, 25, [42, 42, 41]),
    ],
)
def test_shot_lengths(
    shot_type: str, seconds: list[int], total: int, fps: int, counts: list[int]
) -> None:
    assert lengths(shot_type, seconds, total, fps) == counts


@pytest.mark.parametrize("seconds", [3, 7, 15])
def test_the_sound_track_is_as_long_as_the_picture(tmp_path: Path, seconds: int) -> None:
    """kling-v3's lengths through the emulator's encoder (tiny frames: the picture's size does
    not change how much sound goes with it)."""
    path = tmp_path / "clip.mp4"
    with Mp4Writer(path, (64, 48), FPS, sound=True) as writer:
        for index in range(FPS * seconds):
            writer.write(Image.new("RGB", (64, 48), (index % 256, 80, 120)))
    with av.open(str(path)) as container:
        video, audio = container.streams.video[0], container.streams.audio[0]
        assert video.frames == FPS * seconds
        video_seconds = float(video.duration * video.time_base)
        audio_seconds = float(audio.duration * audio.time_base)
        samples = sum(frame.samples for frame in container.decode(audio=0))
    assert abs(video_seconds - seconds) <= 1 / FPS
    assert abs(audio_seconds - video_seconds) <= AAC_FRAME / SAMPLE_RATE
    assert 0 <= samples - seconds * SAMPLE_RATE < AAC_FRAME, "decoded, within one AAC frame"
