"""The wheel carries its front end, and ``make bench`` leaves no bench script out.

The wheel is built from a copy of the working tree's project files (tracked and new, never the
git-ignored bundle), so the build hook has to build ``js/`` itself; it is then installed into a
fresh venv and used with neither ``node`` nor ``npm`` to be found, as a user without Node would.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUNDLES = ("studio.js", "studio.css", "compare.js", "compare.css")
NODE_TOOLS = frozenset({"node", "nodejs", "npm", "npx", "corepack", "yarn", "pnpm"})
MAIN_GUARD = re.compile(r"""^if __name__ == ["']__main__["']\s*:""", re.MULTILINE)

USE_BOTH_WIDGETS = """
import json, shutil, sys
from importlib.metadata import version
from pathlib import Path

assert shutil.which("node") is None and shutil.which("npm") is None, "Node is reachable"
import kling_studio
from kling_studio import widgets
from kling_studio.samples import landscape

studio = kling_studio.Studio()
compare = kling_studio.Compare(
    landscape(), prompt="a boat", fixed={"model_name": "kling-v1"},
    vary={"cfg_scale": [0.3, 0.8]}, output_dir=sys.argv[1],
)
shown = {}
for widget, module, name in (
    (studio, widgets.studio, "studio.js"), (compare, widgets.compare, "compare.js")
):
    bundle = module.STATIC / name
    data, _ = widget._repr_mimebundle_()
    shown[name] = {
        "bundle": str(bundle),
        "exists": bundle.is_file(),
        "esm_is_bundle": bundle.is_file() and widget._esm == bundle.read_text(encoding="utf-8"),
        "view": data["application/vnd.jupyter.widget-view+json"]["model_id"] == widget.model_id,
    }
    widget.close()
print(json.dumps({
    "package": kling_studio.__file__,
    "version": kling_studio.__version__,
    "distribution": version("kling-studio"),
    "widgets": shown,
}))
"""


def run(command: list[str], *, cwd: Path, env: dict[str, str] | None = None) -> str:
    """Run a command; on failure, the assertion shows the end of what it said."""
    done = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=240, check=False
    )
    shown = " ".join(command)[:200]
    assert done.returncode == 0, f"{shown} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


def copy_project(destination: Path) -> None:
    """The working tree's files as ``git`` sees them: tracked and untracked, not ignored."""
    listed = run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT
    ).split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():  # a tracked file deleted in the working tree is not listed out
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)


def path_without_node(shadow: Path) -> str:
    """``$PATH`` with every folder that holds a Node tool replaced by ``shadow``: links to all
    of that folder's other programs (so ``env``, ``bash`` and the like still resolve)."""
    shadow.mkdir(exist_ok=True)
    folders: list[str] = []
    for folder in os.environ.get("PATH", "").split(os.pathsep):
        entries = set(os.listdir(folder)) if folder and os.path.isdir(folder) else set()
        if not entries & NODE_TOOLS:
            folders.append(folder)
            continue
        for entry in entries - NODE_TOOLS:
            link = shadow / entry
            if not link.exists() and not link.is_symlink():
                link.symlink_to(Path(folder) / entry)
    path = os.pathsep.join([str(shadow), *folders])
    assert all(shutil.which(tool, path=path) is None for tool in NODE_TOOLS)
    return path


def uv() -> str:
    found = shutil.which("uv")
    if found is None:
        pytest.skip("uv is not installed (make installs it)")
    return found


