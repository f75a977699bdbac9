"""JWT claims as Kling documents them, caching, re-signing, and keys kept out of reprs."""

from __future__ import annotations

import jwt
import pytest

from kling_studio.api.auth import BearerKey, JwtAuth
from kling_studio.api.errors import ConfigurationError
from kling_studio.api.providers import COMETAPI_URL, KLING_REGIONS, Provider

AK, SK = "ak-visible-name", "sk-very-secret-value-0123456789abcdef"


class FakeTime:
    def __init__(self, start: float = 1_700_000_000.0) -> None:
        self.t = start

    def __call__(self) -> float:
        return self.t


def decode(header: str) -> dict:
    scheme, token = header.split(" ")
    assert scheme == "Bearer"
    assert jwt.get_unverified_header(token) == {"alg": "HS256", "typ": "JWT"}
    return jwt.decode(
        token, SK, algorithms=["HS256"], options={"verify_exp": False, "verify_nbf": False}
    )


def test_jwt_claims_match_the_official_example():
    clock = FakeTime()
    claims = decode(JwtAuth(AK, SK, now=clock).header())
    assert claims == {"iss": AK, "exp": int(clock.t) + 1800, "nbf": int(clock.t) - 5}


def test_jwt_is_cached_then_resigned_before_expiry():
    clock = FakeTime()
    auth = JwtAuth(AK, SK, now=clock)
    first = auth.header()
    clock.t += 1000
    assert auth.header() == first
    clock.t += 1800 - 1000 - 59
    second = auth.header()
    assert second != first
    assert decode(second)["exp"] == int(clock.t) + 1800


def test_invalidate_forces_a_fresh_token():
    clock = FakeTime()
    auth = JwtAuth(AK, SK, now=clock)
    first = auth.header()
    clock.t += 2
    auth.invalidate()
    assert auth.header() != first


def test_a_wrong_secret_does_not_verify():
    token = JwtAuth(AK, SK).token()
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(token, "other-secret-of-adequate-length-0123", algorithms=["HS256"])


def test_reprs_hide_credentials():
    for auth in (JwtAuth(AK, SK), BearerKey(SK)):
        assert SK not in repr(auth)
        assert AK not in repr(auth)
    provider = Provider.kling(access_key=AK, secret_key=SK)
    assert SK not in repr(provider) and AK not in repr(provider)


def test_bearer_header_has_exactly_one_space():
    assert BearerKey("abc").header() == "Bearer abc"


def test_env_prefers_kling_and_reads_every_variable():
    env = {"COMETAPI_KEY": "c", "KLING_ACCESS_KEY": AK, "KLING_SECRET_KEY": SK}
    provider = Provider.from_env(env)
    assert provider is not None and provider.name == "kling"
    assert isinstance(provider.auth, JwtAuth)
    assert provider.base_url == KLING_REGIONS["global"]
    assert provider.path("/v1/videos/image2video") == "/v1/videos/image2video"


def test_env_cometapi():
    provider = Provider.from_env({"COMETAPI_KEY": "sk-comet"})
    assert provider is not None and provider.name == "cometapi"
    assert provider.base_url == COMETAPI_URL
    assert provider.path("/v1/videos/image2video") == "/kling/v1/videos/image2video"
    assert provider.prompt_limits.prompt == 500


def test_env_single_key_region_and_base_url():
    provider = Provider.from_env({"KLING_API_KEY": "k", "KLING_REGION": "beijing"})
    assert provider is not None and provider.base_url == KLING_REGIONS["beijing"]
    assert isinstance(provider.auth, BearerKey)
    custom = Provider.from_env({"KLING_API_KEY": "k", "KLING_BASE_URL": "http://127.0.0.1:9/"})
    assert custom is not None and custom.base_url == "http://127.0.0.1:9"


def test_env_without_credentials_is_none():
    assert Provider.from_env({}) is None
    assert Provider.from_env({"KLING_REGION": "beijing"}) is None


def test_bad_configuration_is_refused_clearly():
    with pytest.raises(ConfigurationError, match="region"):
        Provider.kling(api_key="k", region="mars")
    with pytest.raises(ConfigurationError, match="base_url"):
        Provider.cometapi("k", base_url="api.cometapi.com")
    with pytest.raises(ConfigurationError, match="credentials"):
        Provider.cometapi("k", base_url="https://user:pw@host")
    with pytest.raises(ConfigurationError, match="access_key"):
        Provider.kling(access_key=AK)
