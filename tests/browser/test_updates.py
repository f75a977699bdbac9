"""Status ticks touch only what shows the status: while a run streams its status (twice a second),
a URL being typed in a multi-image slot keeps its text and its focus, nothing outside the status
panel and Generate changes in the page, and a history tile stays the same element through later
ticks and a second run. Reordering the slots moves one and keeps the keyboard focus."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from .jupyter import JupyterServer, open_notebook, run_all, write_notebook
from .looks import DARK, LIGHT, set_theme
from .test_studio import wait_for_new_run

SETUP = """
import os
os.environ["KLING_STUDIO_HOME"] = {home!r}
from kling_studio import AsyncKlingClient, Studio
from kling_studio.embedded import emulator_connection
from kling_studio.emulator import Emulator, EmulatorConfig
from kling_studio.samples import landscape

# Real time: the queue and processing last long enough for many status ticks.
emulator = Emulator(EmulatorConfig(speed=1, queue_seconds=1, processing_seconds=8))
client = AsyncKlingClient(connection=emulator_connection(emulator))
studio = Studio(
    images=[landscape(480, 320), landscape(480, 320)], model_name="kling-v1-6",
    prompt="waves roll in", client=client, output_dir={out!r},
)
studio
"""
RUNNING = re.compile(r"^(Queued at Kling|Making the video)$")
TYPED = "https://example.com/still-typing"

WATCH_TICKS = """root => {
    // Counts status ticks (the times line changes on each) and records every change in the
    // widget outside the status panel and Generate.
    const status = root.querySelector('[data-testid="status"]');
    const generate = root.querySelector('[data-testid="generate"]').parentElement;
    const times = root.querySelector('[data-testid="status-times"]');
    const seen = { ticks: 0, outside: [] };
    window.__ksTicks = seen;
    const all = { subtree: true, childList: true, attributes: true, characterData: true };
    new MutationObserver(() => { seen.ticks += 1; }).observe(times, all);
    new MutationObserver((records) => {
        for (const record of records) {
            const node = record.target instanceof Element
                ? record.target : record.target.parentElement;
            if (status.contains(node) || generate.contains(node)) continue;
            const where = node.closest('[data-testid]')?.dataset.testid ?? node.tagName;
            seen.outside.push(`${record.type} ${record.attributeName ?? ''} in ${where}`);
        }
    }).observe(root, all);
}"""
TICKS_SINCE = """([since, count]) => window.__ksTicks.ticks >= since + count"""
MARK = """element => { element.__ksMark = true; return true; }"""
MARKED = """element => element.__ksMark === true"""


def phase(studio: Locator) -> Locator:
    return studio.locator('[data-testid="status-phase"]')


def wait_for_ticks(page: Page, count: int, timeout: float = 60) -> None:
    """Until the status has ticked `count` more times (counted by WATCH_TICKS)."""
    since = page.evaluate("() => window.__ksTicks.ticks")
    page.wait_for_function(TICKS_SINCE, arg=[since, count], timeout=timeout * 1000, polling=100)


def test_status_ticks_leave_typing_and_history_tiles_alone(
    page: Page, lab: JupyterServer, artifacts: Path, tmp_path: Path
) -> None:
    setup = SETUP.format(home=str(tmp_path / "home"), out=str(tmp_path / "videos"))
    write_notebook(lab.root, "updates.ipynb", [setup])
    open_notebook(page, lab, "updates.ipynb")
    run_all(page, timeout=180)
    studio = page.locator('[data-testid="studio"]').first
    expect(studio.locator('[data-testid="slot-multi-1"]')).to_be_visible()
    generate = studio.locator('[data-testid="generate"]')
    expect(generate).to_be_enabled(timeout=30_000)

    # A URL typed into a multi-image slot while the first run streams its status.
    generate.click()
    expect(phase(studio)).to_have_text(RUNNING, timeout=60_000)
    url = studio.locator('[data-testid="url-multi-0"]')
    url.click()
    url.press_sequentially(TYPED)
    page.evaluate(WATCH_TICKS, studio.element_handle())
    wait_for_ticks(page, 4)
    expect(phase(studio)).to_have_text(RUNNING)  # the ticks were those of a run
    expect(url).to_have_value(TYPED)
    expect(url).to_be_focused()
    assert page.evaluate("() => window.__ksTicks.outside") == []

    # The first run's tile, marked, survives the second run's ticks and its new tile.
    first = wait_for_new_run(page, studio, [], timeout=180)
    expect(phase(studio)).to_have_text("Done")
    tile = studio.locator(f'[data-testid="run-{first}"]')
    thumb = tile.locator("img")
    video = studio.locator('[data-testid="video"]')
    expect(thumb).to_have_attribute("src", re.compile(r"^blob:"))  # its thumbnail arrived
    for element in (tile, thumb, video):
        element.evaluate(MARK)
    expect(generate).to_be_enabled(timeout=30_000)
    generate.click()
    expect(phase(studio)).to_have_text(RUNNING, timeout=60_000)
    wait_for_ticks(page, 3)
    assert tile.evaluate(MARKED) and thumb.evaluate(MARKED)
    second = wait_for_new_run(page, studio, [first], timeout=180)
    tiles = studio.locator('[data-testid="history"] > li')
    expect(tiles).to_have_count(2)
    expect(tiles.nth(0)).to_have_attribute("data-testid", f"run-{second}")  # newest first
    assert tile.evaluate(MARKED) and thumb.evaluate(MARKED) and video.evaluate(MARKED)
    expect(url).to_have_value(TYPED)

    # Reordering moves one slot, which keeps its elements, and the ↑ pressed keeps the focus.
    up = studio.locator('[data-testid="move-multi-1--1"]')
    up.focus()
    page.keyboard.press("Enter")
    slots = studio.locator('[data-testid^="slot-multi"]')
    expect(slots.nth(0)).to_have_attribute("data-testid", "slot-multi-1")
    expect(slots.nth(0).locator(".ks-slot-title")).to_have_text("Image 1")
    expect(up).to_be_focused()
    expect(url).to_have_value(TYPED)

    # For people to look at: the whole widget, so the page is made tall enough to hold it.
    page.set_viewport_size({"width": 1400, "height": 2800})
    try:
        for theme, name in ((LIGHT, "light"), (DARK, "dark")):
            set_theme(page, theme)
            studio.scroll_into_view_if_needed()
            studio.screenshot(path=artifacts / f"updates-studio-{name}.png")
    finally:
        set_theme(page, LIGHT)
