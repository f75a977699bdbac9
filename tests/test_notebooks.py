"""Every notebook the project ships runs top to bottom against the emulator, as a reader runs it.

Only the notebooks git tracks: one a user saves in notebooks/ while trying things is not the
project's and must not run in (or break) the suite.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).parent.parent
SHIPPED = ("compare.ipynb", "motion-brush.ipynb", "publishing.ipynb", "quickstart.ipynb")
"""The fallback when git cannot say (an unpacked sdist, no git installed)."""


def project_notebooks() -> list[Path]:
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--", "notebooks/*.ipynb"],
            cwd=ROOT,
            capture_output=True,
            check=True,
            text=True,
            timeout=30,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        listed = ""
    names = [name for name in listed.split("\0") if Path(name).parent == Path("notebooks")]
    paths = [ROOT / name for name in names] or [ROOT / "notebooks" / name for name in SHIPPED]
    return sorted(path for path in paths if path.exists())


NOTEBOOKS = project_notebooks()


@pytest.mark.notebook
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_against_the_emulator(path: Path, tmp_path: Path, monkeypatch):
    # conftest's autouse fixture has already removed every credential: the kernel inherits that
    monkeypatch.setenv("KLING_STUDIO_EMULATOR_SPEED", "60")
    shutil.copy(path, tmp_path / path.name)
    notebook = nbformat.read(tmp_path / path.name, as_version=4)
    NotebookClient(
        notebook,
        timeout=240,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    ).execute()
    outputs = [
        o for cell in notebook.cells if cell.cell_type == "code" for o in cell.get("outputs", [])
    ]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert list(tmp_path.glob("kling-*/**/*.mp4")), "the notebook should leave a video behind"


def test_there_is_a_quickstart():
    assert any(p.name == "quickstart.ipynb" for p in NOTEBOOKS)
