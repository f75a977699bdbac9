"""How a brush or camera move reached a model that cannot take it, in words: the motion check's
``how`` for the report, and the camera phrase joined to a prompt.

Shared by the Studio (``widgets.carrying``) and Compare (``compare.carry``), so both say the
same thing and neither imports the other. Pure, and light: no numpy.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Final, Literal

Part = Literal["brush", "camera"]
"""What can be carried: the motion brush (as an end frame), the camera move (as words)."""

BRUSH_AS_END_FRAME: Final = "the brush sent as an end frame"
CAMERA_AS_WORDS: Final = "the camera move sent as words"

HOW: Final[Mapping[tuple[Part, bool], str]] = {
    ("brush", False): "the brush",
    ("brush", True): BRUSH_AS_END_FRAME,
    ("camera", False): "the camera move",
    ("camera", True): CAMERA_AS_WORDS,
}
"""(part, carried?) → how it reached the service, as the motion check's report says it."""


def how_sent(*, brush: bool, camera: bool, carried: Collection[Part] = ()) -> str:
    """The report's ``intent`` words for what was asked (``brush``, ``camera``), each part as it
    went — itself, or ``carried`` another way: "the brush and the camera move sent as words"."""
    wanted: tuple[tuple[Part, bool], ...] = (("brush", brush), ("camera", camera))
    asked = [part for part, wants in wanted if wants]
    return " and ".join(HOW[part, part in carried] for part in asked)


def with_phrase(prompt: str, words: str) -> str:
    """``words`` added to the end of ``prompt`` as a sentence of its own."""
    words = words.strip()
    if not words:
        raise ValueError("the words to add are empty")
    body = prompt.rstrip()
    sentence = words[0].upper() + words[1:] + ("" if words.endswith(".") else ".")
    if not body:
        return sentence
    joint = " " if body.endswith((".", "!", "?")) else ". "
    return f"{body}{joint}{sentence}"
