"""Task and video ids, from the operating system's randomness and never from the seed.

Kling's ids are globally unique; a seeded source would repeat them in every process (and, with
tasks kept on disk, collide with the tasks of an earlier run).
"""

from __future__ import annotations

import secrets
import uuid
from typing import Final

TASK_ID_LOW: Final = 10**17
TASK_ID_SPAN: Final = 9 * 10**17
"""18-digit numeric strings, like Kling's (e.g. ``"826178466451906644"``)."""


def new_task_id() -> str:
    return str(TASK_ID_LOW + secrets.randbelow(TASK_ID_SPAN))


def new_video_id() -> str:
    return str(uuid.uuid4())
