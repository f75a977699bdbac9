"""The motion brush's path tools in a real JupyterLab in Chromium: a synthetic clip (written by the
kernel into the test's folder, its true path known) chosen in the path bar's file input, the disc
clicked on its first frame, and the tracked path — read from the kernel's areas — within 2 px
mean of the clicked point's true path fitted to the picture; Arc, then Reverse, then Ctrl+Z
restores the arc (and again, the tracked path); the length text follows each change; a file that
is not a video, dropped on the bar, is refused naming it. The path bar with the ticks, and the
clip panel, are photographed in light and dark, and their texts read in both."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from . import cells, looks
from .jupyter import JupyterServer, open_studio, run_python, wait_for_python

SETUP = (
    cells.BOAT_STUDIO_MADE
    + """
from pathlib import Path
from kling_studio.paths.synthetic import Scene, write_clip

truth = write_clip(Scene("line", seconds=4), Path({clip!r}))
# The clip (320×180) fills the 1280×720 picture 4× larger: pixel centres scale about their middle.
fitted = (truth + 0.5) * 4 - 0.5

def mean_distance(points, polyline):
    points, start, end = np.asarray(points, float), polyline[:-1], polyline[1:]
    span = end - start
    t = np.clip(((points[:, None] - start) * span).sum(2) / (span ** 2).sum(1), 0, 1)
    nearest = start + t[..., None] * span
    return float(np.sqrt(((points[:, None] - nearest) ** 2).sum(2)).min(1).mean())

path = lambda: studio.areas[1]["path"]
studio
"""
)
HOLD = """
import threading
from kling_studio import paths
hold, real, asked = threading.Event(), paths.track_path, []
def held(*args, **options):
    asked.append(args[1])  # the click, in the clip's pixels, as the kernel got it
    hold.wait(120)
    return real(*args, **options)
paths.track_path = held
"""
RELEASE = "hold.set(); paths.track_path = real"
W, H = 1280, 720
CLIP_W, CLIP_H = 320, 180
NEW_TEXTS = (
    '[data-testid="path-length"], [data-testid="clip-hint"], [data-testid="clip-name"], '
    '[data-testid="clip-notes"] li, [data-testid="clip-status"], [data-testid^="path-shape-"], '
    '[data-testid="path-from-clip"]'
)
LENGTH = re.compile(r"^(\d+) px · (\d+) % of the picture's diagonal$")


def frame_position(frame: Locator, x: float, y: float) -> dict[str, float]:
    """Clip pixel (x, y) in the shown frame's own coordinates."""
    box = frame.bounding_box()
    assert box is not None
    return {"x": (x + 0.5) * box["width"] / CLIP_W, "y": (y + 0.5) * box["height"] / CLIP_H}


def kernel_length(page: Page) -> str:
    code = (
        "p = np.asarray(path(), float); print(round(float(np.hypot(*np.diff(p, axis=0).T).sum())))"
    )
    return run_python(page, code).strip()


