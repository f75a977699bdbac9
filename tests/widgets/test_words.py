"""Problems read with the Studio's own names for things."""

from __future__ import annotations

import pytest

from kling_studio.api.problems import Problem
from kling_studio.widgets.words import control_words, problem_words


@pytest.mark.parametrize(
    ("field", "words"),
    [
        ("dynamic_masks[0].trajectories", "dynamic 2 path"),
        ("dynamic_masks[1].mask", "dynamic 5 paint"),
        ("dynamic_masks[1]", "dynamic 5"),
        ("dynamic-3.path", "dynamic 3 path"),
        ("image_list[2]", "Picture 3"),
        ("camera_control.config.zoom", "Camera"),
        ("negative_prompt", "Negative prompt"),
        ("something_new", "something_new"),
    ],
)
def test_fields_are_named_as_the_controls_are(field: str, words: str) -> None:
    assert control_words(field, painted=["dynamic 2", "dynamic 5"]) == words


def test_a_problem_reads_without_wire_paths_or_payloads() -> None:
    problem = Problem("dynamic_masks[0].trajectories", "must stay inside the picture", (900, 10))
    text = problem_words(problem, ["dynamic 2"])
    assert text == "dynamic 2 path: must stay inside the picture (got (900, 10))"
    assert "dynamic_masks" not in text
