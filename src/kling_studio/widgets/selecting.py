"""The painter's selection tools on the kernel's side: one ``select`` request (or one Python
call) → the area's new paint.

``TOOLS`` is the one table: each tool's row says how its fields are read and checked (``read``,
pure, raising ``InputError(field, rule, value)``) and how its mask is worked out (``work``, in
the selection worker). The browser's ``select`` and the Studio's Python methods both go through
``asked`` → ``SelectJob`` → ``selected_mask``, so a tool behaves the same from either side.
``Selector`` runs the browser's requests on a one-thread worker driven from the loop thread: a
newer request for an area supersedes an unfinished one, whose reply says so and whose result is
never applied. ``PictureCache`` keeps what a picture costs to prepare (its array and its
superpixels) for as long as the picture stays the same.
"""

from __future__ import annotations

import asyncio
import io
import math
import os
import threading
import time
from collections.abc import Callable, Coroutine, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from numbers import Real
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TypeVar, cast

import numpy as np
import numpy.typing as npt
from PIL import Image

from kling_studio.api.download import write_new
from kling_studio.api.images import ImageSource
from kling_studio.api.input_error import InputError
from kling_studio.selection.limits import (
    REFINE_DEFAULT_PX,
    REFINE_MAX_PX,
    TOLERANCE_DEFAULT,
    TOLERANCE_RANGE,
)
from kling_studio.selection.masks_io import mask_array

from .contract import Reply, Selected
from .folders import claim_folder
from .replies import refused, settle, settled

if TYPE_CHECKING:
    from kling_studio.selection import Superpixels

    from .media import Picture

Mask = npt.NDArray[np.bool_]
T = TypeVar("T")
MASKS_FOLDER: Final = "kling-masks"
"""Where ``export-masks`` makes a new folder, under the kernel's working folder."""


# -- reading a request's fields (pure) -----------------------------------------------------------


def numbers(content: Mapping[str, Any], key: str, count: int) -> tuple[float, ...] | None:
    """``count`` finite numbers under ``key`` as a tuple, or None when absent."""
    value = content.get(key)
    if value is None:
        return None
    if not isinstance(value, list | tuple) or len(value) != count or not all(map(_finite, value)):
        raise InputError(key, f"must be {count} finite numbers", value)
    return tuple(float(v) for v in value)


def _finite(value: object) -> bool:
    """A real number (numpy's too, from the Python API), not a bool, not NaN or infinite."""
    real = isinstance(value, Real) and not isinstance(value, bool | np.bool_)
    return real and math.isfinite(cast(float, value))


def _point(content: Mapping[str, Any], rule: str) -> tuple[float, float]:
    point = numbers(content, "point", 2)
    if point is None:
        raise InputError("point", rule, None)
    return (point[0], point[1])


def _points(content: Mapping[str, Any], least: int, rule: str) -> list[tuple[float, float]]:
    value = content.get("points")
    if not isinstance(value, list | tuple):
        raise InputError("points", rule, value)
    points = [numbers({"points": p}, "points", 2) for p in value]
    if len(points) < least:
        raise InputError("points", rule, f"{len(points)} point{'s' * (len(points) != 1)}")
    return [(p[0], p[1]) for p in points if p is not None]


def _number(
    content: Mapping[str, Any], key: str, default: float, low: float, high: float, *, above: bool
) -> float:
    """A number in [low, high] (or (low, high] when ``above``), ``default`` when absent."""
    value = content.get(key, default)
    if value is None:
        value = default
    if not _finite(value) or value > high or value < low or (above and value == low):
        side = "more than" if above else "at least"
        raise InputError(key, f"must be {side} {low:g} and at most {high:g}", value)
    return float(value)


def _read_click(content: Mapping[str, Any], _buffers: list[bytes]) -> dict[str, Any]:
    point, box = numbers(content, "point", 2), numbers(content, "box", 4)
    if point is None and box is None:
        raise InputError("point", "a click or a box is needed to select something", None)
    return {"point": point, "box": box}


def _read_nothing(_content: Mapping[str, Any], _buffers: list[bytes]) -> dict[str, Any]:
    return {}


def _read_colour(content: Mapping[str, Any], _buffers: list[bytes]) -> dict[str, Any]:
    low, high = TOLERANCE_RANGE
    return {
        "point": _point(content, "a click is needed to select a colour"),
        "tolerance": _number(content, "tolerance", TOLERANCE_DEFAULT, low, high, above=False),
    }


