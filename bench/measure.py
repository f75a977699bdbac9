"""What the benchmark scripts share: reading this process's memory from /proc."""

from __future__ import annotations

from pathlib import Path


def proc_status(key: str) -> float | None:
    """A VmRSS/VmHWM figure in MB, or None without /proc."""
    try:
        lines = Path("/proc/self/status").read_text().splitlines()
    except OSError:
        return None
    value = next(line.split()[1] for line in lines if line.startswith(key + ":"))
    return int(value) / 1024
