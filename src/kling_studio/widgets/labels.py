"""What a widget may say about the service it talks to: its kind, never its address.

A base URL can carry a proxy's user and password, and widget state is saved into notebooks, so
synced traits name the kind of service only ("CometAPI", "the local emulator").
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from kling_studio.api.connection import Connection

PROVIDER_LABELS: Final[Mapping[str, str]] = {
    "cometapi": "CometAPI",
    "kling": "Kling API",
    "custom": "custom endpoint",
}
EMULATOR_LABEL: Final = "the local emulator"


def provider_label(connection: Connection) -> str:
    """``"CometAPI"``, ``"Kling API"``, ``"custom endpoint"`` or ``"the local emulator"``."""
    if connection.emulated:
        return EMULATOR_LABEL
    return PROVIDER_LABELS.get(connection.provider.name, PROVIDER_LABELS["custom"])
