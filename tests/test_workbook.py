"""The Excel template: layout drawn from the declaration, live formulas, protection, pre-filling, round trip, annotation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import InputError
from generator.findings import Finding, Source
from generator.formats import FORMATS
from generator.readers.xlsx_reader import read_xlsx
from generator.readers.yaml_reader import read_yaml
from generator.report import Narrative, Report, split_paragraphs
from generator.values import complete, defining_rules
from generator.workbook import annotate, paragraph_rows, write_template
from generator.workbook import layout as L
from generator.workbook.annotate import annotated_path

from .conftest import sample_yamls

YEAR = {"2019": 2019, "2021": 2025}


def template(tmp_path: Path, version: str = "2021", **kwargs) -> Path:
    path = tmp_path / f"t{version}.xlsx"
    write_template(path, version=version, year=kwargs.pop("year", YEAR[version]), **kwargs)
    return path


def fill(path: Path, values: dict[str, object]) -> Path:
    """Type values into a workbook by defined name, as an official would in Excel."""
    wb = openpyxl.load_workbook(path)
    for name, value in values.items():
        sheet, ref = next(iter(wb.defined_names[name].destinations))
        wb[sheet][ref.replace("$", "")] = value
    wb.save(path)
    return path


def sample_report(version: str = "2021") -> Report:
    fmt = FORMATS[version]
    cells: dict = {"applications.new.natural": 5, "applications.carried_over.natural": 1}
    cells["applications.disclosed.natural"] = 4
    cells["applications.carried_forward.natural"] = 2
    cells["reviews.reconsideration.upheld"] = 1
    first = fmt.tables[0].rows[0]
    cells[f"proactive.{first.key}.{first.columns[0].key}"] = "/"
    return Report(
        agency="测试局",
        year=YEAR[version],
        format=version,
        date=dt.date(YEAR[version] + 1, 1, 20),
        text=Narrative(overview="（一）主动公开\n\n我局主动公开信息。\n\n（二）依申请公开\n\n（三）监督保障", problems="问题。"),
        cells=cells,
    )


def same_report(a: Report, b: Report) -> None:
    """Equal as a report: totals compared after completion (the workbook holds formulas), text by paragraphs."""
    assert complete(a) == complete(b)
    for key in Narrative.model_fields:
        assert a.text.paragraphs(key) == b.text.paragraphs(key), key
    for key in ("agency", "year", "format", "title", "date", "signature", "contact", "units", "info_fees"):
        assert getattr(a, key) == getattr(b, key), key
    assert (a.preface in ("auto", "") and a.preface == b.preface) or split_paragraphs(a.preface) == split_paragraphs(b.preface)


# ---------------------------------------------------------------- layout


@pytest.mark.parametrize("version", sorted(FORMATS))
def test_every_cell_has_a_defined_name_at_its_grid_position(tmp_path: Path, version: str) -> None:
    wb = openpyxl.load_workbook(template(tmp_path, version))
    fmt = FORMATS[version]
    for table in fmt.tables:
        layout = L.table_layout(version, table.key)
        for cell_id in (c.id for c in table.cells()):
            sheet, ref = next(iter(wb.defined_names[cell_id].destinations))
            assert sheet == layout.sheet
            assert ref.replace("$", "") == L.a1(*layout.positions[cell_id])


@pytest.mark.parametrize("version", sorted(FORMATS))
def test_tables_have_the_official_labels_and_merges(tmp_path: Path, version: str) -> None:
    wb = openpyxl.load_workbook(template(tmp_path, version))
    for table in FORMATS[version].tables:
        layout = L.table_layout(version, table.key)
        ws = wb[layout.sheet]
        for row, col, _, _, gc in layout.placed():
            if gc.role != "value":
                assert ws.cell(row, col).value == gc.text
        merges = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges]
        grid_area = {m for m in merges if m[2] <= layout.bottom and m[3] <= layout.right}
        assert grid_area == layout.merges()


def test_table_three_2021_has_the_printed_shape(tmp_path: Path) -> None:
    ws = openpyxl.load_workbook(template(tmp_path, "2021"))["三、依申请公开"]
    merged = {str(m) for m in ws.merged_cells.ranges}
    assert "A3:C5" in merged  # the 勾稽关系 note spans 3 header rows and 3 label columns
    assert "A8:A29" in merged  # 三、本年度办理结果 spans 22 rows in 2021
    assert ws["J30"].value == "=SUM(D30:I30)"  # the example cell: 四、结转下年度 总计


@pytest.mark.parametrize("version", sorted(FORMATS))
def test_totals_are_formulas_over_the_cells_of_their_rule(tmp_path: Path, version: str) -> None:
    wb = openpyxl.load_workbook(template(tmp_path, version))
    for cell_id, rule in defining_rules(FORMATS[version]).items():
        layout = L.table_layout(version, cell_id.split(".")[0])
        value = wb[layout.sheet].cell(*layout.positions[cell_id]).value
        assert value == L.total_formula(layout, rule)
        assert _referenced(value) == {layout.positions[c] for c in rule.right}


def _referenced(formula: str) -> set[tuple[int, int]]:
    """The cells a SUM formula covers."""
    from openpyxl.utils.cell import range_boundaries

    inner = formula[formula.index("(") + 1 : formula.rindex(")")]
    out = set()
    for part in inner.split(","):
        min_col, min_row, max_col, max_row = range_boundaries(part)
        out |= {(r, c) for r in range(min_row, max_row + 1) for c in range(min_col, max_col + 1)}
    return out


def test_every_hard_rule_has_a_visible_check_cell_with_red_formatting(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(template(tmp_path, "2021"))
    fmt = FORMATS["2021"]
    checks = [c for t in fmt.tables for c in L.table_layout("2021", t.key).checks]
    assert len(checks) == len([r for r in fmt.rules if r.code.severity == "error"])
    ws = wb["三、依申请公开"]
    balance = next(c for c in checks if c.rule.code.id == "T3-BALANCE" and c.rule.cell.endswith(".natural"))
    assert ws.cell(balance.row, balance.col).value == '=IF(SUM(D6:D7)=SUM(D29:D30),"✓","✗")'
    rules = [r for rng in ws.conditional_formatting for r in rng.rules]
    assert rules and all(r.formula == ['"✗"'] for r in rules)


def test_input_cells_are_unlocked_validated_and_sheets_protected(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(template(tmp_path, "2019"))
    assert wb.security.lockStructure
    ws = wb["三、依申请公开"]
    assert ws.protection.sheet and not ws.protection.password
    assert ws["D6"].protection.locked is False  # 一、本年新收 自然人
    assert ws["J6"].protection.locked is True  # its total
    kinds = {dv.type: dv for dv in ws.data_validations.dataValidation}
    assert kinds["whole"].operator == "greaterThanOrEqual" and "D6" in str(kinds["whole"].sqref)
    t2 = wb["二、主动公开"]
    custom = [dv for dv in t2.data_validations.dataValidation if dv.type == "custom"]
    assert custom and all('="/"' in dv.formula1 for dv in custom)
    signed = L.table_layout("2019", "proactive").positions["proactive.licensing.change"]
    dv = next(dv for dv in custom if L.a1(*signed) in str(dv.sqref))
    assert ">=0" not in dv.formula1  # 本年增/减 may be negative


def test_meta_sheet_holds_named_fields(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(template(tmp_path, "2021", agency="云溪县市场监督管理局"))
    ws = wb[L.META]
    assert ws["B2"].value == "云溪县市场监督管理局" and ws["B3"].value == 2025 and ws["B4"].value == "2021"
    names = set(wb.defined_names)
    assert {"meta.agency", "meta.date", "meta.info_fees.collected", "text.overview", "text.problems"} <= names
    wb19 = openpyxl.load_workbook(template(tmp_path, "2019"))
    assert "meta.units.proactive.procurement.amount" in wb19.defined_names
    assert "meta.info_fees.notices" not in wb19.defined_names


def test_instructions_state_the_counting_rule_and_deadlines(tmp_path: Path) -> None:
    ws = openpyxl.load_workbook(template(tmp_path, "2021"))[L.INSTRUCTIONS]
    text = "\n".join(str(c.value) for c in ws["A"] if c.value)
    assert "区分处理的申请只计入“（二）部分公开" in text
    assert "2026年1月31日前" in text and "2026年3月31日前" in text


def test_template_is_reproducible(tmp_path: Path) -> None:
    a = template(tmp_path, "2021")
    first = a.read_bytes()
    a.unlink()
    assert template(tmp_path, "2021").read_bytes() == first


def test_blank_template_reads_as_an_empty_report(tmp_path: Path) -> None:
    result = read_xlsx(template(tmp_path, "2021", agency="测试局"))
    assert result.findings == []
    report = result.report
    assert report is not None
    assert (report.agency, report.year, report.format, report.preface, report.cells) == ("测试局", 2025, "2021", "auto", {})


# ---------------------------------------------------------------- narrative mapping


def test_standalone_headings_share_a_row_with_the_next_paragraph() -> None:
    paragraphs = ["（一）主动公开", "正文一。", "（二）依申请公开", "（三）监督保障", "（四）组织领导。我局……", "尾段。"]
    assert paragraph_rows(paragraphs) == [
        ("（一）主动公开", "正文一。"),
        ("（二）依申请公开", ""),
        ("（三）监督保障", "（四）组织领导。我局……"),
        ("", "尾段。"),
    ]


# ---------------------------------------------------------------- round trips


@pytest.mark.parametrize("sample", sample_yamls(), ids=lambda p: p.stem)
def test_yaml_to_workbook_to_report_is_the_same_report(tmp_path: Path, sample: Path) -> None:
    report = read_yaml(sample).report
    path = tmp_path / "x.xlsx"
    write_template(path, version=report.format, year=report.year, report=report)
    result = read_xlsx(path)
    assert result.findings == []
    same_report(report, result.report)


@pytest.mark.parametrize("sample", sample_yamls(), ids=lambda p: p.stem)
def test_sample_workbooks_are_up_to_date(sample: Path) -> None:
    workbook = sample.with_suffix(".xlsx")
    assert workbook.exists(), "run python scripts/make_sample_workbooks.py"
    same_report(read_yaml(sample).report, read_xlsx(workbook).report)


def test_filled_by_hand_reads_back(tmp_path: Path) -> None:
    path = fill(
        template(tmp_path, "2021", agency="测试局"),
        {
            "applications.new.natural": 3,
            "applications.new.commercial": "2",  # numeric text is accepted
            "applications.disclosed.natural": 3.0,
            "proactive.admin_fees.amount": 12.35,
            "proactive.rules.issued": "/",
            "meta.date": dt.datetime(2026, 1, 20),
            "meta.contact.phone": "0000-1234567",
            "meta.info_fees.notices": 0,
        },
    )
    result = read_xlsx(path)
    assert result.findings == []
    report = result.report
    assert report.cells == {
        "applications.new.natural": 3,
        "applications.new.commercial": 2,
        "applications.disclosed.natural": 3,
        "proactive.admin_fees.amount": Decimal("12.35"),
        "proactive.rules.issued": "/",
    }
    assert report.date == dt.date(2026, 1, 20)
    assert report.contact is not None and report.contact.phone == "0000-1234567"
    assert report.info_fees is not None and report.info_fees.notices == 0
    assert result.sources["applications.new.commercial"] == Source(file=str(path), sheet="三、依申请公开", ref="E6")


counts = st.integers(min_value=0, max_value=10**6)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(version=st.sampled_from(sorted(FORMATS)), data=st.data())
def test_random_reports_survive_the_round_trip(tmp_path: Path, version: str, data) -> None:
    fmt = FORMATS[version]
    leaves = [c for c in fmt.cells().values() if not c.total]
    chosen = data.draw(st.lists(st.sampled_from(leaves), unique_by=lambda c: c.id, max_size=25))
    cells: dict = {}
    for cell in chosen:
        if cell.kind == "amount":
            cells[cell.id] = data.draw(st.decimals(min_value=0, max_value=10**6, places=2))
        elif cell.kind == "signed":
            cells[cell.id] = data.draw(st.integers(min_value=-1000, max_value=1000))
        else:
            cells[cell.id] = data.draw(counts)
    text = data.draw(st.lists(st.text(alphabet="（一）主动公开。我局信息abc 12", min_size=1, max_size=30), max_size=5))
    report = Report(agency="局", year=YEAR[version], format=version, cells=cells, text=Narrative(overview="\n\n".join(text)))
    path = tmp_path / f"r{version}.xlsx"
    write_template(path, version=version, year=report.year, report=report)
    same_report(report, read_xlsx(path).report)


def test_inconsistent_typed_total_is_kept_as_typed(tmp_path: Path) -> None:
    report = sample_report().model_copy(update={"cells": {**sample_report().cells, "applications.new.total": 9}})
    path = tmp_path / "t.xlsx"
    write_template(path, version="2021", year=2025, report=report)
    ws = openpyxl.load_workbook(path)["三、依申请公开"]
    assert ws["J6"].value == 9
    assert ws["J7"].value == "=SUM(D7:I7)"
    assert read_xlsx(path).report.cells["applications.new.total"] == 9


# ---------------------------------------------------------------- --from last year's input


def test_previous_year_prefills_carry_over_in_force_and_agency(tmp_path: Path) -> None:
    previous = Report(
        agency="测试局",
        year=2024,
        format="2021",
        signature="测试局办公室",
        cells={
            "applications.carried_forward.natural": 3,
            "applications.carried_forward.other": 1,
            "proactive.normative_documents.in_force": 12,
            "proactive.rules.in_force": "/",
        },
    )
    path = template(tmp_path, "2021", previous=previous)
    report = read_xlsx(path).report
    assert report.agency == "测试局" and report.signature == "测试局办公室"
    assert report.cells["applications.carried_over.natural"] == 3
    assert report.cells["applications.carried_over.other"] == 1
    assert report.cells["applications.carried_over.commercial"] == 0
    assert report.cells["proactive.normative_documents.in_force"] == 12
    assert report.cells["proactive.rules.in_force"] == "/"
    assert "applications.carried_over.total" not in report.cells  # still the formula


def test_previous_year_2019_items_add_last_years_change(tmp_path: Path) -> None:
    previous = Report(agency="局", year=2019, format="2019", cells={"proactive.licensing.previous": 10, "proactive.licensing.change": -3})
    report = read_xlsx(template(tmp_path, "2019", year=2020, previous=previous)).report
    assert report.cells["proactive.licensing.previous"] == 7
    assert report.cells["proactive.punishment.previous"] == 0


# ---------------------------------------------------------------- annotated copy


def test_annotate_marks_cells_and_lists_findings_without_touching_the_input(tmp_path: Path) -> None:
    path = template(tmp_path, "2021")
    before = path.read_bytes()
    t3 = "三、依申请公开"
    findings = [
        Finding(code="T3-BALANCE", severity="error", message="表三“自然人”列不平", source=Source(file=str(path), sheet=t3, ref="D30")),
        Finding(code="X-A", severity="warning", message="第二条", source=Source(file=str(path), sheet=t3, ref="D30")),
        Finding(code="DATE-MISSING", severity="warning", message="缺少成文日期", source=Source(file=str(path), sheet=L.META, ref="B6")),
        Finding(code="X-SAME-TEXT", severity="warning", message="雷同", source=Source(file=str(path))),
        Finding(code="T3-ROW-TOTAL", severity="error", message="标签格", source=Source(file=str(path), sheet=t3, ref="B8")),
    ]
    copy = annotate(path, findings)
    assert copy == tmp_path / "t2021.校验结果.xlsx"
    assert path.read_bytes() == before
    wb = openpyxl.load_workbook(copy)
    cell = wb["三、依申请公开"]["D30"]
    assert cell.comment is not None and "表三“自然人”列不平" in cell.comment.text and "第二条" in cell.comment.text
    assert cell.fill.fgColor.rgb.endswith("FFC7CE")
    assert wb[L.META]["B6"].comment is not None
    assert wb["三、依申请公开"]["B8"].comment is not None
    results = wb[L.RESULTS]
    assert wb.sheetnames[0] == L.RESULTS
    rows = [[c.value for c in row] for row in results.iter_rows(min_row=2)]
    assert [r[2] for r in rows] == [f.code for f in findings]
    assert rows[0][3] == "三、依申请公开!D30"
    # the copy is still a readable input; a second run refuses to replace it unless told to
    assert read_xlsx(copy).report is not None
    first = copy.read_bytes()
    with pytest.raises(InputError) as refused:
        annotate(path, findings[:1])
    assert refused.value.message == f"输出文件已存在，不会覆盖（如需替换请加 --overwrite）：{copy}"
    assert copy.read_bytes() == first
    assert annotate(path, findings[:1], overwrite=True) == copy and copy.read_bytes() != first


def test_annotate_comment_lands_on_the_merge_anchor(tmp_path: Path) -> None:
    path = template(tmp_path, "2021")
    finding = Finding(code="C", severity="error", message="m", source=Source(sheet="三、依申请公开", ref="A9"))
    wb = openpyxl.load_workbook(annotate(path, [finding]))
    assert wb["三、依申请公开"]["A8"].comment is not None


def test_annotated_name_never_is_the_input(tmp_path: Path) -> None:
    odd = tmp_path / "a.校验结果.xlsx"
    odd.write_bytes(b"")
    assert annotated_path(odd) == tmp_path / "a.校验结果.校验结果.xlsx"
