"""Load cost: ``import kling_studio`` against ``import httpx, pydantic``, and a kernel's memory
after 1, 10 and 20 Studio generations.

Run: ``.venv/bin/python bench/load.py`` (``--runs``, ``--videos``, ``--mode`` to vary it).

Prints two Markdown tables:
- cold import, each in a fresh process (median of ``--runs``, the two interleaved): wall time of
  the import statement, peak RSS (VmHWM) and steady RSS (VmRSS after ``gc.collect()``), with the
  ratio to ``import httpx, pydantic`` (the floor any client pays) measured in the same run; and,
  for scale, what the first use of the client and of the Studio adds;
- a kernel that makes videos in a ``Studio`` (no front end is needed to drive one from Python):
  steady RSS after each count in a real Jupyter kernel (ipykernel, started by jupyter_client)
  and in a plain Python process, with the embedded emulator rendering in the same process (what
  a notebook without credentials gets) and, to show where the memory goes, with the emulator in
  a separate process. glibc's heap is split into what is in use and what it holds free (the part
  ``malloc_trim`` would hand back).

Each kernel is a fresh Python process with its own ``KLING_STUDIO_HOME`` and no credentials,
emulator at ``KLING_STUDIO_EMULATOR_SPEED=200``.
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import io
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import proc_status

BASELINE = "import httpx, pydantic"
IMPORTS: Mapping[str, str] = {
    BASELINE: BASELINE,
    "import kling_studio": "import kling_studio",
    "… then `from kling_studio import KlingClient, Image2VideoRequest`": (
        "import kling_studio\nfrom kling_studio import KlingClient, Image2VideoRequest"
    ),
    "… then `from kling_studio import Studio`": (
        "import kling_studio\nfrom kling_studio import Studio"
    ),
}
"""Row label → the statements timed. The first two rows are the target; the rest show where the
weight went (the first use pays it)."""
COUNTS = (1, 10, 20)
SPEED = "200"
CONNECTION_VARIABLES = (
    "COMETAPI_KEY",
    "KLING_API_KEY",
    "KLING_ACCESS_KEY",
    "KLING_SECRET_KEY",
    "KLING_BASE_URL",
    "KLING_REGION",
)


# --- children: each measures one thing in a fresh process and prints one JSON line ----------------


def child_import(code: str) -> None:
    began = time.perf_counter()
    exec(compile(code, "<import>", "exec"), {})
    seconds = time.perf_counter() - began
    peak = proc_status("VmHWM")
    gc.collect()
    print(json.dumps({"seconds": seconds, "peak": peak, "steady": proc_status("VmRSS")}))


class MallInfo2(ctypes.Structure):
    _fields_ = [
        (name, ctypes.c_size_t)
        for name in (
            "arena",
            "ordblks",
            "smblks",
            "hblks",
            "hblkhd",
            "usmblks",
            "fsmblks",
            "uordblks",
            "fordblks",
            "keepcost",
        )
    ]


def heap() -> dict[str, float]:
    """glibc's heap in MB: in use (arenas + mmapped blocks) and held free; {} elsewhere."""
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallinfo2.restype = MallInfo2
    except (OSError, AttributeError):
        return {}
    info = libc.mallinfo2()
    mb = 1024 * 1024
    return {"in_use": (info.uordblks + info.hblkhd) / mb, "free": info.fordblks / mb}


def snapshot(label: str) -> dict[str, Any]:
    gc.collect()
    return {"at": label, "steady": proc_status("VmRSS"), "peak": proc_status("VmHWM"), **heap()}


