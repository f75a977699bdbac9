"""Clip pixels and picture pixels, both ways, for clips of the picture's shape and of another."""

from __future__ import annotations

import numpy as np
import pytest

from kling_studio.paths.fit import to_clip, to_picture


@pytest.mark.parametrize("clip_size", [(320, 180), (640, 480), (1280, 720)])
def test_to_clip_undoes_to_picture(clip_size):
    picture = (1280, 720)
    points = np.array([[0.0, 0.0], [639.5, 359.5], [1279.0, 719.0], [384.0, 560.0]])
    there = to_clip(points, clip_size, picture)
    assert to_picture(there, clip_size, picture) == pytest.approx(points)


def test_the_picture_centre_is_the_clip_centre():
    centre = to_clip(np.array([[639.5, 359.5]]), (320, 240), (1280, 720))
    assert centre[0] == pytest.approx([159.5, 119.5])
