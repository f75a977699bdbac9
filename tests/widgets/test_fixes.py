"""Pictures Kling would refuse are said at once, and each offered fix makes one it accepts."""

from __future__ import annotations

import pytest
from PIL import Image

from kling_studio.api.images import check_geometry
from kling_studio.samples import landscape
from kling_studio.widgets.fixes import apply_fix, picture_problems


@pytest.mark.parametrize(
    ("size", "rules", "fixes"),
    [
        ((1280, 720), [], []),
        ((250, 180), ["min_side"], ["upscale"]),
        ((3000, 1000), ["aspect"], ["crop", "pad"]),
        ((400, 1200), ["aspect"], ["crop", "pad"]),
        ((900, 200), ["min_side", "aspect"], ["upscale", "crop", "pad"]),
    ],
)
def test_problems_and_their_fixes(size, rules, fixes):
    problems = picture_problems(size, field="image")
    assert [p.rule for p in problems] == rules
    assert [f.id for p in problems for f in p.fixes] == fixes
    for problem in problems:
        assert "px" in problem.text or ":1" in problem.text


@pytest.mark.parametrize("size", [(250, 180), (3000, 1000), (400, 1200), (299, 750)])
def test_applying_the_offered_fixes_in_turn_gives_a_picture_kling_takes(size):
    for first in ("crop", "pad"):
        image: Image.Image = landscape(*size)
        for _ in range(3):
            problems = picture_problems(image.size, field="image")
            if not problems:
                break
            offered = [f.id for f in problems[0].fixes]
            image = apply_fix(image, first if first in offered else offered[0])
        check_geometry(image.size, field="image")  # raises if Kling would refuse it


def test_crop_keeps_the_centre_and_pad_keeps_everything():
    image = landscape(3000, 1000)
    cropped, padded = apply_fix(image, "crop"), apply_fix(image, "pad")
    assert cropped.size == (2500, 1000)
    assert padded.width == 3000 and padded.height > 1000
    assert (
        padded.crop(
            (0, (padded.height - 1000) // 2, 3000, (padded.height - 1000) // 2 + 1000)
        ).tobytes()
        == image.convert("RGB").tobytes()
    )


def test_an_unknown_fix_is_refused_by_name():
    with pytest.raises(ValueError, match="fix: must be one of crop, pad, upscale"):
        apply_fix(landscape(400, 400), "sharpen")
