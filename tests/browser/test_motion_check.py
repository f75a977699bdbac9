"""The motion check where people look, in a real JupyterLab in Chromium.

The Studio: the boat painted and given a path, Generate pressed; the video plays while "Measuring
the motion…" shows, then the scores (the same as the kernel's); Show paths lays both paths over
the video, redrawn at the moment sought. The brush carried to kling-v2-6: the end frame made,
shown, used; the camera move's words edited and added to the prompt. Compare: three takes of the
brushed boat, the emulator told to reverse the path in one render; Sort by motion score puts the
reversed one last, grid order puts it back. Each new part photographed in both themes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from playwright.sync_api import Page, expect

from . import cells, looks
from .jupyter import (
    JupyterServer,
    open_notebook,
    open_studio,
    run_all,
    run_python,
    wait_for_python,
    write_notebook,
)

PATH = [(384, 560), (640, 600), (1000, 580)]
SETUP = (
    cells.BOAT_STUDIO_MADE
    + f"""
studio.set_mask("dynamic-1", boat)
studio.set_path("dynamic-1", {PATH!r})
studio
"""
)
HOLD = """
import threading
from kling_studio.motion import check as motion_check
hold, real = threading.Event(), motion_check.check_motion
def held(*args, **options):
    hold.wait(120)
    return real(*args, **options)
motion_check.check_motion = held
"""
RELEASE = "hold.set(); motion_check.check_motion = real"
MOTION_TEXTS = (
    '[data-testid="motion-status"], [data-testid="motion-summary"] dt, '
    '[data-testid="motion-summary"] dd, [data-testid^="motion-part-"] dt, '
    '[data-testid^="motion-part-"] dd, [data-testid="show-paths"], [data-testid="paths-legend"]'
)
CARRY_TEXTS = (
    '[data-testid="make-end-frame"], [data-testid="use-end-frame"], '
    '[data-testid="discard-end-frame"], [data-testid="end-frame-in-use"], '
    '[data-testid="end-frame-notes"] li, [data-testid="add-camera-phrase"], '
    '[data-testid="camera-phrase-added"]'
)
DRAWN = """(canvas) => {
  const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  let drawn = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] > 0) drawn++;
  return drawn;
}"""


def test_the_scores_follow_the_video_and_the_paths_lie_over_it(
    page: Page, lab: JupyterServer, artifacts: Path, tmp_path: Path
) -> None:
    setup = SETUP.format(home=str(tmp_path / "home"), out=str(tmp_path / "videos"))
    studio = open_studio(page, lab, "motion.ipynb", [setup], 1280)
    run_python(page, HOLD)
    studio.locator('[data-testid="generate"]').click()
    video = studio.locator('[data-testid="video"]')
    panel = studio.locator('[data-testid="motion"]')
    # The video is there while its check is held: it does not wait for the scores.
    expect(panel).to_have_attribute("data-state", "measuring", timeout=180_000)
    expect(video).to_have_attribute("src", re.compile(".+"))
    page.wait_for_function("(v) => v.readyState >= 2", arg=video.element_handle(), timeout=60_000)
    expect(studio.locator('[data-testid="motion-status"]')).to_have_text("Measuring the motion…")
    run_python(page, RELEASE)
    expect(panel).to_have_attribute("data-state", "done", timeout=120_000)
    kernel = json.loads(run_python(page, "import json; print(json.dumps(studio.motion()))"))
    assert kernel["verdict"] == "followed the brush"
    expect(panel).to_have_attribute("data-score", str(kernel["score"]))
    status = studio.locator('[data-testid="motion-status"]')
    expect(status).to_contain_text(f"Motion score {kernel['score']} / 100")
    expect(status).to_contain_text("followed the brush")
    area = studio.locator('[data-testid="motion-part-area-dynamic-1"]')
    expect(area).to_have_attribute("data-score", str(kernel["areas"][0]["score"]))

    toggle = studio.locator('[data-testid="show-paths"]')
    overlay = studio.locator('[data-testid="motion-overlay"]')
    expect(toggle).to_have_attribute("aria-pressed", "false")
    expect(overlay).to_be_hidden()
    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(overlay).to_be_visible()
    expect(overlay).to_have_attribute("data-placed", "true")
    video.evaluate("(v) => { v.pause(); v.currentTime = 2; }")
    expect(overlay).to_have_attribute("data-time", "2.000", timeout=10_000)
    assert overlay.evaluate(DRAWN) > 200, "both paths and the markers are drawn"
    assert looks.accessibility_violations(page, studio) == []
    seen = looks.in_both_themes(
        page,
        {"player": studio.locator('[data-testid="video"]').locator("xpath=../..")},
        artifacts,
        "motion-check",
        MOTION_TEXTS,
    )
    page.keyboard.press("Space")  # the toggle still has the focus
    expect(toggle).to_have_attribute("aria-pressed", "false")
    expect(overlay).to_be_hidden()
    assert seen == {"light": [], "dark": []}


def test_the_brush_goes_as_an_end_frame_and_the_camera_as_words(
    page: Page, lab: JupyterServer, artifacts: Path, tmp_path: Path
) -> None:
    setup = SETUP.format(home=str(tmp_path / "home"), out=str(tmp_path / "videos")).replace(
        "\nstudio\n",
        '\nstudio.params = {**studio.params, "model_name": "kling-v2-6", "mode": "pro",'
        ' "camera_control": {"type": "simple", "config": {"zoom": -5}}}\nstudio\n',
    )
    studio = open_studio(page, lab, "carry.ipynb", [setup], 1280)
    make = studio.locator('[data-testid="make-end-frame"]')
    expect(make).to_be_enabled()
    make.click()
    preview = studio.locator('[data-testid="end-frame-preview"]')
    expect(preview).to_be_visible(timeout=60_000)
    expect(preview).to_have_js_property("complete", True)
    assert run_python(page, "print('tail' in studio.pictures)").strip() == "False"
    carried = looks.in_both_themes(
        page, {"end-frame": preview.locator("xpath=..")}, artifacts, "carry", CARRY_TEXTS
    )
    studio.locator('[data-testid="use-end-frame"]').click()
    # An empty status line stays in the page (1 px) so its words are heard: wait for the words.
    expect(studio.locator('[data-testid="end-frame-in-use"]')).to_have_text(
        "The end frame slot holds the brush's end frame", timeout=30_000
    )
    wait_for_python(
        page,
        "print(studio.pictures.get('tail', {}).get('name'))",
        "end frame from the brush",
        timeout=30,
    )

    words = studio.locator('[data-testid="camera-phrase"]')
    expect(words).to_have_value("the camera zooms in")
    assert run_python(page, "print(studio.params['prompt'])").strip().endswith("calm lake")
    words.fill("the camera slowly zooms in on the boat")
    studio.locator('[data-testid="add-camera-phrase"]').click()
    wait_for_python(
        page,
        "print(studio.prepared.payload['prompt'].endswith("
        "'The camera slowly zooms in on the boat.'))",
        "True",
        timeout=30,
    )
    added = studio.locator('[data-testid="camera-phrase-added"]')
    expect(added).to_have_text("Added to the prompt")
    assert looks.accessibility_violations(page, studio) == []
    assert carried == {"light": [], "dark": []}


SWEEP = """
import os
os.environ["KLING_STUDIO_HOME"] = {home!r}
from kling_studio import Compare
from kling_studio.embedded import emulator_connection
from kling_studio.emulator import Emulator, EmulatorConfig
from kling_studio.samples import boat_silhouette, landscape

