"""Benchmark: a sweep's grid exported as one MP4 (``compare.export.export_grid``) against FFmpeg's
own ``xstack`` filter doing the same tiling.

Run it from the repository root, on an otherwise quiet machine:

    .venv/bin/python bench/export.py              # median of 3 runs per variant
    .venv/bin/python bench/export.py --repeat 5

The clips: six 5 s 1280×720 30 fps H.264 clips made here with PyAV, like a photograph under a
slow camera move (a seeded picture with detail at three scales, zoomed and panned, with film
grain; x264 veryfast at crf 20, a few MB each, as Kling's downloads are), one with a sound track.
The grid: 2 rows × 3 columns, titled and labelled, cells 480 px wide (the MP4 default).

Variants, each run in a fresh subprocess (peak memory is the process's VmHWM above its size when
the runs start, so PyAV's and x264's C buffers count):

- ours: ``export_grid`` as shipped (each cell decoded in its own thread, a few frames ahead);
- ours, one thread: the same with every cell decoded in turn in the writing thread, to show
  what the decoding threads buy;
- ours + sound: the first clip's sound carried as well;
- baseline: the same clips through ``av.filter.Graph``: a buffer source per clip → scale (the
  same fitted size) → pad (into the cell) → ``xstack`` (the same places) → pad (the same canvas
  size, where our words go) → buffersink, encoded with the same x264 settings; no words drawn.

Target: ours within 1.5× the baseline's time.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from fractions import Fraction
from pathlib import Path

import av
import cv2
import numpy as np

from kling_studio.compare import cellframes
from kling_studio.compare.export import FORMATS, GridClip, export_grid, layout_for
from kling_studio.compare.gridlayout import AxisTitle, GridTitles, fit
from kling_studio.compare.gridwriters import X264
from measure import proc_status  # bench/ is the script's folder on sys.path

W, H, FPS, SECONDS = 1280, 720, 30, 5
ROWS, COLUMNS = 2, 3
TARGET = 1.5
TITLES = GridTitles(
    rows=AxisTitle("cfg_scale", ("0.3", "0.8")),
    columns=AxisTitle("mode", ("std", "pro", "pro · 10 s")),
)


# -- the clips --------------------------------------------------------------------------------


def picture(seed: int, width: int, height: int) -> np.ndarray:
    """A colour picture with detail at three scales everywhere, as a photograph has."""
    rng = np.random.default_rng(seed)
    total = np.zeros((height, width, 3), np.float32)
    for cell, weight in ((160, 1.0), (40, 0.6), (8, 0.35)):
        coarse = rng.random((height // cell + 2, width // cell + 2, 3)).astype(np.float32)
        big = cv2.resize(
            coarse, (width + 2 * cell, height + 2 * cell), interpolation=cv2.INTER_CUBIC
        )
        total += weight * big[cell : cell + height, cell : cell + width]
    low, high = total.min(), total.max()
    return (30 + 200 * (total - low) / (high - low)).astype(np.uint8)


def make_clip(path: Path, seed: int, *, sound: bool) -> None:
    """A slow zoom and pan over a seeded picture, with grain, and a tone when ``sound``."""
    rng = np.random.default_rng(seed)
    scene = picture(seed, int(W * 1.3), int(H * 1.3))
    frames = FPS * SECONDS
    with av.open(str(path), "w") as container:
        video = container.add_stream("libx264", rate=FPS, options=X264)
        video.width, video.height, video.pix_fmt = W, H, "yuv420p"
        audio = container.add_stream("aac", rate=48_000) if sound else None
        if audio is not None:
            audio.layout = "stereo"
        drift = rng.uniform(-1, 1, 2)
        for index in range(frames):
            t = index / frames
            zoom = 1.0 + 0.15 * t
            centre = (
                scene.shape[1] / 2 + 60 * drift[0] * t,
                scene.shape[0] / 2 + 40 * drift[1] * t,
            )
            matrix = cv2.getRotationMatrix2D(centre, 2 * t, zoom)
            matrix[:, 2] += (W / 2 - centre[0], H / 2 - centre[1])
            frame = cv2.warpAffine(scene, matrix, (W, H), flags=cv2.INTER_LINEAR)
            grain = rng.integers(-6, 7, (H, W, 1), dtype=np.int16)
            frame = np.clip(frame.astype(np.int16) + grain, 0, 255).astype(np.uint8)
            picture_frame = av.VideoFrame.from_ndarray(frame, format="rgb24")
            picture_frame.pts = index
            picture_frame.time_base = Fraction(1, FPS)
            container.mux(video.encode(picture_frame))
        container.mux(video.encode(None))
        if audio is not None:
            samples = np.arange(48_000 * SECONDS) / 48_000
            wave = (0.2 * np.sin(2 * math.pi * 330 * samples)).astype(np.float32)
            stereo = np.stack([wave, wave])
            for start in range(0, stereo.shape[1], 1024):
                chunk = av.AudioFrame.from_ndarray(
                    np.ascontiguousarray(stereo[:, start : start + 1024]),
                    format="fltp",
                    layout="stereo",
                )
                chunk.sample_rate = 48_000
                chunk.pts = start
                chunk.time_base = Fraction(1, 48_000)
                container.mux(audio.encode(chunk))
            container.mux(audio.encode(None))


def grid_clips(folder: Path) -> list[GridClip]:
    clips = []
    for index in range(ROWS * COLUMNS):
        row, column = divmod(index, COLUMNS)
        label = f"cfg_scale {TITLES.rows.values[row]} · mode {TITLES.columns.values[column]}"
        clips.append(GridClip(folder / f"clip-{index}.mp4", (row, column), label))
    return clips


# -- the variants -----------------------------------------------------------------------------


def ours(clips: list[GridClip], out: Path) -> None:
    export_grid(clips, out / "grid.mp4", titles=TITLES)


def ours_with_sound(clips: list[GridClip], out: Path) -> None:
    export_grid(clips, out / "grid.mp4", titles=TITLES, audio=0)


class InTurn:
    """``cellframes.Ahead`` without its thread: the cell's pictures made when asked."""

    def __init__(self, pictures: Iterator[np.ndarray], _name: str) -> None:
        self._pictures = pictures

    def __iter__(self) -> Iterator[np.ndarray]:
        return self._pictures

    def close(self) -> None:
        self._pictures.close()  # type: ignore[attr-defined]


