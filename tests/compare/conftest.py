"""Sweeps against an in-process emulator, over real httpx."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest

from kling_studio import AsyncKlingClient
from kling_studio.api.retry import RetryPolicy
from kling_studio.embedded import emulator_connection
from kling_studio.emulator import Emulator, EmulatorConfig

FAST_RETRY = RetryPolicy(base=0.5, max_delay=2.0, slot_max_delay=2.0)


@pytest.fixture
def served():
    """``async with served(concurrency=2) as (emulator, client)``: a fast emulator, fixed timing."""

    @asynccontextmanager
    async def serve(**config) -> AsyncIterator[tuple[Emulator, AsyncKlingClient]]:
        settings = {
            "speed": 100,
            "queue_seconds": 1,
            "processing_seconds": 60,
            "render": False,
            "seed": 5,
            **config,
        }
        with Emulator(EmulatorConfig(**settings)) as emulator:
            connection = emulator_connection(emulator)
            async with AsyncKlingClient(connection=connection, retry=FAST_RETRY) as client:
                yield emulator, client

    return serve
