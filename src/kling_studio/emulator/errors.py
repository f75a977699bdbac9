"""Kling's business error codes as data, and the exceptions the emulator raises internally."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class ErrorCode:
    http_status: int
    message: str


ERRORS: Final[Mapping[int, ErrorCode]] = {
    1000: ErrorCode(401, "Authentication failed"),
    1001: ErrorCode(401, "Authorization is empty"),
    1002: ErrorCode(401, "Authorization is invalid"),
    1003: ErrorCode(401, "Authorization is not yet valid"),
    1004: ErrorCode(401, "Authorization has expired"),
    1100: ErrorCode(429, "Account exception"),
    1101: ErrorCode(429, "Account in arrears"),
    1102: ErrorCode(429, "Resource pack exhausted or expired"),
    1103: ErrorCode(403, "No permission for the requested resource"),
    1200: ErrorCode(400, "Invalid request parameters"),
    1201: ErrorCode(400, "Invalid parameter"),
    1202: ErrorCode(404, "Invalid request method"),
    1203: ErrorCode(404, "Requested resource does not exist"),
    1300: ErrorCode(400, "Platform policy triggered"),
    1301: ErrorCode(400, "Content security policy triggered"),
    1302: ErrorCode(429, "The API request is too fast, please slow down"),
    1303: ErrorCode(429, "parallel task over resource pack limit"),
    1304: ErrorCode(429, "IP whitelist policy triggered"),
    5000: ErrorCode(500, "Internal server error"),
    5001: ErrorCode(503, "Service temporarily unavailable, please try again later"),
    5002: ErrorCode(504, "Server internal timeout, please try again later"),
}
"""Code → HTTP status and default message (kling-api.md §2)."""

AUTH_CODES: Final = frozenset({1000, 1001, 1002, 1003, 1004})

COMET_AUTH_CODES: Final[Mapping[int, str]] = {
    1000: "invalid_api_key",
    1001: "missing_authorization",
    1002: "invalid_authorization",
    1003: "token_not_yet_valid",
    1004: "token_expired",
}
"""The ``error.code`` string CometAPI's gateway envelope carries for each auth failure."""


class ApiError(Exception):
    """A request that the service answers with a Kling error envelope."""

    def __init__(
        self, code: int, message: str | None = None, *, retry_after: float | None = None
    ) -> None:
        self.code = code
        self.message = message or ERRORS[code].message
        self.retry_after = retry_after
        super().__init__(f"{code}: {self.message}")

    @property
    def http_status(self) -> int:
        return ERRORS[self.code].http_status


def invalid(message: str) -> ApiError:
    """A 1201 (invalid parameter) with a message that names the field and the rule."""
    return ApiError(1201, message)


class ConnectionDroppedError(Exception):
    """Raised by the app after a partial response, to emulate a connection cut mid-answer."""
