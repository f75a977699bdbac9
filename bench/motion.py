"""Benchmark: the motion check end to end — how long it takes, and whether it tells a result that
did as asked from one that did not.

Run it from the repository root:

    .venv/bin/python bench/motion.py               # 30 cases, timing median of 5
    .venv/bin/python bench/motion.py --cases 10 --repeat 3

Every video is rendered by the local emulator (``client.generate`` over its in-process
transport) and measured by ``check_motion`` apart from the render. Two parts:

- time: the check of a 5 s 720p clip (kling-v1 std) and of a 10 s 1080p clip (kling-v1-5 pro), the
  intent holding two dynamic areas, a static area and a camera move so every analysis runs;
  the median (and the slowest) of ``--repeat`` runs. Targets on 2 cores: ≤ 1.5 s and ≤ 4 s.
  A baseline in the same run: decoding the same clip at full size in colour, the step any check
  on the video's own frames needs before it measures anything.
- separation: ``--cases`` seeded cases. Each is a request on a seeded textured picture — an
  ellipse area moving along a seeded path, with a static box in a third of them, or a seeded
  camera move — rendered twice: as asked, and told to disobey (the emulator's render faults:
  ``reverse_path``, ``shorten_path``, ``rotate_path``, ``static_leak``, ``camera_reversed``, in
  turn). Target: every faithful case scores above every disobeying one; the table shows the
  lowest faithful score and the highest disobeying score per kind, and lists any overlap with
  what the check said.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import av
import cv2
import numpy as np

from kling_studio import AsyncKlingClient, DynamicMask, Image2VideoRequest
from kling_studio.api.download import Download
from kling_studio.api.models import CameraControl
from kling_studio.embedded import emulator_connection
from kling_studio.emulator import Emulator, EmulatorConfig
from kling_studio.motion.check import check_motion
from kling_studio.motion.intent import intent_of_paint

W, H = 1280, 720
KINDS = ("reverse_path", "shorten_path", "rotate_path", "static_leak", "camera_reversed")
TIME_TARGETS = {"5 s 720p": 1.5, "10 s 1080p": 4.0}


# -- the seeded pictures and requests ---------------------------------------------------------


def picture(seed: int) -> np.ndarray:
    """A colour picture with detail at three scales everywhere, as a photograph has."""
    rng = np.random.default_rng(seed)
    total = np.zeros((H, W, 3), np.float32)
    for cell, weight in ((160, 1.0), (40, 0.6), (8, 0.35)):
        coarse = rng.random((H // cell + 2, W // cell + 2, 3)).astype(np.float32)
        big = cv2.resize(coarse, (W + 2 * cell, H + 2 * cell), interpolation=cv2.INTER_CUBIC)
        total += weight * big[cell : cell + H, cell : cell + W]
    low, high = total.min(), total.max()
    return (30 + 200 * (total - low) / (high - low)).astype(np.uint8)


@dataclass(frozen=True)
class Case:
    seed: int
    kind: str
    request: Image2VideoRequest
    disobey: dict[str, Any]


def ellipse(rng: np.random.Generator) -> tuple[np.ndarray, tuple[float, float]]:
    axes = (int(rng.uniform(60, 130)), int(rng.uniform(50, 110)))
    centre = (int(rng.uniform(300, W - 300)), int(rng.uniform(220, H - 220)))
    mask = np.zeros((H, W), np.uint8)
    cv2.ellipse(mask, centre, axes, float(rng.uniform(0, 180)), 0, 360, 1, -1)
    return mask.astype(bool), (float(centre[0]), float(centre[1]))


def path_from(rng: np.random.Generator, start: tuple[float, float]) -> list[tuple[float, float]]:
    """2–4 points, 20–35 % of the diagonal long, kept inside the picture."""
    length = rng.uniform(0.20, 0.35) * math.hypot(W, H)
    heading = rng.uniform(0, 2 * math.pi)
    count = int(rng.integers(2, 5))
    points = [start]
    for _ in range(count - 1):
        heading += rng.uniform(-0.5, 0.5)
        step = length / (count - 1)
        x = float(np.clip(points[-1][0] + step * math.cos(heading), 40, W - 40))
        y = float(np.clip(points[-1][1] + step * math.sin(heading), 40, H - 40))
        points.append((x, y))
    return points


def case(seed: int, kind: str) -> Case:
    rng = np.random.default_rng(seed)
    image = picture(seed)
    if kind == "camera_reversed":
        axis = str(rng.choice(["zoom", "horizontal", "vertical", "pan", "tilt", "roll"]))
        value = float(rng.choice([-1, 1]) * rng.integers(4, 9))
        request = Image2VideoRequest(
            model_name="kling-v1-5",
            mode="pro",
            image=image,
            prompt="a seeded camera move",
            camera_control=CameraControl.simple(**{axis: value}),
        )
        return Case(seed, kind, request, {"kind": kind})
    mask, centre = ellipse(rng)
    static = None
    if kind == "static_leak" or rng.random() < 1 / 3:
        static = np.zeros((H, W), bool)
        left = 40 if centre[0] > W / 2 else W - 360
        static[60:300, left : left + 320] = True
        static &= ~mask
    request = Image2VideoRequest(
        model_name="kling-v1",
        image=image,
        prompt="a seeded brush",
        static_mask=static,
        dynamic_masks=[DynamicMask(mask=mask, trajectories=path_from(rng, centre))],
    )
    settings = {"rotate_path": {"angle": float(rng.choice([-1, 1]) * rng.uniform(60, 180))}}
    return Case(seed, kind, request, {"kind": kind, **settings.get(kind, {})})


# -- rendering and measuring ------------------------------------------------------------------


async def render(
    request: Image2VideoRequest, folder: Path, disobey: dict[str, Any] | None
) -> Download:
    emulator = Emulator(
        EmulatorConfig(speed=50, queue_seconds=1, processing_seconds=5, state_dir=None)
    )
    if disobey is not None:
        emulator.faults.add(**disobey)
    async with AsyncKlingClient(connection=emulator_connection(emulator)) as client:
        return await client.generate(request, folder, motion_check=True)


def rendered(
    request: Image2VideoRequest, folder: Path, disobey: dict[str, Any] | None = None
) -> Download:
    return asyncio.run(render(request, folder, disobey))


def say(text: str) -> None:
    print(f"\r{text:<78}", end="", file=sys.stderr, flush=True)


# -- time -------------------------------------------------------------------------------------


def worst_intent(size: tuple[int, int]) -> Any:
    """Two areas, a static area and a camera move: every analysis of the check runs."""
    w, h = size
    areas = []
    for index, (cx, cy) in enumerate(((0.3, 0.6), (0.7, 0.4)), start=1):
        mask = np.zeros((h, w), np.uint8)
        cv2.ellipse(mask, (int(cx * w), int(cy * h)), (w // 12, h // 10), 0, 0, 360, 1, -1)
        path = [(cx * w, cy * h), (cx * w + w / 5, cy * h - h / 8)]
        areas.append((f"dynamic {index}", mask.astype(bool), path))
    static = np.zeros((h, w), bool)
    static[: h // 5, : w // 3] = True
    return intent_of_paint(
        picture_size=size,
        static=static,
        dynamic=areas,
        camera=CameraControl.simple(zoom=-5),
    )


def decode_full(video: Path) -> None:
    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        for frame in container.decode(stream):
            frame.to_ndarray(format="rgb24")


def timed(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    seconds = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), max(seconds)


def time_table(folder: Path, repeat: int) -> list[str]:
    clips = {
        "5 s 720p": Image2VideoRequest(model_name="kling-v1", image=picture(1), prompt="drift"),
        "10 s 1080p": Image2VideoRequest(
            model_name="kling-v1-5", mode="pro", duration="10", image=picture(2), prompt="drift"
        ),
    }
    rows = [
        "| clip | frames | check median s (max) | target | met | decode full-size RGB s |",
        "|---|---:|---:|---:|---|---:|",
    ]
    for name, request in clips.items():
        say(f"rendering the {name} clip…")
        video = rendered(request, folder / name.replace(" ", "-")).video
        with av.open(str(video)) as container:
            stream = container.streams.video[0]
            size = (stream.codec_context.width, stream.codec_context.height)
            frames = stream.frames
        intent = worst_intent(size)
        say(f"timing the check on the {name} clip…")
        median, slowest = timed(lambda v=video, i=intent: check_motion(v, i), repeat)
        decode, _ = timed(lambda v=video: decode_full(v), repeat)
        target = TIME_TARGETS[name]
        rows.append(
            f"| {name} ({size[0]}×{size[1]}) | {frames} | {median:.2f} ({slowest:.2f}) "
            f"| ≤ {target} | {'yes' if median <= target else 'NO'} | {decode:.2f} |"
        )
    return rows


# -- separation -------------------------------------------------------------------------------


def separation(folder: Path, count: int) -> list[str]:
    results: list[tuple[Case, int, int, str]] = []
    for index in range(count):
        kind = KINDS[index % len(KINDS)]
        seeded = case(1000 + index, kind)
        say(f"case {index + 1}/{count}: {kind} (seed {seeded.seed})…")
        faithful = rendered(seeded.request, folder / f"{index}-faithful").motion or {}
        disobeyed = rendered(seeded.request, folder / f"{index}-disobeying", seeded.disobey).motion
        disobeyed = disobeyed or {}
        results.append(
            (
                seeded,
                int(faithful.get("score") or 0),
                int(disobeyed.get("score") or 0),
                str(disobeyed.get("verdict")),
            )
        )
    say("")
    print(file=sys.stderr)
    lowest_faithful = min(f for _, f, _, _ in results)
    highest_disobeying = max(d for _, _, d, _ in results)
    rows = [
        "| disobedience | cases | faithful min / median | disobeying median / max | separated |",
        "|---|---:|---:|---:|---|",
    ]
    for kind in KINDS:
        mine = [(f, d) for c, f, d, _ in results if c.kind == kind]
        if not mine:
            continue
        faithful = [f for f, _ in mine]
        disobeying = [d for _, d in mine]
        rows.append(
            f"| {kind} | {len(mine)} | {min(faithful)} / {statistics.median(faithful):.0f} "
            f"| {statistics.median(disobeying):.0f} / {max(disobeying)} "
            f"| {'yes' if max(disobeying) < lowest_faithful else 'NO'} |"
        )
    faithful_median = statistics.median([f for _, f, _, _ in results])
    disobeying_median = statistics.median([d for _, _, d, _ in results])
    rows.append(
        f"| all | {len(results)} | {lowest_faithful} / {faithful_median:.0f} "
        f"| {disobeying_median:.0f} / {highest_disobeying} "
        f"| {'yes' if highest_disobeying < lowest_faithful else 'NO'} |"
    )
    overlaps = [
        (c, f, d, verdict)
        for c, f, d, verdict in results
        if d >= lowest_faithful or f <= highest_disobeying
    ]
    rows.append("")
    rows.append("What the check said of each disobeying render (seed: score, verdict):")
    rows.extend(f"- {c.kind} {c.seed}: faithful {f}, disobeying {d}: {v}" for c, f, d, v in results)
    if overlaps:
        rows.append("")
        rows.append(f"Overlapping cases: {len(overlaps)} (listed above with their scores).")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--cases", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=5)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        timing = time_table(folder, arguments.repeat)
        split = separation(folder, arguments.cases)
    print(f"\nThe motion check, end to end ({cv2.getNumberOfCPUs()} cores)\n")
    print("\n".join(timing))
    print()
    print("\n".join(split))


if __name__ == "__main__":
    main()
