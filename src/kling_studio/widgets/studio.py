"""``Studio``: pick or drop a picture, paint motion, set every parameter, generate, watch — inline.

Small state (parameters, areas and their paths, control states, problems, status, history) lives
in synced traits, so a saved notebook keeps it. Heavy media (pictures, masks, videos) crosses
the comm only as binary custom messages, never as traits: a saved notebook holds no copy of
them, and the browser asks for them again (``hello``) whenever a view renders. Credentials and
the base URL have no trait at all: the front end can neither read nor change them.

Generation runs on the widget's own event loop in a background thread, so neither the button nor
``generate_sync()`` blocks the kernel; status is pushed at least twice a second while it runs,
with the task's ids as soon as they are known, and a heartbeat tells the browser the kernel is
still there. Paid work is never lost from sight: Stop waiting ends only the local wait (Kling has
no cancel), tasks left unfinished by a stop or an earlier kernel are offered for resuming, and a
run that would go over the day's budget is sent only once confirmed.
"""

from __future__ import annotations

import asyncio
import io
import logging
import os
import sqlite3
import time
from collections.abc import Callable, Coroutine, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import anywidget
import httpx
import numpy as np
import numpy.typing as npt
import traitlets
from pydantic import BaseModel

from kling_studio.api.budget import BudgetExceeded
from kling_studio.api.capabilities import (
    DEFAULT_DURATION,
    DEFAULT_MODE,
    DEFAULT_MODEL,
    LIMITS,
    MULTI_IMAGE,
)
from kling_studio.api.client import AsyncKlingClient, StatusEvent
from kling_studio.api.download import Download
from kling_studio.api.errors import KlingError
from kling_studio.api.images import ImageSource, is_url
from kling_studio.api.input_error import InputError
from kling_studio.api.journal import JournalEntry, new_external_id
from kling_studio.api.masks import prepare_mask
from kling_studio.api.models import Image2VideoRequest, Request
from kling_studio.api.prepare import PreparedRequest, fetch_picture, prepare_request
from kling_studio.api.problems import Problem, ValidationError
from kling_studio.api.providers import Provider
from kling_studio.api.sync import LoopThread
from kling_studio.motion.carried import with_phrase
from kling_studio.selection.limits import REFINE_DEFAULT_PX, TOLERANCE_DEFAULT
from kling_studio.selection.masks_io import mask_array, paint_png

if TYPE_CHECKING:
    from kling_studio.motion.endframe import EndFrame
    from kling_studio.paths import TrackedPath
    from kling_studio.paths.clip import ClipLike
    from kling_studio.paths.polyline import Points

from .carrying import (
    END_FRAME_NAME,
    Carrier,
    carried,
    end_frame_control,
    offered_phrase,
    painted,
)
from .checks import quick_problems, studio_problems
from .codegen import to_code
from .compare import Compare
from .contract import (
    PARAM_NAMES,
    Accepted,
    EndFrameMade,
    MasksExported,
    Media,
    MotionCheck,
    PaintCarried,
    Params,
    PictureTaken,
    Reply,
    ResumeBegun,
    TaskCreated,
)
from .contract import Area as AreaJson
from .contract import Problem as ProblemJson
from .controls import catalogue, controls_for, estimate
from .failures import failure_text
from .fallback import StudioStill, studio_html
from .fixes import apply_fix
from .heartbeat import beating
from .history import run_entry
from .kept import sendable
from .labels import provider_label
from .lifetime import release
from .media import Picture, Uploads, display_copy, scaled_mask, slot_field
from .motioncheck import measure_saved
from .notices import over_budget_message, stopped_message
from .opening import OpenOnClass, open_result
from .pathing import (
    CLIP_SLOT,
    PathTools,
    dynamic_area,
    shape_path_asked,
    shaped,
    track_path_asked,
)
from .replies import Command, answer, is_request, refusal, refused, settle
from .resumable import resumable_json
from .selecting import (
    REFINE_TOOLS,
    Found,
    Mask,
    SelectJob,
    Selector,
    asked,
    check_paint,
    export_folder,
    png_bytes,
    selected_mask,
    shown_folder,
    write_masks,
)
from .showing import Still, StillDisplay
from .spend import spend_json
from .state import Area, StudioState, camera_from, request_from_state, used_groups
from .stills import Posters
from .studio_still import draft_still, run_still
from .timing import PHASE_WORDS, live_times
from .waiting import begin_waiting, end_waiting, followed_here
from .words import control_words, problem_words

log = logging.getLogger("kling_studio")
T = TypeVar("T")

STATIC = Path(__file__).parent.parent / "static"
AREA_COLOURS = ("#9aa0a6", "#e8453c", "#f9ab00", "#34a853", "#4285f4", "#a142f4", "#ff6d01")
"""The static area's grey, then one colour per dynamic area."""
TICK_SECONDS = 0.5
NOTHING_TO_RESUME = "no unfinished tasks to resume"
FINISHED_PHASES = frozenset({"succeed", "downloading"})
"""Status phases in which Kling is done with the task and only the download remains."""
DEFAULT_PARAMS: Params = {
    "model_name": DEFAULT_MODEL,
    "mode": DEFAULT_MODE,
    "duration": DEFAULT_DURATION,
    "prompt": "",
    "negative_prompt": "",
    "camera_control": None,
}


def default_areas() -> list[AreaJson]:
    """The static area and as many dynamic ones as Kling takes, all empty; painting one
    switches it on."""
    static: AreaJson = {
        "id": "static",
        "kind": "static",
        "label": "static",
        "colour": AREA_COLOURS[0],
        "visible": True,
        "painted": False,
        "path": [],
    }
    dynamic: list[AreaJson] = [
        {
            "id": f"dynamic-{n}",
            "kind": "dynamic",
            "label": f"dynamic {n}",
            "colour": AREA_COLOURS[n % len(AREA_COLOURS)],
            "visible": True,
            "painted": False,
            "path": [],
        }
        for n in range(1, LIMITS.max_dynamic_masks + 1)
    ]
    return [static, *dynamic]


