"""Replay a saved result: the very request again, to this service or another, or with a change.

``replay(sidecar)`` rebuilds the request from a version 2 sidecar (the payload as sent, its
pictures and masks from ``media/``) and prepares it for the target — every rule checked again
for the target's model and provider — but sends nothing: the ``Replay`` shows the estimate, the
service it would go to, what differs from the original and the prepared payload; ``run()`` (or
``await arun()``) sends it. Unchanged and to the same kind of service, the payload prepared is
the original's, byte for byte, but for its ``external_task_id`` (a new task gets a new one).

``diff(a, b)`` (``requestdiff``) says what differs between two results' requests.
"""

from __future__ import annotations

import asyncio
import copy
import html
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from kling_studio.api.client import DEFAULT_DIRECTORY, AsyncKlingClient
from kling_studio.api.connection import Connection, resolve_connection
from kling_studio.api.download import Download, as_shown
from kling_studio.api.input_error import InputError
from kling_studio.api.models import (
    Image2VideoRequest,
    MultiImage2VideoRequest,
    Request,
    Task,
    TaskKind,
)
from kling_studio.api.prepare import PreparedRequest, prepare_request, remote_sources
from kling_studio.api.record import media_slots, read_medium, record_of
from kling_studio.api.sidecar import SidecarSource, read_sidecar
from kling_studio.api.sync import KlingClient
from kling_studio.requestdiff import RequestDiff, compare, diff

__all__ = ["Replay", "diff", "read_result", "replay", "request_of_record"]

REQUESTS: Final[Mapping[str, type[Image2VideoRequest] | type[MultiImage2VideoRequest]]] = {
    TaskKind.IMAGE2VIDEO.value: Image2VideoRequest,
    TaskKind.MULTI_IMAGE2VIDEO.value: MultiImage2VideoRequest,
}
NOT_REPLAYED: Final[Mapping[str, str]] = {
    "external_task_id": "",
    "callback_url": (
        "callback_url left out: the sidecar keeps it without its query (where webhook tokens "
        "live); pass callback_url= to have one"
    ),
}
"""Recorded fields a replay does not send, and the note saying so (none for the external id:
every task gets its own)."""
CHANGED_NAMES: Final[Mapping[str, str]] = {
    "model": "model_name",
    "mode": "mode",
    "duration": "duration",
}


def read_result(
    source: SidecarSource | Mapping[str, Any], task: str | Task | None = None
) -> dict[str, Any]:
    """A result's record (its sidecar's content): from the sidecar's path, a ``Download``, or
    a folder and the task saved there."""
    if isinstance(source, Mapping):
        return dict(source)
    return read_sidecar(source, task).record


@dataclass(frozen=True)
class _Rebuilt:
    """A request's fields as a record holds them, ready for the request's model."""

    kind: str
    fields: dict[str, Any]
    notes: dict[str, str]
    """Field → what became of it, for a recorded field the replay leaves out."""

    def request(self, changes: Mapping[str, Any]) -> Request:
        return REQUESTS[self.kind](**{**self.fields, **changes})


def request_of_record(record: Mapping[str, Any], folder: str | os.PathLike[str]) -> Request:
    """The request a result was made from, rebuilt from its record and the folder its sidecar
    lies in: pictures and masks as the bytes sent, paths in the prepared picture's top-left
    pixels, every other field as sent (a callback_url, stored without its query, is left out).
    """
    rebuilt = _rebuilt(record, Path(folder))
    return rebuilt.request({})


def _rebuilt(record: Mapping[str, Any], folder: Path) -> _Rebuilt:
    if not record.get("replayable"):
        why = record.get("why") or "a sidecar written before version 2 keeps no pictures or masks"
        rule = (
            "the sidecar must keep the pictures and masks sent (give them again, "
            "Studio(image=...), or replay a result saved since)"
        )
        raise InputError("request", rule, why)
    request = record.get("request")
    kind = str(record.get("kind", TaskKind.IMAGE2VIDEO.value))
    if not isinstance(request, Mapping) or kind not in REQUESTS:
        raise InputError("request", "must be a recorded image2video request", kind)
    media = {
        name: read_medium(name, holder[key], folder) for name, holder, key in media_slots(request)
    }
    return fields_of_request(request, media, kind)