def _read_regions(content: Mapping[str, Any], _buffers: list[bytes]) -> dict[str, Any]:
    value = content.get("radius")
    if not _finite(value) or cast(float, value) <= 0:
        raise InputError("radius", "must be more than 0 pixels", value)
    return {
        "points": _points(content, 1, "a stroke needs at least one point"),
        "radius": float(cast(float, value)),
    }


def _read_lasso(content: Mapping[str, Any], _buffers: list[bytes]) -> dict[str, Any]:
    return {"points": _points(content, 3, "a closed lasso needs at least 3 points")}


def _read_file(content: Mapping[str, Any], buffers: list[bytes]) -> dict[str, Any]:
    name = str(content.get("name") or "the mask file")
    if not buffers or not buffers[0]:
        raise InputError("file", "must hold a mask picture (PNG)", f"{name}: empty")
    return {"data": bytes(buffers[0]), "name": name}


def _read_amount(content: Mapping[str, Any], _buffers: list[bytes]) -> dict[str, Any]:
    default = float(REFINE_DEFAULT_PX)
    return {"amount": _number(content, "amount", default, 0, REFINE_MAX_PX, above=True)}


# -- working a mask out (in the selection worker) ------------------------------------------------


@dataclass(frozen=True)
class Found:
    mask: Mask
    note: str = ""
    """What the person should know about this result (a mask file scaled to the picture)."""


@dataclass
class PictureCache:
    """What one picture costs to prepare, kept while the picture stays the same: the same bytes
    object in the Studio's media (a new upload, fix or undo starts afresh). Thread-safe."""

    _data: bytes | None = None
    _made: dict[str, Any] = field(default_factory=dict)
    _lock: threading.RLock = field(default_factory=threading.RLock)

    def get(self, picture: Picture, name: str, make: Callable[[], T]) -> T:
        with self._lock:
            if self._data is not picture.data:
                self._data, self._made = picture.data, {}
            if name not in self._made:
                self._made[name] = make()
            return cast(T, self._made[name])

    def array(self, picture: Picture) -> npt.NDArray[np.uint8]:
        return self.get(picture, "array", lambda: np.asarray(picture.image().convert("RGB")))

    def superpixels(self, picture: Picture) -> Superpixels:
        from kling_studio.selection import Superpixels

        return self.get(picture, "superpixels", lambda: Superpixels.of(self.array(picture)))


@dataclass(frozen=True)
class Work:
    """What a tool's ``work`` is given: the picture, the area's paint, the checked fields."""

    picture: Picture
    cache: PictureCache
    before: Mask | None
    fields: Mapping[str, Any]

    @property
    def array(self) -> npt.NDArray[np.uint8]:
        return self.cache.array(self.picture)

    @property
    def paint(self) -> Mask:
        """The area's paint (nothing, when it has none)."""
        if self.before is not None:
            return self.before
        return np.zeros((self.picture.height, self.picture.width), dtype=bool)


def _click(work: Work) -> Found:
    from kling_studio.selection import select

    found = select(work.array, point=work.fields["point"], box=work.fields["box"])
    return Found(found.mask)


def _subject(work: Work) -> Found:
    from kling_studio.selection import select_subject

    return Found(select_subject(work.array).mask)


def _colour(work: Work) -> Found:
    from kling_studio.selection import flood_fill

    return Found(flood_fill(work.array, work.fields["point"], work.fields["tolerance"]))


def _regions(work: Work) -> Found:
    superpixels = work.cache.superpixels(work.picture)
    return Found(superpixels.under_stroke(work.fields["points"], work.fields["radius"]))


def _lasso(work: Work) -> Found:
    """On the anchors' part of the picture, made ≤ 512 px (``magnetic``), built per lasso: one
    cost map over the whole picture, kept, measured slower per loop on the quickstart's boat
    (0.14 s against 0.07 s, as the path search covers every pixel of the map) and coarser
    (IoU 0.88 against 0.91)."""
    from kling_studio.selection import lasso

    return Found(lasso(work.array, work.fields["points"]))


def _file(work: Work) -> Found:
    from kling_studio.selection import load_mask

    data, name = work.fields["data"], work.fields["name"]
    size = (work.picture.width, work.picture.height)
    found = load_mask(data, size, field="file", name=name)
    with Image.open(io.BytesIO(data)) as image:
        width, height = image.size
    note = (
        f"{name} is {width}×{height}; scaled to the picture's {size[0]}×{size[1]}."
        if (width, height) != size
        else ""
    )
    return Found(found, note)


def _grow(work: Work) -> Found:
    from kling_studio.selection import grow

    return Found(grow(work.paint, work.fields["amount"]))


def _shrink(work: Work) -> Found:
    from kling_studio.selection import shrink

    return Found(shrink(work.paint, work.fields["amount"]))


