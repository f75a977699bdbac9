"""Which service a client talks to, and how: provider, transport and clock in one value.

With no provider given and none in the environment, the client falls back to an offline
connection registered by the package's top level (the in-process emulator). This module only
holds the hook, so ``kling_studio.api`` never imports emulator code.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Final

import httpx

from .clock import Clock, SystemClock
from .errors import ConfigurationError
from .providers import Provider

log = logging.getLogger("kling_studio")


EMULATOR_KIND: Final = "emulator"
KIND_LABELS: Final[Mapping[str, str]] = {
    "cometapi": "CometAPI",
    "kling": "Kling API",
    "custom": "custom endpoint",
    EMULATOR_KIND: "the local emulator",
}
"""A service's kind → how a person names it. A base URL can carry a proxy's user and password,
so what is shown or saved for the user names the kind only."""


@dataclass(frozen=True)
class Connection:
    provider: Provider
    transport: httpx.AsyncBaseTransport | None = None
    """None means real HTTP; the emulator hands an in-process ASGI transport."""
    clock: Clock = field(default_factory=SystemClock)
    emulated: bool = False
    keepalive: object = None
    """Whatever must live as long as the connection (an embedded emulator)."""

    @property
    def kind(self) -> str:
        """``"emulator"``, else the provider's name (``"cometapi"``, ``"kling"``, ``"custom"``):
        what a sidecar or a widget may say of the service, never its address."""
        return EMULATOR_KIND if self.emulated else self.provider.name

    @property
    def label(self) -> str:
        """The kind as a person reads it: "CometAPI", "the local emulator"…"""
        return KIND_LABELS.get(self.kind, KIND_LABELS["custom"])

    def describe(self) -> str:
        where = self.provider.describe()
        return f"the local emulator ({where}); videos are emulated" if self.emulated else where


OfflineFactory = Callable[[], Connection]
_offline_factory: list[OfflineFactory] = []


def set_offline_factory(factory: OfflineFactory) -> None:
    """Register what to use when no credentials are configured."""
    _offline_factory[:] = [factory]


def resolve_connection(
    provider: Provider | None = None,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    clock: Clock | None = None,
) -> Connection:
    """The explicit provider, else the environment's, else the registered offline fallback."""
    chosen = provider or Provider.from_env()
    if chosen is not None:
        return Connection(chosen, transport, clock or SystemClock())
    if not _offline_factory:
        raise ConfigurationError(
            "no credentials: set COMETAPI_KEY, KLING_API_KEY, or KLING_ACCESS_KEY and "
            "KLING_SECRET_KEY, or pass a Provider"
        )
    connection = _offline_factory[0]()
    _say_offline_once()
    return connection


OFFLINE_NOTICE = (
    "Offline: using the built-in emulator. Set COMETAPI_KEY or KLING_API_KEY to use Kling."
)
_said: list[bool] = []


def _say_offline_once() -> None:
    """One plain line per process (not a warning: working offline is a supported way to work):
    in a notebook as ordinary output under the cell that first made a client (stderr would put
    it on the error background), elsewhere on stderr (stdout may be data: ``--json``)."""
    if not _said:
        _said.append(True)
        in_kernel = "ipykernel" in sys.modules
        print(OFFLINE_NOTICE, file=sys.stdout if in_kernel else sys.stderr, flush=True)
        log.info("%s", OFFLINE_NOTICE)
