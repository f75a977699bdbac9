"""Benchmark: the motion check's clip analyses alone — the static area's stillness and the
camera's move (the whole check, end to end, is ``bench/motion.py``).

Run it from the repository root:

    .venv/bin/python bench/motion_parts.py        # median of 5 runs
    .venv/bin/python bench/motion_parts.py --repeat 9

Clips are made in memory (a textured grey picture warped per frame with grain, a still area
pasted over it), 640×360 as the check reads results: 120 frames at 24 fps (5 s) and 300 at 30 fps
(10 s). It prints:

- time: ``measure_static`` and ``measure_camera`` on the same clip, each and together (wall: the
  median and the best of ``--repeat`` runs; CPU: the median), with OpenCV's own threads and with
  one. Target: together ≤ 400 ms for 120 frames on a 2-core machine.
- the static area by two methods at the same pairs: ours (DIS dense flow on detailed pixels) and
  corners followed by Lucas–Kanade (forward–backward checked, the median move), reading a still
  area, one leaking a quarter of the rest's motion, and one moving with it;
- the camera at the working size (ours, halved) and at full size: the shift read from a
  9 px move (truth 9.0), a 0.04 zoom and a 0.026 rad (1.5°) roll, and the time.
"""

from __future__ import annotations

import argparse
import math
import statistics
import time
from collections.abc import Callable

import cv2
import numpy as np

from kling_studio.motion import common
from kling_studio.motion.camera import _fit, measure_camera
from kling_studio.motion.still import measure_static

W, H = 640, 360
STILL_BOX = (380, 40, 600, 200)


