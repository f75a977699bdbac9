"""A notebook executed without a browser (nbclient, as Jupyter Book, Quarto or nbconvert run
it), then opened in JupyterLab: before it runs, its saved static views show the results —
the poster, the video playing from beside the notebook, the parameters; run again, the same
notebook shows live widgets and their static twins step aside."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from playwright.sync_api import Page, expect

from .jupyter import JupyterServer, open_notebook, run_all
from .looks import in_both_themes

CELLS = [
    "from kling_studio import Studio\nfrom kling_studio.samples import landscape",
    'studio = Studio(image=landscape(480, 320), prompt="a boat crosses the lake")\nstudio',
    "done = studio.generate_sync()",
    'compare = studio.compare({"cfg_scale": [0.3, 0.8]})\ncompare',
    "results = compare.run_sync()",
]
STILLS = ".kling-studio-still"


def executed_into(root: Path, name: str) -> None:
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(source) for source in CELLS],
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        },
    )
    NotebookClient(
        notebook, timeout=240, kernel_name="python3", resources={"metadata": {"path": str(root)}}
    ).execute()
    nbformat.write(notebook, root / name)


def test_an_executed_notebook_reads_before_it_runs_and_lives_after(
    page: Page, lab: JupyterServer, artifacts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KLING_STUDIO_EMULATOR_SPEED", "60")
    executed_into(lab.root, "published.ipynb")
    open_notebook(page, lab, "published.ipynb")

    stills = page.locator(STILLS)
    expect(stills).to_have_count(2)
    expect(stills.first).to_be_visible()
    studio_video = stills.first.locator("video")
    page.wait_for_function(
        "video => video.readyState >= 1 && video.duration > 1",
        arg=studio_video.element_handle(),
        timeout=30_000,
    )
    expect(stills.nth(1).locator("video")).to_have_count(2)
    expect(stills.first.locator("th", has_text="Task")).to_be_visible()
    in_both_themes(
        page, {"studio": stills.first, "compare": stills.nth(1)}, artifacts, "static", STILLS
    )

    run_all(page, timeout=240)
    expect(page.locator('[data-testid="studio"]')).to_have_count(1)
    expect(page.locator('[data-testid="compare"]')).to_have_count(1)
    expect(page.locator('[data-testid="studio"]').first).to_be_visible()
    expect(page.locator('[data-testid="compare"]').first).to_be_visible()
    expect(stills).to_have_count(2)  # the new run's static views are there, for saving…
    expect(stills.first).to_be_hidden()  # …but the live widgets are what a person sees
    expect(stills.nth(1)).to_be_hidden()
