"""Where requests go and how they are signed: CometAPI, Kling's own API, or any base URL.

The environment is read once, here: ``COMETAPI_KEY``; ``KLING_API_KEY``; ``KLING_ACCESS_KEY`` +
``KLING_SECRET_KEY``; ``KLING_BASE_URL`` (overrides the host of whichever is chosen);
``KLING_REGION`` (global, singapore, beijing, legacy). Kling's own credentials win over CometAPI's
when both are set.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final
from urllib.parse import urlsplit

from .auth import Auth, BearerKey, JwtAuth
from .capabilities import DOCUMENTED, PromptLimits, ProviderDocs
from .errors import ConfigurationError

COMETAPI_URL: Final = "https://api.cometapi.com"
CONNECTION_VARIABLES: Final = (
    "COMETAPI_KEY",
    "KLING_API_KEY",
    "KLING_ACCESS_KEY",
    "KLING_SECRET_KEY",
    "KLING_BASE_URL",
)
"""Every environment variable that points the client at a real service (or carries its keys)."""
KLING_REGIONS: Final[Mapping[str, str]] = {
    "global": "https://api-singapore.klingai.com",
    "singapore": "https://api-singapore.klingai.com",
    "beijing": "https://api-beijing.klingai.com",
    "legacy": "https://api.klingai.com",
}


@dataclass(frozen=True)
class Provider:
    """One API family: base URL, path prefix, authorization and what its pages document."""

    name: str
    base_url: str
    path_prefix: str
    auth: Auth
    limits_key: str
    """The key of ``capabilities.DOCUMENTED`` whose pages this host follows."""

    @property
    def prompt_limits(self) -> PromptLimits:
        return self.docs.prompt_limits

    @property
    def docs(self) -> ProviderDocs:
        """What this provider's pages document, route by route (limits, durations, fields)."""
        return DOCUMENTED[self.limits_key]

    def path(self, endpoint: str) -> str:
        """``/v1/videos/image2video`` on Kling, ``/kling/v1/videos/image2video`` on CometAPI."""
        return f"{self.path_prefix}{endpoint}"

    def describe(self) -> str:
        return f"{self.name} at {self.base_url}"

    @classmethod
    def cometapi(cls, key: str, *, base_url: str = COMETAPI_URL) -> Provider:
        auth = BearerKey(key)
        key = HIDDEN  # only `auth` holds it now; a traceback with locals prints this frame
        return cls("cometapi", _checked_url(base_url), "/kling", auth, "cometapi")

    @classmethod
    def kling(
        cls,
        *,
        access_key: str | None = None,
        secret_key: str | None = None,
        api_key: str | None = None,
        region: str = "global",
        base_url: str | None = None,
    ) -> Provider:
        """Kling's own API, signed with an AK/SK JWT or a single API key."""
        auth: Auth | None = None
        if api_key:
            auth = BearerKey(api_key)
        elif access_key and secret_key:
            auth = JwtAuth(access_key, secret_key)
        # only `auth` holds the keys now; a traceback with locals prints this frame
        access_key, secret_key, api_key = _hidden(access_key), _hidden(secret_key), _hidden(api_key)
        if auth is None:
            raise ConfigurationError(
                "Kling needs either api_key, or both access_key and secret_key"
            )
        url = _region_url(region, "region") if base_url is None else base_url
        return cls("kling", _checked_url(url), "", auth, "kling")

    @classmethod
    def custom(
        cls, base_url: str, auth: Auth, *, path_prefix: str = "", limits: str = "kling"
    ) -> Provider:
        """Any Kling-compatible host (a proxy, a standalone emulator), checked against what
        the pages of ``limits`` ("kling" or "cometapi") document."""
        if limits not in DOCUMENTED:
            raise ConfigurationError(
                f"limits: must be one of {', '.join(DOCUMENTED)} (got {limits!r})"
            )
        return cls("custom", _checked_url(base_url), path_prefix, auth, limits)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Provider | None:
        """The provider the environment configures, or None when it configures none.

        The host and region are checked before any key is read, and keys go straight into the
        constructors as arguments: no frame here holds a key, or the environment, in a local.
        """
        variables = _Variables(env)
        env = None  # `variables` reads it; the mapping's repr would print every key
        pair = [n for n in ("KLING_ACCESS_KEY", "KLING_SECRET_KEY") if variables.is_set(n)]
        if len(pair) == 1:
            raise ConfigurationError(
                f"{pair[0]} is set but its partner is not: Kling needs KLING_ACCESS_KEY and "
                "KLING_SECRET_KEY together (or KLING_API_KEY)"
            )
        base_url = variables.get("KLING_BASE_URL") or None
        if variables.is_set("KLING_API_KEY") or len(pair) == 2:
            if base_url is None:
                region = variables.get("KLING_REGION")
                url = _region_url("global" if region is None else region, "KLING_REGION")
            else:
                url = _checked_url(base_url, "KLING_BASE_URL")
            return cls.kling(
                access_key=variables.get("KLING_ACCESS_KEY"),
                secret_key=variables.get("KLING_SECRET_KEY"),
                api_key=variables.get("KLING_API_KEY"),
                base_url=url,
            )
        if variables.is_set("COMETAPI_KEY"):
            url = _checked_url(base_url or COMETAPI_URL, "KLING_BASE_URL")
            return cls.cometapi(variables.get("COMETAPI_KEY") or "", base_url=url)
        return None


HIDDEN: Final = "<hidden>"
"""What a credential parameter is rebound to once it is wrapped."""


def _hidden(value: str | None) -> str | None:
    return None if value is None else HIDDEN


class _Variables:
    """Reads the environment (``os.environ`` unless a mapping is given) one name at a time.

    Its repr names only the connection variables that are set, never their values.
    """

    def __init__(self, env: Mapping[str, str] | None) -> None:
        self._env = env

    def get(self, name: str) -> str | None:
        return (os.environ if self._env is None else self._env).get(name)

    def is_set(self, name: str) -> bool:
        return bool(self.get(name))

    def __repr__(self) -> str:
        names = [name for name in (*CONNECTION_VARIABLES, "KLING_REGION") if self.is_set(name)]
        return f"<environment with {', '.join(names) or 'no connection variables'}>"


def _region_url(region: str, what: str) -> str:
    if region not in KLING_REGIONS:
        raise ConfigurationError(
            f"{what}: must be one of {', '.join(KLING_REGIONS)} (got {region!r})"
        )
    return KLING_REGIONS[region]


def _checked_url(url: str, what: str = "base_url") -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigurationError(f"{what}: must be an http(s) URL (got {url!r})")
    if parts.username or parts.password:
        raise ConfigurationError(f"{what}: must not carry credentials; pass them as keys")
    return url.rstrip("/")