def _as_json(value: Any) -> Any:
    """A parameter as the ``params`` trait holds it: request models (``CameraControl``,
    ``Voice``…) as their JSON."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", exclude_none=True)
    if isinstance(value, list | tuple):
        return [_as_json(item) for item in value]
    return value


Seen = tuple[float, StatusEvent]
"""A status event and the ``time.monotonic()`` at which it arrived."""


def _recorder(latest: list[Seen]) -> Callable[[StatusEvent], None]:
    """An ``on_event`` that keeps each event with the moment it arrived."""
    return lambda event: latest.append((time.monotonic(), event))


def _problem_json(problem: Problem, painted: Sequence[str]) -> ProblemJson:
    shown: ProblemJson = {
        "field": problem.field,
        "rule": problem.rule,
        "value": None if problem.value is None else str(problem.value),
        "severity": problem.severity,
        "text": problem_words(problem, painted),
    }
    if problem.brief is not None:
        shown["brief"] = problem.brief
    return shown


SAME_ASPECT = 0.01
"""Start frames whose aspect ratios differ by less than this share have the same shape: paint
is scaled onto the new one rather than cleared."""


def _same_shape(old: tuple[int, int], new: tuple[int, int]) -> bool:
    """Paint drawn on ``old`` can be scaled onto ``new`` (their aspect ratios agree)."""
    return abs(old[0] / old[1] - new[0] / new[1]) <= SAME_ASPECT * (new[0] / new[1])


def _is_input(key: str) -> bool:
    """Media that is part of a request (pictures and masks), not a result."""
    return key in ("image", "tail") or key.startswith(("multi-", "mask:"))


@dataclass(frozen=True)
class RunInputs:
    """Everything a run was made from, kept (by reference: the bytes are shared, not copied)
    so that "Use these settings" brings it back exactly."""

    kind: str
    params: dict[str, Any]
    areas: tuple[dict[str, Any], ...]
    pictures: dict[str, Any]
    multi_order: tuple[str, ...]
    media: dict[str, bytes]


@dataclass(frozen=True)
class Earlier:
    """A picture a fix or a new picture replaced, and (for the start frame) its paint."""

    picture: Picture
    meta: dict[str, Any]
    masks: dict[str, bytes] | None
    areas: list[dict[str, Any]]


class Studio(anywidget.AnyWidget):
    """The image-to-video studio. ``Studio(image="photo.jpg", prompt="...", model_name=...)``."""

    _esm = STATIC / "studio.js"
    _css = STATIC / "studio.css"

    kind = traitlets.Unicode("image2video").tag(sync=True)
    """``image2video`` or ``multi-image2video``."""
    params = traitlets.Dict().tag(sync=True)
    """Every request parameter the form edits, by the request's own names (``contract.Params``:
    model_name, mode, duration, prompt, camera_control, voice_list, watermark_info, …)."""
    areas = traitlets.List(traitlets.Dict()).tag(sync=True)
    """The static and dynamic areas: colour, visibility, whether painted, the path (top-left px)."""
    pictures = traitlets.Dict().tag(sync=True)
    """Slot ("image", "tail", "multi-0"…) → name, size, notes, version. Bytes travel separately."""
    multi_order = traitlets.List(traitlets.Unicode()).tag(sync=True)
    catalogue = traitlets.Dict().tag(sync=True)
    controls = traitlets.Dict().tag(sync=True)
    """Control → {enabled, reason}, from the rule table (the only source of truth)."""
    problems = traitlets.List(traitlets.Dict()).tag(sync=True)
    units = traitlets.Float(None, allow_none=True).tag(sync=True)
    status = traitlets.Dict().tag(sync=True)
    """Phase, times, progress, message; ``task_id`` and ``external_id`` as soon as known."""
    history = traitlets.List(traitlets.Dict()).tag(sync=True)
    """One entry per saved run: ids, files, units, seconds, parameters."""
    carried = traitlets.Dict().tag(sync=True)
    """The brush as an end frame and the camera move as words, for a model that takes neither
    (``contract.Carried``)."""
    resumable = traitlets.List(traitlets.Dict()).tag(sync=True)
    """Tasks of this provider left unfinished (or unsaved) by an earlier session or a stopped
    wait, as the resume offer shows them; ``resume()`` picks them up."""
    spend = traitlets.Dict().tag(sync=True)
    """This run's estimate, today's spend, the budget and what is left of it, whether over."""
    provider = traitlets.Unicode("").tag(sync=True)
    """The kind of service ("CometAPI", "the local emulator"…), never its address."""
    emulated = traitlets.Bool(False).tag(sync=True)

    def __init__(
        self,
        image: ImageSource | None = None,
        *,
        tail: ImageSource | None = None,
        images: Sequence[ImageSource] = (),
        client: AsyncKlingClient | None = None,
        provider: Provider | None = None,
        output_dir: str | Path = "kling-output",
        embed: bool = False,
        **params: Any,
    ) -> None:
        """``embed=True``: the output's static view (what a reader without a kernel sees) holds
        the video itself, up to ``stills.EMBED_LIMIT_BYTES``, for a self-contained notebook;
        by default it points at the video saved beside the notebook."""
        unknown = sorted(set(params) - set(PARAM_NAMES))
        if unknown:
            raise TypeError(
                f"Studio() got unexpected keyword argument(s) {', '.join(unknown)}; "
                f"parameters are: {', '.join(PARAM_NAMES)}"
            )
        super().__init__()
        self._runner = LoopThread()
        self._client = client
        self._owns_client = client is None
        self._provider = provider
        self._output_dir = Path(output_dir).resolve()
        self._media: dict[str, bytes] = {}
        self._uploads = Uploads()
        self._videos: dict[str, Path] = {}
        self._shown: str | None = None
        """The run whose video the views show (announced last)."""
        self._thumbs: dict[str, bytes] = {}
        self._earlier: dict[str, Earlier] = {}
        self._inputs: dict[str, RunInputs] = {}
        self._result: Download | None = None
        self._motion: dict[str, Future[MotionCheck]] = {}
        """Each run's motion check as it runs (by run id), so Python can wait for its scores."""
        self._running: Future[Any] | None = None
        self._work: asyncio.Task[Any] | None = None
        self._ids: dict[str, str | None] = {"task_id": None, "external_id": None}
        self._followed: tuple[str | None, ...] = ()
        self._born = time.time()
        self._spent_today = 0.0
        self._selector = Selector(self._runner.submit)
        """The selection tools' worker, the areas' unfinished requests, the picture's cache."""
        self._paths = PathTools(self._runner, lambda media, buffers: self.send(media, buffers))
        self._carrier = Carrier()
        """The clip slot (a temp file, deleted on close) and the tracks in flight."""
        self.embed = embed
        self._posters = Posters()
        self._stills = StillDisplay(self._static_view)
        self.params = {**DEFAULT_PARAMS, **{name: _as_json(v) for name, v in params.items()}}
        self.areas = [dict(area) for area in default_areas()]
        self.status = {"phase": "idle"}
        self.on_msg(self._on_message)
        self._single_model: str | None = None
        self.observe(self._models_for_kind, names=["kind"])
        self.observe(self._refresh, names=["params", "areas", "kind", "pictures", "multi_order"])
        self.observe(lambda _change: self._stills.refresh(), names=["history"])
        client = self._connect()
        self.provider, self.emulated = provider_label(client.connection), client.is_emulated
        self.catalogue = dict(catalogue(client.provider.docs, strict=client.strict))
        self._reread_journal()
        for slot, source in (("image", image), ("tail", tail)):
            if source is not None:
                self.set_picture(slot, source)
        for source in images:
            self.add_image(source)
        if images:
            self.kind = "multi-image2video"
        self._refresh()

    open = OpenOnClass(open_result)

    # -- the client ---------------------------------------------------------------------------

    def _connect(self) -> AsyncKlingClient:
        """The widget's client, made on its own loop so every call happens there."""
        if self._client is None:
            provider = self._provider
            self._client = self._runner.run(_make_client(provider))
        return self._client

    def close(self) -> None:
        """Close the widget, stop waiting (the task stays resumable), close the client it
        made and stop its loop thread."""
        runner: LoopThread | None = getattr(self, "_runner", None)  # None: __init__ failed
        if runner is not None and not runner.loop.is_closed():
            self.stop()
            release(runner, self._client, owned=self._owns_client)
        selector: Selector | None = getattr(self, "_selector", None)
        if selector is not None:
            selector.close()
        paths: PathTools | None = getattr(self, "_paths", None)
        if paths is not None:
            paths.close()
        super().close()

    def _reread_journal(self) -> None:
        """Today's spend and the tasks that can be resumed, from the journal (shared by every
        process of this user, so an earlier kernel's tasks are there too)."""
        client = self._connect()
        self._spent_today = client.spent_today()
        self.resumable = [
            dict(resumable_json(entry, since=self._born))
            for entry in client.pending()
            if not followed_here(entry.external_id, entry.task_id)
        ]
        self._refresh_spend()

    def _reread_journal_safely(self) -> None:
        """After a run: a journal that cannot be read now must not hide the run's outcome."""
        try:
            self._reread_journal()
        except (sqlite3.Error, OSError) as error:
            log.warning("Studio: could not read the task journal: %s", error)

    def _refresh_spend(self) -> None:
        client = self._connect()
        spend = spend_json(
            self.units,
            today=self._spent_today,
            budget=client.budget_units,
            emulated=client.is_emulated,
        )
        self.spend = dict(spend)

    # -- pictures -----------------------------------------------------------------------------

    def set_picture(self, slot: str, source: ImageSource, *, name: str | None = None) -> None:
        """Put a picture in ``image``, ``tail`` or ``multi-N``; URLs are fetched by the kernel.
        Replacing the start frame keeps the paint (scaled) when the aspect matches; either way
        ``undo_picture(slot)`` brings the earlier picture and its paint back."""
        if isinstance(source, str) and is_url(source):
            source = self._runner.run(_fetch(source))
        label = name or (Path(source).name if isinstance(source, str | Path) else slot)
        picture = display_copy(source, name=label, field=slot_field(slot))
        self._store_picture(slot, picture)

    def add_image(self, source: ImageSource) -> None:
        """Append a picture to the multi-image list (up to the catalogue's ``max_multi_images``)."""
        limit = int(self.catalogue["max_multi_images"])
        if len(self.multi_order) >= limit:
            raise ValueError(f"image_list: at most {limit} images")
        slot = self._free_multi_slot()
        self.set_picture(slot, source)

    def fix_picture(self, slot: str, fix: str) -> None:
        """Apply one of the fixes offered for a picture Kling would refuse ("crop", "pad",
        "upscale"); ``undo_picture(slot)`` puts the original back."""
        current = self._picture(slot)
        offered = {f["id"]: f["label"] for p in self.pictures[slot]["problems"] for f in p["fixes"]}
        if fix not in offered:
            names = ", ".join(offered) or "none"
            raise ValueError(f"{slot}: {fix!r} is not offered for this picture (offered: {names})")
        fixed = apply_fix(current.image(), fix)
        picture = display_copy(fixed, name=current.name, field=slot_field(slot))
        self._store_picture(slot, picture, undo=offered[fix])

    def undo_picture(self, slot: str) -> None:
        """Put back the picture the last fix or replacement took the place of, with its paint."""
        earlier = self._earlier.pop(slot, None)
        if earlier is None:
            raise ValueError(f"{slot}: there is nothing to undo")
        self._media[slot] = earlier.picture.data
        # One step is kept: the picture put back has nothing left to undo.
        self.pictures = {**self.pictures, slot: {**earlier.meta, "undo": None, "paint": None}}
        self._send_media(slot)
        if earlier.masks is not None:
            self._restore_paint(earlier.masks, earlier.areas)

    def _picture(self, slot: str) -> Picture:
        meta = self.pictures.get(slot)
        if not meta or slot not in self._media:
            raise ValueError(f"{slot}: there is no picture here")
        return Picture(self._media[slot], meta["width"], meta["height"], meta["name"])

    def _free_multi_slot(self) -> str:
        used = set(self.multi_order)
        return next(f"multi-{n}" for n in range(8) if f"multi-{n}" not in used)

    def _store_picture(self, slot: str, picture: Picture, *, undo: str | None = None) -> None:
        """The picture takes the slot; what it replaces is kept for ``undo_picture``."""
        old = self.pictures.get(slot)
        version = int((old or {}).get("version", 0)) + 1
        paint: PaintCarried = None
        if old is not None and slot in self._media:
            self._earlier[slot] = Earlier(
                picture=self._picture(slot),
                meta=dict(old),
                masks=self._paint() if slot == "image" else None,
                areas=[dict(a) for a in self.areas],
            )
            undo = undo or "the new picture"
            if slot == "image" and self._paint():  # said, so the undo offer can say it too
                same = _same_shape((int(old["width"]), int(old["height"])), picture.size)
                paint = "scaled" if same else "cleared"
        self._media[slot] = picture.data
        meta = picture.meta(version, field=slot_field(slot), undo=undo, paint=paint)
        self.pictures = {**self.pictures, slot: dict(meta)}
        if slot == "image" and old is not None:
            self._carry_paint((int(old["width"]), int(old["height"])), picture)
        if slot.startswith("multi-") and slot not in self.multi_order:
            self.multi_order = [*self.multi_order, slot]
        self._send_media(slot)

    def _paint(self) -> dict[str, bytes]:
        return {
            a["id"]: self._media[f"mask:{a['id']}"]
            for a in self.areas
            if f"mask:{a['id']}" in self._media
        }

    def _carry_paint(self, old: tuple[int, int], picture: Picture) -> None:
        """Paint drawn on the old start frame: scaled onto the new one when the two have the
        same shape, else cleared (the earlier picture and its paint are kept for undo)."""
        new = picture.size
        if not _same_shape(old, new):
            self._clear_masks()
            return
        sx, sy = new[0] / old[0], new[1] / old[1]
        masks = {area: scaled_mask(png, new) for area, png in self._paint().items()}
        areas = [
            {**a, "path": [[x * sx, y * sy] for x, y in a.get("path", [])]} for a in self.areas
        ]
        self._restore_paint(masks, areas)

    def _restore_paint(self, masks: Mapping[str, bytes], areas: list[dict[str, Any]]) -> None:
        for area in self.areas:
            key = f"mask:{area['id']}"
            if area["id"] in masks:
                self._media[key] = masks[area["id"]]
                self._send_media(key)
            elif self._media.pop(key, None) is not None:
                self.send({"type": "media", "slot": key, "clear": True}, [b""])
        self.areas = areas

    def _clear_masks(self) -> None:
        """A start frame of another shape cannot carry the paint drawn on the old one."""
        for area in self.areas:
            if self._media.pop(f"mask:{area['id']}", None) is not None:
                self.send({"type": "media", "slot": f"mask:{area['id']}", "clear": True}, [b""])
        self.areas = [{**a, "painted": False, "path": []} for a in self.areas]

    def remove_picture(self, slot: str) -> None:
        self._media.pop(slot, None)
        self._earlier.pop(slot, None)
        self.pictures = {k: v for k, v in self.pictures.items() if k != slot}
        self.multi_order = [s for s in self.multi_order if s != slot]

    # -- history --------------------------------------------------------------------------------

    def use_run(self, run: str) -> None:
        """Bring back a run's settings, pictures and paint ("Use these settings"): the request
        is then the one that made that video."""
        inputs = self._inputs.get(run)
        if inputs is None:
            raise ValueError(f"run {run}: its settings were not kept (it was not made here)")
        self._media = {
            **{k: v for k, v in self._media.items() if not _is_input(k)},
            **inputs.media,
        }
        self.kind = inputs.kind
        self.multi_order = list(inputs.multi_order)
        self.pictures = {slot: dict(meta) for slot, meta in inputs.pictures.items()}
        self.params = dict(inputs.params)
        for slot in self._media:
            self._send_media(slot)
        for area in self.areas:
            if f"mask:{area['id']}" not in inputs.media:
                self.send({"type": "media", "slot": f"mask:{area['id']}", "clear": True}, [b""])
        self.areas = [dict(area) for area in inputs.areas]
        self._earlier.clear()

    def remove_run(self, run: str) -> None:
        """Take a run out of the history (its video and sidecar stay on disk)."""
        self.history = [entry for entry in self.history if entry["id"] != run]
        for kept in (self._inputs, self._thumbs, self._videos):
            kept.pop(run, None)

    def _inputs_now(self) -> RunInputs:
        return RunInputs(
            kind=self.kind,
            params=dict(self.params),
            areas=tuple(dict(area) for area in self.areas),
            pictures={slot: dict(meta) for slot, meta in self.pictures.items()},
            multi_order=tuple(self.multi_order),
            media={k: v for k, v in self._media.items() if _is_input(k)},
        )

    # -- painting from Python -----------------------------------------------------------------

    def set_mask(self, area: str, mask: ImageSource | None) -> None:
        """Paint ``area`` ("static", "dynamic-1" … "dynamic-6") from an array or picture, as if
        brushed in; None clears it. The mask is resized to the start frame like any other."""
        self._put_mask(area, mask)

    def _put_mask(self, area: str, mask: ImageSource | None, *, selection: str = "") -> None:
        """``set_mask``; ``selection`` names the browser's ``select`` this mask answers."""
        entry = self._area(area)
        slot = f"mask:{area}"
        media: Media = {"type": "media", "slot": slot}
        if mask is None:
            self._media.pop(slot, None)
            media["clear"] = True
        else:
            width, height = self._picture_size()
            prepared = prepare_mask(mask, size=(width, height), field=area)
            self._media[slot] = paint_png(prepared.array(), entry["colour"])
        if selection:
            media["selection"] = selection
        self.send(media, [self._media.get(slot, b"")])
        self._update_area(area, painted=mask is not None)

    def set_path(self, area: str, points: Sequence[tuple[float, float]]) -> None:
        """A dynamic area's path in top-left image pixels (sent resampled to at most 77)."""
        if self._area(area)["kind"] != "dynamic":
            raise ValueError(f"{area}: only dynamic areas have a path")
        self._update_area(area, path=[[float(x), float(y)] for x, y in points])

    def select(
        self,
        area: str,
        *,
        point: tuple[float, float] | None = None,
        box: tuple[float, float, float, float] | None = None,
        add: bool = False,
        remove: bool = False,
    ) -> Mask:
        """Paint ``area`` with the thing at ``point`` (or inside ``box``, top-left pixels of the
        start frame), found by GrabCut as the painter's click tool finds it: ``add`` joins it to
        what the area has (shift-click), ``remove`` takes it away (alt-click). Returns the
        area's mask."""
        return self._select_now(area, "click", point=point, box=box, add=add, remove=remove)

    def select_subject(self, area: str, *, add: bool = False, remove: bool = False) -> Mask:
        """Paint ``area`` with the picture's main subject (the painter's Subject button)."""
        return self._select_now(area, "subject", add=add, remove=remove)

    def select_colour(
        self,
        area: str,
        point: tuple[float, float],
        *,
        tolerance: float = TOLERANCE_DEFAULT,
        add: bool = False,
        remove: bool = False,
    ) -> Mask:
        """Paint ``area`` with the connected pixels within ``tolerance`` (ΔE, 0–100) of the
        colour at ``point`` (the painter's Colour tool)."""
        return self._select_now(
            area, "colour", point=point, tolerance=tolerance, add=add, remove=remove
        )

    def select_regions(
        self,
        area: str,
        points: Sequence[tuple[float, float]],
        *,
        radius: float = 16,
        add: bool = True,
        remove: bool = False,
    ) -> Mask:
        """Paint (``remove``: erase) ``area`` with every superpixel a brush stroke through
        ``points`` with ``radius`` touched, whole (the painter's Regions tool adds)."""
        return self._select_now(
            area, "regions", points=list(points), radius=radius, add=add, remove=remove
        )

    def lasso(
        self,
        area: str,
        anchors: Sequence[tuple[float, float]],
        *,
        add: bool = False,
        remove: bool = False,
    ) -> Mask:
        """Paint ``area`` inside the loop through ``anchors``, each leg snapped to the picture's
        edges (the painter's Lasso)."""
        return self._select_now(area, "lasso", points=list(anchors), add=add, remove=remove)

    def refine(self, area: str, how: str, amount: float = REFINE_DEFAULT_PX) -> Mask:
        """Refine ``area``'s paint: ``how`` is "grow" or "shrink" (by ``amount`` px), "feather"
        (edge-aware, radius ``amount``), "fill-holes" or "invert"."""
        if how not in REFINE_TOOLS:
            raise InputError("how", f"must be one of {', '.join(REFINE_TOOLS)}", how)
        return self._select_now(area, how, amount=amount)

    def shape_path(self, area: str, shape: str, *, bend: float | None = None) -> Points:
        """Reshape ``area``'s path with a preset (``pathing.SHAPES``: straight, arc, ease-in,
        ease-out, ease-in-out, linear, reverse; ``bend`` for an arc: bulge ÷ chord, positive to
        the left of travel) and set it; returns the new points."""
        dynamic_area(self.areas, area)
        points = shaped(self._area(area)["path"], shape, size=self._picture_size(), bend=bend)
        self.set_path(area, points)
        return points

    def path_from_clip(
        self, area: str, clip: ClipLike, point: tuple[float, float], *, start_frame: int = 0
    ) -> TrackedPath:
        """Follow the thing at ``point`` (the clip's pixels at ``start_frame``, top-left) through
        ``clip`` (a video file or its frames), fit its path to the start frame and set it as
        ``area``'s path; the result's notes say what was cropped, thinned or lost."""
        from kling_studio.paths import track_path

        dynamic_area(self.areas, area)
        tracked = track_path(
            clip, point, picture_size=self._picture_size(), start_frame=start_frame
        )
        self.set_path(area, tracked.points)
        return tracked

    def load_mask(self, area: str, source: ImageSource) -> Mask:
        """Paint ``area`` from a mask file (PNG: its alpha, else its brightness), scaled to the
        start frame; a mask of another shape is refused, naming the file and both sizes."""
        name = Path(source).name if isinstance(source, str | os.PathLike) else "the mask file"
        return self._select_now(area, "file", name=name, buffers=[png_bytes(source)])

    def export_masks(self, folder: str | Path | None = None) -> dict[str, Path]:
        """Every painted area as ``<area>.png``, by area id: in ``folder`` (an existing file is
        never replaced: a new name is taken), or else in a new folder under ``kling-masks/``."""
        target = Path(folder) if folder is not None else export_folder()
        return write_masks(target, self._painted_pngs())

    def _painted_pngs(self) -> dict[str, bytes]:
        return {area: self._media[f"mask:{area}"] for area in self.masks}

    def _select_now(
        self, area: str, tool: str, buffers: Sequence[bytes] = (), **fields: Any
    ) -> Mask:
        """The Python API's selection: the same checks and work as the browser's request, here
        and now; the area's new mask."""
        self._area(area)  # a wrong name is said before any work
        job = self._select_job({"area": area, "tool": tool, **fields}, list(buffers))
        found = selected_mask(job, lambda: True, self._selector.cache)
        assert found is not None  # always current
        self._apply_selection(job, found, tag=False)
        return found.mask

    def _select_job(self, content: Mapping[str, Any], buffers: list[bytes]) -> SelectJob:
        request = asked(content, buffers, [a["id"] for a in self.areas])
        if "image" not in self.pictures or "image" not in self._media:
            raise InputError("image", "must be set before selecting in it", None)
        job = SelectJob(
            asked=request,
            picture=self._picture("image"),
            version=self.pictures["image"].get("version"),
            # What the browser painted reached the kernel before this request (it flushes).
            before=self._media.get(f"mask:{request.area}"),
        )
        check_paint(job, painted=job.before is not None)
        return job

    def _apply_selection(self, job: SelectJob, found: Found, *, tag: bool = True) -> None:
        mask = found.mask if found.mask.any() else None
        self._put_mask(job.area, mask, selection=job.token if tag else "")

    def _same_picture(self, job: SelectJob) -> bool:
        return (self.pictures.get("image") or {}).get("version") == job.version

    def _area(self, area: str) -> dict[str, Any]:
        for entry in self.areas:
            if entry["id"] == area:
                return dict(entry)
        names = ", ".join(a["id"] for a in self.areas)
        raise ValueError(f"no area {area!r}; the areas are {names}")

    def _update_area(self, area: str, **changes: Any) -> None:
        self.areas = [{**a, **changes} if a["id"] == area else a for a in self.areas]

    def _picture_size(self) -> tuple[int, int]:
        meta = self.pictures.get("image")
        if not meta:
            raise ValueError("set a start frame before painting: Studio(image=...)")
        return int(meta["width"]), int(meta["height"])

    # -- state → request ----------------------------------------------------------------------

    def snapshot(self) -> StudioState:
        areas = tuple(
            Area(
                id=a["id"],
                kind=a["kind"],
                mask_png=self._media.get(f"mask:{a['id']}") if a.get("painted") else None,
                path=tuple((float(x), float(y)) for x, y in a.get("path", [])),
            )
            for a in self.areas
        )
        return StudioState(
            kind=self.kind,  # type: ignore[arg-type]
            image=self._media.get("image"),
            tail=self._media.get("tail"),
            multi=tuple(self._media[s] for s in self.multi_order if s in self._media),
            areas=areas,
            params=dict(self.params),
        )

    def _unchecked_request(self) -> Request:
        return request_from_state(sendable(self.snapshot())[0])

    def _checked_request(self) -> Request:
        """The request, once the Studio's own checks pass (the rule table runs when it is
        prepared): nothing the person drew is dropped silently."""
        state = self.snapshot()
        problems = studio_problems(state, self._size())
        if problems:
            raise ValidationError(problems)
        return request_from_state(sendable(state)[0])

    @property
    def prepared(self) -> PreparedRequest:
        """The request as it would be sent (wire payload), or ``ValidationError``."""
        client = self._connect()
        return prepare_request(self._checked_request(), client.provider.docs, strict=client.strict)

    @property
    def request(self) -> Request:
        """The validated request (raises ``ValidationError`` listing every problem)."""
        self.prepared  # noqa: B018 - validation is the point
        return self._unchecked_request()

    @property
    def masks(self) -> dict[str, npt.NDArray[np.bool_]]:
        """Painted areas as boolean arrays at the picture's natural resolution, by area id."""
        return {
            a["id"]: mask_array(self._media[f"mask:{a['id']}"])
            for a in self.areas
            if a.get("painted") and f"mask:{a['id']}" in self._media
        }

    @property
    def trajectories(self) -> dict[str, list[tuple[float, float]]]:
        """Each dynamic area's path in top-left image pixels, by area id."""
        return {
            a["id"]: [(float(x), float(y)) for x, y in a["path"]]
            for a in self.areas
            if a["kind"] == "dynamic" and a.get("path")
        }

    @property
    def result(self) -> Download | None:
        """The latest finished run's files (video, sidecar), or None."""
        return self._result

    def motion(self, run: str | None = None, *, timeout: float | None = 120) -> MotionCheck | None:
        """The motion check of ``run`` (default: the latest), waiting up to ``timeout`` seconds
        for it; None when the run asked for no motion (no brush, no camera move)."""
        run = run or (self._result.task.task_id if self._result else None)
        running = self._motion.get(run or "")
        return None if running is None else running.result(timeout=timeout)

    def _check_motion(
        self,
        client: AsyncKlingClient,
        saved: Download,
        payload: Mapping[str, Any],
        tail: bytes | None,
    ) -> None:
        """Measure the saved video against what was asked — the brush and camera sent, or
        carried as an end frame and words — the scores joining its history entry when ready
        (the video plays meanwhile)."""
        run = saved.task.task_id
        intent = self._carrier.intent(client.motion_intent(run), payload, tail)
        if intent is None:
            return

        def report(check: MotionCheck) -> None:
            self.history = [
                {**entry, "motion": dict(check)} if entry["id"] == run else entry
                for entry in self.history
            ]
            if self._result is not None and self._result.task.task_id == run:
                self._result = replace(self._result, motion=dict(check))

        self._motion[run] = self._runner.submit(measure_saved(client, saved, intent, report))

    # -- the brush and the camera carried to a model that takes neither -------------------------

    def make_end_frame(self) -> EndFrame:
        """The last frame the brush asks for — each dynamic area at its path's end, the static
        area untouched, the uncovered background inpainted — shown in the Studio for approval;
        ``use_end_frame()`` then sends it as the end frame (``image_tail``)."""
        control = end_frame_control(self.snapshot())
        if not control["enabled"]:
            raise InputError("end_frame", control["reason"], self.params.get("model_name"))
        size = self._size()
        assert size is not None  # a start frame is there: the control says so
        picture = np.asarray(self._picture("image").image().convert("RGB"))
        made = self._carrier.make(picture, painted(self.areas, self.masks, size))
        self.send({"type": "media", "slot": "end-frame"}, [made.png])
        return made.frame

    def use_end_frame(self) -> None:
        """Put the end frame just made into the end frame slot; ``undo_picture("tail")`` puts
        back what it replaced. Results are then measured against the brush."""
        made = self._carrier.made
        if made is None:
            raise ValueError("end_frame: make the end frame first (make_end_frame())")
        self._store_picture(
            "tail",
            display_copy(made.png, name=END_FRAME_NAME, field="image_tail"),
            undo="the brush's end frame",
        )
        self._send_media("tail")
        self._carrier.used(self._media["tail"])
        self._refresh()

    def add_camera_phrase(self, text: str | None = None) -> str:
        """Add the camera move in words (the offered phrase, or ``text`` as edited) to the
        prompt, for a model without ``camera_control``; returns the new prompt."""
        state = self.snapshot()
        camera = camera_from(state.params)
        words = (text if text is not None else offered_phrase(state)).strip()
        if camera is None:
            raise InputError("camera_control", "must be set to be added as words", None)
        if not words:
            raise InputError("camera_phrase", "must not be empty", text)
        prompt = with_phrase(str(self.params.get("prompt") or ""), words)
        self._carrier.words = (with_phrase("", words).rstrip("."), camera)  # as the prompt has it
        self.params = {**self.params, "prompt": prompt}
        return prompt

    def compare(self, vary: Mapping[str, Sequence[Any]], **options: Any) -> Compare:
        """A sweep of the current request: ``studio.compare({"cfg_scale": [0.3, 0.8]})``."""
        request = self.request
        if not isinstance(request, Image2VideoRequest):
            raise ValueError("compare sweeps image-to-video requests; switch off multi-image mode")
        client = self._connect()
        options.setdefault("budget_units", client.budget_units)  # the Studio's budget holds
        return Compare(base=request, vary=vary, connection=client.connection, **options)

    # -- what a reader without a kernel sees ---------------------------------------------------

    def _ipython_display_(self) -> None:
        """The live view, and right after it the static view a reader without a kernel sees
        (``showing.py``), kept current as results arrive."""
        self._stills.show(self._repr_mimebundle_())

    def static(self) -> Still:
        """The static view alone (the run shown last, or the settings before any), to display
        where a reader without a kernel should see it."""
        return Still(*self._static_view(""))

    def _static_view(self, still_id: str) -> tuple[str, str]:
        still = self._still()
        return studio_html(still, still_id), still.title

    def _still(self) -> StudioStill:
        shown = [r for r in self.history if r["id"] == self._shown] or self.history[-1:]
        if shown:
            return run_still(
                shown[0], provider=self.provider, embed=self.embed, posters=self._posters
            )
        start = self._media.get("image")
        return draft_still(self.params, self.areas, start, provider=self.provider)

    def to_code(self, folder: str | Path = "studio-assets") -> str:
        """Python that reproduces the current request with the client API."""
        return to_code(self._unchecked_request(), Path(folder))

    # -- validation and controls --------------------------------------------------------------

    def _models_for_kind(self, change: Mapping[str, Any]) -> None:
        """Multi-image video takes its own models: switching to it picks the model when only
        one fits (and remembers the one chosen before); switching back restores that one."""
        model = self.params.get("model_name")
        if change["new"] == "multi-image2video":
            fits = MULTI_IMAGE.models
            if model not in fits and len(fits) == 1:
                self._single_model = model
                self.params = {**self.params, "model_name": fits[0]}
        elif self._single_model is not None and model in MULTI_IMAGE.models:
            self.params = {**self.params, "model_name": self._single_model}
            self._single_model = None

    def _refresh(self, _change: object = None) -> None:
        params = self.params
        state = self.snapshot()
        sent = sendable(state)[0]  # what the chosen model takes is what is priced
        self.controls = controls_for(
            params.get("model_name"),
            params.get("mode"),
            params.get("duration"),
            used=used_groups(sent),
            multi_image=self.kind == "multi-image2video",
        )
        self.units = estimate(
            params.get("model_name"),
            params.get("mode"),
            params.get("duration"),
            sound=sent.params.get("sound") == "on",
            voice=any(v.get("voice_id") for v in sent.params.get("voice_list") or []),
        )
        self._refresh_spend()
        self.carried = dict(
            carried(
                state,
                end_frame_in_use=self._carrier.in_use is not None
                and self._media.get("tail") is self._carrier.in_use.png,
                words_added=self._carrier.words[0] if self._carrier.words else None,
            )
        )
        painted = self._painted_labels()
        problems = [*self._picture_problems(), *self._quick_problems(state)]
        self.problems = [dict(_problem_json(p, painted)) for p in problems]

    def _picture_problems(self) -> list[Problem]:
        """What Kling would refuse the pictures in use for, said as soon as they arrive."""
        multi = self.kind == "multi-image2video"
        fields = (
            {slot: f"image_list[{i}]" for i, slot in enumerate(self.multi_order)}
            if multi
            else {"image": "image", "tail": "image_tail"}
        )
        return [
            Problem(field, problem["text"])
            for slot, field in fields.items()
            for problem in (self.pictures.get(slot) or {}).get("problems", [])
        ]

    def _quick_problems(self, state: StudioState) -> list[Problem]:
        """Every rule problem that is cheap to find on each edit (media is checked on upload)."""
        client = self._connect()
        return quick_problems(state, client.provider.docs, self._size(), strict=client.strict)

    def _name_controls(self, error: ValidationError) -> None:
        """Python keeps the request's field paths; a note says which control each one is."""
        painted = self._painted_labels()
        named = {
            p.field: words
            for p in error.problems
            if (words := control_words(p.field, painted)) != p.field
        }
        if named:
            error.add_note("in the Studio: " + "; ".join(f"{f} is {w!r}" for f, w in named.items()))

    def _painted_labels(self) -> list[str]:
        """The painted dynamic areas' labels, in the order the request lists their masks."""
        return [a["label"] for a in self.areas if a["kind"] == "dynamic" and a.get("painted")]

    def _size(self) -> tuple[int, int] | None:
        meta = self.pictures.get("image") or {}
        return (int(meta["width"]), int(meta["height"])) if meta.get("width") else None

    # -- messages from the browser ------------------------------------------------------------

    def _on_message(
        self, _widget: object, content: Mapping[str, Any], buffers: Sequence[bytes]
    ) -> None:
        if is_request(content):
            answer(self, content, [bytes(b) for b in buffers], COMMANDS)
            return
        handler = MESSAGE_HANDLERS.get(str(content.get("type")))
        if handler is None:
            log.warning("Studio: unknown message %r", content.get("type"))
            return
        try:
            handler(self, content, [bytes(b) for b in buffers])
        except (KlingError, InputError, ValueError, OSError) as error:
            self.status = {**self.status, "phase": "error", "message": " ".join(str(error).split())}

    def _hello(self, _content: Mapping[str, Any], _buffers: list[bytes]) -> None:
        self.send({"type": "live", "still": self._stills.still_id})
        for slot in self._media:
            self._send_media(slot)
        shown = self._shown if self._shown in self._videos else next(reversed(self._videos), None)
        if shown is not None:  # the video the view showed, or the newest still in the history
            self._send_video(shown)
        for run, thumb in self._thumbs.items():
            self.send({"type": "media", "slot": f"thumb:{run}"}, [thumb])

    def _upload_begin(self, content: Mapping[str, Any], _buffers: list[bytes]) -> Accepted:
        """A request: an upload over the limit is refused with its reason before any chunk."""
        self._uploads.begin(
            str(content["id"]), str(content["slot"]), str(content["name"]), int(content["size"])
        )
        self.status = {
            "phase": "uploading",
            "message": f"receiving {content['name']}",
            "progress": 0.0,
        }
        return {"ok": True}

    def _upload_chunk(self, content: Mapping[str, Any], buffers: list[bytes]) -> None:
        received = self._uploads.chunk(str(content["id"]), int(content["index"]), buffers[0])
        self.status = {**self.status, "progress": round(received, 3)}

    def _upload_end(self, content: Mapping[str, Any], _buffers: list[bytes]) -> Future[Reply]:
        """A request: the picture is decoded and checked on the widget's loop (the kernel stays
        free); the reply says which slot took it, or why it was refused."""
        try:
            slot, name, data = self._uploads.end(str(content["id"]))
        except InputError:
            self._idle()
            raise
        if slot == CLIP_SLOT:  # not a picture: the painter's path bar shows its progress
            self._idle()
            return self._paths.take_clip(name, data)
        return self._runner.submit(self._take_picture(slot, name, _given(data)))

    def _fetch_url(self, content: Mapping[str, Any], _buffers: list[bytes]) -> Future[Reply]:
        """A request: fetched on the widget's own loop, so the kernel stays free for a slow or
        large download; the reply (picture or the URL's problem) comes when it ends."""
        slot, url = str(content["slot"]), str(content["url"])
        self.status = {"phase": "uploading", "message": f"fetching {url}", "progress": 0.0}
        name = Path(url.split("?")[0]).name or url
        return self._runner.submit(self._take_picture(slot, name, _fetch(url, slot_field(slot))))

    async def _take_picture(
        self, slot: str, name: str, data: Coroutine[Any, Any, bytes]
    ) -> PictureTaken:
        """Decode a browser's picture and put it in its slot (what Kling's size rules would
        refuse is said under it, with its fixes); on any failure the status goes back to idle
        (the error travels in the reply)."""
        field = slot_field(slot)
        try:
            picture = await asyncio.to_thread(display_copy, await data, name=name, field=field)
            target = self._free_multi_slot() if slot == "multi" else slot
            self._store_picture(target, picture)
        except BaseException:
            self._idle()
            raise
        size = f"{picture.width}×{picture.height}"
        self.status = {"phase": "idle", "message": f"{picture.name}: {size}"}
        return {
            "ok": True,
            "slot": target,
            "name": picture.name,
            "width": picture.width,
            "height": picture.height,
        }

    def _idle(self) -> None:
        self.status = {"phase": "idle"}

    def _mask(self, content: Mapping[str, Any], buffers: list[bytes]) -> None:
        area = str(content["area"])
        if buffers and buffers[0]:
            self._media[f"mask:{area}"] = buffers[0]
        else:
            self._media.pop(f"mask:{area}", None)
        self._refresh()

    def _select_asked(self, content: Mapping[str, Any], buffers: list[bytes]) -> Future[Reply]:
        """A request: one of the painter's selection tools into an area (``selecting.TOOLS``),
        worked out off the kernel's event loop; answered once the area's mask is sent, or
        superseded by a newer ``select`` for the same area (whose result is the only one
        applied)."""
        job = self._select_job(content, buffers)
        return self._selector.submit(job, self._apply_selection, self._same_picture)

    def _export_masks_asked(self, _content: Mapping[str, Any], _buffers: list[bytes]) -> Reply:
        """A request: every painted area as a PNG in a new folder; where, and the files."""
        pngs = self._painted_pngs()
        if not pngs:
            raise InputError("masks", "at least one area must be painted to export", "none painted")
        folder = export_folder()
        written = write_masks(folder, pngs)
        exported: MasksExported = {
            "ok": True,
            "folder": shown_folder(folder),
            "files": {area: path.name for area, path in written.items()},
        }
        return exported

    def _make_end_frame_asked(
        self, _content: Mapping[str, Any], _buffers: list[bytes]
    ) -> Future[Reply]:
        """A request: the brush's end frame, made off the kernel's event loop; its picture is
        sent as media ``end-frame`` before the answer."""

        async def made() -> Reply:
            frame = await asyncio.to_thread(self.make_end_frame)
            height, width = frame.image.shape[:2]
            answer: EndFrameMade = {
                "ok": True,
                "width": int(width),
                "height": int(height),
                "notes": list(frame.notes),
            }
            return answer

        return self._runner.submit(made())

    def _use_end_frame_asked(self, _content: Mapping[str, Any], _buffers: list[bytes]) -> Reply:
        self.use_end_frame()
        meta = self.pictures["tail"]
        taken: PictureTaken = {
            "ok": True,
            "slot": "tail",
            "name": str(meta["name"]),
            "width": int(meta["width"]),
            "height": int(meta["height"]),
        }
        return taken

    def _add_camera_phrase_asked(self, content: Mapping[str, Any], _buffers: list[bytes]) -> Reply:
        self.add_camera_phrase(str(content.get("text") or ""))
        accepted: Accepted = {"ok": True}
        return accepted

    def _shape_path_asked(self, content: Mapping[str, Any], _buffers: list[bytes]) -> Reply:
        """A request: a preset's points for the view to record (``pathing``)."""
        return shape_path_asked(content, self.areas, self._size())

    def _track_path_asked(self, content: Mapping[str, Any], _buffers: list[bytes]) -> Future[Reply]:
        """A request: a path from the clip, followed off the kernel's event loop (``pathing``)."""
        return track_path_asked(content, self.areas, self._size(), self._paths)

    def _remove(self, content: Mapping[str, Any], _buffers: list[bytes]) -> None:
        self.remove_picture(str(content["slot"]))

    def _fix_clicked(self, content: Mapping[str, Any], _buffers: list[bytes]) -> None:
        self.fix_picture(str(content["slot"]), str(content["fix"]))

    def _undo_picture_clicked(self, content: Mapping[str, Any], _buffers: list[bytes]) -> None:
        self.undo_picture(str(content["slot"]))

    def _generate_asked(self, content: Mapping[str, Any], _buffers: list[bytes]) -> Future[Reply]:
        """A request answered when Kling has the task (its id) or the run is refused or stopped
        first; the run's progress goes on in ``status``."""
        created: Future[Reply] = Future()
        run = self._submit(self._generate(bool(content.get("allow_over_budget")), created=created))
        run.add_done_callback(lambda done: settle(created, self._ended_early(done)))
        return created

    def _ended_early(self, done: Future[Any]) -> Reply:
        """The reply for a run that ended before Kling had its task, in the status's words
        when the run got far enough to write them."""
        said = str(self.status.get("message", ""))
        phase = self.status.get("phase")
        if done.cancelled():
            text = said if phase == "stopped" and said else stopped_message(None, None, sent=False)
            return refused("generate", "was stopped before Kling answered", None, text)
        error = done.exception()
        if error is None:  # it finished; the reply went when the task was created
            return {"ok": True, "task_id": str(self._ids["task_id"]), "external_id": None}
        reply = refusal(error, "generate")
        if phase in ("error", "over-budget") and said:
            return {"ok": False, "error": {**reply["error"], "text": self._said_failure()}}
        return reply

    def _said_failure(self) -> str:
        """The status's failure in one text, for the alert beside Generate: the headline, the
        problems in words, the advice, and the codes in brackets."""
        status = self.status
        listed = "; ".join(p["text"] for p in status.get("problems") or [])
        text = f"{status.get('message', '')}: {listed}" if listed else str(status.get("message"))
        if status.get("advice"):
            text += f" — {status['advice']}"
        return text + (f" ({status['details']})" if status.get("details") else "")

    def _stop_clicked(self, _content: Mapping[str, Any], _buffers: list[bytes]) -> None:
        self.stop()

    def _resume_asked(self, _content: Mapping[str, Any], _buffers: list[bytes]) -> Future[Reply]:
        """A request answered once the tasks to wait for are known (or there are none)."""
        begun: Future[Reply] = Future()
        wanted = {str(offered["external_id"]) for offered in self.resumable}  # as offered
        run = self._submit(self._resume(wanted, begun=begun))
        run.add_done_callback(lambda done: settle(begun, _resume_ended(done)))
        return begun

    def _dismiss_clicked(self, _content: Mapping[str, Any], _buffers: list[bytes]) -> None:
        self.resumable = []

    def _use_run_clicked(self, content: Mapping[str, Any], _buffers: list[bytes]) -> None:
        self.use_run(str(content["run"]))

    def _remove_run_clicked(self, content: Mapping[str, Any], _buffers: list[bytes]) -> None:
        self.remove_run(str(content["run"]))

    def _play(self, content: Mapping[str, Any], _buffers: list[bytes]) -> None:
        self._send_video(str(content["run"]))

    # -- messages to the browser --------------------------------------------------------------

    def _send_media(self, slot: str) -> None:
        data = self._media.get(slot)
        if data is not None:
            self.send({"type": "media", "slot": slot}, [data])

    def _send_video(self, run: str) -> None:
        """Announce the run's video without its bytes: the browser plays the saved file from
        the Jupyter server when it can (streamed, so it starts at once) and asks for the bytes
        (``video-bytes``) only when it cannot."""
        path = self._videos.get(run)
        if path is None:
            return
        self._shown = run
        announced: Media = {"type": "media", "slot": "video", "run": run, "path": str(path)}
        if path.exists():  # a file moved away is still announced: asked for, it is refused
            announced["size"] = path.stat().st_size
        self.send(announced)

    def _video_bytes(self, content: Mapping[str, Any], _buffers: list[bytes]) -> Accepted:
        """A request: the video's bytes as a ``media`` message, then the reply; refused when
        the run is no longer in the history or its file is gone."""
        run = str(content["run"])
        path = self._videos.get(run)
        if path is None:
            raise InputError("video", "must be a run in this Studio's history", run)
        if not path.is_file():
            raise InputError("video", "must still be on disk where it was saved", path)
        data = path.read_bytes()
        self.send({"type": "media", "slot": "video", "run": run, "path": str(path)}, [data])
        return {"ok": True}

    # -- generation ---------------------------------------------------------------------------

    def start(self, *, allow_over_budget: bool = False) -> Future[Download]:
        """Begin generating in the background (what the Generate button does). Over the day's
        budget nothing is sent (``BudgetExceeded``) unless ``allow_over_budget``."""
        return self._submit(self._generate(allow_over_budget))

    async def generate(self, *, allow_over_budget: bool = False) -> Download:
        """Generate the current request; the kernel stays free while it runs."""
        return await asyncio.wrap_future(self.start(allow_over_budget=allow_over_budget))

    def generate_sync(self, *, allow_over_budget: bool = False) -> Download:
        """Generate and block until the video is ready (status still streams to the widget)."""
        return self.start(allow_over_budget=allow_over_budget).result()

    def stop(self) -> bool:
        """Stop waiting for the current task (what Stop waiting does); False when none runs.

        Kling has no cancel: the task still runs and is billed. It stays in the journal, so
        ``resume()``, the Resume button or ``kling-studio resume`` picks it up later.
        """
        running, work = self._running, self._work
        if running is None or running.done():
            return False
        if work is None:  # not started on the loop yet: it never will
            return running.cancel()
        self._runner.loop.call_soon_threadsafe(work.cancel)
        return True

    def resume(self, external_ids: Sequence[str] | None = None) -> Future[list[Download]]:
        """Wait for each task an earlier session (or a stopped wait) left unfinished or
        unsaved, download it once and add it to the history; ``external_ids`` picks some."""
        wanted = None if external_ids is None else set(external_ids)
        return self._submit(self._resume(wanted))

    def _submit(self, work: Coroutine[Any, Any, T]) -> Future[T]:
        if self._running is not None and not self._running.done():
            work.close()
            raise RuntimeError("this Studio is already working on a task; wait, or stop waiting")
        running = self._runner.submit(self._tracked(work))
        self._running = running
        return running

    async def _tracked(self, work: Coroutine[Any, Any, T]) -> T:
        """Runs ``work`` as the task Stop waiting cancels, with the heartbeat going."""
        self._work = asyncio.current_task()
        try:
            async with beating(self.send):
                return await work
        finally:
            self._work = None
            self._unfollow()

    def _follow(self, task_id: str | None, external_id: str | None) -> None:
        """The ids of the task now waited for: in the status, and kept out of resume offers in
        this kernel while the wait lasts."""
        self._unfollow()
        self._ids = {"task_id": task_id, "external_id": external_id}
        self._followed = (task_id, external_id)
        begin_waiting(*self._followed)

    def _unfollow(self) -> None:
        """The wait is over (the ids stay in the status)."""
        end_waiting(*self._followed)
        self._followed = ()

    def _set_status(self, phase: str, **fields: Any) -> None:
        """A new status, always carrying the current task's ids."""
        self.status = {"phase": phase, **self._ids, **fields}

    async def _generate(
        self, allow_over_budget: bool, *, created: Future[Reply] | None = None
    ) -> Download:
        client = self._connect()
        began = time.monotonic()
        self._follow(None, str(self.params.get("external_task_id") or "") or new_external_id())
        sent = False
        self._set_status("preparing", message="checking the request", elapsed=0.0)
        ticker: asyncio.Task[None] | None = None
        inputs = self._inputs_now()  # what "Use these settings" brings back
        tail = self._media.get("tail")  # the end frame as sent: the brush's, or not
        try:
            prepared = await client.prepare(self._checked_request())
            sent = True
            task = await client.create(
                prepared,
                notify=self._note,
                external_id=self._ids["external_id"],
                allow_over_budget=allow_over_budget,
                directory=self._output_dir,
            )
            self._follow(task.task_id, self._ids["external_id"])
            self._set_status("submitted", message=f"sent; Kling calls it task {task.task_id}")
            if created is not None:
                answer_created: TaskCreated = {
                    "ok": True,
                    "task_id": task.task_id,
                    "external_id": self._ids["external_id"],
                }
                settle(created, answer_created)
            latest: list[Seen] = []
            ticker = asyncio.create_task(self._tick(latest, began))
            finished = await client.wait(task, on_event=_recorder(latest))
            ticker.cancel()
            self._set_status("downloading", message="saving the video")
            saved = await client.download(finished, self._output_dir)
            seconds = time.monotonic() - began
            self._add_run(saved, prepared.summary, seconds, inputs=inputs)
            self._check_motion(client, saved, prepared.payload, tail)
            self._reread_journal_safely()  # the spend line is current when "succeed" shows
            self._set_status(
                "succeed", message=f"saved {saved.video}", elapsed=round(seconds, 1), progress=1.0
            )
            return saved
        except asyncio.CancelledError:
            self._stopped(began, sent=sent)
            raise
        except BudgetExceeded as error:
            self._follow(None, None)  # refused before filing: no task to speak of
            self._set_status("over-budget", message=over_budget_message(error))
            raise
        except (KlingError, ValueError, OSError) as error:
            if isinstance(error, ValidationError):
                self._name_controls(error)
            self._set_status(
                "error",
                **failure_text(error),
                problems=[
                    _problem_json(p, self._painted_labels()) for p in getattr(error, "problems", ())
                ],
                elapsed=round(time.monotonic() - began, 1),
            )
            raise
        except Exception as error:  # never left showing a running state
            self._set_status(
                "error",
                message=f"unexpected {type(error).__name__}: {' '.join(str(error).split())}",
                advice="the task, if it was sent, is in the journal: studio.resume() finds it",
                elapsed=round(time.monotonic() - began, 1),
            )
            raise
        finally:
            if ticker is not None:
                ticker.cancel()
            self._unfollow()
            self._reread_journal_safely()

    def _stopped(self, began: float, *, sent: bool) -> None:
        if not sent:
            self._follow(None, None)
        finished = self.status.get("phase") in FINISHED_PHASES
        message = stopped_message(
            self._ids["task_id"], self._ids["external_id"], sent=sent, finished=finished
        )
        self._set_status("stopped", message=message, elapsed=round(time.monotonic() - began, 1))

    async def _resume(
        self, wanted: set[str] | None, *, begun: Future[Reply] | None = None
    ) -> list[Download]:
        client = self._connect()
        entries = [
            entry
            for entry in await asyncio.to_thread(client.pending)
            if wanted is None or entry.external_id in wanted
        ]
        if not entries:
            self._follow(None, None)
            self._set_status("idle", message=NOTHING_TO_RESUME)
            self._reread_journal_safely()  # the offer showed tasks that are done by now
            return []
        if begun is not None:
            begin: ResumeBegun = {"ok": True, "tasks": len(entries)}
            settle(begun, begin)
        saved: list[Download] = []
        notes: list[str] = []
        try:
            for number, entry in enumerate(entries, 1):
                note = await self._resume_one(client, entry, f"{number} of {len(entries)}")
                if isinstance(note, Download):
                    saved.append(note)
                else:
                    notes.append(note)
        finally:
            self._unfollow()
            self._reread_journal()
        done = f"resumed {len(saved)} of {len(entries)} task{'' if len(entries) == 1 else 's'}"
        self._set_status(
            "succeed" if len(saved) == len(entries) else "error",
            message="; ".join([done, *notes]),
            progress=1.0,
        )
        return saved

    async def _resume_one(
        self, client: AsyncKlingClient, entry: JournalEntry, which: str
    ) -> Download | str:
        """The task's video, or a note saying why there is none."""
        began = time.monotonic()
        self._follow(entry.task_id, entry.external_id)
        self._set_status("resuming", message=f"resuming task {which}", elapsed=0.0)
        latest: list[Seen] = []
        ticker = asyncio.create_task(self._tick(latest, began))
        directory = None if entry.directory else self._output_dir
        try:
            download = await client.resume_one(entry, directory, on_event=_recorder(latest))
        except asyncio.CancelledError:
            self._stopped(began, sent=True)
            raise
        except (KlingError, OSError) as error:
            return f"{entry.task_id or entry.external_id}: {' '.join(str(error).split())}"
        finally:
            ticker.cancel()
        if download is None:
            return f"{entry.external_id} never reached Kling (nothing was charged)"
        self._follow(download.task.task_id, entry.external_id)
        self._add_run(download, entry.summary, time.monotonic() - began, resumed=True)
        return download

    def _note(self, text: str) -> None:
        self.status = {**self.status, "message": text}

    async def _tick(self, latest: list[Seen], began: float) -> None:
        """Push elapsed time, queue/processing split and ETA at least twice a second, in real
        seconds; the message follows the task's status as it changes."""
        speed = self._connect().clock.from_server(1.0)  # how much faster the service runs
        while True:
            seen_at, event = latest[-1] if latest else (time.monotonic(), None)
            if event is not None and event.task.task_id != self._ids["task_id"]:
                self._follow(event.task.task_id, self._ids["external_id"])
            now = time.monotonic()
            phase = event.status if event else str(self.status.get("phase", "submitted"))
            message = self.status.get("message", "")
            if phase != self.status.get("phase"):
                message = PHASE_WORDS.get(phase, message)
            self._set_status(
                phase,
                **live_times(now - began, event, seen_ago=now - seen_at),
                progress=round(event.progress if event else StatusEvent.EARLY_PROGRESS, 3),
                message=message,
                clock_speed=speed,
            )
            await asyncio.sleep(TICK_SECONDS)

    def _add_run(
        self,
        saved: Download,
        summary: Mapping[str, Any],
        seconds: float,
        *,
        resumed: bool = False,
        inputs: RunInputs | None = None,
    ) -> None:
        """A saved run joins the history and plays in the cell."""
        run = saved.task.task_id
        self._result = saved
        if inputs is not None:
            self._inputs[run] = inputs
        self._videos[run] = saved.video
        thumb = _thumbnail(saved.video)
        if thumb:
            self._thumbs[run] = thumb
            self.send({"type": "media", "slot": f"thumb:{run}"}, [thumb])
        entry = run_entry(
            saved,
            summary,
            seconds=seconds,
            external_id=self._ids["external_id"],
            resumed=resumed,
            restorable=inputs is not None,
        )
        self.history = [*[h for h in self.history if h["id"] != run], dict(entry)]
        self._send_video(run)


