"""Roster reading, distribution, aggregation (both format versions), reconciliation with --children, and drafting."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from generator.collect.aggregate import aggregate, write_aggregate
from generator.collect.distribute import distribute
from generator.collect.draft import draft, draft_report
from generator.collect.reconcile import check_children
from generator.collect.roster import read_roster, write_roster_template
from generator.errors import InputError
from generator.formats import FORMATS
from generator.pipeline import check_one, read_input
from generator.validate import validate

from .collection import broken, roster_csv, unit_report, write_report
from .conftest import sample_yamls

# ---------------------------------------------------------------- roster


def test_roster_csv_in_each_encoding(tmp_path: Path) -> None:
    units = [("云溪县教育局", "部门"), ("青石镇人民政府", "乡镇")]
    for encoding in ("utf-8", "utf-8-sig", "gb18030"):
        roster = read_roster(roster_csv(tmp_path / f"{encoding}.csv", units, encoding=encoding))
        assert [(u.name, u.category, u.row) for u in roster.units] == [("云溪县教育局", "部门", 2), ("青石镇人民政府", "乡镇", 3)]
        assert roster.findings == []


def test_roster_duplicate_and_empty_names_name_the_row(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("单位名称,类别\n云溪县教育局,部门\n,部门\n云溪县 教育局,部门\n", encoding="utf-8")
    roster = read_roster(path)
    assert [f.line() for f in roster.findings] == [
        f"错误 ROSTER-NAME-EMPTY {path} 第3行：单位名称为空",
        f"错误 ROSTER-NAME-DUPLICATE {path} 第4行：单位名称“云溪县 教育局”与第2行重复",
    ]
    assert [u.name for u in roster.units] == ["云溪县教育局"]


def test_roster_without_the_name_column(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("名称,类别\n云溪县教育局,部门\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_roster(path)
    assert str(caught.value) == f"{path}：名单缺少“单位名称”列；第1行找到的列：“名称”、“类别”"


def test_roster_template_round_trips_and_xlsx_roster(tmp_path: Path) -> None:
    empty = tmp_path / "名单.xlsx"
    write_roster_template(empty)
    assert read_roster(empty).units == []
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["备注", "单位名称", "类别"])
    ws.append([None, "云溪县教育局", "部门"])
    ws.append([None, None, None])
    ws.append(["x", 12345, "乡镇"])
    wb.save(tmp_path / "r.xlsx")
    assert [(u.name, u.category, u.note) for u in read_roster(tmp_path / "r.xlsx").units] == [
        ("云溪县教育局", "部门", ""),
        ("12345", "乡镇", "x"),
    ]


# ---------------------------------------------------------------- distribute


def test_distribute_fills_each_unit_and_carries_over_from_its_own_file(tmp_path: Path) -> None:
    roster = read_roster(roster_csv(tmp_path / "r.csv", [("云溪县教育局", "部门"), ("青石镇/人民政府", "乡镇")]))
    last = tmp_path / "去年"
    write_report(last / "x.xlsx", unit_report("云溪县教育局", 3, year=2024))
    result = distribute(roster, FORMATS["2021"], 2025, tmp_path / "下发", previous_dir=last)
    assert [p.name for p in result.written] == ["云溪县教育局.xlsx", "青石镇_人民政府.xlsx"]
    assert result.carried == ["云溪县教育局"] and result.without_previous == ["青石镇/人民政府"]
    filled = read_input(tmp_path / "下发" / "云溪县教育局.xlsx").report
    assert filled is not None and (filled.agency, filled.year, filled.format) == ("云溪县教育局", 2025, "2021")
    previous = unit_report("云溪县教育局", 3, year=2024)
    assert filled.cells["applications.carried_over.natural"] == previous.cells["applications.carried_forward.natural"]
    again = distribute(roster, FORMATS["2021"], 2025, tmp_path / "下发")
    assert again.written == [] and len(again.existing) == 2


# ---------------------------------------------------------------- aggregate


def test_aggregate_2021_sums_every_cell(tmp_path: Path) -> None:
    a, b = unit_report("甲局", 1), unit_report("乙局", 2)
    files = [write_report(tmp_path / "a.xlsx", a), write_report(tmp_path / "b.yaml", b)]
    result = aggregate(files, "云溪县人民政府")
    assert result.exit_code == 0 and result.report is not None
    for cell in ("applications.new.natural", "reviews.reconsideration.upheld", "proactive.licensing.decisions"):
        assert result.report.cells[cell] == a.cells[cell] + b.cells[cell]  # type: ignore[operator]
    assert (
        result.report.cells["proactive.admin_fees.amount"]
        == a.cells["proactive.admin_fees.amount"] + b.cells["proactive.admin_fees.amount"]
    )  # type: ignore[operator]
    out = tmp_path / "本级.xlsx"
    write_aggregate(result, out)
    back = read_input(out)
    assert back.report is not None and back.report.cells["applications.new.natural"] == result.report.cells["applications.new.natural"]
    sources = list(load_workbook(out)["汇总来源"].iter_rows(values_only=True))
    assert [r[0] for r in sources] == ["单位名称", "甲局", "乙局"]
    # once parts 一 and 五 are written the result passes check
    report = back.report.model_copy(update={"text": a.text})
    assert not [f for f in validate(report) if f.severity == "error"]


def test_aggregate_2019_converts_amounts_and_keeps_slash(tmp_path: Path) -> None:
    yuan = unit_report("甲局", 1, year=2019, version="2019", amount_unit="元")
    wan = unit_report("乙局", 2, year=2019, version="2019", amount_unit="万元")
    cells = dict(yuan.cells) | {"proactive.rules.new_made": "/"}
    yuan = yuan.model_copy(update={"cells": cells})
    wan = wan.model_copy(update={"cells": dict(wan.cells) | {"proactive.rules.new_made": "/", "proactive.rules.new_published": "/"}})
    files = [write_report(tmp_path / "a.yaml", yuan), write_report(tmp_path / "b.xlsx", wan)]
    result = aggregate(files, "某市人民政府")
    assert result.report is not None
    amount = "proactive.procurement.amount"
    assert result.report.units[amount] == "万元"
    assert result.report.cells[amount] == Decimal(str(yuan.cells[amount])) / 10000 + Decimal(str(wan.cells[amount]))
    assert result.report.cells["proactive.rules.new_made"] == "/"
    assert result.report.cells["proactive.rules.new_published"] == yuan.cells["proactive.rules.new_published"]
    for cell in ("proactive.licensing.previous", "proactive.licensing.change", "proactive.licensing.decisions"):
        assert result.report.cells[cell] == yuan.cells[cell] + wan.cells[cell]  # type: ignore[operator]
    out = tmp_path / "本级.yaml"
    write_aggregate(result, out)
    text = out.read_text(encoding="utf-8")
    assert "sources:\n- 单位名称: 甲局\n" in text
    assert read_input(out).report == result.report


def test_aggregate_refuses_errors_and_mixed_years(tmp_path: Path) -> None:
    good = write_report(tmp_path / "a.yaml", unit_report("甲局", 1))
    bad = write_report(tmp_path / "b.yaml", broken(unit_report("乙局", 2)))
    other = write_report(tmp_path / "c.yaml", unit_report("丙局", 3, year=2019, version="2019"))
    result = aggregate([good, bad, other], "县政府")
    assert result.report is None and result.exit_code == 1
    assert [f.line() for f in result.findings] == [
        f"错误 AGGREGATE-INPUT-ERRORS {bad}：有 1 个错误，未汇总；请先改正",
        f"错误 AGGREGATE-MISMATCH {other}：报告年度是“2019”，与第一个输入（“2025”）不同",
        f"错误 AGGREGATE-MISMATCH {other}：格式版本是“2019”，与第一个输入（“2021”）不同",
    ]


def test_aggregate_by_category(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_report(folder / "a.yaml", unit_report("甲局", 1))
    write_report(folder / "b.yaml", unit_report("乙镇", 2))
    roster = read_roster(roster_csv(tmp_path / "r.csv", [("甲局", "部门"), ("乙镇", "乡镇")]))
    result = aggregate([folder], "县政府", categories=["乡镇"], roster=roster)
    assert [r.report.agency for r in result.included if r.report] == ["乙镇"] and len(result.excluded) == 1


# ---------------------------------------------------------------- reconcile


def test_children_reconcile_with_a_planted_difference(tmp_path: Path) -> None:
    a, b = unit_report("甲局", 1), unit_report("乙局", 2)
    children = [write_report(tmp_path / "kids" / "a.yaml", a), write_report(tmp_path / "kids" / "b.xlsx", b)]
    summed = aggregate(children, "县政府").report
    assert summed is not None
    parent = tmp_path / "parent.yaml"
    write_report(parent, summed.model_copy(update={"text": a.text}))
    clean = check_children(parent, [tmp_path / "kids"])
    assert clean.exit_code == 0 and not [f for f in clean.findings if f.code == "CHILDREN-SUM"]
    cells = dict(summed.cells)
    cells["applications.new.natural"] = int(str(cells["applications.new.natural"])) + 5
    cells["applications.carried_forward.natural"] = int(str(cells["applications.carried_forward.natural"])) + 5  # still balances
    write_report(parent, summed.model_copy(update={"cells": cells, "text": a.text}))
    outcome = check_children(parent, children)
    found = [f for f in outcome.findings if f.code == "CHILDREN-SUM"]
    assert [f.cell for f in found] == ["applications.new.natural", "applications.carried_forward.natural"]
    first = found[0]
    expected = a.cells["applications.new.natural"] + b.cells["applications.new.natural"]  # type: ignore[operator]
    assert (first.expected, first.actual) == (expected, expected + 5)
    natural = a.cells["applications.new.natural"], b.cells["applications.new.natural"]
    assert first.message == (
        f"表三“一、本年新收政府信息公开申请数量”行“自然人”列：本级为 {expected + 5}，"
        f"下级合计为 {expected}（甲局 {natural[0]}、乙局 {natural[1]}）"
    )
    assert outcome.exit_code == 1


def test_children_of_another_year(tmp_path: Path) -> None:
    parent = write_report(tmp_path / "p.yaml", unit_report("县政府", 1))
    child = write_report(tmp_path / "c.yaml", unit_report("甲局", 1, year=2024))
    found = [f.message for f in check_children(parent, [child]).findings if f.code == "CHILDREN-MISMATCH"]
    assert found == [f"下级报告 {child} 的报告年度是“2024”，本级是“2025”"]


# ---------------------------------------------------------------- draft


@pytest.mark.parametrize("sample", sample_yamls(), ids=lambda p: p.stem)
def test_drafted_text_agrees_with_the_tables(sample: Path) -> None:
    report = read_input(sample).report
    assert report is not None
    emptied = report.model_copy(update={"text": report.text.model_copy(update={"proactive": "", "applications": "", "reviews": ""})})
    drafted = draft_report(emptied)
    assert drafted.drafted == ["proactive", "applications", "reviews"] and drafted.report is not None
    assert "结转下年度继续办理" in drafted.report.text.applications
    assert not [f for f in validate(drafted.report) if f.code == "NARRATIVE-FIGURE"]
    kept = draft_report(report)  # the samples' own text stays as written
    assert kept.report is not None
    for part in kept.kept:
        assert getattr(kept.report.text, part) == getattr(report.text, part)


def test_draft_writes_a_new_file_and_never_overwrites_user_text(tmp_path: Path) -> None:
    report = unit_report("甲局", 1)
    report = report.model_copy(update={"text": report.text.model_copy(update={"reviews": "本单位自己写的说明。"})})
    source = write_report(tmp_path / "in.xlsx", report)
    before = source.read_bytes()
    result = draft(source, tmp_path / "out.xlsx")
    assert result.drafted == ["proactive", "applications"] and result.kept == ["reviews"]
    back = read_input(tmp_path / "out.xlsx").report
    assert back is not None and back.text.reviews == "本单位自己写的说明。"
    assert back.text.applications.startswith("本年度共新收政府信息公开申请")
    assert source.read_bytes() == before
    _, outcome = check_one(tmp_path / "out.xlsx")
    assert not [f for f in outcome.findings if f.code == "NARRATIVE-FIGURE"]


def test_draft_refuses_tables_with_errors(tmp_path: Path) -> None:
    source = write_report(tmp_path / "in.yaml", broken(unit_report("甲局", 1)))
    result = draft(source, tmp_path / "out.yaml")
    assert result.written is None and result.exit_code == 1 and not (tmp_path / "out.yaml").exists()
