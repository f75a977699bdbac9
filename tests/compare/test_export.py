"""A sweep's grid exported as one file, checked by decoding what was written: each cell shows
its own clip at the same moment in its grid place, the words are drawn, the sound is the chosen
clip's, GIF and WebP keep under their cap, and nothing is ever written over."""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np
import pytest
from PIL import Image

from kling_studio.api.input_error import InputError
from kling_studio.compare import cellframes
from kling_studio.compare.export import GridClip, export_grid, layout_for
from kling_studio.compare.gridlayout import AxisTitle, Box, GridTitles, fit
from kling_studio.compare.lettering import BACKGROUND

from .clips import at, dominant_hz, frames_of, write_clip

CELL = 160
TITLES = GridTitles(
    rows=AxisTitle("cfg_scale", ("0.3", "0.8")), columns=AxisTitle("mode", ("std", "pro"))
)


def ramp(channel: int, per_second: float = 70.0):
    """A colour whose ``channel`` climbs ``per_second`` levels a second from 70, away from
    the ends of the range that YUV's conversions clip."""

    def colour(t: float) -> tuple[int, int, int]:
        levels = [60, 60, 60]
        levels[channel] = min(230, round(70 + per_second * t))
        return levels[0], levels[1], levels[2]

    return colour


@pytest.fixture
def grid(tmp_path) -> list[GridClip]:
    """Four clips of other sizes, rates and lengths; each its own colour, changing with time,
    with grain over it (so a smaller file must be a smaller or slower picture)."""
    made = tmp_path / "clips"
    made.mkdir()
    specs = [
        ("red", (160, 90), 24, 2.0, ramp(0), (0, 0), "cfg_scale 0.3 · mode std"),
        ("green", (120, 90), 30, 1.0, ramp(1), (0, 1), "cfg_scale 0.3 · mode pro"),
        ("blue", (90, 160), 25, 1.5, ramp(2), (1, 0), "cfg_scale 0.8 · mode std"),
        (
            "grey",
            (160, 90),
            30,
            2.0,
            lambda t: (round(60 + 70 * t),) * 3,
            (1, 1),
            "cfg_scale 0.8 · mode pro",
        ),
    ]
    return [
        GridClip(
            write_clip(
                made / f"{name}.mp4", size=size, fps=fps, seconds=seconds, colour=colour, grain=12
            ),
            place,
            label,
        )
        for name, size, fps, seconds, colour, place, label in specs
    ]


def boxes(clips: list[GridClip], titles: GridTitles = TITLES) -> list[Box]:
    """Where each clip's picture lies on the canvas, from the same layout the export uses."""
    infos = [cellframes.probe(clip.path, "clip") for clip in clips]
    layout = layout_for(clips, infos, CELL, titles)
    return [
        fit(info.size, layout.picture(clip.place)) for clip, info in zip(clips, infos, strict=True)
    ]


def inner(picture: np.ndarray, box: Box, margin: int = 4) -> np.ndarray:
    """The box's pixels, less a margin where scaling blurs its edge into the background."""
    return picture[
        box.y + margin : box.y + box.height - margin, box.x + margin : box.x + box.width - margin
    ]


def mean(picture: np.ndarray) -> np.ndarray:
    return picture.reshape(-1, 3).mean(axis=0)


def test_every_cell_shows_its_own_clip_at_the_same_moment_in_its_place(grid, tmp_path):
    reported: list[float] = []
    done = export_grid(
        grid, tmp_path / "grid.mp4", titles=TITLES, cell_width=CELL, on_progress=reported.append
    )
    assert done.path == tmp_path / "grid.mp4" and done.format == "mp4"
    assert done.fps == 30  # the fastest clip's rate
    assert done.frames == 60 and done.seconds == pytest.approx(2.0)  # the longest clip's length
    assert done.bytes == done.path.stat().st_size
    assert reported == sorted(reported) and reported[-1] == 1.0 and len(reported) > 2

    with av.open(str(done.path)) as container:
        stream = container.streams.video[0]
        assert (stream.codec_context.name, stream.codec_context.pix_fmt) == ("h264", "yuv420p")
        assert (stream.width, stream.height) == done.size
        assert stream.width % 2 == 0 and stream.height % 2 == 0
        assert float(stream.duration * stream.time_base) == pytest.approx(2.0, abs=0.04)
        assert not container.streams.audio
    exported = frames_of(done.path)
    sources = [frames_of(clip.path) for clip in grid]
    places = boxes(grid)
    for seconds in (0.05, 0.4, 0.8, 1.2, 1.6, 1.95):
        frame = at(exported, seconds)
        moment = max(time for time, _ in exported if time <= seconds + 1e-6)
        for clip, source, box in zip(grid, sources, places, strict=True):
            whole = Box(0, 0, *at(source, 0).shape[1::-1])
            expected = mean(inner(at(source, moment), whole))
            shown = mean(inner(frame, box))
            assert shown == pytest.approx(expected, abs=6), f"{clip.label} at {seconds} s"
    # the short green clip holds its last frame; the others go on changing
    assert mean(inner(at(exported, 1.9), places[1])) == pytest.approx(
        mean(inner(at(exported, 1.2), places[1])), abs=2
    )
    assert (
        mean(inner(at(exported, 1.9), places[0]))[0]
        > mean(inner(at(exported, 1.2), places[0]))[0] + 40
    )
    # grid places: the rows and columns as asked; the tall clip letterboxed on the dark ground
    centres = [box.centre for box in places]
    assert centres[0][0] < centres[1][0] and centres[0][1] == centres[1][1]
    assert centres[2][1] > centres[0][1] and centres[2][0] == centres[0][0] < centres[3][0]
    tall = places[2]
    beside = at(exported, 1.0)[tall.y + 10 : tall.y + tall.height - 10, tall.x - 30 : tall.x - 4]
    assert mean(beside) == pytest.approx(BACKGROUND, abs=4)


