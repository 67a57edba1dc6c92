"""The HTML renderer, parsed back with the standard library: table grids, headings, escaping, self-containment."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from html.parser import HTMLParser

import pytest

from generator.formats import FORMATS, Table
from generator.render.html import print_width_em, render_html
from generator.report import Contact, Narrative, Report
from generator.values import complete, display
from generator.view import build_view

from .factories import distinct_report

OVERVIEW = "（一）主动公开\n\n（二）组织领导。我办成立领导小组，统筹推进。\n\n全年主动公开信息12条。"


class Page(HTMLParser):
    """Tables (rows of cells with their attributes and text), column widths and class names of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[dict] = []
        self.classes: list[str] = []
        self.tags: Counter[str] = Counter()
        self.cell: dict | None = None
        self.section = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k: v or "" for k, v in attrs}
        self.tags[tag] += 1
        self.classes += attr.get("class", "").split()
        if tag == "table":
            self.tables.append({"attrs": attr, "cols": [], "rows": [], "thead": 0, "tbody": 0})
        elif tag in ("thead", "tbody"):
            self.section = tag
        elif tag == "col":
            self.tables[-1]["cols"].append(attr["style"])
        elif tag == "tr":
            self.tables[-1]["rows"].append([])
            self.tables[-1][self.section] += 1
        elif tag in ("th", "td"):
            self.cell = {"tag": tag, **attr, "text": ""}
            self.tables[-1]["rows"][-1].append(self.cell)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "td"):
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell["text"] += data


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def placed(rows: list[list[dict]]) -> list[tuple[int, int, dict]]:
    """HTML's table model: each cell's (row, column) origin, skipping slots taken by earlier spans."""
    taken: set[tuple[int, int]] = set()
    out = []
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            rowspan, colspan = int(cell.get("rowspan", 1)), int(cell.get("colspan", 1))
            out.append((r, c, cell))
            taken |= {(r + dr, c + dc) for dr in range(rowspan) for dc in range(colspan)}
            c += colspan
    return out


def declared(table: Table, report: Report) -> list[tuple[int, int, int, int, str, str, str]]:
    values = complete(report)
    out = []
    for r, c, gc in table.grid.placed():
        if gc.role == "value":
            assert gc.cell is not None
            out.append((r, c, gc.rowspan, gc.colspan, "td", display(values[gc.cell]), gc.cell))
        else:
            unit = report.units.get(gc.cell or "")
            text = f"{gc.text}（{unit}）" if unit else gc.text
            out.append((r, c, gc.rowspan, gc.colspan, "th", text, "col" if gc.role == "header" else "row"))
    return out


@pytest.mark.parametrize("version", sorted(FORMATS))
def test_every_table_parses_back_as_the_declared_grid(version: str) -> None:
    report = distinct_report(version)
    page = parse(render_html(report))
    tables = report.spec.tables
    assert len(page.tables) == len(tables)
    for table, parsed in zip(tables, page.tables, strict=True):
        got = [
            (
                r,
                c,
                int(cell.get("rowspan", 1)),
                int(cell.get("colspan", 1)),
                cell["tag"],
                cell["text"],
                cell.get("data-cell") or cell["scope"],
            )
            for r, c, cell in placed(parsed["rows"])
        ]
        assert got == declared(table, report), table.key
        assert parsed["thead"] == table.grid.header_rows, table.key
        assert parsed["thead"] + parsed["tbody"] == len(table.grid.rows)
        percents = [float(re.fullmatch(r"width:([\d.]+)%", style).group(1)) for style in parsed["cols"]]  # type: ignore[union-attr]
        expected = [100 * w / sum(table.grid.widths) for w in table.grid.widths]
        assert percents == pytest.approx(expected, abs=0.01)


def test_table_two_has_no_thead_and_merged_labels_appear_once() -> None:
    report = distinct_report("2021")
    page = parse(render_html(report))
    proactive, applications, reviews = page.tables
    assert proactive["thead"] == 0
    labels = Counter(cell["text"] for row in applications["rows"] for cell in row if cell["tag"] == "th")
    assert labels["三、本年度办理结果"] == 1
    assert labels["（三）不予公开"] == 1
    counts = Counter(cell["text"] for row in reviews["rows"] for cell in row)
    assert counts["结果维持"] == 3 and counts["行政诉讼"] == 1


@pytest.mark.parametrize("version", sorted(FORMATS))
def test_every_declared_label_is_printed_verbatim(version: str) -> None:
    report = distinct_report(version)
    html = render_html(report)
    page = parse(html)
    fmt = FORMATS[version]
    for table, parsed in zip(fmt.tables, page.tables, strict=True):
        printed = Counter(cell["text"] for row in parsed["rows"] for cell in row if cell["tag"] == "th")
        wanted = Counter(gc.text for row in table.grid.rows for gc in row if gc.role != "value" and not gc.cell)
        assert printed & wanted == wanted, table.key
        for row in table.rows:
            assert row.label in printed
            for column in row.columns:
                assert any(column.label in text for text in printed), column.label
    for part in fmt.parts:
        assert f">{part.heading}</h2>" in html


def test_run_in_and_standalone_headings() -> None:
    report = Report(agency="某局", year=2021, format="2021", text=Narrative(overview=OVERVIEW))
    html = render_html(report)
    assert '<h3 class="rg-subheading">（一）主动公开</h3>' in html
    assert '<p class="rg-body"><strong class="rg-runin">（二）组织领导。</strong>我办成立领导小组，统筹推进。</p>' in html
    assert '<p class="rg-body">全年主动公开信息12条。</p>' in html


