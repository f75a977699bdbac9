"""The invariants of one create's tries (``api.attempts.CreateAttempts``), checked over many
seeded sequences of answers rather than a few hand-picked ones."""

from __future__ import annotations

import random

import pytest

from kling_studio.api.attempts import CreateAttempts
from kling_studio.api.errors import (
    ConcurrencyLimitError,
    InvalidRequestError,
    KlingError,
    RateLimitedError,
    ServerError,
    TransportError,
)
from kling_studio.api.retry import RetryPolicy

ANSWERS: dict[str, tuple[type[KlingError], dict[str, object]]] = {
    "busy": (ConcurrencyLimitError, {"code": 1303}),
    "server": (ServerError, {"code": 5001}),
    "rate": (RateLimitedError, {"code": 1302}),
    "dropped": (TransportError, {}),
    "refused": (InvalidRequestError, {"code": 1201}),
}
AMBIGUOUS_ANSWERS = {"server", "dropped"}


def failure(name: str) -> KlingError:
    kind, fields = ANSWERS[name]
    return kind("no", **fields) if fields else kind("no")  # type: ignore[arg-type]


def policy(seed: int) -> RetryPolicy:
    return RetryPolicy(attempts=4, slot_wait=20.0, rng=random.Random(seed))


@pytest.mark.parametrize("seed", range(200))
def test_invariants_hold_for_any_sequence_of_failures(seed: int) -> None:
    rng = random.Random(seed)
    attempts = CreateAttempts(policy(seed), slot_wait=20.0)
    seen_ambiguous = False
    for _ in range(60):
        name = rng.choice(sorted(ANSWERS))
        before = attempts.slot_waited
        delay = attempts.wait_after(failure(name))
        seen_ambiguous = seen_ambiguous or name in AMBIGUOUS_ANSWERS
        assert attempts.ambiguous == seen_ambiguous  # set by the first ambiguous failure, kept
        if name == "busy":
            assert (delay is None) == (before >= 20.0)
            if delay is not None:
                assert attempts.failures == 0  # waiting for a slot forgives earlier failures
                assert before < 20.0 and attempts.slot_waited == pytest.approx(before + delay)
        else:
            assert attempts.failures <= attempts.policy.attempts
            if delay is not None:
                assert attempts.failures < attempts.policy.attempts
                assert delay > 0
        if delay is None:
            break


def test_a_long_wait_for_a_slot_leaves_a_later_failure_all_its_retries() -> None:
    attempts = CreateAttempts(policy(1), slot_wait=1000.0)
    for _ in range(3):
        assert attempts.wait_after(failure("server")) is not None
    assert attempts.wait_after(failure("busy")) is not None
    retries = 0
    while attempts.wait_after(failure("server")) is not None:
        retries += 1
    assert retries == attempts.policy.attempts - 1


def test_a_refusal_is_final_at_once_and_not_ambiguous() -> None:
    attempts = CreateAttempts(policy(2), slot_wait=20.0)
    assert attempts.wait_after(failure("refused")) is None
    assert not attempts.ambiguous


def test_the_slot_budget_ends_the_wait() -> None:
    attempts = CreateAttempts(policy(3), slot_wait=20.0)
    total = 0.0
    while (delay := attempts.wait_after(failure("busy"))) is not None:
        total += delay
    assert 20.0 <= total < 20.0 + attempts.policy.slot_max_delay
