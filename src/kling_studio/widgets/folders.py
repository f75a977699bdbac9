"""A fresh folder for each sweep, so a new sweep never writes among an earlier one's files."""

from __future__ import annotations

import secrets
import time
from pathlib import Path

ATTEMPTS = 20


def sweep_folder_name(now: float | None = None) -> str:
    """``20250314-093015-a3f9``: when it began (local time), and four hex digits apart."""
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(time.time() if now is None else now))
    return f"{stamp}-{secrets.token_hex(2)}"


def claim_folder(root: Path, preferred: Path | None = None) -> Path:
    """Create a new sweep folder under ``root`` exclusively: ``preferred`` when it is still free,
    else a fresh name. A folder that already exists is never reused."""
    root.mkdir(parents=True, exist_ok=True)
    candidates = [preferred] if preferred is not None else []
    candidates += [root / sweep_folder_name() for _ in range(ATTEMPTS)]
    for candidate in candidates:
        try:
            candidate.mkdir()
        except FileExistsError:
            continue
        return candidate
    raise FileExistsError(f"{root}: no free sweep folder name after {ATTEMPTS} tries")
