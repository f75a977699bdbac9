"""Shared fixtures: no test ever reaches a real service, whatever the developer's environment."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from kling_studio import AsyncKlingClient
from kling_studio.api.providers import CONNECTION_VARIABLES
from kling_studio.api.retry import RetryPolicy
from kling_studio.embedded import emulator_connection
from kling_studio.emulator import Emulator, EmulatorConfig

FAST_RETRY = RetryPolicy(base=0.5, max_delay=2.0, slot_max_delay=2.0)
"""Waits are on the emulator's clock, so these are short in real time anyway."""


@pytest.fixture(autouse=True)
def _no_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in CONNECTION_VARIABLES:
        monkeypatch.delenv(name, raising=False)


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
