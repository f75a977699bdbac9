"""Exceptions, one family per block of Kling's code table, and the table that maps codes to them.

Logic keys on the business ``code``, never on the HTTP status alone: 429 carries both retryable
(1302, 1303) and non-retryable (1100–1102) conditions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar


class KlingError(Exception):
    """Base of every error this package raises about Kling work."""

    retryable: ClassVar[bool] = False
    advice: ClassVar[str] = ""


class ConfigurationError(KlingError):
    """The client is set up wrongly (no credentials where some are needed, bad base URL)."""


class ApiError(KlingError):
    """The service answered with a Kling (or CometAPI) error envelope."""

    def __init__(
        self,
        message: str,
        *,
        code: int | str | None = None,
        http_status: int | None = None,
        request_id: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        self.message = message
        self.code = code
        self.http_status = http_status
        self.request_id = request_id
        self.retry_after = retry_after
        super().__init__(self._text())

    def _text(self) -> str:
        parts = [f"{self.message}"]
        where = ", ".join(
            f"{k} {v}"
            for k, v in (
                ("code", self.code),
                ("HTTP", self.http_status),
                ("request_id", self.request_id),
            )
            if v not in (None, "")
        )
        if where:
            parts.append(f"({where})")
        if self.advice:
            parts.append(f"— {self.advice}")
        return " ".join(parts)


class AuthError(ApiError):
    advice = "check the API key, or the access key / secret key pair and the machine's clock"


class TokenTimingError(AuthError):
    """1003/1004: the JWT was not yet valid or expired; re-signing once fixes a skew blip."""

    retryable = True


class BalanceError(ApiError):
    advice = "top up the account or buy a resource pack; this is never retried"


class PermissionDeniedError(ApiError):
    advice = "the account has no access to this endpoint or model"


class InvalidRequestError(ApiError):
    advice = "fix the request as the message says"


class NotFoundError(ApiError):
    advice = "check the task id, the model name and the path"


class PolicyError(ApiError):
    advice = "the content or account policy refused this request; change the input"


class RateLimitedError(ApiError):
    retryable = True
    advice = "too many requests; retried with backoff"


class ConcurrencyLimitError(RateLimitedError):
    advice = "all of the account's concurrent task slots are busy; waiting for one to free"


class ServerError(ApiError):
    retryable = True
    advice = "the service had a problem; retried with backoff"


class ProtocolError(KlingError):
    """The answer was not Kling's JSON: HTML, a redirect, or garbage (often a wrong base URL)."""

    retryable = True
    advice = "the answer was not the API's JSON; check the base URL"

    def __init__(self, message: str, *, http_status: int | None = None) -> None:
        self.http_status = http_status
        super().__init__(f"{message} — {self.advice}")


class TransportError(KlingError):
    """The connection failed or timed out before an answer arrived."""

    retryable = True


class TaskFailedError(KlingError):
    """The task ended as ``failed``; Kling answers such queries with code 0 and HTTP 200."""

    def __init__(self, task_id: str, status_msg: str) -> None:
        self.task_id = task_id
        self.status_msg = status_msg
        super().__init__(f"task {task_id} failed: {status_msg or 'no reason given'}")


class TaskTimeoutError(KlingError, TimeoutError):
    """The local wait ran out; the task itself goes on and can be resumed by id."""

    def __init__(
        self, task_id: str, waited_seconds: float, status: str, kind: str = "image2video"
    ) -> None:
        self.task_id = task_id
        self.waited_seconds = waited_seconds
        self.status = status
        self.kind = kind
        how = (
            f"client.wait({task_id!r})"
            if kind == "image2video"
            else (f"client.wait({task_id!r}, kind={kind!r})")
        )
        super().__init__(
            f"stopped waiting for task {task_id} after {waited_seconds:.0f} s (still {status}); "
            f"it keeps running: resume with {how}"
        )


@dataclass(frozen=True)
class CodeRange:
    first: int
    last: int
    error: type[ApiError]


CODE_TABLE: tuple[CodeRange, ...] = (
    CodeRange(1000, 1002, AuthError),
    CodeRange(1003, 1004, TokenTimingError),
    CodeRange(1100, 1102, BalanceError),
    CodeRange(1103, 1103, PermissionDeniedError),
    CodeRange(1200, 1201, InvalidRequestError),
    CodeRange(1202, 1203, NotFoundError),
    CodeRange(1300, 1301, PolicyError),
    CodeRange(1302, 1302, RateLimitedError),
    CodeRange(1303, 1303, ConcurrencyLimitError),
    CodeRange(1304, 1304, PolicyError),
    CodeRange(5000, 5002, ServerError),
)
"""Kling's business codes (kling-api.md §2) → exception family."""

HTTP_STATUS_TABLE: Mapping[int, type[ApiError]] = {
    400: InvalidRequestError,
    401: AuthError,
    402: BalanceError,
    403: PermissionDeniedError,
    404: NotFoundError,
    429: RateLimitedError,
    500: ServerError,
    502: ServerError,
    503: ServerError,
    504: ServerError,
    524: ServerError,
}
"""For CometAPI's gateway envelope, which has no Kling code: status → family."""


def error_class_for_code(code: int) -> type[ApiError]:
    for entry in CODE_TABLE:
        if entry.first <= code <= entry.last:
            return entry.error
    return ServerError if code >= 5000 else ApiError


def redact(text: str, secrets: Iterable[str]) -> str:
    """Replace every secret in ``text``; the service sometimes echoes what it was sent."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text


def error_from_body(
    body: Any,
    *,
    http_status: int,
    retry_after: float | None,
    secrets: Iterable[str] = (),
) -> ApiError | None:
    """The exception an error answer stands for, or None when ``body`` is a success envelope."""
    if not isinstance(body, dict):
        return None
    secrets = tuple(secrets)
    gateway = body.get("error")
    if isinstance(gateway, dict):
        message = redact(str(gateway.get("message") or "CometAPI error"), secrets)
        gateway_code = gateway.get("code")
        family = HTTP_STATUS_TABLE.get(http_status, ApiError)
        if gateway_code == "invalid_request":
            family = InvalidRequestError
        return family(message, code=gateway_code, http_status=http_status, retry_after=retry_after)
    code = body.get("code")
    if code in (0, None) and http_status < 400:
        return None
    message = redact(str(body.get("message") or "error"), secrets)
    request_id = body.get("request_id")
    if isinstance(code, int):
        family = error_class_for_code(code)
    else:
        family = HTTP_STATUS_TABLE.get(http_status, ApiError)
    return family(
        message,
        code=code,
        http_status=http_status,
        request_id=str(request_id) if request_id else None,
        retry_after=retry_after,
    )
