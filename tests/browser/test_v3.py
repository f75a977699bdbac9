"""kling-v3 in the Studio, in a real JupyterLab: a person makes a multi-shot video with a voice —
shots laid out on the timeline (a cut moved from the keyboard, another dragged), sound on, a
voice's token put into a shot's prompt — presses Generate, and gets the video; what went over the
wire is read back from the kernel, and the saved video is decoded here (its cuts, its sound).
The shot editor and the provider's documentation notes are photographed in light and dark.

Screenshots land in artifacts/ as v3-<part>-<theme>.png.
"""

from __future__ import annotations

import json
from pathlib import Path

import av
import numpy as np
from playwright.sync_api import Locator, Page, expect

from .jupyter import (
    JupyterServer,
    open_notebook,
    run_all,
    run_python,
    wait_for_python,
    write_notebook,
)
from .looks import accessibility_violations, in_both_themes

SETUP = """
import os
os.environ["KLING_STUDIO_HOME"] = {home!r}
import dataclasses, json
import httpx
from kling_studio import AsyncKlingClient, Studio
from kling_studio.api.providers import Provider
from kling_studio.embedded import emulator_connection
from kling_studio.emulator import Emulator, EmulatorConfig
from kling_studio.samples import landscape

emulator = Emulator(EmulatorConfig(speed=100, queue_seconds=1, processing_seconds=20))


class Recording(httpx.AsyncBaseTransport):
    \"\"\"The emulator's transport, keeping each JSON body POSTed: what went over the wire.\"\"\"

    def __init__(self, inner):
        self.inner, self.posted = inner, []

    async def handle_async_request(self, request):
        if request.method == "POST":
            self.posted.append(json.loads(request.content))
        return await self.inner.handle_async_request(request)

    async def aclose(self):
        await self.inner.aclose()


base = emulator_connection(emulator)
wire = Recording(base.transport)
connection = dataclasses.replace(base, transport=wire)
"""
STUDIO = """
studio = Studio(
    image=landscape(1280, 720), prompt="a small sailing boat on a calm lake",
    client=AsyncKlingClient(connection=connection), output_dir={out!r},
)
studio
"""
LENIENT = """
# The same emulator behind CometAPI's documentation, with a client that sends what it leaves out.
comet = dataclasses.replace(
    connection,
    provider=Provider.custom(base.provider.base_url, base.provider.auth, limits="cometapi"),
)
lenient = Studio(
    image=landscape(1280, 720), prompt="a small sailing boat on a calm lake",
    client=AsyncKlingClient(connection=comet, strict=False), output_dir={out!r},
)
lenient
"""
SHOTS = ["the boat leaves the harbour", "the sail fills as she says ", "the boat is gone"]
SAID = "the sail fills as she says <<<voice_1>>> goodbye"
VOICE = "v-narrator"
SECONDS = 6
LAYOUT = [3, 1, 2]
"""The shots' seconds once the cuts are moved: 2·3·1 after two Adds, then cut 1 → 3 s (keys),
cut 2 → 4 s (dragged)."""
WIDGETS = ".ks-root"
TALL = 2400
"""A window tall enough to photograph the whole form."""

RUN_PLAYING = """({ studio, seconds }) => {
    // A fresh Studio has no earlier run: the current run is this one, playing its own video.
    const current = studio.querySelector('[data-testid="history"] li.ks-current');
    const video = studio.querySelector('[data-testid="video"]');
    return Boolean(current) && Boolean(video) && video.readyState >= 2
        && Math.abs(video.duration - seconds) < 0.2;
}"""


def by(widget: Locator, testid: str) -> Locator:
    return widget.locator(f'[data-testid="{testid}"]')


def open_studios(page: Page, server: JupyterServer, tmp_path: Path, name: str, *cells: str) -> None:
    setup = SETUP.format(home=str(tmp_path / "home"))
    out = str(tmp_path / "videos")
    write_notebook(server.root, name, [setup, *(cell.format(out=out) for cell in cells)])
    open_notebook(page, server, name)
    run_all(page, timeout=180)


