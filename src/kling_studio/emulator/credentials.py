"""The credentials a served emulator accepts, and the block it prints about them on start.

They come from the command line, else the environment, else the defaults in ``config`` — each
kind (bearer keys, access/secret pairs) on its own. They are the emulator's own test
credentials: printing them is how a person points a client at it, so never give it real ones.
"""

from __future__ import annotations

import shlex
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from .config import DEFAULT_ACCESS_KEY, DEFAULT_API_KEY, DEFAULT_SECRET_KEY

API_KEY_VARIABLE: Final = "KLING_STUDIO_EMULATOR_API_KEY"
ACCESS_KEY_VARIABLE: Final = "KLING_STUDIO_EMULATOR_ACCESS_KEY"
SECRET_KEY_VARIABLE: Final = "KLING_STUDIO_EMULATOR_SECRET_KEY"
FLAG_NAMES: Final = ("--access-key", "--secret-key")
ENV_NAMES: Final = (ACCESS_KEY_VARIABLE, SECRET_KEY_VARIABLE)


class CredentialError(ValueError):
    """Credentials the emulator could never accept (empty, with spaces, half a pair)."""


@dataclass(frozen=True)
class Credentials:
    api_keys: tuple[str, ...]
    """Bearer keys accepted as they are."""
    access_keys: Mapping[str, str]
    """AccessKey → SecretKey pairs whose HS256 JWTs are accepted."""


def resolve(
    api_keys: Sequence[str],
    access_keys: Sequence[str],
    secret_keys: Sequence[str],
    env: Mapping[str, str],
) -> Credentials:
    """Per kind, the flags' credentials, else the environment's, else the defaults."""
    named_keys = [(key, "--api-key") for key in api_keys] or [
        (key, API_KEY_VARIABLE) for key in _set(env, API_KEY_VARIABLE)
    ]
    pairs = _pairs(access_keys, secret_keys, FLAG_NAMES) or _pairs(
        _set(env, ACCESS_KEY_VARIABLE), _set(env, SECRET_KEY_VARIABLE), ENV_NAMES
    )
    keys = dict.fromkeys(_checked(key, name) for key, name in named_keys)
    return Credentials(
        api_keys=tuple(keys) or (DEFAULT_API_KEY,),
        access_keys=pairs or {DEFAULT_ACCESS_KEY: DEFAULT_SECRET_KEY},
    )


def _set(env: Mapping[str, str], name: str) -> list[str]:
    """The variable's value as a one-item list; none when it is unset or empty."""
    value = env.get(name)
    return [value] if value else []


def _pairs(
    access_keys: Sequence[str], secret_keys: Sequence[str], names: tuple[str, str]
) -> dict[str, str]:
    """The i-th access key goes with the i-th secret key; an access key has one secret."""
    if len(access_keys) != len(secret_keys):
        raise CredentialError(
            f"{names[0]} and {names[1]} go in pairs: got {len(access_keys)} access key(s) and "
            f"{len(secret_keys)} secret key(s)"
        )
    pairs: dict[str, str] = {}
    for access, secret in zip(access_keys, secret_keys, strict=True):
        access, secret = _checked(access, names[0]), _checked(secret, names[1])
        if pairs.setdefault(access, secret) != secret:
            raise CredentialError(f"{names[0]} {access} is given twice with different secrets")
    return pairs


def _checked(value: str, name: str) -> str:
    """A credential a client can present: not empty, and no spaces (a bearer token has none)."""
    if not value or value != "".join(value.split()):
        raise CredentialError(f"{name} must be a non-empty value without spaces, got {value!r}")
    return value


def banner(url: str, credentials: Credentials) -> str:
    """What the emulator prints when it starts: where it is, what it accepts, how to use it."""
    key = credentials.api_keys[0]
    access, secret = next(iter(credentials.access_keys.items()))
    quoted = shlex.quote
    return "\n".join(
        [
            f"Kling emulator on {url} (Kling's paths: /v1/..., CometAPI's: /kling/v1/...)",
            "Accepted credentials (the emulator's own test credentials):",
            *(f"  bearer key           {k}" for k in credentials.api_keys),
            *(f"  access / secret key  {a} / {s}" for a, s in credentials.access_keys.items()),
            "Point kling-studio at it with either:",
            f"  KLING_BASE_URL={quoted(url)} KLING_API_KEY={quoted(key)}",
            f"  KLING_BASE_URL={quoted(url)} KLING_ACCESS_KEY={quoted(access)} "
            f"KLING_SECRET_KEY={quoted(secret)}",
            f"Other clients: base URL {url}, header 'Authorization: Bearer <key>' or a JWT "
            "(HS256, iss = access key) signed with the secret key.",
        ]
    )
