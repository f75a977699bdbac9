"""Reasons say where a feature is available, from the capability table."""

from __future__ import annotations

from kling_studio.api.availability import slots_text, where_available
from kling_studio.api.capabilities import MODELS, Feature


def test_slots_read_as_a_person_writes_them() -> None:
    assert slots_text({("std", "5"), ("pro", "5")}) == "std/pro 5 s"
    assert slots_text({("pro", "5"), ("pro", "10")}) == "pro 5/10 s"
    assert slots_text({("std", "5"), ("pro", "5"), ("pro", "10")}) == "std 5 s, pro 5/10 s"
    assert slots_text({("pro", str(s)) for s in range(3, 16)}) == "pro 3–15 s"
    assert slots_text(()) == ""


def test_the_camera_is_found_on_every_model_that_has_it_and_no_other() -> None:
    text = where_available([Feature.CAMERA_CONTROL])
    offering = [name for name, spec in MODELS.items() if spec.slots_for(Feature.CAMERA_CONTROL)]
    assert offering  # the table has camera models
    for name in MODELS:
        assert (f"{name} " in text) == (name in offering), name
    assert "kling-v1-5 pro 5 s" in text
