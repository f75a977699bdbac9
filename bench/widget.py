"""The Studio in a real JupyterLab in Chromium: painting, video delivery, Generate, height, upload.

Run: ``.venv/bin/python bench/widget.py`` (needs Debian's Chromium at /usr/bin/chromium; the
front end must be built: ``make build``). ``--against REV`` also builds revision REV in a
temporary worktree (its own venv and bundle) and measures it the same way, for a before/after
column in the same run.

Measures, each against a baseline in the same run:
- painting on a 12-megapixel picture: the cost of each animation frame while a pointer moves
  (4 moves a frame, 1200 moves): the handlers' time plus the frame's drawing, since the painter
  queues stamps in its handler and draws them once per frame (median, p95), against the same
  moves drawn straight onto a bare canvas of the same size (the floor);
- a 10 MB video from the kernel to a playable ``<video>``: announced by the kernel and played
  from the Jupyter server's file URL (the file is under the server's root), and — for a copy
  outside the root — asked for and sent as one binary media message; against the same bytes as
  a base64 string in a synced trait turned into a ``data:`` URL;
- a 20 MB picture from the browser to the kernel: our chunked upload (time, and that the bytes
  arrive whole), against sending it as one message (which the server drops above 10 MiB);
- a click on Generate to the first change in the status panel (median of 5 runs);
- a fresh Studio's height in a 1400×1000 window.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import av
import numpy as np
from PIL import Image
from playwright.sync_api import Page, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.browser.jupyter import (  # the harness lives with the tests
    CHROMIUM_ARGS,
    open_notebook,
    run_all,
    run_python,
    running_server,
    write_notebook,
)

CHROMIUM = "/usr/bin/chromium"
BIG = (4000, 3000)
MOVES = 1200
MOVES_PER_FRAME = 4

SETUP = """
import base64, hashlib, time, traitlets, anywidget
import numpy as np
from PIL import Image
from kling_studio import Studio
from kling_studio.samples import landscape
rng = np.random.default_rng(1)
big = Image.fromarray(rng.integers(0, 255, (3000, 4000, 3), dtype=np.uint8))
studio = Studio(image=big)
arrived = {}
_end = studio._uploads.end
def _recording_end(upload_id):
    slot, name, data = _end(upload_id)
    arrived[name] = (hashlib.sha256(data).hexdigest(), time.time())
    return slot, name, data
studio._uploads.end = _recording_end

class Base64Video(anywidget.AnyWidget):
    _esm = '''export default { render({ model, el }) {
      const video = document.createElement("video"); video.muted = true; video.id = "b64-video";
      el.appendChild(video);
      model.on("change:data", () => { video.src = "data:video/mp4;base64," + model.get("data"); });
      model.on("msg:custom", (content) => {
        if (content.type !== "send-one") return;
        model.send({ type: "one" }, undefined, [new ArrayBuffer(content.size)]);
      });
    } }'''
    data = traitlets.Unicode("").tag(sync=True)

