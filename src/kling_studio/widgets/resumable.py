"""Journal entries as the Studio's resume offer shows them: ids, what was asked, when, the
estimate — and nothing that names the service's address. Pure."""

from __future__ import annotations

from kling_studio.api.journal import JournalEntry

from .contract import ResumableTask

PROMPT_SHOWN = 80
"""Characters of the prompt shown in the offer (the journal keeps it whole)."""


def _short(text: str, limit: int = PROMPT_SHOWN) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else f"{text[: limit - 1]}…"


def resumable_json(entry: JournalEntry, *, since: float) -> ResumableTask:
    """``since``: when the Studio was made; entries filed before it came from earlier sessions."""
    return {
        "external_id": entry.external_id,
        "task_id": entry.task_id,
        "status": entry.status,
        "model": entry.model,
        "mode": entry.mode,
        "duration": entry.duration,
        "prompt": _short(entry.prompt),
        "created_at": round(entry.created_at, 3),
        "estimate": entry.estimate,
        "earlier": entry.created_at < since,
    }
