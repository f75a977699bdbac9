"""``AsyncKlingClient``: create, get, list, watch, wait for and download Kling video tasks.

Guarantees: a request that breaks a rule is never sent; every create is filed in the task
journal before it is sent and carries an ``external_task_id``; after an ambiguous failure the
task is looked up by that id before anything is sent again (zero duplicates), and a task found
that way which cannot be this request's is refused, not returned; a create over the day's budget
is refused before sending; a local timeout or a dead process leaves the task resumable
(``pending()``, ``resume()``).
"""

from __future__ import annotations

import asyncio
import builtins
import logging
import time
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import urlsplit, urlunsplit

import httpx

from .attempts import CreateAttempts
from .budget import budget_from_env
from .capabilities import DEFAULT_DURATION, DEFAULT_MODE, LIMITS
from .clock import Clock
from .connection import Connection, resolve_connection
from .download import Download, add_to_sidecar, download_task
from .errors import (
    ConcurrencyLimitError,
    KlingError,
    NotFoundError,
    TaskFailedError,
    TaskTimeoutError,
    TokenTimingError,
)
from .exchange import Answer, exchange
from .journal import (
    Journal,
    JournalEntry,
    Planned,
    ProviderRef,
    default_journal,
    new_external_id,
    payload_hash,
    start_of_day,
)
from .models import Request, Task, TaskKind, task_from_data
from .polling import DurationKey, DurationStats, PollSchedule
from .prepare import PreparedRequest, fetch_remote_images, motion_fields, prepare_request
from .providers import Provider
from .retry import RetryPolicy
from .sidecar import UNKEPT, Origin, write_sidecar

if TYPE_CHECKING:
    from kling_studio.motion.intent import MotionIntent
    from kling_studio.widgets.contract import MotionCheck

log = logging.getLogger("kling_studio")

DEFAULT_WAIT_SECONDS = 3600.0
DEFAULT_DIRECTORY = "kling-output"
FOREIGN_TASK_MARGIN_MS = 15 * 60_000
"""A task found by external id that the service created this long before we first filed the
create cannot be ours: an earlier task under a reused id. Generous, because it compares our
clock with the service's (a laptop's clock after sleep, or a VM's, can be minutes off); reuse
within this window on one machine is caught earlier, by the journal."""

Notify = Callable[[str], None]


def _retry_note(failure: KlingError, delay: float) -> str:
    """What the person is told while a create waits to be sent again."""
    if isinstance(failure, ConcurrencyLimitError):
        return f"all concurrent task slots are busy; trying again in {delay:.1f} s"
    return f"create failed ({failure}); trying again in {delay:.1f} s"


def finished_or_raise(task: Task) -> Task:
    """The finished task; a failed one (code 0, HTTP 200 on Kling) becomes ``TaskFailedError``."""
    if task.task_status == "failed":
        raise TaskFailedError(task.task_id, task.task_status_msg)
    return task


def without_url_secrets(summary: Mapping[str, Any]) -> dict[str, Any]:
    """The summary as the journal and sidecars keep it: a callback URL without its query or
    user info, where webhook tokens live."""
    url = summary.get("callback_url")
    if not isinstance(url, str):
        return dict(summary)
    parts = urlsplit(url)
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return {**summary, "callback_url": urlunsplit((parts.scheme, netloc, parts.path, "", ""))}


def _as_list(data: object) -> list[Any]:
    return data if isinstance(data, list) else []


class ForeignTaskError(KlingError):
    """A look-up by external id found a task that is not the one this request created."""

    def __init__(self, external_id: str, task: Task, why: str) -> None:
        self.external_id = external_id
        self.task = task
        super().__init__(
            f"external_task_id {external_id!r} belongs to an earlier task {task.task_id} "
            f"({why}), not to this request; it was not returned. Whether this request's own "
            "create landed is unknown: client.pending() lists it, and a new external id avoids "
            "the clash"
        )


@dataclass(frozen=True)
class Resumed:
    """What resuming one journal entry came to."""

    entry: JournalEntry
    download: Download | None = None
    error: KlingError | None = None

    @property
    def outcome(self) -> str:
        if self.error is not None:
            return f"error: {' '.join(str(self.error).split())}"
        if self.download is None:
            return "never created (nothing was charged)"
        return f"saved {self.download.video}"


