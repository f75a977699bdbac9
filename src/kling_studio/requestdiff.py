"""What differs between two results' requests: ``diff(a, b)`` → ``RequestDiff``.

A request is compared as the service got it: the provider's kind, the route, the model, mode and
duration as run, then every request field flattened (``dynamic_masks[1].trajectories``,
``camera_control.config.zoom``). Pictures and masks are compared by their sha256, paths as a
whole. What a result *produced* — task ids, external ids, timings, units, the videos' hashes — is
not a request difference and is left out. Pure but for reading sidecars.
"""

from __future__ import annotations

import html
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from kling_studio.api.download import Download
from kling_studio.api.input_error import shown
from kling_studio.api.sidecar import read_sidecar

RUN_FIELDS: Final = ("provider_kind", "route", "model", "mode", "duration")
"""The top-level facts compared first: where the request went and what ran it."""
RESOLVED: Final[Mapping[str, str]] = {"model": "model_name", "mode": "mode", "duration": "duration"}
"""Run facts and the request fields they resolve (a version 1 sidecar has only the field)."""
NOT_COMPARED: Final = frozenset({"model_name", "mode", "duration", "external_task_id"})
"""Request fields left out of the flattening: the first three are compared as run (defaults
filled in), the external id names a task rather than asking anything of it."""
SHORT_HASH: Final = 16
"""A version 1 sidecar kept this much of each sha256; hashes are compared on what both have."""


@dataclass(frozen=True)
class Medium:
    """A picture or mask as a record describes it; equal when the bytes are."""

    format: str
    width: int
    height: int
    bytes: int
    sha256: str

    @classmethod
    def of(cls, described: Mapping[str, Any]) -> Medium:
        return cls(
            str(described.get("format", "")),
            int(described.get("width", 0)),
            int(described.get("height", 0)),
            int(described.get("bytes", 0)),
            str(described.get("sha256", "")),
        )

    def same_bytes(self, other: Medium) -> bool:
        common = max(min(len(self.sha256), len(other.sha256)), 1)
        return self.sha256[:common] == other.sha256[:common]

    def __str__(self) -> str:
        return (
            f"{self.format} {self.width}×{self.height}, {_weight(self.bytes)}, "
            f"sha256 {self.sha256[:8]}…"
        )


@dataclass(frozen=True)
class Trajectory:
    """A path as sent (the wire's points, origin bottom-left); compared as a whole."""

    points: tuple[tuple[int, int], ...]

    @classmethod
    def of(cls, points: Iterable[Mapping[str, Any]]) -> Trajectory:
        return cls(tuple((int(p["x"]), int(p["y"])) for p in points))

    def moved_by(self, other: Trajectory) -> tuple[int, int] | None:
        """The one shift taking every point of this path onto ``other``'s, if there is one."""
        if len(self.points) != len(other.points) or not self.points:
            return None
        shifts = {
            (bx - ax, by - ay) for (ax, ay), (bx, by) in zip(self.points, other.points, strict=True)
        }
        return shifts.pop() if len(shifts) == 1 else None

    def __str__(self) -> str:
        first, last = self.points[0], self.points[-1]
        return f"{len(self.points)} points {first} → {last}"


@dataclass(frozen=True)
class Difference:
    """One field whose value differs; ``None`` where a request does not have the field."""

    field: str
    a: object
    b: object
    note: str = ""
    """What changed, in words, where the values alone do not say it ("changed", "added",
    "same shape, moved 12 px right")."""


class RequestDiff(tuple[Difference, ...]):
    """The differences between two requests, in field order; empty when they are the same."""

    names: tuple[str, str] = ("a", "b")

    def __new__(
        cls, differences: Iterable[Difference] = (), names: tuple[str, str] = ("a", "b")
    ) -> RequestDiff:
        made = super().__new__(cls, differences)
        made.names = names
        return made

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(d.field for d in self)

    def rows(self) -> list[tuple[str, str, str, str]]:
        """Each difference as text: field, a, b, note."""
        return [(d.field, _text(d.a), _text(d.b), d.note) for d in self]

    def table(self) -> str:
        """A small aligned table (the repr's body)."""
        rows = [("field", *self.names, ""), *self.rows()]
        widths = [max(len(row[i]) for row in rows) for i in range(3)]

        def line(row: tuple[str, str, str, str]) -> str:
            cells = [cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)]
            return "  ".join([*cells, row[3]]).rstrip()

        return "\n".join(line(row) for row in rows)

    def __repr__(self) -> str:
        if not self:
            return "RequestDiff: the requests are the same"
        count = f"{len(self)} difference{'s' if len(self) > 1 else ''}"
        return f"RequestDiff ({count})\n{self.table()}"

    def _repr_html_(self) -> str:
        if not self:
            return "<p>The requests are the same.</p>"
        head = "".join(f"<th>{html.escape(n)}</th>" for n in ("field", *self.names, ""))
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>"
            for row in self.rows()
        )
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


