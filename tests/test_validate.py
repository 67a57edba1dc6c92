"""The validator: each rule, broken alone, gives exactly its finding; a clean report gives none."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from generator.findings import Finding, Source
from generator.formats import FORMATS
from generator.report import InfoFees, Narrative, Report
from generator.validate import validate

OVERVIEW = "本年度，我局认真贯彻落实《中华人民共和国政府信息公开条例》，持续推进决策、执行、管理、服务、结果公开。"
PROBLEMS = "政策解读形式较为单一，下一步将丰富解读形式，加强对基层的业务指导，提高信息发布的及时性。"

# a consistent table 3 (natural: 3 + 1 = 3 + 1; commercial: 1 + 0 = 1 + 0) and table 4
T3_T4: dict[str, Any] = {
    "applications.new.natural": 3,
    "applications.new.commercial": 1,
    "applications.new.total": 4,
    "applications.carried_over.natural": 1,
    "applications.carried_over.total": 1,
    "applications.disclosed.natural": 2,
    "applications.disclosed.total": 2,
    "applications.unavailable.not_held.natural": 1,
    "applications.unavailable.not_held.commercial": 1,
    "applications.unavailable.not_held.total": 2,
    "applications.results_total.natural": 3,
    "applications.results_total.commercial": 1,
    "applications.results_total.total": 4,
    "applications.carried_forward.natural": 1,
    "applications.carried_forward.total": 1,
    "reviews.reconsideration.upheld": 1,
    "reviews.reconsideration.pending": 1,
    "reviews.reconsideration.total": 2,
}
T2: dict[str, dict[str, Any]] = {
    "2021": {
        "proactive.rules.issued": "/",
        "proactive.rules.repealed": "/",
        "proactive.rules.in_force": "/",
        "proactive.normative_documents.issued": 1,
        "proactive.normative_documents.repealed": 0,
        "proactive.normative_documents.in_force": 5,
        "proactive.licensing.decisions": 120,
        "proactive.admin_fees.amount": Decimal("12.35"),
    },
    "2019": {
        "proactive.rules.new_made": 1,
        "proactive.rules.new_published": 1,
        "proactive.rules.total_published": 3,
        "proactive.licensing.previous": 10,
        "proactive.licensing.change": -2,
        "proactive.licensing.decisions": 5,
        "proactive.procurement.projects": 1,
        "proactive.procurement.amount": Decimal("30.5"),
    },
}
YEARS = {"2019": 2019, "2021": 2022}


def make(version: str = "2021", *, cells: dict[str, Any] | None = None, **changes: Any) -> Report:
    """A clean report of ``version``; ``cells`` are merged into its cells (None removes one)."""
    merged: dict[str, Any] = {**T2[version], **T3_T4}
    for key, value in (cells or {}).items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    fields: dict[str, Any] = {
        "agency": "云溪县市场监督管理局",
        "year": YEARS[version],
        "format": version,
        "date": dt.date(YEARS[version] + 1, 1, 20),
        "text": Narrative(overview=OVERVIEW, problems=PROBLEMS, other_matters="无。"),
        "cells": merged,
        "units": {"proactive.procurement.amount": "万元"} if version == "2019" else {},
    }
    fields.update(changes)
    return Report(**fields)


def only(findings: list[Finding]) -> Finding:
    assert len(findings) == 1, [f.line() for f in findings]
    return findings[0]


def essentials(finding: Finding) -> tuple:
    return (finding.code, finding.severity, finding.cell, finding.message, finding.expected, finding.actual)


# ------------------------------------------------------------------ clean reports


@pytest.mark.parametrize("version", sorted(FORMATS))
def test_clean_report_has_no_findings(version: str) -> None:
    assert validate(make(version)) == []


def test_report_without_cells_is_clean() -> None:
    # a report with no cells at all is consistent: every value is 0
    report = make(cells={k: None for k in (*T2["2021"], *T3_T4)})
    assert report.cells == {}
    assert validate(report) == []


# ------------------------------------------------------------------ hard rules


def test_row_total() -> None:
    f = only(validate(make(cells={"applications.disclosed.total": 3})))
    assert essentials(f) == (
        "T3-ROW-TOTAL",
        "error",
        "applications.disclosed.total",
        "表三“（一）予以公开”行：总计（3）不等于各类申请人之和（2）",
        2,
        3,
    )
    assert "applications.disclosed.natural" in f.related
    assert len(f.related) == 6


def test_results_total() -> None:
    f = only(validate(make(cells={"applications.results_total.natural": 4})))
    assert essentials(f) == (
        "T3-RESULTS-TOTAL",
        "error",
        "applications.results_total.natural",
        "表三“自然人”列：（七）总计（4）不等于各项办理结果之和（3）",
        3,
        4,
    )
    assert "applications.unavailable.not_held.natural" in f.related


def test_results_total_of_the_2021_other_handling_rows() -> None:
    report = make(cells={"applications.other_handling.fee_unpaid.natural": 1}, text=Narrative(overview=OVERVIEW, problems=PROBLEMS))
    findings = validate(report)
    codes = [(f.code, f.cell) for f in findings]
    # the leaf breaks its row total, the results total of its column, and the balance of its column
    assert ("T3-RESULTS-TOTAL", "applications.results_total.natural") in codes
    assert ("T3-BALANCE", "applications.carried_forward.natural") in codes
    assert ("FEES-NOT-REPORTED", "applications.other_handling.fee_unpaid.total") in codes


def test_balance_matches_the_data_contract_example() -> None:
    cells = {
        "applications.new.natural": 1,
        "applications.carried_over.natural": 1,
        "applications.disclosed.natural": 2,
        "applications.carried_forward.natural": 1,
    }
    report = make(cells={**{k: None for k in T3_T4}, **cells})
    f = only(validate(report))
    assert f.model_dump(mode="json", include={"code", "severity", "message", "cell", "expected", "actual"}) == {
        "code": "T3-BALANCE",
        "severity": "error",
        "message": "表三“自然人”列：第一项加第二项之和（2）不等于第三项加第四项之和（3）",
        "cell": "applications.carried_forward.natural",
        "expected": 2,
        "actual": 3,
    }
    assert set(f.related) == {"applications.new.natural", "applications.carried_over.natural", "applications.results_total.natural"}


def test_review_total() -> None:
    f = only(validate(make(cells={"reviews.reconsideration.total": 3})))
    assert essentials(f) == (
        "T4-TOTAL",
        "error",
        "reviews.reconsideration.total",
        "表四“行政复议”：总计（3）不等于结果维持、结果纠正、其他结果、尚未审结之和（2）",
        2,
        3,
    )


def test_a_wrong_typed_intermediate_total_is_reported_once() -> None:
    # the grand total is checked against the leaves, not against the wrong intermediate total
    findings = validate(make(cells={"applications.results_total.natural": 9}))
    assert [(f.code, f.cell) for f in findings] == [("T3-RESULTS-TOTAL", "applications.results_total.natural")]


def test_omitted_totals_are_not_checked_but_computed() -> None:
    cells = {k: None for k in T3_T4 if k.endswith(".total") or ".results_total." in k}
    assert validate(make(cells=cells)) == []


# ------------------------------------------------------------------ soft rules


def test_items_negative_2019() -> None:
    f = only(validate(make("2019", cells={"proactive.licensing.previous": 1, "proactive.licensing.change": -3})))
    assert essentials(f) == (
        "T2-ITEMS-NEGATIVE",
        "warning",
        "proactive.licensing.change",
        "表二“行政许可”：上一年项目数量加本年增/减（-2）小于0",
        0,
        -2,
    )
    assert f.related == ("proactive.licensing.previous",)


def test_published_exceeds_total_2019() -> None:
    f = only(validate(make("2019", cells={"proactive.rules.new_published": 5})))
    assert essentials(f) == (
        "T2-PUBLISHED-EXCEEDS-TOTAL",
        "warning",
        "proactive.rules.new_published",
        "表二“规章”：本年新公开数量（5）大于对外公开总数量（3）",
        5,
        3,
    )


@pytest.mark.parametrize(
    ("version", "year", "message", "expected"),
    [
        ("2019", 2021, "2021年度报告通常使用2021年格式，本报告使用2019年格式（国办公开办函〔2019〕60号），请确认", "2021"),
        ("2021", 2020, "2020年度报告通常使用2019年格式，本报告使用2021年格式（国办公开办函〔2021〕30号），请确认", "2019"),
    ],
)
def test_format_does_not_match_year(version: str, year: int, message: str, expected: str) -> None:
    f = only(validate(make(version, year=year, date=dt.date(year + 1, 1, 10))))
    assert essentials(f) == ("FORMAT-YEAR", "warning", None, message, expected, version)


def test_format_matches_its_years() -> None:
    assert validate(make("2019", year=2020)) == []
    assert validate(make("2021", year=2021)) == []


def test_narrative_figure_differs() -> None:
    text = Narrative(overview=OVERVIEW, problems=PROBLEMS, applications="本年度共收到政府信息公开申请5件。")
    f = only(validate(make(text=text)))
    assert essentials(f) == (
        "NARRATIVE-FIGURE",
        "warning",
        "applications.new.total",
        "“三、收到和处理政府信息公开申请情况”中“收到政府信息公开申请5件”所述本年新收政府信息公开申请数（5）与表格数据（4）不一致",
        4,
        5,
    )


def test_narrative_figures_that_agree() -> None:
    text = Narrative(
        overview=OVERVIEW + "全年共收到政府信息公开申请4件，上年结转1件，结转下年度继续办理1件。",
        problems=PROBLEMS,
        reviews="本年度发生政府信息公开行政复议2件，行政诉讼0件。",
    )
    assert validate(make(text=text)) == []


def test_narrative_figure_summing_two_cells() -> None:
    text = Narrative(overview=OVERVIEW, problems=PROBLEMS, reviews="本年度发生政府信息公开行政诉讼3件。")
    cells = {"reviews.litigation_direct.upheld": 1, "reviews.litigation_after_reconsideration.corrected": 1}
    f = only(validate(make(text=text, cells=cells)))
    assert (f.code, f.cell, f.expected, f.actual) == ("NARRATIVE-FIGURE", "reviews.litigation_direct.total", 2, 3)
    # every table cell the figure sums is related: the finding itself stands at the paragraph that states it
    assert f.related == ("reviews.litigation_direct.total", "reviews.litigation_after_reconsideration.total")


FEE_CELL = "applications.other_handling.fee_unpaid.natural"


def fee_report(other_matters: str, info_fees: InfoFees | None, unpaid: int = 1) -> Report:
    # the dropped application replaces one 予以公开, so every total still holds
    cells = {FEE_CELL: unpaid, "applications.disclosed.natural": 2 - unpaid, "applications.disclosed.total": 2 - unpaid}
    return make(cells=cells, text=Narrative(overview=OVERVIEW, problems=PROBLEMS, other_matters=other_matters), info_fees=info_fees)


def test_fees_in_table_three_but_not_in_part_six() -> None:
    f = only(validate(fee_report("无。", None)))
    assert essentials(f) == (
        "FEES-NOT-REPORTED",
        "warning",
        "applications.other_handling.fee_unpaid.total",
        "表三“（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请”行“总计”列为1，"
        "但“六、其他需要报告的事项”未报告信息处理费的收取情况",
        None,
        1,
    )


def test_fee_figures_with_a_silent_part_six() -> None:
    f = only(validate(fee_report("本年度无其他需要报告的事项。", InfoFees(notices=2, notice_amount=Decimal(300)), unpaid=0)))
    assert essentials(f) == (
        "FEES-NOT-REPORTED",
        "warning",
        None,
        "填写了信息处理费数据（info_fees），但“六、其他需要报告的事项”未报告信息处理费的收取情况",
        None,
        None,
    )


@pytest.mark.parametrize(
    ("other_matters", "info_fees"),
    [
        ("", InfoFees(notices=2, notice_amount=Decimal(300), collected=Decimal(100))),  # printed as the fee sentence
        ("", InfoFees()),  # printed as 本年度未收取信息处理费。
        ("本年度发出收费通知2件，实际收取信息处理费100元。", None),
        ("本年度未收取信息处理费。", InfoFees(notices=1)),
    ],
)
def test_fees_reported(other_matters: str, info_fees: InfoFees | None) -> None:
    assert validate(fee_report(other_matters, info_fees)) == []


def test_no_fee_rule_in_the_2019_format() -> None:
    assert validate(make("2019", info_fees=InfoFees(notices=3))) == []


def test_amount_in_wan_yuan_typed_in_yuan() -> None:
    f = only(validate(make(cells={"proactive.admin_fees.amount": Decimal(123500)})))
    assert essentials(f) == (
        "AMOUNT-WAN-YUAN",
        "warning",
        "proactive.admin_fees.amount",
        "表二“行政事业性收费”行“本年收费金额（单位：万元）”列的金额123500万元过大，看起来像以元为单位填写",
        "万元",
        Decimal(123500),
    )


def test_amount_unit_declared_by_the_data() -> None:
    big = {"proactive.procurement.amount": Decimal(2500000)}
    assert [f.code for f in validate(make("2019", cells=big))] == ["AMOUNT-WAN-YUAN"]
    assert validate(make("2019", cells=big, units={"proactive.procurement.amount": "元"})) == []


def test_date_missing() -> None:
    f = only(validate(make(date=None)))
    assert essentials(f) == ("DATE-MISSING", "warning", None, "缺少成文日期（date），报告末尾将不显示日期", None, None)


# ------------------------------------------------------------------ required fields and values


@pytest.mark.parametrize(("part", "heading"), [("overview", "一、总体情况"), ("problems", "五、存在的主要问题及改进情况")])
def test_required_text(part: str, heading: str) -> None:
    text = Narrative(**{"overview": OVERVIEW, "problems": PROBLEMS, part: " \n "})
    f = only(validate(make(text=text), sources={f"text.{part}": Source(file="a.yaml", line=7)}))
    assert essentials(f) == ("TEXT-REQUIRED", "error", None, f"“{heading}”的文字内容为空，该部分必须填写", None, None)
    assert f.source == Source(file="a.yaml", line=7)


def test_agency_required() -> None:
    f = only(validate(make(agency="  ")))
    assert essentials(f) == ("AGENCY-REQUIRED", "error", None, "缺少机关名称（agency）", None, None)


@pytest.mark.parametrize("year", [2007, 2101])
def test_year_range(year: int) -> None:
    f = only(validate(make(year=year)))
    assert essentials(f) == ("YEAR-RANGE", "error", None, f"报告年度“{year}”不在2008至2100年之间", None, year)


def test_unknown_format() -> None:
    f = only(validate(make(format="2030")))
    assert essentials(f) == (
        "FORMAT-UNKNOWN",
        "error",
        None,
        "未知的格式版本“2030”：应为“2019”、“2021”；以下按2021年格式检查",
        ["2019", "2021"],
        "2030",
    )


@pytest.mark.parametrize(
    ("cell", "value", "code", "message"),
    [
        ("proactive.licensing.decisions", Decimal("1.5"), "VALUE-NOT-INTEGER", "表二“行政许可”行“本年处理决定数量”列：件数（1.5）应为整数"),
        ("proactive.licensing.decisions", -1, "VALUE-NEGATIVE", "表二“行政许可”行“本年处理决定数量”列：件数（-1）不能为负数"),
        (
            "proactive.admin_fees.amount",
            Decimal("-0.5"),
            "VALUE-NEGATIVE",
            "表二“行政事业性收费”行“本年收费金额（单位：万元）”列：金额（-0.5）不能为负数",
        ),
    ],
)
def test_bad_values(cell: str, value: Any, code: str, message: str) -> None:
    f = only(validate(make(cells={cell: value})))
    assert essentials(f) == (code, "error", cell, message, None, value)


def test_not_applicable_only_in_table_two() -> None:
    report = make(cells={**{k: None for k in T3_T4}, "applications.new.natural": "/"})
    f = only(validate(report))
    assert essentials(f) == (
        "VALUE-NOT-APPLICABLE",
        "error",
        "applications.new.natural",
        "表三“一、本年新收政府信息公开申请数量”行“自然人”列：不能填写“/”，请填写数字（没有则填0）",
        None,
        "/",
    )


@pytest.mark.parametrize("junk", ["abc", True, None, float("nan"), [1]])
def test_values_of_the_wrong_type_built_in_code(junk: Any) -> None:
    report = make()
    report.cells["proactive.licensing.decisions"] = junk  # bypasses pydantic, as code may
    f = only(validate(report))
    assert (f.code, f.severity, f.cell) == ("VALUE-NOT-NUMBER", "error", "proactive.licensing.decisions")
    assert f.message.startswith("表二“行政许可”行“本年处理决定数量”列：“")


def test_float_and_integral_decimal_counts_are_accepted() -> None:
    report = make()
    report.cells["proactive.licensing.decisions"] = 3.0
    report.cells["applications.disclosed.natural"] = Decimal(2)
    assert validate(report) == []


def test_a_signed_count_may_be_negative_but_must_be_whole() -> None:
    assert validate(make("2019", cells={"proactive.licensing.change": -5, "proactive.licensing.previous": 5})) == []
    f = only(validate(make("2019", cells={"proactive.licensing.change": Decimal("0.5")})))
    assert (f.code, f.cell) == ("VALUE-NOT-INTEGER", "proactive.licensing.change")


def test_cell_of_the_other_format() -> None:
    f = only(validate(make("2019", cells={"proactive.rules.in_force": 3})))
    assert essentials(f) == (
        "CELL-UNKNOWN",
        "error",
        "proactive.rules.in_force",
        "2019年格式中没有单元格“proactive.rules.in_force”，它属于2021年格式",
        None,
        "proactive.rules.in_force",
    )
    f = only(validate(make(cells={"applications.nonsense.natural": 1})))
    assert f.message == "2021年格式中没有单元格“applications.nonsense.natural”"


# ------------------------------------------------------------------ across years


def test_clean_previous_year() -> None:
    this = make()
    assert validate(this, previous=previous_of(this)) == []


def previous_of(report: Report, cells: dict[str, Any] | None = None, **changes: Any) -> Report:
    """Last year's report consistent with ``report`` (other text, 4 documents in force), then ``cells`` merged in."""
    text = Narrative(overview="上一年度的总体情况另有表述，与本年不同。" * 2, problems="上一年度的问题另有表述，与本年不同。" * 2)
    in_force = {"proactive.normative_documents.in_force": 4} if report.format == "2021" else {}
    last_cells = {**report.cells, **in_force, **(cells or {})}
    return report.model_copy(update={"year": report.year - 1, "text": text, "cells": last_cells, **changes})