baseline_video = Base64Video()
one_message = []
baseline_video.on_msg(lambda w, c, b: c.get("type") == "one" and one_message.append(len(b[0])))
quick = Studio(image=landscape(640, 360), prompt="a lake")
display(studio, baseline_video, quick)
"""

GENERATE_JS = """
async () => {
  // The second Studio (a small picture, nothing painted): from the click on Generate to the
  // first change the kernel's answer makes in its status panel.
  const root = document.querySelectorAll('[data-testid="studio"]')[1];
  const status = root.querySelector('[data-testid="status"]');
  const button = root.querySelector('[data-testid="generate"]');
  return await new Promise((resolve) => {
    let began = 0;
    const seen = new MutationObserver(() => {
      if (!began) return;
      seen.disconnect();
      resolve(performance.now() - began);
    });
    seen.observe(status, { subtree: true, childList: true, characterData: true, attributes: true });
    began = performance.now();
    button.click();
  });
}
"""

HEIGHT_JS = """
() => document.querySelectorAll('[data-testid="studio"]')[1].getBoundingClientRect().height
"""
GENERATIONS = 5

PAINT_JS = """
async ({ moves, perFrame, baseline }) => {
  // The painter queues stamps in its pointermove handler and draws them in one animation frame,
  // so a move's cost is its handler plus its share of the frame's drawing. Moves are dispatched
  // `perFrame` at a time, once per frame (as a busy pointer's coalesced events arrive); each
  // frame's cost is the handlers' time plus the animation-frame callbacks the page ran for them.
  const stage = document.querySelector('[data-testid="painter-stage"]');
  const rect = stage.getBoundingClientRect();
  const target = baseline ? document.getElementById("bare") : stage;
  const raf = window.requestAnimationFrame.bind(window);
  let drawn = 0;
  window.requestAnimationFrame = (callback) => raf((time) => {
    const start = performance.now();
    callback(time);
    drawn += performance.now() - start;
  });
  const nextFrame = () => new Promise((resolve) => raf(resolve));
  const event = (type, i) => new PointerEvent(type, {
    bubbles: true, cancelable: true, pointerId: 7, pointerType: "mouse", isPrimary: true,
    buttons: type === "pointerup" ? 0 : 1, button: 0,
    clientX: rect.left + 20 + (i * 7) % (rect.width - 40),
    clientY: rect.top + 20 + (Math.floor(i / 40) * 9) % (rect.height - 40),
  });
  target.dispatchEvent(event("pointerdown", 0));
  const frames = [];
  let handlers = 0;
  for (let i = 1; i <= moves; i += perFrame) {
    await nextFrame(); // the painter's frame (registered first) has run: its drawing is counted
    if (i > 1) frames.push(handlers + drawn);
    handlers = 0;
    drawn = 0;
    for (let j = i; j < i + perFrame; j++) {
      const start = performance.now();
      target.dispatchEvent(event("pointermove", j));
      handlers += performance.now() - start;
    }
  }
  await nextFrame();
  frames.push(handlers + drawn);
  target.dispatchEvent(event("pointerup", moves));
  window.requestAnimationFrame = raf;
  return { frames };
}
"""

BARE_CANVAS_JS = """
([width, height]) => {
  const canvas = document.createElement("canvas");
  canvas.id = "bare"; canvas.width = width; canvas.height = height;
  Object.assign(canvas.style, { width: "600px", position: "fixed", left: "0", top: "0" });
  const context = canvas.getContext("2d");
  context.fillStyle = "#e8453c";
  canvas.addEventListener("pointermove", (e) => {
    const r = canvas.getBoundingClientRect();
    const x = (e.clientX - r.left) * width / r.width, y = (e.clientY - r.top) * height / r.height;
    context.beginPath(); context.arc(x, y, 40, 0, Math.PI * 2); context.fill();
  });
  document.body.appendChild(canvas);
}
"""


def ten_megabyte_video(path: Path) -> None:
    """About 10 MB of 1080p video shaped like the emulator's: moving content, +faststart."""
    rng = np.random.default_rng(3)
    grain = rng.integers(0, 40, (1080, 1920, 3), dtype=np.uint8)
    x = np.linspace(0, 4 * np.pi, 1920)[None, :, None]
    y = np.linspace(0, 2 * np.pi, 1080)[:, None, None]
    with av.open(str(path), "w", options={"movflags": "+faststart"}) as container:
        stream = container.add_stream("libx264", rate=24)
        stream.width, stream.height, stream.pix_fmt = 1920, 1080, "yuv420p"
        stream.options = {"crf": "14", "preset": "ultrafast"}
        frame_index = written = 0
        while written < 9_800_000 and frame_index < 480:
            t = frame_index / 24
            wave = 110 + 90 * np.sin(x + t) * np.cos(y - t) * np.array([1.0, 0.6, 0.3])
            pixels = np.clip(wave + np.roll(grain, frame_index * 7, axis=1), 0, 255).astype(
                np.uint8
            )
            for packet in stream.encode(av.VideoFrame.from_ndarray(pixels, format="rgb24")):
                written += packet.size
                container.mux(packet)
            frame_index += 1
        for packet in stream.encode():
            container.mux(packet)


def twenty_megabyte_picture(path: Path) -> str:
    rng = np.random.default_rng(5)
    Image.fromarray(rng.integers(0, 255, (2600, 2600, 3), dtype=np.uint8)).save(
        path, compress_level=1
    )
    return hashlib.sha256(path.read_bytes()).hexdigest()


def paint(page: Page) -> tuple[dict[str, Any], dict[str, Any]]:
    page.locator('[data-testid="area-static"]').first.click()
    page.locator('[data-testid="tool-brush"]').first.click()
    page.locator('[data-testid="painter-stage"]').first.scroll_into_view_if_needed()
    options = {"moves": MOVES, "perFrame": MOVES_PER_FRAME}
    ours = page.evaluate(PAINT_JS, {**options, "baseline": False})
    page.evaluate(BARE_CANVAS_JS, list(BIG))
    bare = page.evaluate(PAINT_JS, {**options, "baseline": True})
    return ours, bare


