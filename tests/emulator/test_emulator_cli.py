"""The emulator's command line: credentials from flags and the environment, the app they make,
and the block it prints on start."""

from __future__ import annotations

import time
import warnings
from collections.abc import Mapping
from typing import Any

import httpx
import jwt
import pytest

from kling_studio.emulator import Emulator
from kling_studio.emulator.cli import config_of, credentials_of, parser, run_server
from kling_studio.emulator.config import DEFAULT_ACCESS_KEY, DEFAULT_API_KEY, DEFAULT_SECRET_KEY
from kling_studio.emulator.credentials import CredentialError, Credentials, banner

DEFAULTS = Credentials((DEFAULT_API_KEY,), {DEFAULT_ACCESS_KEY: DEFAULT_SECRET_KEY})
ENV = {
    "KLING_STUDIO_EMULATOR_API_KEY": "env-key",
    "KLING_STUDIO_EMULATOR_ACCESS_KEY": "env-ak",
    "KLING_STUDIO_EMULATOR_SECRET_KEY": "env-sk",
}


def credentials(argv: list[str], env: Mapping[str, str] | None = None) -> Credentials:
    return credentials_of(parser().parse_args(argv), env or {})


RESOLVED = {
    "nothing given: the defaults": ([], {}, DEFAULTS),
    "empty variables count as unset": (
        [],
        dict.fromkeys(ENV, ""),
        DEFAULTS,
    ),
    "the environment": ([], ENV, Credentials(("env-key",), {"env-ak": "env-sk"})),
    "flags win over the environment": (
        ["--api-key", "K", "--access-key", "AK", "--secret-key", "SK"],
        ENV,
        Credentials(("K",), {"AK": "SK"}),
    ),
    "each kind on its own": (
        ["--api-key", "K"],
        {k: v for k, v in ENV.items() if "API_KEY" not in k},
        Credentials(("K",), {"env-ak": "env-sk"}),
    ),
    "repeated flags, pairs in order": (
        [
            *("--api-key", "K1", "--access-key", "A1", "--api-key", "K2", "--access-key", "A2"),
            *("--secret-key", "S1", "--secret-key", "S2"),
        ],
        {},
        Credentials(("K1", "K2"), {"A1": "S1", "A2": "S2"}),
    ),
    "a pair given twice is one pair": (
        ["--access-key", "A", "--secret-key", "S", "--access-key", "A", "--secret-key", "S"],
        {},
        Credentials((DEFAULT_API_KEY,), {"A": "S"}),
    ),
}


@pytest.mark.parametrize(("argv", "env", "expected"), RESOLVED.values(), ids=RESOLVED.keys())
def test_credentials_from_flags_then_environment_then_defaults(
    argv: list[str], env: dict[str, str], expected: Credentials
) -> None:
    assert credentials(argv, env) == expected


REFUSED = {
    "access key alone": (["--access-key", "AK"], {}, "--access-key and --secret-key go in pairs"),
    "secret key alone": (["--secret-key", "SK"], {}, "got 0 access key(s) and 1 secret key(s)"),
    "half a pair in the environment": (
        [],
        {"KLING_STUDIO_EMULATOR_SECRET_KEY": "sk"},
        "KLING_STUDIO_EMULATOR_ACCESS_KEY and KLING_STUDIO_EMULATOR_SECRET_KEY go in pairs",
    ),
    "empty key": (["--api-key", ""], {}, "--api-key must be a non-empty value without spaces"),
    "key with a space": (
        [],
        {"KLING_STUDIO_EMULATOR_API_KEY": "two words"},
        "KLING_STUDIO_EMULATOR_API_KEY must be a non-empty value without spaces",
    ),
    "one access key, two secrets": (
        ["--access-key", "A", "--secret-key", "S1", "--access-key", "A", "--secret-key", "S2"],
        {},
        "--access-key A is given twice with different secrets",
    ),
}


@pytest.mark.parametrize(("argv", "env", "message"), REFUSED.values(), ids=REFUSED.keys())
def test_credentials_that_could_never_be_presented_are_refused(
    argv: list[str], env: dict[str, str], message: str
) -> None:
    with pytest.raises(CredentialError) as caught:
        credentials(argv, env)
    assert message in str(caught.value)


