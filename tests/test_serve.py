"""``reportgen serve`` through FastAPI's TestClient, on SQLite and on PostgreSQL: links, uploads, findings, review."""

from __future__ import annotations

import io
import os
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from generator.serve.app import Server, create_app
from generator.serve.run import prepare
from tests.serving import BACKENDS, INBOX, PASSWORD, ROSTER, csrf_of, database, erroneous

YEAR = 2025
WAIT = 120.0  # the answer waits for the check however slow the machine is
TAOYUAN = "桃源乡人民政府"


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest) -> Iterator[str | None]:
    yield from database(request.param)


@pytest.fixture
def started(tmp_path: Path, db_url: str | None, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    monkeypatch.setenv("REPORTGEN_ADMIN_PASSWORD", PASSWORD)
    started = prepare(ROSTER, YEAR, tmp_path / "data", db_url, "http://testserver")
    started.server.settings.answer_wait = WAIT
    yield started
    started.server.checker.stop()


@pytest.fixture
def client(started: Any) -> TestClient:
    return TestClient(create_app(started.server), raise_server_exceptions=False)


def token(started: Any, name: str) -> str:
    srv: Server = started.server
    unit = next(u for u in srv.store.units(srv.settings.roster) if u.name == name)
    return str(unit.token)


def upload(client: TestClient, tok: str, data: bytes, *, accept_json: bool = True) -> Any:
    csrf = csrf_of(client.get(f"/u/{tok}").text)
    headers = {"accept": "application/json"} if accept_json else {}
    return client.post(f"/u/{tok}/upload", data={"csrf": csrf}, files={"file": ("任意名称.bin", data)}, headers=headers)


def login(client: TestClient) -> str:
    csrf = csrf_of(client.get("/admin/login").text)
    response = client.post("/admin/login", data={"csrf": csrf, "password": PASSWORD})
    assert response.status_code == 200, response.text
    return csrf_of(client.get("/admin").text)


def test_links_workbook_lists_every_roster_unit_with_an_unguessable_link(started: Any) -> None:
    from openpyxl import load_workbook

    from generator.collect.roster import read_roster

    sheet = load_workbook(started.links).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("单位名称", "类别", "链接")
    assert [r[0] for r in rows[1:]] == [u.name for u in read_roster(ROSTER).units]
    links = [r[2] for r in rows[1:]]
    assert len(set(links)) == len(links)
    assert all(link.startswith("http://testserver/u/") and len(link.rsplit("/", 1)[1]) >= 32 for link in links)
    assert all(sheet.cell(row=n, column=3).data_type == "s" for n in range(2, len(rows) + 1))


def test_a_restart_keeps_links_and_uploads(started: Any, client: TestClient, db_url: str | None, tmp_path: Path) -> None:
    tok = token(started, TAOYUAN)
    assert upload(client, tok, (INBOX / "桃源乡人民政府.xlsx").read_bytes()).status_code == 200
    again = prepare(ROSTER, YEAR, tmp_path / "data", db_url, "http://testserver")
    assert again.password is None
    second = TestClient(create_app(again.server))
    page = second.get(f"/u/{tok}")
    again.server.checker.stop()
    assert page.status_code == 200 and "版本 1" in page.text and "有警告" in page.text


def test_an_error_shows_its_cell_and_blocks_submitting(started: Any, client: TestClient, tmp_path: Path) -> None:
    tok = token(started, TAOYUAN)
    answer = upload(client, tok, erroneous(tmp_path).read_bytes())
    assert answer.status_code == 200
    body = answer.json()
    assert body["state"] == "有错误" and body["errors"] == 1
    assert body["findings"][0].startswith(f"错误 T3-BALANCE {TAOYUAN}.xlsx 三、依申请公开!D30：")
    page = client.get(f"/u/{tok}").text
    assert "三、依申请公开!D30" in page and "改正后重新上传才能提交" in page
    refused = client.post(
        f"/u/{tok}/submit", data={"csrf": csrf_of(page), "version": str(body["version"])}, headers={"accept": "application/json"}
    )
    assert refused.status_code == 409
    assert refused.json() == {"error": "文件还有错误，改正并重新上传后才能提交"}


def test_the_annotated_workbook_marks_the_cell(started: Any, client: TestClient, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    tok = token(started, TAOYUAN)
    version = upload(client, tok, erroneous(tmp_path).read_bytes()).json()["version"]
    answer = client.get(f"/u/{tok}/v/{version}/annotated.xlsx")
    assert answer.status_code == 200
    workbook = load_workbook(io.BytesIO(answer.content))
    assert workbook["三、依申请公开"]["D30"].comment is not None


def test_warnings_need_an_explanation_then_submit_and_review(started: Any, client: TestClient) -> None:
    tok = token(started, TAOYUAN)
    body = upload(client, tok, (INBOX / "桃源乡人民政府.xlsx").read_bytes()).json()
    assert body["state"] == "有警告" and body["warnings"] == 1
    csrf = csrf_of(client.get(f"/u/{tok}").text)
    json_accept = {"accept": "application/json"}
    missing = client.post(f"/u/{tok}/submit", data={"csrf": csrf, "version": str(body["version"])}, headers=json_accept)
    assert missing.status_code == 400
    assert missing.json() == {"error": "每条警告都需要一句说明后才能提交：第 1 条警告还没有说明"}
    done = client.post(
        f"/u/{tok}/submit", data={"csrf": csrf, "version": str(body["version"]), "explain-0": "总体情况中的数字是笔误"}, headers=json_accept
    )
    assert done.json() == {"state": "待审核", "version": body["version"]}
    admin_csrf = login(client)
    rows = client.get("/admin/api/status").json()["units"]
    row = next(r for r in rows if r["单位名称"] == TAOYUAN)
    assert row["状态"] == "待审核" and row["警告数"] == 1 and row["文件"] == f"{TAOYUAN}.xlsx"
    unit_id = started.server.store.unit_by_token(tok).id
    detail = client.get(f"/admin/unit/{unit_id}").text
    assert "总体情况中的数字是笔误" in detail
    client.post(f"/admin/unit/{unit_id}/return", data={"csrf": admin_csrf, "message": "请核对新收申请数"})
    assert "请核对新收申请数" in client.get(f"/u/{tok}").text
    assert next(r for r in client.get("/admin/api/status").json()["units"] if r["单位名称"] == TAOYUAN)["状态"] == "已退回"
    client.post(f"/u/{tok}/submit", data={"csrf": csrf, "version": str(body["version"]), "explain-0": "已核对，无误"})
    client.post(f"/admin/unit/{unit_id}/accept", data={"csrf": admin_csrf})
    assert 'name="file"' not in client.get(f"/u/{tok}").text
    files = {"file": ("a.xlsx", (INBOX / "桃源乡人民政府.xlsx").read_bytes())}
    locked = client.post(f"/u/{tok}/upload", data={"csrf": csrf}, files=files, headers=json_accept)
    assert locked.status_code == 409
    assert locked.json() == {"error": "主管部门已审核通过，不能再修改；如需修改请联系主管部门重新开放"}
    actions = [e.action for e in started.server.store.audit_log()]
    assert actions[:5] == ["通过", "提交", "退回", "登录", "提交"]


def test_every_upload_is_kept_as_a_version(started: Any, client: TestClient) -> None:
    tok = token(started, TAOYUAN)
    data = (INBOX / "桃源乡人民政府.xlsx").read_bytes()
    first, second = upload(client, tok, data).json(), upload(client, tok, data).json()
    assert second["version"] > first["version"]
    history = started.server.store.versions(started.server.store.unit_by_token(tok).id)
    assert len(history) == 2 and history[0].sha256 == history[1].sha256 and history[0].client == "testclient"


@pytest.mark.parametrize(
    ("data", "status", "message"),
    [
        (b"", 400, "上传的文件是空的"),
        (b"\xd0\xcf\x11\xe0" + b"\0" * 100, 415, "这是旧版 Excel（.xls）或 WPS 文件：请在 Excel 中“另存为” .xlsx 工作簿后再上传"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 100, 415, "文件类型无法识别：请上传本系统下载的 .xlsx 工作簿或 .yaml 文件"),
        (b"x" * (10 * 1024 * 1024 + 1), 413, "文件超过 10 MB，无法接收：请删除表格以外的多余内容后再上传"),
    ],
)
def test_refused_uploads_get_a_chinese_message(started: Any, client: TestClient, data: bytes, status: int, message: str) -> None:
    answer = upload(client, token(started, TAOYUAN), data)
    assert answer.status_code == status
    assert answer.json() == {"error": message}


def test_a_broken_zip_is_unreadable_not_a_crash(started: Any, client: TestClient) -> None:
    answer = upload(client, token(started, TAOYUAN), b"PK\x03\x04" + b"garbage" * 50)
    assert answer.status_code == 200
    assert answer.json()["state"] == "无法读取"


def test_a_wrong_token_gets_404_in_chinese(client: TestClient) -> None:
    answer = client.get("/u/not-a-real-token")
    assert answer.status_code == 404
    assert "链接有误或已被撤销" in answer.text and "Traceback" not in answer.text


def test_forms_without_the_token_are_refused(started: Any, client: TestClient) -> None:
    tok = token(started, TAOYUAN)
    answer = client.post(
        f"/u/{tok}/upload", data={"csrf": "forged"}, files={"file": ("a.xlsx", b"PK\x03\x04")}, headers={"accept": "application/json"}
    )
    assert answer.status_code == 403
    assert answer.json() == {"error": "请求已过期或来源不明，请刷新页面后重试"}


def test_admin_without_the_password_gets_nothing(started: Any, client: TestClient) -> None:
    for path in ("/admin", "/admin/api/status", "/admin/collection.zip", "/admin/audit", "/admin/unit/1"):
        answer = client.get(path)
        assert answer.status_code == 401
        assert TAOYUAN not in answer.text
    csrf = csrf_of(client.get("/admin/login").text)
    wrong = client.post("/admin/login", data={"csrf": csrf, "password": "guess"})
    assert wrong.status_code == 401 and "密码不正确" in wrong.text
    assert client.get("/admin/api/status").status_code == 401


def test_revoked_links_stop_working_and_reissued_ones_work(started: Any, client: TestClient) -> None:
    tok = token(started, TAOYUAN)
    csrf = login(client)
    unit_id = started.server.store.unit_by_token(tok).id
    client.post(f"/admin/unit/{unit_id}/revoke", data={"csrf": csrf})
    assert client.get(f"/u/{tok}").status_code == 404
    client.post(f"/admin/unit/{unit_id}/reissue", data={"csrf": csrf})
    fresh = started.server.store.unit(unit_id).token
    assert fresh and fresh != tok and client.get(f"/u/{fresh}").status_code == 200


def test_status_json_uses_the_columns_of_the_status_workbook(client: TestClient) -> None:
    from generator.collect.status import header

    login(client)
    units = client.get("/admin/api/status").json()["units"]
    assert all(list(row) == header() for row in units)
    assert {row["状态"] for row in units} == {"未提交"}


def test_filters_by_category_and_state(started: Any, client: TestClient) -> None:
    login(client)
    upload(client, token(started, TAOYUAN), (INBOX / "桃源乡人民政府.xlsx").read_bytes())
    page = client.get("/admin", params={"状态": "有警告"}).text
    assert TAOYUAN in page and "云溪县财政局" not in page


def test_the_download_is_what_collect_writes(started: Any, client: TestClient) -> None:
    upload(client, token(started, TAOYUAN), (INBOX / "桃源乡人民政府.xlsx").read_bytes())
    upload(client, token(started, "云溪县财政局"), (INBOX / "云溪县财政局.xlsx").read_bytes())
    login(client)
    answer = client.get("/admin/collection.zip")
    assert answer.status_code == 200
    names = set(zipfile.ZipFile(io.BytesIO(answer.content)).namelist())
    assert {"提交情况.xlsx", "数据.csv", "报告/index.html", "退回/云溪县财政局.校验结果.xlsx"} <= names


def test_aggregate_sums_the_accepted_units(started: Any, client: TestClient) -> None:
    tok = token(started, "云溪县教育局")
    version = upload(client, tok, (INBOX / "云溪县教育局.xlsx").read_bytes()).json()["version"]
    client.post(f"/u/{tok}/submit", data={"csrf": csrf_of(client.get(f"/u/{tok}").text), "version": str(version)})
    csrf = login(client)
    nothing = client.post("/admin/aggregate", data={"csrf": csrf, "agency": "云溪县"}, headers={"accept": "application/json"})
    assert nothing.json() == {"error": "无法汇总：还没有已通过的单位，无法汇总"}
    client.post(f"/admin/unit/{started.server.store.unit_by_token(tok).id}/accept", data={"csrf": csrf})
    answer = client.post("/admin/aggregate", data={"csrf": csrf, "agency": "云溪县"})
    assert answer.status_code == 200
    from openpyxl import load_workbook

    assert "汇总来源" in load_workbook(io.BytesIO(answer.content)).sheetnames


def test_preview_and_docx_are_rendered_by_the_library(started: Any, client: TestClient) -> None:
    tok = token(started, "云溪县教育局")
    version = upload(client, tok, (INBOX / "云溪县教育局.xlsx").read_bytes()).json()["version"]
    html = client.get(f"/u/{tok}/v/{version}/report.html")
    assert html.status_code == 200 and "云溪县教育局" in html.text
    docx = client.get(f"/u/{tok}/v/{version}/report.docx")
    assert docx.status_code == 200 and docx.content.startswith(b"PK")


def test_security_headers_are_set(client: TestClient) -> None:
    headers = client.get("/").headers
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert "frame-ancestors" in headers["content-security-policy"]


def test_uploads_are_rate_limited_per_link(started: Any, client: TestClient) -> None:
    from generator.serve.security import RateLimit

    started.server.limiter = RateLimit(count=2)
    tok = token(started, TAOYUAN)
    data = (INBOX / "桃源乡人民政府.xlsx").read_bytes()
    assert [upload(client, tok, data).status_code for _ in range(3)] == [200, 200, 429]
    assert upload(client, token(started, "云溪县教育局"), data).status_code == 200


def test_a_bad_roster_stops_before_listening(tmp_path: Path) -> None:
    from generator.errors import InputError

    bad = tmp_path / "名单.csv"
    bad.write_text("单位名称,类别\n甲局,部门\n甲局,部门\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        prepare(bad, YEAR, tmp_path / "data", None, "http://x")
    assert str(caught.value).startswith(f"{bad}：名单有错误，请先改正：")
    assert not (tmp_path / "data").exists()


def test_the_generated_password_is_printed_once_and_stored_hashed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REPORTGEN_ADMIN_PASSWORD", raising=False)
    first = prepare(ROSTER, YEAR, tmp_path / "data", None, "http://x")
    assert first.password and len(first.password) >= 16
    stored = first.server.store.setting("admin_password_hash")
    assert stored.startswith("$argon2") and first.password not in stored
    assert prepare(ROSTER, YEAR, tmp_path / "data", None, "http://x").password is None  # no app: no checker threads


def test_a_slow_check_answers_at_once_and_the_result_follows(started: Any, client: TestClient) -> None:
    started.server.settings.answer_wait = 0.0
    tok = token(started, TAOYUAN)
    answer = upload(client, tok, (INBOX / "桃源乡人民政府.xlsx").read_bytes())
    assert answer.status_code in (200, 202)
    if answer.status_code == 202:
        assert answer.json()["state"] == "检查中"
    started.server.checker.drain()
    later = client.get(f"/u/{tok}/api/versions/{answer.json()['version']}").json()
    assert later["state"] == "有警告" and later["warnings"] == 1


def test_a_restart_checks_the_uploads_a_stopped_server_had_not_checked(started: Any, db_url: str | None, tmp_path: Path) -> None:
    store = started.server.store
    unit = store.unit_by_token(token(started, TAOYUAN))
    digest = store.keep_file((INBOX / "桃源乡人民政府.xlsx").read_bytes(), ".xlsx")
    version_id = store.add_version(unit.id, digest, ".xlsx", 1, "127.0.0.1")  # stored, then the server stopped
    again = prepare(ROSTER, YEAR, tmp_path / "data", db_url, "http://testserver")
    create_app(again.server)
    again.server.checker.stop()
    assert again.server.store.version(unit.id, version_id).state == "有警告"


def _hangs(task: object) -> object:
    time.sleep(60)
    return None


def _crashes(task: object) -> object:
    os._exit(3)


@pytest.mark.parametrize(
    ("work", "message"),
    [(_hangs, "错误 处理超过 1 秒仍未完成，已放弃"), (_crashes, "错误 处理该文件时程序意外退出，已放弃；请检查文件是否完好")],
)
def test_a_hanging_or_crashing_check_fails_only_its_own_upload(
    started: Any, client: TestClient, monkeypatch: pytest.MonkeyPatch, work: Any, message: str
) -> None:
    import generator.serve.checks as checks

    monkeypatch.setenv("REPORTGEN_TIME_LIMIT", "1")
    monkeypatch.setenv("REPORTGEN_WORKERS", "2")
    monkeypatch.setattr(checks, "check_upload", work)
    bad = upload(client, token(started, TAOYUAN), (INBOX / "桃源乡人民政府.xlsx").read_bytes())
    assert bad.status_code == 200 and bad.json()["state"] == "无法读取" and bad.json()["findings"] == [message]
    monkeypatch.undo()
    monkeypatch.setenv("REPORTGEN_ADMIN_PASSWORD", PASSWORD)
    good = upload(client, token(started, "云溪县教育局"), (INBOX / "云溪县教育局.xlsx").read_bytes())
    assert good.status_code == 200 and good.json()["state"] == "通过"


def test_serve_with_a_bad_roster_exits_2_before_listening(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from generator.cli import app

    bad = tmp_path / "名单.csv"
    bad.write_text("类别\n部门\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["serve", "--roster", str(bad), "--year", "2025", "--data", str(tmp_path / "data")])
    assert result.exit_code == 2
    assert result.stderr.startswith("错误：") and "单位名称" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "data").exists()


def test_the_unit_workbook_has_its_name_and_year_filled_in(started: Any, client: TestClient, tmp_path: Path) -> None:
    from generator import read

    answer = client.get(f"/u/{token(started, TAOYUAN)}/workbook.xlsx")
    assert answer.status_code == 200
    target = tmp_path / "下载.xlsx"
    target.write_bytes(answer.content)
    report = read(target).report
    assert report is not None and report.agency == TAOYUAN and report.year == YEAR


def test_a_yaml_upload_is_told_by_its_content(started: Any, client: TestClient) -> None:
    answer = upload(client, token(started, "云溪县公安局"), (INBOX / "云溪县公安局.yaml").read_bytes())
    assert answer.json()["state"] == "通过"
    assert started.server.store.versions(started.server.store.unit_by_token(token(started, "云溪县公安局")).id)[0].suffix == ".yaml"


def test_every_form_that_posts_carries_its_token(started: Any, client: TestClient) -> None:
    import re

    tok = token(started, TAOYUAN)
    upload(client, tok, (INBOX / "桃源乡人民政府.xlsx").read_bytes())
    login(client)
    unit_id = started.server.store.unit_by_token(tok).id
    pages = [client.get(path).text for path in (f"/u/{tok}", "/admin", f"/admin/unit/{unit_id}", "/admin/login")]
    forms = [form for page in pages for form in re.findall(r"<form[^>]*method=\"post\".*?</form>", page, re.S)]
    assert len(forms) >= 7  # upload, submit, logout, aggregate, revoke, reissue, login
    assert all('name="csrf"' in form for form in forms)
