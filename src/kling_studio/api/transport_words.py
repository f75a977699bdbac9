"""What a failed connection means, in a person's words rather than an exception's class name
("could not connect", not ``ConnectError``). First match wins, most specific first."""

from __future__ import annotations

from typing import Final

import httpx

TRANSPORT_WORDS: Final[tuple[tuple[type[Exception], str], ...]] = (
    (httpx.ConnectTimeout, "connecting took too long (is the address right, is the network up?)"),
    (httpx.ConnectError, "could not connect (is the address right, is the network up?)"),
    (httpx.ReadTimeout, "the answer took too long"),
    (httpx.WriteTimeout, "sending took too long"),
    (httpx.PoolTimeout, "too many requests were waiting for a connection"),
    (httpx.TimeoutException, "it took too long"),
    (httpx.RemoteProtocolError, "the connection was closed before the answer was complete"),
    (httpx.ProxyError, "the proxy refused the connection"),
    (httpx.UnsupportedProtocol, "the address does not start with http:// or https://"),
    (httpx.TooManyRedirects, "it was redirected too many times"),
    (httpx.HTTPStatusError, "the server answered with an error"),
    (httpx.HTTPError, "the connection failed"),
)


def transport_words(error: BaseException) -> str:
    """A short description of a failed connection."""
    return next(words for kind, words in TRANSPORT_WORDS if isinstance(error, kind))