def ours_gif(clips: list[GridClip], out: Path) -> None:
    export_grid(clips, out / "grid.gif", titles=TITLES, format="gif")


def ours_webp(clips: list[GridClip], out: Path) -> None:
    export_grid(clips, out / "grid.webp", titles=TITLES, format="webp")


def ours_one_thread(clips: list[GridClip], out: Path) -> None:
    cellframes.Ahead = InTurn  # type: ignore[misc, assignment]
    export_grid(clips, out / "grid.mp4", titles=TITLES)


def xstack(clips: list[GridClip], out: Path) -> None:
    """FFmpeg tiles and scales, PyAV feeds it and encodes: the same places and canvas size."""
    infos = [cellframes.probe(clip.path, "clip") for clip in clips]
    layout = layout_for(clips, infos, FORMATS["mp4"].cell_width, TITLES)
    cells = [layout.picture(clip.place) for clip in clips]
    graph = av.filter.Graph()
    graph.threads = os.cpu_count() or 1  # FFmpeg's filters may use every core, as ours may
    sources = []
    stack = graph.add(
        "xstack",
        f"inputs={len(clips)}:fill=0x1c1c1e:layout="
        + "|".join(f"{box.x - cells[0].x}_{box.y - cells[0].y}" for box in cells),
    )
    for index, (clip, info, cell) in enumerate(zip(clips, infos, cells, strict=True)):
        with av.open(str(clip.path)) as probe:
            source = graph.add_buffer(template=probe.streams.video[0])
        picture = fit(info.size, cell)
        scale = graph.add("scale", f"{picture.width}:{picture.height}")
        pad = graph.add(
            "pad",
            f"{cell.width}:{cell.height}:{picture.x - cell.x}:{picture.y - cell.y}:0x1c1c1e",
        )
        source.link_to(scale)
        scale.link_to(pad)
        pad.link_to(stack, 0, index)
        sources.append(source)
    canvas = graph.add(
        "pad", f"{layout.size[0]}:{layout.size[1]}:{cells[0].x}:{cells[0].y}:0x1c1c1e"
    )
    sink = graph.add("buffersink")
    stack.link_to(canvas)
    canvas.link_to(sink)
    graph.configure()
    with av.open(str(out / "xstack.mp4"), "w", format="mp4") as output:
        stream = output.add_stream("libx264", rate=FPS, options=X264)
        stream.width, stream.height = layout.size
        stream.pix_fmt = "yuv420p"
        inputs = [av.open(str(clip.path)) for clip in clips]
        decoders = []
        for container in inputs:
            container.streams.video[0].thread_type = "AUTO"
            decoders.append(container.decode(video=0))
        count = 0

        def drain() -> None:
            nonlocal count
            while True:
                try:
                    frame = sink.pull()
                except (av.BlockingIOError, av.EOFError):
                    return
                frame.pts = count
                frame.time_base = Fraction(1, FPS)
                count += 1
                output.mux(stream.encode(frame))

        for frames in zip(*decoders, strict=False):
            for source, frame in zip(sources, frames, strict=True):
                source.push(frame)
            drain()
        for source in sources:
            source.push(None)
        drain()
        output.mux(stream.encode(None))
        for container in inputs:
            container.close()


