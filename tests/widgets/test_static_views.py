"""What a reader without a kernel sees: an executed notebook with a Studio and a Compare,
exported by nbconvert to HTML as GitHub, nbviewer, Jupyter Book or Quarto would show it.

The notebook runs in a real kernel (nbclient) against the emulator served on loopback, reached
as a real provider is — a key and a base URL in the environment — so the test can prove that
neither reaches the page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbconvert import HTMLExporter

from kling_studio.emulator import Emulator, EmulatorConfig
from kling_studio.widgets.fallback import STILL_CLASS
from kling_studio.widgets.stills import EMBED_LIMIT_BYTES

KEY = "sk-live-4f9a2c7e1b8d6a3f5e0c9b2a7d4e1f8c"
"""Shaped like a real key: the page must not hold it, or any piece of the service's address."""

CELLS = (
    "from kling_studio import Studio\nfrom kling_studio.samples import landscape",
    'studio = Studio(image=landscape(), prompt="a boat crosses the lake", {studio_options})\n'
    "studio",
    "done = studio.generate_sync()",
    'compare = studio.compare({{"cfg_scale": [0.3, 0.8]}}, {compare_options})\ncompare',
    "results = compare.run_sync()",
)


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The emulator on loopback, taking ``KEY``; the kernel finds it through the environment."""
    config = EmulatorConfig(api_keys=(KEY,), speed=100, queue_seconds=1, processing_seconds=4)
    with Emulator(config) as emulator:
        url = emulator.start_in_thread()
        monkeypatch.setenv("KLING_API_KEY", KEY)
        monkeypatch.setenv("KLING_BASE_URL", url)
        yield url


def executed(folder: Path, studio_options: str = "", compare_options: str = "") -> Path:
    options = {"studio_options": studio_options, "compare_options": compare_options}
    source = [c.format(**options) for c in CELLS]
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in source])
    NotebookClient(
        notebook, timeout=240, kernel_name="python3", resources={"metadata": {"path": str(folder)}}
    ).execute()
    path = folder / "tutorial.ipynb"
    nbformat.write(notebook, path)
    return path


def outputs(path: Path) -> list[dict]:
    notebook = nbformat.read(path, as_version=4)
    return [cell.get("outputs", []) for cell in notebook.cells]


def html_of(path: Path) -> str:
    body, _resources = HTMLExporter(template_name="lab").from_filename(str(path))
    return body


def video_sources(page: str) -> list[str]:
    return re.findall(r'<video[^>]*\bsrc="([^"]+)"', page)


@pytest.mark.notebook
def test_an_executed_notebook_reads_well_as_static_html(served: str, tmp_path: Path):
    """The Studio's video is linked beside the notebook; Compare's (``embed=True``) inline."""
    path = executed(tmp_path, compare_options="embed=True")
    cells = outputs(path)
    assert not [o for c in cells for o in c if o.get("output_type") == "error"]
    widget, still = (output["data"] for output in cells[1])
    assert "application/vnd.jupyter.widget-view+json" in widget  # a live widget in Jupyter
    task_id = re.search(r"Task</th><td[^>]*>(\d+)<", still["text/html"])
    assert task_id, "the Studio's output should have been updated with the result's task"

    page = html_of(path)
    assert page.count(f'class="{STILL_CLASS}"') == 2
    sources = video_sources(page)
    linked = [s for s in sources if not s.startswith("data:")]
    assert linked == [f"kling-output/{task_id.group(1)}.mp4"]
    assert (tmp_path / linked[0]).is_file(), "the video should sit beside the notebook"
    inline = re.findall(r'<video[^>]*\bsrc="data:video/mp4;base64,([^"]+)"', page)
    assert len(inline) == 2  # the two cells, embedded
    assert sum(len(v) * 3 // 4 for v in inline) <= EMBED_LIMIT_BYTES
    assert page.count('poster="data:image/jpeg;base64,') == 3
    for words in ("Model", "kling-v1", "a boat crosses the lake", "cfg_scale 0.3", "cfg_scale 0.8"):
        assert words in page
    assert "Error displaying widget" not in page

    host = served.split("//", 1)[1]
    for text in (page, path.read_text()):
        assert KEY not in text and KEY[-12:] not in text
        assert served not in text and host not in text
        assert "127.0.0.1" not in text
