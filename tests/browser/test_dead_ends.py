"""No dead ends, in a real JupyterLab in Chromium: what a model cannot use is kept, said and left
out of the request, Generate stays usable, and there is always a way to take the kept thing out.
Paint on kling-v1, switch to kling-v2-1: the paint stays (dimmed, labelled), Clear all works. A
camera move on kling-v1-5, switch to kling-v1: the move stays visible, Clear camera works. Paths
show as a smooth line with a few handles; "Edit points" shows them all. The status says which
phase it is in, how much faster the emulator runs, and an error's codes on their own line. Every
state is photographed in light and dark, and its new texts are readable (WCAG 4.5:1) in both.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from . import looks
from .jupyter import (
    JupyterServer,
    open_notebook,
    run_all,
    run_python,
    wait_for_python,
    write_notebook,
)

SETUP = """
import os
os.environ["KLING_STUDIO_HOME"] = {home!r}
from kling_studio import AsyncKlingClient, Studio
from kling_studio.embedded import emulator_connection
from kling_studio.emulator import Emulator, EmulatorConfig
from kling_studio.samples import landscape

# 100× faster than Kling; processing lasts 8 real seconds, long enough to look at the status.
emulator = Emulator(EmulatorConfig(speed=100, queue_seconds=100, processing_seconds=800))
client = AsyncKlingClient(connection=emulator_connection(emulator))
studio = Studio(image=landscape(480, 320), prompt="a boat crosses the lake", client=client,
                output_dir={out!r}, **{options})
studio
"""
W, H = 480, 320
NEW_TEXTS = ", ".join(
    f'[data-testid="{testid}"]'
    for testid in (
        "painter-kept",
        "painter-reason",
        "kept-camera_control",
        "reason-camera_control",
        "camera-rule",
        "status-phase",
        "status-clock",
        "status-message",
        "status-details",
    )
)
"""What this work added or changed: each must be readable in both themes."""


def open_studio(page: Page, lab: JupyterServer, tmp_path: Path, **options: str) -> Locator:
    setup = SETUP.format(
        home=str(tmp_path / "home"), out=str(tmp_path / "videos"), options=repr(options)
    )
    write_notebook(lab.root, "dead-ends.ipynb", [setup])
    open_notebook(page, lab, "dead-ends.ipynb")
    run_all(page, timeout=180)
    studio = page.locator('[data-testid="studio"]').first
    expect(studio).to_be_visible()
    wait_for_python(page, "print(studio.pictures['image']['width'])", str(W), timeout=30)
    return studio


def image_point(stage: Locator, x: float, y: float) -> tuple[float, float]:
    """Page coordinates of image pixel (x, y) on the painter's stage."""
    box = stage.bounding_box()
    assert box is not None
    return box["x"] + x * box["width"] / W, box["y"] + y * box["height"] / H


def drag(page: Page, stage: Locator, points: list[tuple[float, float]], steps: int = 8) -> None:
    stage.scroll_into_view_if_needed()
    page.mouse.move(*image_point(stage, *points[0]))
    page.mouse.down()
    for x, y in points[1:]:
        page.mouse.move(*image_point(stage, x, y), steps=steps)
    page.mouse.up()


def centre(locator: Locator) -> tuple[float, float]:
    box = locator.bounding_box()
    assert box is not None
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def path_of(page: Page, area: str) -> list[list[float]]:
    printed = run_python(page, f"import json; print(json.dumps(studio.trajectories.get({area!r})))")
    path: list[list[float]] = json.loads(printed) or []
    return path


def in_both_themes(page: Page, parts: dict[str, Locator], artifacts: Path) -> dict[str, list[str]]:
    """Screenshots of each part in light and dark; the new texts below 4.5:1 in each theme."""
    return looks.in_both_themes(page, parts, artifacts, "dead-ends", NEW_TEXTS)


