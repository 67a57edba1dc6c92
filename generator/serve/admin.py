"""The office's pages under ``/admin``: login, the live 提交情况, each unit's versions, 通过/退回, downloads, audit."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, RedirectResponse, Response

from .app import Problem, Server, ServerDep, page
from .security import PASSWORD_KEY, SESSION_COOKIE, SESSION_SECONDS, password_matches
from .store import ACCEPTED, OPEN, RETURNED, SUBMITTED, explanations_of, new_token, result_of, shown_state

router = APIRouter(prefix="/admin")
OFFICE = "主管部门"
MAX_MESSAGE = 1000


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def signed_in(request: Request, srv: ServerDep) -> str:
    """The session cookie, or 401 with nothing but the login form."""
    cookie = request.cookies.get(SESSION_COOKIE)
    if not srv.signer.session_valid(cookie):
        raise Problem(401, "请先登录主管部门页面")
    return str(cookie)


SessionDep = Annotated[str, Depends(signed_in)]


async def checked_form(request: Request, session: str, srv: Server) -> Any:
    form = await request.form(max_files=0, max_fields=50)
    if not srv.signer.csrf_valid(session, _text(form.get("csrf"))):
        raise Problem(403, "请求已过期或来源不明，请刷新页面后重试")
    return form


@router.get("/login")
def login_page(srv: ServerDep) -> Response:
    return page("login", csrf=srv.signer.csrf("login"), failed=False)


@router.post("/login")
async def login(request: Request, srv: ServerDep) -> Response:
    form = await request.form(max_files=0, max_fields=5)
    if not srv.signer.csrf_valid("login", _text(form.get("csrf"))):
        raise Problem(403, "请求已过期或来源不明，请刷新页面后重试")
    stored = srv.store.setting(PASSWORD_KEY)
    if (
        not srv.limiter.allow("login")
        or stored is None
        or not await run_in_threadpool(password_matches, stored, _text(form.get("password")))
    ):
        return page("login", 401, csrf=srv.signer.csrf("login"), failed=True)
    srv.store.log(OFFICE, "登录")
    response = RedirectResponse("/admin", status_code=303)
    response.set_cookie(SESSION_COOKIE, srv.signer.session(), max_age=SESSION_SECONDS, httponly=True, samesite="strict", path="/admin")
    return response


@router.post("/logout")
async def logout(request: Request, session: SessionDep, srv: ServerDep) -> Response:
    await checked_form(request, session, srv)
    response = RedirectResponse("/admin/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/admin")
    return response


def _table(srv: Server) -> tuple[list[Any], list[dict[str, Any]]]:
    from .exports import status_rows

    units = srv.store.units(srv.settings.roster)
    return units, status_rows(srv.store, units)


@router.get("")
def overview(request: Request, session: SessionDep, srv: ServerDep, 类别: str = "", 状态: str = "") -> Response:
    from ..collect.status import header

    units, rows = _table(srv)
    shown = [(u, r) for u, r in zip(units, rows, strict=True) if (not 类别 or r["类别"] == 类别) and (not 状态 or r["状态"] == 状态)]
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["状态"]] = counts.get(row["状态"], 0) + 1
    return page(
        "admin",
        columns=header()[:8],
        rows=shown,
        counts=counts,
        categories=srv.settings.roster.categories(),
        states=sorted(counts),
        category=类别,
        state=状态,
        year=srv.settings.year,
        csrf=srv.signer.csrf(session),
    )


@router.get("/api/status")
def status_json(session: SessionDep, srv: ServerDep) -> Response:
    _, rows = _table(srv)
    return JSONResponse({"year": srv.settings.year, "units": rows})


def _unit(srv: Server, unit_id: int) -> Any:
    unit = srv.store.unit(unit_id)
    if unit is None or unit.name not in {u.name for u in srv.settings.roster.units}:
        raise Problem(404, "没有这个单位")
    return unit


@router.get("/unit/{unit_id}")
def unit_detail(unit_id: int, session: SessionDep, srv: ServerDep) -> Response:
    unit = _unit(srv, unit_id)
    history = srv.store.versions(unit.id)
    entries = [(v, result_of(v), explanations_of(v)) for v in history]
    return page(
        "admin_unit",
        unit=unit,
        state=shown_state(unit, history[0] if history else None),
        entries=entries,
        link=f"{srv.settings.base_url}/u/{unit.token}" if unit.token else "",
        csrf=srv.signer.csrf(session),
        year=srv.settings.year,
    )


@router.post("/unit/{unit_id}/{action}")
async def review(request: Request, unit_id: int, action: str, session: SessionDep, srv: ServerDep) -> Response:
    form = await checked_form(request, session, srv)
    unit = _unit(srv, unit_id)
    message = " ".join(_text(form.get("message")).split())[:MAX_MESSAGE]
    if action == "accept":
        if unit.status != SUBMITTED:
            raise Problem(409, "只能审核已提交（待审核）的报告")
        srv.store.set_status(unit.id, ACCEPTED, message="")
        srv.store.log(OFFICE, "通过", unit.id, f"版本 {unit.submitted_version}")
    elif action == "return":
        if unit.status not in (SUBMITTED, ACCEPTED):
            raise Problem(409, "只能退回已提交的报告")
        if not message:
            raise Problem(400, "退回时请写明原因，单位会在其页面上看到")
        srv.store.set_status(unit.id, RETURNED, message=message)
        srv.store.log(OFFICE, "退回", unit.id, message)
    elif action == "reopen":
        srv.store.set_status(unit.id, OPEN)
        srv.store.log(OFFICE, "重新开放", unit.id)
    elif action == "revoke":
        srv.store.set_token(unit.id, None)
        srv.store.log(OFFICE, "撤销链接", unit.id)
    elif action == "reissue":
        srv.store.set_token(unit.id, new_token())
        srv.store.log(OFFICE, "重新生成链接", unit.id)
        await run_in_threadpool(_write_links, srv)
    else:
        raise Problem(404, "不支持这个操作")
    return RedirectResponse(f"/admin/unit/{unit.id}", status_code=303)


def _write_links(srv: Server) -> None:
    from .links import write_links

    write_links(srv.store.units(srv.settings.roster), srv.settings.base_url, srv.settings.data)


@router.get("/links.xlsx")
def links(session: SessionDep, srv: ServerDep) -> Response:
    from .links import LINKS_FILE
    from .unit import _download

    _write_links(srv)
    return _download((srv.settings.data / LINKS_FILE).read_bytes(), LINKS_FILE)


@router.get("/collection.zip")
async def collection(session: SessionDep, srv: ServerDep) -> Response:
    from .exports import collection_zip
    from .unit import _download

    units = srv.store.units(srv.settings.roster)
    data = await run_in_threadpool(collection_zip, srv.store, srv.settings.roster, units, srv.settings.year)
    srv.store.log(OFFICE, "下载汇总")
    return _download(data, f"{srv.settings.year}年度汇总.zip", "application/zip")


@router.post("/aggregate")
async def aggregate(request: Request, session: SessionDep, srv: ServerDep) -> Response:
    from .exports import aggregate_workbook
    from .unit import _download

    form = await checked_form(request, session, srv)
    agency = " ".join(_text(form.get("agency")).split())[:200]
    if not agency:
        raise Problem(400, "请填写本级机关名称")
    category = _text(form.get("category"))
    categories = [category] if category else []
    units = srv.store.units(srv.settings.roster)
    data, reasons = await run_in_threadpool(aggregate_workbook, srv.store, srv.settings.roster, units, agency, categories)
    if data is None:
        raise Problem(422, "无法汇总：" + "；".join(reasons))
    srv.store.log(OFFICE, "汇总本级", None, agency)
    return _download(data, "本级汇总.xlsx")


@router.get("/audit")
def audit_page(session: SessionDep, srv: ServerDep) -> Response:
    names = {u.id: u.name for u in srv.store.units(srv.settings.roster)}
    return page("audit", entries=srv.store.audit_log(), names=names, year=srv.settings.year)
