"""The terminal command: the emulator serves on a loopback port and answers like Kling."""

from __future__ import annotations

import socket
import subprocess
import sys
import time

import httpx

from kling_studio.cli import main


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_help_lists_the_emulator(capsys):
    assert main(["--help"]) == 0
    assert "emulator" in capsys.readouterr().out


def test_unknown_command_is_one_clear_line_and_exit_2(capsys):
    assert main(["bogus"]) == 2
    assert "unknown command 'bogus'" in capsys.readouterr().err


def test_emulator_command_serves_kling_envelopes_on_loopback():
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kling_studio.cli",
            "emulator",
            "--port",
            str(port),
            "--speed",
            "50",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/v1/videos/image2video/1", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the emulator did not start within 30 s"
                time.sleep(0.1)
        assert answer.status_code == 401
        assert answer.json()["code"] == 1001
    finally:
        server.terminate()
        server.wait(timeout=10)