def _thumbnail(video: Path) -> bytes | None:
    """A small JPEG of the clip's first frame, for the history list."""
    import av

    try:
        with av.open(str(video)) as container:
            frame = next(container.decode(video=0)).to_image()  # type: ignore[no-untyped-call]
    except (av.FFmpegError, StopIteration, OSError):
        return None
    frame.thumbnail((160, 160))
    buffer = io.BytesIO()
    frame.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


async def _make_client(provider: Provider | None) -> AsyncKlingClient:
    return AsyncKlingClient(provider)


async def _fetch(url: str, field: str = "image") -> bytes:
    """A picture from the web, fetched by the kernel (without any credentials)."""
    async with httpx.AsyncClient(follow_redirects=True, timeout=60) as http:
        return await fetch_picture(http, url, field)


async def _given(data: bytes) -> bytes:
    """Bytes already here, awaited like a fetch's."""
    return data


def _resume_ended(done: Future[list[Download]]) -> Reply:
    """The reply for a resume that ended before it began waiting: nothing to resume, or why."""
    if done.cancelled():
        return refused("resume", "was stopped before it began", None, "Stopped before it began.")
    error = done.exception()
    if error is not None:
        return refusal(error, "resume")
    text = "Nothing to resume: the offered tasks have been saved or picked up elsewhere."
    return refused("resume", "needs an unfinished task", "none left", text)