def _feather(work: Work) -> Found:
    from kling_studio.selection import feather

    return Found(feather(work.paint, work.array, max(1, round(work.fields["amount"]))))


def _fill_holes(work: Work) -> Found:
    from kling_studio.selection import fill_holes

    return Found(fill_holes(work.paint))


def _invert(work: Work) -> Found:
    from kling_studio.selection import invert

    return Found(invert(work.paint))


@dataclass(frozen=True)
class Tool:
    """One selection tool: how its request's fields are read and checked, how its mask is
    worked out, and whether it refines the area's own paint (then ``add``/``remove`` are
    ignored, and an empty area is refused unless ``empty_ok``)."""

    read: Callable[[Mapping[str, Any], list[bytes]], dict[str, Any]]
    work: Callable[[Work], Found]
    refines: bool = False
    empty_ok: bool = False


TOOLS: Final[Mapping[str, Tool]] = {
    "click": Tool(_read_click, _click),
    "subject": Tool(_read_nothing, _subject),
    "colour": Tool(_read_colour, _colour),
    "regions": Tool(_read_regions, _regions),
    "lasso": Tool(_read_lasso, _lasso),
    "file": Tool(_read_file, _file),
    "grow": Tool(_read_amount, _grow, refines=True),
    "shrink": Tool(_read_amount, _shrink, refines=True),
    "feather": Tool(_read_amount, _feather, refines=True),
    "fill-holes": Tool(_read_nothing, _fill_holes, refines=True),
    "invert": Tool(_read_nothing, _invert, refines=True, empty_ok=True),
}
"""Tool name (the contract's ``SelectTool``) → its row."""
REFINE_TOOLS: Final = tuple(name for name, tool in TOOLS.items() if tool.refines)

COMBINE: Final[Mapping[tuple[bool, bool], Callable[[Mask, Mask], Mask]]] = {
    (False, False): lambda _before, found: found,
    (True, False): np.logical_or,
    (False, True): lambda before, found: before & ~found,
}
"""(add, remove) → how a tool's result meets the area's paint: replace, union, difference."""


@dataclass(frozen=True)
class Asked:
    """A request's checked fields, before any picture is looked at."""

    area: str
    token: str
    tool: str
    add: bool
    remove: bool
    fields: Mapping[str, Any]


def asked(content: Mapping[str, Any], buffers: list[bytes], areas: list[str]) -> Asked:
    """``content`` (a ``select`` request, or the Python API's equivalent) read and checked."""
    area = str(content.get("area", ""))
    if area not in areas:
        raise InputError("area", "must be one of the Studio's areas", area)
    name = str(content.get("tool") or "click")
    tool = TOOLS.get(name)
    if tool is None:
        raise InputError("tool", f"must be one of {', '.join(TOOLS)}", name)
    add, remove = bool(content.get("add")), bool(content.get("remove"))
    if add and remove and not tool.refines:
        raise InputError("remove", "cannot both add and remove with one click", "add and remove")
    fields = tool.read(content, buffers)
    token = str(content.get("token", ""))
    return Asked(area, token, name, add and not tool.refines, remove and not tool.refines, fields)


@dataclass(frozen=True)
class SelectJob:
    """One selection as asked: the checked request, and the picture and paint it was asked on."""

    asked: Asked
    picture: Picture
    version: object
    before: bytes | None
    """The area's paint (PNG) when the request came (what the browser painted came first)."""

    @property
    def area(self) -> str:
        return self.asked.area

    @property
    def token(self) -> str:
        return self.asked.token


def check_paint(job: SelectJob, *, painted: bool) -> None:
    """A refine tool needs paint to refine: refused when the area has none."""
    tool = TOOLS[job.asked.tool]
    if tool.refines and not tool.empty_ok and not painted:
        rule = f"must be painted before {job.asked.tool.replace('-', ' ')}"
        raise InputError(job.area, rule, "nothing painted")


def selected_mask(job: SelectJob, current: Callable[[], bool], cache: PictureCache) -> Found | None:
    """In the selection worker: the area's mask after the tool, or None when a newer request
    superseded it before its turn came."""
    if not current():
        return None
    before = mask_array(job.before) if job.before is not None else None
    tool = TOOLS[job.asked.tool]
    if before is not None and not before.any():
        before = None
    check_paint(job, painted=before is not None)
    found = tool.work(Work(job.picture, cache, before, job.asked.fields))
    if tool.refines:
        return found
    start = before if before is not None else np.zeros_like(found.mask)
    combined = COMBINE[(job.asked.add, job.asked.remove)](start, found.mask)
    return Found(np.asarray(combined, dtype=bool), found.note)