def seconds_in_kernel(page: Page) -> str:
    return "print([s['duration'] for s in studio.params.get('multi_prompt', [])])"


def drag_cut(page: Page, studio: Locator, cut: int, to_second: int, total: int) -> None:
    """Drags a cut's handle to `to_second` on the timeline, as a mouse does."""
    bar = by(studio, "timeline-bar").bounding_box()
    handle = by(studio, f"cut-{cut}").bounding_box()
    assert bar is not None and handle is not None
    y = handle["y"] + handle["height"] / 2
    page.mouse.move(handle["x"] + handle["width"] / 2, y)
    page.mouse.down()
    page.mouse.move(bar["x"] + bar["width"] * to_second / total, y, steps=10)
    page.mouse.up()


def frame_differences(path: Path) -> tuple[list[float], float]:
    """Mean absolute change between consecutive frames (grey, every 4th pixel), and the fps."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        fps = float(stream.average_rate or 0)
        previous, changes = None, []
        for frame in container.decode(stream):
            grey = frame.to_ndarray(format="gray")[::4, ::4].astype(np.float32)
            if previous is not None:
                changes.append(float(np.abs(grey - previous).mean()))
            previous = grey
    return changes, fps


def cut_times(changes: list[float], fps: float) -> list[float]:
    """Where the picture jumps: changes far above the clip's own motion, neighbours merged."""
    # The emulator's motion changes a frame by about 1/255 on average; a cut changes it by many
    # times its usual change (the median) and its larger ones (the 90th percentile).
    floor = max(8 * float(np.median(changes)), 3 * float(np.percentile(changes, 90)), 4.0)
    jumps = [i for i, change in enumerate(changes) if change > floor]
    merged: list[int] = []
    for index in jumps:
        if not merged or index - merged[-1] > 2:
            merged.append(index)
    return [(index + 1) / fps for index in merged]  # change i is between frames i and i + 1


def durations(path: Path) -> tuple[float, float | None]:
    """The video's and the audio track's lengths in seconds, from their decoded frames."""
    with av.open(str(path)) as container:
        video = container.streams.video[0]
        frames = sum(1 for _ in container.decode(video))
        seconds = frames / float(video.average_rate or 1)
    with av.open(str(path)) as container:
        if not container.streams.audio:
            return seconds, None
        audio = container.streams.audio[0]
        samples = sum(frame.samples for frame in container.decode(audio))
        return seconds, samples / float(audio.sample_rate or 1)


