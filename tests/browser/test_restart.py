"""Paid work you can trust, in a real JupyterLab and Notebook 7: a kernel that goes away mid-task
is said (with the task's id), and a Studio in the new kernel offers that task and plays it once
resumed. Screenshots of every state, in JupyterLab's light and dark themes, land in artifacts/.

The embedded emulator keeps its tasks under KLING_STUDIO_HOME, so the restarted kernel finds the
task the first one started, as a real account would still have it.
"""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from .jupyter import (
    JupyterServer,
    open_notebook,
    run_all,
    wait_for_kernel_idle,
    wait_for_python,
    write_notebook,
)
from .looks import DARK, LIGHT, low_contrast, set_theme

EMBEDDED_STUDIO = """
import os
os.environ["KLING_STUDIO_HOME"] = {home!r}
os.environ["KLING_STUDIO_EMULATOR_SPEED"] = "4"  # a typical task takes half a minute or more
from kling_studio import Studio
from kling_studio.samples import landscape
studio = Studio(image=landscape(480, 320), prompt="a boat crosses the lake", output_dir={out!r})
studio
"""

SESSION = "window.jupyterapp.shell.currentWidget.sessionContext"
RESTART = f"async () => {{ await {SESSION}.session.kernel.restart(); }}"
"""The session API restarts without the confirmation dialog the menu command shows."""
SHUT_DOWN = f"async () => {{ await {SESSION}.shutdown(); }}"
START_KERNEL = f"async () => {{ await {SESSION}.changeKernel({{ name: 'python3' }}); }}"

RENDERED = (
    "from kling_studio.embedded import shared_emulator\n"
    "print(all(t.video_path and t.video_path.exists() for t in shared_emulator().tasks))"
)
"""The emulator has written the latest task's video (its status still runs on its schedule)."""

VIDEO_OF_RUN = """({ studio, run }) => {
    const video = studio.querySelector('[data-testid="video"]');
    return video?.dataset.run === run && video.readyState >= 2;
}"""

TASK_ID = re.compile(r"\S+")
WIDGETS = ".ks-root, .kc-root"


def notebook_with_embedded_studio(server: JupyterServer, tmp_path: Path, name: str) -> None:
    home, out = tmp_path / "home", tmp_path / "videos"
    write_notebook(server.root, name, [EMBEDDED_STUDIO.format(home=str(home), out=str(out))])


def generate_until_task_id(studio: Locator) -> str:
    """Press Generate and return the task id once the status shows it."""
    studio.locator('[data-testid="generate"]').click()
    task_id = studio.locator('[data-testid="status-task-id"]')
    expect(task_id).to_have_text(TASK_ID, timeout=60_000)
    return task_id.inner_text()


def shot(target: Page | Locator, artifacts: Path, name: str) -> None:
    target.screenshot(path=artifacts / f"{name}.png")


def test_a_restarted_kernel_is_said_and_its_task_resumed(
    page: Page, lab: JupyterServer, artifacts: Path, tmp_path: Path
) -> None:
    notebook_with_embedded_studio(lab, tmp_path, "restart.ipynb")
    open_notebook(page, lab, "restart.ipynb")
    run_all(page, timeout=120)
    studio = page.locator('[data-testid="studio"]').first
    task_id = generate_until_task_id(studio)
    expect(studio.locator('[data-testid="status-external-id"]')).to_have_text(re.compile("^ks-"))
    expect(studio.locator('[data-testid="stop"]')).to_be_visible()
    shot(studio.locator(".ks-right"), artifacts, "restart-running-light")

    # A kernel shut down gracefully mid-render leaves the emulator's task failed ("internal
    # error"), so restart once the video is written; the task itself is still processing.
    wait_for_python(page, RENDERED, "True", timeout=60)
    page.evaluate(RESTART)
    gone = studio.locator('[data-testid="kernel-gone"]')
    expect(gone).to_have_text(
        f"The kernel restarted — run the cell again; task {task_id} can be resumed.",
        timeout=30_000,
    )
    expect(studio.locator('[data-testid="generate"]')).to_be_disabled()
    expect(studio.locator('[data-testid="stop"]')).to_be_hidden()
    expect(studio.locator('[data-testid="status-phase"]')).to_have_text("Kernel gone")
    shot(studio.locator(".ks-right"), artifacts, "restart-notice-light")

    wait_for_kernel_idle(page)
    run_all(page, timeout=120)
    studio = page.locator('[data-testid="studio"]').first
    offer = studio.locator('[data-testid="resume-offer"]')
    expect(offer.locator('[data-testid="resume-title"]')).to_have_text(
        "1 task from earlier sessions can be resumed", timeout=30_000
    )
    expect(offer).to_contain_text(task_id)
    shot(studio.locator(".ks-right"), artifacts, "resume-offer-light")
    try:
        set_theme(page, DARK)
        shot(studio.locator(".ks-right"), artifacts, "resume-offer-dark")
        assert low_contrast(page, WIDGETS) == []
    finally:
        set_theme(page, LIGHT)

    offer.locator('[data-testid="resume"]').click()
    page.wait_for_function(
        VIDEO_OF_RUN, arg={"studio": studio.element_handle(), "run": task_id}, timeout=180_000
    )
    expect(studio.locator(f'[data-testid="run-{task_id}"]')).to_contain_text("resumed")
    expect(offer).to_be_hidden()
    expect(studio.locator('[data-testid="status-phase"]')).to_have_text("Done")
    page.screenshot(path=artifacts / "resumed-light.png", full_page=True)


def test_the_notice_in_both_front_ends_for_a_shut_down_and_a_restarted_kernel(
    page: Page, jupyter: JupyterServer, artifacts: Path, tmp_path: Path
) -> None:
    notebook_with_embedded_studio(jupyter, tmp_path, "notice.ipynb")
    open_notebook(page, jupyter, "notice.ipynb")
    run_all(page, timeout=120)
    studio = page.locator('[data-testid="studio"]').first
    task_id = generate_until_task_id(studio)

    # Shut down mid-run: no event reaches the model, so the silent heartbeat must tell.
    page.evaluate(SHUT_DOWN)
    gone = studio.locator('[data-testid="kernel-gone"]')
    expect(gone).to_contain_text("run the cell again", timeout=40_000)
    expect(gone).to_contain_text(f"task {task_id} can be resumed")
    expect(studio.locator('[data-testid="generate"]')).to_be_disabled()
    shot(studio.locator(".ks-status"), artifacts, f"notice-shutdown-{jupyter.flavour}")

    # A new kernel, a new Studio, then a restart while nothing runs: said at once.
    page.evaluate(START_KERNEL)
    wait_for_kernel_idle(page)
    run_all(page, timeout=120)
    studio = page.locator('[data-testid="studio"]').first
    expect(studio.locator('[data-testid="resume-offer"]')).to_contain_text(task_id)
    page.evaluate(RESTART)
    expect(studio.locator('[data-testid="kernel-gone"]')).to_have_text(
        "The kernel restarted — run the cell again.", timeout=30_000
    )
    expect(studio.locator('[data-testid="resume"]')).to_be_disabled()
    shot(studio.locator(".ks-status"), artifacts, f"notice-restart-{jupyter.flavour}")