def bright(picture: np.ndarray) -> int:
    """Pixels of ink (labels are near-white on the dark ground)."""
    return int((picture.max(axis=2) > 100).sum())


def test_labels_and_axis_titles_are_drawn_in_their_bands(tmp_path):
    """Two cells labelled alike carry the same caption pixels; a third, labelled otherwise,
    carries others; the header and the left band hold the axis values."""
    made = tmp_path / "clips"
    made.mkdir()
    clips = [
        GridClip(write_clip(made / f"{i}.mp4", colour=lambda t: (60, 60, 60)), place, label)
        for i, (place, label) in enumerate(
            [
                ((0, 0), "same words"),
                ((0, 1), "same words"),
                ((1, 0), "other words · longer"),
                ((1, 1), ""),
            ]
        )
    ]
    done = export_grid(clips, tmp_path / "grid.mp4", titles=TITLES, cell_width=CELL)
    frame = at(frames_of(done.path), 0.5)
    infos = [cellframes.probe(clip.path, "clip") for clip in clips]
    layout = layout_for(clips, infos, CELL, TITLES)

    def band(place: tuple[int, int]) -> np.ndarray:
        box = layout.caption(place)
        return frame[box.slices].astype(np.int16)

    empty = band((1, 1))
    assert bright(empty) == 0
    assert bright(band((0, 0))) > 30 and bright(band((1, 0))) > 30
    assert np.abs(band((0, 0)) - band((0, 1))).mean() < 1.5  # the same words, the same pixels
    assert (
        np.abs(band((0, 0)) - band((1, 0))).mean() > 4 * np.abs(band((0, 0)) - band((0, 1))).mean()
    )
    header = frame[: layout.top]
    for column in (0, 1):
        picture = layout.picture((0, column))
        assert bright(header[layout.band :, picture.x : picture.x + picture.width]) > 10
    assert bright(header[: layout.band]) > 10  # the column axis's name
    for row in (0, 1):
        picture = layout.picture((row, 0))
        assert bright(frame[picture.y : picture.y + picture.height, : layout.left]) > 5


def test_the_sound_is_the_chosen_clips_only(tmp_path):
    made = tmp_path / "clips"
    made.mkdir()
    grey = lambda t: (90, 90, 90)  # noqa: E731
    clips = [
        GridClip(write_clip(made / "aac.mp4", colour=grey, tone=440), (0, 0), "aac 440"),
        GridClip(
            write_clip(made / "pcm.mov", colour=grey, tone=660, audio_codec="pcm_s16le"),
            (0, 1),
            "pcm 660",
        ),
        GridClip(write_clip(made / "quiet.mp4", colour=grey, seconds=1.5), (0, 2), "quiet"),
    ]
    silent = export_grid(clips, tmp_path / "silent.mp4", cell_width=CELL)
    assert dominant_hz(silent.path) is None and not silent.sound and silent.notes == ()
    for index, hz in ((0, 440), (1, 660)):  # copied, then encoded to AAC
        done = export_grid(clips, tmp_path / "sound.mp4", cell_width=CELL, audio=index)
        with av.open(str(done.path)) as container:
            assert [s.codec_context.name for s in container.streams.audio] == ["aac"]
        assert dominant_hz(done.path) == pytest.approx(hz, abs=5)
        assert done.sound and done.seconds == pytest.approx(1.5)
    quiet = export_grid(clips, tmp_path / "quiet.mp4", cell_width=CELL, audio=2)
    assert dominant_hz(quiet.path) is None and not quiet.sound
    assert quiet.notes == ("quiet has no sound: the grid is silent.",)


def looping(path: Path) -> tuple[float, int, tuple[int, int]]:
    """(seconds, loop count, size) of a GIF or WebP, as a browser reads it."""
    with Image.open(path) as picture:
        milliseconds = 0
        for index in range(picture.n_frames):
            picture.seek(index)
            picture.load()  # WebP says a frame's duration once it is read
            milliseconds += picture.info["duration"]
        return milliseconds / 1000, picture.info.get("loop", -1), picture.size


