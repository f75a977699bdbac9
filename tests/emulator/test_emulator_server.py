"""The emulator behind a real socket: a thread for tests, and the standalone command."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pytest

from kling_studio.emulator import Emulator

from .helpers import AUTH, FAST, image

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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


async def test_standalone_command() -> None:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "kling_studio.emulator", "--port", str(port), "--speed", "100"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        url = f"http://127.0.0.1:{port}"
        async with httpx.AsyncClient(base_url=url, headers=AUTH) as client:
            deadline = time.monotonic() + 20
            while True:
                try:
                    health = await client.get("/emulator/health")
                    break
                except httpx.TransportError:
                    assert process.poll() is None, "the server exited"
                    assert time.monotonic() < deadline, "the server did not start"
                    await asyncio.sleep(0.05)
            assert health.json()["speed"] == 100
            listed = await client.get("/v1/videos/image2video")
            assert listed.json()["code"] == 0
    finally:
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=20)
    log = output.decode()
    assert process.returncode == 0, log
    assert "GET /v1/videos/image2video 200" in log
    assert "kling-studio-emulator" not in log
