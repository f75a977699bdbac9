"""Every code family of Kling's table, CometAPI's envelope, and credentials never echoed."""

from __future__ import annotations

import pytest

from kling_studio.api import errors as e
from kling_studio.api.errors import error_from_body


@pytest.mark.parametrize(
    ("code", "status", "family", "retryable"),
    [
        (1000, 401, e.AuthError, False),
        (1001, 401, e.AuthError, False),
        (1002, 401, e.AuthError, False),
        (1003, 401, e.TokenTimingError, True),
        (1004, 401, e.TokenTimingError, True),
        (1100, 429, e.BalanceError, False),
        (1101, 429, e.BalanceError, False),
        (1102, 429, e.BalanceError, False),
        (1103, 403, e.PermissionDeniedError, False),
        (1200, 400, e.InvalidRequestError, False),
        (1201, 400, e.InvalidRequestError, False),
        (1202, 404, e.NotFoundError, False),
        (1203, 404, e.NotFoundError, False),
        (1300, 400, e.PolicyError, False),
        (1301, 400, e.PolicyError, False),
        (1302, 429, e.RateLimitedError, True),
        (1303, 429, e.ConcurrencyLimitError, True),
        (1304, 429, e.PolicyError, False),
        (5000, 500, e.ServerError, True),
        (5001, 503, e.ServerError, True),
        (5002, 504, e.ServerError, True),
    ],
)
def test_code_table(code, status, family, retryable):
    error = error_from_body(
        {"code": code, "message": "m", "request_id": "r-1"}, http_status=status, retry_after=None
    )
    assert type(error) is family
    assert error.retryable is retryable
    assert error.code == code and error.request_id == "r-1"
    assert str(code) in str(error) and "r-1" in str(error)


def test_success_envelope_is_not_an_error():
    assert (
        error_from_body(
            {"code": 0, "message": "SUCCEED", "data": {}}, http_status=200, retry_after=None
        )
        is None
    )


def test_billing_429_is_not_retryable_but_rate_429_is():
    balance = error_from_body(
        {"code": 1101, "message": "arrears"}, http_status=429, retry_after=None
    )
    rate = error_from_body({"code": 1302, "message": "slow down"}, http_status=429, retry_after=3)
    assert not balance.retryable
    assert rate.retryable and rate.retry_after == 3


@pytest.mark.parametrize(
    ("status", "code", "family"),
    [
        (401, "invalid_api_key", e.AuthError),
        (429, "rate_limit", e.RateLimitedError),
        (500, "invalid_request", e.InvalidRequestError),
        (503, "x", e.ServerError),
        (524, "x", e.ServerError),
    ],
)
def test_cometapi_gateway_envelope(status, code, family):
    body = {"error": {"message": "boom (request id: 1)", "type": "comet_api_error", "code": code}}
    assert type(error_from_body(body, http_status=status, retry_after=None)) is family


def test_echoed_secrets_are_redacted():
    body = {"code": 1002, "message": "bad token Bearer sk-secret-123"}
    error = error_from_body(body, http_status=401, retry_after=None, secrets=["sk-secret-123"])
    assert "sk-secret-123" not in str(error)
    assert "***" in str(error)


def test_timeout_error_says_how_to_resume():
    error = e.TaskTimeoutError("123", 60, "processing")
    assert "123" in str(error) and "client.wait" in str(error)
