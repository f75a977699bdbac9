"""The kill test: client processes killed with SIGKILL at every stage of a paid task, then
``kling-studio resume``; the emulator's tasks, the journal and the files on disk must agree.

The emulator runs as its own server process (a real socket). Each round starts a client process
(the library's ``generate``, polling on the emulator's time scale so a round takes seconds, not
the minutes a real task's poll schedule expects) and kills it at one stage:

- before the POST: at a random moment while the process starts and prepares the request, or
  (every other time) just after the journal filed the create, while the emulator is slow to
  read it (a ``slow`` fault), so the create never lands;
- between the POST and its answer: the emulator makes the task but holds the answer (a
  ``slow_answer`` fault), and the client dies while its journal still says "sending";
- while waiting: once the journal has the task id and the task is queued or processing;
- while downloading: the emulator serves the video slowly, and the client dies once the task
  has succeeded but before its files are recorded.

Once every task on the service has ended, one ``kling-studio resume`` runs (the real command,
on the real clock), and the script counts: tasks lost (on the service, not
saved), tasks created twice (on the service under an id the journal never filed), videos saved
more or fewer times than once, videos that do not decode.

    .venv/bin/python bench/kill.py            # 20 kills (5 per stage)
    .venv/bin/python bench/kill.py --kills 8

``tests/test_resume.py`` runs the same harness with one kill per stage.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import av

from kling_studio.api.journal import JOURNAL_FILE, Journal, JournalEntry
from kling_studio.emulator.config import DEFAULT_API_KEY
from kling_studio.samples import landscape

STAGES = (
    "before the POST",
    "between the POST and its answer",
    "while waiting",
    "while downloading",
)
DEADLINE = 60.0
"""Real seconds any one awaited condition may take before the round is declared broken."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(condition: Callable[[], object], what: str, deadline: float = DEADLINE) -> object:
    """Poll ``condition`` until it returns something truthy; fail loudly after ``deadline``."""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        value = condition()
        if value:
            return value
        time.sleep(0.01)
    raise TimeoutError(f"waited {deadline:.0f} s for {what}")


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "kling_studio.cli", *args]


CLIENT = """
import asyncio, sys
from kling_studio import AsyncKlingClient, Image2VideoRequest
from kling_studio.api.connection import Connection
from kling_studio.api.providers import Provider
from kling_studio.emulator.clock import VirtualClock

async def main() -> None:
    image, prompt, speed, out = sys.argv[1:5]
    connection = Connection(Provider.from_env(), clock=VirtualClock(float(speed)))
    request = Image2VideoRequest(image=image, prompt=prompt, model_name="kling-v1")
    async with AsyncKlingClient(connection=connection) as client:
        await client.generate(request, out)

asyncio.run(main())
"""