def test_carry_over() -> None:
    this = make()
    carried = {"natural": 2, "commercial": 1, "total": 3}
    last = previous_of(this, cells={f"applications.carried_forward.{k}": v for k, v in carried.items()})
    findings = validate(this, previous=last)
    # one finding per column; the total column would only repeat them
    assert [essentials(f) for f in findings] == [
        (
            "X-CARRY-OVER",
            "warning",
            "applications.carried_over.natural",
            "表三“自然人”列：上年结转（1）不等于上年报告的结转下年度继续办理（2）",
            2,
            1,
        ),
        (
            "X-CARRY-OVER",
            "warning",
            "applications.carried_over.commercial",
            "表三“商业企业”列：上年结转（0）不等于上年报告的结转下年度继续办理（1）",
            1,
            0,
        ),
    ]


def test_carry_over_of_the_total_alone() -> None:
    # last year gave only its total: this year's total is compared with it
    this = make()
    last = previous_of(this, cells={"applications.carried_forward.total": 1})
    assert validate(this, previous=last) == []
    last = previous_of(this, cells={"applications.carried_forward.total": 3})
    f = only(validate(this, previous=last))
    assert (f.code, f.cell, f.expected, f.actual) == ("X-CARRY-OVER", "applications.carried_over.total", 3, 1)


