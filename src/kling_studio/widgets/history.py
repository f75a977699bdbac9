"""One entry of the Studio's history: a saved run with its ids, cost and time. Pure."""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from kling_studio.api.download import Download

from .contract import Run


def run_prompt(summary: Mapping[str, Any]) -> str:
    """What a run was asked for: the shots' prompts when they replaced the prompt (customize
    multi-shot), else the prompt."""
    shots = summary.get("multi_prompt") if summary.get("shot_type") == "customize" else None
    if isinstance(shots, list) and shots:
        return f"{len(shots)} shots: " + " / ".join(str(s.get("prompt", "")) for s in shots)
    return str(summary.get("prompt") or "")


def run_entry(
    saved: Download,
    summary: Mapping[str, Any],
    *,
    seconds: float,
    external_id: str | None,
    resumed: bool = False,
    restorable: bool = False,
) -> Run:
    """``summary`` is the request's media-free summary; only its plain values are kept."""
    return {
        "prompt": run_prompt(summary),
        "finished_at": time.time(),
        "restorable": restorable,
        "id": saved.task.task_id,
        "task_id": saved.task.task_id,
        "external_id": external_id,
        "resumed": resumed,
        "path": str(saved.video),
        "sidecar": str(saved.sidecar),
        "units": saved.task.final_unit_deduction,
        "seconds": round(seconds, 1),
        "params": {k: v for k, v in summary.items() if not isinstance(v, dict | list)},
        "motion": None,
    }