config = EmulatorConfig(speed=100, queue_seconds=1, processing_seconds=10, concurrency=1)
emulator = Emulator(config)
emulator.faults.add("reverse_path")  # the first render goes the other way
W, H = 640, 360
compare = Compare(
    landscape(W, H),
    prompt="a boat sails",
    fixed={{"model_name": "kling-v1", "dynamic_masks": [
        {{"mask": boat_silhouette(W, H), "trajectories": [(190, 280), (500, 290)]}}]}},
    vary={{"cfg_scale": [0.3, 0.5, 0.8]}},
    connection=emulator_connection(emulator),
    output_dir={out!r},
)
compare
"""


def test_compare_sorts_its_cells_by_motion_score(
    page: Page, lab: JupyterServer, artifacts: Path, tmp_path: Path
) -> None:
    write_notebook(
        lab.root,
        "sorted.ipynb",
        [SWEEP.format(home=str(tmp_path / "home"), out=str(tmp_path / "sweep"))],
    )
    open_notebook(page, lab, "sorted.ipynb")
    run_all(page)
    widget = page.locator('[data-testid="compare"]').first
    expect(widget.locator('[data-testid^="cell-"]')).to_have_count(3)
    widget.locator('[data-testid="start"]').click()
    for cell in ("r0c0", "r0c1", "r0c2"):
        expect(widget.locator(f'[data-testid="motion-{cell}"]')).to_have_attribute(
            "data-state", "done", timeout=240_000
        )
    scores = json.loads(
        run_python(
            page,
            "import json\n"
            "print(json.dumps({r['cell']: r['motion_score'] for r in compare.results}))",
        )
    )
    reversed_cell = min(scores, key=scores.get)
    assert scores[reversed_cell] < 50 <= min(s for c, s in scores.items() if c != reversed_cell)
    expect(widget.locator(f'[data-testid="motion-problem-{reversed_cell}"]')).to_contain_text(
        "went the other way"
    )
    sort = widget.locator('[data-testid="sort-by"]')
    sort.select_option("score")
    ranked = widget.locator('[data-testid="ranked"] [data-testid^="cell-"]')
    expect(ranked).to_have_count(3)
    order = [cell.get_attribute("data-testid") for cell in ranked.all()]
    expected = sorted(scores, key=lambda c: (-scores[c], list(scores).index(c)))
    assert order == [f"cell-{c}" for c in expected]
    assert order[-1] == f"cell-{reversed_cell}"
    sorted_looks = looks.in_both_themes(
        page, {"sorted": widget}, artifacts, "compare-sorted", '[data-testid^="motion-"]'
    )
    sort.select_option("grid")
    expect(widget.locator('[data-testid="ranked"]')).to_have_count(0)
    cells_in_grid = widget.locator('[data-testid^="cell-"]')
    assert [c.get_attribute("data-testid") for c in cells_in_grid.all()] == [
        "cell-r0c0",
        "cell-r0c1",
        "cell-r0c2",
    ]
    assert sorted_looks == {"light": [], "dark": []}
