"""The validator: every rule of the format declaration checked at once, each result a Finding."""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Iterable, Mapping
from decimal import Decimal
from typing import Any

from .audit_rules import text_findings
from .cells import invalid, parse_value, place
from .codes.registry import Code
from .codes.validation import (
    AGENCY_REQUIRED,
    AMOUNT_WAN_YUAN,
    CELL_UNKNOWN,
    DATE_MISSING,
    FEES_NOT_REPORTED,
    FORMAT_UNKNOWN,
    FORMAT_YEAR,
    NARRATIVE_FIGURE,
    TEXT_REQUIRED,
    X_SAME_TEXT,
    X_YEAR,
    YEAR_RANGE,
)
from .findings import Finding, Source
from .formats import FIRST_YEAR, FORMATS, LAST_YEAR, Format, SumRule, carry_rules, format_for_year
from .formats.conventions import WAN_YUAN
from .report import NOT_APPLICABLE, Narrative, Report, Value, split_paragraphs
from .unread import ReadCells
from .values import Derived, Number, complete, display
from .view import other_matters

WAN_YUAN_LIMIT = 100000  # 10亿元: more than any plausible single amount in 万元
MIN_COPIED_CHARS = 20  # shorter text (“无。”, subheadings) legitimately repeats every year


def validate(
    report: Report,
    sources: Mapping[str, Source] | None = None,
    previous: Report | None = None,
    file: str | None = None,
    read: Collection[str] | None = None,
) -> list[Finding]:
    """Every finding for ``report`` (and against last year's ``previous``), collected at once; never raises.

    ``read``: the cells a published report placed from the document (values and printed blanks); a rule involving
    any other cell is not checked but named in one IMPORT-UNCHECKED warning per table.
    """
    check = _Checker(report, sources or {}, file, read)
    check.meta()
    check.values()
    check.sum_rules(check.fmt.rules)
    check.sum_rules(check.fmt.soft_rules)
    check.narrative_figures()
    check.fees()
    check.amounts()
    if previous is not None:
        check.across_years(previous)
    check.findings += check.read.findings()
    check.findings += text_findings(report)
    return check.findings


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

    def __init__(self, report: Report, sources: Mapping[str, Source], file: str | None, read: Collection[str] | None = None):
        self.report = report
        self.sources = sources
        self.file = file
        self.findings: list[Finding] = []
        self.fmt = report.spec
        self.known = self.fmt.cells()
        self.given = clean_cells(report.cells or {}, self.fmt)
        self.derived = Derived(self.fmt, self.given)
        self.complete = complete(report.model_copy(update={"cells": self.given}), self.fmt)
        self.read = ReadCells(self.fmt, read)

    # ------------------------------------------------------------ helpers

    def add(
        self,
        code: Code,
        *,
        cell: str | None = None,
        field: str | None = None,
        expected: Any = None,
        actual: Any = None,
        related: Iterable[str] = (),
        at: str | None = None,
        **params: Any,
    ) -> None:
        source = next((self.sources[k] for k in (at, cell, field) if k and k in self.sources), None)
        if source is None and cell:
            # a computed cell the input never gave: point at the nearest enclosing row or table that it did give
            parts = cell.split(".")
            source = next((self.sources[k] for n in range(len(parts) - 1, 0, -1) if (k := ".".join(parts[:n])) in self.sources), None)
        if source is None and self.file:
            source = Source(file=self.file)
        self.findings.append(code(cell=cell, source=source, expected=expected, actual=actual, related=related, **params))

    def text(self, part: str) -> str:
        value = getattr(self.report.text, part, "")
        return value if isinstance(value, str) else ""

    def value(self, cell: str) -> Number:
        raw = self.complete.get(cell)
        return 0 if raw is None or isinstance(raw, str) else raw

    # ------------------------------------------------------------ metadata and required fields

    def meta(self) -> None:
        report, fmt = self.report, self.fmt
        # a year that is missing or no integer (None) was reported by the reader, which knows where it stood
        year = report.year if isinstance(report.year, int) and not isinstance(report.year, bool) else None
        if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
            self.add(YEAR_RANGE, field="year", actual=report.year, year=report.year, first=FIRST_YEAR, last=LAST_YEAR)
            year = None
        if report.format not in FORMATS:
            known = "、".join(f"“{v}”" for v in FORMATS)
            self.add(
                FORMAT_UNKNOWN,
                field="format",
                expected=sorted(FORMATS),
                actual=report.format,
                version=report.format,
                known=known,
                used=fmt.version,
            )
        elif year is not None and not (fmt.first_year <= year <= (fmt.last_year or LAST_YEAR)):
            default = format_for_year(year).version
            self.add(
                FORMAT_YEAR,
                field="format",
                expected=default,
                actual=fmt.version,
                year=year,
                default=default,
                version=fmt.version,
                notice=fmt.notice,
            )
        if not (isinstance(report.agency, str) and report.agency.strip()):
            self.add(AGENCY_REQUIRED, field="agency")
        for part in fmt.parts:
            if part.required and not self.text(part.key).strip():
                self.add(TEXT_REQUIRED, field=f"text.{part.key}", heading=part.heading)
        if report.date is None:
            self.add(DATE_MISSING, field="date")

    # ------------------------------------------------------------ values

    def values(self) -> None:
        for cell_id, raw in (self.report.cells or {}).items():
            cell = self.known.get(cell_id)
            if cell is None:
                self.unknown_cell(cell_id)
                continue
            parsed = parse_value(raw, cell) if raw is not None else invalid(cell, "None")  # a report built in code may hold None
            if parsed.code is not None:
                actual = raw if isinstance(raw, int | Decimal) and not isinstance(raw, bool) else _show(raw)
                self.add(parsed.code, cell=cell_id, actual=actual, **parsed.params)

    def unknown_cell(self, cell_id: str) -> None:
        owners = [v for v, f in FORMATS.items() if v != self.fmt.version and cell_id in f.cells()]
        hint = f"，它属于{owners[0]}年格式" if owners else ""
        self.add(CELL_UNKNOWN, cell=cell_id, actual=cell_id, version=self.fmt.version, cell_id=cell_id, hint=hint)

    # ------------------------------------------------------------ sum rules

    def sum_rules(self, rules: Iterable[SumRule]) -> None:
        checked: set[str] = set()
        for rule in rules:
            if rule.computes:
                total = rule.left[0]
                if total in checked:
                    continue
                if total not in self.given:  # printed blank: no total stated, nothing to compare
                    if self.read.read is not None and total not in self.read.read:
                        self.read.allows_rule(rule)  # never placed: named as unchecked
                    continue
                checked.add(total)
                if not self.read.allows_rule(rule):
                    continue
                actual = self.value(total)
                expected = self.derived.sum(rule.right)
                if not _holds(actual, expected, rule.relation):
                    detail = rule.message.format(left=display(actual), right=display(expected))
                    self.add(rule.code, cell=total, expected=expected, actual=actual, related=rule.right, detail=detail)
                continue
            if not self.read.allows_rule(rule):
                continue
            left, right = self.derived.sum(rule.left), self.derived.sum(rule.right)
            if not _holds(left, right, rule.relation):
                detail = rule.message.format(left=display(left), right=display(right))
                related = [c for c in (*rule.left, *rule.right) if c != rule.cell]
                self.add(rule.code, cell=rule.cell, expected=left, actual=right, related=related, detail=detail)

    # ------------------------------------------------------------ soft rules on the narrative and amounts

    def narrative_figures(self) -> None:
        seen: set[tuple[str, str]] = set()
        for part in self.fmt.parts:
            text = self.text(part.key)
            for figure in self.fmt.narrative_figures:
                if not all(self.read.known(c) for c in figure.cells):
                    continue
                table = sum((self.value(c) for c in figure.cells), 0)
                for match in re.finditer(figure.pattern, text):
                    stated = int(match.group(1))
                    phrase = match.group(0)
                    if stated == table or (figure.pattern, phrase) in seen:
                        continue
                    seen.add((figure.pattern, phrase))
                    paragraph = text.count("\n\n", 0, match.start())  # the paragraph that states it is where it is fixed
                    self.add(
                        NARRATIVE_FIGURE,
                        cell=figure.cells[0],
                        field=f"text.{part.key}",
                        at=f"text.{part.key}.{paragraph}",
                        expected=table,
                        actual=stated,
                        related=figure.cells,
                        heading=part.heading,
                        phrase=phrase,
                        description=figure.description,
                        stated=stated,
                        table=display(table),
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
            why = f"{place(cell)}为{display(unpaid)}"
        else:
            why = "填写了信息处理费数据（info_fees）"
        self.add(
            FEES_NOT_REPORTED,
            cell=fee_cell if unpaid else None,
            field="text.other_matters",
            actual=unpaid if unpaid else None,
            why=why,
            heading=heading,
        )

    def amounts(self) -> None:
        units = self.report.units or {}
        for cell_id, cell in self.known.items():
            if cell.kind != "amount" or (units.get(cell_id) or cell.column.unit) != WAN_YUAN:
                continue
            value = self.value(cell_id)
            if value > WAN_YUAN_LIMIT:
                self.add(AMOUNT_WAN_YUAN, cell=cell_id, expected=WAN_YUAN, actual=value, place=place(cell), amount=display(value))

    # ------------------------------------------------------------ across years

    def across_years(self, previous: Report) -> None:
        year = self.report.year
        if isinstance(year, int) and previous.year != year - 1:
            self.add(X_YEAR, field="year", expected=year - 1, actual=previous.year, previous=previous.year, expected_year=year - 1)
        prev_fmt = previous.spec
        prev_cells = prev_fmt.cells()
        last = complete(previous.model_copy(update={"cells": clean_cells(previous.cells or {}, prev_fmt)}), prev_fmt)
        flagged: set[str] = set()  # codes already reported on a leaf cell: its total would repeat the news
        for rule in carry_rules(self.fmt):
            if not all(c in prev_cells for c in rule.previous):
                continue
            if rule.code.id in flagged and self.known[rule.cell].total:
                continue
            if not all(self.read.known(c) for c in (rule.cell, *rule.plus, *rule.minus)):
                continue
            expected = (
                sum((_number(last[c]) for c in rule.previous), 0)
                + sum((self.value(c) for c in rule.plus), 0)
                - sum((self.value(c) for c in rule.minus), 0)
            )
            actual = self.value(rule.cell)
            if actual != expected:
                if not self.known[rule.cell].total:
                    flagged.add(rule.code.id)
                self.add(
                    rule.code,
                    cell=rule.cell,
                    expected=expected,
                    actual=actual,
                    related=(*rule.plus, *rule.minus),
                    detail=rule.message.format(expected=display(expected), actual=display(actual)),
                )
        self.same_text(previous)

    def same_text(self, previous: Report) -> None:
        def text_of(report: Report, part: str) -> str:
            value = getattr(report.text, part, "")
            return value if isinstance(value, str) else ""

        keys = [part.key for part in previous.spec.parts]
        last_parts = {key: _normalise(text_of(previous, key)) for key in keys}
        last_paragraphs = {_normalise(p) for key in keys for p in split_paragraphs(text_of(previous, key))}
        for part in self.fmt.parts:
            text = _normalise(self.text(part.key))
            if len(text) < MIN_COPIED_CHARS:
                continue
            if text == last_parts.get(part.key):
                self.add(X_SAME_TEXT, field=f"text.{part.key}", heading=part.heading, how="的文字", extent="完全相同")
                continue
            paragraphs = [p for p in map(_normalise, split_paragraphs(self.text(part.key))) if len(p) >= MIN_COPIED_CHARS]
            copied = sum(p in last_paragraphs for p in paragraphs)
            if paragraphs and copied * 2 > len(paragraphs):
                how = f"有{copied}段（共{len(paragraphs)}段）"
                self.add(
                    X_SAME_TEXT,
                    field=f"text.{part.key}",
                    expected=len(paragraphs),
                    actual=copied,
                    heading=part.heading,
                    how=how,
                    extent="逐字相同",
                )


def _number(value: Value) -> Number:
    return 0 if isinstance(value, str) else value