Handler = Callable[[Studio, Mapping[str, Any], list[bytes]], None]
MESSAGE_HANDLERS: Mapping[str, Handler] = {
    "hello": Studio._hello,
    "upload-chunk": Studio._upload_chunk,
    "mask": Studio._mask,
    "remove": Studio._remove,
    "fix-picture": Studio._fix_clicked,
    "undo-picture": Studio._undo_picture_clicked,
    "stop": Studio._stop_clicked,
    "dismiss": Studio._dismiss_clicked,
    "play": Studio._play,
    "use-run": Studio._use_run_clicked,
    "remove-run": Studio._remove_run_clicked,
}
"""Browser message type → handler, for what cannot fail in a way the person must hear of."""

COMMANDS: Mapping[str, Command[Studio]] = {
    "upload-begin": Command(Studio._upload_begin, field="image"),
    "upload-end": Command(Studio._upload_end, field="image"),
    "fetch-url": Command(Studio._fetch_url, field="url"),
    "shape-path": Command(Studio._shape_path_asked, field="path"),
    "track-path": Command(Studio._track_path_asked, field="clip"),
    "generate": Command(Studio._generate_asked, field="generate"),
    "resume": Command(Studio._resume_asked, field="resume"),
    "video-bytes": Command(Studio._video_bytes, field="video"),
    "select": Command(Studio._select_asked, field="select"),
    "export-masks": Command(Studio._export_masks_asked, field="masks"),
    "make-end-frame": Command(Studio._make_end_frame_asked, field="end_frame"),
    "use-end-frame": Command(Studio._use_end_frame_asked, field="end_frame"),
    "add-camera-phrase": Command(Studio._add_camera_phrase_asked, field="camera_phrase"),
}
"""Requests (``replies.answer``): what can fail, each answered with its outcome or its error."""