def test_a_multi_shot_video_with_a_voice_from_the_timeline_to_the_file(
    page: Page, lab: JupyterServer, artifacts: Path, tmp_path: Path
) -> None:
    open_studios(page, lab, tmp_path, "v3.ipynb", STUDIO)
    studio = page.locator('[data-testid="studio"]').first
    expect(by(studio, "caption-image")).to_contain_text("1280×720")
    expect(by(studio, "row-multi_shot")).to_be_hidden()  # kling-v1 makes no multi-shot videos

    by(studio, "model_name").select_option("kling-v3")
    by(studio, "mode").select_option("std")
    by(studio, "duration").select_option(str(SECONDS))
    expect(by(studio, "row-multi_shot")).to_be_visible()
    switch = by(studio, "multi_shot")
    expect(switch).to_have_attribute("role", "switch")
    switch.check()
    expect(by(studio, "shot_type-customize")).to_be_checked()
    expect(by(studio, "kept-prompt")).to_have_text(
        "is ignored while multi-shot is on with customized shots: each shot has its own prompt"
    )
    expect(by(studio, "prompt")).to_be_editable()
    expect(by(studio, "shot-prompt-0")).to_have_value("a small sailing boat on a calm lake")

    # Three shots: each Add splits the longest (6 → 3·3 → 2·3·1).
    by(studio, "shot-add").click()
    by(studio, "shot-add").click()
    expect(by(studio, "shot-prompt-2")).to_be_focused()
    wait_for_python(page, seconds_in_kernel(page), "['2', '3', '1']")
    # The first cut from the keyboard: one second later (shot 1 takes it from shot 2) …
    cut = by(studio, "cut-0")
    expect(cut).to_have_attribute("role", "slider")
    expect(cut).to_have_attribute("aria-valuenow", "2")
    cut.focus()
    page.keyboard.press("ArrowRight")
    expect(cut).to_have_attribute("aria-valuenow", "3")
    expect(cut).to_be_focused()
    wait_for_python(page, seconds_in_kernel(page), "['3', '2', '1']")
    # … and the second dragged from 5 s to 4 s.
    drag_cut(page, studio, 1, 4, SECONDS)
    expect(by(studio, "cut-1")).to_have_attribute("aria-valuenow", "4")
    expect(by(studio, "cut-1")).to_have_attribute("aria-valuetext", "4 s: shot 2 1 s, shot 3 2 s")
    wait_for_python(page, seconds_in_kernel(page), str([str(s) for s in LAYOUT]))

    for position, words in enumerate(SHOTS):
        by(studio, f"shot-prompt-{position}").fill(words)
    expect(by(studio, "shot-prompt-0").locator("xpath=..").locator(".ks-count")).to_have_text(
        f"{len(SHOTS[0])} / 512"
    )

    # Sound on: the estimate follows (v3 is priced per second, more with audio).
    cost = by(studio, "cost")
    wait_for_python(page, "print(round(studio.units, 2))", str(round(0.6 * SECONDS, 2)))
    by(studio, "sound").check()
    wait_for_python(page, "print(round(studio.units, 2))", str(round(0.9 * SECONDS, 2)))
    expect(cost).to_contain_text(f"≈ {round(0.9 * SECONDS, 2):g}")

    # A voice, and its token put where the caret is in shot 2's prompt; typing goes on after it.
    by(studio, "voice-add").click()
    expect(by(studio, "voice-id-0")).to_be_focused()
    page.keyboard.type(VOICE)
    shot = by(studio, "shot-prompt-1")
    shot.click()
    page.keyboard.press("Control+End")
    insert = by(studio, "voice-insert-0")
    expect(insert).to_have_text("Insert <<<voice_1>>>")
    expect(insert).to_have_attribute("aria-label", "Insert <<<voice_1>>> into shot 2")
    insert.click()
    expect(shot).to_be_focused()
    page.keyboard.type(" goodbye")
    expect(shot).to_have_value(SAID)
    wait_for_python(page, "print(studio.params['multi_prompt'][1]['prompt'])", SAID)
    wait_for_python(page, "print(studio.params['voice_list'])", str([{"voice_id": VOICE}]))

    generate = by(studio, "generate")
    expect(generate).to_be_enabled(timeout=30_000)
    assert by(studio, "blockers").inner_text() == ""
    generate.click()
    page.wait_for_function(
        RUN_PLAYING,
        arg={"studio": studio.element_handle(), "seconds": SECONDS},
        timeout=240_000,
        polling=200,
    )
    expect(by(studio, "status-phase")).to_have_text("Done")
    page.screenshot(path=artifacts / "v3-run.png", full_page=True)

    sent = json.loads(
        run_python(
            page,
            "body = wire.posted[-1]\n"
            "keys = ('model_name', 'duration', 'sound', 'multi_shot', 'shot_type',\n"
            "        'multi_prompt', 'voice_list', 'prompt')\n"
            "print(json.dumps({'wire': {k: body.get(k) for k in keys},\n"
            "                  'video': str(studio.result.video)}))",
        )
    )
    wire = sent["wire"]
    assert wire["model_name"] == "kling-v3" and wire["duration"] == str(SECONDS)
    assert wire["multi_shot"] is True and wire["shot_type"] == "customize"
    assert wire["multi_prompt"] == [
        {"index": 1, "prompt": SHOTS[0], "duration": str(LAYOUT[0])},
        {"index": 2, "prompt": SAID, "duration": str(LAYOUT[1])},
        {"index": 3, "prompt": SHOTS[2], "duration": str(LAYOUT[2])},
    ]
    assert wire["voice_list"] == [{"voice_id": VOICE}]
    assert wire["sound"] == "on"
    assert wire["prompt"] == "a small sailing boat on a calm lake"  # ignored, never cleared

    video = Path(sent["video"])
    assert video.exists()
    length, audio = durations(video)
    assert abs(length - SECONDS) < 0.1
    assert audio is not None, "sound was on: the video should have an audio track"
    assert abs(audio - length) <= 0.1, f"audio {audio:.3f} s, video {length:.3f} s"
    # Three shots on screen: the picture jumps exactly where one shot ends and the next begins.
    changes, fps = frame_differences(video)
    boundaries = [float(sum(LAYOUT[: i + 1])) for i in range(len(LAYOUT) - 1)]
    found = cut_times(changes, fps)
    assert len(found) + 1 == len(LAYOUT), f"cuts at {found} s, shots end at {boundaries} s"
    for at, expected in zip(found, boundaries, strict=True):
        assert abs(at - expected) <= 2 / fps, f"a cut at {at:.2f} s, expected {expected} s"


