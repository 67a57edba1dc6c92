"""The validator: every rule of the format declaration checked at once, each result a Finding."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from .audit_rules import text_findings
from .cells import place
from .findings import Finding, Severity, Source
from .formats import FORMATS, Cell, Format, SumRule, carry_rules, format_for_year
from .report import NOT_APPLICABLE, PART_KEYS, Narrative, Report, Value, split_paragraphs
from .values import Derived, Number, complete, display
from .view import other_matters

FIRST_YEAR = 2008  # 《政府信息公开条例》 took effect on 1 May 2008
LAST_YEAR = 2100
WAN_YUAN = "万元"
WAN_YUAN_LIMIT = 100000  # 10亿元: more than any plausible single amount in 万元
MIN_COPIED_CHARS = 20  # shorter text (“无。”, subheadings) legitimately repeats every year
# codes the readers emit too, where they know the location better
AGENCY_REQUIRED = "AGENCY-REQUIRED"
YEAR_RANGE = "YEAR-RANGE"
FORMAT_UNKNOWN = "FORMAT-UNKNOWN"

CODES: dict[str, str] = {
    # hard rules of the tables (declared in generator/formats)
    "T3-ROW-TOTAL": "表三某行的总计不等于各类申请人之和",
    "T3-RESULTS-TOTAL": "表三某列的（七）总计不等于各项办理结果之和",
    "T3-BALANCE": "表三某列第一项加第二项之和不等于第三项加第四项之和",
    "T4-TOTAL": "表四某项的总计不等于结果维持、结果纠正、其他结果、尚未审结之和",
    # soft rules of table 2 (2019 format)
    "T2-ITEMS-NEGATIVE": "表二上一年项目数量加本年增/减小于0（警告）",
    "T2-PUBLISHED-EXCEEDS-TOTAL": "表二本年新公开数量大于对外公开总数量（警告）",
    # values and required fields
    "CELL-UNKNOWN": "单元格不属于本报告使用的格式",
    "VALUE-NOT-NUMBER": "单元格的值不是数字",
    "VALUE-NOT-INTEGER": "件数不是整数",
    "VALUE-NEGATIVE": "件数或金额为负数",
    "VALUE-NOT-APPLICABLE": "该单元格不能填写“/”",
    AGENCY_REQUIRED: "缺少机关名称",
    YEAR_RANGE: f"报告年度不在{FIRST_YEAR}至{LAST_YEAR}年之间",
    FORMAT_UNKNOWN: "未知的格式版本",
    "TEXT-REQUIRED": "必填部分（一、五）的文字内容为空",
    # plausibility (warnings)
    "FORMAT-YEAR": "格式版本与报告年度不符（警告）",
    "NARRATIVE-FIGURE": "文字中的数字与表格数据不一致（警告）",
    "FEES-NOT-REPORTED": "有信息处理费数据，但第六部分未报告信息处理费（警告）",
    "AMOUNT-WAN-YUAN": "以万元为单位的金额过大，疑似按元填写（警告）",
    "DATE-MISSING": "缺少成文日期（警告）",
    # across years, with last year's report (warnings)
    "X-YEAR": "上年报告的年度不是本年度减1（警告）",
    "X-CARRY-OVER": "表三上年结转不等于上年报告的结转下年度继续办理（警告）",
    "X-IN-FORCE": "表二现行有效件数与上年数据及本年制发、废止件数不符（警告）",
    "X-ITEMS-PREVIOUS": "表二上一年项目数量不等于上年报告的上一年项目数量加本年增/减（警告）",
    "X-SAME-TEXT": "文字内容与上年报告雷同（警告）",
}


def validate(
    report: Report,
    sources: Mapping[str, Source] | None = None,
    previous: Report | None = None,
    file: str | None = None,
) -> list[Finding]:
    """Every finding for ``report`` (and against last year's ``previous``), collected at once; never raises."""
    check = _Checker(report, sources or {}, file)
    check.meta()
    check.values()
    check.sum_rules(check.fmt.rules)
    check.sum_rules(check.fmt.soft_rules)
    check.narrative_figures()
    check.fees()
    check.amounts()
    if previous is not None:
        check.across_years(previous)
    check.findings += text_findings(report)
    return check.findings


def where(cell: Cell, fmt: Format) -> str:
    """A cell as a Chinese location: ``表三“（一）予以公开”行“自然人”列``."""
    return place(cell)


def clean_cells(cells: Mapping[str, Any], fmt: Format) -> dict[str, Value]:
    """The cells usable in arithmetic: known ids holding a finite number or "/" (anything else dropped)."""
    known = fmt.cells()
    out: dict[str, Value] = {}
    for cell_id, raw in cells.items():
        if cell_id in known:
            value = _as_value(raw)
            if value is not None:
                out[cell_id] = value
    return out


def _as_value(raw: Any) -> Value | None:
    """``raw`` as a cell value, or None when it is not a finite number or "/"."""
    if isinstance(raw, str):
        return "/" if raw == NOT_APPLICABLE else None
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float):
        return Decimal(repr(raw)) if math.isfinite(raw) else None
    if isinstance(raw, Decimal):
        return raw if raw.is_finite() else None
    return None


