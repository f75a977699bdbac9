"""A parameter sweep as data: the requests a grid of variations makes, what they cost, and which
of them the capability map rules out — all decided before anything is sent.

Pure (no I/O). The first varied field runs down the rows and the second across the columns, so a
grid reads like the question people ask ("what does cfg_scale do, in std and in pro?"); one
varied field makes a single row, none or more than two a flat list. Repeats are cells of their
own: each is a task with its own id, file and result, shown side by side in its grid position.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

from pydantic import ValidationError as PydanticValidationError

from kling_studio.api.capabilities import (
    Feature,
    ModelSpec,
    ProviderDocs,
    estimate_units,
    model_spec,
)
from kling_studio.api.models import FIELD_HINTS, Image2VideoRequest
from kling_studio.api.rules import NO_EFFECT as IDLE_FIELDS
from kling_studio.api.rules import check_request, facts_for

from .carry import Carry, carried
from .values import equal, show

if TYPE_CHECKING:
    from kling_studio.motion.carried import Part
    from kling_studio.motion.intent import MotionIntent

BLOCKING: Final = frozenset({"error", "capability"})
"""Problem severities that keep a cell from being sent."""

NOT_VARIED: Final[Mapping[str, str]] = {
    "external_task_id": "every cell is a task of its own and gets its own id",
    "kind": "it names the endpoint, not a parameter",
}
"""Request fields a sweep refuses to vary, and why."""

CARRIED: Final = "carried"
"""The ``differs`` entry naming what a cell carries another way ("brush as end frame")."""


@dataclass(frozen=True)
class NoEffect:
    """When varying a field changes nothing for a model, and what that means for its cells."""

    applies: Callable[[ModelSpec], bool]
    which: str
    outcome: str


NO_EFFECT: Final[Mapping[str, NoEffect]] = {
    "cfg_scale": NoEffect(
        IDLE_FIELDS["cfg_scale"],
        "which does not use it (capability table)",
        "run with cfg_scale left out of the request, so they differ only by chance",
    ),
    "mode": NoEffect(
        lambda spec: spec.single_tier,
        "which has a single quality tier",
        "will look alike and cost the same",
    ),
}
"""Varied fields that can be no-ops, by the capability table's own flags."""


@dataclass(frozen=True)
class Axis:
    """One varied request field and its values, in the order given."""

    name: str
    values: tuple[Any, ...]


@dataclass(frozen=True)
class Axes:
    """How the cells are laid out: rows × columns, a single row, or a flat list."""

    rows: Axis | None
    """The first varied field of a two-field grid; None for a single row or a flat list."""
    columns: Axis | None
    """The second varied field (the only one for a single row); None for a flat list."""
    listed: tuple[Axis, ...]
    """Every varied field, in order: all there is to say about a flat list."""

    @property
    def shape(self) -> tuple[int, int] | None:
        """(rows, columns) of a grid or single row; None for a flat list."""
        if self.columns is None:
            return None
        return (len(self.rows.values) if self.rows else 1, len(self.columns.values))


@dataclass(frozen=True)
class Cell:
    """One request of the sweep: where it sits, what it varies, what it costs, whether it goes."""

    id: str
    """``r1c2`` in a grid or row, ``c07`` in a flat list; ``-2`` appended for the second take."""
    row: int | None
    column: int | None
    repeat: int
    """0 for the first take."""
    values: Mapping[str, Any]
    request: Image2VideoRequest
    label: str
    differs: Mapping[str, Any]
    """The varied values that differ from the base request's."""
    estimate: float | None
    """Units by the price table; None where it has no price."""
    supported: bool
    """False when the rules refuse this combination: such a cell is shown, never sent."""
    reason: str = ""
    carried: tuple[Part, ...] = ()
    """What goes another way to this cell's model (``compare.carry``): "brush" as the end
    frame, "camera" as words in the prompt; its label and ``differs`` say so too."""
    intent: MotionIntent | None = field(default=None, compare=False, repr=False)
    """What the cell's video is measured against when something was carried (the brush and
    camera move as painted); None: the request's own brush and camera, as sent."""


@dataclass(frozen=True)
class SweepPlan:
    base: Image2VideoRequest
    cells: tuple[Cell, ...]
    """Grid order: row by row, column by column, takes side by side."""
    axes: Axes
    repeats: int
    warnings: tuple[str, ...]
    """Sentences about varied fields that change nothing for the chosen model, and about what
    the brush's end frame loses, when cells carry it."""
    carry: Carry | None = None
    """What the plan carried to models without the brush or camera (None: nothing)."""

    @property
    def tasks(self) -> int:
        """Tasks a run creates: one per supported cell (repeats are cells)."""
        return sum(cell.supported for cell in self.cells)

    @property
    def units(self) -> float:
        """Estimated units of all supported cells."""
        return round(sum(cell.estimate or 0.0 for cell in self.cells if cell.supported), 2)

    @property
    def unsupported(self) -> int:
        return len(self.cells) - self.tasks

    def cell(self, cell_id: str) -> Cell:
        for cell in self.cells:
            if cell.id == cell_id:
                return cell
        raise KeyError(f"no cell {cell_id!r} in this sweep")