def wheel_names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def source_version() -> str:
    text = (ROOT / "src" / "kling_studio" / "_version.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"$', text, re.MULTILINE)
    assert match, '_version.py must say __version__ = "..."'
    return match.group(1)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A wheel built from a clean copy (the hook runs npm), and the copy's sdist."""
    if not (ROOT / ".git").exists():
        pytest.skip("needs a git checkout to tell the project's files from build output")
    work = tmp_path_factory.mktemp("wheel")
    project = work / "project"
    copy_project(project)
    assert not (project / "src" / "kling_studio" / "static").exists()
    python = ["--python", sys.executable]
    run([uv(), "build", *python, "--wheel", "--out-dir", str(work / "dist"), "."], cwd=project)
    run([uv(), "build", *python, "--sdist", "--out-dir", str(work / "dist"), "."], cwd=project)
    (wheel,) = (work / "dist").glob("*.whl")
    (sdist,) = (work / "dist").glob("*.tar.gz")
    return {"work": work, "wheel": wheel, "sdist": sdist}


def test_the_wheel_carries_the_front_end(built: dict[str, Path]) -> None:
    names = wheel_names(built["wheel"])
    for bundle in BUNDLES:
        assert f"kling_studio/static/{bundle}" in names
    assert "kling_studio/_version.py" in names
    assert built["wheel"].name.startswith(f"kling_studio-{source_version()}-")


def test_a_wheel_from_the_sdist_needs_no_node(built: dict[str, Path]) -> None:
    """The sdist carries the bundle, so building its wheel must not look for npm."""
    work = built["work"]
    env = {**os.environ, "PATH": path_without_node(work / "shadow-bin")}
    out = work / "from-sdist"
    sdist = [str(built["sdist"])]
    run(
        [uv(), "build", "--python", sys.executable, "--wheel", "--out-dir", str(out), *sdist],
        cwd=work,
        env=env,
    )
    (wheel,) = out.glob("*.whl")
    names = wheel_names(wheel)
    assert all(f"kling_studio/static/{bundle}" in names for bundle in BUNDLES)


def test_the_wheel_installs_and_shows_both_widgets_without_node(built: dict[str, Path]) -> None:
    work = built["work"]
    venv = work / "venv"
    run([uv(), "venv", "--quiet", "--python", sys.executable, str(venv)], cwd=work)
    # The dependencies at the versions this environment has: uv's cache already holds them.
    frozen = run([uv(), "pip", "freeze", "--python", sys.executable], cwd=work).splitlines()
    pins = work / "constraints.txt"
    pins.write_text(
        "\n".join(line for line in frozen if line and " @ " not in line and line[0] not in "-#")
        + "\n"
    )
    install = ["--constraint", str(pins), str(built["wheel"])]
    run(
        [uv(), "pip", "install", "--quiet", "--python", str(venv / "bin" / "python"), *install],
        cwd=work,
    )
    env = {
        "PATH": os.pathsep.join([str(venv / "bin"), path_without_node(work / "shadow-bin")]),
        "HOME": str(work / "home"),
        "KLING_STUDIO_HOME": str(work / "data"),
        "LANG": "C.UTF-8",
    }  # built from nothing: no credentials (so the emulator), no PYTHONPATH to the sources
    said = run(
        [str(venv / "bin" / "python"), "-c", USE_BOTH_WIDGETS, str(work / "sweeps")],
        cwd=work,
        env=env,
    )
    report = json.loads(said.strip().splitlines()[-1])
    site = venv.resolve()
    assert Path(report["package"]).resolve().is_relative_to(site), report["package"]
    assert report["version"] == report["distribution"] == source_version()
    for name, shown in report["widgets"].items():
        assert Path(shown["bundle"]).resolve().is_relative_to(site), name
        assert shown["exists"] and shown["esm_is_bundle"] and shown["view"], (name, shown)


def test_make_bench_runs_every_bench_script() -> None:
    """Every file in bench/ that runs as a script is run by ``make bench``; helpers are not."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    planned = run(["make", "--dry-run", "bench"], cwd=ROOT)
    scripts = sorted(ROOT.glob("bench/*.py"))
    runnable = [s for s in scripts if MAIN_GUARD.search(s.read_text(encoding="utf-8"))]
    assert runnable
    for script in scripts:
        named = re.search(rf"(?<![\w/])bench/{re.escape(script.name)}\b", planned) is not None
        assert named == (script in runnable), f"{script.name}: run by make bench = {named}"