def texture(seed: int = 1) -> np.ndarray:
    rng = np.random.default_rng(seed)
    total = np.zeros((H, W), np.float32)
    for cell, weight in ((64, 1.0), (16, 0.6), (4, 0.3)):
        coarse = rng.random((H // cell + 2, W // cell + 2)).astype(np.float32)
        big = cv2.resize(coarse, (W + 2 * cell, H + 2 * cell), interpolation=cv2.INTER_CUBIC)
        total += weight * big[cell : cell + H, cell : cell + W]
    return (40 + 180 * (total - total.min()) / (total.max() - total.min())).astype(np.uint8)


def clip(count: int, dx: float = 0, zoom: float = 0, angle: float = 0, leak: float = 0.0) -> list:
    """The picture moved by (dx px, log-scale zoom, angle rad) by the last frame, eased, the
    still area moving ``leak`` times as much."""
    source, rng = texture(), np.random.default_rng(7)
    grain = [rng.normal(0, 2.0, (H, W)).astype(np.float32) for _ in range(7)]
    left, top, right, bottom = STILL_BOX
    frames = []
    for index in range(count):
        t = index / (count - 1)
        eased = t * t * (3 - 2 * t)
        frame = warped(source, eased, dx, zoom, angle)
        held = warped(source, eased * leak, dx, zoom, angle)
        frame[top:bottom, left:right] = held[top:bottom, left:right]
        frames.append(np.clip(frame + grain[index % 7], 0, 255).astype(np.uint8))
    return frames


def warped(source: np.ndarray, amount: float, dx: float, zoom: float, angle: float) -> np.ndarray:
    cx, cy = (W - 1) / 2, (H - 1) / 2
    scale = math.exp(zoom * amount)
    c, s = scale * math.cos(angle * amount), scale * math.sin(angle * amount)
    m = np.array([[c, -s, cx - c * cx + s * cy + dx * amount], [s, c, cy - s * cx - c * cy]])
    return cv2.warpAffine(source, m, (W, H), borderMode=cv2.BORDER_REFLECT)


def still_mask() -> np.ndarray:
    left, top, right, bottom = STILL_BOX
    mask = np.zeros((H, W), bool)
    mask[top:bottom, left:right] = True
    return mask


def timed(run: Callable[[], object], repeat: int) -> str:
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        run()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return (
        f"wall median {statistics.median(walls) * 1000:5.0f} ms, best {min(walls) * 1000:5.0f}"
        f" ms; CPU median {statistics.median(cpus) * 1000:5.0f} ms"
    )


def sparse_still(frames: list, static: np.ndarray, fps: float) -> float:
    """The alternative: corners in the (edge-trimmed) area followed there and back by LK."""
    work = common.working(frames, fps)
    inner = cv2.erode(common.shrunk(static, work, "static").astype(np.uint8), np.ones((9, 9)))
    speeds = []
    for pair in work.pairs:
        before, after = work.frames[pair[0]], work.frames[pair[1]]
        corners = cv2.goodFeaturesToTrack(before, 100, 0.01, 5, mask=inner, blockSize=5)
        moved, found, _ = cv2.calcOpticalFlowPyrLK(before, after, corners, None)
        back, returned, _ = cv2.calcOpticalFlowPyrLK(after, before, moved, None)
        drift = np.hypot(*(back - corners)[:, 0].T)
        good = found.ravel().astype(bool) & returned.ravel().astype(bool) & (drift < 0.5)
        step = np.median(np.hypot(*(moved - corners)[good, 0].T)) * work.factor
        speeds.append(step / work.seconds(pair) / work.diagonal)
    return float(np.mean(speeds))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat
    static = still_mask()

    print("time, 640×360, the rest sliding 60 px and zooming ×1.1, the still area pasted still")
    for count, fps in ((120, 24), (300, 30)):
        frames = clip(count, dx=-60, zoom=0.1)

        def still(f: list = frames, r: float = fps) -> object:
            return measure_static(f, static, fps=r)

        def camera(f: list = frames, r: float = fps) -> object:
            return measure_camera(f, fps=r, asked=None, ignore=static)

        runs = {"static": still, "camera": camera, "both": lambda: (still(), camera())}
        for threads in (cv2.getNumThreads(), 1):
            cv2.setNumThreads(threads)
            for name, run in runs.items():
                print(f"  {count} frames, {threads} thread(s), {name:6s}: {timed(run, repeat)}")
        cv2.setNumThreads(-1)

    print("\nthe static area, share of the diagonal per second (rest: 0.0164)")
    for leak in (0.0, 0.25, 1.0):
        frames = clip(120, dx=-60, leak=leak)
        ours = measure_static(frames, static, fps=24)
        start = time.process_time()
        corners = sparse_still(frames, static, 24)
        lk_ms = (time.process_time() - start) * 1000
        start = time.process_time()
        measure_static(frames, static, fps=24)
        dis_ms = (time.process_time() - start) * 1000
        print(
            f"  leak {leak:4.2f}: DIS {ours.inside:.5f} ({dis_ms:3.0f} ms CPU, outside included),"
            f" LK corners {corners:.5f} ({lk_ms:3.0f} ms CPU, inside only)"
        )

    print("\nthe camera, working size against full size")
    moves = {"shift 9 px": {"dx": -9.0}, "zoom 0.04": {"zoom": 0.04}, "roll 1.5°": {"angle": 0.026}}
    for long_side in (common.WORK_LONG, 10**6):
        common.WORK_LONG = long_side
        readings, cpu = [], 0.0
        for name, move in moves.items():
            frames = clip(120, **move, leak=1.0)
            start = time.process_time()
            fit = _fit(common.working(frames, 24), None)
            cpu += time.process_time() - start
            assert fit is not None
            value = {"shift": -fit.shift[0] * math.hypot(W, H), "zoom": fit.log_scale}.get(
                name.split()[0], fit.angle
            )
            readings.append(f"{name} → {value:.4f}")
        label = "working" if long_side < 10**6 else "full   "
        print(f"  {label}: {', '.join(readings)}; {cpu / len(moves) * 1000:.0f} ms CPU a clip")


if __name__ == "__main__":
    main()
