"""The harness itself: a widget rendered in each front end, clicked, and seen from the kernel."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from .jupyter import (
    JupyterServer,
    open_notebook,
    run_all,
    run_python,
    wait_for_python,
    write_notebook,
)

COUNTER = '''
import anywidget
import traitlets


class Counter(anywidget.AnyWidget):
    _esm = """
    export default {
      render({ model, el }) {
        const button = document.createElement('button');
        button.id = 'counter-btn';
        button.textContent = model.get('value');
        button.onclick = () => {
          model.set('value', model.get('value') + 1);
          model.save_changes();
          button.textContent = model.get('value');
        };
        el.appendChild(button);
      }
    }
    """
    value = traitlets.Int(0).tag(sync=True)


c = Counter()
c
'''
ENVIRONMENT = """
import os
import kling_studio
print(os.environ["KLING_STUDIO_EMULATOR_SPEED"], "KLING_API_KEY" in os.environ)
"""
"""The kernel imports the package, runs the emulator fast and holds no credential."""
CELLS = ["import ipywidgets as w\ns = w.IntSlider(value=3)\ns", COUNTER]


def test_a_click_in_the_page_reaches_the_kernel(
    page: Page, jupyter: JupyterServer, artifacts: Path
) -> None:
    name = f"smoke-{jupyter.flavour}.ipynb"
    write_notebook(jupyter.root, name, CELLS)
    open_notebook(page, jupyter, name)
    run_all(page)
    readout = page.locator(".widget-slider .widget-readout")
    expect(readout).to_have_text("3")
    button = page.locator("#counter-btn")
    button.click()
    button.click()
    expect(button).to_have_text("2")
    wait_for_python(page, "print(c.value)", "2")
    run_python(page, "s.value = 7")
    expect(readout).to_have_text("7")
    assert run_python(page, "print(s.value, c.value)") == "7 2\n"
    assert run_python(page, ENVIRONMENT) == "100 False\n"
    page.screenshot(path=artifacts / f"smoke-{jupyter.flavour}.png")
