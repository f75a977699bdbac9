"""Planned faults: error codes, slow answers, dropped connections, proxy pages, redirects."""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest

from kling_studio.emulator import FAULT_KINDS, Emulator, FaultPlan

from .helpers import AUTH, finished, image

QUICK = {"model_name": "kling-v3", "duration": "3", "image": image()}


@pytest.mark.parametrize(
    ("kind", "status", "message"),
    [
        ("5000", 500, "Internal server error"),
        ("5001", 503, "Service temporarily unavailable, please try again later"),
        ("5002", 504, "Server internal timeout, please try again later"),
        ("1302", 429, "The API request is too fast, please slow down"),
        ("1303", 429, "parallel task over resource pack limit"),
        ("1102", 429, "Resource pack exhausted or expired"),
    ],
)
@pytest.mark.parametrize("prefix", ["/v1", "/kling/v1"])
async def test_error_code_faults(
    emulator: Emulator,
    client: httpx.AsyncClient,
    kind: str,
    status: int,
    message: str,
    prefix: str,
) -> None:
    emulator.faults.add(kind, endpoint="create", times=1, retry_after=3)
    response = await client.post(f"{prefix}/videos/image2video", json=QUICK)
    assert response.status_code == status
    body = response.json()
    assert body["code"] == int(kind)
    assert body["message"] == message
    assert body["request_id"]
    assert response.headers["retry-after"] == "3"
    assert emulator.tasks == ()
    assert (await client.post(f"{prefix}/videos/image2video", json=QUICK)).status_code == 200


async def test_faults_target_their_endpoint(emulator: Emulator, client: httpx.AsyncClient) -> None:
    emulator.faults.add("5001", endpoint="query", times=2)
    emulator.faults.add("5000", endpoint="list")
    task_id = (await client.post("/v1/videos/image2video", json=QUICK)).json()["data"]["task_id"]
    path = f"/v1/videos/image2video/{task_id}"
    assert (await client.get(path)).status_code == 503
    assert (await client.get("/v1/videos/image2video")).status_code == 500
    assert (await client.get(path)).status_code == 503
    assert (await client.get(path)).status_code == 200
    assert "retry-after" not in (await client.get(path)).headers
    assert emulator.faults.rules == ()


async def test_auth_comes_before_faults(emulator: Emulator) -> None:
    emulator.faults.add("5000")
    async with httpx.AsyncClient(transport=emulator.transport(), base_url=emulator.base_url) as c:
        assert (await c.get("/v1/videos/image2video")).json()["code"] == 1001
    assert len(emulator.faults.rules) == 1


async def test_slow(emulator: Emulator, client: httpx.AsyncClient) -> None:
    emulator.faults.add("slow", endpoint="list", delay=0.3)
    started = time.monotonic()
    response = await client.get("/v1/videos/image2video")
    assert time.monotonic() - started >= 0.3
    assert response.json()["code"] == 0


async def test_drop_after_create_leaves_exactly_one_task(
    emulator: Emulator, client: httpx.AsyncClient
) -> None:
    emulator.faults.add("drop_after_create", endpoint="create")
    body = {**QUICK, "external_task_id": "paid-once"}
    with pytest.raises(httpx.RemoteProtocolError):
        await client.post("/v1/videos/image2video", json=body)
    assert len(emulator.tasks) == 1
    found = await client.get("/v1/videos/image2video/paid-once")
    assert found.json()["data"]["task_id"] == emulator.tasks[0].task_id
    retry = await client.post("/v1/videos/image2video", json=body)
    assert retry.json()["code"] == 1201
    assert len(emulator.tasks) == 1
    assert (await finished(client, "/v1/videos/image2video/paid-once"))["task_status"] == "succeed"


async def test_html_proxy_page(emulator: Emulator, client: httpx.AsyncClient) -> None:
    emulator.faults.add("html")
    response = await client.get("/kling/v1/videos/image2video")
    assert response.status_code == 502
    assert response.headers["content-type"].startswith("text/html")
    assert "<h1>502 Bad Gateway</h1>" in response.text


async def test_redirect(emulator: Emulator, client: httpx.AsyncClient) -> None:
    emulator.faults.add("redirect", endpoint="create")
    response = await client.post("/kling/v1/videos/image2video", json=QUICK)
    assert response.status_code == 301
    assert response.headers["location"] == "/"
    assert emulator.tasks == ()


def test_probabilistic_faults_are_seeded() -> None:
    def pattern(seed: int) -> list[bool]:
        plan = FaultPlan(seed)
        plan.add("1302", probability=0.3)
        return [plan.draw("query") is not None for _ in range(200)]

    assert pattern(3) == pattern(3)
    assert pattern(3) != pattern(4)
    assert 30 < sum(pattern(3)) < 90


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kind": "teapot"}, "unknown fault kind"),
        ({"kind": "1000"}, "unknown fault kind"),
        ({"kind": "5000", "endpoint": "upload"}, "endpoint must be one of"),
        ({"kind": "5000", "times": 1, "probability": 0.5}, "not both"),
        ({"kind": "5000", "probability": 2}, r"probability must be in \[0, 1\]"),
        ({"kind": "5000", "times": 0}, "times must be >= 1"),
    ],
)
def test_fault_rules_are_checked(kwargs: dict[str, Any], message: str) -> None:
    kind = kwargs.pop("kind")
    with pytest.raises(ValueError, match=message):
        FaultPlan().add(kind, **kwargs)


def test_every_kind_is_listed() -> None:
    assert {"5000", "5001", "5002", "1302", "1303", "slow", "drop_after_create", "html"} <= set(
        FAULT_KINDS
    )
    assert "redirect" in FAULT_KINDS


async def test_admin_endpoint(emulator: Emulator, client: httpx.AsyncClient) -> None:
    added = await client.post(
        "/emulator/faults",
        json=[{"kind": "5001", "endpoint": "create", "times": 1}, {"kind": "slow", "delay": 0}],
    )
    assert added.status_code == 200
    assert [rule["kind"] for rule in added.json()["faults"]] == ["5001", "slow"]
    assert (await client.post("/v1/videos/image2video", json=QUICK)).status_code == 503
    bad = await client.post("/emulator/faults", json={"kind": "nope"})
    assert bad.status_code == 400
    assert bad.json()["code"] == 1201
    assert (await client.delete("/emulator/faults")).json() == {"faults": []}
    health = (await client.get("/emulator/health")).json()
    assert health["status"] == "ok"
    assert health["tasks"] == 0


async def test_admin_needs_auth_off_loopback(emulator: Emulator) -> None:
    remote = httpx.ASGITransport(app=emulator.app, client=("203.0.113.9", 4000))
    async with httpx.AsyncClient(transport=remote, base_url=emulator.base_url) as client:
        refused = await client.post("/emulator/faults", json={"kind": "5000"})
        assert refused.status_code == 401
        assert refused.json()["code"] == 1001
        allowed = await client.post("/emulator/faults", json={"kind": "5000"}, headers=AUTH)
        assert allowed.status_code == 200
    assert len(emulator.faults.rules) == 1
