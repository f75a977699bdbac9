"""Keys, secrets and JWTs stay out of tracebacks printed with every frame's locals.

A user who hits an error in a notebook (IPython's verbose mode) or under a tool that logs
``capture_locals`` tracebacks must not publish their key with it. Each test makes a failure a
user actually meets, renders its traceback both ways, and looks for the credentials in the text.
The fakes are only ever produced by calls (``fake(...)``), so the test's own source lines, which
the tracebacks quote, never contain them.
"""

from __future__ import annotations

import socket
import time
import traceback
from collections.abc import Awaitable, Callable, Iterator

import httpx
import pytest
from IPython.core.ultratb import VerboseTB

from kling_studio import AsyncKlingClient
from kling_studio.api.auth import BearerKey, JwtAuth
from kling_studio.api.connection import Connection
from kling_studio.api.errors import (
    AuthError,
    ConcurrencyLimitError,
    ConfigurationError,
    KlingError,
    ServerError,
    TokenTimingError,
    TransportError,
)
from kling_studio.api.providers import Provider
from kling_studio.api.retry import RetryPolicy
from kling_studio.emulator import Emulator, EmulatorConfig

MARK = "sk-test-SECRET-"
"""Every fake credential starts with this; no real text in a traceback does."""
ONE_TRY = RetryPolicy(attempts=1, slot_wait=0.0)
TWO_TRIES = RetryPolicy(attempts=2, base=0.01, max_delay=0.01, slot_wait=0.0)


def fake(name: str) -> str:
    return f"{MARK}{name}-7c1d9e"


class RecordingJwt(JwtAuth):
    """JwtAuth that remembers every token it signed, so the test can look for each one."""

    def token(self) -> str:
        signed = super().token()
        self.__dict__.setdefault("signed", set()).add(signed)
        return signed

    def tokens(self) -> set[str]:
        return set(self.__dict__.get("signed", ())) | {self.token()}


def renderings(error: BaseException) -> dict[str, str]:
    """The traceback as ``traceback`` prints it with locals, and as IPython's verbose mode."""
    plain = "".join(
        traceback.TracebackException.from_exception(error, capture_locals=True).format()
    )
    verbose = VerboseTB(theme_name="nocolor", include_vars=True).text(
        type(error), error, error.__traceback__
    )
    return {"capture_locals": plain, "ipython verbose": verbose}


def assert_hidden(error: BaseException, *secrets: str) -> None:
    shown = renderings(error)
    for how, text in shown.items():
        assert type(error).__name__ in text, f"{how} did not render:\n{text}"
    leaks = [how for how, text in shown.items() for s in (MARK, *secrets) if s in text]
    assert not leaks, f"credentials shown by {sorted(set(leaks))}:\n" + "\n".join(
        shown[how] for how in sorted(set(leaks))
    )


async def failure(awaitable: Awaitable[object]) -> KlingError:
    with pytest.raises(KlingError) as caught:
        await awaitable
    return caught.value


def sync_failure(call: Callable[[], object]) -> KlingError:
    with pytest.raises(KlingError) as caught:
        call()
    return caught.value


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    """An emulator that knows the fake credentials, so failures are the ones a user meets."""
    config = EmulatorConfig(
        speed=1000.0,
        queue_seconds=1.0,
        processing_seconds=2.0,
        api_keys=(fake("api"),),
        access_keys={fake("access"): fake("secret")},
    )
    with Emulator(config) as emulator:
        yield emulator


def client_for(emulator: Emulator, provider: Provider, retry: RetryPolicy) -> AsyncKlingClient:
    connection = Connection(provider, emulator.transport(), emulator.clock, emulated=True)
    return AsyncKlingClient(connection=connection, retry=retry)


# -- answers from the service -------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["", "/kling"], ids=["kling", "cometapi"])
async def test_a_wrong_key_answered_401(emulator: Emulator, prefix: str) -> None:
    provider = Provider.custom(emulator.base_url, BearerKey(fake("wrong")), path_prefix=prefix)
    async with client_for(emulator, provider, ONE_TRY) as client:
        error = await failure(client.get("123"))
    assert isinstance(error, AuthError)
    assert error.http_status == 401
    assert "check the API key" in str(error)
    assert_hidden(error)


async def test_an_expired_jwt_answered_1004(emulator: Emulator) -> None:
    two_hours_slow = RecordingJwt(fake("access"), fake("secret"), now=lambda: time.time() - 7200)
    provider = Provider.custom(emulator.base_url, two_hours_slow)
    async with client_for(emulator, provider, ONE_TRY) as client:
        error = await failure(client.get("123"))
    assert isinstance(error, TokenTimingError)
    assert error.code == 1004
    assert "clock" in str(error)
    assert two_hours_slow.tokens()
    assert_hidden(error, *two_hours_slow.tokens())


@pytest.mark.parametrize(
    ("kind", "family"), [("5000", ServerError), ("1303", ConcurrencyLimitError)]
)
async def test_injected_service_failures(
    emulator: Emulator, kind: str, family: type[KlingError]
) -> None:
    emulator.faults.add(kind, endpoint="query", times=5)
    auth = RecordingJwt(fake("access"), fake("secret"))
    async with client_for(emulator, Provider.custom(emulator.base_url, auth), TWO_TRIES) as client:
        error = await failure(client.get("123"))
    assert isinstance(error, family)
    assert kind in str(error)
    assert_hidden(error, *auth.tokens())