def test_narrative_and_metadata_are_escaped() -> None:
    report = Report(
        agency="A&B局",
        year=2021,
        format="2021",
        title="<script>alert(1)</script>年度报告",
        text=Narrative(overview="我办<script>alert('x')</script>公开了“信息” & 数据。"),
        contact=Contact(name="<b>张三</b>"),
    )
    html = render_html(report)
    assert "<script" not in html and "<b>" not in html
    assert "我办&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;公开了“信息” &amp; 数据。" in html
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;年度报告</title>" in html
    assert "A&amp;B局" in html


def test_page_is_self_contained_and_prints_on_a4() -> None:
    html = render_html(distinct_report("2019", date=dt.date(2020, 1, 17)))
    assert html.startswith('<!DOCTYPE html>\n<html lang="zh-CN">')
    assert '<meta charset="utf-8">' in html
    for external in ("http:", "https:", "src=", "<link", "@import", "url("):
        assert external not in html
    assert "@media print" in html and "size: A4" in html
    assert "display: table-header-group" in html and "break-inside: avoid" in html
    page = parse(html)
    assert all(name.startswith("rg-") for name in page.classes)
    assert page.tags["h1"] == 1 and page.tags["h2"] == 6
    assert html.endswith("</html>\n")
    assert all(line == line.rstrip() for line in html.splitlines())


def test_signature_and_date_close_the_page_right_aligned() -> None:
    report = Report(agency="某市某局", year=2021, format="2021", signature="某局", date=dt.date(2022, 1, 9), contact=Contact(phone="123"))
    html = render_html(report)
    closing = html[html.rindex("</section>") :]
    assert '<p class="rg-contact">联系电话：123</p>' in closing
    signature = r'<div class="rg-closing-block">\s*<p class="rg-signature">某局</p>\s*<p class="rg-date">2022年1月9日</p>'
    assert re.search(r'<div class="rg-closing" style="text-align:right">\s*' + signature, closing)
    bare = render_html(Report(agency="某市某局", year=2021, format="2021")).split("</style>")[1]
    assert "rg-date" not in bare and "rg-contact" not in bare and '<p class="rg-signature">某市<wbr>某局</p>' in bare
    long = render_html(Report(agency="某某省某某市人民政府办公厅", year=2021, format="2021")).split("</style>")[1]
    assert '<p class="rg-signature">某某省<wbr>某某市人民政府<wbr>办公厅</p>' in long


def test_preface_auto_custom_and_none() -> None:
    auto = render_html(Report(agency="某局", year=2021, format="2021"))
    assert re.search(r'<p class="rg-preface">本报告根据《中华人民共和国政府信息公开条例》[^<]*2021年12月31日止。</p>', auto)
    custom = render_html(Report(agency="某局", year=2021, format="2021", preface="第一段。\n\n第二段。"))
    assert '<p class="rg-preface">第一段。</p>\n<p class="rg-preface">第二段。</p>' in custom
    none = render_html(Report(agency="某局", year=2021, format="2021", preface=""))
    assert "rg-preface" not in none.split("</style>")[1]


@pytest.mark.parametrize("version", sorted(FORMATS))
def test_print_width_covers_the_numbers_and_grows_with_them(version: str) -> None:
    """The estimate the print CSS scales a table's font by: never below what its numbers take in the number font
    (half an em a digit) with padding, larger as the numbers get longer, and written on each table's box."""
    widths: dict[str, list[float]] = {}
    for digits in range(1, 8):
        report = distinct_report(version, first=10 ** (digits - 1), step=1, not_applicable_every=10**9)
        view = build_view(report)
        html = render_html(report, view=view)
        for part in view.parts:
            if part.table is None:
                continue
            table = part.table
            em = print_width_em(table.shape, table.value_texts)
            assert f'<div class="rg-table-wrap" style="--rg-print-em:{em}">' in html
            widest = [0.0] * table.columns
            for row in table.rows:
                for cell in row:
                    if cell.role == "value" and cell.colspan == 1:
                        widest[cell.col] = max(widest[cell.col], len(cell.text) * 0.5 + 0.4)
            assert em >= sum(widest), (table.key, digits)
            widths.setdefault(table.key, []).append(em)
    for key, ems in widths.items():
        assert ems == sorted(ems), key
    assert widths["reviews"][-1] > widths["reviews"][0]


@pytest.mark.parametrize("version", sorted(FORMATS))
def test_rows_inside_a_row_group_are_kept_and_the_outer_label_carries_its_print_copy(version: str) -> None:
    """Per the declaration: a row under the same inner group label as the row above (（三）不予公开) never starts a
    printed page; the outer label (三、本年度办理结果) carries one empty copy for the next page, hidden from assistive
    tools, so that the page's text and its table model are unchanged."""
    page = render_html(distinct_report(version))
    start = page.index("rg-table-applications")
    body = page[page.index("<tbody>", start) : page.index("</table>", start)]
    rows = FORMATS[version].table("applications").rows
    opened = re.findall(r"<tr[^>]*>", body)
    assert len(opened) == len(rows)
    for above, below, tag in zip(rows[:-1], rows[1:], opened[1:], strict=True):
        if above.groups[1:] and above.groups[1:] == below.groups[1:]:
            assert tag == '<tr class="rg-keep">', below.full_label
    outer = {row.groups[0] for row in rows if row.groups}
    copies = re.findall(r'<span class="rg-again"([^>]*)></span>', page)  # in the whole page: in no other table
    assert copies == [f' aria-hidden="true" data-label="{label}"' for label in sorted(outer)]
