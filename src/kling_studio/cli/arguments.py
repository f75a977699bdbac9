"""Parsing the command line's small languages: ``zoom=5`` cameras and ``x,y`` points.

Pure functions; each bad value raises ``ArgumentError`` naming the option and what it expected.
"""

from __future__ import annotations

from kling_studio.api.capabilities import CAMERA_AXES, CAMERA_TYPES
from kling_studio.api.models import CameraControl


class ArgumentError(ValueError):
    """A command-line value that cannot be understood; one line, naming the option."""


def parse_point(text: str, option: str = "--path") -> tuple[float, float]:
    """``"120,340"`` → (120.0, 340.0): image pixels, origin top-left."""
    parts = text.split(",")
    try:
        x, y = (float(p) for p in parts)
    except ValueError:
        raise ArgumentError(f"{option}: expected points as x,y (got {text!r})") from None
    return x, y


def parse_camera(values: list[str]) -> CameraControl:
    """``["zoom=5"]`` → a simple move; ``["down_back"]`` → a preset."""
    presets = [v for v in values if "=" not in v]
    axes = [v for v in values if "=" in v]
    if (presets and axes) or len(presets) > 1:
        raise ArgumentError(
            f"--camera: give one preset or axis=value moves, not both (got {values})"
        )
    if presets:
        if presets[0] not in CAMERA_TYPES or presets[0] == "simple":
            names = ", ".join(t for t in CAMERA_TYPES if t != "simple")
            raise ArgumentError(f"--camera: unknown preset {presets[0]!r} (presets: {names})")
        return CameraControl(type=presets[0])
    moves: dict[str, float] = {}
    for item in axes:
        axis, _, number = item.partition("=")
        if axis not in CAMERA_AXES:
            raise ArgumentError(f"--camera: unknown axis {axis!r} (axes: {', '.join(CAMERA_AXES)})")
        try:
            moves[axis] = float(number)
        except ValueError:
            raise ArgumentError(f"--camera: {axis} needs a number (got {number!r})") from None
    return CameraControl.simple(**moves)


def pair_masks_and_paths(
    masks: list[str], paths: list[list[str]]
) -> list[tuple[str, list[tuple[float, float]]]]:
    """The n-th ``--dynamic-mask`` moves along the n-th ``--path``."""
    if len(masks) != len(paths):
        raise ArgumentError(
            f"--dynamic-mask and --path come in pairs (got {len(masks)} masks, {len(paths)} paths)"
        )
    return [(mask, [parse_point(p) for p in path]) for mask, path in zip(masks, paths, strict=True)]
