"""Each saved result's motion check, run without delaying the video: the run joins the history
and plays, its report says "measuring", and the scores replace it when the analysis (in a worker
thread, never on the kernel's event loop) is done.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from kling_studio.api.client import AsyncKlingClient
from kling_studio.api.download import Download
from kling_studio.motion.check import failed_report, measuring_report
from kling_studio.motion.intent import MotionIntent

from .contract import MotionCheck

log = logging.getLogger(__name__)

Report = Callable[[MotionCheck], None]


async def measure_saved(
    client: AsyncKlingClient, saved: Download, intent: MotionIntent, report: Report
) -> MotionCheck:
    """Say "measuring" at once, then the report (or why it could not be made)."""
    report(measuring_report(intent))
    try:
        done = await client.check_motion(saved, intent)
    except asyncio.CancelledError:
        raise
    except Exception as error:
        log.exception("motion check of %s failed", saved.video.name)
        done = failed_report(intent, f"{type(error).__name__}: {error}")
    result = done if done is not None else failed_report(intent, "nothing to measure")
    report(result)
    return result
