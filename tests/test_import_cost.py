"""``import kling_studio`` stays light: the heavy parts load when something first uses them.

Each check runs in a fresh interpreter and looks at ``sys.modules``: what a maintainer would
notice (an import at the top of a module on the import path), not timing, which is
``bench/load.py``'s job.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("numpy", "PIL", "av", "cv2", "starlette", "uvicorn", "anywidget", "ipywidgets")
"""Loaded by the package's first use, never by its import. (rich is not here: ``import httpx``
loads it whenever it is installed, for httpx's command line.)"""


def loaded_after(code: str) -> dict[str, bool]:
    """Which of ``HEAVY`` (and pydantic's models, kling_studio's parts) ``code`` loaded."""
    probe = (
        f"import sys\n{code}\n"
        "import json\n"
        "names = [*" + repr(HEAVY) + ", 'pydantic.main', 'kling_studio.api.models',"
        " 'kling_studio.emulator.app', 'kling_studio.embedded', 'kling_studio.widgets']\n"
        "print(json.dumps({n: n in sys.modules for n in names}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    loaded: dict[str, bool] = json.loads(done.stdout.splitlines()[-1])
    return loaded


def test_importing_the_package_loads_none_of_the_heavy_parts():
    loaded = loaded_after("import kling_studio")
    assert not [name for name, present in loaded.items() if present]


def test_every_public_name_is_still_there_on_first_use():
    loaded = loaded_after(
        "import kling_studio\n"
        "from kling_studio import *  # noqa: F403\n"
        "missing = [n for n in kling_studio.__all__ if getattr(kling_studio, n, None) is None]\n"
        "assert not missing, missing\n"
        "assert set(kling_studio.__all__) <= set(dir(kling_studio))"
    )
    assert loaded["kling_studio.widgets"]


def test_an_unknown_name_is_an_attribute_error():
    import kling_studio

    with pytest.raises(AttributeError, match="no_such_thing"):
        _ = kling_studio.no_such_thing  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "code",
    [
        "from kling_studio import KlingClient, AsyncKlingClient, Image2VideoRequest, Task",
        "import kling_studio.api.prepare, kling_studio.api.rules",
    ],
)
def test_the_client_and_its_requests_load_without_numpy_pillow_or_the_emulator(code):
    loaded = loaded_after(code)
    assert loaded["kling_studio.api.models"]
    heavy = [name for name in (*HEAVY, "kling_studio.emulator.app") if loaded[name]]
    assert not heavy


def test_a_picture_as_pillow_or_numpy_is_still_accepted():
    """Requests check Pillow images and arrays without importing either module themselves."""
    import numpy as np
    from PIL import Image

    from kling_studio import Image2VideoRequest, MultiImage2VideoRequest

    picture, array = Image.new("RGB", (8, 8)), np.zeros((8, 8, 3), dtype=np.uint8)
    assert Image2VideoRequest(image=picture, image_tail=array).image is picture
    assert MultiImage2VideoRequest(image_list=[picture, array, b"x"]).image_list[1] is array
    with pytest.raises(ValueError, match=r"instance of PIL\.Image\.Image"):
        Image2VideoRequest(image=3)


def test_the_sweep_planner_and_the_studio_load_pyav_only_when_reading_a_video():
    loaded = loaded_after("import kling_studio.compare, kling_studio.widgets.studio")
    assert not loaded["av"]
    assert not loaded["starlette"]
    assert not loaded["kling_studio.embedded"]


def test_the_path_tools_load_opencv_and_pyav_only_when_a_clip_is_read():
    bare = loaded_after("import kling_studio.paths")
    named = loaded_after("from kling_studio.paths import arc, ease, length, ticks, track_path")

    assert not [name for name in HEAVY if bare[name]]
    assert named["numpy"]
    assert not named["cv2"]
    assert not named["av"]


def test_the_selection_tools_load_opencv_only_when_one_is_used():
    assert not any(loaded_after("import kling_studio.selection").values())
    assert loaded_after("from kling_studio.selection import select")["cv2"]


def test_the_motion_check_loads_opencv_only_when_a_clip_is_measured():
    bare = loaded_after("import kling_studio.motion")
    named = loaded_after(
        "from kling_studio.motion import camera_phrase, measure_camera, measure_static"
    )

    assert not [name for name in HEAVY if bare[name]]
    assert named["numpy"]
    assert not named["cv2"]
    assert not named["PIL"]
