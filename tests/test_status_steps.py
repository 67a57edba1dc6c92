"""提交情况 tells the office what to do (下一步, links, colours, units), and NARRATIVE-FIGURE marks the paragraph that
states the wrong figure."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from generator.cli import app

from .conftest import SAMPLES

COLLECTION = SAMPLES / "collection"


@pytest.fixture(scope="module")
def collected(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("c") / "汇总"
    args = ["collect", str(COLLECTION / "收件箱"), "--roster", str(COLLECTION / "名单.xlsx"), "-o", str(out), "--build"]
    assert CliRunner().invoke(app, args).exit_code == 1
    return out


def rows(out: Path) -> dict[str, dict[str, object]]:
    sheet = list(load_workbook(out / "提交情况.xlsx")["提交情况"].iter_rows(values_only=True))
    return {str(r[1]): dict(zip([str(h) for h in sheet[0]], r, strict=True)) for r in sheet[1:]}


def test_each_state_says_the_next_step(collected: Path) -> None:
    by_unit = rows(collected)
    assert by_unit["云溪县财政局"]["下一步"] == "退回：把 退回/云溪县财政局.校验结果.xlsx 发给单位，改正后重交"
    assert by_unit["云溪县自然资源局"]["下一步"] == "催报"
    duplicate = str(by_unit["云溪县住房和城乡建设局"]["下一步"])
    assert duplicate.startswith("重复提交：与单位确认用哪一份，从收件箱删去其余的（") and "（修改稿）.xlsx" in duplicate
    assert by_unit["桃源乡人民政府"]["下一步"] == "已采用；请核对 一、总体情况!B2 的警告（见主要问题）"
    assert by_unit["云溪县教育局"]["下一步"] == "已采用；查看报告"
    assert "收费金额（万元）" in by_unit["云溪县教育局"]


def test_links_point_at_files_that_exist_and_states_are_coloured(collected: Path) -> None:
    ws = load_workbook(collected / "提交情况.xlsx")["提交情况"]
    header = [c.value for c in ws[1]]
    step, state = header.index("下一步") + 1, header.index("状态") + 1
    links = [ws.cell(row=r, column=step).hyperlink.target for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=step).hyperlink]
    assert links and all((collected / link).is_file() for link in links)
    fills = {ws.cell(row=r, column=state).value: ws.cell(row=r, column=state).fill.fgColor.rgb for r in range(2, ws.max_row + 1)}
    assert fills["通过"] == "00DFF0D8" and fills["有错误"] == "00F2DEDE" and fills["未提交"] == "00E8E8E8"
    html = (collected / "提交情况.html").read_text(encoding="utf-8")
    assert '<a href="退回/云溪县财政局.校验结果.xlsx">' in html and '<a href="报告/云溪县教育局.html">' in html


def test_narrative_figure_marks_the_paragraph_and_the_table_cell(tmp_path: Path) -> None:
    book = Path(shutil.copy(COLLECTION / "收件箱" / "桃源乡人民政府.xlsx", tmp_path / "桃源.xlsx"))
    result = CliRunner().invoke(app, ["check", str(book), "--annotate"])
    assert f"警告 NARRATIVE-FIGURE {book} 一、总体情况!B2：" in result.stdout
    copy = load_workbook(tmp_path / "桃源.校验结果.xlsx")
    paragraph = copy["一、总体情况"]["B2"]
    assert paragraph.comment is not None and "NARRATIVE-FIGURE" in paragraph.comment.text
    assert copy["三、依申请公开"]["J6"].comment is not None  # the table's total, marked as the related cell


def test_the_index_page_names_the_government(collected: Path, tmp_path: Path) -> None:
    html = (collected / "报告" / "index.html").read_text(encoding="utf-8")
    assert "<h1>云溪县人民政府2025年度政府信息公开工作年度报告（各单位）</h1>" in html  # from the roster's 本级 unit
    out = tmp_path / "汇总"
    args = ["collect", str(COLLECTION / "收件箱"), "--roster", str(COLLECTION / "名单.xlsx"), "-o", str(out), "--build"]
    CliRunner().invoke(app, [*args, "--government", "云溪县政府"])
    assert "<h1>云溪县政府2025年度政府信息公开工作年度报告（各单位）</h1>" in (out / "报告" / "index.html").read_text(encoding="utf-8")