def plan_sweep(
    base: Image2VideoRequest,
    vary: Mapping[str, Sequence[Any]],
    *,
    repeats: int = 1,
    docs: ProviderDocs,
    carry: Carry | None = None,
) -> SweepPlan:
    """Every combination of the varied values applied to ``base``, checked and priced.

    ``docs`` are what the provider documents (``client.provider.docs``): its prompt limits,
    durations and fields. Unknown field names and invalid values raise ``ValueError`` naming
    the field. With ``carry`` (``compare.carry.carry_for(base)``), a cell whose model cannot
    take the brush or the camera move gets it the other way where it can (the brush's end
    frame as ``image_tail``, the move as words in the prompt), and says so in its label;
    without it, such a cell is unsupported.
    """
    if repeats < 1:
        raise ValueError(f"repeats: must be at least 1 (got {repeats})")
    listed = tuple(_axis(name, values) for name, values in vary.items())
    axes = _layout(listed)
    combinations = list(itertools.product(*(range(len(axis.values)) for axis in listed)))
    width = max(2, len(str(len(combinations) - 1)))
    cells = tuple(
        _cell(base, axes, position, f"c{index:0{width}d}", repeat, repeats, docs, carry)
        for index, position in enumerate(combinations)
        for repeat in range(repeats)
    )
    warnings = (*_warnings(listed, cells), *_carry_warnings(cells, carry))
    return SweepPlan(base, cells, axes, repeats, warnings, carry)


def _axis(name: str, values: Sequence[Any]) -> Axis:
    if name in NOT_VARIED:
        raise ValueError(f"vary: {name} cannot be varied: {NOT_VARIED[name]}")
    if name not in Image2VideoRequest.model_fields:
        known = ", ".join(f for f in Image2VideoRequest.model_fields if f not in NOT_VARIED)
        hint = FIELD_HINTS.get(name, f"the fields are {known}")
        raise ValueError(f"vary: {name!r} is not a field of Image2VideoRequest; {hint}")
    if isinstance(values, str | bytes) or not isinstance(values, Sequence):
        raise ValueError(f"vary[{name!r}]: give a list of values (got {show(values)!r})")
    if not values:
        raise ValueError(f"vary[{name!r}]: needs at least one value")
    return Axis(name, tuple(_checked(name, value) for value in values))


def _checked(name: str, value: Any) -> Any:
    """The value as the request holds it (``5`` → ``"5"``), or a ValueError naming the field."""
    try:
        return getattr(Image2VideoRequest.model_validate({name: value}), name)
    except PydanticValidationError as error:
        reasons = "; ".join(str(detail["msg"]) for detail in error.errors())
        raise ValueError(f"vary[{name!r}]: {show(value)} is not valid: {reasons}") from None


def _layout(listed: tuple[Axis, ...]) -> Axes:
    shapes = {1: Axes(None, listed[0], listed), 2: Axes(listed[0], listed[-1], listed)}
    return shapes.get(len(listed), Axes(None, None, listed))


def _cell(
    base: Image2VideoRequest,
    axes: Axes,
    position: tuple[int, ...],
    flat_id: str,
    repeat: int,
    repeats: int,
    docs: ProviderDocs,
    carry: Carry | None,
) -> Cell:
    values = {axis.name: axis.values[i] for axis, i in zip(axes.listed, position, strict=True)}
    request = base.model_copy(update={**values, "external_task_id": None})
    facts = facts_for(request, docs)
    way = None if carry is None else carried(request, facts.spec, facts.mode, facts.duration, carry)
    if way is not None and way.parts:
        request = way.request
        facts = facts_for(request, docs)
    parts = () if way is None else way.parts
    problems = [p for p in check_request(request, docs) if p.severity in BLOCKING]
    row, column = _place(axes, position)
    words = [f"{name} {show(value)}" for name, value in values.items()]
    words += [part.words for part in parts]
    take = ""
    if repeats > 1:
        words.append(f"take {repeat + 1}")
        take = f"-{repeat + 1}"
    differs = {n: v for n, v in values.items() if not equal(getattr(base, n), v)}
    if parts:
        differs[CARRIED] = ", ".join(part.words for part in parts)
    return Cell(
        id=(flat_id if row is None else f"r{row}c{column}") + take,
        row=row,
        column=column,
        repeat=repeat,
        values=values,
        request=request,
        label=" · ".join(words) or "base",
        differs=differs,
        estimate=estimate_units(
            facts.model,
            facts.mode,
            facts.duration,
            sound=Feature.SOUND in facts.features,
            voice=Feature.VOICE in facts.features,
        ),
        supported=not problems,
        reason="; ".join(map(str, problems)),
        carried=tuple(part.part for part in parts),
        intent=None if way is None else way.intent,
    )


def _place(axes: Axes, position: tuple[int, ...]) -> tuple[int | None, int | None]:
    """(row, column) in a grid; a single row is row 0; a flat list has neither."""
    if axes.columns is None:
        return None, None
    if axes.rows is None:
        return 0, position[0]
    return position[0], position[1]


def _warnings(listed: tuple[Axis, ...], cells: tuple[Cell, ...]) -> Iterator[str]:
    for axis in listed:
        rule = NO_EFFECT.get(axis.name)
        if rule is None:
            continue
        idle: dict[str, list[str]] = {}
        for cell in cells:
            spec = model_spec(cell.request.model_name)
            if spec is not None and rule.applies(spec):
                idle.setdefault(spec.name, []).append(cell.id)
        for model, ids in idle.items():
            yield (
                f"Varying {axis.name} has no effect on {model}, {rule.which}: "
                f"cells {', '.join(ids)} {rule.outcome}."
            )


def _carry_warnings(cells: tuple[Cell, ...], carry: Carry | None) -> Iterator[str]:
    """What the brush's end frame loses, said once for the cells it goes to."""
    ids = [cell.id for cell in cells if "brush" in cell.carried]
    if carry is None or not ids:
        return
    for note in carry.notes:
        yield f"The brush's end frame, sent to cells {', '.join(ids)}: {note}."
