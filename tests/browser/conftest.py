"""Fixtures for browser tests: one JupyterLab, one Notebook 7 and one Chromium for the run.

Tests take `page` and one of `lab`, `notebook7` or `jupyter` (both front ends in turn), then use
the helpers in `.jupyter`. Every test in this directory carries the `browser` marker.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright

from .jupyter import CHROMIUM_ARGS, JupyterServer, running_server

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_WAIT = 300.0
"""Chromium may still be installing (apt) when the suite starts."""
ARTIFACTS = Path(__file__).parent / "artifacts"
"""Screenshots for people to look at; git-ignored."""
HERE = Path(__file__).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item) -> Iterator[None]:
    """Keep each phase's report on the test, so `page` knows whether to leave a screenshot."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session", autouse=True)
def _chromium() -> Path:
    deadline = time.monotonic() + CHROMIUM_WAIT
    while not os.access(CHROMIUM, os.X_OK):
        if time.monotonic() > deadline:
            pytest.skip(f"{CHROMIUM} is missing: apt-get install -y chromium")
        time.sleep(1)
    return CHROMIUM


@pytest.fixture(scope="package")
def browser(_chromium: Path) -> Iterator[Browser]:
    """Package scope, not session: while sync Playwright runs, asyncio thinks a loop is running
    in this thread, and every async test after the browser tests would fail to start its own."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=_chromium, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh context per test (no shared storage). When the test fails, artifacts/ gets a
    screenshot and the page's errors and warnings, which a widget's JS failure shows only there."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    console: list[str] = []

    def record(message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            console.append(f"{message.type}: {message.text}")

    page.on("console", record)
    page.on("pageerror", lambda error: console.append(f"uncaught: {error}"))
    yield page
    call = getattr(request.node, "report_call", None)
    if call is not None and call.failed:
        page.screenshot(path=artifacts_dir() / f"{request.node.name}-failed.png")
        (artifacts_dir() / f"{request.node.name}-console.txt").write_text("\n".join(console))
    context.close()


def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def artifacts() -> Path:
    """Where a test saves what people should look at (screenshots)."""
    return artifacts_dir()


@pytest.fixture(scope="session")
def lab_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[JupyterServer]:
    root, scratch = tmp_path_factory.mktemp("lab-root"), tmp_path_factory.mktemp("lab-scratch")
    with running_server("lab", root, scratch) as server:
        yield server


@pytest.fixture(scope="session")
def notebook_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[JupyterServer]:
    root = tmp_path_factory.mktemp("notebook-root")
    scratch = tmp_path_factory.mktemp("notebook-scratch")
    with running_server("notebook", root, scratch) as server:
        yield server


@pytest.fixture
def lab(lab_server: JupyterServer) -> Iterator[JupyterServer]:
    """The session's JupyterLab, with the kernels this test started shut down after it."""
    yield lab_server
    lab_server.shutdown_kernels()


@pytest.fixture
def notebook7(notebook_server: JupyterServer) -> Iterator[JupyterServer]:
    """The session's Notebook 7, with the kernels this test started shut down after it."""
    yield notebook_server
    notebook_server.shutdown_kernels()


@pytest.fixture(params=["lab", "notebook7"])
def jupyter(request: pytest.FixtureRequest) -> JupyterServer:
    """Each front end in turn; a server starts only when a test first needs it."""
    server: JupyterServer = request.getfixturevalue(request.param)
    return server
