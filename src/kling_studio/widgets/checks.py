"""The problems the Studio shows on every edit: the rule table over the request it would send,
its paths, and a note for each thing kept but not sent. Cheap enough to run on each change
(media is checked when it arrives). Pure."""

from __future__ import annotations

from kling_studio.api.capabilities import ProviderDocs
from kling_studio.api.input_error import InputError
from kling_studio.api.problems import Problem
from kling_studio.api.rules import check_request
from kling_studio.api.trajectory import normalise_path

from .kept import sendable
from .state import StudioState, request_from_state

Size = tuple[int, int]


def path_problems(state: StudioState, size: Size | None) -> list[Problem]:
    """Each painted dynamic area needs a path that fits the picture; a path on an area that is
    not painted would be dropped, so it is a problem too (paint the area or clear the path)."""
    problems: list[Problem] = []
    index = 0
    for area in state.areas:
        if area.kind != "dynamic":
            continue
        if not area.mask_png:
            if area.path:
                problems.append(
                    Problem(f"{area.id}.path", "the area has no paint: paint it or clear its path")
                )
            continue
        field = f"dynamic_masks[{index}].trajectories"
        index += 1
        if len(area.path) < 2:
            problems.append(Problem(field, "draw the path the area should move along"))
        elif size is not None:
            try:
                normalise_path(area.path, size=size, field=field)
            except InputError as error:
                problems.append(Problem(error.field, error.rule, error.value))
    return problems


def studio_problems(state: StudioState, size: Size | None) -> list[Problem]:
    """Problems only the Studio can see (the request no longer shows what it would drop):
    the paths of the brush, when the brush is sent."""
    sent, kept = sendable(state)
    if sent.kind != "image2video" or any(note.field == "dynamic_masks" for note in kept):
        return []
    return path_problems(sent, size)


def quick_problems(
    state: StudioState, docs: ProviderDocs, size: Size | None, *, strict: bool = True
) -> list[Problem]:
    """Every problem of the request the Studio would send now, and the notes on what it keeps.
    A client that is not strict sends what the capability table or the provider's docs do not
    cover, so those problems read as the warnings it will give."""
    sent, kept = sendable(state)
    try:
        request = request_from_state(sent)
    except ValueError as error:
        return [Problem("params", " ".join(str(error).split())), *kept]
    rules = check_request(request, docs)
    if not strict:
        rules = [p.relaxed() if p.severity == "capability" else p for p in rules]
    return [*rules, *studio_problems(state, size), *kept]
