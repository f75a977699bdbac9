"""The magnetic lasso: a few clicks around something, the loop snapped to its edges."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from kling_studio.api.input_error import InputError
from kling_studio.selection import MagneticLasso, lasso

from .scenes import iou


def red_square() -> tuple[np.ndarray, np.ndarray]:
    image = np.full((400, 600, 3), (40, 120, 60), np.uint8)
    image[100:300, 200:400] = (220, 60, 60)
    square = np.zeros((400, 600), bool)
    square[100:300, 200:400] = True
    return image, square


def test_anchors_at_a_squares_corners_give_the_square():
    image, square = red_square()
    mask = lasso(image, [(200, 100), (399, 100), (399, 299), (200, 299)])
    assert iou(mask, square) >= 0.98


def test_four_anchors_on_a_circle_give_the_circle_not_a_square():
    """Straight lines through the four anchors would cover 64 % of the disc: the loop follows
    the circle's edge instead."""
    image = np.full((400, 600, 3), (40, 120, 60), np.uint8)
    cv2.circle(image, (300, 200), 120, (220, 60, 60), -1)
    disc = np.zeros((400, 600), np.uint8)
    cv2.circle(disc, (300, 200), 120, 1, -1)
    mask = lasso(image, [(300, 80), (420, 200), (300, 320), (180, 200)])
    assert iou(mask, disc > 0) >= 0.95


def test_a_path_between_two_anchors_runs_along_the_edge():
    image, _ = red_square()
    path = MagneticLasso(image, [(200, 100), (399, 299)]).path((200, 100), (399, 100))
    assert tuple(path[0]) == (200, 100)
    assert tuple(path[-1]) == (399, 100)
    assert np.abs(path[:, 1] - 100).max() <= 2


def test_a_lasso_needs_three_points_on_the_picture():
    image, _ = red_square()
    with pytest.raises(InputError, match="at least 3 points"):
        lasso(image, [(10, 10), (20, 20)])
    with pytest.raises(InputError, match="must lie on the 600×400 picture") as refused:
        lasso(image, [(10, 10), (20, 20), (700, 20)])
    assert refused.value.field == "anchors"
