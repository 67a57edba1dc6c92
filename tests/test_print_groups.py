"""表三 printed from the browser over a page break, read back from the PDF: it breaks only between the row groups the
format declares, the next page repeats its header rows and the outer group label (三、本年度办理结果), 表四 stays on
one page with its heading and no page before the last is under half full (A4)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pytest

from generator.formats import Row
from generator.readers.yaml_reader import read_yaml
from generator.render.html import render_html
from generator.report import Report
from generator.view import TableView, build_view

from .conftest import sample_yamls
from .factories import distinct_report
from .pdf_layout import Word, page_fill, read_pages
from .printing import BROWSER, needs_browser, print_pages
from .test_browser import stress_reports

SHORT_WORD = 3  # a vertical label down a narrow column prints a character or two a line


def samples() -> dict[str, Report]:
    out = {}
    for path in sample_yamls():
        report = read_yaml(path).report
        assert report is not None, path.name
        out[path.stem] = report
        # the sample's own text and layout with every number different, so that 表四 is found by its numbers
        numbered = distinct_report(report.format, first=100, step=1)
        out[f"{path.stem}-numbered"] = report.model_copy(update={"cells": numbered.cells, "units": numbered.units})
    return out


def reports() -> dict[str, Report]:
    stress = stress_reports()
    return {**samples(), **{name: stress[name] for name in ("long-agency", "five-digits-2019", "five-digits-2021")}}


@dataclass(frozen=True)
class Placed:
    """A word of the PDF with the sheet it is printed on."""

    page: int
    word: Word


def reading_order(pages: list[list]) -> list[Placed]:
    return [
        Placed(n, w) for n, page in enumerate(pages) for w in sorted((w for line in page for w in line.words), key=lambda w: (w.y0, w.x0))
    ]


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[list]]:
    """Each report printed on A4 by the browser, read back as positioned words per sheet."""
    assert BROWSER is not None
    folder = tmp_path_factory.mktemp("groups")
    every = reports()
    for name, report in every.items():
        (folder / f"{name}.html").write_text(render_html(report), encoding="utf-8")
    print_pages(((folder / f"{name}.html", folder / f"{name}.pdf") for name in every), timeout=180)
    out = {}
    for name in every:
        pdf = folder / f"{name}.pdf"
        assert pdf.exists(), f"the browser printed nothing for {name}"
        out[name] = read_pages(pdf)
    return out


def applications(report: Report) -> tuple[TableView, str]:
    view = build_view(report)
    part = next(part for part in view.parts if part.table and part.table.key == "applications")
    assert part.table is not None
    return part.table, part.heading


def row_starts(words: Sequence[Placed], heading: str, labels: Sequence[str]) -> list[Placed]:
    """Where each row's label starts, in table order after the part's heading: the first word that begins the
    label (its first printed line), each found after the one before."""
    at = next(i for i, placed in enumerate(words) if placed.word.text == heading)
    found = []
    for label in labels:
        at = next(
            (
                i
                for i in range(at + 1, len(words))
                if len(words[i].word.text) >= min(3, len(label)) and label.startswith(words[i].word.text)
            ),
            None,
        )
        assert at is not None, f"row label {label} not found in the print"
        found.append(words[at])
    return found


def same_group(above: Row, below: Row) -> bool:
    """Two rows of one row group: under the same inner group label (（三）不予公开), not only the outer one."""
    return bool(above.groups[1:]) and above.groups[1:] == below.groups[1:]


def first_column(words: Sequence[Placed], page: int, left: float, top: float, bottom: float) -> str:
    """The short words printed down the table's first column between ``top`` and ``bottom`` on ``page``: a vertical
    group label."""
    return "".join(
        p.word.text
        for p in words
        if p.page == page and top - 1 <= p.word.y0 <= bottom and abs(p.word.x0 - left) < 3 and len(p.word.text) <= SHORT_WORD
    )


def breaks(report: Report, pages: list[list]) -> tuple[list[Row], list[Placed], list[tuple[int, int]]]:
    """表三's rows, where their labels are printed, and each page break inside it as (last row above, first below)."""
    _, heading = applications(report)
    rows = list(report.spec.table("applications").rows)
    words = reading_order(pages)
    starts = row_starts(words, heading, [row.label for row in rows])
    return rows, starts, [(i, i + 1) for i in range(len(rows) - 1) if starts[i + 1].page != starts[i].page]


@needs_browser
@pytest.mark.parametrize("name", list(reports()))
def test_applications_table_breaks_only_between_row_groups(printed: dict[str, list[list]], name: str) -> None:
    report = reports()[name]
    rows, _, cuts = breaks(report, printed[name])
    inside = [f"{rows[a].full_label} | {rows[b].full_label}" for a, b in cuts if same_group(rows[a], rows[b])]
    assert inside == [], "表三 breaks inside a row group"


