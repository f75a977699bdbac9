"""Problems in the words the Studio's own controls use: "dynamic 2 path", not
``dynamic_masks[0].trajectories``. The field path stays in each problem (the front end files it
under its control; Python's ``ValidationError`` keeps it), only the text a person reads changes.
Pure."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Final

from kling_studio.api.input_error import shown
from kling_studio.api.problems import Problem

FIELD_WORDS: Final[Mapping[str, str]] = {
    "prompt": "Prompt",
    "negative_prompt": "Negative prompt",
    "image": "Start frame",
    "image_tail": "Tail frame",
    "image_list": "Pictures",
    "static_mask": "Static area",
    "dynamic_masks": "Motion brush",
    "camera_control": "Camera",
    "cfg_scale": "cfg_scale",
    "mode": "Mode",
    "duration": "Duration",
    "model_name": "Model",
    "sound": "Sound",
    "voice_list": "Voices",
    "element_list": "Elements",
    "multi_shot": "Multi-shot",
    "shot_type": "Shot type",
    "multi_prompt": "Shots",
    "aspect_ratio": "Aspect ratio",
    "watermark_info": "Watermark",
    "external_task_id": "External id",
    "callback_url": "Callback URL",
    "params": "Settings",
}
"""A request field's root → the label of the control that sets it."""

_INDEXED = re.compile(r"^(?P<root>\w+)\[(?P<index>\d+)\](?:\.(?P<part>\w+))?")
_AREA_PATH = re.compile(r"^(?P<area>(?:static|dynamic-\d+))\.path$")
PARTS: Final[Mapping[str, str]] = {
    "trajectories": "path",
    "mask": "paint",
    "voice_id": "id",
    "element_id": "id",
}
ROWS: Final[Mapping[str, str]] = {
    "image_list": "Picture",
    "multi_prompt": "Shot",
    "voice_list": "Voice",
    "element_list": "Element",
}
"""A list field's root → what one of its rows is called ("Shot 2 prompt")."""


def control_words(field: str, painted: Sequence[str] = ()) -> str:
    """Where a person finds ``field``: ``painted`` lists the labels of the painted dynamic
    areas in request order (``dynamic_masks[i]`` is ``painted[i]``)."""
    if match := _AREA_PATH.match(field):
        return f"{match['area'].replace('-', ' ')} path"
    if match := _INDEXED.match(field):
        index, part = int(match["index"]), match["part"]
        suffix = f" {PARTS.get(part, part)}" if part else ""
        if match["root"] == "dynamic_masks" and index < len(painted):
            return f"{painted[index]}{suffix}"
        row = ROWS.get(match["root"]) or FIELD_WORDS.get(match["root"], match["root"])
        return f"{row} {index + 1}{suffix}"
    root = field.split(".", 1)[0]
    return FIELD_WORDS.get(root, field)


def problem_words(problem: Problem, painted: Sequence[str] = ()) -> str:
    """The problem as the Studio shows it: the control's name, the rule, the value in short."""
    value = "" if problem.value is None else shown(problem.value)
    got = f" (got {value})" if value else ""
    return f"{control_words(problem.field, painted)}: {problem.rule}{got}"
