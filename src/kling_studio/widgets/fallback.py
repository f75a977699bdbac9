"""What a widget's output shows where no kernel runs it: GitHub, nbviewer, a Jupyter Book or
Quarto site, nbconvert's HTML, a notebook opened before it is run. Pure: pictures arrive as JPEG
bytes and videos as a ready ``src``; everything else is text, escaped here.

The HTML carries its own few styles inline, from JupyterLab's variables with plain fallbacks, so
it reads on a light or a dark page alike; it names the provider's kind, never its address.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

STILL_CLASS: Final = "kling-studio-still"
"""The class of every fallback's outer element (tests and readers' style sheets find it)."""
STILL_ATTRIBUTE: Final = "data-kling-still"
"""Names the widget a fallback stands for: its live view hides it (``Live``)."""

SHOWN_FIELDS: Final[tuple[tuple[str, str], ...]] = (
    ("model_name", "Model"),
    ("mode", "Mode"),
    ("duration", "Duration (s)"),
    ("aspect_ratio", "Aspect ratio"),
    ("cfg_scale", "cfg_scale"),
    ("sound", "Sound"),
    ("prompt", "Prompt"),
    ("negative_prompt", "Negative prompt"),
)
"""The request's parameters a reader is shown, in order, with their names in words. Anything
else (a callback URL, ids meant for the service) stays out."""

_BOX: Final = (
    "font-family: var(--jp-ui-font-family, system-ui, sans-serif);"
    "font-size: var(--jp-ui-font-size1, 13px);"
    "color: var(--jp-ui-font-color1, inherit);"
    "border: 1px solid var(--jp-border-color2, rgba(128, 128, 128, 0.4));"
    "border-radius: 4px; padding: 8px; max-width: 760px;"
)
_MEDIA: Final = "display: block; max-width: 100%; height: auto; border-radius: 2px;"
_CELL_MEDIA: Final = "display: block; width: 100%; height: auto; border-radius: 2px;"
_NOTE: Final = "color: var(--jp-ui-font-color2, inherit); margin: 4px 0;"
_TH: Final = "text-align: left; padding: 2px 12px 2px 0; vertical-align: top; font-weight: 600;"
_TD: Final = "text-align: left; padding: 2px 0; vertical-align: top;"


@dataclass(frozen=True)
class Picture:
    """A still frame, inline: JPEG bytes and what it shows (its alternative text)."""

    jpeg: bytes
    alt: str

    @property
    def data_uri(self) -> str:
        return "data:image/jpeg;base64," + base64.b64encode(self.jpeg).decode("ascii")


@dataclass(frozen=True)
class StudioStill:
    """One Studio output as a reader sees it: the latest result (or what will be sent)."""

    title: str
    params: Mapping[str, Any]
    """The request's plain parameters (``SHOWN_FIELDS`` picks what is shown)."""
    picture: Picture | None = None
    """The result's poster frame, or the start picture before there is a result."""
    video_src: str | None = None
    """Where the reader's browser finds the video (a path beside the notebook, or a data URI)."""
    extra: Sequence[tuple[str, str]] = ()
    """More rows in words: the brush, the camera, the motion score."""
    task_id: str | None = None
    units: str | None = None
    provider: str = ""
    notes: Sequence[str] = ()


@dataclass(frozen=True)
class CellStill:
    """One Compare cell as a reader sees it."""

    label: str
    status: str
    row: int | None = None
    column: int | None = None
    picture: Picture | None = None
    video_src: str | None = None
    task_id: str | None = None
    units: str | None = None
    motion: str | None = None