@needs_browser
@pytest.mark.parametrize("name", list(reports()))
def test_continued_applications_table_repeats_its_header_and_group_label(printed: dict[str, list[list]], name: str) -> None:
    report = reports()[name]
    pages = printed[name]
    rows, starts, cuts = breaks(report, pages)
    table, _ = applications(report)
    words = reading_order(pages)
    first_page = starts[0].page
    above_first = {p.word.text for p in words if p.page == first_page and p.word.y0 < starts[0].word.y0}
    header_words = {
        text
        for text in above_first
        if any(c.text.startswith(text) for row in table.rows[: table.header_rows] for c in row) and len(text) >= 2
    }
    assert header_words, "the header rows were not found above the first row"
    left = min(s.word.x0 for s in starts)  # the rows labelled from the first column (一、…, 四、…)
    for a, b in cuts:
        page = starts[b].page
        above = {p.word.text for p in words if p.page == page and p.word.y0 < starts[b].word.y0}
        assert header_words <= above, f"page {page + 1}: header words missing: {sorted(header_words - above)}"
        outer = rows[b].groups[:1]
        if outer and rows[a].groups[:1] == outer:
            top = min(p.word.y0 for p in words if p.page == page and p.word.text in header_words)
            bottom = max(s.word.y1 for s in starts if s.page == page)
            column = first_column(words, page, left, top, bottom)
            assert outer[0] in column, f"page {page + 1} does not repeat {outer[0]} (first column: {column})"


@needs_browser
@pytest.mark.parametrize("name", list(reports()))
def test_outer_group_label_is_printed_once_on_each_page_of_its_rows_and_nowhere_else(printed: dict[str, list[list]], name: str) -> None:
    """The copy of 三、本年度办理结果 kept for the next page never shows on the label's own page nor below its rows."""
    report = reports()[name]
    pages = printed[name]
    rows, starts, _ = breaks(report, pages)
    words = reading_order(pages)
    left = min(s.word.x0 for s in starts)
    outer = next(row.groups[0] for row in rows if row.groups)
    label_page = next(s.page for s, row in zip(starts, rows, strict=True) if row.groups[:1] == (outer,))
    start = next(len(p.word.text) for p in words if p.page == label_page and abs(p.word.x0 - left) < 3 and outer.startswith(p.word.text))
    first_piece = outer[:start]  # the label's first printed line, as narrow as its column makes it
    for page in range(starts[0].page, min(starts[-1].page + 2, len(pages))):  # and the page after the table
        under = [i for i, s in enumerate(starts) if s.page == page and rows[i].groups[:1] == (outer,)]
        bottom = max((s.word.y1 + 24 for s in starts if s.page == page), default=float("inf"))
        column = first_column(words, page, left, 0, bottom)
        assert column.count(first_piece) == (1 if under else 0), f"page {page + 1}: first column {column}"


@needs_browser
@pytest.mark.parametrize("name", [name for name in reports() if name.endswith("-numbered") or name in ("long-agency", "five-digits-2021")])
def test_reviews_table_stays_on_one_page_with_its_heading(printed: dict[str, list[list]], name: str) -> None:
    """Every number differs: 表四's numbers are all printed on the page of its heading."""
    report = reports()[name]
    view = build_view(report)
    part = next(part for part in view.parts if part.table and part.table.key == "reviews")
    assert part.table is not None
    numbers = set(part.table.value_texts)
    words = reading_order(printed[name])
    heading = [p.page for p in words if p.word.text == part.heading]
    assert len(heading) == 1
    assert {p.page for p in words if p.word.text in numbers} == set(heading)


@needs_browser
@pytest.mark.parametrize("name", list(reports()))
def test_no_page_before_the_last_is_under_half_full(printed: dict[str, list[list]], name: str) -> None:
    fills = [round(page_fill(page), 2) for page in printed[name]]
    assert all(fill >= 0.5 for fill in fills[:-1]), fills


@needs_browser
def test_some_prints_break_under_the_outer_group_label(printed: dict[str, list[list]]) -> None:
    """The cases above are not vacuous: some print 表三 over a page break under 三、本年度办理结果."""
    under = [
        name
        for name, report in reports().items()
        for rows, _, cuts in [breaks(report, printed[name])]
        if any(rows[a].groups[:1] and rows[a].groups[:1] == rows[b].groups[:1] for a, b in cuts)
    ]
    assert len(under) >= 3, under