def test_in_force_2021() -> None:
    this = make()
    last = previous_of(this, cells={"proactive.normative_documents.in_force": 5})
    f = only(validate(this, previous=last))
    assert essentials(f) == (
        "X-IN-FORCE",
        "warning",
        "proactive.normative_documents.in_force",
        "表二“行政规范性文件”现行有效件数（5）不等于上年现行有效件数加本年制发件数减本年废止件数（6）",
        6,
        5,
    )
    assert f.related == ("proactive.normative_documents.issued", "proactive.normative_documents.repealed")


def test_items_previous_2019() -> None:
    this = make("2019", year=2020)
    last = previous_of(this, cells={"proactive.licensing.previous": 14, "proactive.licensing.change": -2})
    f = only(validate(this, previous=last))
    assert essentials(f) == (
        "X-ITEMS-PREVIOUS",
        "warning",
        "proactive.licensing.previous",
        "表二“行政许可”上一年项目数量（10）不等于上年报告的上一年项目数量加本年增/减（12）",
        12,
        10,
    )


def test_carry_rules_across_formats_skip_cells_last_year_did_not_have() -> None:
    this = make(year=2021)  # 2021 format; in_force 5 with no 2020 figure to compare against
    last = make("2019", year=2020, text=previous_of(this).text, cells={"applications.carried_forward.natural": 1})
    assert validate(this, previous=last) == []


