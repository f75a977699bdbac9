"""Where kling-studio keeps what must outlive a kernel: the task journal, the emulator's tasks.

One per-user folder (``platformdirs``), or ``KLING_STUDIO_HOME`` to move it (tests, a shared
project folder, a machine with a small home directory).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final

HOME_VARIABLE: Final = "KLING_STUDIO_HOME"


def data_home() -> Path:
    """The data folder, created on first use."""
    chosen = os.environ.get(HOME_VARIABLE)
    if not chosen:
        import platformdirs  # 30 ms of import, for the one folder name

        chosen = platformdirs.user_data_dir("kling-studio")
    home = Path(chosen).expanduser()
    home.mkdir(parents=True, exist_ok=True)
    return home
