"""Response bodies in the shapes the real services send."""

from __future__ import annotations

import uuid
from typing import Any, Literal

from .errors import AUTH_CODES, COMET_AUTH_CODES, ApiError

Family = Literal["kling", "cometapi"]
"""Which service a path imitates: Kling official (``/v1``) or CometAPI (``/kling/v1``)."""

JSON = dict[str, Any]


def new_request_id() -> str:
    return str(uuid.uuid4())


def family_of(path: str) -> Family:
    return "cometapi" if path.startswith("/kling/") else "kling"


def success(data: Any, request_id: str) -> JSON:
    return {"code": 0, "message": "SUCCEED", "request_id": request_id, "data": data}


def kling_error(code: int, message: str, request_id: str) -> JSON:
    return {"code": code, "message": message, "request_id": request_id}


def comet_error(code: int, message: str, request_id: str) -> JSON:
    """CometAPI's gateway envelope, which it uses for its own (auth) failures."""
    return {
        "error": {
            "message": f"{message} (request id: {request_id})",
            "type": "comet_api_error",
            "param": "",
            "code": COMET_AUTH_CODES.get(code, str(code)),
        }
    }


def error_body(error: ApiError, family: Family, request_id: str) -> JSON:
    """CometAPI answers auth failures itself; everything else is Kling's envelope."""
    if family == "cometapi" and error.code in AUTH_CODES:
        return comet_error(error.code, error.message, request_id)
    return kling_error(error.code, error.message, request_id)
