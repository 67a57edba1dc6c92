"""The unit's page ``/u/<token>``: its workbook, uploads checked at once, the findings, the report preview, 提交."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse, Response

from ..fileio import MAX_INPUT_BYTES
from .app import Problem, Server, ServerDep, page, wants_json
from .checks import version_json
from .store import ACCEPTED, CHECKING, SUBMITTED, explanations_of, result_of, shown_state
from .work import Task, WorkFailed, annotate_upload, render_upload, run_limited

router = APIRouter()
CHUNK = 256 * 1024
MAX_EXPLANATION = 500
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
ZIP_MAGIC = b"PK\x03\x04"


def unit_of(token: str, srv: ServerDep) -> Any:
    unit = srv.store.unit_by_token(token)
    if unit is None or unit.name not in {u.name for u in srv.settings.roster.units}:
        raise Problem(404, "页面不存在：链接有误或已被撤销，请向主管部门索取新链接")
    return unit


UnitDep = Annotated[Any, Depends(unit_of)]


def file_kind(data: bytes) -> str:
    """The type of an upload from its content (never its name): ``.xlsx`` or ``.yaml``, else a Chinese refusal."""
    if not data:
        raise Problem(400, "上传的文件是空的")
    if data.startswith(ZIP_MAGIC):
        return ".xlsx"
    if data.startswith(OLE_MAGIC):
        raise Problem(415, "这是旧版 Excel（.xls）或 WPS 文件：请在 Excel 中“另存为” .xlsx 工作簿后再上传")
    if b"\x00" in data[:8192]:
        raise Problem(415, "文件类型无法识别：请上传本系统下载的 .xlsx 工作簿或 .yaml 文件")
    return ".yaml"


async def read_upload(upload: UploadFile) -> bytes:
    """The upload's bytes, refused once it passes the size limit (never read further)."""
    chunks: list[bytes] = []
    size = 0
    while chunk := await upload.read(CHUNK):
        size += len(chunk)
        if size > MAX_INPUT_BYTES:
            raise Problem(413, f"文件超过 {MAX_INPUT_BYTES // (1024 * 1024)} MB，无法接收：请删除表格以外的多余内容后再上传")
        chunks.append(chunk)
    return b"".join(chunks)


def task_for(srv: Server, unit: Any, version: Any, out_dir: Path | None = None) -> Task:
    upload = srv.store.upload_path(version.sha256, version.suffix)
    return Task(upload, unit.name, unit.category, unit.number, srv.settings.year, out_dir)


def unit_context(srv: Server, unit: Any, version_id: int | None = None) -> dict[str, Any]:
    history = srv.store.versions(unit.id)
    current = next((v for v in history if v.id == version_id), None) if version_id else (history[0] if history else None)
    result = result_of(current) if current is not None else {}
    warnings = [
        line for line, f in zip(result.get("lines", []), result.get("findings", []), strict=False) if f.get("severity") == "warning"
    ]
    return {
        "unit": unit,
        "token": unit.token,
        "year": srv.settings.year,
        "state": shown_state(unit, history[0] if history else None),
        "locked": unit.status == ACCEPTED,
        "current": current,
        "result": result,
        "warnings": warnings,
        "explained": explanations_of(current) if current is not None else [],
        "history": history,
        "csrf": srv.signer.csrf(unit.token),
        "limit_mb": MAX_INPUT_BYTES // (1024 * 1024),
        "checking": current is not None and current.state == CHECKING,
    }


@router.get("/u/{token}")
def unit_page(unit: UnitDep, srv: ServerDep, v: int | None = None) -> Response:
    return page("unit", **unit_context(srv, unit, v))


@router.get("/u/{token}/workbook.xlsx")
def workbook(unit: UnitDep, srv: ServerDep) -> Response:
    """The unit's workbook as ``template --roster`` writes it: name, year and last year's carry-over filled in."""
    from ..collect.names import portable
    from ..collect.roster import normalise
    from ..formats import format_for_year
    from ..workbook import write_template

    with tempfile.TemporaryDirectory(prefix="reportgen-serve-") as tmp:
        target = Path(tmp) / "workbook.xlsx"
        fmt = format_for_year(srv.settings.year)
        previous = srv.settings.previous.get(normalise(unit.name))
        write_template(target, version=fmt.version, year=srv.settings.year, agency=unit.name, previous=previous)
        data = target.read_bytes()
    return _download(data, f"{portable(unit.name)}.xlsx")


