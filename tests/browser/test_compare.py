"""The Compare grid in a real JupyterLab: a 2×3 sweep under a concurrency limit of 2, six videos
playing in step."""

from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import Page, expect

from .jupyter import JupyterServer, open_notebook, run_all, run_python, write_notebook

SWEEP = """
from kling_studio import Compare
from kling_studio.embedded import emulator_connection
from kling_studio.emulator import Emulator, EmulatorConfig
from kling_studio.samples import landscape

emulator = Emulator(
    EmulatorConfig(speed=100, queue_seconds=1, processing_seconds=20, concurrency=2)
)
compare = Compare(
    landscape(480, 320),
    prompt="waves roll in",
    fixed={"model_name": "kling-v1"},
    vary={"cfg_scale": [0.3, 0.5, 0.8], "mode": ["std", "pro"]},
    connection=emulator_connection(emulator),
    output_dir="sweep",
)
compare
"""

DRIFT = """async () => {
  const videos = [...document.querySelectorAll('[data-testid^="video-"]')];
  let worst = 0;
  for (let sample = 0; sample < 30; sample++) {
    const times = videos.filter((v) => v.duration - v.currentTime > 0.05).map((v) => v.currentTime);
    if (times.length > 1) worst = Math.max(worst, Math.max(...times) - Math.min(...times));
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { worst, playing: videos.filter((v) => !v.paused).length };
}"""


def test_a_sweep_fills_the_grid_and_plays_in_step(
    page: Page, lab: JupyterServer, artifacts: Path
) -> None:
    write_notebook(lab.root, "sweep.ipynb", [SWEEP])
    open_notebook(page, lab, "sweep.ipynb")
    run_all(page)
    widget = page.locator('[data-testid="compare"]').first
    expect(widget.locator('[data-testid^="cell-"]')).to_have_count(6)
    widget.locator('[data-testid="start"]').click()

    page.wait_for_function(
        """() => {
          const videos = [...document.querySelectorAll('[data-testid^="video-"]')];
          return videos.length === 6 && videos.every((v) => v.readyState >= 2);
        }""",
        timeout=180_000,
    )
    outcome = json.loads(
        run_python(
            page,
            "import json\n"
            "print(json.dumps({'statuses': sorted({r['status'] for r in compare.results}),\n"
            "  'tasks': len(emulator.tasks), 'limit': compare._sweep.limit}))",
        )
    )
    assert outcome == {"statuses": ["succeed"], "tasks": 6, "limit": 2}

    widget.locator('[data-testid="play"]').click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid^=\"video-\"]')].every((v) => !v.paused)"
    )
    drift = page.evaluate(DRIFT)
    page.screenshot(path=artifacts / "compare-lab.png", full_page=True)
    assert drift["playing"] == 6
    assert drift["worst"] <= 0.1