def _is_integral(value: Number) -> bool:
    return isinstance(value, int) or value == value.to_integral_value()


def _show(value: Any) -> str:
    if isinstance(value, str):
        return value
    return display(value) if isinstance(value, int | Decimal) else repr(value)


def _holds(left: Number, right: Number, relation: str) -> bool:
    return left <= right if relation == "<=" else left == right


def _normalise(text: str) -> str:
    return re.sub(r"\s+", "", text)


class _Checker:
    """One validation run: the report, its declaration, cleaned values and the findings so far."""

    def __init__(self, report: Report, sources: Mapping[str, Source], file: str | None):
        self.report = report
        self.sources = sources
        self.file = file
        self.findings: list[Finding] = []
        self.fmt = report.spec
        self.known = self.fmt.cells()
        self.given = clean_cells(report.cells or {}, self.fmt)
        self.derived = Derived(self.fmt, self.given)
        self.complete = complete(report.model_copy(update={"cells": self.given}), self.fmt)

    # ------------------------------------------------------------ helpers

    def add(
        self,
        code: str,
        severity: Severity,
        message: str,
        *,
        cell: str | None = None,
        field: str | None = None,
        expected: Any = None,
        actual: Any = None,
        related: Iterable[str] = (),
    ) -> None:
        source = next((self.sources[k] for k in (cell, field) if k and k in self.sources), None)
        if source is None and cell:
            # a computed cell the input never gave: point at the nearest enclosing row or table that it did give
            parts = cell.split(".")
            source = next((self.sources[k] for n in range(len(parts) - 1, 0, -1) if (k := ".".join(parts[:n])) in self.sources), None)
        if source is None and self.file:
            source = Source(file=self.file)
        self.findings.append(
            Finding(
                code=code,
                severity=severity,
                message=message,
                cell=cell,
                source=source,
                expected=expected,
                actual=actual,
                related=tuple(related),
            )
        )

    def text(self, part: str) -> str:
        value = getattr(self.report.text, part, "")
        return value if isinstance(value, str) else ""

    def value(self, cell: str) -> Number:
        raw = self.complete.get(cell)
        return 0 if raw is None or isinstance(raw, str) else raw

    # ------------------------------------------------------------ metadata and required fields

    def meta(self) -> None:
        report, fmt = self.report, self.fmt
        year = report.year if isinstance(report.year, int) and not isinstance(report.year, bool) else None
        if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
            year = None
        if year is None:
            self.add(
                YEAR_RANGE,
                "error",
                f"报告年度“{report.year}”不在{FIRST_YEAR}至{LAST_YEAR}年之间",
                field="year",
                actual=report.year,
            )
        if report.format not in FORMATS:
            known = "、".join(f"“{v}”" for v in FORMATS)
            self.add(
                FORMAT_UNKNOWN,
                "error",
                f"未知的格式版本“{report.format}”：应为{known}；以下按{fmt.version}年格式检查",
                field="format",
                expected=sorted(FORMATS),
                actual=report.format,
            )
        elif year is not None and not (fmt.first_year <= year <= (fmt.last_year or LAST_YEAR)):
            default = format_for_year(year).version
            self.add(
                "FORMAT-YEAR",
                "warning",
                f"{year}年度报告通常使用{default}年格式，本报告使用{fmt.version}年格式（{fmt.notice}），请确认",
                field="format",
                expected=default,
                actual=fmt.version,
            )
        if not (isinstance(report.agency, str) and report.agency.strip()):
            self.add(AGENCY_REQUIRED, "error", "缺少机关名称（agency）", field="agency")
        for part in fmt.parts:
            if part.required and not self.text(part.key).strip():
                self.add("TEXT-REQUIRED", "error", f"“{part.heading}”的文字内容为空，该部分必须填写", field=f"text.{part.key}")
        if report.date is None:
            self.add("DATE-MISSING", "warning", "缺少成文日期（date），报告末尾将不显示日期", field="date")

    # ------------------------------------------------------------ values

    def values(self) -> None:
        for cell_id, raw in (self.report.cells or {}).items():
            cell = self.known.get(cell_id)
            if cell is None:
                self.unknown_cell(cell_id)
                continue
            value = _as_value(raw)
            place = where(cell, self.fmt)
            if value is None:
                self.add("VALUE-NOT-NUMBER", "error", f"{place}的值“{_show(raw)}”不是数字", cell=cell_id, actual=_show(raw))
            elif isinstance(value, str):
                if not cell.column.not_applicable:
                    self.add("VALUE-NOT-APPLICABLE", "error", f"{place}不能填写“/”，请填写数字（没有则填0）", cell=cell_id, actual=value)
            elif cell.kind != "amount" and not _is_integral(value):
                self.add("VALUE-NOT-INTEGER", "error", f"{place}的值（{display(value)}）应为整数", cell=cell_id, actual=value)
            elif cell.kind != "signed" and value < 0:
                what = "金额" if cell.kind == "amount" else "件数"
                self.add("VALUE-NEGATIVE", "error", f"{place}的{what}（{display(value)}）不能为负数", cell=cell_id, actual=value)

    def unknown_cell(self, cell_id: str) -> None:
        owners = [v for v, f in FORMATS.items() if v != self.fmt.version and cell_id in f.cells()]
        hint = f"，它属于{owners[0]}年格式" if owners else ""
        self.add(
            "CELL-UNKNOWN",
            "error",
            f"{self.fmt.version}年格式中没有单元格“{cell_id}”{hint}",
            cell=cell_id,
            actual=cell_id,
        )

    # ------------------------------------------------------------ sum rules

    def sum_rules(self, rules: Iterable[SumRule]) -> None:
        checked: set[str] = set()
        for rule in rules:
            if rule.computes:
                total = rule.left[0]
                if total in checked or total not in self.given:
                    continue
                checked.add(total)
                actual = self.value(total)
                expected = self.derived.sum(rule.right)
                if not _holds(actual, expected, rule.relation):
                    message = rule.message.format(left=display(actual), right=display(expected))
                    self.add(rule.code, rule.severity, message, cell=total, expected=expected, actual=actual, related=rule.right)
                continue
            left, right = self.derived.sum(rule.left), self.derived.sum(rule.right)
            if not _holds(left, right, rule.relation):
                message = rule.message.format(left=display(left), right=display(right))
                related = [c for c in (*rule.left, *rule.right) if c != rule.cell]
                self.add(rule.code, rule.severity, message, cell=rule.cell, expected=left, actual=right, related=related)

    # ------------------------------------------------------------ soft rules on the narrative and amounts

    def narrative_figures(self) -> None:
        seen: set[tuple[str, str]] = set()
        for part in self.fmt.parts:
            text = self.text(part.key)
            for figure in self.fmt.narrative_figures:
                table = sum((self.value(c) for c in figure.cells), 0)
                for match in re.finditer(figure.pattern, text):
                    stated = int(match.group(1))
                    phrase = match.group(0)
                    if stated == table or (figure.pattern, phrase) in seen:
                        continue
                    seen.add((figure.pattern, phrase))
                    self.add(
                        "NARRATIVE-FIGURE",
                        "warning",
                        f"“{part.heading}”中“{phrase}”所述{figure.description}（{stated}）与表格数据（{display(table)}）不一致",
                        cell=figure.cells[0],
                        field=f"text.{part.key}",
                        expected=table,
                        actual=stated,
                        related=figure.cells[1:],
                    )

    def fees(self) -> None:
        fee_cell = self.fmt.fee_cell
        if fee_cell is None:
            return
        unpaid = self.value(fee_cell)
        fees = self.report.info_fees
        figures = fees is not None and bool(fees.notices or fees.notice_amount or fees.collected)
        if not unpaid and not figures:
            return
        text = self.text("other_matters")
        # an empty part 六 is printed as the fee sentence (or 无。): check what will be printed
        printed = text if text.strip() else other_matters(self.report.model_copy(update={"text": Narrative()}))
        if any(word in printed for word in self.fmt.fee_words):
            return
        heading = self.fmt.part("other_matters").heading
        if unpaid:
            cell = self.known[fee_cell]
            why = f"{where(cell, self.fmt)}为{display(unpaid)}"
        else:
            why = "填写了信息处理费数据（info_fees）"
        self.add(
            "FEES-NOT-REPORTED",
            "warning",
            f"{why}，但“{heading}”未报告信息处理费的收取情况",
            cell=fee_cell if unpaid else None,
            field="text.other_matters",
            actual=unpaid if unpaid else None,
        )

    def amounts(self) -> None:
        units = self.report.units or {}
        for cell_id, cell in self.known.items():
            if cell.kind != "amount" or (units.get(cell_id) or cell.column.unit) != WAN_YUAN:
                continue
            value = self.value(cell_id)
            if value > WAN_YUAN_LIMIT:
                self.add(
                    "AMOUNT-WAN-YUAN",
                    "warning",
                    f"{where(cell, self.fmt)}的金额{display(value)}万元过大，看起来像以元为单位填写",
                    cell=cell_id,
                    expected=WAN_YUAN,
                    actual=value,
                )

    # ------------------------------------------------------------ across years

    def across_years(self, previous: Report) -> None:
        year = self.report.year
        if isinstance(year, int) and previous.year != year - 1:
            self.add(
                "X-YEAR",
                "warning",
                f"上年报告的年度是{previous.year}年，不是{year - 1}年，跨年度核对可能无意义",
                field="year",
                expected=year - 1,
                actual=previous.year,
            )
        prev_fmt = previous.spec
        prev_cells = prev_fmt.cells()
        last = complete(previous.model_copy(update={"cells": clean_cells(previous.cells or {}, prev_fmt)}), prev_fmt)
        flagged: set[str] = set()  # codes already reported on a leaf cell: its total would repeat the news
        for rule in carry_rules(self.fmt):
            if not all(c in prev_cells for c in rule.previous):
                continue
            if rule.code in flagged and self.known[rule.cell].total:
                continue
            expected = (
                sum((_number(last[c]) for c in rule.previous), 0)
                + sum((self.value(c) for c in rule.plus), 0)
                - sum((self.value(c) for c in rule.minus), 0)
            )
            actual = self.value(rule.cell)
            if actual != expected:
                if not self.known[rule.cell].total:
                    flagged.add(rule.code)
                self.add(
                    rule.code,
                    "warning",
                    rule.message.format(expected=display(expected), actual=display(actual)),
                    cell=rule.cell,
                    expected=expected,
                    actual=actual,
                    related=(*rule.plus, *rule.minus),
                )
        self.same_text(previous)

    def same_text(self, previous: Report) -> None:
        def text_of(report: Report, part: str) -> str:
            value = getattr(report.text, part, "")
            return value if isinstance(value, str) else ""

        last_parts = {key: _normalise(text_of(previous, key)) for key in PART_KEYS}
        last_paragraphs = {_normalise(p) for key in PART_KEYS for p in split_paragraphs(text_of(previous, key))}
        for part in self.fmt.parts:
            text = _normalise(self.text(part.key))
            if len(text) < MIN_COPIED_CHARS:
                continue
            if text == last_parts.get(part.key):
                message = f"“{part.heading}”的文字与上年报告完全相同"
                self.add("X-SAME-TEXT", "warning", message, field=f"text.{part.key}")
                continue
            paragraphs = [p for p in map(_normalise, split_paragraphs(self.text(part.key))) if len(p) >= MIN_COPIED_CHARS]
            copied = sum(p in last_paragraphs for p in paragraphs)
            if paragraphs and copied * 2 > len(paragraphs):
                message = f"“{part.heading}”有{copied}段（共{len(paragraphs)}段）与上年报告逐字相同"
                self.add("X-SAME-TEXT", "warning", message, field=f"text.{part.key}", expected=len(paragraphs), actual=copied)


def _number(value: Value) -> Number:
    return 0 if isinstance(value, str) else value