@dataclass
class Harness:
    """One emulator server, one data home, one output folder."""

    root: Path
    speed: float = 30.0
    port: int = field(default_factory=free_port)
    server: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def out(self) -> Path:
        return self.root / "videos"

    @property
    def env(self) -> dict[str, str]:
        keep = {k: v for k, v in os.environ.items() if not k.startswith(("KLING_", "COMETAPI"))}
        return {
            **keep,
            "KLING_BASE_URL": self.base_url,
            "KLING_API_KEY": DEFAULT_API_KEY,
            "KLING_STUDIO_HOME": str(self.root / "home"),
        }

    @property
    def journal(self) -> Journal:
        return Journal(self.root / "home" / JOURNAL_FILE)

    def start(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        self.server = subprocess.Popen(
            cli("emulator", "--port", str(self.port), "--speed", str(self.speed)),
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(self._healthy, "the emulator server to answer")
        landscape().save(self.root / "start.png")

    def stop(self) -> None:
        if self.server is not None:
            self.server.terminate()
            self.server.wait(timeout=30)

    def _healthy(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.base_url}/emulator/health", timeout=2):
                return True
        except OSError:
            return False

    def fault(self, rule: dict[str, object] | None) -> None:
        method, body = ("POST", json.dumps(rule).encode()) if rule else ("DELETE", None)
        call = urllib.request.Request(f"{self.base_url}/emulator/faults", body, method=method)
        with urllib.request.urlopen(call, timeout=10):
            pass

    def service_tasks(self) -> list[dict[str, object]]:
        """Every task on the emulator, through its list endpoint, as a real client sees it."""
        call = urllib.request.Request(
            f"{self.base_url}/v1/videos/image2video?pageNum=1&pageSize=500",
            headers={"Authorization": f"Bearer {DEFAULT_API_KEY}"},
        )
        with urllib.request.urlopen(call, timeout=10) as answer:
            return list(json.loads(answer.read())["data"])

    def external_ids(self) -> set[str]:
        return {(t.get("task_info") or {}).get("external_task_id") for t in self.service_tasks()}

    def all_ended(self) -> bool:
        return all(t["task_status"] in ("succeed", "failed") for t in self.service_tasks())

    def entries(self) -> list[JournalEntry]:
        path = self.root / "home" / JOURNAL_FILE
        return self.journal.entries() if path.exists() else []

    def generate(self, prompt: str) -> subprocess.Popen[bytes]:
        image = str(self.root / "start.png")
        return subprocess.Popen(
            [sys.executable, "-c", CLIENT, image, prompt, str(self.speed), str(self.out)],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def resume(self) -> int:
        done = subprocess.run(
            cli("resume"), env=self.env, capture_output=True, timeout=600, check=False
        )
        return done.returncode


def _entry_for(harness: Harness, prompt: str) -> Callable[[], JournalEntry | None]:
    def find() -> JournalEntry | None:
        return next((e for e in harness.entries() if e.prompt == prompt), None)

    return find


def kill_round(harness: Harness, stage: str, index: int, rng: random.Random) -> str:
    """Run one client and kill it at ``stage``; returns what the journal held at the kill."""
    prompt = f"kill round {index}"
    entry = _entry_for(harness, prompt)
    rules: dict[str, dict[str, object] | None] = {
        "before the POST": None,
        "between the POST and its answer": {
            "kind": "slow_answer",
            "endpoint": "create",
            "delay": 5.0,
        },
        "while waiting": None,
        "while downloading": {"kind": "slow", "endpoint": "file", "delay": 3.0},
    }
    at_filing = stage == STAGES[0] and (index // len(STAGES)) % 2 == 1
    if at_filing:
        rules[stage] = {"kind": "slow", "endpoint": "create", "delay": 5.0}
    harness.fault(None)
    if rules[stage]:
        harness.fault(rules[stage])
    process = harness.generate(prompt)
    try:
        if at_filing:
            wait_for(entry, "the create to be filed")
        elif stage == "before the POST":
            time.sleep(rng.uniform(0.0, 1.5))  # the random moment itself, not a synchronisation
        elif stage == "between the POST and its answer":
            wait_for(
                lambda: (e := entry()) and e.external_id in harness.external_ids(),
                "the create to land on the service",
            )
        elif stage == "while waiting":
            wait_for(
                lambda: (e := entry()) and e.task_id and e.status in ("submitted", "processing"),
                "the task to be queued",
            )
        else:
            wait_for(lambda: (e := entry()) and e.status == "succeed", "the task to succeed")
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    harness.fault(None)
    found = entry()
    if found is None:
        return "nothing filed"
    return found.status + (" (no task id)" if found.task_id is None else "")


def playable(path: Path) -> bool:
    try:
        with av.open(str(path)) as container:
            return sum(1 for _ in container.decode(video=0)) > 0
    except (av.FFmpegError, OSError):
        return False


@dataclass(frozen=True)
class Verdict:
    """The journal, the service and the disk compared after the resume."""

    kills: int
    at_kill: dict[str, int]
    service_tasks: int
    lost: int
    created_twice: int
    saved_not_once: int
    unplayable: int
    not_created: int
    resume_exit: int
    disagreements: list[str]


def verdict(harness: Harness, at_kill: list[str], resume_exit: int) -> Verdict:
    tasks = harness.service_tasks()
    entries = {e.external_id: e for e in harness.entries()}
    by_task = {e.task_id: e for e in entries.values() if e.task_id}
    videos = list(harness.out.glob("*.mp4")) if harness.out.exists() else []
    disagreements = []
    lost = created_twice = saved_not_once = unplayable = 0
    for task in tasks:
        task_id = str(task["task_id"])
        external = (task.get("task_info") or {}).get("external_task_id")
        entry = by_task.get(task_id)
        if external not in entries:
            created_twice += 1
            disagreements.append(f"task {task_id}: external id {external!r} not in the journal")
            continue
        if entry is None or entry.status != task["task_status"]:
            disagreements.append(
                f"task {task_id}: service says {task['task_status']}, journal {entry}"
            )
        files = [p for p in videos if p.name.startswith(task_id)]
        if task["task_status"] == "succeed":
            if not files:
                lost += 1
            elif len(files) != 1:
                saved_not_once += 1
            unplayable += sum(not playable(p) for p in files)
        elif task["task_status"] != "failed":
            lost += 1
    on_service = {(t.get("task_info") or {}).get("external_task_id") for t in tasks}
    not_created = 0
    for entry in entries.values():
        if entry.status == "not_created":
            not_created += 1
            if entry.external_id in on_service:
                disagreements.append(f"{entry.external_id}: journal says never created")
        elif entry.external_id not in on_service:
            disagreements.append(
                f"{entry.external_id}: in the journal ({entry.status}), not on the service"
            )
        if entry.pending:
            disagreements.append(f"{entry.external_id}: still pending after the resume")
    counted: dict[str, int] = {}
    for state in at_kill:
        counted[state] = counted.get(state, 0) + 1
    return Verdict(
        kills=len(at_kill),
        at_kill=counted,
        service_tasks=len(tasks),
        lost=lost,
        created_twice=created_twice,
        saved_not_once=saved_not_once,
        unplayable=unplayable,
        not_created=not_created,
        resume_exit=resume_exit,
        disagreements=disagreements,
    )


def run(
    root: Path, kills: int, seed: int = 0, speed: float = 30.0
) -> tuple[Verdict, list[tuple[str, str]]]:
    harness = Harness(root, speed=speed)
    harness.start()
    rng = random.Random(seed)
    rounds: list[tuple[str, str]] = []
    try:
        for index in range(kills):
            stage = STAGES[index % len(STAGES)]
            rounds.append((stage, kill_round(harness, stage, index, rng)))
        wait_for(harness.all_ended, "every task on the service to end")
        exit_code = harness.resume()
        return verdict(harness, [state for _, state in rounds], exit_code), rounds
    finally:
        harness.stop()


def main() -> None:
    cli_args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    cli_args.add_argument("--kills", type=int, default=20)
    cli_args.add_argument("--seed", type=int, default=0)
    options = cli_args.parse_args()
    with tempfile.TemporaryDirectory(prefix="kling-kill-") as folder:
        began = time.monotonic()
        result, rounds = run(Path(folder), options.kills, options.seed)
        seconds = time.monotonic() - began
    held = result.service_tasks
    print(f"\n{result.kills} kills in {seconds:.0f} s; the emulator holds {held} tasks\n")
    print("| stage | kills | journal at the kill |")
    print("|---|---:|---|")
    for stage in STAGES:
        states = [state for s, state in rounds if s == stage]
        summary = ", ".join(f"{states.count(x)}× {x}" for x in sorted(set(states)))
        print(f"| {stage} | {len(states)} | {summary} |")
    print()
    print("| measure | value |")
    print("|---|---:|")
    for name, value in (
        ("tasks on the service", result.service_tasks),
        ("creates that never landed (journal: not_created)", result.not_created),
        ("tasks lost (on the service, not saved)", result.lost),
        ("tasks created twice", result.created_twice),
        ("videos saved other than once", result.saved_not_once),
        ("videos that do not decode", result.unplayable),
        ("journal / service disagreements", len(result.disagreements)),
        ("`kling-studio resume` exit status", result.resume_exit),
    ):
        print(f"| {name} | {value} |")
    for line in result.disagreements:
        print(f"- {line}")


if __name__ == "__main__":
    main()
