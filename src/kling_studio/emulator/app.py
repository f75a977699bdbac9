"""The HTTP shell: routes under both path families, auth, faults, envelopes, request logging.

Every answer has a real service's shape: Kling's ``{code, message, request_id}`` (CometAPI's
gateway envelope for auth failures on ``/kling`` paths), never Starlette's defaults.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import asdict
from functools import partial
from typing import Any, Final, TypeVar

import anyio
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .auth import Account, authenticate
from .config import EmulatorConfig
from .envelope import error_body, family_of, kling_error, new_request_id, success
from .errors import ApiError, ConnectionDroppedError
from .faults import FaultEndpoint, FaultPlan, FaultRule
from .inputs import is_loopback
from .service import IDENTIFIERS, Service
from .validation import ENDPOINTS, Endpoint, parse_page
from .views import FILES_PATH

T = TypeVar("T")

log = logging.getLogger(__name__)

PREFIXES: Final = ("/v1", "/kling/v1")
FILE_NAME: Final = re.compile(r"[0-9A-Za-z_-]+\.mp4")
PROXY_PAGE: Final = (
    "<html><head><title>502 Bad Gateway</title></head><body>"
    "<center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>"
)
REDIRECT_TO: Final = "/"

Work = Callable[[Request, Account, str], Awaitable[Response]]


def error_response(error: ApiError, request: Request, request_id: str) -> JSONResponse:
    headers = {"Retry-After": _seconds(error.retry_after)} if error.retry_after is not None else {}
    body = error_body(error, family_of(request.url.path), request_id)
    return JSONResponse(body, status_code=error.http_status, headers=headers)


def _seconds(value: float) -> str:
    return format(value, "g")


class DroppedResponse(Response):
    """Starts ``inner``'s answer, sends half the body, then cuts the connection."""

    def __init__(self, inner: Response) -> None:
        super().__init__(inner.body, inner.status_code, media_type=inner.media_type)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send(
            {"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers}
        )
        half = bytes(self.body[: len(self.body) // 2])
        await send({"type": "http.response.body", "body": half, "more_body": True})
        raise ConnectionDroppedError("connection dropped by a planned fault")


class Api:
    """Handlers bound to one emulator's service, fault plan and credentials."""

    def __init__(self, service: Service, faults: FaultPlan, config: EmulatorConfig) -> None:
        self.service = service
        self.faults = faults
        self.config = config

    def authenticate(self, request: Request) -> Account:
        return authenticate(
            request.headers.get("authorization"),
            api_keys=self.config.api_keys,
            access_keys=self.config.access_keys,
            now=time.time(),
        )

    async def handle(self, request: Request, kind: FaultEndpoint, work: Work) -> Response:
        """Auth, then a planned fault if one fires, then ``work``; errors become envelopes."""
        request_id = new_request_id()
        try:
            account = self.authenticate(request)
            fault = self.faults.draw(kind)
            early = await _fault_response(fault) if fault else None
            if early is not None:
                return early
            response = await work(request, account, request_id)
        except ApiError as error:
            return error_response(error, request, request_id)
        if fault is not None and fault.kind == "drop_after_create":
            return DroppedResponse(response)
        if fault is not None and fault.kind == "slow_answer":
            await anyio.sleep(fault.delay)
        return response

    def _endpoint(
        self, kind: FaultEndpoint, work: Work
    ) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            return await self.handle(request, kind, work)

        return endpoint

    async def _call(self, operation: Callable[..., T], *args: Any) -> T:
        """Tasks on disk mean SQLite, which may wait for another kernel's lock: off the loop
        (in-process, the loop is the notebook's). In memory it is quick, so it stays put."""
        if self.config.state_dir is None:
            return operation(*args)
        return await anyio.to_thread.run_sync(partial(operation, *args))

    def create(self, endpoint: Endpoint) -> Callable[[Request], Awaitable[Response]]:
        async def work(request: Request, account: Account, request_id: str) -> Response:
            data = await self._call(
                self.service.create,
                account,
                endpoint,
                await request.body(),
                family_of(request.url.path),
                str(request.base_url),
            )
            return JSONResponse(success(data, request_id))

        return self._endpoint("create", work)

    def query(self, endpoint: Endpoint) -> Callable[[Request], Awaitable[Response]]:
        """One task, named in the path or by the list URL's ``task_id``/``external_task_id``."""

        async def work(request: Request, account: Account, request_id: str) -> Response:
            base_url = str(request.base_url)
            ident = request.path_params.get("ident")
            if ident is not None:
                data = await self._call(self.service.query, account, endpoint, ident, base_url)
            else:
                given = _identifiers(request)
                data = await self._call(self.service.lookup, account, endpoint, given, base_url)
            return JSONResponse(success(data, request_id), headers=self._hint(data))

        return self._endpoint("query", work)

    def collection(self, endpoint: Endpoint) -> Callable[[Request], Awaitable[Response]]:
        """GET on the list URL: a query when it names a task (``?external_task_id=X``, as an
        older version of Kling's doc has it, kling-api.md §5.2, §11), else a page."""
        query, listing = self.query(endpoint), self.listing(endpoint)

        async def route(request: Request) -> Response:
            return await (query if _identifiers(request) else listing)(request)

        return route

    def _hint(self, data: dict[str, Any]) -> dict[str, str]:
        """The optional ``Retry-After`` server hint on unfinished tasks, in virtual seconds: the
        emulator's clients sleep on its ``VirtualClock``, which shortens them by ``speed``."""
        unfinished = data["task_status"] in ("submitted", "processing")
        if self.config.retry_after is None or not unfinished:
            return {}
        return {"Retry-After": _seconds(self.config.retry_after)}

    def listing(self, endpoint: Endpoint) -> Callable[[Request], Awaitable[Response]]:
        async def work(request: Request, account: Account, request_id: str) -> Response:
            params = request.query_params
            number, size = parse_page(params.get("pageNum"), params.get("pageSize"))
            data = await self._call(
                self.service.page, account, endpoint, number, size, str(request.base_url)
            )
            return JSONResponse(success(data, request_id))

        return self._endpoint("list", work)

    async def health(self, request: Request) -> Response:
        """``time`` is the wall clock the timestamps use; ``speed`` only shortens durations."""
        return JSONResponse(
            {
                "status": "ok",
                "tasks": self.service.store.count(),
                "speed": self.config.speed,
                "time": time.time(),
            }
        )

    async def faults_admin(self, request: Request) -> Response:
        """GET lists the rules, POST adds (one object or a list), DELETE clears."""
        request_id = new_request_id()
        try:
            if not is_loopback(request.client.host if request.client else ""):
                self.authenticate(request)
            if request.method == "POST":
                try:
                    self.faults.add_from_json(json.loads(await request.body()))
                except ValueError as error:
                    raise ApiError(1201, str(error)) from None
            elif request.method == "DELETE":
                self.faults.clear()
        except ApiError as error:
            return error_response(error, request, request_id)
        return JSONResponse({"faults": [asdict(rule) for rule in self.faults.rules]})

    async def file(self, request: Request) -> Response:
        """A result video, as a CDN serves it: no auth; only ``file`` faults (e.g. slow)."""
        fault = self.faults.draw("file")
        try:
            early = await _fault_response(fault) if fault else None
        except ApiError as refused:
            return error_response(refused, request, new_request_id())
        if early is not None:
            return early
        name = request.path_params["name"]
        path = self.service.output_dir / name
        if not FILE_NAME.fullmatch(name) or not path.is_file():
            error = ApiError(1203, f"file {name} does not exist")
            return error_response(error, request, new_request_id())
        return FileResponse(path, media_type="video/mp4")

    def routes(self) -> list[BaseRoute]:
        routes: list[BaseRoute] = []
        for prefix in PREFIXES:
            for endpoint in ENDPOINTS:
                path = f"{prefix}/videos/{endpoint}"
                routes += [
                    Route(path, self.create(endpoint), methods=["POST"]),
                    Route(path, self.collection(endpoint), methods=["GET"]),
                    Route(path + "/{ident}", self.query(endpoint), methods=["GET"]),
                ]
        return [
            *routes,
            Route("/emulator/health", self.health, methods=["GET"]),
            Route("/emulator/faults", self.faults_admin, methods=["GET", "POST", "DELETE"]),
            Route(f"/{FILES_PATH}/{{name}}", self.file, methods=["GET"]),
        ]


def _identifiers(request: Request) -> dict[str, str]:
    """The task-naming query parameters that carry a value (empty means not sent)."""
    params = request.query_params
    return {name: params[name] for name in IDENTIFIERS if params.get(name)}


async def _fault_response(fault: FaultRule) -> Response | None:
    """The answer a fault gives instead of the real one, or None to go on (after a delay)."""
    if fault.code is not None:
        raise ApiError(fault.code, retry_after=fault.retry_after)
    if fault.kind == "slow":
        await anyio.sleep(fault.delay)
    if fault.kind == "html":
        return HTMLResponse(PROXY_PAGE, status_code=502)
    if fault.kind == "redirect":
        return RedirectResponse(REDIRECT_TO, status_code=301)
    return None


HTTP_ERRORS: Final = {404: 1203, 405: 1202}
"""Starlette's routing failures in Kling's codes; any other becomes 1200."""


async def _http_error(request: Request, error: Exception) -> Response:
    status = error.status_code if isinstance(error, HTTPException) else 400
    code = HTTP_ERRORS.get(status, 1200)
    message = f"{ApiError(code).message}: {request.method} {request.url.path}"
    return JSONResponse(
        kling_error(code, message, new_request_id()), status_code=ApiError(code).http_status
    )


async def _server_error(request: Request, error: Exception) -> Response:
    return JSONResponse(kling_error(5000, ApiError(5000).message, new_request_id()), 500)


class RequestLog:
    """One log line per request (method, path, status, time; never a header) and the last
    line of defence: an error after a complete answer is logged, not re-raised, so in-process
    clients see the 5000 response rather than the exception.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status, complete = 0, False

        async def watch(message: Message) -> None:
            nonlocal status, complete
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body" and not message.get("more_body"):
                complete = True
            await send(message)

        outcome = ""
        try:
            await self.app(scope, receive, watch)
        except ConnectionDroppedError:
            outcome = " (connection dropped)"
            raise
        except Exception:
            if not complete:
                raise
            log.exception("unhandled error, answered with code 5000")
        finally:
            elapsed = (time.perf_counter() - started) * 1000
            log.info("%s %s %d %.0fms%s", scope["method"], scope["path"], status, elapsed, outcome)


def build_app(service: Service, faults: FaultPlan, config: EmulatorConfig) -> RequestLog:
    api = Api(service, faults, config)
    starlette = Starlette(
        routes=api.routes(),
        exception_handlers={HTTPException: _http_error, Exception: _server_error},
    )
    starlette.router.redirect_slashes = False
    return RequestLog(starlette)
