"""Every money-related state of the Studio and Compare, seen in JupyterLab's light and dark
themes: task ids with copy buttons, a stopped wait, the resume offer, the over-budget
confirmation, the dead-kernel notice; each text readable (WCAG contrast ≥ 4.5) in both."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from . import looks
from .jupyter import JupyterServer, open_notebook, run_all, run_python, write_notebook

SETUP = """
import os
os.environ["KLING_STUDIO_HOME"] = {home!r}
from kling_studio import AsyncKlingClient, Compare, Studio
from kling_studio.embedded import emulator_connection
from kling_studio.emulator import Emulator, EmulatorConfig
from kling_studio.samples import landscape

emulator = Emulator(EmulatorConfig(speed=1, queue_seconds=1, processing_seconds=600))

def studio(**options):
    client = AsyncKlingClient(connection=emulator_connection(emulator), **options)
    return Studio(
        image=landscape(480, 320), prompt="a boat crosses the lake", client=client,
        output_dir={out!r},
    )
"""
CELLS = [
    "running = studio()\nrunning",
    "stopped = studio()\nstopped",
    "over = studio(budget_units=0.5)\nover",
    "sweep = Compare(landscape(480, 320), prompt='waves', vary={{'cfg_scale': [0.3, 0.8]}},\n"
    "    connection=emulator_connection(emulator), output_dir={sweeps!r})\nsweep",
]
TASK_ID = re.compile(r"\S+")
SESSION = "window.jupyterapp.shell.currentWidget.sessionContext"
WIDGETS = ".ks-root, .kc-root"


def in_both_themes(
    page: Page, widgets: dict[str, Locator], artifacts: Path, stage: str
) -> dict[str, list[str]]:
    """Screenshots in light and dark; the texts below 4.5:1 in each theme."""
    return looks.in_both_themes(page, widgets, artifacts, f"looks-{stage}", WIDGETS)


def test_paid_work_states_read_well_in_light_and_dark(
    page: Page, lab: JupyterServer, artifacts: Path, tmp_path: Path
) -> None:
    home, out, sweeps = tmp_path / "home", tmp_path / "videos", tmp_path / "sweeps"
    cells = [SETUP.format(home=str(home), out=str(out))]
    cells += [cell.format(sweeps=str(sweeps)) for cell in CELLS]  # "{{" stays a literal brace
    write_notebook(lab.root, "looks.ipynb", cells)
    open_notebook(page, lab, "looks.ipynb")
    run_all(page, timeout=180)
    studios = page.locator('[data-testid="studio"]')
    expect(studios).to_have_count(3)
    running, stopped, over = studios.nth(0), studios.nth(1), studios.nth(2)
    sweep = page.locator('[data-testid="compare"]').first

    for studio in (running, stopped):
        studio.locator('[data-testid="generate"]').click()
        expect(studio.locator('[data-testid="status-task-id"]')).to_have_text(
            TASK_ID, timeout=60_000
        )
    stop = stopped.locator('[data-testid="stop"]')
    expect(stop).to_have_attribute("title", re.compile("no cancel.*billed.*studio.resume()"))
    stop.click()
    expect(stopped.locator('[data-testid="status-phase"]')).to_have_text("Stopped waiting")
    message = stopped.locator('[data-testid="status-message"]')
    expect(message).to_contain_text("still runs and is billed")
    expect(stopped.locator('[data-testid="generate"]')).to_be_enabled()
    expect(stopped.locator('[data-testid="resume-title"]')).to_have_text("1 task can be resumed")

    generate = over.locator('[data-testid="generate"]')
    expect(over.locator('[data-testid="cost"]')).to_contain_text("(emulated)")
    generate.click()
    expect(generate).to_have_text(re.compile(r"Over budget — click again to spend ≈ [\d.]+ units?"))
    assert run_python(page, "print(len(emulator.tasks))").strip() == "2"  # the click sent nothing
    generate.focus()
    expect(sweep.locator('[data-testid="folder"]')).to_contain_text(str(sweeps))
    sweep.locator('[data-testid="start"]').click()
    expect(sweep.locator('[data-testid^="task-id-"][data-testid$="-copy"]')).to_have_count(2)
    for cell_task in sweep.locator('code[data-testid^="task-id-"]').all():
        expect(cell_task).to_have_text(TASK_ID, timeout=60_000)

    # Copy buttons: named for assistive technology and usable from the keyboard.
    copy = running.locator('[data-testid="status-task-id-copy"]')
    expect(copy).to_have_attribute("aria-label", re.compile(r"^Copy task id \S+"))
    copy.focus()
    page.keyboard.press("Enter")
    expect(copy).to_have_text(re.compile("Copied|Copy failed"))

    widgets = {
        "running": running.locator(".ks-right"),
        "stopped": stopped.locator(".ks-right"),
        "over-budget": over.locator(".ks-right"),
        "compare": sweep,
    }
    alive = in_both_themes(page, widgets, artifacts, "alive")

    page.evaluate(f"async () => {{ await {SESSION}.session.kernel.restart(); }}")
    for widget in (running, stopped, over, sweep):
        expect(widget.locator('[data-testid="kernel-gone"]')).to_contain_text(
            "The kernel restarted — run the cell again", timeout=30_000
        )
    expect(sweep.locator('[data-testid="kernel-gone"]')).to_contain_text("can be resumed")
    expect(sweep.locator('[data-testid="start"]')).to_have_text("Kernel gone")  # not "Running…"
    expect(sweep.locator('[data-testid="start"]')).to_be_disabled()
    gone = in_both_themes(page, widgets, artifacts, "gone")
    assert alive == {"light": [], "dark": []}
    assert gone == {"light": [], "dark": []}
