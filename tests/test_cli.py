"""The terminal commands, run as a user runs them: separate processes, real exit codes."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import numpy as np
import pytest
from PIL import Image

from kling_studio.cli import main
from kling_studio.cli.arguments import ArgumentError, parse_camera, parse_point
from kling_studio.emulator import Emulator, EmulatorConfig
from kling_studio.samples import boat_mask, landscape


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_cli(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None):
    environment = {**os.environ, "KLING_STUDIO_EMULATOR_SPEED": "200", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "kling_studio.cli", *args],
        capture_output=True,
        text=True,
        env=environment,
        cwd=cwd,
        timeout=120,
    )


@pytest.fixture
def pictures(tmp_path: Path) -> dict[str, Path]:
    paths = {"image": tmp_path / "scene.jpg", "mask": tmp_path / "boat.png"}
    landscape(640, 360).save(paths["image"])
    Image.fromarray(boat_mask(640, 360).astype(np.uint8) * 255).save(paths["mask"])
    return paths


def test_help_lists_every_command(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for name in ("generate", "status", "list", "download", "emulator"):
        assert name in out


def test_unknown_command_is_one_clear_line_and_exit_2(capsys):
    assert main(["bogus"]) == 2
    assert "unknown command 'bogus'" in capsys.readouterr().err


def test_argument_languages():
    assert parse_point("12,34.5") == (12.0, 34.5)
    assert parse_camera(["zoom=-5"]).config.zoom == -5
    assert parse_camera(["down_back"]).type == "down_back"
    for bad in (["zoom=fast"], ["spin=2"], ["sideways"], ["down_back", "zoom=1"]):
        with pytest.raises(ArgumentError, match="--camera"):
            parse_camera(bad)
    with pytest.raises(ArgumentError, match="x,y"):
        parse_point("12")


def test_generate_with_the_motion_brush(pictures, tmp_path):
    done = run_cli(
        "generate",
        str(pictures["image"]),
        "--model",
        "kling-v1",
        "--prompt",
        "the boat sails",
        "--dynamic-mask",
        str(pictures["mask"]),
        "--path",
        "190,270",
        "400,300",
        "--out",
        str(tmp_path / "out"),
        "--external-id",
        "cli-boat",
    )
    assert done.returncode == 0, done.stderr
    video = Path(done.stdout.strip().splitlines()[-1])
    assert video.exists() and video.suffix == ".mp4"
    sidecar = json.loads(video.with_suffix(".json").read_text())
    assert sidecar["external_task_id"] == "cli-boat" and sidecar["task_id"] in video.name
    assert sidecar["request"]["dynamic_masks"][0]["trajectories"] == [
        {"x": 190, "y": 359 - 270},
        {"x": 400, "y": 359 - 300},
    ]
    assert "succeed" in done.stderr  # the progress display ends on the final status


def test_generate_refuses_a_bad_request_in_one_line(pictures):
    done = run_cli(
        "generate",
        str(pictures["image"]),
        "--model",
        "kling-v1-5",
        "--mode",
        "pro",
        "--camera",
        "zoom=5",
        "--camera",
        "pan=2",
    )
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len([line for line in lines if line.startswith("kling-studio generate:")]) == 1
    assert "camera_control.config" in lines[-1]
    assert "nothing was sent" in lines[-1]


def test_unpaired_path_is_a_usage_error(pictures):
    done = run_cli("generate", str(pictures["image"]), "--path", "1,1", "5,5")
    assert done.returncode == 2
    assert "come in pairs" in done.stderr


def test_status_of_an_unknown_task_says_so_in_one_line():
    done = run_cli("status", "no-such-task")
    assert done.returncode == 1
    assert "task no-such-task does not exist" in done.stderr.strip().splitlines()[-1]


def test_commands_share_tasks_through_a_standalone_emulator(pictures, tmp_path):
    with Emulator(EmulatorConfig(speed=200, seed=3)) as emulator:
        url = emulator.start_in_thread()
        env = {"KLING_BASE_URL": url, "KLING_API_KEY": "kling-studio-emulator"}
        made = run_cli(
            "generate",
            str(pictures["image"]),
            "--model",
            "kling-v2-1",
            "--external-id",
            "shared-1",
            "--out",
            str(tmp_path / "a"),
            env=env,
        )
        assert made.returncode == 0, made.stderr
        status = run_cli("status", "shared-1", env=env)
        assert json.loads(status.stdout)["status"] == "succeed"
        listed = run_cli("list", env=env)
        assert "shared-1" in listed.stdout
        fetched = run_cli("download", "shared-1", "--out", str(tmp_path / "b"), env=env)
        assert fetched.returncode == 0, fetched.stderr
        [first], [second] = (list((tmp_path / d).glob("*.mp4")) for d in ("a", "b"))
        assert first.name == second.name and first.read_bytes() == second.read_bytes()
        emulator.stop_server()


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


CREATE_AND_LEAVE = """
import sys
from kling_studio import Image2VideoRequest, KlingClient
from kling_studio.samples import landscape
client = KlingClient()
task = client.create(Image2VideoRequest(image=landscape(640, 360), prompt="left behind"),
                     directory=sys.argv[1])
print(task.task_id)
"""


def test_tasks_resume_and_spend_pick_up_what_a_dead_process_left(tmp_path):
    made = subprocess.run(
        [sys.executable, "-c", CREATE_AND_LEAVE, str(tmp_path / "videos")],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "KLING_STUDIO_EMULATOR_SPEED": "200"},
    )
    assert made.returncode == 0, made.stderr
    task_id = made.stdout.strip().splitlines()[-1]

    pending = json.loads(run_cli("tasks", "--json").stdout)
    assert [(t["task_id"], t["pending"], t["emulated"]) for t in pending] == [(task_id, True, True)]

    other_service = {"KLING_BASE_URL": "http://127.0.0.1:9", "KLING_API_KEY": "another-key"}
    elsewhere = run_cli("resume", env=other_service)
    assert elsewhere.returncode == 1, "a paid task pending elsewhere is not 'nothing to resume'"
    assert "other services: 1 on custom:emulator.kling-studio.local/v1" in elsewhere.stderr

    resumed = run_cli("resume")
    assert resumed.returncode == 0, resumed.stderr
    video = Path(resumed.stdout.strip().splitlines()[-1])
    assert video == tmp_path / "videos" / f"{task_id}.mp4" and video.stat().st_size > 0
    assert json.loads(run_cli("tasks", "--json").stdout) == []
    assert "nothing to resume" in run_cli("resume").stderr

    [entry] = json.loads(run_cli("tasks", "--all", "--json").stdout)
    assert entry["status"] == "succeed" and str(video) in entry["files"]
    ledger = json.loads(run_cli("spend", "--json").stdout)
    assert ledger["totals"] == {
        "emulated": {"tasks": 1, "units": 1.0, "charged": 1.0, "estimated": 0.0}
    }
    assert ledger["models"][0] | {"tasks": 1} == {
        "model": "kling-v1",
        "mode": "std",
        "scope": "emulated",
        "tasks": 1,
        "units": 1.0,
        "charged": 1.0,
        "estimated": 0.0,
    }
    assert run_cli("spend", "--since", "yesterday").returncode == 2
