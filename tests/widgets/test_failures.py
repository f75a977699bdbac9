"""A failure says what happened, what to do, and (apart) the codes support asks for."""

from __future__ import annotations

from kling_studio.api.errors import InvalidRequestError, PolicyError, ProtocolError
from kling_studio.api.problems import Problem, ValidationError
from kling_studio.widgets.failures import failure_text


def test_an_api_refusal_has_a_headline_advice_once_and_its_codes_apart() -> None:
    error = PolicyError("the prompt was refused", code=1301, http_status=400, request_id="r-9")
    text = failure_text(error)
    assert text == {
        "message": "the prompt was refused",
        "advice": PolicyError.advice,
        "details": "code 1301 · HTTP 400 · request id r-9",
    }
    assert text["advice"] not in text["message"]


def test_a_broken_rule_says_how_many_and_leaves_the_list_to_the_problems() -> None:
    error = ValidationError([Problem("prompt", "must be at most 500 characters", "600")])
    assert failure_text(error) == {
        "message": "the request breaks 1 rule; nothing was sent",
        "advice": "",
        "details": "",
    }


def test_advice_folded_into_a_message_is_said_once() -> None:
    text = failure_text(ProtocolError("the answer was HTML", http_status=502))
    assert text["message"] == "the answer was HTML"
    assert text["advice"] == ProtocolError.advice and text["details"] == "HTTP 502"
    plain = failure_text(InvalidRequestError("bad model", code=1201))
    assert (plain["message"], plain["details"]) == ("bad model", "code 1201")
