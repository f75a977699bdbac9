"""Who renders a task, and whether that renderer is gone.

A task kept on disk names the emulator responsible for its render as ``"<pid>:<token>"``. The
render is orphaned when that process has died (a restarted kernel), or when it is this process
but the emulator is closed or does not know the render; the next emulator to see the task then
claims it and renders it again.
"""

from __future__ import annotations

import os
import secrets
import sys
import threading
import weakref


class Owner:
    """One emulator's name in the task table and the renders it is responsible for."""

    def __init__(self) -> None:
        self.name = f"{os.getpid()}:{secrets.token_hex(8)}"
        self._lock = threading.Lock()
        self._held: set[str] = set()
        _LIVE[self.name] = self

    def hold(self, task_id: str) -> bool:
        """Mark a render as ours before anyone else could see it unowned; False when it already
        is (another thread of this emulator is taking it over)."""
        with self._lock:
            if task_id in self._held:
                return False
            self._held.add(task_id)
            return True

    def drop(self, task_id: str) -> None:
        with self._lock:
            self._held.discard(task_id)

    def holds(self, task_id: str) -> bool:
        with self._lock:
            return task_id in self._held

    def retire(self) -> None:
        """The emulator is closing: its unfinished renders become orphans."""
        _LIVE.pop(self.name, None)


_LIVE: weakref.WeakValueDictionary[str, Owner] = weakref.WeakValueDictionary()
"""The owners alive in this process."""


def orphaned(owner: str | None, task_id: str) -> bool:
    """Whether nobody alive is rendering ``task_id`` for ``owner``."""
    if owner is None:
        return True
    pid_text, _, _ = owner.partition(":")
    try:
        pid = int(pid_text)
    except ValueError:
        return True
    if pid != os.getpid():
        return not pid_alive(pid)
    live = _LIVE.get(owner)
    return live is None or not live.holds(task_id)


if sys.platform == "win32":  # pragma: no cover - signal 0 would be CTRL_C_EVENT there
    import ctypes

    _STILL_ACTIVE = 259
    _QUERY_LIMITED_INFORMATION = 0x1000
    _ACCESS_DENIED = 5

    def pid_alive(pid: int) -> bool:
        kernel = ctypes.WinDLL("kernel32", use_last_error=True)
        handle = kernel.OpenProcess(_QUERY_LIMITED_INFORMATION, False, pid)
        if not handle:
            return ctypes.get_last_error() == _ACCESS_DENIED
        code = ctypes.c_ulong()
        try:
            return bool(kernel.GetExitCodeProcess(handle, ctypes.byref(code))) and (
                code.value == _STILL_ACTIVE
            )
        finally:
            kernel.CloseHandle(handle)

else:

    def pid_alive(pid: int) -> bool:
        """Signal 0 checks existence without touching the process."""
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True
