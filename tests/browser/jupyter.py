"""A real Jupyter server and its front end driven from Playwright: what widget tests share.

JupyterLab and Notebook 7 are the same application underneath (`window.jupyterapp`, a notebook
panel with a `sessionContext`), so every page helper here works in both; only the URLs differ.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import quote

import httpx
import nbformat
from playwright.sync_api import Locator, Page, expect

from kling_studio.api.providers import CONNECTION_VARIABLES

JUPYTER = Path(sys.executable).with_name("jupyter")
"""The venv running the tests, whose kernel can import kling_studio (installed editable)."""
"""The same names tests/conftest.py removes: the kernel must never see a real key either."""
QUIET_SETTINGS = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False}
}
"""Without this JupyterLab asks about news in a toast that covers the notebook."""
STARTUP_TIMEOUT = 60.0
POLL_INTERVAL = 0.05
ANSI = re.compile(r"\x1b\[[0-9;]*m")

Flavour = Literal["lab", "notebook"]


CHROMIUM_ARGS = [  # quiet, sandbox-free, and no network beyond loopback
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--autoplay-policy=no-user-gesture-required",
]
"""Debian's Chromium as the tests and benchmarks launch it."""


class KernelError(AssertionError):
    """Code the test sent to the kernel raised; the message carries the traceback."""


@dataclass(frozen=True)
class JupyterServer:
    """A running server: where it listens and the directory it serves notebooks from."""

    flavour: Flavour
    url: str
    root: Path
    log: Path

    def notebook_url(self, name: str) -> str:
        """`?reset` gives JupyterLab a fresh workspace, so no earlier test's tabs come back."""
        if self.flavour == "lab":
            return f"{self.url}/lab/tree/{quote(name)}?reset"
        return f"{self.url}/notebooks/{quote(name)}"

    def shutdown_kernels(self) -> None:
        """Kernels outlive the page that started them; without this they pile up per test."""
        with httpx.Client(base_url=self.url, timeout=10) as client:
            client.get("/tree").raise_for_status()  # a page sets the XSRF cookie DELETE needs
            xsrf = {"X-XSRFToken": client.cookies["_xsrf"]}
            for session in client.get("/api/sessions").raise_for_status().json():
                client.delete(f"/api/sessions/{session['id']}", headers=xsrf).raise_for_status()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def server_environment(scratch: Path) -> dict[str, str]:
    """The test's environment without credentials, a fast emulator, and no user Jupyter config."""
    env = {name: value for name, value in os.environ.items() if name not in CONNECTION_VARIABLES}
    env["KLING_STUDIO_EMULATOR_SPEED"] = "100"
    env["JUPYTER_CONFIG_DIR"] = str(scratch / "config")
    env["JUPYTER_RUNTIME_DIR"] = str(scratch / "runtime")
    return env


def server_command(flavour: Flavour, root: Path, scratch: Path, port: int) -> list[str]:
    """Settings and workspaces live in `scratch`, so a developer's own JupyterLab setup
    (and the venv) are neither read nor written; overrides.json goes in `app_settings_dir`."""
    app = "LabApp" if flavour == "lab" else "JupyterNotebookApp"
    return [
        str(JUPYTER),
        flavour,
        "--no-browser",
        "--ip",
        "127.0.0.1",
        "--port",
        str(port),
        "--ServerApp.port_retries=0",
        "--allow-root",
        "--IdentityProvider.token=",
        "--ServerApp.password=",
        f"--ServerApp.root_dir={root}",
        f"--{app}.expose_app_in_browser=True",
        f"--{app}.app_settings_dir={scratch / 'settings'}",
        f"--{app}.user_settings_dir={scratch / 'user-settings'}",
        f"--{app}.workspaces_dir={scratch / 'workspaces'}",
    ]


@contextmanager
def running_server(flavour: Flavour, root: Path, scratch: Path) -> Iterator[JupyterServer]:
    """Start `jupyter lab` or `jupyter notebook`, yield once its API answers, stop it after."""
    (scratch / "settings").mkdir(parents=True)
    (scratch / "settings" / "overrides.json").write_text(json.dumps(QUIET_SETTINGS))
    port = free_port()
    server = JupyterServer(flavour, f"http://127.0.0.1:{port}", root, scratch / "server.log")
    with server.log.open("wb") as log:
        process = subprocess.Popen(
            server_command(flavour, root, scratch, port),
            env=server_environment(scratch),
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=root,
        )
        try:
            wait_until_serving(process, server)
            yield server
        finally:
            stop(process)


def wait_until_serving(process: subprocess.Popen[bytes], server: JupyterServer) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    with httpx.Client(base_url=server.url, timeout=2) as client:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"jupyter {server.flavour} exited:\n{server.log.read_text()}")
            try:
                if client.get("/api/status").status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(POLL_INTERVAL)
    raise TimeoutError(f"jupyter {server.flavour} did not answer:\n{server.log.read_text()}")


