"""Compare's sound and its export, in a real JupyterLab in Chromium.

Two takes with sound on kling-v2-6 pro (5 s and 10 s) on the emulator: a cell's Hear pressed
from the keyboard unmutes exactly its video, and that video keeps time for the other (its rate
never nudged); another Hear moves the sound over. Export (MP4) then writes the grid with the
heard cell's sound: the kernel's summary names the file shown in the page, and its sound track
lasts as long as the heard cell's (5 s of a 10 s grid), not the other's. The card with its sound
on and the export under way are photographed in the light and the dark theme.
"""

from __future__ import annotations

import json
from pathlib import Path

import av
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

SWEEP = """
import os
os.environ["KLING_STUDIO_HOME"] = {home!r}
from kling_studio import Compare
from kling_studio.embedded import emulator_connection
from kling_studio.emulator import Emulator, EmulatorConfig
from kling_studio.samples import landscape

emulator = Emulator(
    EmulatorConfig(speed=100, queue_seconds=1, processing_seconds=10, concurrency=2)
)
compare = Compare(
    landscape(640, 360),
    prompt="waves roll in",
    fixed={{"model_name": "kling-v2-6", "mode": "pro", "sound": "on"}},
    vary={{"duration": ["5", "10"]}},
    connection=emulator_connection(emulator),
    output_dir={out!r},
)
compare
"""
SHORT, LONG = "r0c0", "r0c1"
"""The 5 s and the 10 s take."""

MUTED = """() => Object.fromEntries(
  [...document.querySelectorAll('[data-testid^="video-"]')]
    .map((video) => [video.dataset.cell, video.muted]))"""
HEARD_RATES = """async (cell) => {
  const video = document.querySelector(`[data-testid="video-${cell}"]`);
  const rates = [];
  for (let sample = 0; sample < 20; sample++) {
    rates.push(video.playbackRate);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { rates, paused: video.paused, muted: video.muted };
}"""
HOLD = """
import sys
import threading
from kling_studio.compare.export import export_grid as real_export
hold = threading.Event()
def held(*args, **options):
    report = options.get("on_progress")
    def slowed(done):
        if report is not None:
            report(done)
        if done >= 0.2:
            hold.wait(120)
    return real_export(*args, **{**options, "on_progress": slowed})
callers = [m for m in list(sys.modules.values()) if getattr(m, "export_grid", None) is real_export]
for module in callers:
    module.export_grid = held
print(len(callers))
"""
"""Holds the export a fifth of the way through (every module that calls it sees the stand-in),
so the progress can be looked at; RELEASE lets it finish."""
RELEASE = """
hold.set()
for module in callers:
    module.export_grid = real_export
"""
LOOK_TEXTS = (
    '[data-testid^="cell-"], [data-testid="export-view"] label, [data-testid="export-sound"], '
    '[data-testid="export-status"], [data-testid="export-path"], [data-testid="export-notes"]'
)
"""What the looks are checked on: the cards, and Export's words but its button, faded while it
works (inactive, which WCAG exempts)."""


def sound_seconds(path: Path) -> float:
    """How long the file's first sound track plays, from its decoded samples."""
    with av.open(str(path)) as container:
        stream = container.streams.audio[0]
        samples = sum(frame.samples for frame in container.decode(stream))
        return samples / stream.rate


def hear_by_keyboard(page: Page, widget: Locator, cell: str) -> None:
    """Press the cell's Hear with the keyboard, as a person tabbing to it would."""
    toggle = widget.locator(f'[data-testid="hear-{cell}"]')
    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-pressed", "true")