@dataclass
class Submission:
    """What the client remembers of a task it created: for ETAs, learning and sidecars."""

    kind: TaskKind
    key: DurationKey
    summary: dict[str, Any]
    submitted_at: float
    created_at_ms: int | None
    processing_started: float | None = None
    processing_started_ms: int | None = None
    learned: bool = False
    motion: dict[str, Any] = field(default_factory=dict)
    """The payload's motion fields (masks, paths, camera): what the motion check measures the
    result against."""
    estimate: float | None = None
    filed_at: float | None = None
    """When the create was filed in the journal (wall-clock seconds)."""
    payload: dict[str, Any] | None = None
    """The payload as sent, kept until the first download writes it into a sidecar (with its
    media: megabytes of base64 are not held longer)."""
    unkept: str = ""
    """Why there is no payload, in words (``sidecar.UNKEPT``)."""


@dataclass(frozen=True)
class StatusEvent:
    """One observation of a task while it is being watched. Its seconds are real seconds,
    whatever clock the client runs on (the emulator's runs faster than the wall's)."""

    task: Task
    elapsed: float
    queued_for: float
    processing_for: float | None
    eta: float | None
    polls: int
    changed: bool

    EARLY_PROGRESS: ClassVar[float] = 0.05
    """What a progress bar shows before processing (and so an estimate) has begun."""

    @property
    def status(self) -> str:
        return self.task.task_status

    @property
    def progress(self) -> float:
        """How far along the task probably is (0–1), from processing time and the ETA."""
        if self.task.done:
            return 1.0
        if self.processing_for is None or self.eta is None:
            return self.EARLY_PROGRESS
        done = self.processing_for / max(self.processing_for + self.eta, 1e-9)
        return min(0.95, 0.1 + 0.85 * done)


@dataclass
class _Watch:
    task: Task
    started: float
    polls: int = 0
    last_status: str = ""
    hint: float | None = None
    sub: Submission | None = field(default=None)


