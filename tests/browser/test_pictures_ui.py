"""Pictures, drops, history and the video, in a real JupyterLab (and Notebook 7) in Chromium.

A picture Kling would refuse shows its problem with one-click fixes, each undoable (and an undo
that brings the paint back says so); a file over the upload limit is refused in its slot before
a single message is sent; a picture dropped anywhere on the widget, the painter's canvas too,
becomes the start frame (or a new image); each run in the history reads at a glance and can
bring its settings back or leave the list; and the video plays from the Jupyter server's own
file URL when the output folder is under the server's root, from its bytes when it is not.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from playwright.sync_api import Locator, Page, Route, expect

from kling_studio.samples import landscape

from . import looks
from .jupyter import (
    JupyterServer,
    open_notebook,
    run_all,
    run_python,
    wait_for_python,
    write_notebook,
)

SETUP = """
import os
os.environ["KLING_STUDIO_HOME"] = {home!r}
from kling_studio import AsyncKlingClient, Studio
from kling_studio.embedded import emulator_connection
from kling_studio.emulator import Emulator, EmulatorConfig
from kling_studio.samples import boat_mask, landscape

emulator = Emulator(EmulatorConfig(speed=100, queue_seconds=1, processing_seconds=20))

def studio(output_dir, **params):
    client = AsyncKlingClient(connection=emulator_connection(emulator))
    return Studio(
        image=landscape(480, 320), prompt="a boat crosses the lake", client=client,
        output_dir=output_dir, **params,
    )
