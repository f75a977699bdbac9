"""A failed run as the status shows it: a plain headline, the advice once, and the service's
code and request id on a details line (what support asks for, out of the way of the words).
Pure."""

from __future__ import annotations

from typing import TypedDict

from kling_studio.api.problems import ValidationError


class FailureText(TypedDict):
    message: str
    advice: str
    details: str


def _one_line(text: str) -> str:
    return " ".join(text.split())


def failure_text(error: BaseException) -> FailureText:
    """Headline, advice and details of ``error`` (each said once)."""
    advice = str(getattr(error, "advice", "") or "")
    if isinstance(error, ValidationError):
        headline = str(error).splitlines()[0].rstrip(":")  # the problems are listed apart
    else:
        headline = str(getattr(error, "message", "") or error).splitlines()[0]
        if advice and headline.endswith(f" — {advice}"):
            headline = headline.removesuffix(f" — {advice}")
    facts = (
        ("code", getattr(error, "code", None)),
        ("HTTP", getattr(error, "http_status", None)),
        ("request id", getattr(error, "request_id", None)),
    )
    details = " · ".join(f"{name} {value}" for name, value in facts if value not in (None, ""))
    return {"message": _one_line(headline), "advice": advice, "details": details}