WATCH_VIDEOS = """() => {
  window.__ready = {};
  const watch = (el, key) => {
    el.addEventListener("loadedmetadata", () => { window.__ready[key + "-m"] = Date.now(); });
    el.addEventListener("loadeddata", () => { window.__ready[key] = Date.now(); });
  };
  watch(document.querySelector('[data-testid="video"]'), "ours");
  watch(document.getElementById("b64-video"), "base64");
}"""


def studio_video(page: Page, video: Path, run: str) -> tuple[float, str]:
    """Seconds from the kernel announcing ``video`` to the Studio's ``loadeddata``, and the
    source it played from."""
    page.evaluate("() => { delete window.__ready.ours; delete window.__ready['ours-m']; }")
    sent = float(
        run_python(
            page,
            f"from pathlib import Path\nstudio._videos[{run!r}] = Path({str(video)!r})\n"
            f"t = time.time(); studio._send_video({run!r}); print(t)",
        )
    )
    page.wait_for_function("() => window.__ready.ours", timeout=60_000)
    ready = page.evaluate("() => window.__ready.ours") / 1000 - sent
    meta = page.evaluate("() => window.__ready['ours-m']") / 1000 - sent
    source = page.evaluate(
        "() => document.querySelector('[data-testid=\"video\"]').currentSrc.split(':')[0]"
    )
    print(f"{run}: metadata after {meta:.2f} s, playable after {ready:.2f} s", file=sys.stderr)
    return ready, source


def deliver_video(page: Page, video: Path, outside: Path) -> tuple[float, float, float]:
    """Seconds from the kernel announcing the video to the browser's ``loadeddata``: from the
    server's file URL, from its bytes (a copy outside the server's root), then base64."""
    page.evaluate(WATCH_VIDEOS)
    served, source = studio_video(page, video, "served")
    assert source == "http", f"played from {source}, not the server's file URL"
    sent_bytes, source = studio_video(page, outside, "bytes")
    assert source == "blob", f"played from {source}, not its bytes"
    sent = float(
        run_python(
            page,
            f"data = base64.b64encode(open({str(video)!r}, 'rb').read()).decode()\n"
            "t = time.time(); baseline_video.data = data; print(t)",
            timeout=120,
        )
    )
    page.wait_for_function("() => window.__ready.base64", timeout=120_000)
    theirs = page.evaluate("() => window.__ready.base64") / 1000 - sent
    return served, sent_bytes, theirs


def upload(page: Page, picture: Path, digest: str) -> tuple[float, bool, str]:
    began = time.time()
    page.locator('[data-testid="file-image"]').first.set_input_files(str(picture))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        answer = run_python(
            page,
            f"import json; print(json.dumps(arrived.get({picture.name!r}, ['', 0])))",
        )
        got, when = json.loads(answer)
        if got:
            return float(when) - began, got == digest, one_message_baseline(page, picture)
        time.sleep(0.2)
    raise TimeoutError("the upload did not arrive in 120 s")


def one_message_baseline(page: Page, picture: Path) -> str:
    """The same number of bytes as one custom message, as a naive widget would send them."""
    size = picture.stat().st_size
    run_python(page, f"baseline_video.send({{'type': 'send-one', 'size': {size}}})")
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if run_python(page, "print(len(one_message))").strip() != "0":
            return "arrived"
        time.sleep(0.5)
    return "never arrived (the server drops messages over 10 MiB)"


def generate_latency(page: Page) -> list[float]:
    """Milliseconds from a click on Generate to the status panel's first change, per run."""
    latencies = []
    for _ in range(GENERATIONS):
        page.wait_for_function(
            "() => !document.querySelectorAll('[data-testid=\"studio\"]')[1]"
            ".querySelector('[data-testid=\"generate\"]').disabled",
            timeout=60_000,
        )
        latencies.append(float(page.evaluate(GENERATE_JS)))
        run_python(page, "quick._running.result(timeout=600); print('done')", timeout=660)
    return latencies


def summary(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    return statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))]


