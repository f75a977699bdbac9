"""The task commands: ``generate``, ``status``, ``list`` and ``download``.

Each builds its parser, then runs one coroutine against ``AsyncKlingClient`` (credentials from
the environment, else the in-process emulator, which the client announces).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Awaitable, Callable
from pathlib import Path

from rich.console import Console
from rich.table import Table

from kling_studio.api.capabilities import MODELS
from kling_studio.api.client import AsyncKlingClient
from kling_studio.api.models import DynamicMask, Image2VideoRequest, Task, TaskKind

from .arguments import pair_masks_and_paths, parse_camera
from .progress import follow

Action = Callable[[AsyncKlingClient, argparse.Namespace, Console], Awaitable[int]]

KINDS = [kind.value for kind in TaskKind]


def generate_parser() -> argparse.ArgumentParser:
    cli = argparse.ArgumentParser(
        prog="kling-studio generate",
        description="Validate, submit, follow and download one image-to-video task. "
        "Points are image pixels with the origin top-left.",
    )
    cli.add_argument("image", help="start frame: a path or an http(s) URL")
    cli.add_argument("--tail", help="end frame")
    cli.add_argument("--prompt")
    cli.add_argument("--negative-prompt")
    cli.add_argument(
        "--model", choices=sorted(MODELS), help="model_name (Kling's default: kling-v1)"
    )
    cli.add_argument("--mode", choices=["std", "pro"])
    cli.add_argument("--duration", help="seconds, e.g. 5 or 10")
    cli.add_argument("--cfg-scale", type=float)
    cli.add_argument(
        "--camera",
        action="append",
        default=[],
        metavar="AXIS=N|PRESET",
        help="zoom=5, pan=-3, … or down_back, forward_up, right_turn_forward, left_turn_forward",
    )
    cli.add_argument("--static-mask", metavar="PNG", help="white areas stay still")
    cli.add_argument("--dynamic-mask", action="append", default=[], metavar="PNG")
    cli.add_argument(
        "--path",
        action="append",
        nargs="+",
        default=[],
        metavar="X,Y",
        help="the path of the preceding --dynamic-mask, two or more points",
    )
    cli.add_argument("--sound", choices=["on", "off"])
    cli.add_argument("--external-id", help="your own id for the task (unique per account)")
    cli.add_argument(
        "--out", default="kling-output", help="folder for the video (default: %(default)s)"
    )
    return cli


def request_from(args: argparse.Namespace) -> Image2VideoRequest:
    return Image2VideoRequest(
        image=args.image,
        image_tail=args.tail,
        prompt=args.prompt,
        negative_prompt=args.negative_prompt,
        model_name=args.model,
        mode=args.mode,
        duration=args.duration,
        cfg_scale=args.cfg_scale,
        camera_control=parse_camera(args.camera) if args.camera else None,
        static_mask=args.static_mask,
        dynamic_masks=[
            DynamicMask(mask=mask, trajectories=path)
            for mask, path in pair_masks_and_paths(args.dynamic_mask, args.path)
        ],
        sound=args.sound,
        external_task_id=args.external_id,
    )


async def generate(client: AsyncKlingClient, args: argparse.Namespace, console: Console) -> int:
    request = request_from(args)
    prepared = await client.prepare(request)
    for note in prepared.notes:
        console.print(f"[dim]note: {note}[/dim]")
    for warning in prepared.warnings:
        console.print(f"[yellow]warning: {warning}[/yellow]")
    task = await client.create(
        prepared, notify=lambda text: console.print(f"[dim]{text}[/dim]"), directory=args.out
    )
    console.print(f"task {task.task_id} (external id {task.external_task_id or '-'})")
    finished = await follow(client, task, console)
    saved = await client.download(finished, Path(args.out))
    console.print(
        f"saved {saved.video} (task {finished.task_id}, units {finished.final_unit_deduction})"
    )
    print(saved.video)
    return 0


def id_parser(prog: str, about: str) -> argparse.ArgumentParser:
    cli = argparse.ArgumentParser(prog=f"kling-studio {prog}", description=about)
    cli.add_argument("id", help="task id or external task id")
    cli.add_argument("--kind", choices=KINDS, default=TaskKind.IMAGE2VIDEO.value)
    return cli


def status_parser() -> argparse.ArgumentParser:
    return id_parser("status", "Show one task's status as JSON.")


def download_parser() -> argparse.ArgumentParser:
    cli = id_parser("download", "Download a finished task's videos and its JSON sidecar.")
    cli.add_argument("--out", default="kling-output")
    return cli


def list_parser() -> argparse.ArgumentParser:
    cli = argparse.ArgumentParser(prog="kling-studio list", description="List the account's tasks.")
    cli.add_argument("--kind", choices=KINDS, default=TaskKind.IMAGE2VIDEO.value)
    cli.add_argument("--limit", type=int, default=30)
    return cli


def task_summary(task: Task) -> dict[str, object]:
    return {
        "task_id": task.task_id,
        "external_task_id": task.external_task_id,
        "status": task.task_status,
        "message": task.task_status_msg or None,
        "units": task.final_unit_deduction,
        "videos": [video.url for video in task.videos],
        "created_at": task.created_at,
        "updated_at": task.updated_at,
    }


async def status(client: AsyncKlingClient, args: argparse.Namespace, console: Console) -> int:
    task = await client.get(args.id, kind=args.kind)
    print(json.dumps(task_summary(task), indent=2))
    return 0


async def download(client: AsyncKlingClient, args: argparse.Namespace, console: Console) -> int:
    task = await client.get(args.id, kind=args.kind)
    saved = await client.download(task, Path(args.out))
    print(saved.video)
    return 0


async def list_tasks(client: AsyncKlingClient, args: argparse.Namespace, console: Console) -> int:
    table = Table("task id", "external id", "status", "units", "created")
    shown = 0
    async for task in client.list(kind=args.kind, page_size=min(args.limit, 500)):
        table.add_row(
            task.task_id,
            task.external_task_id or "",
            task.task_status,
            task.final_unit_deduction or "",
            str(task.created_at or ""),
        )
        shown += 1
        if shown >= args.limit:
            break
    Console().print(table)
    return 0
