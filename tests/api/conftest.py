"""A client whose every request is counted on its way to the emulator: tests of what the client
refuses show that nothing reached the service."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

import httpx
import pytest

from kling_studio import AsyncKlingClient, Provider
from kling_studio.api.connection import Connection
from kling_studio.api.retry import RetryPolicy
from kling_studio.embedded import emulator_connection
from kling_studio.emulator import Emulator

FAST_RETRY = RetryPolicy(base=0.5, max_delay=2.0, slot_max_delay=2.0)


class CountingTransport(httpx.AsyncBaseTransport):
    """Passes each request on to ``inner`` and keeps it, so a test can count and read them."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.requests: list[httpx.Request] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self.inner.aclose()

    def posts(self) -> list[httpx.Request]:
        return [request for request in self.requests if request.method == "POST"]


Counted = tuple[AsyncKlingClient, CountingTransport]
CountedClient = Callable[..., AbstractAsyncContextManager[Counted]]


@pytest.fixture
def counted(fast_emulator: Emulator) -> CountedClient:
    """``async with counted(provider="cometapi", strict=False) as (client, transport)``: a
    client of the emulator as Kling (default) or CometAPI, whose requests ``transport`` keeps."""

    @asynccontextmanager
    async def make(provider: str = "kling", *, strict: bool = True) -> AsyncIterator[Counted]:
        base = emulator_connection(fast_emulator)
        chosen = {
            "kling": base.provider,
            "cometapi": Provider.cometapi(
                fast_emulator.config.api_keys[0], base_url=fast_emulator.base_url
            ),
        }[provider]
        assert base.transport is not None
        transport = CountingTransport(base.transport)
        connection = Connection(chosen, transport, base.clock, emulated=True)
        async with AsyncKlingClient(
            connection=connection, strict=strict, retry=FAST_RETRY
        ) as client:
            yield client, transport

    return make
