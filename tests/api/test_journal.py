"""The task journal: filed before sending, resumable after, never mixing tasks up, spend approved.

Real SQLite files, the emulator over real httpx (in-process ASGI), real processes for the
concurrent-writer case.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import httpx
import pytest

from kling_studio import AsyncKlingClient, Image2VideoRequest
from kling_studio.api import client as client_module
from kling_studio.api.budget import BUDGET_VARIABLE, BudgetExceeded
from kling_studio.api.client import ForeignTaskError
from kling_studio.api.connection import Connection
from kling_studio.api.errors import ServerError
from kling_studio.api.journal import (
    NOT_CREATED,
    SENDING,
    Journal,
    Planned,
    ProviderRef,
    default_journal,
)
from kling_studio.api.ledger import ledger
from kling_studio.api.retry import RetryPolicy
from kling_studio.embedded import emulator_connection
from kling_studio.emulator import Emulator, EmulatorConfig
from kling_studio.samples import landscape

FAST_RETRY = RetryPolicy(base=0.5, max_delay=2.0, slot_max_delay=2.0)


def request(**changes) -> Image2VideoRequest:
    fields = {"model_name": "kling-v1", "mode": "std", "duration": "5", "prompt": "a lake"}
    return Image2VideoRequest(image=landscape(), **{**fields, **changes})


class Recording(httpx.AsyncBaseTransport):
    """Passes requests on, and runs ``on_post`` when a create goes out."""

    def __init__(self, inner: httpx.AsyncBaseTransport, on_post=None) -> None:
        self.inner = inner
        self.on_post = on_post
        self.posts = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "POST":
            self.posts += 1
            if self.on_post is not None:
                self.on_post(json.loads(request.content))
        return await self.inner.handle_async_request(request)


def client_on(emulator, transport=None, **options) -> AsyncKlingClient:
    base = emulator_connection(emulator)
    connection = Connection(
        base.provider,
        transport=transport or base.transport,
        clock=base.clock,
        emulated=True,
        keepalive=emulator,
    )
    return AsyncKlingClient(connection=connection, **{"retry": FAST_RETRY, **options})


async def test_the_create_is_filed_before_the_request_is_sent(fast_emulator):
    seen = []

    def check(body):
        entry = default_journal().by_external_id(client.provider_ref, body["external_task_id"])
        seen.append(entry)

    transport = Recording(fast_emulator.transport(), on_post=check)
    async with client_on(fast_emulator, transport) as client:
        task = await client.create(request())
    assert seen and seen[0] is not None and seen[0].status == SENDING
    assert seen[0].task_id is None and seen[0].estimate == 1
    filed = default_journal().by_task_id(client.provider_ref, task.task_id)
    assert filed is not None and filed.status == "submitted"
    assert len(json.dumps(dict(filed.summary))) < 2000, "media stays out of the journal"


async def test_the_journal_keeps_no_credential(fast_emulator, home):
    async with client_on(fast_emulator) as client:
        await client.create(request())
    raw = (home / "journal.sqlite3").read_bytes()
    for secret in client.provider.auth.secrets():
        assert secret.encode() not in raw


async def test_status_units_and_files_are_recorded(fast_emulator, tmp_path):
    async with client_on(fast_emulator) as client:
        saved = await client.generate(request(), tmp_path)
        entry = default_journal().by_task_id(client.provider_ref, saved.task.task_id)
        statuses = [s for s, _ in default_journal().events(client.provider_ref, entry.external_id)]
    assert statuses[0] == SENDING and statuses[-1] == "succeed"
    assert entry.charged == 1 and not entry.units_estimated
    assert entry.expires_at == pytest.approx(time.time() + 30 * 86400, abs=120)
    assert {Path(f).name for f in entry.files} == {
        f"{saved.task.task_id}.mp4",
        f"{saved.task.task_id}.json",
    }
    assert not entry.pending


async def test_a_task_left_running_is_pending_and_resumes_once(fast_emulator, tmp_path):
    async with client_on(fast_emulator) as first:
        task = await first.create(request(), directory=tmp_path / "videos")
    async with client_on(fast_emulator) as later:  # as a new kernel would
        pending = later.pending()
        assert [e.task_id for e in pending] == [task.task_id]
        results = await later.resume()
        assert [r.outcome.startswith("saved") for r in results] == [True]
        assert results[0].download.video == tmp_path / "videos" / f"{task.task_id}.mp4"
        assert later.pending() == []
        assert await later.resume() == []
        again = await later.download(await later.get(task.task_id), tmp_path / "videos")
    assert again.video == results[0].download.video
    assert sorted(p.name for p in (tmp_path / "videos").iterdir()) == [
        f"{task.task_id}.json",
        f"{task.task_id}.mp4",
    ]


async def test_a_create_never_answered_is_found_by_external_id(fast_emulator, tmp_path):
    fast_emulator.faults.add("drop_after_create", endpoint="create")
    fast_emulator.faults.add("5001", endpoint="query")  # and the look-up after it fails too
    async with client_on(fast_emulator, retry=RetryPolicy(attempts=1)) as client:
        with pytest.raises(ServerError):
            await client.create(request(), directory=tmp_path)
        [entry] = client.pending()
        assert entry.task_id is None and entry.status == SENDING
        [result] = await client.resume()
    assert result.download is not None
    assert len(fast_emulator.tasks) == 1
    assert fast_emulator.tasks[0].external_task_id == entry.external_id


async def test_a_create_that_never_landed_is_closed_at_no_cost(fast_emulator, tmp_path):
    journal = default_journal()
    async with client_on(fast_emulator) as client:
        journal.begin(
            Planned(
                client.provider_ref,
                "ks-never-sent",
                "image2video",
                "h",
                {},
                "kling-v1",
                "std",
                "5",
                1.0,
            )
        )
        [result] = await client.resume(tmp_path)
    assert result.download is None and result.error is None
    entry = journal.by_external_id(client.provider_ref, "ks-never-sent")
    assert entry.status == NOT_CREATED and entry.units == 0
    assert fast_emulator.tasks == ()


async def test_a_lookup_that_finds_an_earlier_task_refuses_it(fast_emulator, tmp_path, monkeypatch):
    async with client_on(fast_emulator) as before:
        earlier = await before.create(request(prompt="an earlier video", external_task_id="demo"))
    monkeypatch.setattr(client_module, "FOREIGN_TASK_MARGIN_MS", 0)
    fast_emulator.faults.add("5000", endpoint="create")
    elsewhere = Journal(tmp_path / "another-machine.sqlite3")  # its journal never saw "demo"
    async with client_on(fast_emulator, journal=elsewhere) as client:
        with pytest.raises(
            ForeignTaskError, match=rf"'demo' belongs to an earlier task {earlier.task_id}"
        ):
            await client.create(request(prompt="a different video", external_task_id="demo"))
    assert len(fast_emulator.tasks) == 1


async def test_over_budget_nothing_is_sent_unless_approved(fast_emulator):
    transport = Recording(fast_emulator.transport())
    async with client_on(fast_emulator, transport, budget_units=1.5) as client:
        await client.create(request())  # 1 unit
        with pytest.raises(BudgetExceeded, match=r"about 1 unit; 1 of today's budget of 1.5"):
            await client.create(request(prompt="a second one"))
        assert transport.posts == 1
        assert client.spent_today() == 1
        await client.create(request(prompt="a second one"), allow_over_budget=True)
    assert transport.posts == 2 and len(fast_emulator.tasks) == 2


async def test_the_budget_comes_from_the_environment(fast_emulator, monkeypatch):
    monkeypatch.setenv(BUDGET_VARIABLE, "0.5")
    transport = Recording(fast_emulator.transport())
    async with client_on(fast_emulator, transport) as client:
        assert client.budget_units == 0.5
        with pytest.raises(BudgetExceeded):
            await client.create(request())
    assert transport.posts == 0


def test_emulated_and_real_spend_are_counted_apart(tmp_path):
    journal = Journal(tmp_path / "j.sqlite3")
    for emulated, ident in ((True, "a"), (False, "b"), (False, "c")):
        ref = ProviderRef("kling", "h", "/v1", emulated)
        journal.begin(Planned(ref, ident, "image2video", ident, {}, "kling-v1", "pro", "5", 3.5))
    since = time.time() - 60
    assert journal.spent(since=since, emulated=False) == 7
    assert journal.spent(since=since, emulated=True) == 3.5
    book = ledger(journal.entries())
    assert book.totals["real"].units == 7 and book.totals["real"].estimated == 7
    assert book.totals["emulated"].tasks == 1


WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from kling_studio.api.journal import Journal, Planned, ProviderRef
    journal = Journal(Path(sys.argv[1]))
    ref = ProviderRef("kling", "host", "/v1", False)
    for n in range(int(sys.argv[3])):
        ident = f"{sys.argv[2]}-{n}"
        journal.begin(Planned(ref, ident, "image2video", ident, {}, "kling-v1", "std", "5", 1.0))
    """
)


