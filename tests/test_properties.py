"""Properties of the validator on random consistent reports of both formats (hypothesis)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.findings import errors
from generator.formats import FORMATS, Format
from generator.formats.common import RESULTS_SECTION
from generator.report import NOT_APPLICABLE, Narrative, Report
from generator.validate import validate
from generator.values import complete, number

SETTINGS = settings(max_examples=60, deadline=None)
TEXT = Narrative(overview="本年度政府信息公开工作总体情况良好，各项工作有序推进。", problems="存在的问题和改进措施如下，逐项整改落实。")


def hard_rule_cells(fmt: Format) -> list[str]:
    """Every cell some hard rule covers, in a stable order."""
    seen: dict[str, None] = {}
    for rule in fmt.rules:
        for cell in (*rule.left, *rule.right):
            seen.setdefault(cell, None)
    return list(seen)


@st.composite
def consistent_cells(draw: st.DrawFn, fmt: Format, with_totals: bool) -> dict[str, Any]:
    """Random leaves of tables 2–4, ``new`` derived so that the table 3 balance holds, totals given as the sums."""
    cells: dict[str, Any] = {}
    small = st.integers(0, 30)
    for cell_id, cell in fmt.cells().items():
        if cell.table != "proactive":
            continue
        if cell.kind == "amount":
            value: Any = Decimal(draw(st.integers(0, 999_999))) / 100
        elif cell.kind == "signed":
            value = draw(st.integers(-50, 50))
        else:
            value = draw(st.integers(0, 500))
        if cell.column.not_applicable and draw(st.integers(0, 9)) == 0:
            value = NOT_APPLICABLE
        cells[cell_id] = value

    table = fmt.table("applications")
    results = [r for r in table.rows if r.groups[:1] == (RESULTS_SECTION,) and not r.total]
    columns = [c for c in table.row("new").columns if not c.total]
    for col in columns:
        for row in results:
            cells[f"applications.{row.key}.{col.key}"] = draw(small)
        done = sum(cells[f"applications.{row.key}.{col.key}"] for row in results)
        forward = draw(small)
        over = min(draw(small), done + forward)
        cells[f"applications.carried_forward.{col.key}"] = forward
        cells[f"applications.carried_over.{col.key}"] = over
        cells[f"applications.new.{col.key}"] = done + forward - over
        if with_totals:
            cells[f"applications.results_total.{col.key}"] = done
    for row in table.rows:
        if with_totals:
            cells[f"applications.{row.key}.total"] = sum(cells.get(f"applications.{row.key}.{c.key}", 0) for c in columns)

    reviews = fmt.table("reviews")
    for row in reviews.rows:
        parts = [c for c in row.columns if not c.total]
        for col in parts:
            cells[f"reviews.{row.key}.{col.key}"] = draw(small)
        if with_totals:
            cells[f"reviews.{row.key}.total"] = sum(cells[f"reviews.{row.key}.{c.key}"] for c in parts)
    return cells


@st.composite
def reports(draw: st.DrawFn, with_totals: bool = True) -> Report:
    fmt = FORMATS[draw(st.sampled_from(sorted(FORMATS)))]
    year = draw(st.integers(fmt.first_year, fmt.last_year or fmt.first_year + 10))
    return Report(
        agency="某市某局",
        year=year,
        format=fmt.version,
        date=dt.date(year + 1, 1, 15),
        text=TEXT,
        cells=draw(consistent_cells(fmt, with_totals)),
        units={"proactive.procurement.amount": "万元"} if "proactive.procurement.amount" in fmt.cells() else {},
    )


@SETTINGS
@given(reports())
def test_consistent_reports_have_no_errors(report: Report) -> None:
    assert errors(validate(report)) == []


@SETTINGS
@given(reports(), st.data())
def test_changing_a_covered_cell_is_caught_at_that_cell(report: Report, data: st.DataObject) -> None:
    fmt = report.spec
    cell = data.draw(st.sampled_from(hard_rule_cells(fmt)), label="cell")
    delta = data.draw(st.integers(1, 40), label="delta")
    old = number(complete(report)[cell])
    cells = dict(report.cells)
    cells[cell] = old + delta if old < delta or data.draw(st.booleans(), label="up") else old - delta
    broken = report.model_copy(update={"cells": cells})
    found = errors(validate(broken))
    assert any(f.cell == cell or cell in f.related for f in found), [f.line() for f in found]


@SETTINGS
@given(reports(with_totals=False))
def test_computed_totals_satisfy_every_rule(report: Report) -> None:
    values = complete(report)
    for rule in report.spec.rules:
        left = sum(number(values[c]) for c in rule.left)
        right = sum(number(values[c]) for c in rule.right)
        assert left <= right if rule.relation == "<=" else left == right, rule.code
    assert errors(validate(report)) == []


@SETTINGS
@given(reports(with_totals=False), st.data())
def test_without_totals_the_balance_still_catches_a_changed_leaf(report: Report, data: st.DataObject) -> None:
    fmt = report.spec
    known = fmt.cells()
    leaves = [c for c in hard_rule_cells(fmt) if c.startswith("applications.") and not known[c].total]
    cell = data.draw(st.sampled_from(leaves), label="cell")
    cells = dict(report.cells)
    cells[cell] = number(cells.get(cell)) + data.draw(st.integers(1, 40), label="delta")
    found = errors(validate(report.model_copy(update={"cells": cells})))
    assert [f.code for f in found] == ["T3-BALANCE"]
