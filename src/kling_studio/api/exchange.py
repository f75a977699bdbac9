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
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    date = headers.get("date")
    now = parsedate_to_datetime(date) if date else None
    return max((when - now).total_seconds(), 0.0) if now else None


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
    secrets = provider.auth.secrets()
    path = provider.path(endpoint)
    headers = {"Authorization": provider.auth.header(), "Content-Type": "application/json"}
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
