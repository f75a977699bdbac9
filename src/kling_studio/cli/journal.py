"""The journal's commands: ``tasks`` (what is filed), ``resume`` (finish what a dead process left)
and ``spend`` (units per task, day, model and mode)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time

from rich.console import Console
from rich.table import Table

from kling_studio.api.client import AsyncKlingClient, StatusEvent
from kling_studio.api.journal import JournalEntry
from kling_studio.api.ledger import Ledger, ledger

from .arguments import ArgumentError


def tasks_parser() -> argparse.ArgumentParser:
    cli = argparse.ArgumentParser(
        prog="kling-studio tasks",
        description="Tasks in the journal: by default the ones of this service still running, "
        "never answered or not yet downloaded.",
    )
    cli.add_argument("--all", action="store_true", help="every task filed, of every service")
    cli.add_argument("--json", action="store_true", help="one JSON list on stdout")
    return cli


def resume_parser() -> argparse.ArgumentParser:
    cli = argparse.ArgumentParser(
        prog="kling-studio resume",
        description="Find every pending task of this service, wait for it and download it once.",
    )
    cli.add_argument(
        "--out", help="folder for the videos (default: where each task was meant to go)"
    )
    return cli


def spend_parser() -> argparse.ArgumentParser:
    cli = argparse.ArgumentParser(
        prog="kling-studio spend",
        description="Units per task, per day and per model and mode, from the journal: charged "
        "where the service said so, else estimated. Emulated tasks are counted apart.",
    )
    cli.add_argument("--since", help="a date, YYYY-MM-DD (default: every task)")
    cli.add_argument("--json", action="store_true", help="the ledger as JSON on stdout")
    return cli


def when(seconds: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(seconds))


def _what(entry: JournalEntry) -> str:
    return f"{entry.model} {entry.mode} {entry.duration}s" + (" (emulated)" * entry.emulated)


def _units(entry: JournalEntry) -> str:
    return f"≈{entry.units:g}" if entry.units_estimated else f"{entry.units:g}"


async def tasks(client: AsyncKlingClient, args: argparse.Namespace, console: Console) -> int:
    entries = client.journal.entries() if args.all else client.pending()
    if args.json:
        print(json.dumps([entry.as_row() for entry in entries], indent=2))
        return 0
    note = "" if args.all else elsewhere(client)
    if note:
        console.print(f"[yellow]{note}[/yellow]")
    if not entries:
        console.print("no pending tasks here" if not args.all else "the journal is empty")
        return 0
    table = Table("created", "task id", "external id", "status", "model", "units", "files")
    for entry in entries:
        table.add_row(
            when(entry.created_at),
            entry.task_id or "(never answered)",
            entry.external_id,
            entry.status + (" · emulated" if entry.emulated else ""),
            _what(entry),
            _units(entry),
            "\n".join(entry.files),
        )
    Console().print(table)
    return 0


def elsewhere(client: AsyncKlingClient) -> str:
    """A note on pending tasks of other services, which this command's credentials cannot
    reach: silence about them would look like "nothing pending" while a paid video expires."""
    mine = client.provider_ref.key
    others: dict[str, int] = {}
    for entry in client.journal.entries():
        if entry.pending and entry.provider != mine:
            others[entry.provider] = others.get(entry.provider, 0) + 1
    if not others:
        return ""
    listed = ", ".join(f"{count} on {provider}" for provider, count in sorted(others.items()))
    return (
        f"pending tasks of other services: {listed} — run this command with those services' "
        "credentials (or the same KLING_BASE_URL) to resume them"
    )


async def resume(client: AsyncKlingClient, args: argparse.Namespace, console: Console) -> int:
    pending = client.pending()
    note = elsewhere(client)
    if note:
        console.print(f"[yellow]{note}[/yellow]")
    if not pending:
        console.print(f"nothing to resume on {client.describe()}")
        return 1 if note else 0
    console.print(f"resuming {len(pending)} task(s) on {client.describe()}")
    seen: dict[str, str] = {}

    def report(event: StatusEvent) -> None:
        if seen.get(event.task.task_id) != event.status:
            seen[event.task.task_id] = event.status
            console.print(f"[dim]task {event.task.task_id}: {event.status}[/dim]")

    results = await client.resume(args.out, on_event=report)
    failed = 0
    for result in results:
        name = result.entry.task_id or result.entry.external_id
        console.print(f"{name}: {result.outcome}")
        if result.download is not None:
            print(result.download.video)
        failed += result.error is not None
    return 1 if failed else 0


def _since(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise ArgumentError(f"--since: a date like 2026-11-26 (got {text!r})") from None
    return dt.datetime.combine(day, dt.time()).timestamp()


def _print_ledger(book: Ledger, console: Console) -> None:
    days = Table("day", "scope", "tasks", "units", "charged", "estimated", title="per day")
    for (day, scope), total in sorted(book.by_day.items()):
        days.add_row(day, scope, *(str(v) for v in list(total.as_row().values())))
    models = Table(
        "model", "mode", "scope", "tasks", "units", "charged", "estimated", title="per model"
    )
    for (model, mode, scope), total in sorted(book.by_model.items()):
        models.add_row(model, mode, scope, *(str(v) for v in list(total.as_row().values())))
    each = Table("created", "task id", "model", "status", "units", title="per task")
    for entry in book.tasks:
        each.add_row(
            when(entry.created_at),
            entry.task_id or entry.external_id,
            f"{entry.model} {entry.mode} {entry.duration}s"
            + (" (emulated)" if entry.emulated else ""),
            entry.status,
            _units(entry),
        )
    out = Console()
    for table in (each, days, models):
        out.print(table)
    for scope, total in sorted(book.totals.items()):
        out.print(
            f"{scope}: {total.units:g} units over {total.tasks} task(s) "
            f"({total.charged:g} charged, ≈{total.estimated:g} estimated)"
        )


async def spend(client: AsyncKlingClient, args: argparse.Namespace, console: Console) -> int:
    book = ledger(client.journal.entries(since=_since(args.since)))
    if args.json:
        print(json.dumps(book.as_json(), indent=2))
    elif not book.tasks:
        console.print("no tasks in the journal" + (f" since {args.since}" if args.since else ""))
    else:
        _print_ledger(book, console)
    return 0
