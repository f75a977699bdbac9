"""The Studio in a real JupyterLab (and Notebook 7) in Chromium: a person's whole path, from
picking a picture to a playing video, checked from the kernel's side too."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from kling_studio.samples import landscape

from .jupyter import JupyterServer, open_notebook, run_all, run_python, wait_for_python

NOTEBOOKS = Path(__file__).parent.parent.parent / "notebooks"
W, H = 960, 540


def image_point(stage: Locator, x: float, y: float) -> tuple[float, float]:
    """Page coordinates of image pixel (x, y) on the painter's stage."""
    box = stage.bounding_box()
    assert box is not None
    return box["x"] + x * box["width"] / W, box["y"] + y * box["height"] / H


def drag(page: Page, stage: Locator, points: list[tuple[float, float]]) -> None:
    stage.scroll_into_view_if_needed()
    page.mouse.move(*image_point(stage, *points[0]))
    page.mouse.down()
    for x, y in points[1:]:
        page.mouse.move(*image_point(stage, x, y), steps=8)
    page.mouse.up()


def open_quickstart(page: Page, server: JupyterServer) -> Locator:
    shutil.copy(NOTEBOOKS / "quickstart.ipynb", server.root / "quickstart.ipynb")
    open_notebook(page, server, "quickstart.ipynb")
    run_all(page, timeout=240)
    studio = page.locator('[data-testid="studio"]').first
    expect(studio).to_be_visible()
    return studio


def load_picture(page: Page, studio: Locator, tmp_path: Path) -> None:
    path = tmp_path / "harbour.png"
    landscape(W, H).save(path)
    studio.locator('[data-testid="file-image"]').set_input_files(str(path))
    expect(studio.locator('[data-testid="caption-image"]')).to_contain_text(
        f"harbour.png · {W}×{H}"
    )
    wait_for_python(page, "print(studio.pictures['image']['width'])", str(W), timeout=30)


NEW_RUN_PLAYING = """({ studio, earlier }) => {
    // The player marks the run it shows as current in the same step that sets the <video>'s
    // source, so a current entry that is not an earlier run means the video is the new run's.
    const current = studio.querySelector('[data-testid="history"] li.ks-current');
    const run = current?.dataset.testid?.replace(/^run-/, '');
    const video = studio.querySelector('[data-testid="video"]');
    if (!run || earlier.includes(run) || !video) return null;
    return video.readyState >= 2 && Math.abs(video.duration - 5) < 0.2 ? run : null;
}"""


def wait_for_new_run(page: Page, studio: Locator, earlier: list[str], timeout: float) -> str:
    """The task id of the run Generate started, once that run's own video can play.

    Any <video> will not do: the quickstart's earlier run left one in the same player.
    """
    arg = {"studio": studio.element_handle(), "earlier": earlier}
    handle = page.wait_for_function(NEW_RUN_PLAYING, arg=arg, timeout=timeout * 1000, polling=100)
    run: str = handle.json_value()
    return run


def test_paint_generate_and_watch(
    page: Page, jupyter: JupyterServer, artifacts: Path, tmp_path: Path
) -> None:
    studio = open_quickstart(page, jupyter)
    load_picture(page, studio, tmp_path)
    stage = studio.locator('[data-testid="painter-stage"]')

    studio.locator('[data-testid="area-static"]').click()
    studio.locator('[data-testid="tool-brush"]').click()
    drag(page, stage, [(60, 60), (300, 60), (300, 120), (60, 120)])
    studio.locator('[data-testid="area-dynamic-1"]').click()
    drag(page, stage, [(420, 300), (470, 300), (470, 340), (420, 340)])
    studio.locator('[data-testid="tool-path-freehand"]').click()
    drag(page, stage, [(440, 320), (560, 400), (700, 470)])  # down and to the right

    wait_for_python(page, "print(sorted(studio.masks))", "['dynamic-1', 'static']", timeout=30)
    generate = studio.locator('[data-testid="generate"]')
    expect(generate).to_be_enabled(timeout=30_000)
    earlier = json.loads(
        run_python(page, "import json; print(json.dumps([r['id'] for r in studio.history]))")
    )
    assert earlier, "the quickstart's own run should already be in the history"
    generate.click()

    run = wait_for_new_run(page, studio, earlier, timeout=180)
    expect(studio.locator('[data-testid="status-phase"]')).to_have_text("Done")
    page.screenshot(path=artifacts / f"studio-{jupyter.flavour}.png", full_page=True)

    sent = json.loads(
        run_python(
            page,
            "import json, io\n"
            "from PIL import Image\n"
            "import base64\n"
            "p = studio.prepared.payload\n"
            "size = lambda b: Image.open(io.BytesIO(base64.b64decode(b))).size\n"
            "print(json.dumps({'image': size(p['image']), 'static': size(p['static_mask']),\n"
            "  'dynamic': size(p['dynamic_masks'][0]['mask']),\n"
            "  'wire': p['dynamic_masks'][0]['trajectories'],\n"
            "  'drawn': studio.trajectories['dynamic-1'],\n"
            "  'run': studio.result.task.task_id, 'video': str(studio.result.video)}))",
        )
    )
    assert sent["image"] == sent["static"] == sent["dynamic"] == [W, H]
    first_drawn = sent["drawn"][0]
    assert abs(first_drawn[0] - 440) < 6
    assert abs(first_drawn[1] - 320) < 6
    first, last = sent["wire"][0], sent["wire"][-1]
    assert first["y"] == H - 1 - round(first_drawn[1])  # flipped to the bottom-left origin …
    assert last["x"] > first["x"]
    assert last["y"] < first["y"]  # … so a path going down the picture has a falling wire y
    assert sent["run"] == run  # the kernel's latest result is the run whose video played …
    expect(studio.locator('[data-testid="video-path"]')).to_have_text(sent["video"])  # … its file
    assert Path(sent["video"]).exists()


def test_controls_a_model_cannot_use_are_disabled_with_the_reason(
    page: Page, lab: JupyterServer
) -> None:
    studio = open_quickstart(page, lab)
    studio.locator('[data-testid="model_name"]').select_option("kling-v2-1")
    expect(studio.locator('[data-testid="tool-brush"]')).to_be_disabled()
    expect(studio.locator('[data-testid="painter-reason"]')).to_contain_text("kling-v2-1")
    expect(studio.locator('[data-testid="cfg_scale"]')).to_be_disabled()
    expect(studio.locator('[data-testid="reason-cfg_scale"]')).to_contain_text(
        "kling-v2-1 does not take cfg_scale"
    )
    expect(studio.locator('[data-testid="camera-type"]')).to_be_disabled()
    studio.locator('[data-testid="model_name"]').select_option("kling-v1")
    expect(studio.locator('[data-testid="tool-brush"]')).to_be_enabled()


def test_keys_pressed_in_the_widget_reach_it_and_not_jupyterlab(
    page: Page, lab: JupyterServer
) -> None:
    studio = open_quickstart(page, lab)
    cells = page.locator(".jp-Notebook .jp-Cell").count()
    size = studio.locator('[data-testid="brush-size"]')
    before = float(size.input_value())
    studio.focus()
    page.keyboard.press("Escape")  # would put JupyterLab in command mode …
    page.keyboard.type("ab")  # … where a and b insert cells
    page.keyboard.press("[")  # the brush gets smaller (the toolbar shows it in the next frame)
    assert page.locator(".jp-Notebook .jp-Cell").count() == cells
    page.wait_for_function(
        "([input, before]) => Number(input.value) < before",
        arg=[size.element_handle(), before],
        timeout=10_000,
    )
