"""What a widget owns besides its comm: a loop thread and, unless it was handed one, a client.

Closing the widget closes both, so a notebook that makes and closes many widgets does not keep
a thread and a connection pool for each.
"""

from __future__ import annotations

import contextlib
import logging

from kling_studio.api.client import AsyncKlingClient
from kling_studio.api.sync import LoopThread

log = logging.getLogger("kling_studio")


def release(runner: LoopThread, client: AsyncKlingClient | None, *, owned: bool) -> None:
    """Close ``client`` (if the widget made it) on its loop, then stop the loop's thread."""
    if runner.loop.is_closed():
        return
    if owned and client is not None:
        try:
            runner.run(client.aclose())
        except Exception as error:  # closing must not fail the notebook's close
            log.debug("closing a widget's client: %s", error)
    with contextlib.suppress(RuntimeError):
        runner.stop()
