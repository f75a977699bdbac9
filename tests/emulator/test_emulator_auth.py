"""Authentication: Kling's 1000–1004 on /v1, CometAPI's gateway envelope on /kling/v1."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import jwt
import pytest

from kling_studio.emulator import Emulator, EmulatorConfig
from kling_studio.emulator.auth import authenticate
from kling_studio.emulator.config import DEFAULT_ACCESS_KEY, DEFAULT_API_KEY, DEFAULT_SECRET_KEY
from kling_studio.emulator.errors import ApiError

from .helpers import make_client, token

KEYS = {"api_keys": (DEFAULT_API_KEY,), "access_keys": {DEFAULT_ACCESS_KEY: DEFAULT_SECRET_KEY}}


Header = Callable[[], str | None]
"""Makes the Authorization value when the test runs: a token signed at collection time could
already be valid (nbf) or expired (exp) by then on a busy machine."""


def fixed(value: str | None) -> Header:
    return lambda: value


def signed(**claims: Any) -> Header:
    return lambda: f"Bearer {token(**claims)}"


def code_of(header: str | None) -> int:
    try:
        authenticate(header, now=time.time(), **KEYS)
    except ApiError as error:
        return error.code
    return 0


CASES = [
    pytest.param(fixed(None), 1001, id="missing"),
    pytest.param(fixed(""), 1001, id="empty"),
    pytest.param(fixed(DEFAULT_API_KEY), 1002, id="no-bearer"),
    pytest.param(fixed(f"bearer {DEFAULT_API_KEY}"), 1002, id="lowercase-scheme"),
    pytest.param(fixed(f"Bearer  {DEFAULT_API_KEY}"), 1002, id="two-spaces"),
    pytest.param(fixed("Bearer "), 1002, id="empty-token"),
    pytest.param(fixed("Bearer sk-unknown"), 1000, id="unknown-key"),
    pytest.param(signed(secret_key="wrong"), 1000, id="bad-signature"),
    pytest.param(signed(access_key="other-ak"), 1000, id="unknown-access-key"),
    pytest.param(fixed("Bearer a.b.c"), 1002, id="malformed-jwt"),
    pytest.param(signed(nbf=120), 1003, id="not-yet-valid"),
    pytest.param(signed(exp=-10, nbf=-100), 1004, id="expired"),
    pytest.param(fixed(f"Bearer {DEFAULT_API_KEY}"), 0, id="api-key"),
    pytest.param(signed(), 0, id="jwt"),
]


@pytest.mark.parametrize(("header", "code"), CASES)
def test_authenticate_codes(header: Header, code: int) -> None:
    assert code_of(header()) == code


@pytest.mark.filterwarnings("ignore::jwt.InsecureKeyLengthWarning")
def test_jwt_without_exp_or_with_other_alg_is_invalid() -> None:
    no_exp = jwt.encode({"iss": DEFAULT_ACCESS_KEY}, DEFAULT_SECRET_KEY, algorithm="HS256")
    assert code_of(f"Bearer {no_exp}") == 1002
    claims = {"iss": DEFAULT_ACCESS_KEY, "exp": time.time() + 60}
    hs512 = jwt.encode(claims, DEFAULT_SECRET_KEY * 4, algorithm="HS512")
    assert code_of(f"Bearer {hs512}") == 1002


def test_accounts_differ_per_credential_and_hide_it() -> None:
    now = time.time()
    by_key = authenticate(f"Bearer {DEFAULT_API_KEY}", now=now, **KEYS)
    by_jwt = authenticate(f"Bearer {token()}", now=now, **KEYS)
    assert by_key != by_jwt
    assert by_jwt == authenticate(f"Bearer {token(exp=600)}", now=now, **KEYS)
    assert DEFAULT_API_KEY not in repr(by_key)
    assert DEFAULT_ACCESS_KEY not in repr(by_jwt)


HTTP_CASES = [case for case in CASES if case.values[1]]


def headers_of(header: Header) -> dict[str, str]:
    value = header()
    return {} if value is None else {"Authorization": value}


@pytest.mark.parametrize(("header", "code"), HTTP_CASES)
async def test_kling_paths_answer_with_kling_envelope(
    emulator: Emulator, header: Header, code: int
) -> None:
    headers = headers_of(header)
    async with make_client(emulator, headers) as client:
        response = await client.get("/v1/videos/image2video")
    assert response.status_code == 401
    body = response.json()
    assert body["code"] == code
    assert body["request_id"]
    assert body["message"]
    assert "emulator" not in body["message"]


@pytest.mark.parametrize(("header", "code"), HTTP_CASES)
async def test_cometapi_paths_answer_with_gateway_envelope(
    emulator: Emulator, header: Header, code: int
) -> None:
    headers = headers_of(header)
    async with make_client(emulator, headers) as client:
        response = await client.post("/kling/v1/videos/image2video", json={})
    assert response.status_code == 401
    error = response.json()["error"]
    assert error["type"] == "comet_api_error"
    assert error["param"] == ""
    assert "(request id: " in error["message"]
    expected = {
        1000: "invalid_api_key",
        1001: "missing_authorization",
        1002: "invalid_authorization",
        1003: "token_not_yet_valid",
        1004: "token_expired",
    }
    assert error["code"] == expected[code]


async def test_valid_credentials_reach_the_api(emulator: Emulator) -> None:
    for header in (f"Bearer {DEFAULT_API_KEY}", f"Bearer {token()}"):
        for prefix in ("/v1", "/kling/v1"):
            async with make_client(emulator, {"Authorization": header}) as client:
                response = await client.get(f"{prefix}/videos/image2video")
            assert response.status_code == 200
            assert response.json()["code"] == 0


async def test_custom_keys_and_no_credentials_in_repr() -> None:
    config = EmulatorConfig(api_keys=("sk-custom",), access_keys={"ak-1": "sk-1"})
    assert "sk-custom" not in repr(config)
    assert "sk-1" not in repr(config)
    with Emulator(config) as emulator:
        async with make_client(emulator, {"Authorization": "Bearer sk-custom"}) as client:
            assert (await client.get("/v1/videos/image2video")).status_code == 200
        jwt_header = {"Authorization": f"Bearer {token('ak-1', 'sk-1')}"}
        async with make_client(emulator, jwt_header) as client:
            assert (await client.get("/v1/videos/image2video")).status_code == 200
        async with make_client(emulator) as client:
            assert (await client.get("/v1/videos/image2video")).json()["code"] == 1000
