"""kling-studio: Kling image-to-video from Jupyter, with a local emulator that needs no key."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._lazy import lazy_names
from ._version import __version__ as __version__
from .api.connection import Connection, set_offline_factory

if TYPE_CHECKING:
    from .api.budget import BudgetExceeded
    from .api.capabilities import MODELS, estimate_units
    from .api.client import AsyncKlingClient, StatusEvent
    from .api.download import Download
    from .api.errors import (
        ApiError,
        AuthError,
        BalanceError,
        ConcurrencyLimitError,
        ConfigurationError,
        InvalidRequestError,
        KlingError,
        NotFoundError,
        PermissionDeniedError,
        PolicyError,
        ProtocolError,
        RateLimitedError,
        ServerError,
        TaskFailedError,
        TaskTimeoutError,
        TransportError,
    )
    from .api.journal import JournalEntry
    from .api.models import (
        CameraConfig,
        CameraControl,
        DynamicMask,
        Image2VideoRequest,
        MultiImage2VideoRequest,
        Shot,
        Task,
        TaskKind,
        Voice,
    )
    from .api.prepare import PreparedRequest
    from .api.problems import Problem, ValidationError
    from .api.providers import Provider
    from .api.sync import KlingClient
    from .replaying import Replay, read_result, replay
    from .requestdiff import Difference, RequestDiff, diff
    from .widgets import Compare, Studio

_LAZY: dict[str, str] = {
    "BudgetExceeded": ".api.budget",
    **dict.fromkeys(("MODELS", "estimate_units"), ".api.capabilities"),
    **dict.fromkeys(("AsyncKlingClient", "StatusEvent"), ".api.client"),
    "Download": ".api.download",
    **dict.fromkeys(
        (
            "ApiError",
            "AuthError",
            "BalanceError",
            "ConcurrencyLimitError",
            "ConfigurationError",
            "InvalidRequestError",
            "KlingError",
            "NotFoundError",
            "PermissionDeniedError",
            "PolicyError",
            "ProtocolError",
            "RateLimitedError",
            "ServerError",
            "TaskFailedError",
            "TaskTimeoutError",
            "TransportError",
        ),
        ".api.errors",
    ),
    **dict.fromkeys(
        (
            "CameraConfig",
            "CameraControl",
            "DynamicMask",
            "Image2VideoRequest",
            "MultiImage2VideoRequest",
            "Shot",
            "Task",
            "TaskKind",
            "Voice",
        ),
        ".api.models",
    ),
    "JournalEntry": ".api.journal",
    "PreparedRequest": ".api.prepare",
    **dict.fromkeys(("Problem", "ValidationError"), ".api.problems"),
    "Provider": ".api.providers",
    "KlingClient": ".api.sync",
    # Not ``.replay``: a submodule of that name, once imported, would be the package's
    # ``replay`` attribute in place of the function.
    **dict.fromkeys(("Replay", "read_result", "replay"), ".replaying"),
    **dict.fromkeys(("Difference", "RequestDiff", "diff"), ".requestdiff"),
    # The widgets need the built front end, and pull in the rest of the package.
    **dict.fromkeys(("Studio", "Compare"), ".widgets"),
}
"""Public name -> the module defining it, imported on first use (PEP 562): ``import
kling_studio`` stays about as light as ``import httpx, pydantic``; pydantic models, numpy,
Pillow, PyAV, Starlette and rich load when something needs them."""


def emulator_connection() -> Connection:
    """A connection to the shared in-process emulator (imported on first use: it is heavy)."""
    from .embedded import emulator_connection as connect

    return connect()


set_offline_factory(emulator_connection)


__getattr__, __dir__ = lazy_names(__name__, _LAZY, globals())


__all__ = [
    "MODELS",
    "ApiError",
    "AsyncKlingClient",
    "AuthError",
    "BalanceError",
    "BudgetExceeded",
    "CameraConfig",
    "CameraControl",
    "Compare",
    "ConcurrencyLimitError",
    "ConfigurationError",
    "Connection",
    "Difference",
    "Download",
    "DynamicMask",
    "Image2VideoRequest",
    "InvalidRequestError",
    "JournalEntry",
    "KlingClient",
    "KlingError",
    "MultiImage2VideoRequest",
    "NotFoundError",
    "PermissionDeniedError",
    "PolicyError",
    "PreparedRequest",
    "Problem",
    "ProtocolError",
    "Provider",
    "RateLimitedError",
    "Replay",
    "RequestDiff",
    "ServerError",
    "Shot",
    "StatusEvent",
    "Studio",
    "Task",
    "TaskFailedError",
    "TaskKind",
    "TaskTimeoutError",
    "TransportError",
    "ValidationError",
    "Voice",
    "diff",
    "emulator_connection",
    "estimate_units",
    "read_result",
    "replay",
]
