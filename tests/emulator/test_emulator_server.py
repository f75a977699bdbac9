"""The emulator behind a real socket: a thread for tests, and the standalone command."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from kling_studio.emulator import Emulator

from .helpers import AUTH, FAST, image, token

QUICK = {"model_name": "kling-v3", "duration": "3", "image": image(), "external_task_id": "net"}


@pytest.fixture
def served() -> Iterator[tuple[Emulator, str]]:
    with Emulator(FAST) as emulator:
        url = emulator.start_in_thread()
        yield emulator, url


async def test_over_a_real_socket(served: tuple[Emulator, str]) -> None:
    emulator, url = served
    assert url.startswith("http://127.0.0.1:")
    async with httpx.AsyncClient(base_url=url, headers=AUTH) as client:
        created = await client.post("/kling/v1/videos/image2video", json=QUICK)
        assert created.json()["data"]["task_status"] == "submitted"
        deadline = time.monotonic() + 20
        while True:
            data = (await client.get("/v1/videos/image2video/net")).json()["data"]
            if data["task_status"] == "succeed":
                break
            assert time.monotonic() < deadline
            await emulator.clock.sleep(50)
        video_url = data["task_result"]["videos"][0]["url"]
        assert video_url.startswith(f"{url}/emulator/files/")
        video = await client.get(video_url, headers={})
        assert video.status_code == 200
        assert video.content[4:8] == b"ftyp"
        unknown = await client.get("/v1/nothing")
        assert (unknown.status_code, unknown.json()["code"]) == (404, 1203)


async def test_faults_over_a_real_socket(served: tuple[Emulator, str]) -> None:
    emulator, url = served
    emulator.faults.add("drop_after_create", endpoint="create")
    emulator.faults.add("html", endpoint="list")
    async with httpx.AsyncClient(base_url=url, headers=AUTH) as client:
        with pytest.raises(httpx.RemoteProtocolError):
            await client.post("/v1/videos/image2video", json=QUICK)
        assert len(emulator.tasks) == 1
        page = await client.get("/v1/videos/image2video")
        assert page.status_code == 502
        assert "Bad Gateway" in page.text
        found = await client.get("/v1/videos/image2video/net")
        assert found.json()["data"]["task_id"] == emulator.tasks[0].task_id


class Standalone:
    """``python -m kling_studio.emulator`` on a port the OS picks: the URL is read from the
    block it prints on start (within a deadline); its log goes to a file."""

    def __init__(self, argv: list[str], env: dict[str, str], log: Path) -> None:
        self.log = log
        self._log_file = log.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kling_studio.emulator", "--port", "0", *argv],
            stdout=subprocess.PIPE,
            stderr=self._log_file,
            text=True,
            env={**os.environ, **env, "PYTHONUNBUFFERED": "1"},
        )
        self._lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.block = self._block()
        self.url = self.block[0].split()[3]

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._lines.put(line.rstrip("\n"))

    def _block(self, timeout: float = 30.0) -> list[str]:
        """The lines printed on start, up to the last one ("Other clients: ...")."""
        deadline, lines = time.monotonic() + timeout, []
        while not lines or not lines[-1].startswith("Other clients"):
            try:
                lines.append(self._lines.get(timeout=max(0.0, deadline - time.monotonic())))
            except queue.Empty:
                raise AssertionError(f"no start block within {timeout}s: {lines}") from None
        return lines

    def stop(self) -> str:
        """Ctrl-C, then the exit status checked and the log returned."""
        self.process.send_signal(signal.SIGINT)
        self.process.wait(timeout=20)
        self._log_file.close()
        log = self.log.read_text()
        assert self.process.returncode == 0, log
        return log


async def test_standalone_command(tmp_path: Path) -> None:
    server = Standalone(["--speed", "100"], {}, tmp_path / "log")
    try:
        assert server.url.startswith("http://127.0.0.1:")
        async with httpx.AsyncClient(base_url=server.url, headers=AUTH) as client:
            health = await client.get("/emulator/health")
            assert health.json()["speed"] == 100
            listed = await client.get("/v1/videos/image2video")
            assert listed.json()["code"] == 0
    finally:
        log = server.stop()
    assert "GET /v1/videos/image2video 200" in log
    assert "kling-studio-emulator" not in log, "the request log never carries a credential"


async def test_standalone_command_prints_its_url_and_the_credentials_it_takes(
    tmp_path: Path,
) -> None:
    argv = ["--api-key", "cli-key", "--access-key", "cli-ak", "--secret-key", "cli-sk"]
    env = {"KLING_STUDIO_EMULATOR_API_KEY": "env-key"}
    server = Standalone(argv, env, tmp_path / "log")
    try:
        block = "\n".join(server.block)
        assert "bearer key           cli-key" in block
        assert "access / secret key  cli-ak / cli-sk" in block
        assert f"KLING_BASE_URL={server.url} KLING_API_KEY=cli-key" in block
        assert "env-key" not in block, "flags win over the environment"
        signed = token("cli-ak", "cli-sk", exp=1800, nbf=-5)
        answers = {}
        async with httpx.AsyncClient(base_url=server.url) as client:
            for name, credential in (("key", "cli-key"), ("env", "env-key"), ("jwt", signed)):
                response = await client.get(
                    "/v1/videos/image2video", headers={"Authorization": f"Bearer {credential}"}
                )
                answers[name] = response.json()["code"]
        assert answers == {"key": 0, "env": 1000, "jwt": 0}
    finally:
        log = server.stop()
    assert "cli-key" not in log and "cli-sk" not in log
