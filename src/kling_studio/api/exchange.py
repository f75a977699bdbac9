"""One HTTP exchange with the API: sign, send, and turn the answer into data or an exception.

Redirects are not followed: a Kling endpoint never redirects, and CometAPI answers a wrong path
with a 301, which must surface as a ``ProtocolError`` instead of being chased with the key.

Tracebacks with locals (``capture_locals``, IPython's verbose mode) print every frame between
the raise and the catch, so no frame that is on the stack while an error propagates holds a
credential: the ``Authorization`` header is set by an ``httpx.Auth`` inside httpx (whose
``Headers`` repr masks it), the redaction list is computed only as an argument of the calls that
redact, and failures are built in helpers that return them and raised outside any ``except``
block, so neither httpx's frames nor the answer's raw body ride along as the error's context.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Generator
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from .auth import Auth
from .errors import KlingError, ProtocolError, TransportError, error_from_body, redact
from .providers import Provider
from .transport_words import transport_words

log = logging.getLogger("kling_studio")

MAX_RETRY_AFTER = 300.0
"""A hint longer than five minutes is a misconfigured server, not advice to sleep for a day."""


@dataclass(frozen=True)
class Answer:
    data: Any
    request_id: str | None
    retry_after: float | None


class SignedBy(httpx.Auth):
    """Signs each request as httpx sends it, so the header value never sits in our locals."""

    def __init__(self, auth: Auth) -> None:
        self._auth = auth

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = self._auth.header()
        yield request

    def __repr__(self) -> str:
        return f"SignedBy({self._auth!r})"


def retry_after_seconds(headers: httpx.Headers) -> float | None:
    """``Retry-After`` as seconds (delta or HTTP date), or None."""
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return min(max(float(value), 0.0), MAX_RETRY_AFTER)
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
        date = headers.get("date")
        now = parsedate_to_datetime(date) if date else None
        seconds = (when - now).total_seconds() if now else None
    except (TypeError, ValueError, OverflowError):
        return None
    return None if seconds is None else min(max(seconds, 0.0), MAX_RETRY_AFTER)


async def exchange(
    http: httpx.AsyncClient,
    provider: Provider,
    method: str,
    endpoint: str,
    *,
    payload: dict[str, Any] | None = None,
    params: dict[str, Any] | None = None,
) -> Answer:
    """Send one request; raise the mapped exception for anything but a success envelope."""
    path = provider.path(endpoint)
    sent = await _send(http, provider.auth, method, path, payload=payload, params=params)
    outcome = sent if isinstance(sent, KlingError) else _outcome(sent, provider.auth, method, path)
    if isinstance(outcome, KlingError):
        raise outcome
    return outcome


async def _send(
    http: httpx.AsyncClient,
    auth: Auth,
    method: str,
    path: str,
    *,
    payload: dict[str, Any] | None,
    params: dict[str, Any] | None,
) -> httpx.Response | TransportError:
    """The response, or the ``TransportError`` to raise (made here, raised by the caller)."""
    try:
        return await http.request(
            method,
            path,
            json=payload,
            params=params,
            headers={"Content-Type": "application/json"},
            auth=SignedBy(auth),
            follow_redirects=False,
        )
    except httpx.HTTPError as error:
        # httpx's message can quote what was sent (an illegal header value): redact it, after
        # signing, so a token just made is hidden too
        log.info("%s %s failed: %s", method, path, type(error).__name__)
        detail = redact(str(error), auth.secrets())
        said = transport_words(error) + (f" ({detail})" if detail else "")
        return TransportError(f"{method} {path}: {said}")


def _outcome(response: httpx.Response, auth: Auth, method: str, path: str) -> Answer | KlingError:
    """What the answer means: data, or the error to raise. The raw body stays in this frame,
    which has returned before anything is raised: the service may echo what it was sent."""
    retry_after = retry_after_seconds(response.headers)
    log.debug("%s %s -> HTTP %s", method, path, response.status_code)
    if response.is_redirect:
        return ProtocolError(
            f"{method} {path} was redirected (HTTP {response.status_code})",
            http_status=response.status_code,
        )
    try:
        body = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        kind = response.headers.get("content-type", "unknown content").split(";")[0]
        return ProtocolError(
            f"{method} {path} answered HTTP {response.status_code} with {kind}, not JSON",
            http_status=response.status_code,
        )
    failure = error_from_body(
        body, http_status=response.status_code, retry_after=retry_after, secrets=auth.secrets()
    )
    if failure is not None:
        log.info("%s %s -> %s", method, path, failure)
        return failure
    if not isinstance(body, dict) or "data" not in body:
        return ProtocolError(
            f"{method} {path} answered JSON without Kling's data envelope",
            http_status=response.status_code,
        )
    return Answer(body["data"], body.get("request_id"), retry_after)
