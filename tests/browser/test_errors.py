"""Each error reaches the control that caused it, in a real JupyterLab in Chromium: a bad URL
beside its URL box, a file that is not a picture in its drop zone, a refused or over-budget
Generate under the button, a failed retry under the cell's Retry. Each is an alert in words,
cleared when the person acts on the control again, and readable (WCAG 4.5:1) in light and dark.
"""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from . import looks as themes
from .jupyter import JupyterServer, open_notebook, run_all, run_python, write_notebook

SETUP = """
import os
os.environ["KLING_STUDIO_HOME"] = {home!r}
from kling_studio import AsyncKlingClient, Compare, Studio
from kling_studio.embedded import emulator_connection
from kling_studio.emulator import Emulator, EmulatorConfig
from kling_studio.samples import landscape

emulator = Emulator(EmulatorConfig(speed=100, queue_seconds=1, processing_seconds=20))

def studio(**options):
    client = AsyncKlingClient(connection=emulator_connection(emulator), **options)
    return Studio(
        image=landscape(480, 320), prompt="a boat crosses the lake", client=client,
        output_dir={out!r},
    )

probe = studio()
units = probe.units
probe.close()
"""
STUDIOS = [
    "refused = studio()\nrefused",
    "over = studio(budget_units=1.5 * units)\nover",  # one run fits, until others spend
]
SWEEP = """
sweeping = Emulator(EmulatorConfig(speed=100, queue_seconds=1, processing_seconds=20))
sweeping.faults.add("1301", endpoint="create", times=2)  # the sweep's create and the retry's
sweep = Compare(landscape(480, 320), prompt="waves", vary={{"cfg_scale": [0.5]}},
    connection=emulator_connection(sweeping), output_dir={sweeps!r})
sweep
"""
WIDGETS = ".ks-root, .kc-root"


def looks(page: Page, parts: dict[str, Locator], artifacts: Path) -> dict[str, list[str]]:
    """Screenshots of each part in light and dark; the texts below 4.5:1 in each theme."""
    return themes.in_both_themes(page, parts, artifacts, "errors", WIDGETS)


def expect_alert_for(error: Locator, control: Locator, words: str | re.Pattern[str]) -> None:
    """The error says ``words`` as an alert that the control it is about points to."""
    expect(error).to_contain_text(words, timeout=60_000)
    expect(error).to_have_attribute("role", "alert")
    error_id = error.get_attribute("id")
    assert error_id
    expect(control).to_have_attribute("aria-describedby", re.compile(rf"\b{error_id}\b"))


