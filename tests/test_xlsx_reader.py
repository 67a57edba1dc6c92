"""The workbook reader: every finding located by sheet!cell, and broken workbooks refused clearly and quickly."""

from __future__ import annotations

import datetime as dt
import io
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from generator.cells import parse_date
from generator.cli import app
from generator.errors import InputError
from generator.findings import Finding
from generator.pipeline import check, check_one
from generator.readers.xlsx_reader import read_xlsx
from generator.workbook import layout as L
from generator.workbook import write_template

from .test_workbook import fill, sample_report

T2, T3, T4 = "二、主动公开", "三、依申请公开", "四、复议诉讼"


def filled(tmp_path: Path, version: str = "2021", name: str = "in.xlsx") -> Path:
    """A complete, valid workbook (no findings) to break in each test."""
    path = tmp_path / name
    report = sample_report(version)
    write_template(path, version=version, year=report.year, report=report)
    return path


def located(path: Path) -> list[tuple[str, str, str | None]]:
    """(code, severity, sheet!ref) of every finding of ``check`` on ``path``."""
    _, outcome = check_one(path)
    assert outcome.unreadable is None, outcome.unreadable
    return [(f.code, f.severity, _where(f)) for f in outcome.findings]


def _where(finding: Finding) -> str | None:
    source = finding.source
    if source is None or not source.sheet:
        return None
    return f"{source.sheet}!{source.ref}" if source.ref else source.sheet