@pytest.mark.parametrize("format", ["gif", "webp"])
def test_a_readme_loop_keeps_under_its_cap_by_shrinking(grid, tmp_path, format):
    roomy = export_grid(grid, tmp_path / f"roomy.{format}", titles=TITLES, format=format)
    assert roomy.notes == () and roomy.fps in (10, 15)
    assert roomy.frames == round(roomy.fps * 2.0)
    assert looping(roomy.path) == (pytest.approx(2.0, abs=0.02), 0, roomy.size)
    cap = roomy.bytes * 6 // 10
    tight = export_grid(
        grid, tmp_path / f"tight.{format}", titles=TITLES, format=format, max_bytes=cap
    )
    assert tight.bytes <= cap
    assert tight.fps < roomy.fps or tight.cell_width < roomy.cell_width
    (note,) = tight.notes
    assert note.startswith(f"Reduced to fit {cap / 1e3:.0f} kB: ")
    assert f"→ {tight.fps:.3g} fps" in note or f"→ {tight.cell_width} px" in note
    frame = 1 / tight.fps  # a slower rate's last frame may outlast the clips by part of a frame
    assert looping(tight.path) == (
        pytest.approx(2.0 + frame / 2, abs=frame / 2 + 0.01),
        0,
        tight.size,
    )
    with Image.open(tight.path) as picture:  # still the grid: the red cell in its place
        picture.seek(picture.n_frames // 2)
        first = np.asarray(picture.convert("RGB"))
    infos = [cellframes.probe(clip.path, "clip") for clip in grid]
    layout = layout_for(grid, infos, tight.cell_width, TITLES)
    red = mean(inner(first, fit(infos[0].size, layout.picture((0, 0)))))
    assert red[0] > red[1] + 40 and red[0] > red[2] + 40

    with pytest.raises(InputError) as refused:
        export_grid(
            grid, tmp_path / f"tiny.{format}", titles=TITLES, format=format, max_bytes=2_000
        )
    assert refused.value.field == "max_bytes" and refused.value.value == 2_000
    assert "at its smallest try" in refused.value.rule
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["clips", f"roomy.{format}", f"tight.{format}"]
    ), "a file that could not fit leaves nothing behind"


def test_an_existing_file_is_never_written_over(grid, tmp_path):
    mine = tmp_path / "grid.mp4"
    mine.write_bytes(b"the person's own file")
    done = export_grid(grid[:1], mine, cell_width=CELL)
    assert done.path == tmp_path / "grid-2.mp4"
    assert mine.read_bytes() == b"the person's own file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clips", "grid-2.mp4", "grid.mp4"]


def test_a_flat_list_needs_no_titles(grid, tmp_path):
    flat = [GridClip(clip.path, (0, index), clip.label) for index, clip in enumerate(grid)]
    done = export_grid(flat, tmp_path / "row.webp", format="webp", cell_width=CELL)
    assert done.size[0] > 4 * CELL > done.size[1]


@pytest.mark.parametrize(
    ("change", "field", "rule"),
    [
        (lambda c, t: {"clips": []}, "clips", "must hold at least one clip"),
        (lambda c, t: {"format": "avi"}, "format", "must be one of mp4, gif, webp"),
        (lambda c, t: {"target": t / "grid.gif"}, "target", "must end in .mp4 for mp4"),
        (lambda c, t: {"audio": 4}, "audio", "must be the index of a clip, 0 to 3, or None"),
        (lambda c, t: {"max_bytes": 10**6}, "max_bytes", "applies to gif and webp, not mp4"),
        (
            lambda c, t: {"cell_width": 10},
            "cell_width",
            "must be a whole number of pixels from 64 to 1920",
        ),
        (
            lambda c, t: {"clips": [*c[:3], GridClip(t / "gone.mp4", (1, 1), "gone")]},
            "clips[3].path",
            "must be a video file that exists",
        ),
        (
            lambda c, t: {"clips": [*c[:3], GridClip(_text(t), (1, 1), "text")]},
            "clips[3].path",
            "must be a video PyAV can read",
        ),
        (
            lambda c, t: {"clips": [*c[:3], GridClip(c[3].path, (0, 0), "twice")]},
            "clips[3].place",
            "must be a place no other clip takes",
        ),
    ],
)
def test_bad_input_is_refused_before_any_work(grid, tmp_path, change, field, rule):
    out = tmp_path / "out"
    asked = {"clips": grid, "target": out / "grid.mp4", **change(grid, tmp_path)}
    with pytest.raises(InputError) as refused:
        export_grid(asked.pop("clips"), asked.pop("target"), **asked)
    assert (refused.value.field, refused.value.rule) == (field, rule)
    assert not out.exists()


def _text(folder: Path) -> Path:
    path = folder / "notes.mp4"
    path.write_text("not a video at all")
    return path
