"""At home in JupyterLab (and Notebook 7): the Studio and Compare read well in the light and the
dark theme (every visible text at WCAG 4.5:1, no serious or critical axe-core violation), the
Studio fits a 1400×1000 window and shows the video where the person is looking when Generate
ends, the camera row keeps its error in its column, every control is reached with Tab and shows
where the keyboard is, and forced colours keep pressed and focused controls apart.

Screenshots of each state in each theme land in artifacts/ as looks-<state>-<front end>-<theme>.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from .jupyter import JupyterServer, open_notebook, run_all, run_python, write_notebook
from .looks import (
    DARK,
    HIGH_CONTRAST,
    LIGHT,
    accessibility_violations,
    low_contrast,
    set_theme,
)
from .test_studio import wait_for_new_run

SETUP = """
import os
os.environ["KLING_STUDIO_HOME"] = {home!r}
from kling_studio import AsyncKlingClient, Compare, Studio
from kling_studio.embedded import emulator_connection
from kling_studio.emulator import Emulator, EmulatorConfig
from kling_studio.samples import boat_mask, landscape

emulator = Emulator(EmulatorConfig(speed=100, queue_seconds=1, processing_seconds=20))
"""
STUDIO = """
studio = Studio(
    image=landscape(1280, 720), prompt="a small sailing boat glides across a calm lake",
    client=AsyncKlingClient(connection=emulator_connection(emulator)), output_dir={out!r},
)
studio
"""
COMPARE = """
compare = Compare(
    landscape(480, 320), prompt="waves roll in", fixed={{"model_name": "kling-v1"}},
    vary={{"cfg_scale": [0.3, 0.8], "mode": ["std", "pro"]}},
    connection=emulator_connection(emulator), output_dir={sweeps!r},
)
compare
"""
MASK = "studio.set_mask('dynamic-1', boat_mask(1280, 720))"
PATH = "studio.set_path('dynamic-1', [(384, 560), (900, 600)])"
TWO_AXES = (
    "studio.params = {**studio.params, 'model_name': 'kling-v1-5', 'mode': 'pro',\n"
    "    'camera_control': {'type': 'simple', 'config': {'horizontal': 5, 'zoom': 3}}}"
)
"""A camera the rules refuse (one axis only), so the camera row shows its longest error."""
THEMES = ((LIGHT, "light"), (DARK, "dark"))
FIT = 1000
"""The tallest a default Studio may be, in CSS pixels, at a 1400×1000 window."""
TALL = 2400
"""A window tall enough to photograph a whole widget."""

SCROLLER = """element => {
    // The notebook's scrolling box: the nearest ancestor that scrolls vertically.
    for (let node = element.parentElement; node; node = node.parentElement) {
        const overflow = getComputedStyle(node).overflowY;
        if ((overflow === 'auto' || overflow === 'scroll') && node.scrollHeight > node.clientHeight)
            return node;
    }
    return document.scrollingElement;
}"""
IN_SIGHT = """([element, scroller]) => {
    // The element's box lies wholly inside the scroller's visible box and the window.
    const box = element.getBoundingClientRect();
    const view = scroller.getBoundingClientRect();
    const top = Math.max(view.top, 0), bottom = Math.min(view.bottom, window.innerHeight);
    return box.height > 0 && box.top >= top - 1 && box.bottom <= bottom + 1;
}"""
OVERFLOWS = """root => {
    // Elements whose content is wider than their box, or that stick out of their column.
    const found = [];
    for (const column of root.querySelectorAll('.ks-left, .ks-right')) {
        const edge = column.getBoundingClientRect();
        for (const element of column.querySelectorAll('*')) {
            const box = element.getBoundingClientRect();
            if (!box.width || getComputedStyle(element).visibility === 'hidden') continue;
            const name = element.dataset.testid ?? element.className ?? element.tagName;
            if (box.left < edge.left - 1 || box.right > edge.right + 1)
                found.push(`${name} sticks out of its column`);
            const style = getComputedStyle(element);
            const clips = ['hidden', 'clip'].includes(style.overflowX);
            // an ellipsis whose full text is in the element's title is shortened on purpose
            const shortened =
                style.textOverflow === 'ellipsis' && element.title === element.textContent;
            if (clips && !shortened && element.scrollWidth > element.clientWidth + 1)
                found.push(`${name} clips its content`);
        }
    }
    return found;
}"""


def widget_height(widget: Locator) -> float:
    box = widget.bounding_box()
    assert box is not None
    return float(box["height"])


def record(artifacts: Path, name: str, measures: dict[str, object]) -> None:
    """Numbers for the people reading the test run (heights before and after a change)."""
    (artifacts / f"looks-{name}.json").write_text(json.dumps(measures, indent=2))


def shoot(page: Page, widget: Locator, path: Path) -> None:
    """The whole widget, however tall: the window grows for the picture, then comes back."""
    size = page.viewport_size
    assert size is not None
    page.set_viewport_size({"width": size["width"], "height": TALL})
    try:
        widget.scroll_into_view_if_needed()
        widget.screenshot(path=path)
    finally:
        page.set_viewport_size(size)


def findings(page: Page, widget: Locator, artifacts: Path, shot: str) -> dict[str, list[str]]:
    """In each theme: a screenshot of the widget, its texts below 4.5:1 and axe-core's serious
    and critical violations in it, by theme and kind (empty lists when all is well)."""
    found: dict[str, list[str]] = {}
    try:
        for theme, name in THEMES:
            set_theme(page, theme)
            shoot(page, widget, artifacts / f"looks-{shot}-{name}.png")
            found[f"{name} contrast"] = low_contrast(page, ".ks-root, .kc-root")
            found[f"{name} axe"] = accessibility_violations(page, widget)
    finally:
        set_theme(page, LIGHT)
    return found


def open_studio(page: Page, server: JupyterServer, tmp_path: Path, name: str) -> Locator:
    setup = SETUP.format(home=str(tmp_path / "home"))
    write_notebook(server.root, name, [setup, STUDIO.format(out=str(tmp_path / "videos"))])
    open_notebook(page, server, name)
    run_all(page, timeout=180)
    studio = page.locator('[data-testid="studio"]').first
    expect(studio.locator('[data-testid="caption-image"]')).to_contain_text("1280×720")
    return studio


def paint(page: Page, studio: Locator) -> None:
    """The boat painted as a dynamic area, with its path. The path is set once the painter shows
    the paint: set together, the painter's echo of the new paint can overwrite the path."""
    run_python(page, MASK)
    chip = studio.locator('[data-testid="area-dynamic-1"]').locator("..")
    expect(chip).to_have_class(re.compile(r"\bks-painter-area-painted\b"), timeout=30_000)
    run_python(page, PATH)


