"""The FastAPI application: shared state, pages rendered with Jinja, Chinese errors, security headers."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..collect.roster import Roster
from ..report import Report
from .checks import Checker
from .security import HEADERS, RateLimit, Signer
from .store import Store

STATUS_MESSAGES = {
    400: "请求无效",
    401: "需要登录",
    403: "请求已过期或来源不明，请刷新页面后重试",
    404: "页面不存在：链接有误或已被撤销，请向主管部门索取新链接",
    405: "不支持这种请求方式",
    413: "文件过大",
    429: "上传过于频繁，请稍后再试",
}


@dataclass
class Settings:
    """What ``serve`` was started with."""

    roster: Roster
    year: int
    data: Path
    base_url: str
    previous: dict[str, Report] = field(default_factory=dict)  # last year's reports by normalised agency
    answer_wait: float = 1.0  # seconds an upload's answer waits for its check; later the page refreshes until done


class Problem(Exception):
    """A request refused with a Chinese message (shown on the page, or as ``{"error": …}`` to the API)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


@dataclass
class Server:
    """Everything a request needs."""

    settings: Settings
    store: Store
    signer: Signer
    checker: Checker
    limiter: RateLimit = field(default_factory=RateLimit)


def server(request: Request) -> Server:
    found: Server = request.app.state.server
    return found


ServerDep = Annotated[Server, Depends(server)]


def wants_json(request: Request) -> bool:
    return "/api/" in request.url.path or "application/json" in request.headers.get("accept", "")


def local_time(moment: dt.datetime | None, seconds: bool = False) -> str:
    """A stored time (UTC; SQLite returns it without its zone) in the server's local time."""
    if moment is None:
        return ""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    return aware.astimezone().strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    from ..render.jinja import render_template

    return HTMLResponse(render_template(f"serve/{name}.html.j2", when=local_time, **context), status_code=status)


def error_response(request: Request, status: int, message: str) -> Response:
    if wants_json(request):
        return JSONResponse({"error": message}, status_code=status)
    return page("error", status, message=message)


class SecurityHeaders:
    """Adds the security headers to every response (plain ASGI: cheaper than a request-wrapping middleware)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.headers = [(k.lower().encode(), v.encode()) for k, v in HEADERS.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [(k, v) for k, v in self.headers if k not in present]
            await send(message)

        await self.app(scope, receive, with_headers)


def create_app(srv: Server) -> FastAPI:
    """The application serving the unit pages (``/u/<token>``) and the office pages (``/admin``)."""
    from . import admin, unit

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        srv.checker.stop()  # the uploads already answered are checked before the server ends

    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    app.state.server = srv
    srv.checker.start()

    app.add_middleware(SecurityHeaders)

    @app.exception_handler(Problem)
    async def problem(request: Request, exc: Problem) -> Response:
        return error_response(request, exc.status, exc.message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return error_response(request, exc.status_code, STATUS_MESSAGES.get(exc.status_code, "请求无法处理"))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        return error_response(request, 400, "请求不完整：请从页面上的表单提交")

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Response:
        logging.getLogger("reportgen.serve").error("unexpected error on %s", request.url.path, exc_info=exc)  # for the office's log
        return error_response(request, 500, "服务器处理出错，请稍后重试；如果反复出现，请联系主管部门")

    @app.get("/", response_class=HTMLResponse)
    async def home() -> HTMLResponse:
        return page("home", year=srv.settings.year)

    app.include_router(unit.router)
    app.include_router(admin.router)
    return app
