"""Benchmark: ``prepare_image`` against plain Pillow on big photos.

Run it from the repository root:

    .venv/bin/python bench/image_prep.py            # 7 repetitions per variant
    .venv/bin/python bench/image_prep.py --repeat 11

It writes, in a temp dir, a 24-megapixel JPEG (6000×4000: gradients, hard-edged shapes and grain,
~10-14 MB), the same picture as a portrait phone photo (stored landscape, EXIF orientation 6) and a
5000×3500 RGB PNG. Then it times, in the same run, our ``prepare_image`` and a plain-Pillow baseline
(``Image.open`` + ``ImageOps.exif_transpose`` + ``resize`` to the same size + save JPEG quality 90
or PNG at Pillow's default level), with LANCZOS and with BICUBIC for the baseline's resize.
Ours decodes JPEGs at a reduced DCT scale (``Image.draft``), resizes with BICUBIC, turns the picture
upright after the downscale instead of before, and saves PNG at zlib level 4.

Each variant runs in its own subprocess: peak memory is the process's VmHWM (reset before the work
via /proc/self/clear_refs) minus its resident size when the work starts. Unlike tracemalloc, that
includes Pillow's C-side image buffers, which are almost all of the memory here. Without /proc
(macOS) it falls back to ``ru_maxrss``, which also counts the interpreter and imports.

The last column compares our output with the LANCZOS baseline's (PSNR; 40 dB and up is invisible).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import itertools
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageOps

from kling_studio.api.capabilities import input_long_side
from kling_studio.api.images import prepare_image
from measure import proc_status  # bench/ is the script's folder on sys.path

FILTERS = {"LANCZOS": Image.Resampling.LANCZOS, "BICUBIC": Image.Resampling.BICUBIC}
ORIENTATION = 0x0112
OUTPUTS = {
    "720p": input_long_side("kling-v2-1", "std"),
    "1080p": input_long_side("kling-v2-1", "pro"),
}


# --- test pictures -------------------------------------------------------------------------------


def scene(width: int, height: int, seed: int = 7) -> Image.Image:
    """Gradients, hard-edged shapes and luma-heavy grain: compresses like a real photo."""
    rng = np.random.default_rng(seed)
    x = np.linspace(0, 1, width, dtype=np.float32)[None, :, None]
    y = np.linspace(0, 1, height, dtype=np.float32)[:, None, None]
    sky = np.array([70, 120, 190], np.float32) * (1 - y) + np.array([200, 170, 120]) * y
    base = sky + 40 * np.sin(9 * x + 4 * y) * np.array([0.6, 0.4, 0.2], np.float32)
    picture = Image.fromarray(np.clip(base, 0, 255).astype(np.uint8))
    draw = ImageDraw.Draw(picture)
    for _ in range(60):
        cx, cy = int(rng.integers(0, width)), int(rng.integers(0, height))
        r = int(rng.integers(40, 600))
        colour = tuple(int(c) for c in rng.integers(0, 256, 3))
        shape = draw.ellipse if rng.random() < 0.5 else draw.rectangle
        shape((cx - r, cy - r // 2, cx + r, cy + r // 2), fill=colour)
    tile_h, tile_w = 509, 1021
    luma = rng.normal(0, 9, (tile_h, tile_w, 1))
    chroma = rng.normal(0, 3, (tile_h, tile_w, 3))
    grain = np.tile(luma + chroma, (-(-height // tile_h), -(-width // tile_w), 1))
    noisy = np.asarray(picture, np.float32) + grain[:height, :width]
    return Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8))


def make_cases(folder: Path) -> list[tuple[str, Path]]:
    photo = scene(6000, 4000)
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    landscape, portrait, png = folder / "landscape.jpg", folder / "portrait.jpg", folder / "big.png"
    photo.save(landscape, "JPEG", quality=95)
    photo.save(portrait, "JPEG", quality=95, exif=exif)
    photo.crop((0, 0, 5000, 3500)).save(png, "PNG")
    return [
        ("24 MP JPEG 6000×4000", landscape),
        ("24 MP JPEG, EXIF-rotated phone photo", portrait),
        ("PNG 5000×3500 RGB", png),
    ]


# --- one variant, in a worker process ------------------------------------------------------------


def ours(path: Path, size: tuple[int, int]) -> bytes:
    """Ours is given only the cap (the output's long side) and picks the size itself."""
    return prepare_image(path, max_side=max(size)).data


def baseline(resample: Image.Resampling) -> Callable[[Path, tuple[int, int]], bytes]:
    def run(path: Path, size: tuple[int, int]) -> bytes:
        with Image.open(path) as opened:
            fmt = "PNG" if opened.format == "PNG" else "JPEG"
            upright = ImageOps.exif_transpose(opened)
        resized = upright.resize(size, resample)
        buffer = io.BytesIO()
        resized.save(buffer, fmt, **({"quality": 90} if fmt == "JPEG" else {}))
        return buffer.getvalue()

    return run


def worker(variant: str, path: Path, size: tuple[int, int], repeat: int, output: Path) -> None:
    run = ours if variant == "ours" else baseline(FILTERS[variant])
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current RSS
    start = proc_status("VmRSS")
    times, data = [], b""
    for _ in range(repeat):
        began = time.perf_counter()
        data = run(path, size)
        times.append(time.perf_counter() - began)
    peak = proc_status("VmHWM")
    if start is None or peak is None:
        scale = 1024 if sys.platform != "darwin" else 1024 * 1024
        start, peak = 0.0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale
    output.write_bytes(data)
    print(json.dumps({"median_ms": statistics.median(times) * 1000, "peak_mb": peak - start}))


def measure(
    variant: str, path: Path, size: tuple[int, int], repeat: int, output: Path
) -> dict[str, float]:
    command = [sys.executable, __file__, "--worker", variant, str(path), *map(str, size)]
    command += ["--repeat", str(repeat), "--output", str(output)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    result: dict[str, float] = json.loads(done.stdout)
    return result


def pixels(data: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGB"), dtype=np.float64)


def psnr(a: bytes, b: bytes) -> float:
    mse = float(((pixels(a) - pixels(b)) ** 2).mean())
    return float("inf") if mse == 0 else 10 * np.log10(255**2 / mse)


# --- the report ----------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--worker", nargs=4, metavar=("VARIANT", "PATH", "WIDTH", "HEIGHT"))
    parser.add_argument("--output", type=Path)
    args = parser.parse_args()
    if args.worker:
        variant, path, width, height = args.worker
        worker(variant, Path(path), (int(width), int(height)), args.repeat, args.output)
        return

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for (label, path), (output, long_side) in itertools.product(
            make_cases(folder), OUTPUTS.items()
        ):
            target = prepare_image(path, max_side=long_side).size
            mine = measure("ours", path, target, args.repeat, folder / "ours.out")
            for name in FILTERS:
                theirs = measure(name, path, target, args.repeat, folder / "baseline.out")
                quality = psnr(
                    (folder / "ours.out").read_bytes(), (folder / "baseline.out").read_bytes()
                )
                weight = path.stat().st_size / 2**20
                case = (
                    f"{label} ({weight:.1f} MB) → {target[0]}×{target[1]} for {output}, "
                    f"baseline {name}"
                )
                rows.append((case, mine, theirs, quality))
    print(
        f"Median of {args.repeat} runs; images are capped at the output's long side "
        "(what the client does per model and mode); peak = memory above the start.\n"
    )
    print(
        "| case | ours median ms | baseline median ms | speed-up | ours peak MB "
        "| baseline peak MB | PSNR ours vs baseline dB |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for case, mine, theirs, quality in rows:
        print(
            f"| {case} | {mine['median_ms']:.0f} | {theirs['median_ms']:.0f} "
            f"| {theirs['median_ms'] / mine['median_ms']:.1f}× | {mine['peak_mb']:.0f} "
            f"| {theirs['peak_mb']:.0f} | {quality:.1f} |"
        )


if __name__ == "__main__":
    main()
