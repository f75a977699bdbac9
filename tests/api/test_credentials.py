"""A credential the Authorization header cannot carry is refused when the provider is built,
naming the credential and the rule and never the value (nor leaving it in a traceback's
locals). Before, an empty key was sent, retried for seconds, and failed in the HTTP layer."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from tests.api.test_secrets import MARK, assert_hidden, fake, sync_failure

from kling_studio import Provider
from kling_studio.api.auth import BearerKey, JwtAuth
from kling_studio.api.errors import ConfigurationError

TRIM = "starts or ends with whitespace (a line break?)"
HEADER = "holds a character an HTTP header cannot carry (a control character or non-ASCII)"
BROKEN: dict[str, tuple[Callable[[], str], str]] = {
    "empty": (lambda: "", "is empty"),
    "spaces": (lambda: "   ", "is only whitespace"),
    "newline": (lambda: "\n", "is only whitespace"),
    "trailing newline": (lambda: fake("key") + "\n", TRIM),
    "leading space": (lambda: " " + fake("key"), TRIM),
    "line break inside": (lambda: fake("a") + "\r\n" + fake("b"), HEADER),
    "control character": (lambda: fake("a") + "\x07", HEADER),
    "non-ASCII": (lambda: fake("ключ"), HEADER),
}


def refused(make: Callable[[], object]) -> ConfigurationError:
    error = sync_failure(make)
    assert isinstance(error, ConfigurationError)
    assert MARK not in str(error)
    assert_hidden(error)
    return error


@pytest.mark.parametrize(("value", "rule"), BROKEN.values(), ids=BROKEN.keys())
def test_a_cometapi_key(value, rule):
    error = refused(lambda: Provider.cometapi(value()))
    assert str(error).startswith(f"the CometAPI key {rule}")


@pytest.mark.parametrize(("value", "rule"), BROKEN.values(), ids=BROKEN.keys())
@pytest.mark.parametrize(
    ("credential", "build"),
    [
        ("Kling API key", lambda key: Provider.kling(api_key=key())),
        ("access key", lambda key: Provider.kling(access_key=key(), secret_key=fake("secret"))),
        ("secret key", lambda key: Provider.kling(access_key=fake("access"), secret_key=key())),
        ("key", lambda key: Provider.custom("http://127.0.0.1:9", BearerKey(key()))),
        (
            "secret key",
            lambda key: Provider.custom("http://127.0.0.1:9", JwtAuth(fake("access"), key())),
        ),
    ],
    ids=["kling api key", "access key", "secret key", "custom bearer", "custom jwt"],
)
def test_a_kling_credential(credential, build, value, rule):
    error = refused(lambda: build(value))  # `build` calls it: no frame here holds a key
    assert str(error).startswith(f"the {credential} {rule}")


@pytest.mark.parametrize(("value", "rule"), BROKEN.values(), ids=BROKEN.keys())
@pytest.mark.parametrize(
    ("variable", "others"),
    [
        ("COMETAPI_KEY", {}),
        ("KLING_API_KEY", {}),
        ("KLING_ACCESS_KEY", {"KLING_SECRET_KEY": "secret"}),
        ("KLING_SECRET_KEY", {"KLING_ACCESS_KEY": "access"}),
    ],
)
def test_an_environment_variable(monkeypatch, variable, others, value, rule):
    """Present but empty is refused too: a secret that was not found would otherwise be taken
    for no configuration and quietly work offline."""
    for name, partner in others.items():
        monkeypatch.setenv(name, fake(partner))
    monkeypatch.setenv(variable, value())
    error = refused(Provider.from_env)
    assert str(error).startswith(f"{variable} {rule}")
    assert "unset it" in str(error)


def test_the_usual_keys_pass():
    assert Provider.cometapi(fake("comet")).docs.name == "CometAPI"
    assert Provider.kling(access_key=fake("access"), secret_key=fake("secret")).name == "kling"
    assert Provider.from_env({"COMETAPI_KEY": fake("comet")}) is not None
    assert Provider.from_env({}) is None
