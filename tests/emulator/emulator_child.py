"""An emulator in a process of its own (a second kernel), driven line by line by a test.

Run as ``python emulator_child.py '<EmulatorConfig kwargs as JSON>'``. Each stdin line is a JSON
command, each answer one JSON line on stdout:

- ``["create", body]`` → ``{"status": http status, "body": the response}``
- ``["get", ident]`` → the same for a query by task id or external id
- ``["list"]`` → the same for the first page
- ``["pid"]`` → ``{"pid": ...}``

End of input closes the emulator and exits; the test may instead kill the process.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path
from typing import Any

import httpx

from kling_studio.emulator import Emulator, EmulatorConfig
from kling_studio.emulator.config import DEFAULT_API_KEY

PATH = "/v1/videos/image2video"


async def call(emulator: Emulator, method: str, path: str, body: Any = None) -> dict[str, Any]:
    async with httpx.AsyncClient(
        transport=emulator.transport(),
        base_url=emulator.base_url,
        headers={"Authorization": f"Bearer {DEFAULT_API_KEY}"},
    ) as client:
        response = await client.request(method, path, json=body)
        return {"status": response.status_code, "body": response.json()}


def answer(emulator: Emulator, command: list[Any]) -> dict[str, Any]:
    match command:
        case ["create", body]:
            return asyncio.run(call(emulator, "POST", PATH, body))
        case ["get", ident]:
            return asyncio.run(call(emulator, "GET", f"{PATH}/{ident}"))
        case ["list"]:
            return asyncio.run(call(emulator, "GET", PATH))
        case ["pid"]:
            return {"pid": os.getpid()}
    return {"error": f"unknown command {command!r}"}


def main() -> None:
    settings = json.loads(sys.argv[1])
    if settings.get("state_dir"):
        settings["state_dir"] = Path(settings["state_dir"])
    with Emulator(EmulatorConfig(**settings)) as emulator:
        print(json.dumps({"ready": os.getpid()}), flush=True)
        for line in sys.stdin:
            print(json.dumps(answer(emulator, json.loads(line))), flush=True)


if __name__ == "__main__":
    main()
