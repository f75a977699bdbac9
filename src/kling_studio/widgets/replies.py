"""Requests that can fail, each answered once: the kernel's side of anywidget's ``invoke``.

The browser sends ``{"id", "kind": "anywidget-command", "name", "msg"}`` and waits for
``{"id", "kind": "anywidget-command-response", "response"}``. anywidget's own ``@command``
answers with a handler's return value at once, but fetching, decoding, generating and retrying
end later on the widget's loop thread; so each widget spots requests in its own ``on_msg`` and
``answer`` replies here — at once when the handler returns a reply, or when the ``Future`` it
returns is done (from the thread that finishes it, the loop thread's ``send`` as for media).
Every exception becomes ``Refused`` with a field, a rule, a value and words, so an error always
reaches the control that asked, never only a log. (Do not also decorate with ``@command``:
anywidget would answer a second time.)
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Mapping
from concurrent.futures import Future, InvalidStateError
from dataclasses import dataclass
from typing import Any, Final, Generic, Protocol, TypeVar

from kling_studio.api.budget import BudgetExceeded, units
from kling_studio.api.errors import (
    ApiError,
    KlingError,
    ProtocolError,
    TaskFailedError,
    TransportError,
)
from kling_studio.api.input_error import InputError, shown
from kling_studio.api.problems import ValidationError

from .contract import CommandResponse, Refused, Reply, ReplyError

log = logging.getLogger("kling_studio")
T = TypeVar("T")
REQUEST_KIND: Final = "anywidget-command"
RESPONSE_KIND: Final = "anywidget-command-response"


class Sender(Protocol):
    def send(self, content: Any, buffers: Any = None) -> None: ...


W = TypeVar("W", bound=Sender)
Outcome = Reply | Future[Reply]
"""What a command returns: the reply now, or a future one."""


@dataclass(frozen=True)
class Command(Generic[W]):
    """One request a widget answers: its handler, and the field its errors are about when the
    error does not name one (the control that asked)."""

    run: Callable[[W, Mapping[str, Any], list[bytes]], Outcome]
    field: str


def is_request(content: Mapping[str, Any]) -> bool:
    return content.get("kind") == REQUEST_KIND


def answer(
    widget: W,
    content: Mapping[str, Any],
    buffers: list[bytes],
    commands: Mapping[str, Command[W]],
) -> None:
    """Run the request's command and reply exactly once; never raises, never blocks on work."""
    request_id = str(content.get("id", ""))

    def reply(response: Reply) -> None:
        message: CommandResponse = {"id": request_id, "kind": RESPONSE_KIND, "response": response}
        widget.send(message, [])

    name = str(content.get("name", ""))
    command = commands.get(name)
    if command is None:
        reply(refused("request", "must be one this widget answers", name, f"unknown: {name}"))
        return
    msg = content.get("msg")
    try:
        outcome = command.run(widget, msg if isinstance(msg, Mapping) else {}, buffers)
    except Exception as error:  # every failure is an answer, whatever raised it
        reply(refusal(error, command.field))
        return
    if isinstance(outcome, Future):
        outcome.add_done_callback(lambda done: reply(settled(done, command.field)))
    else:
        reply(outcome)


def settled(done: Future[Reply], field: str) -> Reply:
    """A finished future's reply: its result, or its exception (or cancellation) as words."""
    if done.cancelled():
        return refused(field, "was stopped before it ended", None, "Stopped before it ended.")
    error = done.exception()
    if error is not None:
        return refusal(error, field)
    return done.result()


def then(future: Future[T], make: Callable[[T], Reply]) -> Future[Reply]:
    """The reply ``make`` gives the future's result; its exception or cancellation carried over."""
    chained: Future[Reply] = Future()

    def done(finished: Future[T]) -> None:
        if finished.cancelled():
            chained.cancel()
            return
        error = finished.exception()
        if error is not None:
            chained.set_exception(error)
            return
        try:
            chained.set_result(make(finished.result()))
        except Exception as failure:
            chained.set_exception(failure)

    future.add_done_callback(done)
    return chained


def settle(future: Future[Reply], reply: Reply) -> None:
    """Answer ``future`` unless something answered it first (work that ends two ways)."""
    with contextlib.suppress(InvalidStateError):
        future.set_result(reply)


# -- errors as words ------------------------------------------------------------------------------


def refused(field: str, rule: str, value: object, text: str) -> Refused:
    error: ReplyError = {
        "field": field,
        "rule": rule,
        "value": None if value is None else shown(value),
        "text": text,
    }
    return {"ok": False, "error": error}


def words(error: BaseException) -> str:
    """The error's message on one line."""
    return " ".join(str(error).split())


def _input(error: InputError, _field: str) -> Refused:
    return refused(error.field, error.rule, error.value, words(error))


def _validation(error: ValidationError, field: str) -> Refused:
    """The first blocking problem names the field; the text lists every problem."""
    problems = error.problems
    first = next((p for p in problems if p.severity != "warning"), None)
    text = "\n".join(str(p) for p in problems) if problems else words(error)
    if first is None:
        return refused(field, "must keep to the rules", None, text)
    return refused(first.field, first.rule, first.value, text)


def _budget(error: BudgetExceeded, field: str) -> Refused:
    value = None if error.estimate is None else f"about {units(error.estimate)}"
    return refused(field, "must stay within the budget", value, words(error))


def _api(error: ApiError, field: str) -> Refused:
    value = None if error.code is None else f"code {error.code}"
    return refused(field, "must be accepted by the service", value, words(error))


def _ruled(rule: str) -> Callable[[BaseException, str], Refused]:
    def convert(error: BaseException, field: str) -> Refused:
        return refused(field, rule, None, words(error))

    return convert


def _os(error: OSError, field: str) -> Refused:
    return refused(field, "the file must be readable and writable", error.filename, words(error))


def _unexpected(error: BaseException, field: str) -> Refused:
    log.error("unexpected error answering a request", exc_info=error)
    text = f"unexpected {type(error).__name__}: {words(error)}"
    return refused(field, "must not fail unexpectedly", None, text)


ERRORS: tuple[tuple[type[BaseException], Callable[[Any, str], Refused]], ...] = (
    (InputError, _input),
    (ValidationError, _validation),
    (BudgetExceeded, _budget),
    (ApiError, _api),
    (TransportError, _ruled("the service must be reachable")),
    (ProtocolError, _ruled("the service must answer with its API")),
    (TaskFailedError, _ruled("the task must succeed at Kling")),
    (KlingError, _ruled("must succeed")),
    (RuntimeError, _ruled("one piece of work at a time")),
    (OSError, _os),
    (ValueError, _ruled("must be a valid value")),
    (BaseException, _unexpected),
)
"""Exception family → refusal, most specific first (the first that matches answers)."""


def refusal(error: BaseException, field: str) -> Refused:
    """``error`` as a refusal naming a field (its own if it has one, else ``field``)."""
    convert = next(convert for kind, convert in ERRORS if isinstance(error, kind))
    return convert(error, field)
