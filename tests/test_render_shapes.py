"""Tables drawn once per shape: every report still prints its own numbers, units and labels, in every output."""

from __future__ import annotations

import pytest

from generator.formats import FORMATS
from generator.render.html import render_html
from generator.render.text import render_text, table_lines
from generator.report import Report
from generator.view import TableView, build_view

from .factories import distinct_report
from .test_render_html import declared, parse, placed
from .test_render_text import declared_boxes, parse_ascii_table


def tables_of(report: Report) -> dict[str, TableView]:
    return {p.table.key: p.table for p in build_view(report).parts if p.table}


def other_numbers(version: str) -> Report:
    """The same format, every number different from :func:`distinct_report`'s, one of them too wide for its column."""
    report = distinct_report(version, first=3, step=101)
    report.cells["applications.new.natural"] = 98765432101
    return report


@pytest.mark.parametrize("version", sorted(FORMATS))
def test_tables_alike_share_a_shape_and_a_declared_unit_makes_another(version: str) -> None:
    report = distinct_report(version)
    first, again = tables_of(report), tables_of(other_numbers(version))
    assert all(first[key].shape is again[key].shape for key in first)
    in_yuan = report.model_copy(update={"units": {cell: "元" for cell in report.units}})
    changed = {key for key, table in tables_of(in_yuan).items() if table.shape is not first[key].shape}
    assert changed == ({"proactive"} if report.units else set())


@pytest.mark.parametrize("version", sorted(FORMATS))
def test_each_report_prints_its_own_numbers_whichever_was_drawn_first(version: str) -> None:
    a, b = distinct_report(version), other_numbers(version)
    text_a, html_a = render_text(a), render_html(a)
    text_b, html_b = render_text(b), render_html(b)
    assert (render_text(a), render_html(a)) == (text_a, html_a)
    assert text_a != text_b
    for table in b.spec.tables:
        view = tables_of(b)[table.key]
        assert parse_ascii_table(table_lines(view)) == declared_boxes(table, b), table.key
        assert table_lines(view)[0] in text_b.splitlines()
    for table, parsed in zip(b.spec.tables, parse(html_b).tables, strict=True):
        numbers = {cell["data-cell"]: cell["text"] for _, _, cell in placed(parsed["rows"]) if cell["tag"] == "td"}
        assert numbers == {row[6]: row[5] for row in declared(table, b) if row[4] == "td"}, table.key


def test_a_unit_with_markup_is_escaped_in_the_html_table() -> None:
    report = distinct_report("2019")
    report.units = {cell: "<万元>&" for cell in report.units}
    html = render_html(report)
    assert "（&lt;万元&gt;&amp;）" in html and "<万元>" not in html
    assert "（<万元>&）" in render_text(report)