def test_studio_errors_show_beside_the_control_that_caused_them(
    page: Page, lab: JupyterServer, artifacts: Path, tmp_path: Path
) -> None:
    cells = [SETUP.format(home=str(tmp_path / "home"), out=str(tmp_path / "videos")), *STUDIOS]
    write_notebook(lab.root, "errors.ipynb", cells)
    open_notebook(page, lab, "errors.ipynb")
    run_all(page, timeout=180)
    studios = page.locator('[data-testid="studio"]')
    expect(studios).to_have_count(2)
    refused, over = studios.nth(0), studios.nth(1)

    # A URL the kernel cannot fetch: the error is the tail slot's, beside its URL box.
    url = refused.locator('[data-testid="url-tail"]')
    url.fill(f"{lab.url}/files/no-such-picture.jpg")
    refused.locator('[data-testid="fetch-tail"]').click()
    url_error = refused.locator('[data-testid="error-tail"]')
    fetched = re.compile(r"^image_tail: the URL could not be fetched \(got HTTP 4\d\d\)$")
    expect_alert_for(url_error, url, fetched)
    expect(url).to_have_attribute("aria-invalid", "true")
    expect(refused.locator('[data-testid="status-phase"]')).to_have_text("Ready")  # not a run's

    # A file that is not a picture: refused in the start frame's drop zone. (A picture that
    # breaks a size rule is taken, with its problem and fixes: tests/widgets/test_pictures.py.)
    notes = tmp_path / "notes.png"
    notes.write_bytes(b"these are words, not pixels" * 50)
    refused.locator('[data-testid="file-image"]').set_input_files(str(notes))
    drop_error = refused.locator('[data-testid="error-image"]')
    expect_alert_for(
        drop_error,
        refused.locator('[data-testid="url-image"]'),
        "image: must be a picture file (JPEG, PNG, WebP, GIF, BMP, TIFF…) (got 1 kB of text)",
    )

    # The service refuses the task: said under Generate, not repeated in the status.
    run_python(page, 'emulator.faults.add("1301", endpoint="create", times=1)')
    generate = refused.locator('[data-testid="generate"]')
    generate.click()
    refusal = refused.locator('[data-testid="generate-error"]')
    expect_alert_for(refusal, generate, re.compile(r"code 1301"))
    expect(refused.locator('[data-testid="status-phase"]')).to_have_text("Error")
    expect(refused.locator('[data-testid="status-message"]')).to_have_text("")

    # Another Studio spends the budget meanwhile: Generate here is refused over budget, says
    # why under the button, and the next click confirms, as the words say.
    run_python(page, "spender = studio()\nspender.generate_sync()\nspender.close()", timeout=120)
    over_generate = over.locator('[data-testid="generate"]')
    expect(over_generate).to_have_text("Generate")  # this view does not know of that spend
    over_generate.click()
    over_refusal = over.locator('[data-testid="generate-error"]')
    expect_alert_for(over_refusal, over_generate, re.compile("over the budget|budget of"))
    expect(over_refusal).to_contain_text("Click Generate again to confirm")
    expect(over_generate).to_have_text(re.compile(r"Over budget — click again to spend"))
    assert run_python(page, "print(len(emulator.tasks))").strip() == "1"  # the spender's only

    parts = {
        "url": refused.locator('[data-slot="tail"]'),
        "drop-zone": refused.locator('[data-slot="image"]'),
        "generate-refused": refused.locator(".ks-right"),
        "generate-over-budget": over.locator(".ks-right"),
    }
    contrast = looks(page, parts, artifacts)

    # Acting on a control again clears its error.
    url.fill("https://example.invalid/other.jpg")
    expect(url_error).to_have_text("")
    expect(url).not_to_have_attribute("aria-invalid", "true")
    over_generate.click()  # confirms: sent this time
    expect(over_refusal).to_have_text("")
    expect(over.locator('[data-testid="status-task-id"]')).to_have_text(
        re.compile(r"\S+"), timeout=60_000
    )
    assert contrast == {"light": [], "dark": []}


def test_a_failed_retry_shows_on_its_cell(
    page: Page, lab: JupyterServer, artifacts: Path, tmp_path: Path
) -> None:
    setup = SETUP.format(home=str(tmp_path / "home"), out=str(tmp_path / "videos"))
    write_notebook(lab.root, "retry.ipynb", [setup, SWEEP.format(sweeps=str(tmp_path / "sweeps"))])
    open_notebook(page, lab, "retry.ipynb")
    run_all(page, timeout=180)
    sweep = page.locator('[data-testid="compare"]').first
    sweep.locator('[data-testid="start"]').click()
    retry = sweep.locator('button[data-testid^="retry-"]')
    expect(retry).to_be_visible(timeout=60_000)  # the cell failed (1301): Retry is offered
    retry.click()
    error = sweep.locator('[data-testid^="retry-error-"]')
    expect_alert_for(error, retry, re.compile(r"^Retry of .+ failed: .*1301"))
    expect(retry).to_be_enabled()
    contrast = looks(page, {"retry": sweep.locator('[data-testid^="cell-"]').first}, artifacts)
    assert contrast == {"light": [], "dark": []}
    assert run_python(page, "print(len(sweeping.tasks))").strip() == "0"  # both refused
