"""One client, two faces: the blocking ``KlingClient`` offers every call of ``AsyncKlingClient``
with the same parameters, defaults and docstring, and the package's public names are pinned."""

from __future__ import annotations

import inspect

import pytest

import kling_studio
from kling_studio import AsyncKlingClient, KlingClient

ASYNC_ONLY = {"aclose"}
"""The async client's own plumbing: ``close()`` is the blocking twin's."""


def public_calls(cls: type) -> dict[str, object]:
    return {
        name: member
        for name, member in vars(cls).items()
        if not name.startswith("_") and callable(member) and name not in ASYNC_ONLY
    }


def parameters(function) -> list[tuple[str, object, object]]:
    """Names, kinds and defaults: what a caller can pass (annotations differ by design:
    awaitables and async iterators on one face, values and iterators on the other)."""
    return [(p.name, p.kind, p.default) for p in inspect.signature(function).parameters.values()]


def test_every_async_call_has_a_blocking_twin():
    assert set(public_calls(AsyncKlingClient)) <= set(public_calls(KlingClient))


@pytest.mark.parametrize("name", sorted(public_calls(AsyncKlingClient)))
def test_the_twins_take_the_same_arguments_and_say_the_same(name):
    original, twin = getattr(AsyncKlingClient, name), getattr(KlingClient, name)
    assert parameters(twin) == parameters(original)
    assert inspect.getdoc(twin) == inspect.getdoc(original)


def test_the_constructors_are_twins():
    assert parameters(KlingClient.__init__) == parameters(AsyncKlingClient.__init__)


PUBLIC_NAMES = {
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
}


def test_the_public_names_are_pinned_and_all_resolve():
    assert set(kling_studio.__all__) == PUBLIC_NAMES
    for name in kling_studio.__all__:
        assert getattr(kling_studio, name) is not None
