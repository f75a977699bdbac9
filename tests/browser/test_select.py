"""Click to select, in a real JupyterLab in Chromium: on the quickstart's picture, the Select tool
(chosen with S) takes the hull with a click and the sail with a shift-click; the kernel's mask
covers the boat; Ctrl+Z brings back the hull alone and Ctrl+Shift+Z the boat, each read from
the kernel. The kernel's work is held once, so "Selecting…" can be photographed; the tool in use
and its result are photographed in light and dark, and their texts are readable in both."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from . import cells, looks
from .jupyter import JupyterServer, open_studio, run_python, wait_for_python

SETUP = cells.BOAT_STUDIO
W, H = 1280, 720
HULL, SAIL = (384, 558), (400, 500)
HOLD = """
import threading
from kling_studio.widgets import selecting as selecting_module
hold, real = threading.Event(), selecting_module.selected_mask
def held(job, current, cache):
    hold.wait(120)
    return real(job, current, cache)
selecting_module.selected_mask = held
"""
RELEASE = "hold.set(); selecting_module.selected_mask = real"
HOLD_ANSWER = """
answered, real_send = threading.Event(), studio.send
def late(content, buffers=None):
    if content.get("selection"):  # a selection's answer: the kernel has it, the view waits
        answered.wait(120)
    return real_send(content, buffers)
studio.send = late
"""
RELEASE_ANSWER = "answered.set(); del studio.send"
SAIL_ALONE = (
    "m = studio.masks['dynamic-1']; "
    f"print(bool(m[{SAIL[1]}, {SAIL[0]}]) and not m[{HULL[1]}, {HULL[0]}])"
)
NEW_TEXTS = '[data-testid="select-status"], [data-testid="tool-select"]'
MASK_IOU = "m = studio.masks.get('dynamic-1'); print(m is not None and iou(m, {}) >= {})"


def position(stage: Locator, x: float, y: float) -> dict[str, float]:
    """Image pixel (x, y) in the stage's own coordinates (its CSS size is the picture's × scale)."""
    box = stage.bounding_box()
    assert box is not None
    return {"x": x * box["width"] / W, "y": y * box["height"] / H}


def test_click_and_shift_click_select_the_boat_undo_and_redo(
    page: Page, lab: JupyterServer, artifacts: Path, tmp_path: Path
) -> None:
    setup = SETUP.format(home=str(tmp_path / "home"), out=str(tmp_path / "videos"))
    studio = open_studio(page, lab, "select.ipynb", [setup], W)
    painter = studio.locator('[data-testid="painter"]')
    stage = studio.locator('[data-testid="painter-stage"]')
    tool = studio.locator('[data-testid="tool-select"]')
    expect(tool).to_have_attribute("aria-keyshortcuts", "S")

    studio.locator('[data-testid="area-dynamic-1"]').click()
    studio.locator('[data-testid="tool-brush"]').click()
    page.keyboard.press("s")  # the Select tool's key
    expect(tool).to_have_attribute("aria-pressed", "true")
    expect(painter).to_have_attribute("data-mode", "select")

    # The kernel's work held: the progress shows, and is photographed in both themes.
    run_python(page, HOLD)
    stage.scroll_into_view_if_needed()
    stage.click(position=position(stage, *HULL))
    status = studio.locator('[data-testid="select-status"]')
    expect(status).to_have_text("Selecting…", timeout=10_000)
    expect(status).to_have_attribute("role", "status")
    unreadable = looks.in_both_themes(
        page, {"painter": painter}, artifacts, "select-progress", NEW_TEXTS
    )
    run_python(page, RELEASE)
    expect(status).to_be_hidden(timeout=30_000)
    wait_for_python(
        page,
        f"print(bool(studio.masks.get('dynamic-1', np.zeros((1, 1), bool))[{HULL[1]}, {HULL[0]}]))",
        "True",
        timeout=30,
    )
    run_python(page, "hull = studio.masks['dynamic-1'].copy(); print(hull.sum())")

    stage.click(position=position(stage, *SAIL), modifiers=["Shift"])  # adds the sail
    wait_for_python(page, MASK_IOU.format("boat", 0.9), "True", timeout=30)
    expect(studio.locator('[data-testid="undo"]')).to_be_enabled()
    # The box a drag draws, shown while dragging (photographed with the selected boat).
    start, end = position(stage, 250, 380), position(stage, 560, 640)
    box = stage.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + start["x"], box["y"] + start["y"])
    page.mouse.down()
    page.mouse.move(box["x"] + end["x"], box["y"] + end["y"], steps=6)
    expect(studio.locator('[data-testid="select-box"]')).to_be_visible()
    unreadable_after = looks.in_both_themes(
        page, {"painter": painter}, artifacts, "select-result", NEW_TEXTS
    )
    page.keyboard.press("Escape")  # the box dropped: nothing asked
    page.mouse.up()
    expect(studio.locator('[data-testid="select-box"]')).to_be_hidden()

    expect(painter).to_have_attribute("data-selecting", "false")  # every answer is in
    page.keyboard.press("Control+z")  # the sail's selection undone: the hull alone again
    wait_for_python(page, MASK_IOU.format("hull", 0.99), "True", timeout=30)
    page.keyboard.press("Control+Shift+z")  # and redone: the boat
    wait_for_python(page, MASK_IOU.format("boat", 0.9), "True", timeout=30)
    printed = run_python(page, "print(round(iou(studio.masks['dynamic-1'], boat), 3))")
    assert float(printed) >= 0.9

    # Ctrl+Z after the kernel answered a click but before the answer reached the view: the
    # kernel has the answer (the sail alone), then the undo's paint (the hull alone); the view
    # then shows the answer — and sends it back, so the kernel keeps what is shown.
    run_python(page, HOLD_ANSWER)
    stage.click(position=position(stage, *SAIL))
    wait_for_python(page, SAIL_ALONE, "True", timeout=30)  # the kernel has it; the view not yet
    expect(painter).to_have_attribute("data-selecting", "true")
    page.keyboard.press("Control+z")
    wait_for_python(page, MASK_IOU.format("hull", 0.99), "True", timeout=30)
    run_python(page, RELEASE_ANSWER)
    expect(painter).to_have_attribute("data-selecting", "false", timeout=30_000)
    wait_for_python(page, SAIL_ALONE, "True", timeout=30)
    assert unreadable == {"light": [], "dark": []}
    assert unreadable_after == {"light": [], "dark": []}