async def test_a_service_that_echoes_the_token() -> None:
    """Some gateways quote the Authorization value they refused; the raw answer is never shown."""

    async def echo(scope, receive, send):
        sent = dict(scope["headers"])[b"authorization"].decode()
        body = f'{{"code": 1002, "message": "invalid Authorization value: {sent}"}}'.encode()
        await send({"type": "http.response.start", "status": 401, "headers": []})
        await send({"type": "http.response.body", "body": body})

    auth = RecordingJwt(fake("access"), fake("secret"))
    connection = Connection(Provider.custom("http://kling.test", auth), httpx.ASGITransport(echo))
    async with AsyncKlingClient(connection=connection, retry=ONE_TRY) as client:
        error = await failure(client.get("123"))
    assert isinstance(error, AuthError)
    assert "invalid Authorization value: Bearer ***" in str(error)
    assert_hidden(error, *auth.tokens())


# -- the connection itself ----------------------------------------------------------------------


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


@pytest.mark.parametrize("scheme", ["bearer", "jwt"])
async def test_connection_refused(scheme: str) -> None:
    auth = BearerKey(fake("api")) if scheme == "bearer" else RecordingJwt("ak", fake("secret"))
    provider = Provider.custom(f"http://127.0.0.1:{closed_port()}", auth)
    async with AsyncKlingClient(provider, retry=ONE_TRY) as client:
        error = await failure(client.get("123"))
    assert isinstance(error, TransportError)
    assert "GET /v1/videos/image2video/123" in str(error)
    tokens = auth.tokens() if isinstance(auth, RecordingJwt) else set()
    assert_hidden(error, *tokens)
    assert error.__context__ is None  # httpx's frames (which hold the request) are not chained


def test_a_secret_pyjwt_refuses_to_sign_with() -> None:
    """PyJWT refuses an HMAC secret that looks like a public key; its frames hold the secret."""
    auth = JwtAuth("ak-visible", "ssh-rsa " + fake("secret"))
    error = sync_failure(auth.token)
    assert isinstance(error, ConfigurationError)
    assert "cannot sign a JWT" in str(error)
    assert_hidden(error)


# -- configuration ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("variables", "named"),
    [
        ({"KLING_API_KEY": "api", "KLING_REGION": "mars"}, "KLING_REGION"),
        ({"KLING_ACCESS_KEY": "ak", "KLING_SECRET_KEY": "sk", "KLING_REGION": ""}, "KLING_REGION"),
        ({"KLING_API_KEY": "api", "KLING_BASE_URL": "nonsense"}, "KLING_BASE_URL"),
        (
            {"KLING_ACCESS_KEY": "ak", "KLING_SECRET_KEY": "sk", "KLING_BASE_URL": "x"},
            "KLING_BASE_URL",
        ),
        ({"COMETAPI_KEY": "comet", "KLING_BASE_URL": "ftp://example.com"}, "KLING_BASE_URL"),
        ({"COMETAPI_KEY": "comet", "KLING_SECRET_KEY": "secret"}, "KLING_ACCESS_KEY"),
    ],
    ids=["region", "empty-region", "base-url", "jwt-base-url", "comet-base-url", "half-a-pair"],
)
def test_from_env_with_a_bad_setting(
    monkeypatch: pytest.MonkeyPatch, variables: dict[str, str], named: str
) -> None:
    for name, value in variables.items():
        secret = name in ("KLING_API_KEY", "KLING_ACCESS_KEY", "KLING_SECRET_KEY", "COMETAPI_KEY")
        monkeypatch.setenv(name, fake(value) if secret else value)
    error = sync_failure(Provider.from_env)
    assert_hidden(error)
    assert isinstance(error, ConfigurationError)
    assert named in str(error)


def test_from_env_with_a_mapping(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMETAPI_KEY", fake("comet"))  # os.environ must not show either
    error = sync_failure(
        lambda: Provider.from_env({"KLING_API_KEY": fake("api"), "KLING_REGION": "x"})
    )
    assert_hidden(error)
    assert "KLING_REGION" in str(error)


@pytest.mark.parametrize(
    "make",
    [
        lambda: Provider.cometapi(fake("comet"), base_url="nonsense"),
        lambda: Provider.cometapi(fake("comet"), base_url="https://user:pw@example.com"),
        lambda: Provider.kling(api_key=fake("api"), region="mars"),
        lambda: Provider.kling(access_key="ak", secret_key=fake("secret"), base_url="nonsense"),
        lambda: Provider.kling(secret_key=fake("secret")),
    ],
    ids=["cometapi-url", "cometapi-credentials-in-url", "region", "jwt-url", "half-a-pair"],
)
def test_constructors_with_a_bad_argument(make: Callable[[], Provider]) -> None:
    error = sync_failure(make)
    assert isinstance(error, ConfigurationError)
    assert any(word in str(error) for word in ("base_url", "region", "secret_key"))
    assert_hidden(error)