def child_studio(videos: int, counts: Sequence[int], options: Mapping[str, str]) -> None:
    """Make ``videos`` videos in one Studio, reporting memory after each count in ``counts``."""
    url = os.environ.get("BENCH_EMULATOR_URL")
    out = Path(os.environ["KLING_STUDIO_HOME"]) / "videos"
    rows = [snapshot("Python, nothing imported")]
    from kling_studio import AsyncKlingClient, Connection, Provider, Studio
    from kling_studio.api.auth import BearerKey
    from kling_studio.emulator.clock import VirtualClock
    from kling_studio.samples import landscape

    picture = io.BytesIO()
    landscape(1280, 720).save(picture, "JPEG", quality=90)
    client = None
    if url:  # the emulator's own process: only its clock (waits shortened alike) is shared
        provider = Provider.custom(url, BearerKey(os.environ["BENCH_EMULATOR_KEY"]))
        clock = VirtualClock(float(os.environ["KLING_STUDIO_EMULATOR_SPEED"]))
        client = AsyncKlingClient(connection=Connection(provider, clock=clock, emulated=True))
    studio = Studio(
        image=picture.getvalue(),
        client=client,
        output_dir=out,
        prompt="a boat drifts across the lake",
        **options,
    )
    rows.append(snapshot("Studio shown, 0 videos"))
    began = time.perf_counter()
    for made in range(1, videos + 1):
        studio.generate_sync()
        if made in counts:
            rows.append(snapshot(f"{made} video{'s' * (made > 1)}"))
    seconds = time.perf_counter() - began
    files = sorted(out.glob("*.mp4"))
    studio.close()
    print(json.dumps({"rows": rows, "seconds": seconds, "files": len(files)}))


# --- the parent: runs the children and prints the tables --------------------------------------