def test_paint_kept_on_a_model_without_the_brush_can_be_cleared(
    page: Page, lab: JupyterServer, artifacts: Path, tmp_path: Path
) -> None:
    studio = open_studio(page, lab, tmp_path, model_name="kling-v1")
    stage = studio.locator('[data-testid="painter-stage"]')
    studio.locator('[data-testid="area-dynamic-1"]').click()
    studio.locator('[data-testid="tool-brush"]').click()
    rows = [(x, y) for y in range(150, 215, 8) for x in ((200, 280) if y % 16 else (280, 200))]
    drag(page, stage, rows)  # the area filled, row by row
    studio.locator('[data-testid="tool-path-freehand"]').click()
    arc = [(240 + 3 * t, 180 - 60 * math.sin(math.pi * t / 60)) for t in range(0, 61, 4)]
    drag(page, stage, [*arc, (420, 230)], steps=3)
    wait_for_python(page, "print(sorted(studio.masks))", "['dynamic-1']", timeout=30)
    drawn = path_of(page, "dynamic-1")
    assert len(drawn) > 12, "a freehand path keeps many points"

    # A smooth line with a few handles; Edit points (from the keyboard) shows every point.
    line = studio.locator('path.ks-painter-path[stroke="#e8453c"]')
    expect(line).to_have_attribute("d", re.compile(r"^M[\d.,]+C"))
    group = studio.locator(".ks-painter-handles")
    few = re.compile(r"^[78]$")  # start, end and six between (seven when two coincide)
    expect(group).to_have_attribute("data-count", few)
    handles = group.locator("circle")
    brush = studio.locator(".ks-brush")
    contrast = [in_both_themes(page, {"path-handles": brush}, artifacts)]
    edit_points = studio.locator('[data-testid="path-edit-points"]')
    edit_points.focus()
    page.keyboard.press("Space")
    expect(edit_points).to_have_attribute("aria-pressed", "true")
    expect(group).to_have_attribute("data-count", str(len(drawn)))
    contrast.append(in_both_themes(page, {"path-all-points": brush}, artifacts))
    page.keyboard.press("Space")
    expect(edit_points).to_have_attribute("aria-pressed", "false")
    expect(group).to_have_attribute("data-count", few)

    # Dragging a middle handle bends the path there; its ends stay where they were.
    run_python(page, "drawn = studio.trajectories['dynamic-1']")
    x, y = centre(handles.nth(5))
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x, y - 40, steps=6)
    page.mouse.up()
    wait_for_python(page, "print(studio.trajectories['dynamic-1'] != drawn)", "True")
    bent = path_of(page, "dynamic-1")
    assert len(bent) == len(drawn)
    assert bent[0] == drawn[0] and bent[-1] == drawn[-1]
    lifted = [d[1] - b[1] for b, d in zip(bent, drawn, strict=True)]
    assert max(lifted) > 10  # the handle went up …
    assert sum(1 for lift in lifted if lift > 0.5) > 2  # … and its neighbours followed
    expect(group).to_have_attribute("data-count", few)
    x_after, y_after = centre(handles.nth(5))
    assert abs(x_after - x) < 2 and abs(y_after - (y - 40)) < 2  # the handle stayed put
    contrast.append(in_both_themes(page, {"path-bent": brush}, artifacts))

    # kling-v2-1 has no motion brush: the paint is kept, dimmed and labelled, and not sent.
    studio.locator('[data-testid="model_name"]').select_option("kling-v2-1")
    kept = studio.locator('[data-testid="painter-kept"]')
    expect(kept).to_have_text("Motion brush kept, not sent with kling-v2-1 std 5 s")
    expect(studio.locator('[data-testid="painter"]')).to_have_class(re.compile("ks-painter-kept"))
    expect(studio.locator('[data-testid="painter-reason"]')).to_have_text(
        "not on kling-v2-1; it is on kling-v1 std/pro 5 s, kling-v1-5 pro 5 s"
    )
    expect(studio.locator('[data-testid="tool-brush"]')).to_be_disabled()
    expect(group).to_have_attribute("data-count", "0")  # nothing to drag while the brush is off
    generate = studio.locator('[data-testid="generate"]')
    expect(generate).to_be_enabled()
    expect(studio.locator('[data-testid="blockers"]')).to_have_text("")
    assert run_python(page, "print(studio.request.dynamic_masks)").strip() in ("None", "[]")
    clear_all = studio.locator('[data-testid="clear-all"]')
    expect(clear_all).to_be_enabled()
    expect(studio.locator('[data-testid="area-clear-dynamic-1"]')).to_be_enabled()
    contrast.append(in_both_themes(page, {"brush-kept": brush}, artifacts))

    # The way out: Clear all takes the paint and the path; nothing is kept, Generate still goes.
    clear_all.click()
    wait_for_python(page, "print(sorted(studio.masks), studio.trajectories)", "[] {}", timeout=30)
    expect(kept).to_be_hidden()
    expect(clear_all).to_be_disabled()
    expect(generate).to_be_enabled()
    expect(studio.locator('[data-testid="blockers"]')).to_have_text("")
    assert all(found == {"light": [], "dark": []} for found in contrast), contrast


