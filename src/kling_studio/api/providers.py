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
from .capabilities import PROMPT_LIMITS, PromptLimits
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
    """One API family: base URL, path prefix, authorization and its prompt limits."""

    name: str
    base_url: str
    path_prefix: str
    auth: Auth
    limits_key: str

    @property
    def prompt_limits(self) -> PromptLimits:
        return PROMPT_LIMITS[self.limits_key]

    def path(self, endpoint: str) -> str:
        """``/v1/videos/image2video`` on Kling, ``/kling/v1/videos/image2video`` on CometAPI."""
        return f"{self.path_prefix}{endpoint}"

    def describe(self) -> str:
        return f"{self.name} at {self.base_url}"

    @classmethod
    def cometapi(cls, key: str, *, base_url: str = COMETAPI_URL) -> Provider:
        return cls("cometapi", _checked_url(base_url), "/kling", BearerKey(key), "cometapi")

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
        auth: Auth
        if api_key:
            auth = BearerKey(api_key)
        elif access_key and secret_key:
            auth = JwtAuth(access_key, secret_key)
        else:
            raise ConfigurationError(
                "Kling needs either api_key, or both access_key and secret_key"
            )
        if base_url is None:
            if region not in KLING_REGIONS:
                raise ConfigurationError(
                    f"region: must be one of {', '.join(KLING_REGIONS)} (got {region!r})"
                )
            base_url = KLING_REGIONS[region]
        return cls("kling", _checked_url(base_url), "", auth, "kling")

    @classmethod
    def custom(
        cls, base_url: str, auth: Auth, *, path_prefix: str = "", limits: str = "kling"
    ) -> Provider:
        """Any Kling-compatible host (a proxy, a standalone emulator)."""
        return cls("custom", _checked_url(base_url), path_prefix, auth, limits)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Provider | None:
        """The provider the environment configures, or None when it configures none."""
        env = os.environ if env is None else env
        pair = [name for name in ("KLING_ACCESS_KEY", "KLING_SECRET_KEY") if env.get(name)]
        if len(pair) == 1:
            raise ConfigurationError(
                f"{pair[0]} is set but its partner is not: Kling needs KLING_ACCESS_KEY and "
                "KLING_SECRET_KEY together (or KLING_API_KEY)"
            )
        base_url = env.get("KLING_BASE_URL") or None
        region = env.get("KLING_REGION", "global")
        if env.get("KLING_API_KEY") or (
            env.get("KLING_ACCESS_KEY") and env.get("KLING_SECRET_KEY")
        ):
            return cls.kling(
                access_key=env.get("KLING_ACCESS_KEY"),
                secret_key=env.get("KLING_SECRET_KEY"),
                api_key=env.get("KLING_API_KEY"),
                region=region,
                base_url=base_url,
            )
        if env.get("COMETAPI_KEY"):
            return cls.cometapi(env["COMETAPI_KEY"], base_url=base_url or COMETAPI_URL)
        return None


def _checked_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigurationError(f"base_url: must be an http(s) URL (got {url!r})")
    if parts.username or parts.password:
        raise ConfigurationError("base_url: must not carry credentials; pass them as keys")
    return url.rstrip("/")
