"""Emulators in other processes, for what only a second process (or a dead one) can show."""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any, TextIO

CHILD = Path(__file__).with_name("emulator_child.py")
TIMEOUT = 60.0


class Child:
    """``emulator_child.py`` with the given ``EmulatorConfig`` settings; ``call`` sends one
    command and waits (with a deadline) for its answer."""

    def __init__(self, **settings: Any) -> None:
        if "state_dir" in settings:
            settings["state_dir"] = str(settings["state_dir"])
        self.process = subprocess.Popen(
            [sys.executable, str(CHILD), json.dumps(settings)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        self._lines: queue.Queue[str] = queue.Queue()
        assert self.process.stdout is not None
        threading.Thread(target=self._read, args=(self.process.stdout,), daemon=True).start()
        self.pid: int = self._next()["ready"]

    def _read(self, stream: TextIO) -> None:
        for line in stream:
            self._lines.put(line)

    def _next(self) -> dict[str, Any]:
        try:
            line = self._lines.get(timeout=TIMEOUT)
        except queue.Empty:
            raise AssertionError(f"no answer from the child within {TIMEOUT}s") from None
        answer: dict[str, Any] = json.loads(line)
        return answer

    def call(self, *command: Any) -> dict[str, Any]:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(list(command)) + "\n")
        self.process.stdin.flush()
        return self._next()

    def close(self) -> int:
        """End of input: the child closes its emulator and exits."""
        if self.process.poll() is None and self.process.stdin is not None:
            self.process.stdin.close()
        return self.process.wait(TIMEOUT)

    def kill(self) -> None:
        """SIGKILL, as when a kernel is restarted: no cleanup runs."""
        self.process.kill()
        self.process.wait(TIMEOUT)
        if self.process.stdin is not None:
            self.process.stdin.close()