def unreadable(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        read_xlsx(path)
    return caught.value.message


def test_a_valid_workbook_has_no_findings(tmp_path: Path) -> None:
    assert located(filled(tmp_path)) == []


# ---------------------------------------------------------------- findings located by sheet!cell


def test_text_in_a_number_cell(tmp_path: Path) -> None:
    path = fill(filled(tmp_path), {"applications.new.natural": "五件"})
    findings = located(path)
    assert ("VALUE-NOT-NUMBER", "error", f"{T3}!D6") in findings
    _, outcome = check_one(path)
    message = next(f.message for f in outcome.findings if f.code == "VALUE-NOT-NUMBER")
    assert message == "表三“一、本年新收政府信息公开申请数量”行“自然人”列：“五件”不是非负整数"


def test_negative_and_fractional_counts(tmp_path: Path) -> None:
    path = fill(filled(tmp_path), {"applications.withheld.state_secret.natural": -1, "reviews.reconsideration.corrected": 1.5})
    findings = located(path)
    assert ("VALUE-NEGATIVE", "error", f"{T3}!D10") in findings
    assert ("VALUE-NOT-INTEGER", "error", f"{T4}!B6") in findings


def test_negative_change_is_allowed_in_2019(tmp_path: Path) -> None:
    path = fill(filled(tmp_path, "2019"), {"proactive.licensing.previous": 5, "proactive.licensing.change": -2})
    assert located(path) == []


def test_formula_typed_into_an_input_cell(tmp_path: Path) -> None:
    path = fill(filled(tmp_path), {"applications.disclosed.commercial": "=1+1"})
    assert ("XLSX-FORMULA", "error", f"{T3}!E8") in located(path)


def test_typed_total_that_disagrees_is_located_at_the_total(tmp_path: Path) -> None:
    path = fill(filled(tmp_path), {"applications.carried_forward.total": 7, "reviews.reconsideration.total": 5})
    findings = located(path)
    assert ("T3-ROW-TOTAL", "error", f"{T3}!J30") in findings  # the example location
    assert ("T4-TOTAL", "error", f"{T4}!E6") in findings


def test_typed_total_that_agrees_is_fine(tmp_path: Path) -> None:
    assert located(fill(filled(tmp_path), {"applications.new.total": 5})) == []


def test_balance_error_is_located_at_carried_forward(tmp_path: Path) -> None:
    path = fill(filled(tmp_path), {"applications.new.natural": 6})
    assert located(path) == [("T3-BALANCE", "error", f"{T3}!D30")]


def test_slash_where_not_allowed(tmp_path: Path) -> None:
    path = fill(filled(tmp_path), {"applications.new.research": "/"})
    assert ("VALUE-NOT-APPLICABLE", "error", f"{T3}!F6") in located(path)


def test_meta_and_text_findings_are_located(tmp_path: Path) -> None:
    path = fill(filled(tmp_path), {"meta.agency": None, "meta.date": "明年", "meta.info_fees.collected": "很多"})
    wb = openpyxl.load_workbook(path)
    wb[L.text_sheet(wb_format(wb), "overview")]["A2"] = None
    wb[L.text_sheet(wb_format(wb), "overview")]["B2"] = None
    wb[L.text_sheet(wb_format(wb), "overview")]["A3"] = None
    wb[L.text_sheet(wb_format(wb), "overview")]["A4"] = None
    wb.save(path)
    findings = located(path)
    assert ("AGENCY-REQUIRED", "error", f"{L.META}!B2") in findings
    assert ("XLSX-DATE", "error", f"{L.META}!B6") in findings
    assert ("VALUE-NOT-NUMBER", "error", f"{L.META}!B13") in findings
    assert ("TEXT-REQUIRED", "error", "一、总体情况!B2") in findings


def wb_format(wb) -> object:
    from generator.formats import FORMATS

    return FORMATS[str(wb[L.META]["B4"].value)]


def test_blank_year_is_an_error_not_a_crash(tmp_path: Path) -> None:
    path = fill(filled(tmp_path), {"meta.year": None})
    assert ("YEAR-REQUIRED", "error", f"{L.META}!B3") in located(path)
    result = read_xlsx(path)
    assert result.report is not None and result.report.year is None
    assert [f.message for f in result.findings if f.code == "YEAR-REQUIRED"] == ["缺少报告年度（“基本信息”工作表的“报告年度”），例如 2024"]


def test_dates_typed_as_text_are_read(tmp_path: Path) -> None:
    path = fill(filled(tmp_path), {"meta.date": "2026年1月20日"})
    assert read_xlsx(path).report.date == dt.date(2026, 1, 20)
    texts = ("2026-01-20", "2026/1/20", "2026.1.20", " 2026 年 1 月 20 日 ", "２０２６年１月２０日")
    assert {parse_date(text) for text in texts} == {dt.date(2026, 1, 20)}
    assert parse_date("2026-02-30") is None and parse_date("2026年1月") is None


def test_over_long_text_cell(tmp_path: Path) -> None:
    """Excel stores at most 32767 characters a cell (openpyxl truncates): longer ones come from crafted files."""
    path = fill(filled(tmp_path), {"applications.new.natural": "LONGNUMBER"})
    wb = openpyxl.load_workbook(path)
    wb["五、存在的主要问题及改进情况"]["B3"] = "LONGTEXT"
    wb.save(path)
    crafted = tmp_path / "crafted.xlsx"
    replace_in_parts(path, crafted, {b"LONGNUMBER": b"1" * 40000, b"LONGTEXT": "很长".encode() * 20000})
    findings = located(crafted)
    assert ("XLSX-TEXT-TOO-LONG", "error", f"{T3}!D6") in findings
    assert ("XLSX-TEXT-TOO-LONG", "error", "五、存在的主要问题及改进情况!B3") in findings


def test_huge_numbers_are_errors_not_crashes(tmp_path: Path) -> None:
    path = fill(filled(tmp_path), {"applications.new.natural": "9" * 5000, "applications.new.other": 1e300, "meta.year": "9" * 5000})
    findings = located(path)
    assert ("VALUE-NOT-NUMBER", "error", f"{T3}!D6") in findings
    assert ("VALUE-NOT-NUMBER", "error", f"{T3}!I6") in findings
    assert ("YEAR-TYPE", "error", f"{L.META}!B3") in findings


def replace_in_parts(source: Path, target: Path, replacements: dict[bytes, bytes]) -> None:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            for old, new in replacements.items():
                data = data.replace(old, new)
            zout.writestr(info.filename, data)


# ---------------------------------------------------------------- lost names, sheets and merges


def test_workbook_without_names_is_read_by_labels_with_a_warning(tmp_path: Path) -> None:
    path = filled(tmp_path)
    expected = read_xlsx(path).report
    wb = openpyxl.load_workbook(path)
    for name in list(wb.defined_names):
        del wb.defined_names[name]
    wb.save(path)
    result = read_xlsx(path)
    assert [f.code for f in result.findings] == ["XLSX-NAMES-MISSING"]
    assert result.report == expected
    assert result.sources["applications.carried_forward.natural"].ref == "D30"


def test_tables_pasted_elsewhere_in_a_fresh_workbook(tmp_path: Path) -> None:
    """Values and labels copied two rows down and one column right, into sheets of a new file, no names."""
    source = openpyxl.load_workbook(filled(tmp_path))
    fresh = openpyxl.Workbook()
    fresh.remove(fresh.active)
    for ws in source.worksheets:
        copy = fresh.create_sheet(ws.title)
        shift = (2, 1) if ws.title in (T2, T3, T4) else (0, 0)
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None and not isinstance(cell, openpyxl.cell.cell.MergedCell):
                    copy.cell(cell.row + shift[0], cell.column + shift[1], cell.value)
    path = tmp_path / "pasted.xlsx"
    fresh.save(path)
    result = read_xlsx(path)
    codes = [f.code for f in result.findings]
    assert codes[0] == "XLSX-NAMES-MISSING"
    assert set(codes) == {"XLSX-NAMES-MISSING", "XLSX-MERGES"}  # merges were not copied: a warning per table
    assert result.report.cells == sample_report().cells
    assert result.sources["applications.new.natural"].ref == "E8"


def test_renamed_table_sheet_is_still_found(tmp_path: Path) -> None:
    path = filled(tmp_path)
    wb = openpyxl.load_workbook(path)
    wb[T3].title = "表三"  # openpyxl does not update names the way Excel does: the labels find it
    wb.save(path)
    result = read_xlsx(path)
    assert result.report.cells == sample_report().cells
    assert result.sources["applications.new.natural"].sheet == "表三"


def test_missing_table_sheet_cannot_be_read(tmp_path: Path) -> None:
    path = filled(tmp_path)
    wb = openpyxl.load_workbook(path)
    del wb[T3]
    wb.save(path)
    assert unreadable(path).startswith("找不到表三（收到和处理政府信息公开申请情况）")


def test_missing_narrative_sheet_is_a_warning(tmp_path: Path) -> None:
    path = filled(tmp_path)
    wb = openpyxl.load_workbook(path)
    del wb["六、其他需要报告的事项"]
    wb.save(path)
    assert ("XLSX-SHEET-MISSING", "warning", None) in located(path)


def test_altered_merges(tmp_path: Path) -> None:
    path = filled(tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb[T3]
    ws.unmerge_cells("A8:A29")
    ws.merge_cells("E7:F7")  # swallows 二、上年结转 科研机构
    wb.save(path)
    findings = located(path)
    assert ("XLSX-MERGES", "warning", T3) in findings
    assert ("XLSX-MERGED-INPUT", "error", f"{T3}!F7") in findings


# ---------------------------------------------------------------- files that are not usable workbooks


def test_old_xls_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2000)
    assert "旧版 Excel 97-2003（.xls）" in unreadable(path)


def test_password_protected_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "secret.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 500)
    assert "设置了打开密码" in unreadable(path)


def test_file_that_is_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_text("<html><table><tr><td>1</td></tr></table></html>", encoding="utf-8")
    assert unreadable(path).startswith("不是有效的 .xlsx 工作簿（看起来是网页或文本文件）")


def test_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "doc.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    assert unreadable(path) == "这不是 Excel 工作簿（.xlsx），而是Word 文档（.docx）"


def test_zip_bomb_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(filled(tmp_path)) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info.filename))
        target.writestr("xl/worksheets/sheet99.xml", b"\x00" * (40 * 1024 * 1024))
    start = time.perf_counter()
    assert "疑似压缩炸弹" in unreadable(path)
    assert time.perf_counter() - start < 1


