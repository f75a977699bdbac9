"""A local Kling-compatible service: validates like the real one, runs the task lifecycle on
the wall clock with durations shortened by ``speed``, keeps tasks in memory or on disk
(``state_dir``), injects faults on request and renders real mp4s. See ``Emulator``.
"""

from __future__ import annotations

from .cli import run_server
from .clock import VirtualClock
from .config import EmulatorConfig
from .emulator import Emulator, TaskInfo
from .faults import FAULT_KINDS, FaultPlan, FaultRule
from .lifecycle import Status
from .transport import EmulatorTransport

__all__ = [
    "FAULT_KINDS",
    "Emulator",
    "EmulatorConfig",
    "EmulatorTransport",
    "FaultPlan",
    "FaultRule",
    "Status",
    "TaskInfo",
    "VirtualClock",
    "run_server",
]