class AsyncKlingClient:
    """The async client. Without a provider it reads the environment, else uses the emulator."""

    def __init__(
        self,
        provider: Provider | None = None,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        clock: Clock | None = None,
        connection: Connection | None = None,
        timeout: float = 60.0,
        retry: RetryPolicy | None = None,
        strict: bool = True,
        wait_seconds: float = DEFAULT_WAIT_SECONDS,
        durations: DurationStats | None = None,
        journal: Journal | None = None,
        budget_units: float | None = None,
    ) -> None:
        self.connection = connection or resolve_connection(
            provider, transport=transport, clock=clock
        )
        self.journal = journal or default_journal()
        """Where every create is filed before it is sent (shared by the user's processes)."""
        self.budget_units = budget_from_env() if budget_units is None else budget_units
        """Units that may be spent per day (local time) before a create needs approval."""
        self.retry = retry or RetryPolicy()
        self.strict = strict
        self.wait_seconds = wait_seconds
        self.durations = durations or DurationStats()
        self._timeout = timeout
        self._http: httpx.AsyncClient | None = None
        self._submissions: dict[str, Submission] = {}

    # -- plumbing -------------------------------------------------------------------------

    @property
    def provider(self) -> Provider:
        return self.connection.provider

    @property
    def clock(self) -> Clock:
        return self.connection.clock

    @property
    def is_emulated(self) -> bool:
        return self.connection.emulated

    @property
    def provider_ref(self) -> ProviderRef:
        """This client's service as the journal names it (kind, host, path family)."""
        provider = self.provider
        return ProviderRef.of(
            provider.name, provider.base_url, provider.path_prefix, emulated=self.is_emulated
        )

    def describe(self) -> str:
        return self.connection.describe()

    def __repr__(self) -> str:
        return f"AsyncKlingClient({self.describe()})"

    @property
    def http(self) -> httpx.AsyncClient:
        if self._http is None:
            self._http = httpx.AsyncClient(
                base_url=self.provider.base_url,
                transport=self.connection.transport,
                timeout=self._timeout,
            )
        return self._http

    async def aclose(self) -> None:
        if self._http is not None:
            await self._http.aclose()
            self._http = None

    async def __aenter__(self) -> AsyncKlingClient:
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def _send(
        self,
        method: str,
        endpoint: str,
        *,
        payload: dict[str, Any] | None = None,
        params: dict[str, Any] | None = None,
    ) -> Answer:
        """One exchange, re-signing once if the service says the token's time is off."""
        try:
            return await exchange(
                self.http, self.provider, method, endpoint, payload=payload, params=params
            )
        except TokenTimingError:
            self.provider.auth.invalidate()
            return await exchange(
                self.http, self.provider, method, endpoint, payload=payload, params=params
            )

    async def _query(self, endpoint: str, params: dict[str, Any] | None = None) -> Answer:
        """A GET, retried on every retryable failure (queries are safe to repeat)."""
        attempt = 0
        while True:
            attempt += 1
            try:
                return await self._send("GET", endpoint, params=params)
            except KlingError as error:
                if not error.retryable or attempt >= self.retry.attempts:
                    raise
                retry_after = getattr(error, "retry_after", None)
                delay = self.retry.delay(attempt, retry_after=retry_after)
                log.info("retrying GET %s in %.1f s after: %s", endpoint, delay, error)
                await self.clock.sleep(delay)

    # -- create ---------------------------------------------------------------------------

    async def prepare(self, request: Request, *, strict: bool | None = None) -> PreparedRequest:
        """Validate and encode ``request`` (fetching URL images) without sending it."""
        fetched = await fetch_remote_images(request, self.http)
        return await asyncio.to_thread(
            prepare_request,
            request,
            self.provider.docs,
            strict=self.strict if strict is None else strict,
            fetched=fetched,
        )

    async def create(
        self,
        request: Request | PreparedRequest,
        *,
        notify: Notify | None = None,
        wait_for_slot: bool = True,
        external_id: str | None = None,
        allow_over_budget: bool = False,
        directory: str | Path | None = None,
    ) -> Task:
        """Validate, file in the journal, then submit exactly once; waits for a slot when the
        account is busy.

        ``external_id`` (else the request's, else a fresh one) names the task before it exists;
        a create filed earlier under the same id for the same request is re-attached, never
        sent twice. Over the day's budget it raises ``BudgetExceeded`` unless
        ``allow_over_budget``. ``directory`` is where ``resume()`` saves the video if this
        process does not live to. ``wait_for_slot=False`` lets a 1303 through at once, for
        schedulers that queue locally and learn the account's concurrency from it.
        """
        prepared = request if isinstance(request, PreparedRequest) else await self.prepare(request)
        for warning in prepared.warnings:
            log.warning("%s", warning)
        payload = dict(prepared.payload)
        external_id = external_id or str(payload.get("external_task_id") or "") or new_external_id()
        payload["external_task_id"] = external_id
        summary = {**without_url_secrets(prepared.summary), "external_task_id": external_id}
        model, mode, duration = prepared.duration_key
        planned = Planned(
            provider=self.provider_ref,
            external_id=external_id,
            kind=prepared.kind.value,
            payload_hash=payload_hash(payload),
            summary=summary,
            model=model,
            mode=mode,
            duration=duration,
            estimate=prepared.estimate,
            directory=None if directory is None else str(Path(directory).resolve()),
        )
        say = notify or log.info
        earlier = await asyncio.to_thread(
            self.journal.begin,
            planned,
            budget=self.budget_units,
            allow_over_budget=allow_over_budget,
        )
        filed_ms = int((earlier.created_at if earlier else time.time()) * 1000)
        task = await self._reattach(earlier, prepared.kind, say) if earlier else None
        if task is None:
            slot_wait = self.retry.slot_wait if wait_for_slot else 0.0
            task = await self._submit(prepared.kind, payload, external_id, say, slot_wait, filed_ms)
        await asyncio.to_thread(
            self.journal.record, self.provider_ref, task, external_id=external_id
        )
        self._submissions[task.task_id] = Submission(
            kind=prepared.kind,
            key=prepared.duration_key,
            summary=summary,
            submitted_at=self.clock.now(),
            created_at_ms=task.created_at,
            motion=motion_fields(payload),
            estimate=prepared.estimate,
            filed_at=filed_ms / 1000,
            payload=payload,
        )
        return task

    async def _reattach(self, earlier: JournalEntry, kind: TaskKind, say: Notify) -> Task | None:
        """The task an earlier create of this very request made, if it made one."""
        if earlier.task_id is not None:
            say(f"this request was already created as task {earlier.task_id}; not sending again")
            return await self.get(earlier.task_id, kind=kind)
        found = await self._find(kind, earlier.external_id, int(earlier.created_at * 1000))
        if found is not None:
            say(f"an earlier create of this request landed as task {found.task_id}; not sending")
        return found

    async def _submit(
        self,
        kind: TaskKind,
        payload: dict[str, Any],
        external_id: str,
        notify: Notify,
        slot_wait: float,
        filed_ms: int,
    ) -> Task:
        """POST until it lands, waiting as ``CreateAttempts`` says; after an ambiguous failure,
        every wait ends by looking the create up, so it is never sent twice."""
        attempts = CreateAttempts(self.retry, slot_wait)
        while True:
            try:
                answer = await self._send("POST", kind.endpoint, payload=payload)
                return task_from_data(answer.data, kind)
            except KlingError as error:
                failure = error
            delay = attempts.wait_after(failure)
            if delay is None:
                return await self._give_up(kind, external_id, filed_ms, failure, attempts)
            notify(_retry_note(failure, delay))
            await self.clock.sleep(delay)
            if attempts.ambiguous and (found := await self._find(kind, external_id, filed_ms)):
                notify("the task had been created before the failure; not sending again")
                return found

    async def _give_up(
        self,
        kind: TaskKind,
        external_id: str,
        filed_ms: int,
        failure: KlingError,
        attempts: CreateAttempts,
    ) -> Task:
        """No more tries: the task an ambiguous attempt made after all, else ``failure`` (a
        create that surely never landed is marked so in the journal: nothing to resume)."""
        if attempts.ambiguous:
            if found := await self._find(kind, external_id, filed_ms):
                return found
        else:
            await asyncio.to_thread(
                self.journal.not_created, self.provider_ref, external_id, str(failure)
            )
        failure.add_note(
            f"external_task_id {external_id!r}: if the task was created after all, "
            f"client.get({external_id!r}) finds it"
        )
        raise failure

    async def _find(self, kind: TaskKind, external_id: str, filed_ms: int) -> Task | None:
        """The task filed under ``external_id``, if the service has it and it can be ours."""
        try:
            task = await self.get(external_id, kind=kind)
        except NotFoundError:
            return None
        known = await asyncio.to_thread(self.journal.by_task_id, self.provider_ref, task.task_id)
        if known is not None and known.external_id != external_id:
            raise ForeignTaskError(external_id, task, f"filed as {known.external_id!r}")
        if task.created_at is not None and task.created_at < filed_ms - FOREIGN_TASK_MARGIN_MS:
            when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(task.created_at / 1000))
            raise ForeignTaskError(external_id, task, f"created {when}, before this request")
        return task

    # -- read -----------------------------------------------------------------------------

    async def get(self, task_id: str, *, kind: TaskKind | str | None = None) -> Task:
        """A task by its task id or external task id."""
        resolved = self._kind_of(task_id, kind)
        answer = await self._query(f"{resolved.endpoint}/{task_id}")
        return task_from_data(answer.data, resolved)

    async def list(
        self,
        *,
        kind: TaskKind | str = TaskKind.IMAGE2VIDEO,
        page_size: int = 30,
        max_pages: int | None = None,
    ) -> AsyncIterator[Task]:
        """Every task of the account, newest first, fetched page by page as iterated."""
        resolved = TaskKind(kind)
        if not 1 <= page_size <= LIMITS.max_page_size:
            raise ValueError(f"page_size: must be 1 to {LIMITS.max_page_size} (got {page_size})")
        last_page = (
            LIMITS.max_page_num if max_pages is None else min(max_pages, LIMITS.max_page_num)
        )
        previous: list[str] = []
        for page in range(1, last_page + 1):
            answer = await self._query(resolved.endpoint, {"pageNum": page, "pageSize": page_size})
            tasks = [task_from_data(item, resolved) for item in _as_list(answer.data)]
            ids = [task.task_id for task in tasks]
            if ids and ids == previous:
                return  # a server that ignores pageNum would repeat itself forever
            previous = ids
            for task in tasks:
                yield task
            if len(tasks) < page_size:
                return

    def _kind_of(self, task_id: str, kind: TaskKind | str | None) -> TaskKind:
        if kind is not None:
            return TaskKind(kind)
        known = self._submissions.get(task_id)
        return known.kind if known else TaskKind.IMAGE2VIDEO

    # -- follow ---------------------------------------------------------------------------

    async def watch(
        self, task: Task | str, *, kind: TaskKind | str | None = None, timeout: float | None = None
    ) -> AsyncIterator[StatusEvent]:
        """Status events until the task ends; raises ``TaskTimeoutError`` when time runs out."""
        current = task if isinstance(task, Task) else await self.get(task, kind=kind)
        sub = self._submissions.get(current.task_id)
        state = _Watch(current, started=sub.submitted_at if sub else self.clock.now(), sub=sub)
        limit = self.wait_seconds if timeout is None else timeout
        began = self.clock.now()
        deadline = began + limit
        while True:
            event = self._event(state)
            if event.changed or state.task.done:
                await asyncio.to_thread(self.journal.record, self.provider_ref, state.task)
            yield event
            if state.task.done:
                return
            remaining = deadline - self.clock.now()
            if remaining <= 0:
                waited = self.clock.now() - began
                raise TaskTimeoutError(
                    state.task.task_id, waited, state.task.task_status, state.task.kind.value
                )
            processing = event.processing_for
            delay = self._schedule(state).next_delay(  # on the clock's own seconds
                state.task.task_status,
                None if processing is None else self.clock.from_server(processing),
                server_hint=state.hint,
            )
            await self.clock.sleep(min(delay, remaining))
            answer = await self._query(f"{state.task.kind.endpoint}/{state.task.task_id}")
            state.task = task_from_data(answer.data, state.task.kind)
            state.hint = answer.retry_after
            state.polls += 1

    def _schedule(self, state: _Watch) -> PollSchedule:
        key = state.sub.key if state.sub else ("", DEFAULT_MODE, DEFAULT_DURATION)
        expected, spread = self.durations.estimate(key)
        return PollSchedule(expected=expected, spread=spread)

    def _note_processing_start(self, sub: Submission, task: Task, now: float) -> None:
        """The first time a task is seen processing, date its start from the server's own
        timestamps (wall-clock ms, in this client's seconds: the emulator's clock runs faster),
        so a late poll does not shorten the processing time."""
        if task.task_status != "processing" or sub.processing_started is not None:
            return
        offset = (
            self.clock.from_server((task.updated_at - sub.created_at_ms) / 1000)
            if task.updated_at and sub.created_at_ms
            else now - sub.submitted_at
        )
        sub.processing_started = sub.submitted_at + max(offset, 0.0)
        sub.processing_started_ms = task.updated_at

    def _learn_duration(self, sub: Submission, task: Task) -> None:
        """Once per succeeded task: how long it processed, so later ETAs and polls fit."""
        if sub.learned or not task.succeeded or not sub.processing_started_ms:
            return
        if not task.updated_at:
            return
        span = self.clock.from_server((task.updated_at - sub.processing_started_ms) / 1000)
        self.durations.observe(sub.key, span)
        sub.learned = True

    def _event(self, state: _Watch) -> StatusEvent:
        """The latest poll as an event. Updates what the watch and its submission know (last
        status, processing start) and what the client has learned (durations) on the way."""
        task, sub, now = state.task, state.sub, self.clock.now()
        changed = task.task_status != state.last_status
        state.last_status = task.task_status
        if sub is not None:
            self._note_processing_start(sub, task, now)
            self._learn_duration(sub, task)
            if task.task_status == "failed":
                sub.payload = None  # nothing will be saved, so nothing will record it
        started = sub.processing_started if sub else None
        processing_for = now - started if started is not None and not task.done else None
        queued_for = (started if started is not None else now) - state.started
        eta = None
        if sub is not None and not task.done:
            expected, _ = self.durations.estimate(sub.key)
            eta = max(expected - (processing_for or 0.0), 0.0)
        real = self.clock.from_server(1.0)  # the clock's seconds per real second
        return StatusEvent(
            task=task,
            elapsed=(now - state.started) / real,
            queued_for=queued_for / real,
            processing_for=None if processing_for is None else processing_for / real,
            eta=None if eta is None else eta / real,
            polls=state.polls,
            changed=changed,
        )

    async def wait(
        self,
        task: Task | str,
        *,
        kind: TaskKind | str | None = None,
        timeout: float | None = None,
        on_event: Callable[[StatusEvent], None] | None = None,
    ) -> Task:
        """The finished task; raises ``TaskFailedError`` for a failed one."""
        last: Task | None = None
        async for event in self.watch(task, kind=kind, timeout=timeout):
            last = event.task
            if on_event is not None:
                on_event(event)
        assert last is not None
        return finished_or_raise(last)

    async def download(
        self, task: Task, directory: str | Path = DEFAULT_DIRECTORY, *, watermarked: bool = True
    ) -> Download:
        """Save the task's videos with a JSON sidecar, once per folder: files are named by task
        id, never replace an existing file, and a task already saved there is not fetched again."""
        ref = self.provider_ref

        async def save_record(target: Path, videos: Sequence[Path], marked: Sequence[Path]) -> Path:
            return await self.save_record(task, videos, target, watermarked=marked)

        result = await download_task(
            task,
            Path(directory),
            transport=self.connection.transport,
            save_record=save_record,
            watermarked=watermarked,
            timeout=self._timeout,
        )
        await asyncio.to_thread(
            self.journal.downloaded,
            ref,
            task.task_id,
            Path(directory).resolve(),
            [p.resolve() for p in result.files],
        )
        return result

    async def save_record(
        self,
        task: Task,
        videos: Sequence[Path],
        target: Path,
        *,
        watermarked: Sequence[Path] = (),
        extra: Mapping[str, Any] | None = None,
    ) -> Path:
        """Write the sidecar of ``task``'s saved ``videos`` at ``target`` (or a free variant):
        the whole request (``api.sidecar``'s layout), its pictures and masks in ``media/``
        beside it while this client still keeps the payload, which it drops after this first
        record. ``extra`` keys go around the record (a sweep's cell row)."""
        sub = self._submissions.get(task.task_id)
        entry = (
            None
            if sub is not None
            else await asyncio.to_thread(self.journal.by_task_id, self.provider_ref, task.task_id)
        )
        origin = self._origin(task, sub, entry)
        written = await asyncio.to_thread(
            write_sidecar, target, task, origin, videos, watermarked, extra
        )
        if sub is not None and sub.payload is not None:
            sub.payload = None
            sub.unkept = UNKEPT["downloaded"].format(sidecar=written)
        return written

    def _origin(self, task: Task, sub: Submission | None, entry: JournalEntry | None) -> Origin:
        """How ``task`` was asked for, from what this client remembers, else the journal."""
        key = sub.key if sub else (entry.model, entry.mode, entry.duration) if entry else None
        summary = sub.summary if sub else (dict(entry.summary) if entry else None)
        return Origin(
            provider=self.provider.describe(),
            provider_kind=self.connection.kind,
            emulated=self.is_emulated,
            route=self.provider.path(task.kind.endpoint),
            key=key,
            estimate=sub.estimate if sub else (entry.estimate if entry else None),
            summary=summary,
            payload=sub.payload if sub else None,
            why=sub.unkept if sub else UNKEPT["foreign"],
            filed_at=sub.filed_at if sub else (entry.created_at if entry else None),
            processing_started_ms=sub.processing_started_ms if sub else None,
        )

    # -- resume ---------------------------------------------------------------------------

    def pending(self) -> builtins.list[JournalEntry]:
        """Tasks of this provider the journal holds unfinished, unanswered or not yet saved —
        from this process or any earlier one."""
        return self.journal.pending(self.provider_ref)

    def spent_today(self) -> float:
        """Units spent today (charged, else estimated), real and emulated tasks counted apart."""
        return self.journal.spent(since=start_of_day(), emulated=self.is_emulated)

    async def resume_one(
        self,
        entry: JournalEntry,
        directory: str | Path | None = None,
        *,
        on_event: Callable[[StatusEvent], None] | None = None,
        timeout: float | None = None,
    ) -> Download | None:
        """Re-attach to one journal entry: find it (by external id if its create was never
        answered), wait, and save it once. None when the create never reached the service."""
        kind = TaskKind(entry.kind)
        if entry.held_elsewhere:
            raise KlingError(
                f"the create filed as {entry.external_id!r} is still being sent by process "
                f"{entry.holder}; it is resumable once that process has its answer or has ended"
            )
        task: Task | str
        if entry.task_id is None:
            try:
                found = await self._find(kind, entry.external_id, int(entry.created_at * 1000))
            except ForeignTaskError as error:  # the id was taken: this create was refused
                found = None
                entry_reason = str(error)
            else:
                entry_reason = (
                    "no task under this external id: the create never reached the service"
                )
            if found is None:
                await asyncio.to_thread(
                    self.journal.not_created, self.provider_ref, entry.external_id, entry_reason
                )
                return None
            await asyncio.to_thread(
                self.journal.record, self.provider_ref, found, external_id=entry.external_id
            )
            task = found
        else:
            try:
                task = await self.get(entry.task_id, kind=kind)
            except NotFoundError as error:
                await asyncio.to_thread(
                    self.journal.gone, self.provider_ref, entry.task_id, str(error)
                )
                raise KlingError(
                    f"task {entry.task_id} no longer exists on the service (results are deleted "
                    "after 30 days); it is no longer offered for resuming"
                ) from None
        task_id = task.task_id
        self._submissions.setdefault(
            task_id,
            Submission(
                kind=kind,
                key=(entry.model, entry.mode, entry.duration),
                summary=dict(entry.summary),
                submitted_at=self.clock.now(),
                created_at_ms=None,
                estimate=entry.estimate,
                filed_at=entry.created_at,
                unkept=UNKEPT["resumed"],
            ),
        )
        finished = await self.wait(task, kind=kind, timeout=timeout, on_event=on_event)
        return await self.download(finished, directory or entry.directory or DEFAULT_DIRECTORY)

    async def resume(
        self,
        directory: str | Path | None = None,
        *,
        on_event: Callable[[StatusEvent], None] | None = None,
        timeout: float | None = None,
    ) -> builtins.list[Resumed]:
        """Resume every pending task of this provider at once; one ``Resumed`` each."""
        entries = await asyncio.to_thread(self.pending)

        async def one(entry: JournalEntry) -> Resumed:
            try:
                saved = await self.resume_one(entry, directory, on_event=on_event, timeout=timeout)
            except KlingError as error:
                return Resumed(entry, error=error)
            return Resumed(entry, download=saved)

        return list(await asyncio.gather(*(one(entry) for entry in entries)))

    def motion_intent(self, task_id: str) -> MotionIntent | None:
        """What the task created here asked of the motion; None when it asked for none (or was
        not created by this client: the journal keeps no masks)."""
        from kling_studio.motion.intent import intent_of_payload

        sub = self._submissions.get(task_id)
        intent = intent_of_payload(sub.motion) if sub and sub.motion else None
        return intent if intent is not None and intent.asks else None

    async def check_motion(
        self, saved: Download, intent: MotionIntent | None = None
    ) -> MotionCheck | None:
        """Measure the saved video against what its request asked (or ``intent``), in a worker
        thread, and add the report to the sidecar; None when no motion was asked."""
        from kling_studio.motion.check import check_motion

        intent = intent or self.motion_intent(saved.task.task_id)
        if intent is None:
            return None
        report = await asyncio.to_thread(check_motion, saved.video, intent)
        await asyncio.to_thread(add_to_sidecar, saved.sidecar, "motion", report)
        return report

    async def generate(
        self,
        request: Request,
        directory: str | Path = DEFAULT_DIRECTORY,
        *,
        timeout: float | None = None,
        on_event: Callable[[StatusEvent], None] | None = None,
        motion_check: bool = True,
    ) -> Download:
        """The whole job: validate, submit, wait, download, and (``motion_check``) measure the
        video's motion against the brush or camera move asked (``Download.motion``)."""
        task = await self.create(request, directory=directory)
        finished = await self.wait(task, timeout=timeout, on_event=on_event)
        saved = await self.download(finished, directory)
        if not motion_check:
            return saved
        motion = await self.check_motion(saved)
        return replace(saved, motion=dict(motion)) if motion is not None else saved