@dataclass(frozen=True)
class CompareStill:
    """A Compare output as a reader sees it: the grid with its axes' titles, cell by cell."""

    title: str
    cells: Sequence[CellStill]
    rows: tuple[str, Sequence[str]] | None = None
    """The row axis' name and values; None for a row or a flat list."""
    columns: tuple[str, Sequence[str]] | None = None
    summary: Sequence[tuple[str, str]] = ()
    sheet: Picture | None = None
    """The contact sheet, when one was made."""
    notes: Sequence[str] = field(default_factory=tuple)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def shown_params(params: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The parameters worth a reader's eye, in words, empty ones left out."""
    rows = []
    for name, words in SHOWN_FIELDS:
        value = params.get(name)
        if value is None or value == "":
            continue
        rows.append((words, str(value)))
    return rows


def _table(rows: Sequence[tuple[str, str]], caption: str) -> str:
    body = "".join(
        f'<tr><th scope="row" style="{_TH}">{_e(name)}</th><td style="{_TD}">{_e(value)}</td></tr>'
        for name, value in rows
    )
    return (
        '<table style="border-collapse: collapse; margin-top: 6px;">'
        f'<caption style="text-align: left; font-weight: 600;">{_e(caption)}</caption>'
        f"{body}</table>"
    )


def _media(picture: Picture | None, video_src: str | None, style: str) -> str:
    """The video with its poster, the poster alone inside it for pages that drop ``<video>``;
    or the picture alone when there is no video to point at."""
    if picture is None and video_src is None:
        return ""
    image = (
        f'<img src="{picture.data_uri}" alt="{_e(picture.alt)}" style="{style}">'
        if picture is not None
        else ""
    )
    if video_src is None:
        return image
    poster = f' poster="{picture.data_uri}"' if picture is not None else ""
    return (
        f'<video controls playsinline preload="metadata" src="{_e(video_src)}"{poster} '
        f'style="{style}">{image}</video>'
    )


def _notes(notes: Sequence[str]) -> str:
    return "".join(f'<p style="{_NOTE}">{_e(note)}</p>' for note in notes)


def _open(still_id: str, style: str) -> str:
    return f'<div class="{STILL_CLASS}" {STILL_ATTRIBUTE}="{_e(still_id)}" style="{style}">'


def studio_html(still: StudioStill, still_id: str = "") -> str:
    rows = shown_params(still.params) + list(still.extra)
    if still.task_id:
        rows.append(("Task", still.task_id))
    if still.units:
        rows.append(("Units", still.units))
    if still.provider:
        rows.append(("Made with", still.provider))
    return (
        f"{_open(still_id, _BOX)}"
        f'<div style="font-weight: 600; margin-bottom: 6px;">{_e(still.title)}</div>'
        f"{_media(still.picture, still.video_src, _MEDIA)}"
        f"{_table(rows, 'Request')}"
        f"{_notes(still.notes)}"
        "</div>"
    )


def _cell(cell: CellStill) -> str:
    facts = [cell.status]
    if cell.units:
        facts.append(f"{cell.units} unit{'' if cell.units == '1' else 's'}")
    if cell.motion:
        facts.append(cell.motion)
    task = (
        f'<div style="{_NOTE}">task <code>{_e(cell.task_id)}</code></div>' if cell.task_id else ""
    )
    return (
        '<figure style="margin: 0; min-width: 160px;">'
        f"{_media(cell.picture, cell.video_src, _CELL_MEDIA)}"
        f'<figcaption><div style="font-weight: 600;">{_e(cell.label)}</div>'
        f'<div style="{_NOTE}">{_e(" · ".join(facts))}</div>{task}</figcaption></figure>'
    )


def _grid(still: CompareStill) -> str:
    """Cells in their grid places, the axes' values as headers; a flat list wraps."""
    placed = [c for c in still.cells if c.row is not None or c.column is not None]
    if still.columns is None or len(placed) != len(still.cells):
        items = "".join(f'<div style="width: 240px;">{_cell(c)}</div>' for c in still.cells)
        return f'<div style="display: flex; flex-wrap: wrap; gap: 10px;">{items}</div>'
    column_values = list(still.columns[1])
    row_values = list(still.rows[1]) if still.rows else [""]
    corner = _e(still.rows[0]) if still.rows else ""
    head = f'<th scope="col" style="{_TH}">{corner}</th>' + "".join(
        f'<th scope="col" style="{_TH}">{_e(value)}</th>' for value in column_values
    )
    body = []
    for r, row_value in enumerate(row_values):
        cells = []
        for c in range(len(column_values)):
            here = [x for x in still.cells if (x.row or 0) == r and x.column == c]
            inner = "".join(f'<div style="margin-bottom: 6px;">{_cell(x)}</div>' for x in here)
            cells.append(f'<td style="{_TD} width: 240px; padding-right: 10px;">{inner}</td>')
        body.append(f'<tr><th scope="row" style="{_TH}">{_e(row_value)}</th>{"".join(cells)}</tr>')
    caption = still.columns[0] + (f" × {still.rows[0]}" if still.rows else "")
    return (
        '<table style="border-collapse: collapse;">'
        f'<caption style="text-align: left; font-weight: 600;">{_e(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def compare_html(still: CompareStill, still_id: str = "") -> str:
    sheet = (
        f'<img src="{still.sheet.data_uri}" alt="{_e(still.sheet.alt)}" style="{_MEDIA}">'
        if still.sheet is not None
        else ""
    )
    summary = _table(still.summary, "Sweep") if still.summary else ""
    return (
        f"{_open(still_id, _BOX + ' max-width: none;')}"
        f'<div style="font-weight: 600; margin-bottom: 6px;">{_e(still.title)}</div>'
        f"{_grid(still)}{summary}{sheet}{_notes(still.notes)}"
        "</div>"
    )


def camera_words(camera: Mapping[str, Any] | None) -> str | None:
    """``{"type": "simple", "config": {"zoom": 5}}`` as "zoom 5"; a preset by its name."""
    if not camera:
        return None
    config = camera.get("config") or {}
    moves = [f"{axis} {value:g}" for axis, value in config.items() if value]
    kind = str(camera.get("type") or "")
    if kind == "simple":
        return ", ".join(moves) or None
    return kind.replace("_", " ") or None


def brush_words(static: bool, dynamic: int) -> str | None:
    """What the motion brush held: "a static area and 2 moving areas"."""
    parts = (["a static area"] if static else []) + (
        [f"{dynamic} moving area{'s' if dynamic != 1 else ''}"] if dynamic else []
    )
    return " and ".join(parts) or None


def request_rows(request: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The brush and the camera of a request summary (a sidecar's ``request``), in words."""
    masks = request.get("dynamic_masks")
    rows = [
        ("Motion brush", brush_words(bool(request.get("static_mask")), len(masks or []))),
        ("Camera", camera_words(request.get("camera_control"))),
        ("End frame", "given" if request.get("image_tail") else None),
    ]
    return [(name, words) for name, words in rows if words]


def motion_words(check: Mapping[str, Any] | None) -> str | None:
    """A motion check as a reader's line: "96 / 100: followed the brush"."""
    if not check or check.get("score") is None:
        return None
    verdict = str(check.get("verdict") or "")
    return f"{check['score']} / 100" + (f": {verdict}" if verdict else "")