def _download(data: bytes, name: str, media: str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") -> Response:
    from urllib.parse import quote

    disposition = f"attachment; filename*=UTF-8''{quote(name)}"
    return Response(data, media_type=media, headers={"Content-Disposition": disposition})


@router.post("/u/{token}/upload")
async def upload(request: Request, unit: UnitDep, srv: ServerDep) -> Response:
    form = await request.form(max_files=1, max_fields=5)
    changeable(form, unit, srv)
    file = form.get("file")
    if not isinstance(file, UploadFile) and not hasattr(file, "read"):
        raise Problem(400, "请选择要上传的文件（.xlsx 或 .yaml）")
    if not srv.limiter.allow(unit.token):
        raise Problem(429, "上传过于频繁，请一分钟后再试")
    data = await read_upload(file)  # type: ignore[arg-type]
    suffix = file_kind(data)
    client = request.client.host if request.client else ""
    version_id = await run_in_threadpool(_store, srv, unit, data, suffix, client)
    finished = await srv.checker.wait(version_id, srv.settings.answer_wait)
    if wants_json(request):
        version = await run_in_threadpool(srv.store.version, unit.id, version_id)
        return JSONResponse(version_json(version), status_code=200 if finished else 202)
    return RedirectResponse(f"/u/{unit.token}?v={version_id}", status_code=303)


def _store(srv: Server, unit: Any, data: bytes, suffix: str, client: str) -> int:
    """Keep the file and its version before anything else: an answered upload is never lost."""
    digest = srv.store.keep_file(data, suffix)
    version_id = srv.store.add_version(unit.id, digest, suffix, len(data), client, actor=unit.name, withdraw=unit.status == SUBMITTED)
    srv.checker.add(version_id)
    return version_id


@router.get("/u/{token}/api/versions/{version_id}")
def version_status(version_id: int, unit: UnitDep, srv: ServerDep) -> Response:
    """A version's check result as JSON (state 检查中 while it waits)."""
    version = srv.store.version(unit.id, version_id)
    if version is None:
        raise Problem(404, "该版本不存在")
    return JSONResponse(version_json(version))


def changeable(form: Any, unit: Any, srv: Server) -> None:
    """Refuse a unit's form that is not from its own page (CSRF) or that would change a report the office accepted."""
    if not srv.signer.csrf_valid(unit.token, _text(form.get("csrf"))):
        raise Problem(403, "请求已过期或来源不明，请刷新页面后重试")
    if unit.status == ACCEPTED:
        raise Problem(409, "主管部门已审核通过，不能再修改；如需修改请联系主管部门重新开放")


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


@router.post("/u/{token}/submit")
async def submit(request: Request, unit: UnitDep, srv: ServerDep) -> Response:
    form = await request.form(max_files=0, max_fields=1000)
    changeable(form, unit, srv)
    try:
        version_id = int(_text(form.get("version")))
    except ValueError:
        raise Problem(400, "请求不完整：请从页面上的表单提交") from None
    version = srv.store.version(unit.id, version_id)
    if version is None:
        raise Problem(404, "该版本不存在")
    if srv.store.versions(unit.id)[0].id != version.id:
        raise Problem(409, "只能提交最新上传的版本")
    if version.state == CHECKING:
        raise Problem(409, "文件正在检查，请稍候刷新页面后再提交")
    if version.errors or version.state not in ("通过", "有警告"):
        raise Problem(409, "文件还有错误，改正并重新上传后才能提交")
    explanations = [" ".join(_text(form.get(f"explain-{i}")).split())[:MAX_EXPLANATION] for i in range(version.warnings)]
    missing = [str(i + 1) for i, text in enumerate(explanations) if not text]
    if missing:
        raise Problem(400, f"每条警告都需要一句说明后才能提交：第 {'、'.join(missing)} 条警告还没有说明")
    srv.store.submit(unit.id, version.id, explanations)
    srv.store.log(unit.name, "提交", unit.id, f"版本 {version.id}")
    if wants_json(request):
        return JSONResponse({"state": "待审核", "version": version.id})
    return RedirectResponse(f"/u/{unit.token}", status_code=303)


def version_files(srv: Server, unit: Any, version_id: int, name: str) -> Path:
    """The annotated workbook or the rendered report of a version, made once (in a worker) and kept."""
    version = srv.store.version(unit.id, version_id)
    if version is None:
        raise Problem(404, "该版本不存在")
    folder = srv.store.version_folder(version.id)
    target = folder / name
    if not target.exists():
        work = annotate_upload if name == "annotated.xlsx" else render_upload
        if name == "annotated.xlsx" and version.suffix != ".xlsx":
            raise Problem(404, "YAML 文件没有标注副本：请按页面上列出的问题修改")
        try:
            reason = run_limited(work, task_for(srv, unit, version, folder))
        except WorkFailed as exc:
            raise Problem(422, str(exc)) from None
        if reason or not target.exists():
            raise Problem(422, reason or "无法生成该文件")
    return target


@router.get("/u/{token}/v/{version_id}/annotated.xlsx")
def annotated(version_id: int, unit: UnitDep, srv: ServerDep) -> Response:
    from ..collect.names import portable

    path = version_files(srv, unit, version_id, "annotated.xlsx")
    return _download(path.read_bytes(), f"{portable(unit.name)}.校验结果.xlsx")


@router.get("/u/{token}/v/{version_id}/report.html")
def preview(version_id: int, unit: UnitDep, srv: ServerDep) -> Response:
    path = version_files(srv, unit, version_id, "report.html")
    return FileResponse(path, media_type="text/html; charset=utf-8")


@router.get("/u/{token}/v/{version_id}/report.docx")
def docx(version_id: int, unit: UnitDep, srv: ServerDep) -> Response:
    from ..collect.names import portable

    path = version_files(srv, unit, version_id, "report.docx")
    media = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return _download(path.read_bytes(), f"{portable(unit.name)}.docx", media)
