"""One HTTP exchange with the API: sign, send, and turn the answer into data or an exception.

Redirects are not followed: a Kling endpoint never redirects, and CometAPI answers a wrong path
with a 301, which must surface as a ``ProtocolError`` instead of being chased with the key.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from .errors import ProtocolError, TransportError, error_from_body, redact
from .providers import Provider

log = logging.getLogger("kling_studio")

MAX_RETRY_AFTER = 300.0
"""A hint longer than five minutes is a misconfigured server, not advice to sleep for a day."""


@dataclass(frozen=True)
class Answer:
    data: Any
    request_id: str | None
    retry_after: float | None


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
    headers = {"Authorization": provider.auth.header(), "Content-Type": "application/json"}
    secrets = provider.auth.secrets()  # after signing: the token just made must be hidden too
    path = provider.path(endpoint)
    try:
        response = await http.request(
            method, path, json=payload, params=params, headers=headers, follow_redirects=False
        )
    except httpx.HTTPError as error:
        log.info("%s %s failed: %s", method, path, type(error).__name__)
        raise TransportError(
            f"{method} {path}: {redact(str(error) or type(error).__name__, secrets)}"
        ) from None
    retry_after = retry_after_seconds(response.headers)
    log.debug("%s %s -> HTTP %s", method, path, response.status_code)
    if response.is_redirect:
        raise ProtocolError(
            f"{method} {path} was redirected (HTTP {response.status_code})",
            http_status=response.status_code,
        )
    try:
        body = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        kind = response.headers.get("content-type", "unknown content").split(";")[0]
        raise ProtocolError(
            f"{method} {path} answered HTTP {response.status_code} with {kind}, not JSON",
            http_status=response.status_code,
        ) from None
    failure = error_from_body(
        body, http_status=response.status_code, retry_after=retry_after, secrets=secrets
    )
    if failure is not None:
        log.info("%s %s -> %s", method, path, failure)
        raise failure
    if not isinstance(body, dict) or "data" not in body:
        raise ProtocolError(
            f"{method} {path} answered JSON without Kling's data envelope",
            http_status=response.status_code,
        )
    return Answer(body["data"], body.get("request_id"), retry_after)