def test_a_camera_move_kept_on_a_model_without_it_can_be_cleared(
    page: Page, lab: JupyterServer, artifacts: Path, tmp_path: Path
) -> None:
    studio = open_studio(page, lab, tmp_path, model_name="kling-v1-5", mode="pro")
    camera = studio.locator('[data-testid="camera-type"]')
    options = camera.locator("option")
    expect(options).to_have_count(2)  # kling-v1-5 lists only the simple camera
    assert options.all_inner_texts() == ["none", "simple"]
    camera.select_option("simple")
    zoom, pan = (studio.locator(f'[data-testid="camera-{axis}"]') for axis in ("zoom", "pan"))
    zoom.fill("6")
    config = "print(float(studio.params['camera_control']['config']['{}']))"
    wait_for_python(page, config.format("zoom"), "6.0")

    # Kling moves one axis at a time: a second slider resets the first, and says so.
    pan.fill("2")
    rule = studio.locator('[data-testid="camera-rule"]')
    expect(rule).to_have_text("one axis at a time: zoom was reset")
    expect(zoom).to_have_value("0")
    wait_for_python(page, config.format("zoom"), "0.0")
    row = studio.locator('[data-testid="row-camera_control"]')
    contrast = [in_both_themes(page, {"camera-one-axis": row}, artifacts)]
    zoom.fill("6")
    expect(rule).to_have_text("one axis at a time: pan was reset")

    # kling-v1 has no camera: the move is kept, visible and said; Generate is not blocked.
    studio.locator('[data-testid="model_name"]').select_option("kling-v1")
    expect(studio.locator('[data-testid="kept-camera_control"]')).to_have_text(
        "kept, not sent with kling-v1 pro 5 s"
    )
    expect(studio.locator('[data-testid="reason-camera_control"]')).to_have_text(
        "not on kling-v1; it is on kling-v1-5 pro 5 s"
    )
    expect(rule).to_have_text("")  # said of the model the move was made with
    expect(camera).to_be_disabled()
    expect(camera).to_have_value("simple")
    expect(zoom).to_be_disabled()
    expect(zoom).to_have_value("6")
    generate = studio.locator('[data-testid="generate"]')
    expect(generate).to_be_enabled()
    assert run_python(page, "print(studio.request.camera_control)").strip() == "None"
    clear = studio.locator('[data-testid="camera-clear"]')
    expect(clear).to_be_enabled()
    contrast.append(in_both_themes(page, {"camera-kept": row}, artifacts))

    # The way out: Clear camera.
    clear.click()
    wait_for_python(page, "print(studio.params['camera_control'])", "None")
    expect(studio.locator('[data-testid="kept-camera_control"]')).to_have_text("")
    expect(camera).to_have_value("none")
    expect(clear).to_be_disabled()
    expect(generate).to_be_enabled()

    # Multi-image video: the kernel sets its model, and the form shows it (never blank).
    studio.locator('[data-testid="kind"]').select_option("multi-image2video")
    expect(studio.locator('[data-testid="model_name"]')).to_have_value("kling-v1-6")
    assert all(found == {"light": [], "dark": []} for found in contrast), contrast


def test_the_status_says_its_phase_the_emulators_speed_and_an_errors_codes(
    page: Page, lab: JupyterServer, artifacts: Path, tmp_path: Path
) -> None:
    studio = open_studio(page, lab, tmp_path)
    status = studio.locator('[data-testid="status"]')
    heading = studio.locator('[data-testid="status-phase"]')
    clock = studio.locator('[data-testid="status-clock"]')
    expect(heading).to_have_text("Ready")
    expect(clock).to_be_hidden()
    studio.locator('[data-testid="generate"]').click()
    expect(heading).to_have_text("Making the video", timeout=60_000)
    expect(clock).to_have_text(
        "the emulator runs 100× faster than Kling; times here are real seconds"
    )
    contrast = in_both_themes(page, {"status-running": status}, artifacts)
    expect(heading).to_have_text("Done", timeout=180_000)

    # The service fails while Kling works on the task (Generate itself was answered): the status
    # says it as a headline, what to do once, and the codes on their own smaller line.
    run_python(page, 'emulator.faults.add("1201", endpoint="query", times=1000)')
    studio.locator('[data-testid="generate"]').click()
    expect(heading).to_have_text("Error", timeout=60_000)
    expect(studio.locator('[data-testid="generate-error"]')).to_have_text("")
    expect(studio.locator('[data-testid="status-message"]')).not_to_have_text("")
    advice = studio.locator('[data-testid="status-advice"]')
    expect(advice).to_have_text(re.compile("^What to do: "))
    expect(studio.locator('[data-testid="status-details"]')).to_have_text(
        re.compile(r"^code 1201 · HTTP \d+ · request id \S+$")
    )
    failed = in_both_themes(page, {"status-error": status}, artifacts)
    assert contrast == failed == {"light": [], "dark": []}
