"""Benchmark: click and box selection against GrabCut at full resolution and a flood fill.

Run it from the repository root (about four minutes on two cores):

    .venv/bin/python bench/selection.py              # median of 3 clicks per scene and size
    .venv/bin/python bench/selection.py --repeat 5

Scenes whose true mask is known, drawn by ``tests/selection/scenes.py``, at 1280×720 and
4000×3000 (12 MP):

- synthetic: a red disc, star and blob (a third of the short side across) on a textured
  background (coloured value noise and stripes), a noisy one (flat, σ 28 grain) and a gradient;
- composites: a horse (scikit-image's ``horse()`` silhouette), disc or star cut from a part of one
  of scikit-image's photographs that is one material (the cat's fur, the coffee table's wood, the
  orange space suit) and pasted with a soft edge onto another (``astronaut``, ``coffee``,
  ``chelsea``, stretched to the size). Six pairs, a Latin square: each shape, material and
  background twice, never a material on its own photograph;
- the quickstart's boat (``samples.landscape``): a click on the hull and a shift-click on the
  sail, against ``samples.boat_silhouette`` (the sample's ``boat_mask`` is a loose rectangle
  around it, which no selection should match).

Each click is at the subject's deepest point (farthest from its edge), each box the subject's
bounding box with a 4 % margin. Methods, per click:

- ours: ``selection.select(picture, point=click)``: the search on a copy about 320 px long, the
  edge decided on the object's part at up to 384 px, snapped at full resolution;
- ours, box: ``selection.select(picture, box=box)``;
- GrabCut, full resolution: the same seeds and the same GrabCut calls as ours
  (``selection.search.find_clicked``: the growing rectangles around the click), on the picture
  itself: no small copy, no edge step. At 12 MP a click takes about half a minute, so it runs on
  ``FULL_RES_AT_12MP`` only ("—" elsewhere), and once per scene;
- flood fill: ``selection.flood_fill(picture, click, tolerance=20)`` (ΔE in Lab).

A second table measures the edge step on the 1280×720 scenes, once per click: the search's mask
merely scaled up (no edge step); GrabCut on the band at ≤ 384 px and the mask scaled up; that and
the guided filter at full resolution (ours); GrabCut on the band at full resolution.

Times are per click, the median of ``--repeat`` runs; the process is pinned to two cores and
OpenCV told to use two threads. IoU is against the true mask. Targets: IoU ≥ 0.90 on the synthetic
scenes and ≥ 0.85 on the composites (mean per group), a click in ≤ 300 ms at 1280×720 and
≤ 600 ms at 12 MP (median over the group's scenes), and ≥ 3× faster than full-resolution GrabCut
at an IoU within 0.02 of it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.selection.scenes import SYNTHETIC, composite, iou, synthetic  # scenes live with tests

from kling_studio.samples import boat_mask, boat_silhouette, landscape
from kling_studio.selection import flood_fill, select
from kling_studio.selection.downscale import downscale, factor_for
from kling_studio.selection.edges import EDGE_SIDE, finer_edge, snapped
from kling_studio.selection.search import find_clicked
from kling_studio.selection.segment import SEARCH_SIDE

SIZES = {"1280×720": (1280, 720), "4000×3000": (4000, 3000)}
COMPOSITES = [
    ("horse", "fur", "astronaut"),
    ("horse", "wood", "chelsea"),
    ("disc", "wood", "astronaut"),
    ("disc", "suit", "coffee"),
    ("star", "suit", "chelsea"),
    ("star", "fur", "coffee"),
]
FULL_RES_AT_12MP = {"disc on noisy", "disc of wood on astronaut"}
FLOOD_TOLERANCE = 20.0
TARGET_IOU = {"synthetic": 0.90, "composite": 0.85, "boat": 0.90}
TARGET_MS = {"1280×720": 300.0, "4000×3000": 600.0}
TARGET_SPEED_UP, TARGET_IOU_GAP = 3.0, 0.02

Point = tuple[int, int]


@dataclass(frozen=True)
class Case:
    group: str
    name: str
    image: np.ndarray
    truth: np.ndarray
    clicks: list[Point]
    box: tuple[int, int, int, int]


@dataclass
class Row:
    case: Case
    size: str
    measured: dict[str, tuple[float, float]] = field(default_factory=dict)
    """method → (IoU, median ms per click)."""


def cases(size: tuple[int, int]) -> list[Case]:
    found = []
    for shape, background in SYNTHETIC:
        scene = synthetic(shape, background, size)
        found.append(
            Case("synthetic", scene.name, scene.image, scene.truth, [scene.click], scene.box)
        )
    for shape, material, background in COMPOSITES:
        scene = composite(shape, material, background, size)
        found.append(
            Case("composite", scene.name, scene.image, scene.truth, [scene.click], scene.box)
        )
    width, height = size
    rows, columns = np.nonzero(boat_mask(width, height))
    hull, sail = (
        (round(0.3 * width), round(0.775 * height)),
        (round(0.3125 * width), round(0.694 * height)),
    )
    box = (int(columns.min()), int(rows.min()), int(columns.max()), int(rows.max()))
    picture = np.asarray(landscape(width, height))
    found.append(
        Case(
            "boat",
            "boat: hull, then sail",
            picture,
            boat_silhouette(width, height),
            [hull, sail],
            box,
        )
    )
    return found


def timed(run: Callable[[], np.ndarray], repeat: int) -> tuple[np.ndarray, float]:
    """The answer and the median time (ms) of ``repeat`` runs."""
    times, answer = [], np.zeros(0, bool)
    for _ in range(repeat):
        began = time.perf_counter()
        answer = run()
        times.append((time.perf_counter() - began) * 1000)
    return answer, statistics.median(times)


def clicks(
    case: Case, one: Callable[[Point, np.ndarray], np.ndarray], repeat: int
) -> tuple[float, float]:
    """Click each of the case's points in turn, each after the first adding to the selection."""
    selected, times = np.zeros(case.truth.shape, bool), []
    for point in case.clicks:
        found, ms = timed(lambda point=point, before=selected: one(point, before), repeat)
        selected, times = selected | found, [*times, ms]
    return iou(selected, case.truth), statistics.median(times)


