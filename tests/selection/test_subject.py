""" "Select the main subject": no click, the subject found."""

from __future__ import annotations

import numpy as np
import pytest

from kling_studio.samples import boat_silhouette, landscape
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


def test_a_band_across_the_frame_is_the_setting_and_a_subject_of_parts_is_one():
    """The quickstart's picture: the hills reach both sides (a band), the sail touches them, and
    the boat is a hull and a sail."""
    picture = np.asarray(landscape(1280, 720).convert("RGB"))
    assert iou(select_subject(picture).mask, boat_silhouette(1280, 720)) >= 0.9


def test_a_wide_subject_clear_of_the_sides_is_not_a_band():
    image = np.full((720, 1280, 3), (70, 110, 90), np.uint8)
    wide = np.zeros((720, 1280), bool)
    wide[300:420, 120:1160] = True  # 81 % of the width, clear of the border strips
    image[wide] = (220, 180, 40)
    assert iou(select_subject(image).mask, wide) >= 0.9
