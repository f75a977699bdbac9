"""Synthetic clips written once per session into pytest's temp dir (never into the repository)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from kling_studio.paths.synthetic import Scene, write_clip

Written = tuple[Path, np.ndarray]
"""The clip's file and its true path (clip pixels per frame)."""


@pytest.fixture(scope="session")
def clip(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Scene], Written]:
    folder = tmp_path_factory.mktemp("clips")
    written: dict[Scene, Written] = {}

    def make(scene: Scene) -> Written:
        if scene not in written:
            path = folder / f"clip-{len(written)}.mp4"
            written[scene] = (path, write_clip(scene, path))
        return written[scene]

    return make
