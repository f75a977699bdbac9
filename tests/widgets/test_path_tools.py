"""The motion brush's path tools from the kernel's side: ``shape-path`` presets answered with the
points (the view records them), a clip uploaded to the ``clip`` slot (its first frame sent as
media, its file kept in a temp folder the Studio deletes on close), ``track-path`` on a synthetic
clip whose true path is known, refusals naming field, rule and value, a newer track superseding
an unfinished one, and the Python API (``shape_path``, ``path_from_clip``)."""

from __future__ import annotations

import io
import math
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from tests.paths.helpers import distances_to_polyline

from kling_studio.paths.synthetic import Scene, write_clip
from kling_studio.selection.limits import MAX_CLIP_BYTES
from kling_studio.widgets import pathing

W, H = 1280, 720
CLIP = (320, 180)
SCENE = Scene("line", seconds=4)  # 96 frames: thinned to 77 points
LINE = [[100.0, 500.0], [400.0, 450.0], [700.0, 300.0], [1000.0, 200.0]]


@pytest.fixture
def studio(boat_studio):
    boat_studio.set_path("dynamic-1", LINE)
    return boat_studio


@pytest.fixture(scope="module")
def clip_file(tmp_path_factory) -> tuple[Path, np.ndarray]:
    path = tmp_path_factory.mktemp("clips") / "line.mp4"
    return path, write_clip(SCENE, path)


def fitted(truth: np.ndarray) -> np.ndarray:
    """The clip's points in the 1280×720 picture: the same shape, 4× larger (pixel centres)."""
    scale = W / CLIP[0]
    return (truth + 0.5) * scale - 0.5


def shape_path(shape: str, **fields) -> dict:
    return {"type": "shape-path", "area": "dynamic-1", "path": LINE, "shape": shape, **fields}


def upload_clip(front, data: bytes, name: str = "line.mp4", timeout: float = 60) -> dict:
    begun = front.asked(
        {"type": "upload-begin", "id": "u1", "slot": "clip", "name": name, "size": len(data)}
    )
    assert begun == {"ok": True}
    front.say({"type": "upload-chunk", "id": "u1", "index": 0}, data)
    return front.asked({"type": "upload-end", "id": "u1"}, timeout)


@pytest.mark.parametrize("shape", list(pathing.SHAPES))
def test_each_shape_answers_new_points_and_leaves_the_path_to_the_view(studio, front_end, shape):
    reply = front_end(studio).asked(shape_path(shape))
    assert reply["ok"] and reply["area"] == "dynamic-1" and reply["notes"] == []
    points = np.asarray(reply["points"], float)
    assert len(points) >= 2
    ends = {"reverse": (LINE[-1], LINE[0])}.get(shape, (LINE[0], LINE[-1]))
    assert np.allclose(points[[0, -1]], ends)
    assert ((points >= 0) & (points <= [W - 1, H - 1])).all()
    assert studio.areas[1]["path"] == LINE  # the kernel does not set it: the view records it


def test_straight_lies_on_the_chord_and_an_arc_bends_by_its_bend(studio, front_end):
    front = front_end(studio)
    chord = np.array([LINE[0], LINE[-1]])
    straight = np.asarray(front.asked(shape_path("straight"))["points"], float)
    assert distances_to_polyline(straight, chord).max() < 1e-6
    bent = np.asarray(front.asked(shape_path("arc", bend=0.3))["points"], float)
    length = math.dist(LINE[0], LINE[-1])
    assert distances_to_polyline(bent, chord).max() == pytest.approx(0.3 * length, rel=0.02)
    default = np.asarray(front.asked(shape_path("arc"))["points"], float)
    assert distances_to_polyline(default, chord).max() == pytest.approx(0.25 * length, rel=0.02)


def test_ease_in_starts_slow(studio, front_end):
    points = np.asarray(front_end(studio).asked(shape_path("ease-in"))["points"], float)
    steps = np.hypot(*np.diff(points, axis=0).T)
    assert steps[0] < steps[-1] / 5