def superseded(area: str) -> Reply:
    text = f"A newer selection on {area} replaced this one before it ended."
    return refused("select", "is superseded by a newer selection on the same area", area, text)


class Selector:
    """The browser's selections of one Studio: a one-thread worker, the area's newest request
    (a newer one supersedes it), and the picture's cache. ``apply`` puts the mask on the area
    (on the loop thread) and is told the job, so the mask media carries its token."""

    def __init__(self, run: Callable[[Coroutine[Any, Any, Reply]], Future[Reply]]) -> None:
        self._run = run
        self.cache = PictureCache()
        self._pending: dict[str, tuple[object, Future[Reply]]] = {}
        """Area → its unfinished request's ticket and reply. Touched on the loop thread only."""
        self._worker: ThreadPoolExecutor | None = None

    def submit(
        self,
        job: SelectJob,
        apply: Callable[[SelectJob, Found], None],
        still: Callable[[SelectJob], bool],
    ) -> Future[Reply]:
        """Work ``job`` out off the kernel's event loop; answered when applied or superseded.
        ``still(job)``: whether the picture it was asked on is still the Studio's."""
        replied: Future[Reply] = Future()
        work = self._run(self._work(job, replied, apply, still))

        work.add_done_callback(lambda done: settle(replied, settled(done, "select")))
        return replied

    async def _work(
        self,
        job: SelectJob,
        replied: Future[Reply],
        apply: Callable[[SelectJob, Found], None],
        still: Callable[[SelectJob], bool],
    ) -> Reply:
        ticket = object()
        earlier = self._pending.get(job.area)
        self._pending[job.area] = (ticket, replied)
        if earlier is not None:
            settle(earlier[1], superseded(job.area))

        def current() -> bool:
            return self._pending.get(job.area, (None,))[0] is ticket

        if self._worker is None:
            self._worker = ThreadPoolExecutor(1, thread_name_prefix="kling-select")
        loop = asyncio.get_running_loop()
        began = time.perf_counter()
        try:
            # ``selected_mask`` looked up when run, so a test can hold the worker by replacing it.
            found = await loop.run_in_executor(
                self._worker, lambda: selected_mask(job, current, self.cache)
            )
        finally:
            newest = current()
            if newest:
                del self._pending[job.area]
        if found is None or not newest:  # its reply went when the newer one came
            return superseded(job.area)
        if not still(job):
            raise InputError("image", "must stay the same while selecting", "a new picture")
        apply(job, found)
        selected: Selected = {
            "ok": True,
            "area": job.area,
            "painted_pixels": int(found.mask.sum()),
            "ms": round((time.perf_counter() - began) * 1000, 1),
        }
        if found.note:
            selected["note"] = found.note
        return selected

    def close(self) -> None:
        if self._worker is not None:
            self._worker.shutdown(wait=False, cancel_futures=True)


# -- masks in and out as files ----------------------------------------------------------------


def png_bytes(source: ImageSource) -> bytes:
    """A mask file's bytes as the browser would send them: a path read, bytes as they are, an
    array or picture written as PNG (a 0/1 or bool array as black and white)."""
    if isinstance(source, bytes):
        return source
    if isinstance(source, str | os.PathLike):
        return Path(source).read_bytes()
    if isinstance(source, np.ndarray):
        array = np.asarray(source)
        if array.dtype == bool or (array.dtype == np.uint8 and array.size and array.max() <= 1):
            array = array.astype(np.uint8) * np.uint8(255)
        source = Image.fromarray(array)
    if not isinstance(source, Image.Image):
        raise InputError("file", "must be a PNG file, its bytes, an array or a picture", source)
    buffer = io.BytesIO()
    source.save(buffer, "PNG")
    return buffer.getvalue()


def export_folder(root: Path | None = None) -> Path:
    """A new folder for one export (``kling-masks/<stamp>-<hex>/`` under the working folder)."""
    return claim_folder((root or Path.cwd()) / MASKS_FOLDER)


def write_masks(folder: Path, pngs: Mapping[str, bytes]) -> dict[str, Path]:
    """Each area's PNG as ``<area>.png`` in ``folder``; an existing file is never replaced."""
    if not pngs:
        raise InputError("masks", "at least one area must be painted to export", "none painted")
    folder.mkdir(parents=True, exist_ok=True)
    return {area: write_new(folder / f"{area}.png", png) for area, png in pngs.items()}


def shown_folder(folder: Path) -> str:
    """``folder`` relative to the working folder when inside it (as the person sees it)."""
    try:
        return str(folder.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(folder)