def test_a_refused_credential_exits_2_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        run_server(["--access-key", "AK"], env={})
    assert caught.value.code == 2
    assert "--access-key and --secret-key go in pairs" in capsys.readouterr().err


def test_config_carries_the_credentials_and_the_settings() -> None:
    args = parser().parse_args(["--api-key", "K", "--speed", "50", "--seed", "3"])
    config = config_of(args, credentials_of(args, {}))
    assert config.api_keys == ("K",)
    assert config.access_keys == {DEFAULT_ACCESS_KEY: DEFAULT_SECRET_KEY}
    assert (config.speed, config.seed) == (50, 3)


# --- the app those credentials make --------------------------------------------------------------

CLI = ["--api-key", "cli-key", "--access-key", "cli-ak", "--secret-key", "cli-sk-0123456789"]


def signed(claims: dict[str, Any], secret: str) -> str:
    """A JWT as Kling's doc and public clients sign it (PyJWT, HS256, typ JWT)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", jwt.InsecureKeyLengthWarning)
        return jwt.encode(claims, secret, algorithm="HS256", headers={"typ": "JWT"})


def official(now: int) -> dict[str, Any]:
    return {"iss": "cli-ak", "exp": now + 1800, "nbf": now - 5}


TOKENS = {
    "official claims": (lambda now: official(now), "cli-sk-0123456789", 0),
    "with iat": (lambda now: {**official(now), "iat": now}, "cli-sk-0123456789", 0),
    "wrong secret": (lambda now: official(now), "not-the-secret", 1000),
    "default pair, replaced": (
        lambda now: {**official(now), "iss": DEFAULT_ACCESS_KEY},
        DEFAULT_SECRET_KEY,
        1000,
    ),
}


@pytest.mark.parametrize(("claims", "secret", "code"), TOKENS.values(), ids=TOKENS.keys())
async def test_jwt_signed_with_a_command_line_pair(claims: Any, secret: str, code: int) -> None:
    args = parser().parse_args(CLI)
    with Emulator(config_of(args, credentials_of(args, ENV))) as emulator:
        token = signed(claims(int(time.time())), secret)
        async with httpx.AsyncClient(
            transport=emulator.transport(),
            base_url=emulator.base_url,
            headers={"Authorization": f"Bearer {token}"},
        ) as client:
            response = await client.get("/v1/videos/image2video")
    assert response.json()["code"] == code
    assert response.status_code == (200 if code == 0 else 401)


@pytest.mark.parametrize(
    ("key", "code"), [("cli-key", 0), ("env-key", 1000), (DEFAULT_API_KEY, 1000)]
)
async def test_bearer_keys_from_the_command_line(key: str, code: int) -> None:
    args = parser().parse_args(CLI)
    with Emulator(config_of(args, credentials_of(args, ENV))) as emulator:
        async with httpx.AsyncClient(
            transport=emulator.transport(),
            base_url=emulator.base_url,
            headers={"Authorization": f"Bearer {key}"},
        ) as client:
            response = await client.get("/v1/videos/image2video")
    assert (response.status_code, response.json()["code"]) == (200 if code == 0 else 401, code)


def test_the_block_names_url_keys_pairs_and_how_to_connect() -> None:
    shown = banner("http://127.0.0.1:9876", Credentials(("k1", "k2"), {"a1": "s1", "a2": "s2"}))
    lines = shown.splitlines()
    assert lines[0].startswith("Kling emulator on http://127.0.0.1:9876")
    assert [line.split()[-1] for line in lines if "bearer key" in line] == ["k1", "k2"]
    assert "access / secret key  a1 / s1" in shown
    assert "access / secret key  a2 / s2" in shown
    assert "KLING_BASE_URL=http://127.0.0.1:9876 KLING_API_KEY=k1" in shown
    assert "KLING_ACCESS_KEY=a1 KLING_SECRET_KEY=s1" in shown
    assert len(lines) <= 10, "one short block"