VARIANTS: dict[str, Callable[[list[GridClip], Path], None]] = {
    "ours": ours,
    "ours, one thread": ours_one_thread,
    "ours + sound": ours_with_sound,
    "baseline: xstack": xstack,
    "ours: GIF (240 px cells, 10 fps)": ours_gif,
    "ours: WebP (320 px cells, 15 fps)": ours_webp,
}


# -- measuring --------------------------------------------------------------------------------


def worker(variant: str, clips_folder: Path, repeat: int) -> None:
    clips = grid_clips(clips_folder)
    run = VARIANTS[variant]
    times, cpu = [], []
    with tempfile.TemporaryDirectory() as tmp:
        with contextlib.suppress(OSError):
            Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current RSS
        start = proc_status("VmRSS") or 0.0
        for attempt in range(repeat):
            out = Path(tmp) / str(attempt)
            out.mkdir()
            before = os.times()
            began = time.perf_counter()
            run(clips, out)
            times.append(time.perf_counter() - began)
            after = os.times()
            cpu.append(after.user + after.system - before.user - before.system)
        peak = proc_status("VmHWM") or 0.0
        size = sum(p.stat().st_size for p in Path(tmp).glob("0/*")) / 1e6
    print(
        json.dumps(
            {
                "median_s": statistics.median(times),
                "cpu_s": statistics.median(cpu),
                "peak_mb": peak - start,
                "file_mb": size,
            }
        )
    )


def measure(variant: str, clips_folder: Path, repeat: int) -> dict[str, float]:
    command = [
        sys.executable,
        __file__,
        "--worker",
        variant,
        str(clips_folder),
        "--repeat",
        str(repeat),
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    result: dict[str, float] = json.loads(done.stdout.splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker is not None:
        worker(args.worker[0], Path(args.worker[1]), args.repeat)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for index in range(ROWS * COLUMNS):
            print(
                f"\rmaking clip {index + 1}/{ROWS * COLUMNS}…", end="", file=sys.stderr, flush=True
            )
            make_clip(folder / f"clip-{index}.mp4", 100 + index, sound=index == 0)
        print(file=sys.stderr)
        clip_mb = sum(p.stat().st_size for p in folder.glob("clip-*.mp4")) / 6e6
        results = {}
        for variant in VARIANTS:
            print(f"\rtiming {variant}…", end="", file=sys.stderr, flush=True)
            results[variant] = measure(variant, folder, args.repeat)
        print(file=sys.stderr)
    baseline = results["baseline: xstack"]["median_s"]
    baseline_cpu = results["baseline: xstack"]["cpu_s"]
    print(
        f"\nA {ROWS}×{COLUMNS} grid of {SECONDS} s {W}×{H} {FPS} fps clips ({clip_mb:.1f} MB each) "
        f"as one MP4, {os.cpu_count()} cores; median of {args.repeat} runs\n"
    )
    print("| variant | seconds | CPU s | peak RSS MB | file MB | × baseline (CPU) |")
    print("|---|---:|---:|---:|---:|---:|")
    for variant, result in results.items():
        print(
            f"| {variant} | {result['median_s']:.2f} | {result['cpu_s']:.2f} "
            f"| {result['peak_mb']:.0f} | {result['file_mb']:.1f} "
            f"| {result['median_s'] / baseline:.2f} ({result['cpu_s'] / baseline_cpu:.2f}) |"
        )
    ratio = results["ours"]["median_s"] / baseline
    met = "met" if ratio <= TARGET else "NOT met"
    print(f"\nTarget: ours ≤ {TARGET}× the baseline's time: {met} ({ratio:.2f}×).")


if __name__ == "__main__":
    main()