ResultSource = Mapping[str, Any] | str | os.PathLike[str] | Download
"""A result's record, its sidecar's path or a ``Download`` (or anything with a ``record``, as a
``Replay`` has)."""


def diff(a: ResultSource | object, b: ResultSource | object) -> RequestDiff:
    """What differs between two results' requests (sidecar paths, records, ``Download``s or
    ``Replay``s): provider kind, route, model, mode, duration, then every request field."""
    return compare(record_of_result(a), record_of_result(b))


def record_of_result(source: ResultSource | object) -> Mapping[str, Any]:
    if isinstance(source, Mapping):
        return source
    record = getattr(source, "record", None)
    if isinstance(record, Mapping):
        return record
    if isinstance(source, str | os.PathLike | Download):
        return read_sidecar(source).record
    raise TypeError(f"not a result: {type(source).__name__} (a sidecar path, record or Download)")


def compare(
    a: Mapping[str, Any], b: Mapping[str, Any], names: tuple[str, str] = ("a", "b")
) -> RequestDiff:
    """The differences between two records (pure)."""
    left, right = flattened(a), flattened(b)
    order = [*left, *(name for name in right if name not in left)]
    found = []
    for name in order:
        x, y = left.get(name), right.get(name)
        note = _difference(x, y)
        if note is not None:
            found.append(Difference(name, x, y, note))
    return RequestDiff(found, names)


def flattened(record: Mapping[str, Any]) -> dict[str, object]:
    """A record's request as ``field → value``: the run facts first, media as ``Medium``,
    paths as ``Trajectory``."""
    request = record.get("request") or {}
    flat: dict[str, object] = {}
    for name in RUN_FIELDS:
        value = record.get(name)
        if value is None and name in RESOLVED:
            value = request.get(RESOLVED[name])
        flat[name] = value
    for name, value in request.items():
        if name not in NOT_COMPARED:
            _flatten(value, name, flat)
    return flat


def _flatten(value: object, name: str, into: dict[str, object]) -> None:
    if name.endswith("trajectories") and isinstance(value, list):
        into[name] = Trajectory.of(value)
    elif isinstance(value, Mapping) and "sha256" in value and "format" in value:
        into[name] = Medium.of(value)
    elif isinstance(value, Mapping):
        for key, item in value.items():
            _flatten(item, f"{name}.{key}", into)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _flatten(item, f"{name}[{index}]", into)
    else:
        into[name] = value


def _difference(a: object, b: object) -> str | None:
    """None when ``a`` and ``b`` are the same; else a note in words ("" when the values say
    enough)."""
    if a is None or b is None:
        return None if a is b else ("added" if a is None else "removed")
    if isinstance(a, Medium) and isinstance(b, Medium):
        return None if a.same_bytes(b) else "changed"
    if isinstance(a, Trajectory) and isinstance(b, Trajectory):
        if a == b:
            return None
        shift = a.moved_by(b)
        return "changed" if shift is None else f"same shape, {_moved(shift)}"
    return None if a == b else ""


MOVES: Final[Sequence[tuple[int, str, str]]] = ((0, "right", "left"), (1, "up", "down"))
"""Axis of a wire shift (y up, as Kling counts) → its words for + and −."""


def _moved(shift: tuple[int, int]) -> str:
    parts = [
        f"{abs(shift[axis])} px {plus if shift[axis] > 0 else minus}"
        for axis, plus, minus in MOVES
        if shift[axis]
    ]
    return "moved " + " and ".join(parts)


def _text(value: object) -> str:
    return "—" if value is None else shown(value if isinstance(value, str) else str(value))


def _weight(count: int) -> str:
    return f"{count / 1000:.1f} kB" if count >= 1000 else f"{count} bytes"
