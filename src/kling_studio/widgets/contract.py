"""The kernel↔browser contract: every synced trait value and every message, defined once.

The widgets build these dicts (mypy checks them against the TypedDicts below); the front end's
types in ``js/src/generated/contract.ts`` are generated from ``json_schema()`` by
``js/build.mjs`` (``npm run contract``), and ``npm run contract:check`` — which ``npm run build``
runs too — fails while that file is stale. Keys are the request's own field names wherever a
value is a request field (``camera_control``, ``voice_list``, ``watermark_info``, ``sound``).

Every TypedDict here forbids keys it does not list, so validating a trait with pydantic (the
tests do) catches a key the front end would never have heard of. This module imports nothing
from the package, so the build can load it by path before the front end exists:
``python src/kling_studio/widgets/contract.py`` prints the schema.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal, NotRequired, Required, TypeVar

from pydantic import ConfigDict, Field, with_config
from pydantic.json_schema import GenerateJsonSchema
from typing_extensions import TypedDict

T = TypeVar("T", bound=type)


def _closed(cls: T) -> T:
    """No keys beyond those listed (in pydantic's validation and in the generated types)."""
    return with_config(ConfigDict(extra="forbid", use_attribute_docstrings=True))(cls)


# -- shared by both widgets -------------------------------------------------------------------


@_closed
class Control(TypedDict):
    """Whether a control is usable for the current selection, and if not, why."""

    enabled: bool
    reason: str


@_closed
class Problem(TypedDict):
    """A rule the request breaks, named by the request field it is about."""

    field: str
    rule: str
    value: str | None
    severity: Literal["error", "capability", "warning"]
    text: str
    brief: NotRequired[str]
    """The words beside the control when the rule says more than it needs (a kept note: "kept,
    not sent with kling-v2-1 pro 5 s"; the control's own reason says where the feature is)."""


# -- the motion check (shared by both widgets, the sidecar and ``result.motion``) -------------

MotionState = Literal["measuring", "done", "failed"]
"""``measuring``: the video plays, its scores are on the way; ``failed``: it could not be
measured (``MotionCheck.error`` says why); nothing asked of the motion gives no check at all."""


@_closed
class AreaCheck(TypedDict):
    """One dynamic area: where it was asked to go and where it went, in the picture's pixels
    (top-left origin)."""

    name: str
    """The control's name: "dynamic 1"."""
    score: int
    """0–100, from the three parts below."""
    distance: float
    """Mean distance from the requested path at the same moments, a share of the diagonal."""
    direction: float
    """Cosine between the requested and the measured overall displacement, −1 … 1."""
    progress: float
    """How far along the requested path the area got, a share of its length."""
    requested: list[list[float]]
    """The path as asked: its points are reached at equal steps of time over the clip."""
    measured: list[list[float]]
    """Where the area was, one point per measured moment."""
    times: list[float]
    """Seconds into the clip of each ``measured`` point."""
    lost_at: float | None
    """Seconds into the clip where the area could no longer be followed (None: to the end)."""
    problem: str
    """What went wrong, in words ("went the other way"); empty when it followed the path."""


@_closed
class StaticCheck(TypedDict):
    """The static area: did it stay still while the rest moved."""

    score: int
    inside: float
    """Median motion inside the static area, a share of the diagonal per second."""
    outside: float
    """The same outside it."""
    problem: str


@_closed
class CameraCheck(TypedDict):
    """The camera move seen in the clip against the one asked for."""

    score: int
    asked: str
    """The move sent, in words ("zoom in"); empty when none was asked (it should stay put)."""
    seen: str
    """The move the clip's background shows, in words ("pan left", "still")."""
    amount: float
    """How strong the seen move is, a share of the diagonal over the clip (zoom: log scale)."""
    problem: str


@_closed
class MotionCheck(TypedDict):
    """Did the result move as asked: a score per part, one overall, and a line saying what went
    wrong."""

    state: MotionState
    score: int | None
    """0–100: the lowest part's score (a clip is as good as its worst-followed part)."""
    verdict: str
    """One line: "followed the brush", or what went wrong, part by part."""
    areas: list[AreaCheck]
    static: StaticCheck | None
    camera: CameraCheck | None
    picture: list[int]
    """The picture's width and height: the frame the points above are in."""
    intent: str
    """What was measured against: "the brush", "the brush sent as an end frame", "the camera
    sent as words"."""
    seconds: float
    """How long the analysis took."""
    error: str


# -- Studio: traits ---------------------------------------------------------------------------

Kind = Literal["image2video", "multi-image2video"]


@_closed
class CameraControl(TypedDict):
    """The request's ``camera_control``; ``config`` maps each of the catalogue's
    ``camera_axes`` to an amount within ±``camera_limit`` (``simple`` only)."""

    type: str
    config: NotRequired[dict[str, float] | None]


@_closed
class Voice(TypedDict):
    voice_id: str


@_closed
class Element(TypedDict):
    element_id: str


@_closed
class Shot(TypedDict):
    """One shot of a kling-v3 multi-shot video, as ``multi_prompt`` carries it: its 1-based
    position, its prompt and its whole seconds (a string, as the wire writes durations)."""

    index: int
    prompt: str
    duration: str


@_closed
class WatermarkInfo(TypedDict):
    enabled: bool


@_closed
class Params(TypedDict, total=False):
    """Every request parameter the Studio's form edits, under the request's own names
    (``Studio(**params)`` takes the same keys)."""

    model_name: str
    mode: str
    duration: str
    cfg_scale: float | None
    prompt: str
    negative_prompt: str
    sound: Literal["on", "off"] | None
    voice_list: list[Voice]
    """Rows as the person made them, an empty id included (the rules name it)."""
    element_list: list[Element]
    multi_shot: bool
    shot_type: Literal["customize", "intelligence"] | None
    multi_prompt: list[Shot]
    """Kept while multi-shot is off or the model has none; sent only with ``customize``."""
    watermark_info: WatermarkInfo | None
    external_task_id: str
    camera_control: CameraControl | None
    aspect_ratio: str


PARAM_NAMES = tuple(Params.__annotations__)
"""The request fields the form edits, under the request's own names (the ``params`` trait)."""


@_closed
class Area(TypedDict):
    """A painted area: the static one, or a dynamic one with its path in top-left image
    pixels (at most the catalogue's ``max_trajectory_points``). Masks travel as binary."""

    id: str
    kind: Literal["static", "dynamic"]
    label: str
    colour: str
    visible: bool
    painted: bool
    path: list[tuple[float, float]]


@_closed
class PictureFix(TypedDict):
    """A one-click fix for a picture problem."""

    id: Literal["crop", "pad", "upscale"]
    label: str
    warning: str
    """What the person gives up by taking it."""


@_closed
class PictureProblem(TypedDict):
    """What Kling would refuse a picture for, said when it arrives."""

    rule: Literal["min_side", "aspect"]
    text: str
    fixes: list[PictureFix]


PaintCarried = Literal["scaled", "cleared"] | None
"""What a new start frame did to the paint on the one it replaced."""


@_closed
class PictureMeta(TypedDict):
    """A picture in a slot (``image``, ``tail``, ``multi-N``); its bytes travel as ``media``."""

    name: str
    width: int
    height: int
    bytes: int
    notes: list[str]
    version: int
    problems: list[PictureProblem]
    undo: str | None
    """What ``undo-picture`` would undo ("Crop to 2.5:1", "the new picture"), or None."""
    paint: PaintCarried
    """What this picture did to the paint on the start frame it replaced: scaled it onto
    itself (same shape), or cleared it (another shape; ``undo-picture`` brings it back). None
    when there was no paint to carry."""


@_closed
class ModelInfo(TypedDict):
    """One model of the capability table, as the form offers it."""

    name: str
    modes: list[str]
    durations: list[str]
    single_tier: bool
    fps: int
    """Frames per second of the videos it renders (frame steps and readouts use it)."""
    height: dict[str, int]
    confidence: str
    camera_types: list[str]
    """The camera_control types it takes ("simple", presets); empty when it has no camera."""
    multi_shot: bool
    """It makes multi-shot videos (``multi_shot``, ``shot_type``, ``multi_prompt``)."""
    element_list: bool


@_closed
class DocumentedRoute(TypedDict):
    """What the provider's page for one route documents."""

    durations: list[str] | None
    """The durations it lists (None: whatever the model's row says)."""
    undocumented: list[str]
    """Request fields it does not document: sent as is only when the client is not strict."""


@_closed
class SelectionLimits(TypedDict):
    """The painter's selection and path tools' ranges and starting values."""

    tolerance_max: float
    tolerance_default: float
    refine_max_px: int
    refine_default_px: int
    arc_bend_default: float
    max_clip_bytes: int
    """Larger clips are refused in the browser, before a byte is sent."""


@_closed
class Catalogue(TypedDict):
    """Every choice and limit the front end offers, from the capability table; it hard-codes
    none of them."""

    models: list[ModelInfo]
    default_model: str
    multi_image_models: list[str]
    aspect_ratios: list[str]
    default_aspect_ratio: str
    camera_types: list[str]
    camera_axes: list[str]
    camera_limit: float
    max_dynamic_masks: int
    max_trajectory_points: int
    cfg_scale_min: float
    cfg_scale_max: float
    cfg_scale_default: float
    """What Kling uses when cfg_scale is not sent: where the slider rests."""
    max_upload_bytes: int
    """Larger pictures are refused in the browser, before a byte is sent."""
    min_multi_images: int
    max_multi_images: int
    prompt_limit: int
    negative_prompt_limit: int
    mask_threshold: int
    """A mask pixel counts as painted when its alpha is above this (``masks.MASK_THRESHOLD``)."""
    shot_types: list[str]
    max_shots: int
    max_shot_prompt: int
    min_shot_seconds: int
    max_voices: int
    max_elements: int
    provider: str
    """The provider as a person names it ("CometAPI", "Kling"); never its address."""
    strict: bool
    """Whether what the provider does not document is refused (True) or sent as is."""
    documented: dict[str, DocumentedRoute]
    """Per route ("image2video", "multi-image2video")."""
    selection: SelectionLimits


@_closed
class Controls(TypedDict, total=False):
    """Control → whether it is usable now, from the rule table (keys are request fields, or
    ``motion_brush`` and ``generate``)."""

    generate: Control
    image_tail: Control
    motion_brush: Control
    camera_control: Control
    sound: Control
    voice_list: Control
    element_list: Control
    multi_shot: Control
    cfg_scale: Control
    mode: Control


Phase = Literal[
    "idle",
    "uploading",
    "preparing",
    "submitted",
    "processing",
    "downloading",
    "resuming",
    "succeed",
    "failed",
    "error",
    "stopped",
    "over-budget",
]


@_closed
class Status(TypedDict, total=False):
    """Where the Studio's work is; the task's ids as soon as they are known."""

    phase: Required[Phase]
    task_id: str | None
    """Kling's id, once the create is answered."""
    external_id: str | None
    """Ours, chosen before the create is sent: it finds the task if the answer is lost."""
    elapsed: float
    """Real seconds since Generate; ``queued_for + processing_for`` never exceeds it."""
    queued_for: float
    processing_for: float | None
    eta: float | None
    clock_speed: float
    """How many times faster than real time the service runs: the emulator's speed, 1 on
    Kling. Every figure above is in real seconds whatever this is."""
    progress: float
    message: str
    """What happens now, or (on an error) a plain headline."""
    advice: str
    """What to do about an error, said once."""
    details: str
    """An error's code, HTTP status and request id: what support asks for."""
    problems: list[Problem]


@_closed
class Run(TypedDict):
    """A saved run in the history."""

    prompt: str
    finished_at: float
    """Unix seconds when the video was saved."""
    restorable: bool
    """Its settings, pictures and paint are kept: "Use these settings" brings them back."""
    id: str
    task_id: str
    external_id: str | None
    resumed: bool
    """Picked up from an earlier session rather than generated here."""
    path: str
    sidecar: str
    units: str | None
    seconds: float
    params: dict[str, str | int | float | bool | None]
    motion: MotionCheck | None
    """The motion check, when the request asked for motion (a brush or a camera move)."""


@_closed
class ResumableTask(TypedDict):
    """A task an earlier session (or a stopped wait) left unfinished or unsaved."""

    external_id: str
    task_id: str | None
    status: str
    model: str
    mode: str
    duration: str
    prompt: str
    created_at: float
    """Unix seconds."""
    estimate: float | None
    earlier: bool
    """Created before this Studio was: by an earlier kernel, or elsewhere."""


@_closed
class Spend(TypedDict):
    """This run's estimate next to today's spend and the budget."""

    run: float | None
    """None when the form makes no valid run."""
    today: float
    budget: float | None
    left: float | None
    over: bool
    """The run would take today's spend past the budget."""
    emulated: bool


@_closed
class Carried(TypedDict):
    """The brush and the camera move carried to a model that cannot take them: offered beside
    their controls, done only when the person says so."""

    end_frame: Control
    """"Send the brush as an end frame": usable when the model takes an end frame but not the
    brush, and a dynamic area has a path; the reason otherwise."""
    end_frame_in_use: bool
    """The end frame slot holds the brush's end frame as it was made (so the motion check
    measures the result against the brush)."""
    camera_phrase: str
    """Words for the camera move the model cannot take ("the camera slowly zooms in"), offered
    to add to the prompt; empty when nothing is offered."""
    camera_phrase_in_prompt: bool
    """The prompt holds the words added for the camera move."""


@_closed
class StudioTraits(TypedDict):
    kind: Kind
    params: Params
    areas: list[Area]
    pictures: dict[str, PictureMeta]
    multi_order: list[str]
    catalogue: Catalogue
    controls: Controls
    problems: list[Problem]
    units: float | None
    status: Status
    history: list[Run]
    carried: Carried
    resumable: list[ResumableTask]
    spend: Spend
    provider: str
    """The kind of service ("CometAPI", "the local emulator"…), never its address."""
    emulated: bool


# -- Compare: traits --------------------------------------------------------------------------


@_closed
class Axis(TypedDict):
    name: str
    values: list[str]


@_closed
class Axes(TypedDict):
    rows: Axis | None
    columns: Axis | None


CellStatus = Literal[
    "planned", "queued", "submitted", "processing", "succeed", "failed", "unsupported"
]
"""The scheduler's statuses as the grid shows them (``saving`` shows as ``processing``)."""


@_closed
class Cell(TypedDict):
    id: str
    row: int | None
    column: int | None
    label: str
    differs: dict[str, str]
    status: CellStatus
    reason: str
    elapsed: float | None
    units: str | None
    estimate: float | None
    task_id: str | None
    has_video: bool
    path: str | None
    fps: int | None
    """Frames per second of the cell's model (None for a model the capability table lacks)."""
    motion: MotionCheck | None
    """The motion check, when the cell's request asked for motion."""
    sound: bool
    """The cell's request asked for sound, so its video has a track to hear (one cell at a
    time: the player's solo) and to put in an exported grid."""


ExportFormat = Literal["mp4", "gif", "webp"]
"""What a grid exports to: one video with sound, or a looping picture for a README."""


@_closed
class GridExport(TypedDict):
    """The grid's export: under way (``progress`` 0–1), done (``path``) or failed (``text``)."""

    phase: Literal["exporting", "done", "failed"]
    format: ExportFormat
    progress: float
    path: str | None
    text: str
    """What happened, in words: "Exported grid.mp4 (12.4 MB, 5.0 s, sound from cfg 0.3)"."""


@_closed
class Summary(TypedDict):
    tasks: int
    units: float
    unsupported: int
    warnings: list[str]
    max_units: float | None
    over_budget: bool
    phase: Literal["planned", "running", "done", "refused"]
    provider: str
    emulated: bool
    folder: str
    """The sweep's own folder, where its videos go (made fresh for each sweep)."""
    contact_sheet: NotRequired[str]
    """Where the latest contact sheet was written; its PNG arrives as ``media``."""
    export: NotRequired[GridExport]
    """The latest export of the grid as one video or picture."""


@_closed
class CompareTraits(TypedDict):
    axes: Axes
    cells: list[Cell]
    summary: Summary


# -- messages from the browser ----------------------------------------------------------------


@_closed
class Hello(TypedDict):
    """A view rendered: send it the media it shows."""

    type: Literal["hello"]


@_closed
class UploadBegin(TypedDict):
    type: Literal["upload-begin"]
    id: str
    slot: str
    """``image``, ``tail``, or ``multi`` (the next free multi-image slot); or ``clip``, a short
    video to take a path from (``track-path``)."""
    name: str
    size: int


@_closed
class UploadChunk(TypedDict):
    """With one buffer: the chunk's bytes (4 MiB at most)."""

    type: Literal["upload-chunk"]
    id: str
    index: int


@_closed
class UploadEnd(TypedDict):
    type: Literal["upload-end"]
    id: str


@_closed
class FetchUrl(TypedDict):
    type: Literal["fetch-url"]
    slot: str
    url: str


@_closed
class MaskPainted(TypedDict):
    """With one buffer, the area's mask as PNG (paint in alpha); with none, the area is empty."""

    type: Literal["mask"]
    area: str


SelectTool = Literal[
    "click",
    "subject",
    "colour",
    "regions",
    "lasso",
    "file",
    "grow",
    "shrink",
    "feather",
    "fill-holes",
    "invert",
]
"""How a ``select`` works out the area's new paint (``kling_studio.selection``):

- ``click``: the thing at ``point``, or inside ``box`` (GrabCut seeded by them);
- ``subject``: the picture's main subject (saliency + GrabCut), no point needed;
- ``colour``: the contiguous pixels within ``tolerance`` (ΔE, CIELAB) of the colour at ``point``;
- ``regions``: every superpixel (SLIC) a brush stroke through ``points`` with ``radius`` touched;
- ``lasso``: the loop through the ``points`` (anchors), each leg snapped to the picture's edges;
- ``file``: a mask picture (the request's one buffer, named ``name``), scaled to the picture;
- ``grow`` / ``shrink`` by ``amount`` px, ``feather`` (edge-aware, radius ``amount``),
  ``fill-holes``, ``invert``: the area's own paint refined (``add`` / ``remove`` ignored)."""


@_closed
class SelectThing(TypedDict):
    """Select into ``area`` with one of the ``SelectTool`` tools. Points and boxes are the start
    frame's pixels with the origin top-left; ``add`` unites the result with the area's paint
    (shift), ``remove`` cuts it out (alt), neither replaces it. Worked out off the kernel's event
    loop; a newer ``select`` for the same area supersedes an unfinished one."""

    type: Literal["select"]
    area: str
    token: str
    """Chosen by the view that asks; the result's mask ``media`` carries it as ``selection``,
    so that view records the result as one undoable edit (and echoes nothing back)."""
    tool: NotRequired[SelectTool]
    """``click`` when absent."""
    point: NotRequired[tuple[float, float] | None]
    box: NotRequired[tuple[float, float, float, float] | None]
    points: NotRequired[list[tuple[float, float]]]
    """``regions``: the stroke; ``lasso``: the anchors, in order (the loop closes itself)."""
    radius: NotRequired[float]
    """``regions``: the stroke's radius in the picture's pixels."""
    tolerance: NotRequired[float]
    """``colour``: how far a colour may be from the clicked one (ΔE, the catalogue's range)."""
    amount: NotRequired[float]
    """``grow`` / ``shrink``: pixels; ``feather``: the smoothing radius in pixels."""
    name: NotRequired[str]
    """``file``: the file's name, for what is said about it."""
    add: bool
    remove: bool


PathShape = Literal["straight", "arc", "ease-in", "ease-out", "ease-in-out", "linear", "reverse"]
"""A preset for a path (``kling_studio.paths.presets``): a straight line or a circular arc from
its start to its end at constant speed, the same line re-timed (``ease-*``, ``linear``), or the
way reversed."""


@_closed
class ShapePath(TypedDict):
    """Reshape ``path`` (a dynamic area's, top-left pixels) with a preset; the reply carries the
    new points and the view records them as one undoable edit (the kernel does not set them)."""

    type: Literal["shape-path"]
    area: str
    path: list[tuple[float, float]]
    shape: PathShape
    bend: NotRequired[float]
    """``arc``: bulge ÷ chord, positive to the left of travel (else the catalogue's default)."""


@_closed
class TrackPath(TypedDict):
    """A path from the clip last uploaded to the ``clip`` slot: follow the thing at ``point``
    (the clip's first frame, its pixels, top-left) and fit its path to the start frame. Worked out
    off the kernel's event loop; the reply carries the points, which the view records as one
    undoable edit of ``area``'s path."""

    type: Literal["track-path"]
    area: str
    point: tuple[float, float]


@_closed
class ExportMasks(TypedDict):
    """Write every painted area's mask as a PNG in a new folder beside the notebook."""

    type: Literal["export-masks"]


@_closed
class MakeEndFrame(TypedDict):
    """Render the last frame the brush asks for (answered once it is made; its picture arrives
    as media ``end-frame`` first), for the person to look at before using it."""

    type: Literal["make-end-frame"]


@_closed
class UseEndFrame(TypedDict):
    """Put the end frame just made into the end frame slot (what it replaces can be undone)."""

    type: Literal["use-end-frame"]


@_closed
class AddCameraPhrase(TypedDict):
    """Add these words (the offered camera phrase, as the person edited it) to the prompt."""

    type: Literal["add-camera-phrase"]
    text: str


@_closed
class RemovePicture(TypedDict):
    type: Literal["remove"]
    slot: str


@_closed
class FixPicture(TypedDict):
    """Apply one of a picture's offered fixes (the original is kept)."""

    type: Literal["fix-picture"]
    slot: str
    fix: Literal["crop", "pad", "upscale"]


@_closed
class UndoPicture(TypedDict):
    """Put back the picture a fix or a new picture replaced (with the paint it had)."""

    type: Literal["undo-picture"]
    slot: str


@_closed
class UseRun(TypedDict):
    """Bring back the settings, pictures and paint a run was made from."""

    type: Literal["use-run"]
    run: str


@_closed
class RemoveRun(TypedDict):
    """Take a run out of the history (its files stay on disk)."""

    type: Literal["remove-run"]
    run: str


@_closed
class VideoBytes(TypedDict):
    """The browser cannot play a run's saved file from the Jupyter server (not under its root,
    no server at all, or the file did not load): send the video's bytes."""

    type: Literal["video-bytes"]
    run: str


@_closed
class Generate(TypedDict):
    type: Literal["generate"]
    allow_over_budget: bool


@_closed
class StopWaiting(TypedDict):
    type: Literal["stop"]


@_closed
class Resume(TypedDict):
    type: Literal["resume"]


@_closed
class Dismiss(TypedDict):
    type: Literal["dismiss"]


@_closed
class Play(TypedDict):
    type: Literal["play"]
    run: str


@_closed
class Start(TypedDict):
    type: Literal["start"]
    confirm: bool


@_closed
class Retry(TypedDict):
    type: Literal["retry"]
    cell: str


@_closed
class MakeContactSheet(TypedDict):
    type: Literal["contact-sheet"]


@_closed
class ExportGridAsked(TypedDict):
    """Export every finished cell in its grid place, in step, as one file."""

    type: Literal["export-grid"]
    format: ExportFormat
    audio: str | None
    """The cell whose sound the export carries (the one the person soloed), or None: silent."""


StudioToKernel = Annotated[
    Hello
    | UploadBegin
    | UploadChunk
    | UploadEnd
    | FetchUrl
    | MaskPainted
    | SelectThing
    | ShapePath
    | TrackPath
    | ExportMasks
    | MakeEndFrame
    | UseEndFrame
    | AddCameraPhrase
    | RemovePicture
    | FixPicture
    | UndoPicture
    | Generate
    | StopWaiting
    | Resume
    | Dismiss
    | Play
    | UseRun
    | RemoveRun
    | VideoBytes,
    Field(discriminator="type", title="StudioToKernel"),
]
"""What the Studio's front end sends: a plain message (``studio.MESSAGE_HANDLERS``) or, for what
can fail, the ``msg`` of a request (``studio.COMMANDS``, named by its ``type``)."""

CompareToKernel = Annotated[
    Hello | Start | Retry | MakeContactSheet | ExportGridAsked,
    Field(discriminator="type", title="CompareToKernel"),
]
"""What the Compare front end sends: plain messages (``compare.MESSAGE_HANDLERS``) and requests
(``compare.COMMANDS``)."""


# -- requests and their replies ---------------------------------------------------------------
#
# What can fail is asked as a request (anywidget's ``experimental.invoke``): the browser sends
# ``Command`` with a message above as ``msg`` and ``name`` = its ``type``, and the kernel answers
# once with ``CommandResponse`` — at once for a check, later (from the widget's loop thread) for
# work; progress still streams through the traits. ``widgets/replies.py`` is the kernel's side.


@_closed
class ReplyError(TypedDict):
    """Why a request was refused or failed, for the control that asked."""

    field: str
    """The request field (``image``, ``image_tail``, ``cfg_scale``…) or the control."""
    rule: str
    """The rule it breaks, in words (``must be at least 300 px on each side``)."""
    value: str | None
    """The offending value, shortened; None when there is none to show."""
    text: str
    """The whole message, as a person reads it (it names the field, the rule and the value)."""


@_closed
class Refused(TypedDict):
    ok: Literal[False]
    error: ReplyError


@_closed
class Accepted(TypedDict):
    """Nothing to report beyond yes (the upload may go on)."""

    ok: Literal[True]


@_closed
class EndFrameMade(TypedDict):
    """The brush's end frame is made; its picture came as media ``end-frame``."""

    ok: Literal[True]
    width: int
    height: int
    notes: list[str]
    """What to know before using it (an area pushed partly out of the picture)."""


@_closed
class PictureTaken(TypedDict):
    """The picture is in its slot (a ``multi`` request names the slot it got)."""

    ok: Literal[True]
    slot: str
    name: str
    width: int
    height: int


@_closed
class TaskCreated(TypedDict):
    """Kling accepted the task; its progress follows in ``status``."""

    ok: Literal[True]
    task_id: str
    external_id: str | None


@_closed
class ResumeBegun(TypedDict):
    """Waiting for this many tasks has begun; each outcome follows in ``status``/``history``."""

    ok: Literal[True]
    tasks: int


@_closed
class Selected(TypedDict):
    """The selection is the area's paint now (its mask went out as ``media`` first)."""

    ok: Literal[True]
    area: str
    painted_pixels: int
    """Pixels of the area painted after the selection (0: the area is empty now)."""
    note: NotRequired[str]
    """What the person should know (a mask file scaled to the picture)."""
    ms: float
    """How long the work took in the kernel, decoding included."""


@_closed
class ClipTaken(TypedDict):
    """The clip is in the ``clip`` slot; its first frame arrives as ``media`` (``clip``, JPEG)
    for the person to click the thing that moves."""

    ok: Literal[True]
    slot: Literal["clip"]
    name: str
    width: int
    height: int
    frames: int
    seconds: float


@_closed
class PathMade(TypedDict):
    """A path for ``area`` (a preset's or a tracked one), not yet set: the view records it."""

    ok: Literal[True]
    area: str
    points: list[tuple[float, float]]
    notes: list[str]
    """What the person should know (the clip's crop, where tracking was lost, thinning)."""


@_closed
class MasksExported(TypedDict):
    ok: Literal[True]
    folder: str
    """Where the PNGs were written, relative to the kernel's working folder when inside it."""
    files: dict[str, str]
    """Area id → file name in ``folder``."""


@_closed
class SweepStarted(TypedDict):
    ok: Literal[True]
    tasks: int


@_closed
class CellRetried(TypedDict):
    """The retried cell's outcome (a retry that failed again is ``Refused``)."""

    ok: Literal[True]
    cell: str
    status: CellStatus
    task_id: str | None
    path: str | None


@_closed
class SheetSaved(TypedDict):
    ok: Literal[True]
    path: str
    """Where the contact sheet was written; its PNG arrives as ``media``."""


@_closed
class GridExported(TypedDict):
    ok: Literal[True]
    path: str
    bytes: int
    notes: list[str]
    """What the person should know (scaled down to fit the size cap, a cell without sound)."""


StudioReplies = TypedDict(
    "StudioReplies",
    {
        "upload-begin": Accepted | Refused,
        "upload-end": PictureTaken | ClipTaken | Refused,
        "fetch-url": PictureTaken | Refused,
        "generate": TaskCreated | Refused,
        "resume": ResumeBegun | Refused,
        "video-bytes": Accepted | Refused,
        "select": Selected | Refused,
        "shape-path": PathMade | Refused,
        "track-path": PathMade | Refused,
        "export-masks": MasksExported | Refused,
        "make-end-frame": EndFrameMade | Refused,
        "use-end-frame": PictureTaken | Refused,
        "add-camera-phrase": Accepted | Refused,
    },
)
"""Each Studio request (by name) and what it is answered with."""
_closed(StudioReplies)

CompareReplies = TypedDict(
    "CompareReplies",
    {
        "start": SweepStarted | Refused,
        "retry": CellRetried | Refused,
        "contact-sheet": SheetSaved | Refused,
        "export-grid": GridExported | Refused,
    },
)
"""Each Compare request (by name) and what it is answered with."""
_closed(CompareReplies)

Reply = (
    Refused
    | Accepted
    | PictureTaken
    | TaskCreated
    | ResumeBegun
    | Selected
    | ClipTaken
    | PathMade
    | MasksExported
    | EndFrameMade
    | SweepStarted
    | CellRetried
    | SheetSaved
    | GridExported
)


@_closed
class Command(TypedDict):
    """A request as anywidget's ``invoke`` sends it."""

    id: str
    kind: Literal["anywidget-command"]
    name: str
    msg: dict[str, Any]


@_closed
class CommandResponse(TypedDict):
    """The one answer to a ``Command`` with the same ``id``."""

    id: str
    kind: Literal["anywidget-command-response"]
    response: Reply


# -- messages to the browser ------------------------------------------------------------------


@_closed
class Media(TypedDict):
    """With one buffer: a picture (``image``, ``tail``, ``multi-N``), a mask (``mask:<area>``,
    PNG; ``clear`` with an empty buffer), a thumbnail (``thumb:<run>``, JPEG), the Studio's video
    (``video``, with ``run`` and ``path``, sent only when the browser asks: ``video-bytes``), the
    first frame of a clip to take a path from (``clip``, JPEG), a
    cell's video (``video:<cell>``) or the contact sheet (``contact-sheet``, PNG, with ``path``).

    The Studio's video is first announced without a buffer (``video`` with ``run``, ``path`` and
    ``size``): the browser plays the saved file from the Jupyter server when the path is under
    the server's root, and asks for the bytes only when it cannot."""

    type: Literal["media"]
    slot: str
    clear: NotRequired[bool]
    run: NotRequired[str]
    path: NotRequired[str]
    size: NotRequired[int]
    """The announced video's size in bytes (the announcement carries no buffer)."""
    selection: NotRequired[str]
    """On a mask: the ``token`` of the ``select`` request it is the result of."""


@_closed
class Beat(TypedDict):
    """Every couple of seconds while a widget works: the kernel is still there."""

    type: Literal["beat"]


@_closed
class Live(TypedDict):
    """The answer to ``hello``: the kernel is there, so the view hides the output's static
    view (``still``: its id, the ``data-kling-still`` of the fallback beside the live view)."""

    type: Literal["live"]
    still: str


ToBrowser = Annotated[Media | Beat | Live, Field(discriminator="type", title="ToBrowser")]
"""What either widget's kernel side sends (``media`` with one buffer, but for the Studio's video
announcement)."""


# -- the schema the front end's types are generated from --------------------------------------


@_closed
class Contract(TypedDict):
    """Everything that crosses the comm, by widget and direction."""

    studio_traits: StudioTraits
    compare_traits: CompareTraits
    studio_to_kernel: StudioToKernel
    compare_to_kernel: CompareToKernel
    to_browser: ToBrowser
    studio_replies: StudioReplies
    compare_replies: CompareReplies
    command: Command
    command_response: CommandResponse


class _UntitledFields(GenerateJsonSchema):
    """Field titles would become one TypeScript alias per field (``type Enabled = boolean``)."""

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False


def json_schema() -> dict[str, Any]:
    """The contract as one JSON Schema document, each type under ``$defs`` by its name."""
    from pydantic import TypeAdapter  # only the build and the tests need it

    return TypeAdapter(Contract).json_schema(schema_generator=_UntitledFields)


def message_types(union: Any) -> frozenset[str]:
    """The ``type`` values of a message union (``StudioToKernel``, ``CompareToKernel``)."""
    from pydantic import TypeAdapter

    schema = TypeAdapter(union).json_schema()
    return frozenset(schema["discriminator"]["mapping"])


if __name__ == "__main__":
    print(json.dumps(json_schema(), indent=2))
