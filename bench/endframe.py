"""Benchmark: Brush → end frame — which inpainting fills the holes, at which scale, and how long
the whole end frame takes.

Run it from the repository root:

    .venv/bin/python bench/endframe.py              # median of 3 runs per row
    .venv/bin/python bench/endframe.py --repeat 5 --sheet /tmp/fills.png

Fills: the sample landscape (``kling_studio.samples``) at 1280×720 and 4000×3000 with three
holes whose true background is known — the boat (the same landscape drawn without it is the
truth), an ellipse across the horizon under a hill, one across the sun's rim (the picture itself
is the truth) — each filled as ``end_frame`` fills it (grown by ``EDGE``, in the holes' box),
with OpenCV's Telea and Navier–Stokes at every working scale, and the emulator's soft average
(``emulator.brush.filled``) as the baseline, in the same run. Errors are over the hole: mean
absolute difference from the truth (grey levels, 0–255), and the same for the Sobel gradient's
magnitude (a blur or a smear shows there even when the colours average out right). ``auto`` is
the scale ``end_frame`` picks (``WORK_SIDE``). ``--sheet`` writes the 1280×720 fills side by
side, to look at.

Whole: ``end_frame`` on the landscape at both sizes — the sky held still and the boat moved
along a path; six areas of 11 % each with the left 30 % still; one area of 60 % — wall time on
this machine's cores (OpenCV's default threads). Target: 1.5 s at 4000×3000 on two cores.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import time
from collections.abc import Callable, Iterator
from types import ModuleType

import cv2
import numpy as np
from PIL import Image, ImageDraw

from kling_studio import samples
from kling_studio.emulator.brush import filled as soft_average
from kling_studio.motion import endframe
from kling_studio.motion.endframe import end_frame

SIZES = ((1280, 720), (4000, 3000))
METHODS = {"telea": cv2.INPAINT_TELEA, "ns": cv2.INPAINT_NS}
FACTORS = (1, 2, 4, 8)
TARGET_S = 1.5

Picture = np.ndarray
Mask = np.ndarray


@contextlib.contextmanager
def patched(module: ModuleType, name: str, value: object) -> Iterator[None]:
    """``module.name`` is ``value`` inside the block (``unittest.mock`` imports ``asyncio``, whose
    ``import select`` finds ``bench/selection.py`` when a script here runs)."""
    kept = getattr(module, name)
    setattr(module, name, value)
    try:
        yield
    finally:
        setattr(module, name, kept)


def without_boat(width: int, height: int) -> Picture:
    """The landscape as drawn, less its boat: what the boat's hole should be filled with."""
    nowhere = [(-9.0, -9.0)] * 3
    with patched(samples, "_boat", lambda w, h: (nowhere, nowhere)):
        return np.asarray(samples.landscape(width, height))


def ellipse(size: tuple[int, int], box: tuple[float, float, float, float]) -> Mask:
    """A filled ellipse in ``box`` (shares of the width and height)."""
    width, height = size
    mask = Image.new("L", size, 0)
    left, top, right, bottom = box
    ImageDraw.Draw(mask).ellipse((left * width, top * height, right * width, bottom * height), 255)
    return np.asarray(mask) > 0


def holes(size: tuple[int, int]) -> dict[str, tuple[Picture, Mask, Picture]]:
    """Name → (picture, hole, truth)."""
    picture = np.asarray(samples.landscape(*size))
    return {
        "boat": (picture, samples.boat_silhouette(*size), without_boat(*size)),
        "horizon": (picture, ellipse(size, (0.5, 0.55, 0.6, 0.72)), picture),
        "sun rim": (picture, ellipse(size, (0.7, 0.15, 0.78, 0.3)), picture),
    }


def sobel(picture: Picture) -> np.ndarray:
    grey = cv2.cvtColor(picture, cv2.COLOR_RGB2GRAY).astype(np.float32)
    return np.hypot(cv2.Sobel(grey, cv2.CV_32F, 1, 0), cv2.Sobel(grey, cv2.CV_32F, 0, 1))


def errors(result: Picture, truth: Picture, hole: Mask) -> tuple[float, float]:
    grown = hole | (result != truth).any(axis=2)
    colour = np.abs(result.astype(np.int16) - truth.astype(np.int16))[grown].mean()
    gradient = np.abs(sobel(result) - sobel(truth))[grown].mean()
    return float(colour), float(gradient)


def median_time(run: Callable[[], Picture], repeat: int) -> tuple[Picture, float]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    assert result is not None
    return result, statistics.median(times)


def ours(picture: Picture, hole: Mask, method: int, factor: int | None) -> Callable[[], Picture]:
    def run() -> Picture:
        choose = endframe.working_factor if factor is None else lambda shape: factor
        with patched(endframe, "INPAINT", method), patched(endframe, "working_factor", choose):
            return endframe.inpainted(picture, hole, None)

    return run