@pytest.mark.parametrize(
    ("fields", "field", "rule", "value"),
    [
        ({"area": "static"}, "area", "must be a dynamic area", "static"),
        ({"area": "dynamic-9"}, "area", "must be a dynamic area", "dynamic-9"),
        ({"path": [[1, 2]]}, "path", "must be at least two finite (x, y) pairs", "[[1, 2]]"),
        ({"path": [[1, 2], [3, float("nan")]]}, "path", "must be at least two finite", None),
        ({"shape": "zigzag"}, "shape", "must be one of straight, arc", "zigzag"),
        ({"shape": "arc", "bend": "lots"}, "bend", "must be a finite number", "lots"),
        (
            {"shape": "arc", "path": [[5, 5], [5, 5]]},
            "path",
            "an arc needs a start and an end",
            None,
        ),
    ],
)
def test_a_bad_shape_request_is_refused_naming_field_rule_and_value(
    studio, front_end, fields, field, rule, value
):
    reply = front_end(studio).asked({**shape_path("straight"), **fields})
    assert reply["ok"] is False
    error = reply["error"]
    assert error["field"] == field and error["rule"].startswith(rule)
    if value is not None:
        assert error["value"] == value
    assert field in error["text"] and error["rule"] in error["text"]


def test_a_clip_is_taken_its_first_frame_sent_and_a_track_fits_the_known_path(
    studio, front_end, clip_file
):
    path, truth = clip_file
    front = front_end(studio)
    taken = upload_clip(front, path.read_bytes())
    assert taken == {
        "ok": True,
        "slot": "clip",
        "name": "line.mp4",
        "width": CLIP[0],
        "height": CLIP[1],
        "frames": SCENE.frame_count,
        "seconds": pytest.approx(SCENE.seconds, abs=0.05),
    }
    with front._lock:
        frames = [b for c, b in front.received if c.get("slot") == "clip"]
    assert len(frames) == 1
    with Image.open(io.BytesIO(frames[0][0])) as first:
        assert first.format == "JPEG" and first.size == CLIP
    assert studio.status.get("phase") == "idle"

    reply = front.asked(
        {"type": "track-path", "area": "dynamic-2", "point": list(truth[0])}, timeout=120
    )
    assert reply["ok"] and reply["area"] == "dynamic-2"
    points = np.asarray(reply["points"], float)
    assert 2 <= len(points) <= 77
    assert distances_to_polyline(points, fitted(truth)).mean() <= 2.0
    assert any("thinned" in note for note in reply["notes"])
    assert studio.areas[2]["path"] == []  # the view records it


def test_a_clip_of_another_shape_says_it_was_cropped(fast_emulator, tmp_path, front_end):
    from kling_studio import AsyncKlingClient
    from kling_studio.embedded import emulator_connection
    from kling_studio.samples import landscape
    from kling_studio.widgets import Studio

    buffer = io.BytesIO()
    landscape(800, 600).save(buffer, "PNG")
    client = AsyncKlingClient(connection=emulator_connection(fast_emulator))
    widget = Studio(image=buffer.getvalue(), client=client, output_dir=tmp_path / "out")
    try:
        clip = tmp_path / "wide.mp4"
        truth = write_clip(SCENE, clip)
        front = front_end(widget)
        assert upload_clip(front, clip.read_bytes())["ok"]
        reply = front.asked(
            {"type": "track-path", "area": "dynamic-1", "point": list(truth[0])}, timeout=120
        )
        assert reply["ok"]
        assert any("another shape than the picture" in note for note in reply["notes"])
    finally:
        widget.close()


@pytest.mark.parametrize("kind", ["text", "png", "gif"])
def test_a_file_that_is_not_a_video_is_refused_naming_it(studio, front_end, kind):
    front = front_end(studio)
    if kind == "text":
        data = b"not a video at all" * 100
    else:
        buffer = io.BytesIO()
        Image.new("RGB", (64, 48), "teal").save(buffer, kind.upper())
        data = buffer.getvalue()
    reply = upload_clip(front, data, name=f"notes.{kind}")
    assert reply["ok"] is False
    assert reply["error"]["field"] == "clip" and reply["error"]["value"] == f"notes.{kind}"
    assert reply["error"]["rule"] in (
        "must be a video file (mp4, mov, webm…)",
        "must have more than one frame to follow",
    )
    track = front.asked({"type": "track-path", "area": "dynamic-1", "point": [1, 1]})
    assert track["ok"] is False and track["error"]["field"] == "clip"
    assert track["error"]["rule"] == "must be uploaded before a path is taken from it"


