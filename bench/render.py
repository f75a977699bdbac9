"""Benchmark: the emulator's render (decode → scene → frames → H.264 mp4) for typical requests.

Run it from the repository root, on an otherwise quiet machine:

    .venv/bin/python bench/render.py              # median of 3 runs per case
    .venv/bin/python bench/render.py --repeat 5

Each case is a validated request rendered by ``render()`` exactly as the emulator's worker thread
does it (inputs as base64 PNGs of ``samples.landscape``, the video written into a temp dir). The
baseline, in the same run, is the encoder alone: ``Mp4Writer`` fed as many copies of one ready
frame, i.e. what any render pays before making a single frame. Renders and baseline of each case
run in their own subprocesses; peak memory is the process's VmHWM (reset first via
/proc/self/clear_refs) minus its resident size when the work starts, so it includes Pillow's,
numpy's and x264's C-side buffers (x264 alone holds some 200 MB at 1080p). Without /proc it falls
back to ``ru_maxrss`` (which also counts the interpreter).

CPU s is the process's user + system time per run (all threads, x264's included): on a shared
machine, wall times move with the neighbours' load, CPU time far less; on two free cores a
render's wall time is a little over half its CPU time.

Targets: a 5 s 720p clip in at most 2.5 s (a 6 s one in 3 s), a 10 s 1080p clip in at most 10 s.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import io
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw

from kling_studio.api.capabilities import MODELS
from kling_studio.emulator.encode import Mp4Writer
from kling_studio.emulator.render import RenderJob, render
from kling_studio.emulator.validation import validate
from kling_studio.samples import landscape
from measure import proc_status  # bench/ is the script's folder on sys.path


@dataclass(frozen=True)
class Case:
    name: str
    body: dict[str, Any]
    target_s: float | None = None


def png(picture: Image.Image) -> str:
    buffer = io.BytesIO()
    picture.save(buffer, "PNG", compress_level=1)
    return base64.b64encode(buffer.getvalue()).decode()


def mask(size: tuple[int, int], box: tuple[float, float, float, float]) -> str:
    """A white ellipse in ``box`` (fractions of the picture) on black."""
    width, height = size
    picture = Image.new("L", size, 0)
    left, top, right, bottom = box
    ImageDraw.Draw(picture).ellipse(
        (left * width, top * height, right * width, bottom * height), fill=255
    )
    return png(picture.convert("RGB"))


def camera(**axes: float) -> dict[str, Any]:
    config = dict.fromkeys(("horizontal", "vertical", "pan", "tilt", "roll", "zoom"), 0.0)
    return {"type": "simple", "config": {**config, **axes}}


def cases() -> list[Case]:
    small, big = landscape(1280, 720), landscape(1920, 1080)
    boat = (0.2, 0.62, 0.4, 0.85)
    brush = {
        "model_name": "kling-v1",
        "mode": "std",
        "image": png(small),
        "static_mask": mask(small.size, (0.6, 0.08, 0.78, 0.4)),
        "dynamic_masks": [
            {
                "mask": mask(small.size, boat),
                "trajectories": [{"x": 380, "y": 190}, {"x": 700, "y": 220}, {"x": 900, "y": 150}],
            }
        ],
    }
    return [
        Case(
            "ambient, kling-v1-6 std 5 s 720p",
            {"model_name": "kling-v1-6", "image": png(small)},
            2.5,
        ),
        Case(
            "ambient, kling-v1-6 pro 10 s 1080p",
            {"model_name": "kling-v1-6", "mode": "pro", "duration": "10", "image": png(big)},
            10.0,
        ),
        Case(
            "image + tail, kling-v1-6 pro 10 s 1080p",
            {
                "model_name": "kling-v1-6",
                "mode": "pro",
                "duration": "10",
                "image": png(big),
                "image_tail": png(big.transpose(Image.Transpose.FLIP_LEFT_RIGHT)),
            },
            10.0,
        ),
        Case("motion brush, kling-v1 std 5 s 720p", brush, 2.5),
        Case(
            "camera pan, kling-v1-5 pro 5 s 1080p",
            {
                "model_name": "kling-v1-5",
                "mode": "pro",
                "image": png(big),
                "camera_control": camera(pan=8),
            },
        ),
        Case(
            "3 shots + sound, kling-v3 std 6 s 720p",
            {
                "model_name": "kling-v3",
                "duration": "6",
                "image": png(small),
                "sound": "on",
                "multi_shot": True,
                "shot_type": "customize",
                "multi_prompt": [
                    {"index": n, "prompt": f"shot {n}", "duration": d}
                    for n, d in ((1, "3"), (2, "1"), (3, "2"))
                ],
            },
            3.0,
        ),
        Case(
            "camera roll, kling-v1-5 pro 5 s 1080p",
            {
                "model_name": "kling-v1-5",
                "mode": "pro",
                "image": png(big),
                "camera_control": camera(roll=-6),
            },
        ),
    ]


def render_once(case: Case, folder: Path) -> float:
    request = validate("image2video", case.body, "kling")
    job = RenderJob(request, "bench", folder / "bench.mp4")
    began = time.perf_counter()
    outcome = render(job, now=time.monotonic, stop=threading.Event())
    elapsed = time.perf_counter() - began
    if outcome.failure:
        raise SystemExit(f"{case.name}: {outcome.failure}")
    return elapsed


def encode_only(case: Case, folder: Path) -> float:
    spec = MODELS[case.body["model_name"]]
    mode, seconds = case.body.get("mode", "std"), int(case.body.get("duration", "5"))
    with Image.open(io.BytesIO(base64.b64decode(case.body["image"]))) as opened:
        aspect = opened.width / opened.height
    height = spec.height[mode]
    size = (2 * round(height * aspect / 2), height)
    frame = landscape(*size)
    began = time.perf_counter()
    with Mp4Writer(folder / "baseline.mp4", size, spec.fps, sound=False) as writer:
        for _ in range(spec.fps * seconds):
            writer.write(frame.copy())
    return time.perf_counter() - began


VARIANTS = {"render": render_once, "baseline": encode_only}


def worker(index: int, variant: str, repeat: int) -> None:
    case, run = cases()[index], VARIANTS[variant]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with contextlib.suppress(OSError):
            Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current RSS
        start = proc_status("VmRSS")
        times, cpu = [], []
        for _ in range(repeat):
            before = os.times()
            times.append(run(case, folder))
            after = os.times()
            cpu.append(after.user + after.system - before.user - before.system)
        peak = proc_status("VmHWM")
        size_mb = sum(path.stat().st_size for path in folder.glob("*.mp4")) / 2**20
    if start is None or peak is None:
        scale = 1024 if sys.platform != "darwin" else 1024 * 1024
        start, peak = 0.0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale
    result = {
        "median_s": statistics.median(times),
        "cpu_s": statistics.median(cpu),
        "peak_mb": peak - start,
        "file_mb": size_mb,
    }
    print(json.dumps(result))


def measure(index: int, variant: str, repeat: int) -> dict[str, float]:
    command = [sys.executable, __file__, "--worker", str(index), variant, "--repeat", str(repeat)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    result: dict[str, float] = json.loads(done.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker is not None:
        worker(int(args.worker[0]), args.worker[1], args.repeat)
        return
    print(
        f"Median of {args.repeat} runs per case; baseline = the encoder alone fed the same "
        "number of ready frames; peak = memory above the process's size when the runs start.\n"
    )
    print(
        "| case | render s | target s | render CPU s | baseline s | baseline CPU s "
        "| render / baseline | render peak MB | baseline peak MB | mp4 MB |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for index, case in enumerate(cases()):
        ours, encoder = (measure(index, variant, args.repeat) for variant in VARIANTS)
        target = f"≤ {case.target_s:g}" if case.target_s else "–"
        print(
            f"| {case.name} | {ours['median_s']:.2f} | {target} | {ours['cpu_s']:.2f} "
            f"| {encoder['median_s']:.2f} | {encoder['cpu_s']:.2f} "
            f"| {ours['median_s'] / encoder['median_s']:.1f}× | {ours['peak_mb']:.0f} "
            f"| {encoder['peak_mb']:.0f} | {ours['file_mb']:.1f} |"
        )


if __name__ == "__main__":
    main()