def test_one_cell_is_heard_and_its_sound_goes_into_the_export(
    page: Page, lab: JupyterServer, artifacts: Path, tmp_path: Path
) -> None:
    sweep = SWEEP.format(home=str(tmp_path / "home"), out=str(tmp_path / "sweep"))
    write_notebook(lab.root, "export.ipynb", [sweep])
    open_notebook(page, lab, "export.ipynb")
    run_all(page)
    widget = page.locator('[data-testid="compare"]').first
    expect(widget.locator('[data-testid^="cell-"]')).to_have_count(2)
    export = widget.locator('[data-testid="export"]')
    expect(export).to_be_disabled()
    expect(widget.locator('[data-testid="export-reason"]')).to_have_text(
        "Export needs a cell with a video."
    )
    widget.locator('[data-testid="start"]').click()
    page.wait_for_function(
        """() => {
          const videos = [...document.querySelectorAll('[data-testid^="video-"]')];
          return videos.length === 2 && videos.every((v) => v.readyState >= 2);
        }""",
        timeout=240_000,
    )
    assert page.evaluate(MUTED) == {SHORT: True, LONG: True}

    hear_by_keyboard(page, widget, LONG)
    assert page.evaluate(MUTED) == {SHORT: True, LONG: False}
    expect(widget).to_have_attribute("data-leader", LONG)  # the heard clip keeps time
    hear_by_keyboard(page, widget, SHORT)
    assert page.evaluate(MUTED) == {SHORT: False, LONG: True}
    expect(widget.locator(f'[data-testid="hear-{LONG}"]')).to_have_attribute(
        "aria-pressed", "false"
    )
    expect(widget).to_have_attribute("data-leader", SHORT)

    widget.locator('[data-testid="play"]').click()
    expect(widget).to_have_attribute("data-keeper", SHORT)
    heard = page.evaluate(HEARD_RATES, SHORT)
    assert heard["muted"] is False
    assert heard["paused"] is False, "the browser played the heard video with its sound"
    assert set(heard["rates"]) == {1}, "the heard video is never nudged"
    widget.locator('[data-testid="play"]').click()  # pause
    card_looks = looks.in_both_themes(
        page,
        {"card": widget.locator(f'[data-testid="cell-{SHORT}"]')},
        artifacts,
        "compare-sound",
        LOOK_TEXTS,
    )

    expect(export).to_be_enabled()
    expect(widget.locator('[data-testid="export-sound"]')).to_contain_text("Sound from duration 5")
    assert int(run_python(page, HOLD)) > 0
    export.focus()
    page.keyboard.press("Enter")
    status = widget.locator('[data-testid="export-status"]')
    expect(status).to_contain_text("Exporting the grid…", timeout=60_000)
    expect(export).to_have_attribute("aria-disabled", "true")
    expect(export).to_be_focused()
    expect(widget.locator('[data-testid="export-progress"]')).to_be_visible()
    page.keyboard.press("Enter")  # ignored while it works
    expect(export).to_have_attribute("aria-disabled", "true")
    assert looks.accessibility_violations(page, widget) == []
    header_looks = looks.in_both_themes(
        page,
        {"export": widget.locator('[data-testid="export-view"]').locator("xpath=..")},
        artifacts,
        "compare-export",
        LOOK_TEXTS,
    )
    run_python(page, RELEASE)

    wait_for_python(
        page, "print(compare.summary.get('export', {}).get('phase'))", "done", timeout=180
    )
    done = json.loads(
        run_python(
            page,
            "import json\n"
            "print(json.dumps({'export': compare.summary['export'],\n"
            "  'cells': {c['id']: c['path'] for c in compare.cells}}))",
        )
    )
    written = Path(done["export"]["path"])
    expect(status).to_contain_text(written.name)
    expect(widget.locator('[data-testid="export-path"]')).to_have_text(str(written))
    assert written.is_file()
    # The Enter pressed while it worked was ignored: one file, and no refusal to say.
    assert [path.name for path in written.parent.glob("grid*")] == [written.name]
    expect(widget.locator('[data-testid="export-error"]')).to_have_text("")
    heard_seconds = sound_seconds(Path(done["cells"][SHORT]))
    other_seconds = sound_seconds(Path(done["cells"][LONG]))
    exported_seconds = sound_seconds(written)
    assert abs(exported_seconds - heard_seconds) < 0.1, (exported_seconds, heard_seconds)
    assert abs(exported_seconds - other_seconds) > 2
    assert card_looks == {"light": [], "dark": []}
    assert header_looks == {"light": [], "dark": []}
