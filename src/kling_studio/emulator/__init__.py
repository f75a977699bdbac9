"""A local Kling-compatible service: validates like the real one, runs the task lifecycle on
the wall clock with durations shortened by ``speed``, keeps tasks in memory or on disk
(``state_dir``), injects faults on request and renders real mp4s. See ``Emulator``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .cli import run_server
    from .clock import VirtualClock
    from .config import EmulatorConfig
    from .emulator import Emulator, TaskInfo
    from .faults import FAULT_KINDS, FaultPlan, FaultRule
    from .lifecycle import Status
    from .transport import EmulatorTransport

_LAZY: dict[str, str] = {
    "run_server": ".cli",
    "VirtualClock": ".clock",
    "EmulatorConfig": ".config",
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


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'kling_studio.emulator' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


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
