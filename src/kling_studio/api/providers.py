"""Where requests go and how they are signed: CometAPI, Kling's own API, or any base URL.

The environment is read once, here: ``COMETAPI_KEY``; ``KLING_API_KEY``; ``KLING_ACCESS_KEY`` +
``KLING_SECRET_KEY``; ``KLING_BASE_URL`` (overrides the host of whichever is chosen);
``KLING_REGION`` (global, singapore, beijing, legacy). Kling's own credentials win over CometAPI's
when both are set.

Every credential is checked when the provider is built: an empty or blank key, or one an HTTP
header cannot carry (a line break pasted with it), would otherwise be sent, retried and refused
by the network layer seconds later. The errors name the credential and the rule, never the value.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
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
        refused = _refused(("CometAPI key", key))
        auth = BearerKey(key)
        key = HIDDEN  # only `auth` holds it now; a traceback with locals prints this frame
        if refused is not None:
            raise refused
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
        refused = _refused(
            ("Kling API key", api_key), ("access key", access_key), ("secret key", secret_key)
        )
        auth: Auth | None = None
        if api_key is not None:
            auth = BearerKey(api_key)
        elif access_key is not None and secret_key is not None:
            auth = JwtAuth(access_key, secret_key)
        # only `auth` holds the keys now; a traceback with locals prints this frame
        access_key, secret_key, api_key = _hidden(access_key), _hidden(secret_key), _hidden(api_key)
        if refused is not None:
            raise refused
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
        if (refused := _refused(*_credentials(auth))) is not None:
            raise refused
        return cls("custom", _checked_url(base_url), path_prefix, auth, limits)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Provider | None:
        """The provider the environment configures, or None when it configures none.

        The host and region are checked before any key is read, and keys go straight into the
        constructors as arguments: no frame here holds a key, or the environment, in a local.
        """
        variables = _Variables(env)
        env = None  # `variables` reads it; the mapping's repr would print every key
        for name in CREDENTIAL_VARIABLES:
            if (rule := variables.refused(name)) is not None:
                raise ConfigurationError(
                    f"{name} {rule}: set it to the key exactly as issued, or unset it"
                )
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

CREDENTIAL_VARIABLES: Final = (
    "COMETAPI_KEY",
    "KLING_API_KEY",
    "KLING_ACCESS_KEY",
    "KLING_SECRET_KEY",
)
"""The connection variables that carry keys: present but empty is refused, not taken as unset
(an export of a secret that was not found would otherwise quietly work offline)."""

CREDENTIAL_RULES: Final[tuple[tuple[Callable[[str], bool], str], ...]] = (
    (lambda value: value == "", "is empty"),
    (lambda value: not value.strip(), "is only whitespace"),
    (lambda value: value != value.strip(), "starts or ends with whitespace (a line break?)"),
    (
        lambda value: not all(" " <= c <= "~" for c in value),
        "holds a character an HTTP header cannot carry (a control character or non-ASCII)",
    ),
)
"""What makes a credential unusable, first match wins: a key goes into the ``Authorization``
header (a JWT's keys into its claims and signature), which takes printable ASCII only."""


def credential_rule(value: str) -> str | None:
    """The rule ``value`` breaks, in words, or None. Never raises: the caller's frame holds
    the credential, and raises only once it has let go of it."""
    return next((rule for broken, rule in CREDENTIAL_RULES if broken(value)), None)


def _refused(*credentials: tuple[str, str | None]) -> ConfigurationError | None:
    """The error for the first given credential that breaks a rule (named, never shown)."""
    for what, value in credentials:
        rule = None if value is None else credential_rule(value)
        if rule is not None:
            return ConfigurationError(f"the {what} {rule}: give the key exactly as issued")
    return None


def _credentials(auth: Auth) -> tuple[tuple[str, str | None], ...]:
    """The named credentials of the package's own auth kinds (others check their own)."""
    if isinstance(auth, BearerKey):
        return (("key", auth.key),)
    if isinstance(auth, JwtAuth):
        return (("access key", auth.access_key), ("secret key", auth.secret_key))
    return ()


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

    def refused(self, name: str) -> str | None:
        """The rule the variable's value breaks, if it is present at all (an empty one too)."""
        value = self.get(name)
        return None if value is None else credential_rule(value)

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
