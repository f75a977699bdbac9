"""The words a carried brush or camera move is said in, shared by the Studio and Compare."""

from __future__ import annotations

import pytest

from kling_studio.motion.carried import how_sent, with_phrase


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        ("a boat sails", "a boat sails. The camera slowly zooms in."),
        ("a boat sails.  ", "a boat sails. The camera slowly zooms in."),
        ("What a day!", "What a day! The camera slowly zooms in."),
        ("", "The camera slowly zooms in."),
    ],
)
def test_the_phrase_is_a_sentence_of_its_own(prompt, expected):
    assert with_phrase(prompt, "the camera slowly zooms in") == expected


def test_empty_words_are_refused():
    with pytest.raises(ValueError, match="empty"):
        with_phrase("a boat", "  ")


def test_how_names_each_part_as_it_went():
    assert how_sent(brush=True, camera=False, carried={"brush"}) == (
        "the brush sent as an end frame"
    )
    assert how_sent(brush=False, camera=True, carried={"camera"}) == (
        "the camera move sent as words"
    )
    assert how_sent(brush=True, camera=True, carried={"camera"}) == (
        "the brush and the camera move sent as words"
    )