def emulator_fill(picture: Picture, hole: Mask) -> Callable[[], Picture]:
    def run() -> Picture:
        area = Image.fromarray(hole.astype(np.uint8) * 255, "L")
        return np.asarray(soft_average(Image.fromarray(picture), area))

    return run


def fills(repeat: int, sheet: str | None) -> None:
    print("Fills: error in the hole against the truth (grey levels), median time")
    head = f"{'size':>9}  {'hole':8} {'method':7} {'scale':>5}  {'colour':>6} {'gradient':>8}"
    print(f"{head}  {'ms':>7}")
    tiles: list[Picture] = []
    for size in SIZES:
        for name, (picture, hole, truth) in holes(size).items():
            cases: list[tuple[str, str, Callable[[], Picture]]] = [
                ("emulator", "1/4", emulator_fill(picture, hole))
            ]
            for method, flag in METHODS.items():
                scales: list[int | None] = [None, *FACTORS]
                for factor in scales:
                    if factor == 1 and size[0] * size[1] > 4_000_000 and method == "ns":
                        continue
                    label = "auto" if factor is None else f"1/{factor}"
                    cases.append((method, label, ours(picture, hole, flag, factor)))
            for method, label, run in cases:
                result, seconds = median_time(run, repeat)
                colour, gradient = errors(result, truth, hole)
                print(
                    f"{size[0]:>4}×{size[1]:<4}  {name:8} {method:7} {label:>5}  "
                    f"{colour:6.1f} {gradient:8.1f}  {1000 * seconds:7.1f}"
                )
                if sheet and size == SIZES[0]:
                    rows, columns = endframe.bounds(hole, 24)
                    tiles.append(result[rows, columns])
    if sheet:
        write_sheet(tiles, len(tiles) // 3, sheet)


def write_sheet(tiles: list[Picture], per_row: int, path: str) -> None:
    height = max(tile.shape[0] for tile in tiles)
    width = max(tile.shape[1] for tile in tiles)
    canvas = Image.new("RGB", (width * per_row, height * (len(tiles) // per_row)), "white")
    for index, tile in enumerate(tiles):
        canvas.paste(
            Image.fromarray(tile), ((index % per_row) * width, (index // per_row) * height)
        )
    canvas.save(path)
    print(f"sheet: {path} (a row per hole; emulator, then Telea and NS: auto, 1/1, 1/2, 1/4, 1/8)")


Areas = list[tuple[Mask, list[tuple[float, float]]]]


def boat_case(width: int, height: int) -> tuple[Mask | None, Areas]:
    """The sky still, the boat sailing right."""
    path = [(0.3 * width, 0.8 * height), (0.5 * width, 0.82 * height), (0.7 * width, 0.85 * height)]
    return samples.sky_mask(width, height), [(samples.boat_silhouette(width, height), path)]


def six_case(width: int, height: int) -> tuple[Mask | None, Areas]:
    """Six areas of 11 % each, seeded places and moves, the left 30 % still."""
    rng = np.random.default_rng(1)
    areas: Areas = []
    for _ in range(6):
        mask = np.zeros((height, width), dtype=bool)
        left, top = int(rng.integers(0, 0.67 * width)), int(rng.integers(0, 0.67 * height))
        mask[top : top + height // 3, left : left + width // 3] = True
        start = (left + width / 6, top + height / 6)
        move = rng.uniform(-0.2, 0.2, 2) * (width, height)
        areas.append((mask, [start, (start[0] + move[0], start[1] + move[1])]))
    static = np.zeros((height, width), dtype=bool)
    static[:, : int(0.3 * width)] = True
    return static, areas


def big_case(width: int, height: int) -> tuple[Mask | None, Areas]:
    """One area of 60 % of the picture, nothing still."""
    mask = np.zeros((height, width), dtype=bool)
    mask[height // 10 : 9 * height // 10, width // 8 : 7 * width // 8] = True
    return None, [(mask, [(width / 2, height / 2), (0.58 * width, 0.53 * height)])]


CASES = {"boat, sky still": boat_case, "six areas": six_case, "one 60 % area": big_case}


def whole(repeat: int) -> None:
    print(f"\nend_frame on the landscape; {cv2.getNumThreads()} OpenCV threads")
    print(f"{'size':>9}  {'case':16} {'median s':>8}  {'target s':>8}")
    for width, height in SIZES:
        picture = np.asarray(samples.landscape(width, height))
        for name, case in CASES.items():
            static, areas = case(width, height)

            def run(
                picture: Picture = picture, static: Mask | None = static, areas: Areas = areas
            ) -> Picture:
                return end_frame(picture, static=static, areas=areas).image

            _, seconds = median_time(run, repeat)
            target = f"{TARGET_S:8.1f}" if width * height > 10_000_000 else f"{'':8}"
            print(f"{width:>4}×{height:<4}  {name:16} {seconds:8.3f}  {target}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sheet", help="write the 1280×720 fills side by side to this PNG")
    arguments = parser.parse_args()
    fills(arguments.repeat, arguments.sheet)
    whole(arguments.repeat)


if __name__ == "__main__":
    main()