def fields_of_request(
    request: Mapping[str, Any], media: Mapping[str, bytes], kind: str
) -> _Rebuilt:
    """A recorded request's fields with its media as bytes and its paths flipped back from the
    wire's bottom-left origin (pure)."""
    from kling_studio.api.trajectory import from_wire

    fields = {k: copy.deepcopy(v) for k, v in request.items() if k not in NOT_REPLAYED}
    notes = {name: note for name, note in NOT_REPLAYED.items() if note and request.get(name)}
    for item in fields.get("dynamic_masks") or ():
        height = int(item["mask"]["height"])
        item["trajectories"] = from_wire(item["trajectories"], height)
    for name, holder, key in media_slots(fields):
        holder[key] = media[name]
    return _Rebuilt(kind, fields, notes)


@dataclass(frozen=True)
class _Target:
    """Where a replay goes: a client given, or the default connection (the environment's
    provider, else the embedded emulator)."""

    connection: Connection
    strict: bool
    client: AsyncKlingClient | KlingClient | None

    @classmethod
    def of(cls, client: AsyncKlingClient | KlingClient | None) -> _Target:
        if client is None:
            return cls(resolve_connection(), True, None)
        inner = client.aio if isinstance(client, KlingClient) else client
        return cls(inner.connection, inner.strict, client)


class Replay:
    """A request rebuilt from a result and prepared for its target; nothing sent until
    ``run()`` / ``await arun()``."""

    def __init__(
        self,
        *,
        source: Path,
        original: Mapping[str, Any],
        request: Request,
        prepared: PreparedRequest,
        notes: tuple[str, ...],
        target: _Target,
    ) -> None:
        self.source = source
        """The original's sidecar."""
        self.original = original
        self.request = request
        self.prepared = prepared
        self.notes = notes
        """What the replay leaves out or changes on the way, and what preparing did."""
        self._target = target
        model, mode, duration = prepared.duration_key
        self.record: dict[str, Any] = {
            "kind": prepared.kind.value,
            "provider_kind": target.connection.kind,
            "route": target.connection.provider.path(prepared.kind.endpoint),
            "model": model,
            "mode": mode,
            "duration": duration,
            "request": record_of(prepared.payload, prepared.summary)[0],
        }
        """The request as a sidecar would record it (no files written): what ``diff`` reads."""
        self.differences: RequestDiff = compare(original, self.record, ("original", "replay"))

    @property
    def estimate(self) -> float | None:
        """Units the price table charges for the replay on its target (None: no price)."""
        return self.prepared.estimate

    @property
    def provider(self) -> str:
        """The service it goes to, as a person names it ("the local emulator", "CometAPI")."""
        return self._target.connection.label

    @property
    def provider_kind(self) -> str:
        return self._target.connection.kind

    @property
    def payload(self) -> dict[str, Any]:
        """The payload to be sent (an ``external_task_id`` is added when it is)."""
        return self.prepared.payload

    @property
    def warnings(self) -> tuple[str, ...]:
        return self.prepared.warnings

    def run(
        self,
        directory: str | os.PathLike[str] = DEFAULT_DIRECTORY,
        *,
        allow_over_budget: bool = False,
        timeout: float | None = None,
    ) -> Download:
        """Send it, wait and save the result (blocking); ``allow_over_budget`` as the
        client's ``create``."""
        client = self._target.client
        if isinstance(client, KlingClient):
            return _run(client, self.prepared, Path(directory), allow_over_budget, timeout)
        if client is None:
            with KlingClient(connection=self._target.connection) as made:
                return _run(made, self.prepared, Path(directory), allow_over_budget, timeout)
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return asyncio.run(
                self.arun(directory, allow_over_budget=allow_over_budget, timeout=timeout)
            )
        raise RuntimeError(
            "this replay's client is an AsyncKlingClient and an event loop runs here: "
            "use await replay.arun()"
        )

    async def arun(
        self,
        directory: str | os.PathLike[str] = DEFAULT_DIRECTORY,
        *,
        allow_over_budget: bool = False,
        timeout: float | None = None,
    ) -> Download:
        """``run()`` as a coroutine."""
        client = self._target.client
        if isinstance(client, KlingClient):
            return await asyncio.to_thread(
                self.run, directory, allow_over_budget=allow_over_budget, timeout=timeout
            )
        if client is None:
            async with AsyncKlingClient(connection=self._target.connection) as made:
                return await _arun(made, self.prepared, Path(directory), allow_over_budget, timeout)
        return await _arun(client, self.prepared, Path(directory), allow_over_budget, timeout)

    def _run_line(self) -> str:
        model, mode, duration = self.prepared.duration_key
        return f"{model} · {mode} · {duration} s · {self.record['route']}"

    def _estimate_text(self) -> str:
        units = self.estimate
        return "no price known" if units is None else f"{units:g} units (estimate)"

    def __repr__(self) -> str:
        lines = [
            f"Replay on {self.provider}: {self._estimate_text()}",
            f"  {self._run_line()}",
            f"  of {as_shown(self.source)}",
        ]
        if self.differences:
            lines.append("  differs from the original:")
            lines += [f"    {row}" for row in self.differences.table().splitlines()]
        else:
            lines.append("  the same request as the original")
        lines += [f"  note: {note}" for note in self.notes]
        lines += [f"  warning: {warning}" for warning in self.warnings]
        lines.append("  nothing is sent until .run() (or await .arun())")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        def items(title: str, texts: tuple[str, ...]) -> str:
            if not texts:
                return ""
            rows = "".join(f"<li>{html.escape(text)}</li>" for text in texts)
            return f"<p>{title}</p><ul>{rows}</ul>"

        same = "<p>The same request as the original.</p>"
        changes = (
            f"<p>Differs from the original:</p>{self.differences._repr_html_()}"
            if self.differences
            else same
        )
        return (
            f"<p><strong>{html.escape(self._estimate_text())}</strong> on "
            f"{html.escape(self.provider)}</p>"
            f"<p>{html.escape(self._run_line())}<br>of {html.escape(as_shown(self.source))}</p>"
            f"{changes}{items('Notes', self.notes)}{items('Warnings', self.warnings)}"
            "<p>Nothing is sent until <code>.run()</code> (or <code>await .arun()</code>).</p>"
        )


