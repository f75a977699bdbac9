"""``python -m kling_studio.emulator`` (and ``kling-studio emulator``): serve on a local port."""

from __future__ import annotations

import argparse
import contextlib
import logging
from pathlib import Path

from .config import EmulatorConfig
from .emulator import Emulator
from .server import DEFAULT_HOST, DEFAULT_PORT


def parser() -> argparse.ArgumentParser:
    cli = argparse.ArgumentParser(
        prog="kling-studio emulator",
        description="A local Kling-compatible image-to-video service that renders real mp4s.",
    )
    cli.add_argument("--host", default=DEFAULT_HOST, help="bind address (default: loopback)")
    cli.add_argument("--port", type=int, default=DEFAULT_PORT)
    cli.add_argument(
        "--speed", type=float, default=1.0, help="virtual seconds per real second (default 1)"
    )
    cli.add_argument(
        "--concurrency", type=int, default=5, help="running tasks per account (default 5)"
    )
    cli.add_argument("--seed", type=int, default=0, help="seeds schedules and faults, not ids")
    cli.add_argument(
        "--state-dir",
        type=Path,
        metavar="DIR",
        help="keep tasks and videos in DIR, across restarts and shared with other emulators",
    )
    return cli


def run_server(argv: list[str] | None = None) -> int:
    """Serve until Ctrl-C; returns the process exit code."""
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    config = EmulatorConfig(
        speed=args.speed, concurrency=args.concurrency, seed=args.seed, state_dir=args.state_dir
    )
    with Emulator(config) as emulator, contextlib.suppress(KeyboardInterrupt):
        emulator.serve(args.host, args.port)
    return 0
