"""Path from a clip: synthetic clips whose true path is known, tracked and fitted to pictures of
another size; errors are measured in the picture's pixels."""

from __future__ import annotations

import numpy as np
import pytest

from kling_studio.api.input_error import InputError
from kling_studio.paths import track_path
from kling_studio.paths.synthetic import Scene, frames, true_path

from .helpers import distances_to_polyline, steps

CLIP = (320, 180)
PICTURES = {
    "same shape, 4× larger": (1280, 720),
    "4:3, cropped at the sides": (1024, 768),
    "portrait, smaller": (360, 640),
}


def expected_in_picture(truth: np.ndarray, picture: tuple[int, int]) -> np.ndarray:
    """The clip scaled to fill the picture, centred, pixel centres at integers (a centre crop)."""
    scale = max(picture[0] / CLIP[0], picture[1] / CLIP[1])
    offset = (np.array(picture) - scale * np.array(CLIP)) / 2
    return (truth + 0.5) * scale + offset - 0.5


def error(points: np.ndarray, truth: np.ndarray) -> np.ndarray:
    return np.hypot(*(np.asarray(points, dtype=float) - truth).T)


@pytest.mark.parametrize("picture", PICTURES.values(), ids=PICTURES.keys())
@pytest.mark.parametrize(
    "scene",
    [
        Scene("line", seconds=2),
        Scene("arc", seconds=3, noise=6),
        Scene("figure-eight", seconds=4, noise=6, shutter=4),
    ],
    ids=lambda scene: scene.shape,
)
def test_a_tracked_path_lies_within_2_px_of_the_true_one(clip, scene, picture):
    path, truth = clip(scene)
    tracked = track_path(path, tuple(truth[0]), picture_size=picture)

    assert tracked.frames_tracked == scene.frame_count
    assert tracked.lost_at is None
    expected = expected_in_picture(truth, picture)
    inside = np.clip(expected, 0, np.array(picture) - 1)
    assert error(tracked.positions, inside).mean() <= 2.0
    assert 2 <= len(tracked.points) <= 77
    # The points (thinned, rounded to pixels, repeats dropped) lie on the true path.
    assert distances_to_polyline(np.asarray(tracked.points, float), inside).mean() <= 2.0
    assert all(0 <= x < picture[0] and 0 <= y < picture[1] for x, y in tracked.points)


def test_a_clip_of_another_shape_is_fitted_by_a_centre_crop_and_says_so(clip):
    path, truth = clip(Scene("line", seconds=2))

    same = track_path(path, tuple(truth[0]), picture_size=(640, 360))
    wider = track_path(path, tuple(truth[0]), picture_size=(1024, 768))

    assert not any("crop" in note for note in same.notes)
    assert any("25% of its width cropped" in note for note in wider.notes)


def test_long_clips_are_thinned_to_77_points_at_equal_time_steps(clip):
    scene = Scene("arc", seconds=5)
    path, truth = clip(scene)

    tracked = track_path(path, tuple(truth[0]), picture_size=CLIP)

    assert tracked.frames_tracked == 120
    assert len(tracked.points) <= 77  # 77, less the repeats rounding makes where it is slow
    assert any("120 tracked frames thinned to 77 points" in note for note in tracked.notes)
    # The arc eases in and out: thinned by time, its points crowd at both ends.
    gaps = steps(tracked.points)
    assert gaps[:5].mean() < gaps[35:41].mean() / 3
    assert gaps[-5:].mean() < gaps[35:41].mean() / 3


def test_where_the_object_leaves_the_frame_is_reported(clip):
    scene = Scene("exit", seconds=3)
    path, truth = clip(scene)
    gone = int(np.argmax(truth[:, 0] > CLIP[0] - 1))  # the first frame its centre is outside

    tracked = track_path(path, tuple(truth[0]), picture_size=CLIP)

    assert tracked.lost_at is not None
    assert gone - 3 <= tracked.lost_at <= gone
    assert tracked.frames_tracked == tracked.lost_at
    assert error(tracked.positions, truth[: tracked.frames_tracked]).mean() <= 2.0
    [note] = [note for note in tracked.notes if "lost" in note]
    assert f"lost at frame {tracked.lost_at} (" in note
    assert "the path ends there" in note


def test_frames_in_hand_track_like_the_file_and_start_where_asked():
    scene = Scene("figure-eight", seconds=2)
    truth = true_path(scene)

    tracked = track_path(frames(scene), tuple(truth[10]), picture_size=CLIP, start_frame=10)

    assert tracked.frames_tracked == scene.frame_count - 10
    assert error(tracked.positions, truth[10:]).mean() <= 1.0


def test_a_clip_where_nothing_moves_has_no_path():
    ground = next(frames(Scene("line")))

    with pytest.raises(InputError) as refused:
        track_path([ground] * 5, (160, 90), picture_size=(640, 360))

    assert refused.value.field == "clip"
    assert "distinct points" in refused.value.rule


def test_a_point_on_a_blank_patch_cannot_be_followed():
    blank = np.full((90, 160, 3), 128, np.uint8)

    with pytest.raises(InputError) as refused:
        track_path([blank] * 5, (80, 45), picture_size=(320, 180))

    assert refused.value.field == "point"
    assert "could not be followed past the clicked frame" in refused.value.rule


@pytest.mark.parametrize(
    ("call", "field"),
    [
        ({"point": (320, 10)}, "point"),
        ({"point": (float("nan"), 10)}, "point"),
        ({"start_frame": 500}, "start_frame"),
        ({"start_frame": -1}, "start_frame"),
        ({"picture_size": (0, 10)}, "picture_size"),
        ({"clip": [np.zeros((4, 4, 2), np.uint8)]}, "clip"),
        ({"clip": [np.zeros((4, 4, 3), np.float32)]}, "clip"),
    ],
)
def test_bad_input_names_its_field(clip, call, field):
    path, truth = clip(Scene("line", seconds=2))
    arguments = {"clip": path, "point": tuple(truth[0]), "picture_size": CLIP, **call}

    with pytest.raises(InputError) as refused:
        track_path(
            arguments["clip"],
            arguments["point"],
            picture_size=arguments["picture_size"],
            start_frame=arguments.get("start_frame", 0),
        )

    assert refused.value.field == field


def test_a_file_that_is_not_a_video_is_refused(tmp_path):
    fake = tmp_path / "clip.mp4"
    fake.write_bytes(b"not a video")

    with pytest.raises(InputError) as refused:
        track_path(fake, (1, 1), picture_size=CLIP)

    assert refused.value.field == "clip"
