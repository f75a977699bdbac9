"""The Studio's words for money matters: stopping a wait, refusing to go over the budget.

Kling bills every accepted task and has no cancel, so each says what happens to the task and how
to pick it up again.
"""

from __future__ import annotations

from typing import Final

RESUME_HOW: Final = "pick it up with studio.resume(), the Resume button, or `kling-studio resume`"


def stopped_message(
    task_id: str | None, external_id: str | None, *, sent: bool, finished: bool = False
) -> str:
    """What Stop waiting did, for the task it left behind (``finished``: only its video was
    still to be saved)."""
    if not sent:
        return "Stopped before the request was sent: nothing was created or billed."
    if finished and task_id:
        return (
            f"Stopped before the video was saved: task {task_id} is done and billed; {RESUME_HOW}."
        )
    if task_id:
        what = f"task {task_id}"
    else:
        what = f"the request sent as {external_id} (if it reached Kling)"
    return f"Stopped waiting. Kling has no cancel: {what} still runs and is billed; {RESUME_HOW}."


def over_budget_message(error: BaseException) -> str:
    """The refusal, and the explicit way past it."""
    reason = " ".join(str(error).split())
    return (
        f"{reason}. Click Generate again to confirm, or call "
        "studio.generate(allow_over_budget=True)."
    )