def test_previous_year_is_not_last_year() -> None:
    this = make()
    f = only(validate(this, previous=previous_of(this, year=this.year - 2)))
    assert essentials(f) == ("X-YEAR", "warning", None, "上年报告的年度是2020年，不是2021年，跨年度核对可能无意义", 2021, 2020)


def test_same_text_as_last_year() -> None:
    this = make()
    last = previous_of(
        this, text=Narrative(overview=OVERVIEW.replace("，", "， \n"), problems="另有表述的问题与措施，与本年完全不同的一段文字。")
    )
    f = only(validate(this, previous=last))
    assert essentials(f) == ("X-SAME-TEXT", "warning", None, "“一、总体情况”的文字与上年报告完全相同", None, None)


def test_most_paragraphs_copied_from_last_year() -> None:
    paragraphs = [f"第{i}段：本机关持续推进政务公开标准化规范化建设，取得了阶段性成效。" for i in range(3)]
    this = make(
        text=Narrative(
            overview="\n\n".join([*paragraphs, "（一）主动公开", "今年新写的一段，内容与上年报告不同，说明了新的工作举措。"]),
            problems=PROBLEMS,
        )
    )
    last = previous_of(this, text=Narrative(overview="上年另有开头。" * 4, problems="\n\n".join(paragraphs)))
    f = only(validate(this, previous=last))
    assert essentials(f) == ("X-SAME-TEXT", "warning", None, "“一、总体情况”有3段（共4段）与上年报告逐字相同", 4, 3)


