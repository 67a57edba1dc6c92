"""``reportgen audit``: a folder of published reports → 问题清单, with last year's reports and the evaluators' text checks."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from generator.audit import FINDING_HEADER, REPORT_HEADER, agency_key, audit
from generator.audit_rules import nfkc, text_findings
from generator.cli import app
from generator.readers.yaml_reader import read_yaml
from generator.render.text import render_text
from generator.report import Report

from .conftest import SAMPLES


def sample(stem: str) -> Report:
    report = read_yaml(SAMPLES / f"{stem}.yaml").report
    assert report is not None
    return report


def with_text(report: Report, **parts: str) -> Report:
    return report.model_copy(update={"text": report.text.model_copy(update=parts)})


# ---------------------------------------------------------------- the text checks


@pytest.mark.parametrize(
    ("overview", "flagged"),
    [
        ("2024年，本机关坚持以公开为常态。", True),  # last year's opening sentence left in
        ("2024年度我局认真贯彻落实《条例》。", True),
        ("截至2024年12月31日，共公开信息100条。", True),
        ("本年度主动公开信息100条，较2024年增长10%。", False),  # a comparison
        ("与2024年相比，申请数量有所下降。", False),
        ("2024年结转的2件申请均已办结。", False),  # a carry-over
        ("结转的申请将于2026年依法答复。", False),  # a later year
        ("2025年，本机关坚持以公开为常态。", False),  # the report year itself
    ],
)
def test_year_of_last_report(overview: str, flagged: bool) -> None:
    report = with_text(sample("example-county-bureau-2021"), overview=overview)  # a 2025 report
    codes = [f.code for f in text_findings(report)]
    assert ("AUDIT-YEAR" in codes) is flagged


def test_year_message_names_the_words() -> None:
    report = with_text(sample("example-county-bureau-2021"), overview="工作概况。2024年，本机关坚持以公开为常态。")
    (finding,) = [f for f in text_findings(report) if f.code == "AUDIT-YEAR"]
    said = "“一、总体情况”写的是“2024年”，而报告年度是 2025 年（疑似沿用上年报告未改年份）"
    assert finding.message == said + "：“2024年，本机关坚持以公开为常态。…”"
    assert (finding.expected, finding.actual) == (2025, 2024)


@pytest.mark.parametrize(("problems", "flagged"), [("无", True), ("无。", True), ("暂无。", True), ("一是解读不够。", False)])
def test_part_five_only_none(problems: str, flagged: bool) -> None:
    report = with_text(sample("shaoxing-fao-2021"), problems=problems)
    found = [f for f in text_findings(report) if f.code == "AUDIT-PART-EMPTY"]
    assert bool(found) is flagged
    if flagged:
        assert found[0].message == f"“五、存在的主要问题及改进情况”只写了“{problems}”：第三方评估要求写明存在的主要问题和改进情况"


def test_old_notice_cited() -> None:
    report = sample("shaoxing-fao-2021").model_copy(update={"preface": "本报告根据《条例》和国办公开办函[2019]60号要求编制。"})
    (finding,) = [f for f in text_findings(report) if f.code == "AUDIT-OLD-NOTICE"]
    assert finding.message == "2021 年度报告应依据国办公开办函〔2021〕30号编制，正文却引用了国办公开办函〔2019〕60号（沿用了旧模板）"
    right = report.model_copy(update={"preface": "本报告根据国办公开办函〔2021〕30号编制。"})
    assert not [f for f in text_findings(right) if f.code == "AUDIT-OLD-NOTICE"]


def test_agency_key_ignores_width_and_spaces() -> None:
    assert agency_key("云溪县 市场监督管理局") == agency_key("云溪县市场监督管理局") == agency_key("云溪县市场监督管理局 ")


@pytest.mark.parametrize(
    ("this_year", "last_year", "paired"),
    [
        ("淮安市洪泽区人民政府", "洪泽区人民政府", True),  # the city named this year only
        ("洪泽区人民政府", "淮安市洪泽区人民政府", True),  # … or last year only
        ("江苏省淮安市人民政府", "淮安市人民政府", True),
        ("淮安市洪泽区人民政府", "淮安市清江浦区人民政府", False),  # another district
        ("洪泽区人民政府办公室", "洪泽区人民政府", False),  # another agency, however alike
        ("洪泽区教育局", "洪泽区人民政府教育局", False),  # not a higher place
        ("淮安市人民政府", "人民政府", False),  # a name that names no place of its own
        ("淮安市市场监督管理局", "市场监督管理局", False),
    ],
)
def test_last_years_report_of_the_same_agency_named_with_or_without_its_city(this_year: str, last_year: str, paired: bool) -> None:
    from generator.audit import Audited, previous_report

    last = Audited(Path("last.txt"), None)
    index: dict[tuple[str, int | None], Audited] = {(agency_key(last_year), 2024): last}
    assert (previous_report(index, agency_key(this_year), 2024) is last) == paired


def test_two_agencies_that_could_be_last_years_are_no_guess() -> None:
    from generator.audit import Audited, previous_report

    index: dict[tuple[str, int | None], Audited] = {
        (agency_key("淮安市洪泽区人民政府"), 2024): Audited(Path("a.txt"), None),
        (agency_key("江苏省洪泽区人民政府"), 2024): Audited(Path("b.txt"), None),
    }
    assert previous_report(index, agency_key("洪泽区人民政府"), 2024) is None


# ---------------------------------------------------------------- the folder


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    """This year's folder (a sub-folder too) and last year's: one agency copied its report, one changed it."""
    this, last = tmp_path / "2025", tmp_path / "2024"
    (this / "县直").mkdir(parents=True)
    last.mkdir()
    report = sample("example-county-bureau-2021")  # 2025
    (this / "县直" / "市场监管局.txt").write_text(render_text(report), encoding="utf-8")
    (last / "市场监管局2024.txt").write_text(render_text(report.model_copy(update={"year": 2024})), encoding="utf-8")
    other = with_text(
        sample("shaoxing-fao-2021").model_copy(update={"agency": '=HYPERLINK("http://x")外办', "year": 2025}),
        overview="2024年，本办坚持以公开为常态，主动公开信息253条。",
        problems="无",
    )
    (this / "外办.txt").write_text(render_text(other), encoding="utf-8")
    (this / "说明.md").write_text("# 本文件夹收录各单位年度报告\n", encoding="utf-8")
    return this, last


def test_audit_folder(folders: tuple[Path, Path]) -> None:
    this, last = folders
    items = audit(this, last)
    assert [str(i.file.relative_to(this)) for i in items] == ["县直/市场监管局.txt", "外办.txt", "说明.md"]
    copied = items[0]
    assert copied.previous == last / "市场监管局2024.txt" and copied.similarity == 1.0
    assert {f.code for f in copied.findings} >= {"AUDIT-COPIED"}
    other = {f.code for f in items[1].findings}
    assert {"AUDIT-YEAR", "AUDIT-PART-EMPTY"} <= other
    assert [f.code for f in items[2].findings] == ["AUDIT-NOT-REPORT"]


def test_audit_writes_xlsx_with_text_never_formulas(folders: tuple[Path, Path], runner: CliRunner, tmp_path: Path) -> None:
    this, last = folders
    target = tmp_path / "问题清单.xlsx"
    result = runner.invoke(app, ["audit", str(this), "-o", str(target), "--previous-dir", str(last)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("✓ 已检查 3 份报告：0 个错误，")
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["问题清单", "报告汇总"]
    rows = list(book["问题清单"].iter_rows(values_only=True))
    assert rows[0] == FINDING_HEADER
    copied = [r for r in rows if r[3] == "AUDIT-COPIED"]
    assert copied and copied[0][:3] == ("县直/市场监管局.txt", "云溪县市场监督管理局", "2025")
    assert "与上年报告的相似度为 100%" in copied[0][6]
    agency_cells = [row[1] for row in book["问题清单"].iter_rows(min_row=2) if row[1].value and str(row[1].value).startswith("=")]
    assert agency_cells and all(c.data_type == "s" for c in agency_cells)  # stored as text, not run as a formula
    reports = list(book["报告汇总"].iter_rows(values_only=True))
    assert reports[0] == REPORT_HEADER
    first = reports[1]
    assert first[:7] == ("县直/市场监管局.txt", "云溪县市场监督管理局", 2025, "2021", "2021", "是", "200/200（100%）")
    assert first[9:] == (str(last / "市场监管局2024.txt"), "100%", 0)


def test_audit_csv_and_json(folders: tuple[Path, Path], runner: CliRunner, tmp_path: Path) -> None:
    this, _ = folders
    target = tmp_path / "问题清单.csv"
    result = runner.invoke(app, ["audit", str(this), "-o", str(target), "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["summary"]["reports"] == 3 and data["written"] == [str(target), str(tmp_path / "问题清单-报告汇总.csv")]
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert tuple(rows[0]) == FINDING_HEADER
    assert any(r[1].startswith("'=HYPERLINK") for r in rows[1:])  # a formula-looking name is quoted for Excel


def test_audit_bad_arguments(tmp_path: Path, runner: CliRunner) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = runner.invoke(app, ["audit", str(empty), "-o", str(tmp_path / "x.xlsx")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"错误：{empty}：文件夹中没有可检查的报告（")
    wrong = runner.invoke(app, ["audit", str(empty), "-o", str(tmp_path / "x.docx")])
    assert wrong.exit_code == 2 and wrong.stderr == f"错误：问题清单应为 .xlsx 或 .csv：{tmp_path / 'x.docx'}\n"


def test_audit_seeds(tmp_path: Path, seeds: Path) -> None:
    items = audit(seeds)
    assert len(items) == 5 and all(i.report is not None for i in items)
    assert all(i.report.format == "2019" or i.report.year >= 2021 for i in items if i.report)
    codes = {f.code for i in items for f in i.findings}
    assert not codes & {"IMPORT-INCOMPLETE", "AUDIT-UNREADABLE", "AUDIT-YEAR", "AUDIT-OLD-NOTICE"}


def test_audit_outputs_all_or_none(folders: tuple[Path, Path], runner: CliRunner, tmp_path: Path) -> None:
    """The two .csv files are written together: one already there refuses both (before any report is read), --overwrite replaces."""
    this, _ = folders
    target = tmp_path / "问题清单.csv"
    beside = tmp_path / "问题清单-报告汇总.csv"
    beside.write_text("旧的", encoding="utf-8")
    refused = runner.invoke(app, ["audit", str(this), "-o", str(target)])
    assert refused.exit_code == 2
    assert refused.stderr == f"错误：输出文件已存在，不会覆盖（如需替换请加 --overwrite）：{beside}\n"
    assert not target.exists() and beside.read_text(encoding="utf-8") == "旧的"
    replaced = runner.invoke(app, ["audit", str(this), "-o", str(target), "--overwrite"])
    assert replaced.exit_code == 0
    assert replaced.stdout.splitlines()[-1].endswith(f"问题清单已写出 {target}、{beside}（已替换原有文件）")
    assert next(csv.reader(io.StringIO(beside.read_text(encoding="utf-8-sig")))) == list(REPORT_HEADER)


def test_audit_never_writes_over_a_report(folders: tuple[Path, Path], runner: CliRunner) -> None:
    """A report named as the 问题清单 is an input: even --overwrite does not replace it."""
    this, _ = folders
    target = this / "问题清单.xlsx"
    target.write_bytes((next(this.glob("*.xlsx"), None) or next(this.glob("*.txt"))).read_bytes())
    before = target.read_bytes()
    again = runner.invoke(app, ["audit", str(this), "-o", str(target), "--overwrite"])
    assert again.exit_code == 2
    assert again.stderr == f"错误：{target}：输出会覆盖输入文件“{target}”，不会写出：请用 -o 指定其他文件夹或文件名\n"
    assert target.read_bytes() == before


def test_an_earlier_list_inside_the_folder_is_replaced_not_read(folders: tuple[Path, Path], runner: CliRunner) -> None:
    this, _ = folders
    target = this / "问题清单.xlsx"
    first = runner.invoke(app, ["audit", str(this), "-o", str(target), "--json"])
    assert first.exit_code in (0, 1)
    again = runner.invoke(app, ["audit", str(this), "-o", str(target), "--overwrite", "--json"])
    assert again.exit_code == first.exit_code
    assert json.loads(again.stdout)["reports"] == json.loads(first.stdout)["reports"]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "2023年，本机关共收到申请12件。",
        "国办公开办函〔2021〕30号（全角）：１２３，ＡＢＣ　空格",
        "⼀⼆⼈ 康熙部首与兼容汉字：豈更車",  # Kangxi radicals and compatibility ideographs map onto unified ideographs
        "汉\u0301字\u3099后的组合符号",  # combining marks right after an ideograph
        "e\u0301 a\u030a ｶﾞ ガ ﾊﾟ 가\u11a8 \u1100\u1161\u11a8",  # compositions, half-width kana, Hangul jamo
        "含\x00空字符与\ue000私用区字符",
        "⑴⒈㈠㍿ ﬁ ℡ ½ ™",
    ],
)
def test_nfkc_is_exactly_unicodes_nfkc(text: str) -> None:
    assert nfkc(text) == unicodedata.normalize("NFKC", text)
    assert nfkc(text * 3) == unicodedata.normalize("NFKC", text * 3)


def test_audit_line_says_errors_with_a_cross(runner: CliRunner, tmp_path: Path) -> None:
    """A folder with an error: exit 1 and the line starts with ✗, like the lines of ``check`` and ``build``."""
    report = sample("example-county-bureau-2021")
    cells = dict(report.cells)
    cells["applications.new.total"] += 1  # type: ignore[operator]
    folder = tmp_path / "2025"
    folder.mkdir()
    (folder / "市场监管局.txt").write_text(render_text(report.model_copy(update={"cells": cells})), encoding="utf-8")
    target = tmp_path / "问题清单.csv"
    result = runner.invoke(app, ["audit", str(folder), "-o", str(target)])
    assert result.exit_code == 1
    assert result.stdout == f"✗ 已检查 1 份报告：1 个错误，1 个警告，问题清单已写出 {target}、{tmp_path / '问题清单-报告汇总.csv'}\n"
    (folder / "市场监管局.txt").write_text(render_text(report), encoding="utf-8")
    result = runner.invoke(app, ["audit", str(folder), "-o", str(target), "--overwrite"])
    assert result.exit_code == 0
    assert result.stdout.startswith("✓ 已检查 1 份报告：0 个错误，")
