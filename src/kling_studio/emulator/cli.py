"""``python -m kling_studio.emulator`` (and ``kling-studio emulator``): serve on a local port."""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
from collections.abc import Mapping
from pathlib import Path

from .config import EmulatorConfig
from .credentials import (
    ACCESS_KEY_VARIABLE,
    API_KEY_VARIABLE,
    SECRET_KEY_VARIABLE,
    CredentialError,
    Credentials,
    banner,
    resolve,
)
from .emulator import Emulator
from .server import DEFAULT_HOST, DEFAULT_PORT


def parser() -> argparse.ArgumentParser:
    cli = argparse.ArgumentParser(
        prog="kling-studio emulator",
        description="A local Kling-compatible image-to-video service that renders real mp4s.",
        epilog=(
            f"Credentials: flags win over {API_KEY_VARIABLE}, {ACCESS_KEY_VARIABLE} and "
            f"{SECRET_KEY_VARIABLE}; with neither, the built-in test credentials. The ones "
            "accepted are printed on start."
        ),
    )
    cli.add_argument("--host", default=DEFAULT_HOST, help="bind address (default: loopback)")
    cli.add_argument("--port", type=int, default=DEFAULT_PORT, help="0 picks a free port")
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
    cli.add_argument(
        "--api-key",
        action="append",
        default=[],
        metavar="KEY",
        help="a bearer key to accept (repeatable)",
    )
    cli.add_argument(
        "--access-key",
        action="append",
        default=[],
        metavar="AK",
        help="an access key whose JWTs to accept; pair each with a --secret-key (repeatable)",
    )
    cli.add_argument(
        "--secret-key",
        action="append",
        default=[],
        metavar="SK",
        help="the secret key of the --access-key in the same position",
    )
    return cli


def credentials_of(args: argparse.Namespace, env: Mapping[str, str]) -> Credentials:
    return resolve(args.api_key, args.access_key, args.secret_key, env)


def config_of(args: argparse.Namespace, credentials: Credentials) -> EmulatorConfig:
    return EmulatorConfig(
        api_keys=credentials.api_keys,
        access_keys=credentials.access_keys,
        speed=args.speed,
        concurrency=args.concurrency,
        seed=args.seed,
        state_dir=args.state_dir,
    )


def run_server(argv: list[str] | None = None, env: Mapping[str, str] | None = None) -> int:
    """Serve until Ctrl-C; returns the process exit code. Prints, once listening, the URL and
    the credentials it accepts (stdout); logs requests (stderr)."""
    cli = parser()
    args = cli.parse_args(argv)
    try:
        credentials = credentials_of(args, os.environ if env is None else env)
    except CredentialError as error:
        cli.error(str(error))
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    with Emulator(config_of(args, credentials)) as emulator, contextlib.suppress(KeyboardInterrupt):
        emulator.serve(
            args.host, args.port, announce=lambda url: print(banner(url, credentials), flush=True)
        )
    return 0
