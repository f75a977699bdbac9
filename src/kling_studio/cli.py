"""``kling-studio``: the package's capabilities from a terminal.

Each subcommand is one entry of ``COMMANDS`` (name → handler taking the remaining argv), so a
new command is a new row, not a new branch.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping

Command = Callable[[list[str]], int]


def _emulator(argv: list[str]) -> int:
    from .emulator import run_server

    return run_server(argv)


COMMANDS: Mapping[str, tuple[Command, str]] = {
    "emulator": (_emulator, "serve the local Kling-compatible emulator (127.0.0.1 by default)"),
}


def usage() -> str:
    rows = "\n".join(f"  {name:<10} {about}" for name, (_, about) in COMMANDS.items())
    return f"usage: kling-studio COMMAND [options]\n\ncommands:\n{rows}\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] in ("-h", "--help"):
        sys.stdout.write(usage())
        return 0
    entry = COMMANDS.get(args[0])
    if entry is None:
        sys.stderr.write(f"kling-studio: unknown command {args[0]!r}\n{usage()}")
        return 2
    return entry[0](args[1:])


if __name__ == "__main__":
    raise SystemExit(main())