"""
ONE_STUDIO = "studio = studio({out!r})\nstudio"

COUNT_SENDS = """() => {
    // Every message the page sends to the kernel, as text (the comm's JSON is in the frame
    // whether the socket speaks text or JupyterLab's binary protocol).
    window.__ksSent = [];
    const send = WebSocket.prototype.send;
    WebSocket.prototype.send = function (data) {
        let text = '';
        if (typeof data === 'string') text = data;
        else if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) {
            text = new TextDecoder('utf-8', { fatal: false }).decode(data);
        }
        window.__ksSent.push(text);
        return send.call(this, data);
    };
}"""
SENT = """word => window.__ksSent.filter(text => text.includes(word)).length"""

DROP = """async ({ target, file, size, events }) => {
    // A file dragged onto `target` and dropped there, as the browser does it.
    let made;
    if (file === null) {  // a real picture, drawn here
        const canvas = new OffscreenCanvas(size[0], size[1]);
        const context = canvas.getContext('2d');
        context.fillStyle = '#3a7bd5';
        context.fillRect(0, 0, size[0], size[1]);
        context.fillStyle = '#f5b041';
        context.fillRect(size[0] / 4, size[1] / 4, size[0] / 2, size[1] / 2);
        const blob = await canvas.convertToBlob({ type: 'image/png' });
        made = new File([blob], 'dropped.png', { type: 'image/png' });
    } else {  // `file` bytes of nothing, named as a picture
        made = new File([new ArrayBuffer(file)], 'big.png', { type: 'image/png' });
    }
    const data = new DataTransfer();
    data.items.add(made);
    for (const type of events) {
        target.dispatchEvent(new DragEvent(type, {
            dataTransfer: data, bubbles: true, cancelable: true, composed: true,
        }));
    }
}"""


def drag(
    page: Page,
    target: Locator,
    events: list[str],
    *,
    size: tuple[int, int] = (0, 0),
    empty_bytes: int | None = None,
) -> None:
    """Dispatch drag events carrying a file on `target`: a real PNG of `size` named
    dropped.png, or `empty_bytes` bytes of nothing named big.png."""
    arg = {
        "target": target.element_handle(),
        "file": empty_bytes,
        "size": list(size),
        "events": events,
    }
    page.evaluate(DROP, arg)


def open_studio(
    page: Page, server: JupyterServer, tmp_path: Path, name: str, out: Path | None = None
) -> Locator:
    """A notebook with one Studio (a 480×320 start frame) saving to `out` (by default a
    folder outside the server's root)."""
    setup = SETUP.format(home=str(tmp_path / "home"))
    folder = str(out or tmp_path / "out")
    write_notebook(server.root, name, [setup, ONE_STUDIO.format(out=folder)])
    open_notebook(page, server, name)
    run_all(page, timeout=180)
    studio = page.locator('[data-testid="studio"]').first
    expect(studio.locator('[data-testid="caption-image"]')).to_contain_text("480×320")
    return studio


MINE = ".ks-slot, .ks-player, .ks-drop-overlay"
"""What this file's features draw (the rest of the widget is checked where it is tested)."""


def shoot(page: Page, parts: dict[str, Locator], artifacts: Path, prefix: str) -> list[str]:
    """Screenshots of each part in light and dark (named prefix-part-theme.png); returns the
    texts of the slots, history and drop highlight below WCAG's 4.5:1 in either theme."""
    found = looks.in_both_themes(page, parts, artifacts, prefix, MINE)
    return [f"{theme}: {text}" for theme, texts in found.items() for text in texts]


def upload(studio: Locator, tmp_path: Path, name: str, size: tuple[int, int]) -> None:
    path = tmp_path / name
    landscape(*size).save(path)
    studio.locator('[data-testid="file-image"]').set_input_files(str(path))
    expect(studio.locator('[data-testid="caption-image"]')).to_contain_text(
        f"{name} · {size[0]}×{size[1]}", timeout=30_000
    )


SIZE = "print(studio.pictures['image']['width'], studio.pictures['image']['height'])"


def test_a_picture_kling_would_refuse_shows_its_problem_fixes_and_undo(
    page: Page, jupyter: JupyterServer, artifacts: Path, tmp_path: Path
) -> None:
    studio = open_studio(page, jupyter, tmp_path, "fixes.ipynb")
    slot = studio.locator('[data-slot="image"]')
    fixes = studio.locator('[data-testid="fixes-image"]')
    expect(fixes).to_have_attribute("aria-live", "polite")

    # Too small: the problem in words under the picture, and Upscale with what it gives up.
    upload(studio, tmp_path, "small.png", (250, 180))
    problem = studio.locator('[data-testid="picture-problem-image-0"]')
    expect(problem).to_have_text(
        "Kling would refuse this picture: must be at least 300 px on each side (it is 250×180)"
    )
    upscale = studio.locator('[data-testid="fix-image-upscale"]')
    expect(upscale).to_have_text("Upscale to 300 px")
    note = upscale.get_attribute("aria-describedby")
    assert note
    expect(page.locator(f"#{note}")).to_have_text("An upscaled picture is softer than a real one.")
    contrast = shoot(page, {"problem": slot}, artifacts, f"pictures-{jupyter.flavour}")

    # Upscaled: the problem is gone, the undo says what it undoes and has the keyboard.
    upscale.focus()
    page.keyboard.press("Enter")
    wait_for_python(page, SIZE, "417 300", timeout=30)
    undo = studio.locator('[data-testid="undo-image"]')
    expect(undo).to_have_text("Undo: Upscale to 300 px")
    expect(undo).to_be_focused()
    expect(problem).to_have_count(0)
    contrast += shoot(page, {"fixed": slot}, artifacts, f"pictures-{jupyter.flavour}")
    undo.click()
    wait_for_python(page, SIZE, "250 180", timeout=30)
    expect(upscale).to_be_visible()
    expect(undo).to_have_count(0)  # one step is kept: nothing more to undo

    # A panorama: Crop and Pad, each with what it gives up.
    upload(studio, tmp_path, "panorama.png", (3000, 1000))
    expect(studio.locator('[data-testid="picture-problem-image-0"]')).to_contain_text(
        "must have an aspect ratio between 1:2.5 and 2.5:1"
    )
    expect(studio.locator('[data-testid="fix-image-crop"]')).to_have_text("Crop to 2.5:1")
    expect(studio.locator('[data-testid="fix-image-pad"]')).to_have_text("Pad to 2.5:1")
    studio.locator('[data-testid="fix-image-crop"]').click()
    wait_for_python(page, SIZE, "2500 1000", timeout=30)
    expect(undo).to_have_text("Undo: Crop to 2.5:1")

    # Paint, then a picture of another shape: the paint is cleared, and the undo says it comes
    # back too — and it does.
    run_python(page, "studio.set_mask('dynamic-1', boat_mask(2500, 1000))")
    upload(studio, tmp_path, "square.png", (500, 500))
    expect(undo).to_have_text("Undo: put the earlier picture and its paint back")
    cleared = undo.get_attribute("aria-describedby")
    assert cleared
    expect(page.locator(f"#{cleared}")).to_have_text(
        "The paint was cleared: this picture has another shape. Undo brings it back."
    )
    wait_for_python(page, "print(sorted(studio.masks))", "[]")
    contrast += shoot(page, {"paint-cleared": slot}, artifacts, f"pictures-{jupyter.flavour}")
    undo.click()
    wait_for_python(page, "print(sorted(studio.masks))", "['dynamic-1']", timeout=30)
    wait_for_python(page, SIZE, "2500 1000")

    # The same shape keeps the paint, scaled: said, and the undo puts the earlier one back.
    upload(studio, tmp_path, "wide.png", (1250, 500))
    expect(undo).to_have_text("Undo: put the earlier picture back")
    kept = undo.get_attribute("aria-describedby")
    assert kept
    expect(page.locator(f"#{kept}")).to_have_text("The paint was kept, scaled to this picture.")
    wait_for_python(page, "print(studio.masks['dynamic-1'].shape)", "(500, 1250)")
    contrast += shoot(page, {"paint-kept": slot}, artifacts, f"pictures-{jupyter.flavour}")
    assert contrast == []


def test_an_oversize_file_is_refused_in_its_slot_before_a_byte_is_sent(
    page: Page, lab: JupyterServer, artifacts: Path, tmp_path: Path
) -> None:
    studio = open_studio(page, lab, tmp_path, "oversize.ipynb")
    run_python(
        page,
        "began = []\n_begin = studio._uploads.begin\n"
        "studio._uploads.begin = lambda *a: (began.append(a), _begin(*a))[1]",
    )
    page.evaluate(COUNT_SENDS)
    canvas = studio.locator('[data-testid="painter-stage"]')
    drag(page, canvas, ["dragenter", "dragover", "drop"], empty_bytes=60 * 2**20)

    error = studio.locator('[data-testid="error-image"]')
    expect(error).to_have_text("image: must be 50 MB or less to upload (it is 60.0 MB)")
    expect(error).to_have_attribute("role", "alert")
    assert page.evaluate(SENT, "upload-") == 0  # neither a begin nor a chunk
    assert run_python(page, "print(len(began))").strip() == "0"
    expect(studio.locator('[data-testid="caption-image"]')).to_contain_text("480×320")
    contrast = shoot(page, {"oversize": studio.locator('[data-slot="image"]')}, artifacts, "drop")
    assert contrast == []


def test_a_picture_dropped_anywhere_on_the_widget_goes_to_the_start_frame(
    page: Page, lab: JupyterServer, artifacts: Path, tmp_path: Path
) -> None:
    studio = open_studio(page, lab, tmp_path, "drop.ipynb")
    canvas = studio.locator('[data-testid="painter-stage"]')
    overlay = studio.locator('[data-testid="drop-overlay"]')
    expect(overlay).to_be_hidden()

    # Dragged over the painter's canvas: the whole widget says where the picture will go.
    drag(page, canvas, ["dragenter", "dragover"], size=(640, 360))
    expect(overlay).to_be_visible()
    expect(overlay).to_have_text("Drop the picture to use it as the start frame")
    page.set_viewport_size({"width": 1400, "height": 1800})
    shoot(page, {"overlay": studio}, artifacts, "drop")
    drag(page, canvas, ["dragover", "drop"], size=(640, 360))
    expect(overlay).to_be_hidden()
    expect(studio.locator('[data-testid="caption-image"]')).to_contain_text(
        "dropped.png · 640×360", timeout=30_000
    )
    wait_for_python(page, "print(studio.pictures['image']['name'])", "dropped.png", timeout=30)

    # Dragged away again: the highlight goes.
    drag(page, canvas, ["dragenter", "dragover"], size=(64, 64))
    expect(overlay).to_be_visible()
    drag(page, canvas, ["dragleave"], size=(64, 64))
    expect(overlay).to_be_hidden()

    # In multi-image mode a drop adds an image.
    studio.locator('[data-testid="kind"]').select_option("multi-image2video")
    settings = studio.locator(".ks-right")
    drag(page, settings, ["dragenter", "dragover"], size=(640, 360))
    expect(overlay).to_have_text("Drop the picture to add it to the images")
    shoot(page, {"overlay-multi": studio}, artifacts, "drop")
    drag(page, settings, ["drop"], size=(640, 360))
    wait_for_python(page, "print(len(studio.multi_order))", "1", timeout=30)
    expect(studio.locator('[data-testid="caption-multi-0"]')).to_contain_text("dropped.png")


PLAYING = """({ video, earlier }) => {
    const run = video.dataset.run;
    if (!run || earlier.includes(run) || video.readyState < 2) return null;
    return { run, src: video.currentSrc };
}"""


def wait_for_video(page: Page, studio: Locator, earlier: list[str], timeout: float = 180) -> dict:
    """The run and source of the video the studio plays, once a new run's video can play."""
    video = studio.locator('[data-testid="video"]').element_handle()
    arg = {"video": video, "earlier": earlier}
    handle = page.wait_for_function(PLAYING, arg=arg, timeout=timeout * 1000, polling=100)
    playing: dict = handle.json_value()
    return playing


PAYLOAD = (
    "import json\n"
    "p = dict(studio.prepared.payload)\n"
    "p.pop('external_task_id', None)\n"
    "print(json.dumps(p, sort_keys=True))"
)


def test_history_reads_at_a_glance_restores_settings_and_forgets_runs(
    page: Page, jupyter: JupyterServer, artifacts: Path, tmp_path: Path
) -> None:
    """And the video plays from the server's file URL: the output folder is under its root."""
    folder = jupyter.root / f"out-{tmp_path.name}"  # under the server's root: it serves it
    studio = open_studio(page, jupyter, tmp_path, "history.ipynb", out=folder)
    page.evaluate(COUNT_SENDS)
    before = run_python(page, PAYLOAD).strip()
    generate = studio.locator('[data-testid="generate"]')
    expect(generate).to_be_enabled(timeout=30_000)
    generate.click()

    playing = wait_for_video(page, studio, [])
    run = playing["run"]
    assert playing["src"].startswith(f"{jupyter.url}/files/{folder.name}/"), playing["src"]
    assert page.evaluate(SENT, "video-bytes") == 0  # no bytes were asked for
    expect(studio.locator('[data-testid="download"]')).to_have_attribute(
        "href", re.compile(rf"/files/{folder.name}/.+\.mp4$")
    )

    tile = studio.locator(f'[data-testid="run-{run}"]')
    expect(tile.locator(f'[data-testid="run-prompt-{run}"]')).to_have_text(
        "a boat crosses the lake"
    )
    expect(tile.locator(f'[data-testid="run-prompt-{run}"]')).to_have_attribute(
        "title", "a boat crosses the lake"
    )
    expect(tile.locator(f'[data-testid="run-settings-{run}"]')).to_have_text(
        re.compile(r"^\d{1,2}:\d\d( [AP]M)? · kling-v1 · std · 5 s$")  # the locale's time
    )
    expect(tile.locator(f'[data-testid="run-cost-{run}"]')).to_have_text(
        re.compile(r"^(1 unit|\S+ units|units not reported) · made in \d+ s$")
    )
    remove = tile.locator(f'[data-testid="remove-run-{run}"]')
    expect(remove).to_have_attribute("aria-label", f"Remove run {run} from the list")
    expect(remove).to_have_attribute("title", re.compile("stay on disk"))
    expect(tile.locator("img")).to_have_attribute("src", re.compile(r"^blob:"))
    player = studio.locator(".ks-player")
    contrast = shoot(page, {"tiles": player}, artifacts, f"history-{jupyter.flavour}")

    # Other settings, then "Use these settings": the request is the run's again.
    studio.locator('[data-testid="prompt"]').fill("a storm rolls in")
    studio.locator('[data-testid="model_name"]').select_option("kling-v1-6")
    wait_for_python(page, "print(studio.params['model_name'])", "kling-v1-6")
    assert run_python(page, PAYLOAD).strip() != before
    tile.locator(f'[data-testid="use-{run}"]').click()
    wait_for_python(page, PAYLOAD, before, timeout=30)
    expect(studio.locator('[data-testid="prompt"]')).to_have_value("a boat crosses the lake")

    # Removed from the list: gone in the page and the kernel, the files still on disk, and
    # the keyboard goes on from the video.
    video_path = run_python(page, f"print(studio._videos[{run!r}])").strip()
    studio.locator('[data-testid="show-video"]').click()  # the settings' picture showed the painter
    remove.focus()
    page.keyboard.press("Enter")
    expect(tile).to_have_count(0)
    wait_for_python(page, "print(len(studio.history))", "0")
    assert Path(video_path).exists()
    expect(studio.locator('[data-testid="video"]')).to_be_focused()
    assert contrast == []


def test_a_video_outside_the_server_root_plays_from_its_bytes(
    page: Page, lab: JupyterServer, artifacts: Path, tmp_path: Path
) -> None:
    studio = open_studio(page, lab, tmp_path, "outside.ipynb")
    page.evaluate(COUNT_SENDS)
    generate = studio.locator('[data-testid="generate"]')
    expect(generate).to_be_enabled(timeout=30_000)
    generate.click()
    playing = wait_for_video(page, studio, [])
    assert playing["src"].startswith("blob:"), playing["src"]
    assert page.evaluate(SENT, "video-bytes") == 1  # asked for once
    saved = Path(
        json.loads(run_python(page, "print(__import__('json').dumps(str(studio.result.video)))"))
    )
    assert not saved.is_relative_to(lab.root)

    # The file deleted, then played again from its tile: why it cannot play, beside the video.
    saved.unlink()
    studio.locator(f'[data-testid="play-{playing["run"]}"]').click()
    error = studio.locator('[data-testid="video-error"]')
    expect(error).to_contain_text("video: must still be on disk where it was saved")
    expect(error).to_have_attribute("role", "alert")
    assert page.evaluate(SENT, "video-bytes") == 2
    player = studio.locator(".ks-player")
    assert shoot(page, {"video-gone": player}, artifacts, "history") == []


def test_a_video_the_server_does_not_serve_plays_from_its_bytes(
    page: Page, lab: JupyterServer, tmp_path: Path
) -> None:
    """Under the root, but the server answers 404 (a kernel on another machine, say): the
    <video> reports the error, and the bytes are asked for instead."""
    folder = lab.root / f"out-{tmp_path.name}"
    studio = open_studio(page, lab, tmp_path, "unserved.ipynb", out=folder)
    refused: list[str] = []

    def not_found(route: Route) -> None:
        refused.append(route.request.url)
        route.fulfill(status=404, body="not here")

    page.route(f"**/files/{folder.name}/**", not_found)
    page.evaluate(COUNT_SENDS)
    generate = studio.locator('[data-testid="generate"]')
    expect(generate).to_be_enabled(timeout=30_000)
    generate.click()
    playing = wait_for_video(page, studio, [])
    assert playing["src"].startswith("blob:"), playing["src"]
    assert refused, "the server's URL was tried first"
    assert page.evaluate(SENT, "video-bytes") == 1
    expect(studio.locator('[data-testid="video-error"]')).to_have_text("")