def test_a_path_from_a_clip_lands_on_the_known_path_and_presets_undo(
    page: Page, lab: JupyterServer, artifacts: Path, tmp_path: Path
) -> None:
    clip = tmp_path / "rolling-stone.mp4"
    setup = SETUP.format(home=str(tmp_path / "home"), out=str(tmp_path / "videos"), clip=str(clip))
    studio = open_studio(page, lab, "paths.ipynb", [setup], W)
    wait_for_python(page, f"print(Path({str(clip)!r}).is_file())", "True", timeout=60)
    truth_start = run_python(page, "print(*truth[0])").split()
    start = (float(truth_start[0]), float(truth_start[1]))

    bar = studio.locator('[data-testid="path-bar"]')
    expect(bar).to_be_hidden()  # the static area is selected: it has no path
    studio.locator('[data-testid="area-dynamic-1"]').click()
    expect(bar).to_be_visible()
    arc = bar.locator('[data-testid="path-shape-arc"]')
    expect(arc).to_be_disabled()  # no path yet

    # The clip, chosen in the file input; its first frame appears to click on.
    bar.locator('[data-testid="path-clip-file"]').set_input_files(str(clip))
    frame = bar.locator('[data-testid="clip-frame"]')
    expect(frame).to_be_visible(timeout=60_000)
    expect(bar.locator('[data-testid="clip-hint"]')).to_have_text(
        "Click the thing that moves (or use the arrow keys, then Enter)"
    )
    expect(bar.locator('[data-testid="clip-name"]')).to_have_text("rolling-stone.mp4 · 4.0 s")
    expect(frame.locator("img")).to_have_js_property("complete", True)
    frame.focus()  # the crosshair shows in the middle, ready for the keys
    assert looks.accessibility_violations(page, studio) == []
    clip_looks = looks.in_both_themes(page, {"clip-panel": bar}, artifacts, "path-clip", NEW_TEXTS)

    # The kernel's tracking held once, so "Tracking…" can be seen and photographed.
    run_python(page, HOLD)
    frame.click(position=frame_position(frame, *start))  # the disc, where it starts
    status = bar.locator('[data-testid="clip-status"]')
    expect(status).to_have_text("Tracking…", timeout=10_000)
    expect(status).to_have_attribute("role", "status")
    tracking_looks = looks.in_both_themes(
        page, {"clip-panel": bar}, artifacts, "path-tracking", NEW_TEXTS
    )
    run_python(page, RELEASE)
    wait_for_python(page, "print(len(path()) > 1)", "True", timeout=120)
    # A screen pixel on the shown frame is over a clip pixel (5 of the picture's): the click
    # lands on the disc, not on its centre. The disc moves rigidly, so the clicked point's true
    # path is the disc's, shifted by where on the disc the click landed.
    off_centre = float(run_python(page, "print(np.hypot(*(np.asarray(asked[-1]) - truth[0])))"))
    assert off_centre <= 3, f"the click landed {off_centre:.1f} clip px from the disc's centre"
    clicked = "fitted + 4 * (np.asarray(asked[-1]) - truth[0])"
    mean = float(run_python(page, f"print(mean_distance(path(), {clicked}))"))
    assert mean <= 2.0, f"the tracked path lies {mean:.2f} px from the true one on average"
    expect(bar.locator('[data-testid="clip-status"]')).to_be_hidden()
    notes = bar.locator('[data-testid="clip-notes"] li')
    expect(notes.first).to_contain_text("points, at equal steps of time")
    expect(notes.nth(1)).to_contain_text("thinned to 77 points")

    length = bar.locator('[data-testid="path-length"]')
    tracked_length = kernel_length(page)
    expect(length).to_have_text(LENGTH)
    expect(length).to_contain_text(f"{tracked_length} px")
    ticks = studio.locator('[data-area="dynamic-1"] [data-testid="path-ticks"]')
    assert (ticks.get_attribute("d") or "").count("M") == 9  # the inner ticks of 11
    painter = studio.locator('[data-testid="painter"]')
    bar_looks = looks.in_both_themes(
        page, {"path-bar": painter}, artifacts, "path-tracked", NEW_TEXTS
    )

    # Arc, then Reverse, then Ctrl+Z: each one undoable edit, read from the kernel.
    tracked = run_python(page, "print(path())").strip()
    arc.click()
    wait_for_python(page, f"print(len(path()) >= 25 and path()[0] == {tracked}[0])", "True", 30)
    arc_path = run_python(page, "print(path())").strip()
    arc_length = kernel_length(page)
    assert arc_length != tracked_length
    expect(length).to_contain_text(f"{arc_length} px")
    bar.locator('[data-testid="path-shape-reverse"]').click()
    wait_for_python(page, f"print(path() == {arc_path}[::-1])", "True", timeout=30)
    page.keyboard.press("Control+z")
    wait_for_python(page, f"print(path() == {arc_path})", "True", timeout=30)
    page.keyboard.press("Control+z")
    wait_for_python(page, f"print(path() == {tracked})", "True", timeout=30)
    expect(length).to_contain_text(f"{tracked_length} px")

    # A file dropped on the bar is taken as a clip; one that is not a video is refused in words,
    # naming it, and the path stays.
    dropped = page.evaluate_handle(
        """() => {
            const data = new DataTransfer();
            data.items.add(new File(["not a video"], "notes.txt", { type: "text/plain" }));
            return data;
        }"""
    )
    bar.dispatch_event("drop", {"dataTransfer": dropped})
    expect(bar.locator('[data-testid="clip-error"]')).to_have_text(
        "Could not use it: clip: must be a video file (mp4, mov, webm…) (got notes.txt)",
        timeout=30_000,
    )
    assert run_python(page, f"print(path() == {tracked})").strip() == "True"
    expect(studio.locator('[data-testid="drop-overlay"]')).to_be_hidden()

    assert clip_looks == {"light": [], "dark": []}
    assert tracking_looks == {"light": [], "dark": []}
    assert bar_looks == {"light": [], "dark": []}