def to_the_top(studio: Locator) -> None:
    """Scrolls the notebook so the widget's top is at the top of what shows, as a person who
    reached the widget would have it."""
    studio.evaluate("element => element.scrollIntoView({ block: 'start' })")


def test_a_fresh_studio_fits_the_window_and_reads_well(
    page: Page, jupyter: JupyterServer, artifacts: Path, tmp_path: Path
) -> None:
    studio = open_studio(page, jupyter, tmp_path, "looks-fresh.ipynb")
    to_the_top(studio)
    scroller = studio.evaluate_handle(SCROLLER)
    height = widget_height(studio)
    visible = scroller.evaluate("node => node.clientHeight")
    record(artifacts, f"fresh-{jupyter.flavour}", {"height": height, "visible": visible})
    assert height <= FIT, f"the fresh Studio is {height:.0f} px tall"
    generate = studio.locator('[data-testid="generate"]')
    assert page.evaluate(IN_SIGHT, [generate.element_handle(), scroller]), "Generate is off screen"
    assert studio.evaluate(OVERFLOWS) == []

    found = findings(page, studio, artifacts, f"fresh-{jupyter.flavour}")
    assert found == {key: [] for key in found}


def test_after_a_run_the_video_is_in_sight_and_an_error_reads_well(
    page: Page, jupyter: JupyterServer, artifacts: Path, tmp_path: Path
) -> None:
    studio = open_studio(page, jupyter, tmp_path, "looks-run.ipynb")
    paint(page, studio)
    generate = studio.locator('[data-testid="generate"]')
    expect(generate).to_be_enabled(timeout=30_000)

    # Generate from where a person would press it: the widget at the top of the notebook.
    to_the_top(studio)
    scroller = studio.evaluate_handle(SCROLLER)
    scrolled = scroller.evaluate("node => node.scrollTop")
    generate.click()
    wait_for_new_run(page, studio, [], timeout=180)
    video = studio.locator('[data-testid="video"]')
    expect(video).to_be_visible()  # in the painter's place: the person asked for it here
    expect(studio.locator('[data-testid="show-video"]')).to_have_attribute("aria-pressed", "true")
    assert scroller.evaluate("node => node.scrollTop") == scrolled, "the notebook scrolled"
    assert page.evaluate(IN_SIGHT, [video.element_handle(), scroller]), "the video is off screen"
    assert page.evaluate(IN_SIGHT, [generate.element_handle(), scroller]), "Generate went away"
    height = widget_height(studio)
    record(artifacts, f"run-{jupyter.flavour}", {"height": height})
    assert height <= FIT, f"the Studio with a result is {height:.0f} px tall"

    # The next run fails on Kling's side: the status says so, with what to do.
    run_python(page, 'emulator.faults.add("1103", endpoint="query", times=1)')
    generate.click()
    expect(studio.locator('[data-testid="status-phase"]')).to_have_text("Error", timeout=60_000)
    expect(studio.locator('[data-testid="status-advice"]')).to_contain_text("What to do")
    # And a camera the rules refuse: its error stays inside the right column, wrapped.
    run_python(page, TWO_AXES)
    problem = studio.locator('[data-testid="problem-camera_control"]')
    expect(problem).to_contain_text("exactly one non-zero axis")
    expect(studio.locator('[data-testid="camera-zoom"]')).to_be_visible()
    assert studio.evaluate(OVERFLOWS) == []

    with_video = findings(page, studio, artifacts, f"error-video-{jupyter.flavour}")
    studio.locator('[data-testid="show-paint"]').click()
    expect(studio.locator('[data-testid="painter-stage"]')).to_be_visible()
    expect(video).not_to_be_visible()
    with_paint = findings(page, studio, artifacts, f"error-paint-{jupyter.flavour}")
    assert with_video == {key: [] for key in with_video}
    assert with_paint == {key: [] for key in with_paint}


