"""``kling-studio``: the package's capabilities from a terminal.

Each subcommand is one row of ``COMMANDS``: its parser, what it does, and a one-line summary.
Errors are one clear line on stderr and a non-zero exit status: 2 for bad arguments, 1 for a
request or task that failed.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from rich.console import Console

from kling_studio.api.client import AsyncKlingClient
from kling_studio.api.errors import KlingError
from kling_studio.api.problems import ValidationError

from .arguments import ArgumentError
from .commands import (
    Action,
    download,
    download_parser,
    generate,
    generate_parser,
    list_parser,
    list_tasks,
    status,
    status_parser,
)
from .journal import resume, resume_parser, spend, spend_parser, tasks, tasks_parser


@dataclass(frozen=True)
class Command:
    parser: Callable[[], argparse.ArgumentParser]
    action: Action
    summary: str


def _emulator(argv: list[str]) -> int:
    from kling_studio.emulator import run_server

    return run_server(argv)


COMMANDS: Mapping[str, Command] = {
    "generate": Command(
        generate_parser, generate, "validate, submit, follow and download one video"
    ),
    "status": Command(status_parser, status, "one task's status, by task id or external id"),
    "list": Command(list_parser, list_tasks, "the account's tasks, newest first"),
    "download": Command(download_parser, download, "save a finished task's videos and sidecar"),
    "tasks": Command(tasks_parser, tasks, "tasks in the journal still pending (--all: every one)"),
    "resume": Command(resume_parser, resume, "wait for and download every pending task, once"),
    "spend": Command(spend_parser, spend, "units spent per task, day, model and mode"),
}
SERVERS: Mapping[str, tuple[Callable[[list[str]], int], str]] = {
    "emulator": (_emulator, "serve the local Kling-compatible emulator (127.0.0.1 by default)"),
}


def usage() -> str:
    rows = {name: c.summary for name, c in COMMANDS.items()} | {n: s[1] for n, s in SERVERS.items()}
    listing = "\n".join(f"  {name:<10} {about}" for name, about in rows.items())
    return f"usage: kling-studio COMMAND [options]\n\ncommands:\n{listing}\n"


def one_line(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return "the request breaks these rules, nothing was sent: " + "; ".join(
            str(p) for p in error.problems
        )
    return " ".join(str(error).split())


async def _run(command: Command, args: argparse.Namespace, console: Console) -> int:
    async with AsyncKlingClient() as client:
        return await command.action(client, args, console)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] in ("-h", "--help"):
        sys.stdout.write(usage())
        return 0
    name, rest = args[0], args[1:]
    if name in SERVERS:
        return SERVERS[name][0](rest)
    command = COMMANDS.get(name)
    if command is None:
        sys.stderr.write(f"kling-studio: unknown command {name!r}\n{usage()}")
        return 2
    parsed = command.parser().parse_args(rest)
    console = Console(stderr=True)
    try:
        return asyncio.run(_run(command, parsed, console))
    except ArgumentError as error:
        sys.stderr.write(f"kling-studio {name}: {error}\n")
        return 2
    except (KlingError, ValueError, OSError) as error:
        sys.stderr.write(f"kling-studio {name}: {one_line(error)}\n")
        return 1
    except KeyboardInterrupt:
        sys.stderr.write(
            f"kling-studio {name}: interrupted; the task goes on and can be resumed by id\n"
        )
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