def test_the_shot_editor_and_the_providers_notes_read_well_in_light_and_dark(
    page: Page, lab: JupyterServer, artifacts: Path, tmp_path: Path
) -> None:
    open_studios(page, lab, tmp_path, "v3-looks.ipynb", STUDIO, LENIENT)
    studios = page.locator('[data-testid="studio"]')
    expect(studios).to_have_count(2)
    studio, lenient = studios.nth(0), studios.nth(1)
    shots = [
        {"index": 1, "prompt": "the boat leaves the harbour <<<voice_1>>>", "duration": "4"},
        {"index": 2, "prompt": "the sail fills", "duration": "5"},
        {"index": 3, "prompt": "x" * 530, "duration": "1"},  # over the limit: its problem shows
    ]
    v3 = {
        "model_name": "kling-v3",
        "mode": "pro",
        "duration": "10",
        "sound": "on",
        "multi_shot": True,
        "shot_type": "customize",
        "multi_prompt": shots,
        "voice_list": [{"voice_id": VOICE}, {"voice_id": ""}],
    }
    run_python(page, f"studio.params = {{**studio.params, **{v3!r}}}")
    # On CometAPI, 7 s: a duration its page does not list.
    seven = [{**shot, "duration": seconds} for shot, seconds in zip(shots, "331", strict=True)]
    lenient_v3 = {**v3, "duration": "7", "multi_prompt": seven}
    run_python(page, f"lenient.params = {{**lenient.params, **{lenient_v3!r}}}")
    expect(by(studio, "shot-prompt-2")).to_have_attribute("aria-invalid", "true")
    expect(by(studio, "segment-1")).to_have_text("2 · 5 s")
    by(studio, "shot-prompt-1").focus()  # its segment is marked on the timeline
    expect(by(studio, "segment-1")).to_have_class("ks-segment ks-current")

    # CometAPI's page lists 5 and 10 s and none of the v3 fields: the form says so, and sends.
    expect(by(lenient, "duration")).to_have_value("7")
    option = by(lenient, "duration").locator("option", has_text="7 s")
    expect(option).to_have_text("7 s — not documented on CometAPI")
    expect(by(lenient, "duration").locator("option", has_text="10 s")).to_have_text("10 s")
    for row in ("sound", "multi_shot", "voice_list", "duration"):
        expect(by(lenient, f"kept-{row}")).to_contain_text("not documented on CometAPI")
        expect(by(lenient, f"kept-{row}")).to_contain_text("sent as is")
    expect(by(studio, "kept-sound")).to_have_text("")  # Kling documents it

    parts = {
        "shots": by(studio, "row-multi_shot"),
        "form": studio.locator(".ks-params"),
        "cometapi": lenient.locator(".ks-params"),
    }
    page.set_viewport_size({"width": 1400, "height": TALL})  # each part whole in its picture
    try:
        low = in_both_themes(page, parts, artifacts, "v3", WIDGETS)
    finally:
        page.set_viewport_size({"width": 1400, "height": 1000})
    assert low == {"light": [], "dark": []}
    assert accessibility_violations(page, studio) == []
