""" "Select the main subject": no click, the subject found."""

from __future__ import annotations

import numpy as np
import pytest

from kling_studio.selection import select_subject

from .conftest import scene
from .scenes import composite, disc, iou


@pytest.mark.parametrize("background", ["textured", "noisy", "gradient"])
def test_the_subject_is_the_shape(background: str):
    picture = scene("blob", background)
    assert iou(select_subject(picture.image).mask, picture.truth) >= 0.9


def test_the_subject_of_a_photographic_composite():
    picture = composite("star", "fur", "rocket", (1280, 720))
    assert iou(select_subject(picture.image).mask, picture.truth) >= 0.9


def test_of_two_objects_the_subject_is_the_one_in_the_middle():
    size = (1280, 720)
    middle, corner = disc((640, 380), 140, size) >= 0.5, disc((150, 130), 70, size) >= 0.5
    image = np.full((720, 1280, 3), (70, 110, 90), np.uint8)
    image[middle], image[corner] = (220, 180, 40), (40, 60, 210)
    assert iou(select_subject(image).mask, middle) >= 0.9


def test_a_blank_picture_has_no_subject():
    assert not select_subject(np.full((360, 640, 3), 90, np.uint8)).mask.any()
