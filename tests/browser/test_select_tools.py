"""The painter's selection tools in a real JupyterLab in Chromium, on the quickstart's picture:
Subject (the boat, with no click), a Colour click, a Regions stroke, a Lasso round the boat, Grow
(undone with Ctrl+Z), Load mask… (a PNG written by the kernel, chosen in the file input), a soft
brush stroke and Export masks — each read back from the kernel. Each tool in use is photographed
in the light and the dark theme, and the new texts are readable in both."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from . import cells, looks
from .jupyter import JupyterServer, open_studio, run_python, wait_for_python

SETUP = cells.BOAT_STUDIO
W, H = 1280, 720
HULL, SAIL = (384, 558), (400, 500)
AROUND_BOAT = [(380, 420), (418, 478), (452, 536), (466, 538), (440, 580), (328, 580), (302, 538)]
NEW_TEXTS = (
    '[data-testid="tool-options"] *, [data-testid="masks-said"], [data-testid="select-status"], '
    '[data-testid="select-subject"], [data-testid="refine-grow"], [data-testid="load-mask"]'
)


def position(stage: Locator, x: float, y: float) -> dict[str, float]:
    """Image pixel (x, y) in the stage's own coordinates (its CSS size is the picture's × scale)."""
    box = stage.bounding_box()
    assert box is not None
    return {"x": x * box["width"] / W, "y": y * box["height"] / H}


def on_page(stage: Locator, x: float, y: float) -> tuple[float, float]:
    box = stage.bounding_box()
    assert box is not None
    at = position(stage, x, y)
    return box["x"] + at["x"], box["y"] + at["y"]


def test_each_selection_tool_from_the_painter_to_the_kernel(
    page: Page, lab: JupyterServer, artifacts: Path, tmp_path: Path
) -> None:
    setup = SETUP.format(home=str(tmp_path / "home"), out=str(tmp_path / "videos"))
    studio = open_studio(page, lab, "tools.ipynb", [setup], W)
    painter = studio.locator('[data-testid="painter"]')
    stage = studio.locator('[data-testid="painter-stage"]')
    said = studio.locator('[data-testid="masks-said"]')
    unreadable: dict[str, dict[str, list[str]]] = {}

    def photograph(name: str) -> None:
        unreadable[name] = looks.in_both_themes(
            page, {"painter": painter}, artifacts, f"tools-{name}", NEW_TEXTS
        )

    def choose(area: str) -> None:
        studio.locator(f'[data-testid="area-{area}"]').click()

    # Subject: the boat, found with no click, into dynamic 1 (one undoable edit).
    choose("dynamic-1")
    studio.locator('[data-testid="select-subject"]').click()
    wait_for_python(page, "print(painted('dynamic-1') > 0)", "True", timeout=60)
    subject = run_python(page, "print(round(iou(studio.masks['dynamic-1'], boat), 3))")
    assert float(subject) >= 0.9, f"Subject covers the boat at IoU {subject}"
    photograph("subject")

    # Colour: C, then a click on the hull takes the hull's colour, not the sail.
    choose("dynamic-2")
    stage.scroll_into_view_if_needed()
    page.keyboard.press("c")
    expect(studio.locator('[data-testid="tool-colour"]')).to_have_attribute("aria-pressed", "true")
    tolerance = studio.locator('[data-testid="colour-tolerance"]')
    expect(tolerance).to_be_visible()
    expect(studio.locator('[data-testid="brush-hardness"]')).to_be_hidden()
    stage.click(position=position(stage, *HULL))
    wait_for_python(
        page,
        f"m = studio.masks.get('dynamic-2'); "
        f"print(m is not None and bool(m[{HULL[1]}, {HULL[0]}]) and not m[{SAIL[1]}, {SAIL[0]}])",
        "True",
        timeout=60,
    )
    photograph("colour")

    # Regions: R, a stroke along the hull paints its regions whole (photographed mid-stroke).
    choose("dynamic-3")
    page.keyboard.press("r")
    expect(studio.locator('[data-testid="brush-hardness"]')).to_be_visible()
    page.mouse.move(*on_page(stage, 340, 555))
    page.mouse.down()
    page.mouse.move(*on_page(stage, 420, 560), steps=8)
    expect(studio.locator('[data-testid="select-overlay"]')).to_be_visible()
    photograph("regions-stroke")
    page.mouse.up()
    stroked = "m = studio.masks.get('dynamic-3'); print(m is not None and bool(m[556, 380]))"
    wait_for_python(page, stroked, "True", timeout=60)

    # Lasso: L, anchors round the boat (photographed while placing), closed on the first.
    choose("dynamic-4")
    page.keyboard.press("l")
    for x, y in AROUND_BOAT:
        stage.click(position=position(stage, x, y))
    page.keyboard.press("Backspace")  # the last anchor taken back, and placed again
    stage.click(position=position(stage, *AROUND_BOAT[-1]))
    photograph("lasso-placing")
    stage.click(position=position(stage, *AROUND_BOAT[0]))  # closes the loop
    covered = (
        "m = studio.masks.get('dynamic-4'); "
        "print(m is not None and (m & boat).sum() > 0.9 * boat.sum())"
    )
    wait_for_python(page, covered, "True", timeout=60)
    photograph("lasso")

    # Grow by 6 px changes the painted count; Ctrl+Z gives the lasso's mask back.
    before = int(run_python(page, "print(painted('dynamic-4'))"))
    amount = studio.locator('[data-testid="refine-amount"]')
    amount.fill("6")
    studio.locator('[data-testid="refine-grow"]').click()
    wait_for_python(page, f"print(painted('dynamic-4') > {before})", "True", timeout=60)
    expect(painter).to_have_attribute("data-selecting", "false")  # the view has it too
    page.keyboard.press("Control+z")
    wait_for_python(page, "print(painted('dynamic-4'))", str(before), timeout=30)

    # Load mask…: a PNG named after an area goes to that area, scaled to the picture, with a note.
    mask_file = tmp_path / "dynamic-5.png"
    run_python(page, f"Image.fromarray(boat_mask(640, 360)).save({str(mask_file)!r})")
    files = studio.locator('[data-testid="load-mask-file"]')
    files.set_input_files(str(mask_file))
    wait_for_python(
        page,
        f"m = studio.masks.get('dynamic-5'); "
        f"print(m is not None and bool((m == load_mask({str(mask_file)!r}, (1280, 720))).all()))",
        "True",
        timeout=60,
    )
    status = studio.locator('[data-testid="select-status"]')
    expect(status).to_contain_text("scaled to the picture's 1280×720")
    # Two files named after no area cannot be placed: said in words, nothing loaded.
    one, two = tmp_path / "a.png", tmp_path / "b.png"
    run_python(page, f"for p in ({str(one)!r}, {str(two)!r}): Image.new('L', (64, 36)).save(p)")
    files.set_input_files([str(one), str(two)])
    expect(said).to_contain_text("Name each mask file after its area")
    photograph("load-refused")

    # A soft brush (hardness 20 %) on the static area: its edge fades, the kernel gets paint.
    choose("static")
    studio.locator('[data-testid="tool-brush"]').click()
    studio.locator('[data-testid="brush-hardness"]').fill("20")
    studio.locator('[data-testid="brush-size"]').fill("40")
    page.mouse.move(*on_page(stage, 700, 620))
    page.mouse.down()
    page.mouse.move(*on_page(stage, 1000, 650), steps=10)
    page.mouse.up()
    wait_for_python(page, "print(painted('static') > 0)", "True", timeout=30)
    photograph("soft-brush")

    # Export masks: the files are written, and where is said.
    studio.locator('[data-testid="export-masks"]').click()
    expect(said).to_contain_text("Saved 6 masks in kling-masks/", timeout=30_000)
    folder = said.inner_text().split(" in ", 1)[1].strip()
    listed = run_python(page, f"print(sorted(os.listdir({folder!r})))")
    assert listed.strip() == str([*(f"dynamic-{n}.png" for n in range(1, 6)), "static.png"])
    photograph("exported")

    assert all(found == {"light": [], "dark": []} for found in unreadable.values()), unreadable