def measure(case: Case, size: str, repeat: int) -> Row:
    row = Row(case, size)
    row.measured["ours"] = clicks(
        case, lambda p, before: select(case.image, point=p, add=True, previous=before).mask, repeat
    )
    box, ms = timed(lambda: select(case.image, box=case.box).mask, repeat)
    row.measured["box"] = (iou(box, case.truth), ms)
    if size == "1280×720" or case.name in FULL_RES_AT_12MP:
        row.measured["full"] = clicks(case, lambda p, _: find_clicked(case.image, p), 1)
    row.measured["flood"] = clicks(
        case, lambda p, _: flood_fill(case.image, p, FLOOD_TOLERANCE), repeat
    )
    return row


def cell(row: Row, method: str) -> tuple[str, str]:
    if method not in row.measured:
        return "—", "—"
    quality, ms = row.measured[method]
    return f"{quality:.3f}", f"{ms:.0f}"


def speed_up(row: Row) -> str:
    if "full" not in row.measured:
        return "—"
    (ours, ours_ms), (full, full_ms) = row.measured["ours"], row.measured["full"]
    return f"{full_ms / ours_ms:.0f}× ({ours - full:+.3f})"


def print_table(rows: list[Row]) -> None:
    print(
        "| scene | size | ours IoU | ours ms | box IoU | box ms | full-res GrabCut IoU | ms "
        "| speed-up (IoU ours − full) | flood fill IoU | ms |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        ours, box, full, flood = (cell(row, m) for m in ("ours", "box", "full", "flood"))
        print(
            f"| {row.case.name} | {row.size} | {ours[0]} | {ours[1]} | {box[0]} | {box[1]} "
            f"| {full[0]} | {full[1]} | {speed_up(row)} | {flood[0]} | {flood[1]} |"
        )


def print_targets(rows: list[Row]) -> None:
    print("\n| group | size | ours IoU mean (min) | target | ours ms median (max) | target | met |")
    print("|---|---|---:|---:|---:|---:|---|")
    for group in TARGET_IOU:
        for size in SIZES:
            chosen = [r.measured["ours"] for r in rows if r.case.group == group and r.size == size]
            qualities, times = [q for q, _ in chosen], [ms for _, ms in chosen]
            met = (
                statistics.mean(qualities) >= TARGET_IOU[group]
                and statistics.median(times) <= TARGET_MS[size]
            )
            print(
                f"| {group} | {size} | {statistics.mean(qualities):.3f} ({min(qualities):.3f}) "
                f"| ≥ {TARGET_IOU[group]:.2f} | {statistics.median(times):.0f} ({max(times):.0f}) "
                f"| ≤ {TARGET_MS[size]:.0f} | {'yes' if met else 'no'} |"
            )
    compared = [r for r in rows if "full" in r.measured]
    ratios = [r.measured["full"][1] / r.measured["ours"][1] for r in compared]
    gaps = [r.measured["full"][0] - r.measured["ours"][0] for r in compared]
    close = sum(gap <= TARGET_IOU_GAP for gap in gaps)
    print(
        f"\nAgainst full-resolution GrabCut ({len(compared)} scene×size pairs): speed-up median "
        f"{statistics.median(ratios):.0f}×, least {min(ratios):.1f}× "
        f"(target ≥ {TARGET_SPEED_UP:.0f}×); "
        f"ours within {TARGET_IOU_GAP} of its IoU or better on {close} of {len(compared)}, "
        f"largest shortfall {max(gaps):.3f}."
    )


def scaled_up(mask: np.ndarray, factor: int, part: tuple[int, int, int, int], shape) -> np.ndarray:
    """A mask on a 1/``factor`` copy of ``part`` at the picture's size, bilinear then cut."""
    x0, y0, x1, y1 = part
    whole = np.zeros(shape[:2], bool)
    size = (x1 - x0, y1 - y0)
    whole[y0:y1, x0:x1] = cv2.resize(mask.astype(np.float32), size, cv2.INTER_LINEAR) >= 0.5
    return whole


def edge_variants(picture: np.ndarray, click: Point) -> dict[str, Callable[[], np.ndarray]]:
    """The edge step's alternatives, after the same search."""
    factor = factor_for(max(picture.shape[:2]), SEARCH_SIDE)
    small = downscale(picture, factor)
    coarse = find_clicked(small.image, small.pixel(click))

    def band(side: int, snap: bool) -> np.ndarray:
        fine, mask = finer_edge(picture, coarse, factor, click, side=side)
        if snap:
            return snapped(picture, fine, mask)
        return scaled_up(mask, fine.factor, fine.part, picture.shape)

    return {
        "none: the search's mask scaled up": lambda: scaled_up(
            coarse, factor, small.part, picture.shape
        ),
        f"GrabCut band ≤ {EDGE_SIDE} px, scaled up": lambda: band(EDGE_SIDE, snap=False),
        f"GrabCut band ≤ {EDGE_SIDE} px + guided filter (ours)": lambda: band(EDGE_SIDE, snap=True),
        "GrabCut band at full resolution": lambda: band(max(picture.shape), snap=False),
    }


def print_edge_variants(size: tuple[int, int]) -> None:
    results: dict[str, list[tuple[str, float, float]]] = {}
    for case in cases(size):
        if case.group == "boat":
            continue
        for name, run in edge_variants(case.image, case.clicks[0]).items():
            began = time.perf_counter()
            mask = run()
            elapsed = (time.perf_counter() - began) * 1000
            results.setdefault(name, []).append((case.group, iou(mask, case.truth), elapsed))
    print(
        f"\nThe edge step at {size[0]}×{size[1]} (after the same search; time = edge step and "
        "scaling up, per click, median):\n"
    )
    print("| edge step | synthetic IoU mean | composite IoU mean | ms median |")
    print("|---|---:|---:|---:|")
    for name, found in results.items():
        synthetic_iou = statistics.mean(q for g, q, _ in found if g == "synthetic")
        composite_iou = statistics.mean(q for g, q, _ in found if g == "composite")
        ms = statistics.median(t for _, _, t in found)
        print(f"| {name} | {synthetic_iou:.4f} | {composite_iou:.4f} | {ms:.0f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, sorted(os.sched_getaffinity(0))[:2])
    cv2.setNumThreads(2)
    rows = []
    for size, pixels in SIZES.items():
        print(f"drawing the {size} scenes …", file=sys.stderr, flush=True)
        todo = cases(pixels)
        for number, case in enumerate(todo, 1):
            print(f"{size} {number}/{len(todo)}: {case.name} …", file=sys.stderr, flush=True)
            rows.append(measure(case, size, args.repeat))
    print(
        f"Per click: median of {args.repeat} runs (full-resolution GrabCut: 1 run), pinned to "
        f"{len(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else os.cpu_count()} "
        f"cores; IoU against the true mask.\n"
    )
    print_table(rows)
    print_targets(rows)
    print("measuring the edge step's alternatives …", file=sys.stderr, flush=True)
    print_edge_variants(SIZES["1280×720"])


if __name__ == "__main__":
    main()