def test_several_processes_write_at_once(tmp_path):
    path = tmp_path / "shared.sqlite3"
    Journal(path)
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(path), f"w{n}", "150"])
        for n in range(3)
    ]
    assert [w.wait(timeout=120) for w in writers] == [0, 0, 0]
    entries = Journal(path).entries()
    assert len(entries) == 450
    assert len({e.external_id for e in entries}) == 450


HOLDS = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from kling_studio.api.journal import Journal, Planned, ProviderRef
    ref = ProviderRef("custom", "emulator.kling-studio.local", "/v1", True)
    Journal(Path(sys.argv[1])).begin(
        Planned(ref, "ks-in-flight", "image2video", "h", {}, "kling-v1", "std", "5", 1.0)
    )
    print("filed", flush=True)
    sys.stdin.read()  # still "sending" while this process lives
    """
)


async def test_a_create_another_live_process_is_sending_is_left_to_it(fast_emulator, home):
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDS, str(home / "journal.sqlite3")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "filed"
        async with client_on(fast_emulator) as client:
            [result] = await client.resume()
            assert "still being sent by process" in result.outcome
            assert client.pending()[0].status == SENDING, "not closed as never created"
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    async with client_on(fast_emulator) as client:  # its process has ended: now it can be settled
        [result] = await client.resume()
    assert result.download is None and result.error is None
    assert client.pending() == []


async def test_a_task_the_service_no_longer_has_stops_being_offered(fast_emulator, tmp_path):
    async with client_on(fast_emulator) as client:
        task = await client.create(request())
    fast_emulator.close()  # an emulator without state: its tasks are gone with it
    with Emulator(EmulatorConfig(speed=100)) as fresh:
        async with client_on(fresh) as client:
            [result] = await client.resume(tmp_path)
            assert f"task {task.task_id} no longer exists" in result.outcome
            assert client.pending() == []
            entry = default_journal().by_task_id(client.provider_ref, task.task_id)
    assert entry.status == "gone"


async def test_an_unknown_price_never_slips_under_the_budget(fast_emulator):
    transport = Recording(fast_emulator.transport())
    async with client_on(fast_emulator, transport, budget_units=100, strict=False) as client:
        with pytest.raises(BudgetExceeded, match="an unknown number of units"):
            await client.create(request(model_name="kling-v9-unlisted"))
    assert transport.posts == 0


async def test_an_external_id_that_never_landed_can_be_used_again(fast_emulator):
    fast_emulator.faults.add("1102", endpoint="create")  # balance: refused, nothing created
    async with client_on(fast_emulator) as client:
        with pytest.raises(Exception, match="1102"):
            await client.create(request(external_task_id="mine"))
        task = await client.create(request(external_task_id="mine", prompt="another try"))
    assert task.external_task_id == "mine"


async def test_webhook_tokens_stay_out_of_the_journal(fast_emulator):
    url = "http://127.0.0.1:9/hook?token=sk-webhook-secret"
    async with client_on(fast_emulator) as client:
        task = await client.create(request(callback_url=url))
        entry = default_journal().by_task_id(client.provider_ref, task.task_id)
    assert entry.summary["callback_url"] == "http://127.0.0.1:9/hook"
    assert "sk-webhook-secret" not in json.dumps(dict(entry.summary))