def measure() -> dict[str, Any]:
    """Every figure of this build, and the in-run baselines."""
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        root, scratch = Path(tmp) / "root", Path(tmp) / "scratch"
        root.mkdir()
        video, picture = root / "ten.mp4", root / "twenty.png"
        outside = Path(tmp) / "outside.mp4"  # not under the server's root
        print("making a 10 MB video and a 20 MB picture …", file=sys.stderr)
        ten_megabyte_video(video)
        shutil.copyfile(video, outside)
        digest = twenty_megabyte_picture(picture)
        write_notebook(root, "bench.ipynb", [SETUP])
        video_mb, picture_mb = video.stat().st_size / 2**20, picture.stat().st_size / 2**20
        with running_server("lab", root, scratch) as server:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
            )
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            open_notebook(page, server, "bench.ipynb")
            run_all(page, timeout=180)
            page.locator('[data-testid="studio"]').nth(1).wait_for()
            page.wait_for_function(
                "() => document.querySelector('[data-testid=\"painter\"] canvas') !== null",
                timeout=60_000,
            )
            height = float(page.evaluate(HEIGHT_JS))
            print("painting …", file=sys.stderr)
            ours_paint, bare_paint = paint(page)
            print("video …", file=sys.stderr)
            ours_video, bytes_video, base64_video = deliver_video(page, video, outside)
            print("upload …", file=sys.stderr)
            upload_seconds, whole, single = upload(page, picture, digest)
            print("generate …", file=sys.stderr)
            latencies = generate_latency(page)
            browser.close()
    return {
        "video_mb": video_mb,
        "picture_mb": picture_mb,
        "paint": summary(ours_paint["frames"]),
        "bare_paint": summary(bare_paint["frames"]),
        "video_s": ours_video,
        "video_bytes_s": bytes_video,
        "base64_video_s": base64_video,
        "upload_s": upload_seconds,
        "whole": whole,
        "one_message": single,
        "generate_ms": summary(latencies),
        "height_px": height,
    }


def against(revision: str) -> dict[str, Any]:
    """The same figures for ``revision``, built in a temporary worktree with its own venv."""
    repo = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory(prefix="kling-bench-") as tmp:
        tree = Path(tmp) / "tree"
        subprocess.run(
            ["git", "-C", str(repo), "worktree", "add", "--detach", str(tree), revision],
            check=True,
            capture_output=True,
        )
        try:
            print(f"building {revision} in {tree} …", file=sys.stderr)
            subprocess.run(["make", "build"], cwd=tree, check=True, capture_output=True)
            done = subprocess.run(
                [str(tree / ".venv" / "bin" / "python"), __file__, "--json"],
                cwd=repo,
                check=True,
                stdout=subprocess.PIPE,
                text=True,
            )
        finally:
            subprocess.run(
                ["git", "-C", str(repo), "worktree", "remove", "--force", str(tree)],
                check=False,
                capture_output=True,
            )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def table(ours: dict[str, Any], before: dict[str, Any] | None, revision: str) -> list[str]:
    def then(text: str) -> str:
        return text if before is not None else "–"

    b = before or ours
    rows = [
        (
            f"paint on {BIG[0]}×{BIG[1]}, {MOVES_PER_FRAME} moves a frame "
            "(ms per frame, median / p95)",
            f"{ours['paint'][0]:.2f} / {ours['paint'][1]:.2f}",
            then(f"{b['paint'][0]:.2f} / {b['paint'][1]:.2f}"),
            f"bare canvas: {ours['bare_paint'][0]:.2f} / {ours['bare_paint'][1]:.2f}",
            "median ≤ 4 ms",
        ),
        (
            f"{ours['video_mb']:.1f} MB video, kernel has it → playable <video> (s)",
            f"{ours['video_s']:.2f} (server's file URL); {ours['video_bytes_s']:.2f} (bytes, "
            "outside the root)",
            then(f"{b['video_s']:.2f}"),
            f"base64 trait: {ours['base64_video_s']:.2f}",
            "≤ 0.5 s",
        ),
        (
            f"click on Generate → first status change (ms, median / p95 of {GENERATIONS})",
            f"{ours['generate_ms'][0]:.0f} / {ours['generate_ms'][1]:.0f}",
            then(f"{b['generate_ms'][0]:.0f} / {b['generate_ms'][1]:.0f}"),
            "–",
            "–",
        ),
        (
            "a fresh Studio's height at 1400×1000 (px)",
            f"{ours['height_px']:.0f}",
            then(f"{b['height_px']:.0f}"),
            "the window: 1000",
            "fits",
        ),
        (
            f"{ours['picture_mb']:.1f} MB picture, browser → kernel (s)",
            f"{ours['upload_s']:.2f}, {'whole' if ours['whole'] else 'CORRUPTED'}",
            then(f"{b['upload_s']:.2f}"),
            f"one message: {ours['one_message']}",
            "arrives whole",
        ),
    ]
    lines = [
        f"| measure | this build | {revision if before else 'earlier build'} | baseline | target |",
        "|---|---|---|---|---|",
    ]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def main() -> int:
    import argparse

    cli = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    cli.add_argument("--against", metavar="REV", help="also measure this git revision's build")
    cli.add_argument("--json", action="store_true", help="print this build's figures as JSON")
    args = cli.parse_args()
    ours = measure()
    if args.json:
        print(json.dumps(ours))
        return 0
    before = against(args.against) if args.against else None
    print("\n".join(table(ours, before, args.against or "")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
