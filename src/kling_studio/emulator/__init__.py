"""A local Kling-compatible service: validates like the real one, runs the task lifecycle on
the wall clock with durations shortened by ``speed``, keeps tasks in memory or on disk
(``state_dir``), injects faults on request and renders real mp4s. See ``Emulator``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kling_studio._lazy import lazy_names

if TYPE_CHECKING:
    from .cli import run_server
    from .clock import VirtualClock
    from .config import EmulatorConfig
    from .disobey import Disobedience
    from .emulator import Emulator, TaskInfo
    from .faults import FAULT_KINDS, FaultPlan, FaultRule
    from .lifecycle import Status
    from .transport import EmulatorTransport

_LAZY: dict[str, str] = {
    "run_server": ".cli",
    "VirtualClock": ".clock",
    "EmulatorConfig": ".config",
    "Disobedience": ".disobey",
    "Emulator": ".emulator",
    "TaskInfo": ".emulator",
    "FAULT_KINDS": ".faults",
    "FaultPlan": ".faults",
    "FaultRule": ".faults",
    "Status": ".lifecycle",
    "EmulatorTransport": ".transport",
}
"""Public name -> its module, imported on first use (PEP 562): a client that only needs the
clock or the config does not load Starlette, uvicorn, PyAV and numpy."""


__getattr__, __dir__ = lazy_names(__name__, _LAZY, globals())


__all__ = [
    "FAULT_KINDS",
    "Disobedience",
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