def stop(process: subprocess.Popen[bytes], grace: float = 15.0) -> None:
    """SIGTERM lets the server shut its kernels down; kill only if it hangs."""
    process.terminate()
    try:
        process.wait(grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def write_notebook(root: Path, name: str, cells: list[str]) -> Path:
    """A notebook with the python3 kernelspec, so opening it never asks which kernel to use."""
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(source) for source in cells],
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        },
    )
    path = root / name
    nbformat.write(notebook, path)
    return path


KERNEL_IDLE = """name => {
    const panel = window.jupyterapp?.shell?.currentWidget;
    const session = panel?.sessionContext;
    const kernel = session?.session?.kernel;
    return (name === null || panel?.context?.path === name)
        && session?.isReady
        && kernel?.connectionStatus === 'connected'
        && kernel.status === 'idle';
}"""
"""The toolbar says idle before the kernel connects; only the session context knows."""


def open_notebook(page: Page, server: JupyterServer, name: str, timeout: float = 60) -> None:
    """Open `name` and return once its kernel is connected and idle: Run All works from then."""
    page.goto(server.notebook_url(name))
    page.wait_for_function(KERNEL_IDLE, arg=name, timeout=timeout * 1000, polling=100)


def wait_for_kernel_idle(page: Page, timeout: float = 60) -> None:
    page.wait_for_function(KERNEL_IDLE, arg=None, timeout=timeout * 1000, polling=100)


WITHIN = """const within = async (promise, ms, what) => {
    let timer;
    const expired = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what}: nothing after ${ms} ms`)), ms);
    });
    try {
        return await Promise.race([promise, expired]);
    } finally {
        clearTimeout(timer);
    }
};"""
"""`page.evaluate` has no timeout of its own: a hung kernel would hang the test without this."""

RUN_ALL = (
    """async timeout => {"""
    + WITHIN
    + """
    const app = window.jupyterapp;
    const ran = await within(app.commands.execute('notebook:run-all-cells'), timeout, 'Run All');
    const errors = [];
    for (const cell of app.shell.currentWidget.content.model.cells) {
        for (let i = 0; cell.type === 'code' && i < cell.outputs.length; i++) {
            const output = cell.outputs.get(i).toJSON();
            if (output.output_type === 'error') {
                errors.push(`${output.ename}: ${output.evalue}`);
            }
        }
    }
    return { ran, errors };
}"""
)


def run_all(page: Page, timeout: float = 60) -> None:
    """Run every cell, as the menu does; a cell that raises fails the test with its error."""
    result = page.evaluate(RUN_ALL, timeout * 1000)
    if result["errors"] or not result["ran"]:
        raise KernelError(f"Run All failed: {result['errors'] or 'a cell did not run'}")
    wait_for_kernel_idle(page, timeout)


RUN_PYTHON = (
    """async ({ code, timeout }) => {"""
    + WITHIN
    + """
    const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
    const future = kernel.requestExecute({ code, store_history: false });
    const result = { stdout: '', stderr: '', error: null };
    future.onIOPub = msg => {
        if (msg.header.msg_type === 'stream') {
            result[msg.content.name] += msg.content.text;
        } else if (msg.header.msg_type === 'error') {
            result.error = msg.content.traceback.join('\\n');
        }
    };
    await within(future.done, timeout, 'run_python');
    return result;
}"""
)


def run_python(page: Page, code: str, timeout: float = 30) -> str:
    """Run `code` in the open notebook's kernel, unseen in the notebook, and return its stdout.

    This is how a browser test reads the Python side (trait values) after acting in the page.
    """
    result = page.evaluate(RUN_PYTHON, {"code": code, "timeout": timeout * 1000})
    if result["error"] is not None:
        stderr = f"\nstderr:\n{result['stderr']}" if result["stderr"] else ""
        raise KernelError(ANSI.sub("", result["error"]) + stderr)
    stdout: str = result["stdout"]
    return stdout


def wait_for_python(page: Page, code: str, expected: str, timeout: float = 10) -> None:
    """Run `code` until what it prints (stripped) is `expected`.

    What the page sends reaches the kernel later than the page shows it (ipywidgets holds back
    an update while the previous one is unanswered), so assert on the kernel side with this.
    """
    deadline = time.monotonic() + timeout
    while (printed := run_python(page, code).strip()) != expected:
        if time.monotonic() > deadline:
            raise AssertionError(f"{code!r} printed {printed!r}, not {expected!r}, for {timeout} s")
        time.sleep(POLL_INTERVAL)


def open_studio(
    page: Page, server: JupyterServer, name: str, cells: list[str], width: int
) -> Locator:
    """Write ``cells`` as the notebook ``name``, open it, run it all, and return the first Studio
    once it shows and its start frame (``width`` px wide) is in the kernel."""
    write_notebook(server.root, name, cells)
    open_notebook(page, server, name)
    run_all(page, timeout=180)
    studio = page.locator('[data-testid="studio"]').first
    expect(studio).to_be_visible()
    wait_for_python(page, "print(studio.pictures['image']['width'])", str(width), timeout=30)
    return studio