def test_a_finished_compare_grid_reads_well(
    page: Page, jupyter: JupyterServer, artifacts: Path, tmp_path: Path
) -> None:
    setup = SETUP.format(home=str(tmp_path / "home"))
    write_notebook(
        jupyter.root, "looks-compare.ipynb", [setup, COMPARE.format(sweeps=str(tmp_path / "s"))]
    )
    open_notebook(page, jupyter, "looks-compare.ipynb")
    run_all(page, timeout=180)
    compare = page.locator('[data-testid="compare"]').first
    expect(compare.locator('[data-testid^="cell-"]')).to_have_count(4)
    compare.locator('[data-testid="start"]').click()
    page.wait_for_function(
        """root => {
          const videos = [...root.querySelectorAll('[data-testid^="video-"]')];
          return videos.length === 4 && videos.every((v) => v.readyState >= 2);
        }""",
        arg=compare.element_handle(),
        timeout=180_000,
    )
    expect(compare.locator('[data-testid^="status-"]')).to_have_text(["succeed"] * 4)

    found = findings(page, compare, artifacts, f"compare-{jupyter.flavour}")
    assert found == {key: [] for key in found}


FOCUSABLE = """root => {
    // Every control a person could reach now: shown, enabled, not taken out of the Tab order.
    const selector = 'button, select, textarea, a[href], input:not([type=file]),'
        + ' [tabindex]:not([tabindex="-1"])';
    return [...root.querySelectorAll(selector)]
        .filter((element) => !element.disabled && !element.closest('[hidden]')
            && getComputedStyle(element).visibility !== 'hidden'
            && element.getClientRects().length > 0)
        .map((element) => element.dataset.testid ?? element.outerHTML.slice(0, 60));
}"""
FOCUSED = """root => {
    // Where the keyboard is, and whether it shows: an outline or a ring drawn as a shadow.
    const element = document.activeElement;
    if (!element || !root.contains(element) || element === root) return null;
    const style = getComputedStyle(element);
    const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1)
        || style.boxShadow !== 'none';
    return { name: element.dataset.testid ?? element.outerHTML.slice(0, 60), ring };
}"""


