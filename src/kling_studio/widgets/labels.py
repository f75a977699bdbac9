"""What a widget may say about the service it talks to: its kind, never its address.

A base URL can carry a proxy's user and password, and widget state is saved into notebooks, so
synced traits name the kind of service only ("CometAPI", "the local emulator").
"""

from __future__ import annotations

from kling_studio.api.connection import Connection


def provider_label(connection: Connection) -> str:
    """``"CometAPI"``, ``"Kling API"``, ``"custom endpoint"`` or ``"the local emulator"``
    (``api.connection.KIND_LABELS``)."""
    return connection.label
