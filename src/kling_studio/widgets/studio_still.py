"""The Studio's output as a reader without a kernel sees it: the run shown last (its poster, its
video beside the notebook, what was asked, the task), or before any run the start picture and
the settings that would be sent. Reads the run's sidecar and video; called from the widget's
loop thread or the kernel's (``Studio._repr_mimebundle_``)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .fallback import StudioStill, brush_words, camera_words, motion_words, request_rows
from .stills import EMBED_LIMIT_BYTES, POSTER_WIDTH, Posters, picture_poster, video_source


def _sidecar_request(sidecar: str) -> Mapping[str, Any]:
    try:
        record = json.loads(Path(sidecar).read_text())
    except (OSError, ValueError):
        return {}
    request = record.get("request") if isinstance(record, dict) else None
    return request if isinstance(request, dict) else {}


def run_still(
    run: Mapping[str, Any], *, provider: str, embed: bool, posters: Posters
) -> StudioStill:
    """A finished run: its poster and video, its parameters, the brush, camera and score."""
    video = Path(run["path"])
    params = run.get("params") or {}
    source = video_source(video, embed=embed, budget=EMBED_LIMIT_BYTES)
    alt = f"A frame from halfway through the video for “{run.get('prompt') or 'no prompt'}”"
    extra = request_rows(_sidecar_request(str(run.get("sidecar") or "")))
    score = motion_words(run.get("motion"))
    if score:
        extra.append(("Motion check", score))
    model = params.get("model_name") or "Kling"
    return StudioStill(
        title=f"Kling Studio · {model} · {float(run.get('seconds') or 0):.0f} s to make",
        params=params,
        picture=posters.of_video(video, POSTER_WIDTH, alt),
        video_src=source.src,
        extra=extra,
        task_id=str(run.get("task_id") or "") or None,
        units=None if run.get("units") is None else f"{run['units']}",
        provider=provider,
        notes=[source.note] if source.note else [],
    )


def draft_still(
    params: Mapping[str, Any],
    areas: Sequence[Mapping[str, Any]],
    start: bytes | None,
    *,
    provider: str,
) -> StudioStill:
    """Before any run: the start picture and what Generate would send."""
    painted = [a for a in areas if a.get("painted")]
    static = any(a.get("kind") == "static" for a in painted)
    dynamic = sum(1 for a in painted if a.get("kind") != "static")
    extra = [
        (name, words)
        for name, words in (
            ("Motion brush", brush_words(static, dynamic)),
            ("Camera", camera_words(params.get("camera_control"))),
        )
        if words
    ]
    picture = picture_poster(start, POSTER_WIDTH, "The start picture") if start else None
    return StudioStill(
        title="Kling Studio · no video made yet",
        params=params,
        picture=picture,
        extra=extra,
        provider=provider,
        notes=["Run the notebook to make the video."],
    )