def tab_through(page: Page, widget: Locator, limit: int = 200) -> list[dict[str, object]]:
    """Focus the widget, then Tab until the keyboard leaves it: what each Tab reached."""
    widget.focus()
    reached: list[dict[str, object]] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        where = widget.evaluate(FOCUSED)
        if where is None:
            return reached
        reached.append(where)
    raise AssertionError(f"Tab never left the widget after {limit} presses")


def test_every_control_is_reached_with_tab_and_shows_the_focus(
    page: Page, lab: JupyterServer, tmp_path: Path
) -> None:
    studio = open_studio(page, lab, tmp_path, "looks-keys.ipynb")
    paint(page, studio)
    expect(studio.locator('[data-testid="generate"]')).to_be_enabled(timeout=30_000)
    reached = tab_through(page, studio)
    names = [str(where["name"]) for where in reached]
    assert len(names) > 40  # pictures, painter, parameters, Generate: each control, once
    assert sorted(names) == sorted(studio.evaluate(FOCUSABLE))
    assert [where["name"] for where in reached if not where["ring"]] == []


def test_forced_colours_keep_pressed_and_focused_controls_apart(
    page: Page, lab: JupyterServer, artifacts: Path, tmp_path: Path
) -> None:
    studio = open_studio(page, lab, tmp_path, "looks-forced.ipynb")
    brush, eraser = (studio.locator(f'[data-testid="tool-{tool}"]') for tool in ("brush", "eraser"))
    expect(brush).to_have_attribute("aria-pressed", "true")
    page.emulate_media(forced_colors="active")
    try:
        look = "element => { const s = getComputedStyle(element); return [s.backgroundColor,"
        look += " s.color, s.borderTopWidth]; }"
        assert brush.evaluate(look) != eraser.evaluate(look)  # pressed looks pressed
        swatch = studio.locator(".ks-painter-swatch")
        colours = {s.evaluate("e => getComputedStyle(e).borderTopColor") for s in swatch.all()}
        assert len(colours) == len(swatch.all())  # each area keeps its own colour
        eraser.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")  # from the keyboard, so the ring is :focus-visible
        assert eraser.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"
        shoot(page, studio, artifacts / f"looks-forced-colours-{lab.flavour}.png")
    finally:
        page.emulate_media(forced_colors="none")

    # JupyterLab's own high-contrast theme: every text still reads at 4.5:1.
    try:
        set_theme(page, HIGH_CONTRAST)
        shoot(page, studio, artifacts / f"looks-high-contrast-{lab.flavour}.png")
        assert low_contrast(page, ".ks-root") == []
        assert accessibility_violations(page, studio) == []
    finally:
        set_theme(page, LIGHT)

    # Asked for more contrast: secondary text takes the full text colour.
    caption = studio.locator('[data-testid="caption-image"]')
    page.emulate_media(contrast="more")
    try:
        colour = "e => getComputedStyle(e).color"
        assert caption.evaluate(colour) == studio.evaluate(colour)
    finally:
        page.emulate_media(contrast="no-preference")