def test_a_clip_over_the_limit_is_refused_before_any_chunk(studio, front_end):
    size = MAX_CLIP_BYTES + 1
    reply = front_end(studio).asked(
        {"type": "upload-begin", "id": "big", "slot": "clip", "name": "long.mov", "size": size}
    )
    assert reply["ok"] is False and reply["error"]["field"] == "clip"
    assert reply["error"]["rule"] == f"must be {MAX_CLIP_BYTES // 2**20} MB or less to upload"
    assert reply["error"]["value"].startswith("long.mov")


@pytest.mark.parametrize(
    ("fields", "field", "rule"),
    [
        ({"area": "static"}, "area", "must be a dynamic area"),
        ({"point": [1, "x"]}, "point", "must be 2 finite numbers"),
        ({"point": [1e9, 5]}, "point", "must lie inside the 320×180 clip"),
    ],
)
def test_a_bad_track_request_is_refused(studio, front_end, clip_file, fields, field, rule):
    front = front_end(studio)
    assert upload_clip(front, clip_file[0].read_bytes())["ok"]
    message = {"type": "track-path", "area": "dynamic-1", "point": [10, 10], **fields}
    reply = front.asked(message, timeout=120)
    assert reply["ok"] is False
    assert reply["error"]["field"] == field and reply["error"]["rule"].startswith(rule)


def test_tracking_runs_off_the_kernels_thread_and_a_newer_track_supersedes(
    studio, front_end, clip_file, monkeypatch
):
    """The first track is held in the worker until a second one for the same area arrives:
    the first is answered "superseded" at once and its points never reach the view."""
    from kling_studio import paths

    path, truth = clip_file
    front = front_end(studio)
    assert upload_clip(front, path.read_bytes())["ok"]
    release = threading.Event()
    threads: list[str] = []
    real = paths.track_path

    def held(clip, point, **options):
        threads.append(threading.current_thread().name)
        if point == (0.0, 0.0):
            assert release.wait(30)
        return real(clip, tuple(truth[0]), **options)

    monkeypatch.setattr(paths, "track_path", held)
    began = time.monotonic()
    first = front.ask({"type": "track-path", "area": "dynamic-1", "point": [0, 0]})
    assert time.monotonic() - began < 0.5  # the kernel's thread is free at once
    second = front.ask({"type": "track-path", "area": "dynamic-1", "point": list(truth[0])})
    superseded = front.wait(first, timeout=10)
    assert superseded["ok"] is False
    assert superseded["error"]["rule"] == "is superseded by a newer track on the same area"
    release.set()
    assert front.wait(second, timeout=120)["ok"]
    assert threads and all(name.startswith("kling-paths") for name in threads)


def test_the_python_api_sets_the_path(studio, clip_file):
    path, truth = clip_file
    points = studio.shape_path("dynamic-1", "reverse")
    assert studio.areas[1]["path"] == [list(p) for p in points] == LINE[::-1]
    studio.shape_path("dynamic-1", "arc", bend=-0.2)
    assert len(studio.areas[1]["path"]) >= 25
    tracked = studio.path_from_clip("dynamic-2", path, tuple(truth[0]))
    assert studio.areas[2]["path"] == [list(p) for p in tracked.points]
    assert distances_to_polyline(np.asarray(tracked.points, float), fitted(truth)).mean() <= 2
    with pytest.raises(ValueError, match="area: must be a dynamic area"):
        studio.shape_path("static", "straight")
    with pytest.raises(ValueError, match="shape: must be one of"):
        studio.shape_path("dynamic-1", "spiral")


def test_the_clips_temp_file_goes_on_close_and_a_new_clip_replaces_it(
    fast_emulator, tmp_path, front_end, clip_file
):
    from kling_studio import AsyncKlingClient
    from kling_studio.embedded import emulator_connection
    from kling_studio.samples import landscape
    from kling_studio.widgets import Studio

    buffer = io.BytesIO()
    landscape(640, 360).save(buffer, "PNG")
    client = AsyncKlingClient(connection=emulator_connection(fast_emulator))
    widget = Studio(image=buffer.getvalue(), client=client, output_dir=tmp_path / "out")
    front = front_end(widget)
    data = clip_file[0].read_bytes()
    assert upload_clip(front, data)["ok"]
    first = widget._paths.clip.file
    assert first.read_bytes() == data
    assert upload_clip(front, data, name="again.mp4")["ok"]
    second = widget._paths.clip.file
    assert second != first and not first.exists() and second.exists()
    folder = second.parent
    widget.close()
    assert not second.exists() and not folder.exists()
