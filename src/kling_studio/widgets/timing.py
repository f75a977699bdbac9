"""The status line's figures in real seconds, always, and the words for each phase.

Events already speak real seconds (``StatusEvent``), whatever the client's clock. Figures come
from the last poll and keep moving between polls (a poll every few seconds must not freeze the
line), and they never contradict each other: what is shown as queued plus processing never
exceeds the time elapsed since Generate. Pure.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final, TypedDict

from kling_studio.api.client import StatusEvent

PHASE_WORDS: Final[Mapping[str, str]] = {
    "submitted": "waiting in Kling's queue",
    "processing": "Kling is making the video",
    "succeed": "Kling has finished; saving the video",
    "failed": "Kling could not make the video",
}
"""The message line when a task's status changes (until something newer is said)."""


class Times(TypedDict):
    elapsed: float
    queued_for: float
    processing_for: float | None
    eta: float | None


def live_times(elapsed: float, event: StatusEvent | None, *, seen_ago: float) -> Times:
    """Real seconds since Generate, in the queue, processing, and probably left.

    ``event`` is the last poll's observation, ``seen_ago`` real seconds old.
    """
    if event is None:
        return {"elapsed": elapsed, "queued_for": elapsed, "processing_for": None, "eta": None}
    queued, processing, eta = event.queued_for, event.processing_for, event.eta
    if not event.task.done:
        if processing is None:
            queued += seen_ago
        else:
            processing += seen_ago
            eta = None if eta is None else max(0.0, eta - seen_ago)
    queued = min(queued, elapsed)
    if processing is not None:
        processing = min(processing, elapsed - queued)
    return {
        "elapsed": round(elapsed, 1),
        "queued_for": round(queued, 1),
        "processing_for": None if processing is None else round(processing, 1),
        "eta": None if eta is None else round(eta, 1),
    }
