"""Bearer-key and AK/SK JWT authentication, answering with Kling's codes 1000–1004.

PyJWT parses the token; the HS256 signature is checked here with ``hmac``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

import jwt

from .errors import ApiError

BEARER = "Bearer "


@dataclass(frozen=True)
class Account:
    """Who is calling: an opaque id derived from the credential, never the credential."""

    id: str


def _account(kind: str, credential: str) -> Account:
    return Account(f"{kind}-{hashlib.sha256(credential.encode()).hexdigest()[:12]}")


def authenticate(
    header: str | None,
    *,
    api_keys: Collection[str],
    access_keys: Mapping[str, str],
    now: float,
) -> Account:
    """The account an ``Authorization`` header proves, or ApiError(1000–1004).

    ``now`` is real Unix time: clients sign tokens with their wall clock, not virtual time.
    """
    if not header:
        raise ApiError(1001)
    token = header.removeprefix(BEARER)
    if token == header or not token or token != token.strip() or " " in token:
        raise ApiError(1002)
    if token in api_keys:
        return _account("key", token)
    if token.count(".") == 2:
        return _account("ak", _verify_jwt(token, access_keys, now))
    raise ApiError(1000)


def _verify_jwt(token: str, access_keys: Mapping[str, str], now: float) -> str:
    """The AccessKey that signed ``token``; exp/nbf are checked against ``now``."""
    try:
        header = jwt.get_unverified_header(token)
        claims: dict[str, Any] = jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError:
        raise ApiError(1002) from None
    issuer = claims.get("iss")
    if header.get("alg") != "HS256" or not isinstance(issuer, str):
        raise ApiError(1002)
    secret = access_keys.get(issuer)
    if secret is None or not _signed_by(token, secret):
        raise ApiError(1000)
    return _check_times(claims, now, issuer)


def _signed_by(token: str, secret: str) -> bool:
    """The HS256 check itself (PyJWT would warn on every short emulator secret)."""
    signing_input, _, signature = token.rpartition(".")
    expected = hmac.new(secret.encode(), signing_input.encode(), hashlib.sha256).digest()
    try:
        given = base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4))
    except ValueError:
        return False
    return hmac.compare_digest(expected, given)


def _check_times(claims: Mapping[str, Any], now: float, issuer: str) -> str:
    expires, not_before = _time(claims.get("exp")), _time(claims.get("nbf", now))
    if expires is None or not_before is None:
        raise ApiError(1002)
    if not_before > now:
        raise ApiError(1003)
    if expires <= now:
        raise ApiError(1004)
    return issuer


def _time(value: object) -> float | None:
    """A numeric claim as a float; None when it is missing or not a number."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)