def test_damaged_zip_member_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(filled(tmp_path)) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info.filename, data[: len(data) // 2] if info.filename == "xl/workbook.xml" else data)
    assert "文件可能已损坏" in unreadable(path)


def test_xlsm_is_read_ignoring_macros(tmp_path: Path) -> None:
    path = tmp_path / "macro.xlsm"
    with zipfile.ZipFile(filled(tmp_path)) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info.filename))
        target.writestr("xl/vbaProject.bin", b"\x00" * 100)
    result = read_xlsx(path)
    assert [f.code for f in result.findings] == ["XLSX-MACROS"]
    assert result.report.cells == sample_report().cells


def pad_sheet(source: Path, target: Path, sheet: str, rows: int, column: str) -> None:
    """Append ``rows`` rows of junk text to ``sheet`` by editing its XML (openpyxl would take minutes)."""
    wb = openpyxl.load_workbook(source, read_only=True)
    part = wb[sheet]._worksheet_path
    wb.close()
    junk = "".join(f'<row r="{i}"><c r="{column}{i}" t="inlineStr"><is><t>垃圾{i}</t></is></c></row>' for i in range(100, 100 + rows))
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == part:
                data = data.replace(b"</sheetData>", junk.encode() + b"</sheetData>")
            zout.writestr(info.filename, data)


@pytest.mark.parametrize(("sheet", "column"), [(T3, "D"), ("一、总体情况", "B")])
def test_sheet_padded_with_a_million_junk_rows(tmp_path: Path, sheet: str, column: str) -> None:
    path = tmp_path / "junk.xlsx"
    pad_sheet(filled(tmp_path), path, sheet, 10**6, column)
    start = time.perf_counter()
    result = read_xlsx(path)
    assert time.perf_counter() - start < 5
    codes = {f.code for f in result.findings}
    assert "XLSX-SHEET-LARGE" in codes
    assert result.report.cells == sample_report().cells


# ---------------------------------------------------------------- through the command line: exit 2, no traceback


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "旧版 Excel 97-2003（.xls）"),
        ("fake.xlsx", b"PK\x03\x04 not really", "不是有效的 .xlsx 工作簿"),
        ("empty.xlsx", b"", "文件是空的"),
    ],
)
def test_cli_refuses_with_exit_2_and_no_traceback(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    result = CliRunner().invoke(app, ["check", str(path)])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_check_of_a_workbook_through_the_pipeline(tmp_path: Path) -> None:
    path = fill(filled(tmp_path), {"applications.new.natural": 6})
    outcome = check([path])
    assert outcome.exit_code == 1
    assert [f.line() for f in outcome.findings] == [
        f"错误 T3-BALANCE {path} {T3}!D30：表三“自然人”列：第一项加第二项之和（7）不等于第三项加第四项之和（6）"
    ]


def test_reading_is_fast(tmp_path: Path) -> None:
    path = filled(tmp_path)
    start = time.perf_counter()
    read_xlsx(path)
    assert time.perf_counter() - start < 1


def test_bytes_of_unreadable_input_are_never_modified(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("xl/workbook.xml", "<not-closed")
    path.write_bytes(data.getvalue())
    before = path.read_bytes()
    unreadable(path)
    assert path.read_bytes() == before
