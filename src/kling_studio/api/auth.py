"""Authorization headers: a static bearer key, or a JWT signed from Kling's access + secret key.

Credentials live only in these objects; their reprs hide them and ``secrets()`` lists what
error messages must never echo. No frame of this module holds a credential in a local while an
exception leaves it (tracebacks with locals would print it).
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from .errors import ConfigurationError, redact


class Auth(Protocol):
    """Produces the ``Authorization`` header value for each request."""

    def header(self) -> str: ...

    def invalidate(self) -> None:
        """Forget any cached token, so the next header is freshly signed."""

    def secrets(self) -> tuple[str, ...]: ...


@dataclass(frozen=True, repr=False)
class BearerKey:
    """A ready key sent as ``Bearer <key>``: CometAPI keys and Kling's single API keys."""

    key: str

    def header(self) -> str:
        return f"Bearer {self.key}"

    def invalidate(self) -> None:
        return None

    def secrets(self) -> tuple[str, ...]:
        return (self.key,)

    def __repr__(self) -> str:
        return "BearerKey(key=<hidden>)"


@dataclass(repr=False)
class JwtAuth:
    """Kling's AK/SK scheme: HS256 JWT with ``iss``=AK, ``exp``=now+ttl, ``nbf``=now−5.

    The token is cached and re-signed ``refresh_margin`` seconds before it expires, and
    immediately after the service reports 1003/1004 (clock skew) via ``invalidate()``.
    """

    access_key: str
    secret_key: str
    ttl: int = 1800
    refresh_margin: int = 60
    not_before_margin: int = 5
    now: Callable[[], float] = time.time
    _token: str | None = field(default=None, init=False)
    _expires_at: float = field(default=0.0, init=False)

    def header(self) -> str:
        return f"Bearer {self.token()}"

    def token(self) -> str:
        now = self.now()
        if self._token is None or now >= self._expires_at - self.refresh_margin:
            issued = int(now)
            claims = {
                "iss": self.access_key,
                "exp": issued + self.ttl,
                "nbf": issued - self.not_before_margin,
            }
            signed = _sign(claims, self.secret_key)
            if isinstance(signed, ConfigurationError):
                raise signed
            self._token = signed
            self._expires_at = issued + self.ttl
        return self._token

    def invalidate(self) -> None:
        self._token = None

    def secrets(self) -> tuple[str, ...]:
        return tuple(s for s in (self.secret_key, self.access_key, self._token) if s)

    def __repr__(self) -> str:
        return "JwtAuth(access_key=<hidden>, secret_key=<hidden>)"


def _sign(claims: dict[str, object], secret_key: str) -> str | ConfigurationError:
    """The HS256 token, or the error to raise: made here and raised by the caller, outside any
    ``except``, so neither this frame nor PyJWT's (which hold the secret) reach a traceback."""
    import jwt  # on first signature: most providers use a bearer key

    try:
        with warnings.catch_warnings():
            # Kling issues the secret; its length is not ours to choose.
            warnings.simplefilter("ignore", jwt.warnings.InsecureKeyLengthWarning)
            return jwt.encode(claims, secret_key, algorithm="HS256", headers={"typ": "JWT"})
    except (jwt.PyJWTError, TypeError, ValueError) as error:
        reason = redact(str(error), (secret_key,) if isinstance(secret_key, str) else ())
        return ConfigurationError(
            f"cannot sign a JWT with this secret key ({type(error).__name__}: {reason})"
        )
