"""kling-studio: Kling image-to-video from Jupyter, with a local emulator that needs no key."""

from __future__ import annotations

from .api.capabilities import MODELS, estimate_units
from .api.client import AsyncKlingClient, StatusEvent
from .api.connection import Connection, set_offline_factory
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
from .api.models import (
    CameraConfig,
    CameraControl,
    DynamicMask,
    Image2VideoRequest,
    MultiImage2VideoRequest,
    Task,
    TaskKind,
)
from .api.problems import Problem, ValidationError
from .api.providers import Provider
from .api.sync import KlingClient


def emulator_connection() -> Connection:
    """A connection to the shared in-process emulator (imported on first use: it is heavy)."""
    from .embedded import emulator_connection as connect

    return connect()


set_offline_factory(emulator_connection)


def __getattr__(name: str) -> object:
    """The widgets are imported on first use: they need the built front end."""
    if name in ("Studio", "Compare"):
        from . import widgets

        return getattr(widgets, name)
    raise AttributeError(f"module 'kling_studio' has no attribute {name!r}")


__all__ = [
    "MODELS",
    "ApiError",
    "AsyncKlingClient",
    "AuthError",
    "BalanceError",
    "CameraConfig",
    "CameraControl",
    "Compare",
    "ConcurrencyLimitError",
    "ConfigurationError",
    "Connection",
    "Download",
    "DynamicMask",
    "Image2VideoRequest",
    "InvalidRequestError",
    "KlingClient",
    "KlingError",
    "MultiImage2VideoRequest",
    "NotFoundError",
    "PermissionDeniedError",
    "PolicyError",
    "Problem",
    "ProtocolError",
    "Provider",
    "RateLimitedError",
    "ServerError",
    "StatusEvent",
    "Studio",
    "Task",
    "TaskFailedError",
    "TaskKind",
    "TaskTimeoutError",
    "TransportError",
    "ValidationError",
    "emulator_connection",
    "estimate_units",
]
