"""Shared fixtures: no test ever reaches a real service, whatever the developer's environment."""

from __future__ import annotations

import os
import tempfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from kling_studio import AsyncKlingClient
from kling_studio.api.budget import BUDGET_VARIABLE
from kling_studio.api.home import HOME_VARIABLE
from kling_studio.api.providers import CONNECTION_VARIABLES
from kling_studio.api.retry import RetryPolicy
from kling_studio.embedded import emulator_connection
from kling_studio.emulator import Emulator, EmulatorConfig

os.environ[HOME_VARIABLE] = tempfile.mkdtemp(prefix="kling-studio-tests-")
"""Journal and embedded emulator of anything started for the whole session (Jupyter servers,
their kernels) live here, never in the developer's own data folder."""

FAST_RETRY = RetryPolicy(base=0.5, max_delay=2.0, slot_max_delay=2.0)
"""Waits are on the emulator's clock, so these are short in real time anyway."""


@pytest.fixture(autouse=True)
def _no_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in CONNECTION_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv(BUDGET_VARIABLE, raising=False)


@pytest.fixture(autouse=True)
def home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own data folder, so journals of different tests never meet."""
    folder = tmp_path_factory.mktemp("home")
    monkeypatch.setenv(HOME_VARIABLE, str(folder))
    return folder


@pytest.fixture
def fast_emulator() -> Iterator[Emulator]:
    """Tasks queue for 2 s and process for 10 s of virtual time, at 100× speed."""
    config = EmulatorConfig(speed=100, queue_seconds=2, processing_seconds=10, seed=7)
    with Emulator(config) as emulator:
        yield emulator


@pytest.fixture
async def kling(fast_emulator: Emulator) -> AsyncIterator[AsyncKlingClient]:
    async with AsyncKlingClient(
        connection=emulator_connection(fast_emulator), retry=FAST_RETRY
    ) as client:
        yield client
