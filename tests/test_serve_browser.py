"""``reportgen serve`` in the system Chromium through Playwright, on SQLite and PostgreSQL: the unit's and office's walk."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.printing import BROWSER, needs_browser
from tests.serving import BACKENDS, INBOX, PASSWORD, ROSTER, database, erroneous

pytest.importorskip("fastapi")
sync_api = pytest.importorskip("playwright.sync_api")

YEAR = 2025
TAOYUAN = "桃源乡人民政府"
SHOTS = os.environ.get("REPORTGEN_SCREENSHOTS")  # a folder: the pages are saved there as PNG, to look at


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(params=BACKENDS)
def live(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, Any]]:
    """A real server on a loopback port, in a thread."""
    import uvicorn

    from generator.serve.app import create_app
    from generator.serve.run import prepare

    db = database(request.param)
    url = next(db)
    monkeypatch.setenv("REPORTGEN_ADMIN_PASSWORD", PASSWORD)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    started = prepare(ROSTER, YEAR, tmp_path / "data", url, base)
    started.server.settings.answer_wait = 120.0  # the page answers with the findings however slow the machine is
    server = uvicorn.Server(uvicorn.Config(create_app(started.server), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield base, started
    finally:
        server.should_exit = True
        thread.join(10)
        next(db, None)


@pytest.fixture
def page() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=BROWSER, args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")  # a phone
        yield context.new_page()
        browser.close()


def shot(page: Any, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def link_of(started: Any, name: str) -> str:
    srv = started.server
    unit = next(u for u in srv.store.units(srv.settings.roster) if u.name == name)
    return f"{srv.settings.base_url}/u/{unit.token}"


@needs_browser
def test_a_unit_fixes_explains_submits_and_the_office_returns_it(live: tuple[str, Any], page: Any, tmp_path: Path) -> None:
    base, started = live
    link = link_of(started, TAOYUAN)
    page.goto(link)
    assert page.locator("#state").inner_text() == "未提交"
    page.set_input_files("input[name=file]", str(erroneous(tmp_path)))
    page.click("text=上传并检查")
    assert page.locator("#result").inner_text() == "有错误"
    findings = page.locator("#findings li").all_inner_texts()
    assert findings[0].startswith(f"错误 T3-BALANCE {TAOYUAN}.xlsx 三、依申请公开!D30：")
    assert page.locator("text=改正后重新上传才能提交").is_visible()
    shot(page, "unit-error")

    page.set_input_files("input[name=file]", str(INBOX / f"{TAOYUAN}.xlsx"))
    page.click("text=上传并检查")
    assert page.locator("#result").inner_text() == "有警告"
    page.click("button:has-text('提交')")  # the browser itself refuses: the explanation is required
    assert page.locator("#state").inner_text() == "有警告"
    page.fill("input[name=explain-0]", "总体情况中的 999 是笔误，以表格为准")
    shot(page, "unit-warning")
    page.click("button:has-text('提交')")
    assert page.locator("#state").inner_text() == "待审核"

    page.goto(f"{base}/admin")
    assert page.locator("#table").count() == 0 and page.locator("#status").count() == 0
    assert TAOYUAN not in page.content()
    page.goto(f"{base}/admin/login")
    page.fill("input[name=password]", PASSWORD)
    page.click("button:has-text('登录')")
    row = page.locator("#status tr", has_text=TAOYUAN)
    assert row.locator(".state").inner_text() == "待审核"
    shot(page, "admin-status")
    row.locator("a").click()
    assert "总体情况中的 999 是笔误" in page.locator(".explained").inner_text()
    page.fill("textarea[name=message]", "请改正总体情况中的新收申请数后重新提交")
    page.click("button:has-text('退回')")
    assert page.locator("#state").inner_text() == "已退回"
    shot(page, "admin-unit")

    page.goto(link)
    assert page.locator("#state").inner_text() == "已退回"
    assert "请改正总体情况中的新收申请数后重新提交" in page.locator("#returned").inner_text()
    shot(page, "unit-returned")


@needs_browser
def test_a_wrong_token_gets_404(live: tuple[str, Any], page: Any) -> None:
    base, _ = live
    response = page.goto(f"{base}/u/no-such-link")
    assert response.status == 404
    assert "链接有误或已被撤销" in page.locator("#message").inner_text()
