"""Fixtures for the emulator's tests."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import httpx
import pytest

from kling_studio.emulator import Emulator

from .helpers import FAST, Receiver, make_client


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    with Emulator(FAST) as emulator:
        yield emulator


@pytest.fixture
async def client(emulator: Emulator) -> AsyncIterator[httpx.AsyncClient]:
    async with make_client(emulator) as client:
        yield client


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    receiver = Receiver()
    yield receiver
    receiver.close()
