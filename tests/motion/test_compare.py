"""A requested path against a measured one: each part of the score on paths whose answer is
known — the area that did as asked, and the ways it can disobey (reversed, shortened, rotated,
off to one side, still)."""

from __future__ import annotations

import numpy as np
import pytest

from kling_studio.api.input_error import InputError
from kling_studio.motion import compare_paths

SIZE = (1280, 720)
ASKED = [(200.0, 400.0), (600.0, 400.0), (1000.0, 300.0)]


def per_frame(path, frames: int = 121) -> np.ndarray:
    """The path's positions at each frame of a clip (its points equally timed), as a tracker
    would measure them."""
    xy = np.asarray(path, float)
    stations = np.linspace(0, len(xy) - 1, frames)
    index = np.arange(len(xy))
    return np.column_stack([np.interp(stations, index, xy[:, i]) for i in (0, 1)])


def test_an_area_that_did_as_asked_scores_full_marks():
    score = compare_paths(ASKED, per_frame(ASKED), size=SIZE)
    assert score.distance == pytest.approx(0, abs=1e-9)
    assert score.direction == pytest.approx(1)
    assert score.progress == pytest.approx(1)
    assert score.score == 100


def test_a_reversed_path_goes_the_wrong_way_and_gets_nowhere():
    score = compare_paths(ASKED, per_frame(ASKED[::-1]), size=SIZE)
    assert score.direction == pytest.approx(-1)
    assert score.progress == pytest.approx(0)
    assert score.score < 20


def test_a_shortened_path_says_how_far_it_got():
    half_way = per_frame(ASKED)[:61]  # stopped at the middle of the clip: the end of leg one
    score = compare_paths(ASKED, per_frame(half_way), size=SIZE)
    assert score.progress == pytest.approx(400 / (400 + np.hypot(400, 100)), abs=0.01)
    assert score.direction > 0.9
    assert 40 < score.score < 90


def test_a_rotated_path_shows_in_its_direction():
    start = np.array(ASKED[0])
    turn = np.radians(90)
    rotation = np.array([[np.cos(turn), -np.sin(turn)], [np.sin(turn), np.cos(turn)]])
    turned = (np.asarray(ASKED) - start) @ rotation.T * 0.4 + start
    score = compare_paths(ASKED, per_frame(turned), size=SIZE)
    assert abs(score.direction) < 0.3
    assert score.score < 50


def test_the_same_moves_to_one_side_keep_direction_but_lose_closeness():
    aside = per_frame(np.asarray(ASKED) + np.array([0.0, 60.0]))
    score = compare_paths(ASKED, aside, size=SIZE)
    assert score.distance == pytest.approx(60 / np.hypot(*SIZE))
    assert score.direction == pytest.approx(1)
    # The shifted end projects onto the slanted last leg a little before its end.
    assert score.progress == pytest.approx(1, abs=0.03)
    assert 70 < score.score < 100


def test_timing_counts_not_only_the_shape():
    """The right line at the wrong pace: ease-in against constant speed, the same shape."""
    line = [(200.0, 400.0), (1000.0, 400.0)]
    eased = [(200 + 800 * t**3, 400.0) for t in np.linspace(0, 1, 121)]
    score = compare_paths(line, eased, size=SIZE)
    assert score.direction == pytest.approx(1)
    assert score.progress == pytest.approx(1)
    assert score.distance > 0.1  # on average far behind where the line would be by then


def test_an_area_that_stays_when_asked_to_move_has_no_direction():
    still = np.repeat([ASKED[0]], 121, axis=0)
    score = compare_paths(ASKED, still, size=SIZE)
    assert score.direction == 0
    assert score.progress == pytest.approx(0)


def test_a_picture_without_size_is_refused_by_name():
    with pytest.raises(InputError) as refused:
        compare_paths(ASKED, per_frame(ASKED), size=(0, 720))
    assert refused.value.field == "size"