def _run(
    client: KlingClient,
    prepared: PreparedRequest,
    directory: Path,
    allow_over_budget: bool,
    timeout: float | None,
) -> Download:
    task = client.create(prepared, allow_over_budget=allow_over_budget, directory=directory)
    finished = client.wait(task, timeout=timeout)
    return client.download(finished, directory)


async def _arun(
    client: AsyncKlingClient,
    prepared: PreparedRequest,
    directory: Path,
    allow_over_budget: bool,
    timeout: float | None,
) -> Download:
    task = await client.create(prepared, allow_over_budget=allow_over_budget, directory=directory)
    finished = await client.wait(task, timeout=timeout)
    return await client.download(finished, directory)


def replay(
    sidecar: SidecarSource,
    *,
    client: AsyncKlingClient | KlingClient | None = None,
    model: str | None = None,
    mode: str | None = None,
    duration: str | int | None = None,
    task: str | Task | None = None,
    **changes: Any,
) -> Replay:
    """The request of a saved result (a sidecar's path, a ``Download``, or a folder with
    ``task=``), prepared again for ``client``'s service (default: the environment's, else the
    embedded emulator) with the changes given (``model=``, ``mode=``, ``duration=``, any
    request field; ``None`` clears one). Every rule is checked for the target before anything
    is sent: a ``ValidationError`` if it cannot take the request. Nothing is sent yet."""
    saved = read_sidecar(sidecar, task)
    rebuilt = _rebuilt(saved.record, saved.folder)
    named = {"model": model, "mode": mode, "duration": duration}
    updates = {CHANGED_NAMES[k]: v for k, v in named.items() if v is not None} | changes
    request = rebuilt.request(updates)
    for field, url in remote_sources(request):
        rule = "a replay takes a picture as a file, an array or bytes, not a URL: fetch it first"
        raise InputError(field, rule, url)
    target = _Target.of(client)
    prepared = prepare_request(request, target.connection.provider.docs, strict=target.strict)
    kept = tuple(note for name, note in rebuilt.notes.items() if name not in updates)
    return Replay(
        source=saved.path,
        original=saved.record,
        request=request,
        prepared=prepared,
        notes=(*kept, *prepared.notes),
        target=target,
    )