def run_child(args: list[str], env: Mapping[str, str] | None = None) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, __file__, *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"child {args} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def import_table(runs: int) -> list[str]:
    samples: dict[str, list[dict[str, float]]] = {label: [] for label in IMPORTS}
    for _ in range(runs):  # interleaved, so drift in the machine's load hits every row alike
        for label, code in IMPORTS.items():
            samples[label].append(run_child(["--child-import", code]))
    medians = {
        label: {key: statistics.median(s[key] for s in rows) for key in rows[0]}
        for label, rows in samples.items()
    }
    base = medians[BASELINE]
    lines = [
        f"Cold import, fresh process each, median of {runs} (ratio: to `{BASELINE}`, same run)",
        "",
        "| import | time | ratio | peak RSS | ratio | steady RSS | ratio |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for label, m in medians.items():
        shown = label if label.startswith("…") else f"`{label}`"
        lines.append(
            f"| {shown} | {m['seconds'] * 1000:.0f} ms | {m['seconds'] / base['seconds']:.2f}× "
            f"| {m['peak']:.1f} MB | {m['peak'] / base['peak']:.2f}× "
            f"| {m['steady']:.1f} MB | {m['steady'] / base['steady']:.2f}× |"
        )
    return lines


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_for(port: int, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"the emulator did not listen on {port}")


def studio_run(videos: int, options: Sequence[str], *, separate: bool) -> dict[str, Any]:
    """One kernel making ``videos`` videos: the emulator in it, or in a process of its own."""
    from kling_studio.emulator.config import DEFAULT_API_KEY

    with tempfile.TemporaryDirectory(prefix="kling-bench-load-") as home:
        env = {k: v for k, v in os.environ.items() if k not in CONNECTION_VARIABLES}
        env.update(KLING_STUDIO_HOME=home, KLING_STUDIO_EMULATOR_SPEED=SPEED)
        server = None
        if separate:
            port = free_port()
            server = subprocess.Popen(
                [
                    *(sys.executable, "-m", "kling_studio.emulator", "--port", str(port)),
                    *("--speed", SPEED, "--state-dir", str(Path(home) / "server")),
                ],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            wait_for(port)
            env.update(
                BENCH_EMULATOR_URL=f"http://127.0.0.1:{port}", BENCH_EMULATOR_KEY=DEFAULT_API_KEY
            )
        try:
            counts = ",".join(str(c) for c in COUNTS if c <= videos)
            return run_child(["--child-studio", str(videos), counts, *options], env)
        finally:
            if server is not None:
                server.terminate()
                server.wait(timeout=30)


def kernel_run(videos: int, options: Sequence[str]) -> dict[str, Any]:
    """The same Studio in a real Jupyter kernel (ipykernel via jupyter_client): what a notebook
    user's kernel holds, comm traffic and all (no front end: only we read iopub)."""
    from jupyter_client.manager import KernelManager

    counts = [c for c in COUNTS if c <= videos]
    chosen = dict(option.split("=", 1) for option in options)
    code = (
        f"import sys; sys.path.insert(0, {str(Path(__file__).resolve().parent)!r})\n"
        f"import load; load.child_studio({videos}, {counts!r}, {chosen!r})"
    )
    with tempfile.TemporaryDirectory(prefix="kling-bench-kernel-") as home:
        env = {k: v for k, v in os.environ.items() if k not in CONNECTION_VARIABLES}
        env.update(KLING_STUDIO_HOME=home, KLING_STUDIO_EMULATOR_SPEED=SPEED)
        manager = KernelManager(kernel_name="python3")
        manager.kernel_cmd = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
        manager.start_kernel(env=env)
        client = manager.client()
        client.start_channels()
        printed: list[str] = []
        try:
            client.wait_for_ready(timeout=60)

            def collect(message: dict[str, Any]) -> None:
                if message["msg_type"] == "stream" and message["content"]["name"] == "stdout":
                    printed.append(message["content"]["text"])
                elif message["msg_type"] == "error":
                    raise SystemExit("\n".join(message["content"]["traceback"]))

            reply = client.execute_interactive(code, timeout=1800, output_hook=collect)
            if reply["content"]["status"] != "ok":
                raise SystemExit(f"the kernel failed: {reply['content']}")
        finally:
            client.stop_channels()
            manager.shutdown_kernel(now=True)
    result: dict[str, Any] = json.loads("".join(printed).strip().splitlines()[-1])
    return result


def studio_table(videos: int, options: Sequence[str]) -> list[str]:
    kernel = kernel_run(videos, options)
    inside = studio_run(videos, options, separate=False)
    apart = studio_run(videos, options, separate=True)
    settings = " ".join(options) or "the Studio's defaults"
    lines = [
        f"Kernel memory making videos in one Studio ({settings}; 1280×720 JPEG; emulator at "
        f"{SPEED}×). Steady RSS after `gc.collect()`; heap: glibc's in use / free (free pages "
        "that `malloc_trim` handed back still count as free, though no longer resident)",
        "",
        "| after | Jupyter kernel (ipykernel), emulator in it | heap | plain process, emulator in "
        "it | heap | peak | plain process, emulator in its own process | heap |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for k, a, b in zip(kernel["rows"], inside["rows"], apart["rows"], strict=True):
        lines.append(
            f"| {a['at']} | {k['steady']:.0f} MB | {_heap(k)} | {a['steady']:.0f} MB "
            f"| {_heap(a)} | {a['peak']:.0f} MB | {b['steady']:.0f} MB | {_heap(b)} |"
        )
    lines += [
        "",
        f"{kernel['files']}, {inside['files']} and {apart['files']} videos saved; "
        f"{kernel['seconds'] / videos:.1f} s, {inside['seconds'] / videos:.1f} s and "
        f"{apart['seconds'] / videos:.1f} s a video.",
    ]
    return lines


def _heap(row: Mapping[str, float]) -> str:
    return f"{row['in_use']:.0f} / {row['free']:.0f} MB" if "in_use" in row else "–"


def main(argv: list[str] | None = None) -> None:
    cli = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    cli.add_argument("--runs", type=int, default=7, help="fresh processes per import (≥ 7)")
    cli.add_argument("--videos", type=int, default=max(COUNTS))
    cli.add_argument("--mode", help="std or pro (pro renders 1080p where the model does)")
    cli.add_argument("--model", help="model_name (default: the Studio's)")
    cli.add_argument("--skip-import", action="store_true")
    cli.add_argument("--skip-studio", action="store_true")
    args = cli.parse_args(argv)
    chosen = (("model_name", args.model), ("mode", args.mode))
    options = [f"{name}={value}" for name, value in chosen if value is not None]
    if not args.skip_import:
        print("\n".join(import_table(args.runs)), "\n", flush=True)
    if not args.skip_studio:
        print("\n".join(studio_table(args.videos, options)), flush=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child-import"]:
        child_import(sys.argv[2])
    elif sys.argv[1:2] == ["--child-studio"]:
        marks = [int(c) for c in sys.argv[3].split(",") if c]
        settings = dict(option.split("=", 1) for option in sys.argv[4:])
        child_studio(int(sys.argv[2]), marks, settings)
    else:
        main()