def test_short_standard_text_may_repeat() -> None:
    this = make()
    last = previous_of(this, text=Narrative(overview="上年另有开头。" * 4, problems="上年另有问题。" * 4, other_matters="无。"))
    assert validate(this, previous=last) == []


# ------------------------------------------------------------------ all at once, sources, codes


def test_every_fault_is_reported_at_once() -> None:
    report = make(
        "2019",
        agency="",
        date=None,
        year=2021,
        text=Narrative(overview=OVERVIEW),
        cells={
            "applications.disclosed.total": 7,
            "reviews.litigation_direct.total": 1,
            "proactive.rules.new_published": 9,
            "proactive.rules.in_force": 1,
            "proactive.licensing.decisions": -4,
        },
    )
    codes = sorted(f.code for f in validate(report))
    assert codes == sorted(
        [
            "FORMAT-YEAR",
            "AGENCY-REQUIRED",
            "TEXT-REQUIRED",
            "DATE-MISSING",
            "CELL-UNKNOWN",
            "VALUE-NEGATIVE",
            "T3-ROW-TOTAL",
            "T4-TOTAL",
            "T2-PUBLISHED-EXCEEDS-TOTAL",
        ]
    )


def test_sources_by_cell_then_field_then_file() -> None:
    report = make(cells={"applications.disclosed.total": 3}, date=None)
    where = Source(file="in.xlsx", sheet="三、依申请公开", ref="J12")
    findings = validate(report, {"applications.disclosed.total": where}, file="in.xlsx")
    assert [(f.code, f.source) for f in findings] == [("DATE-MISSING", Source(file="in.xlsx")), ("T3-ROW-TOTAL", where)]
    assert all(f.source is None for f in validate(report))
