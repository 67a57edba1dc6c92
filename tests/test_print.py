"""The HTML page printed by headless Chromium on A4, A5 and Letter, read back with pdfplumber: every number of every
table on the sheet (the last column of the widest table included), nothing past the text block, no row split."""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pytest

from generator.formats.fit import LABEL_WORDS
from generator.readers.yaml_reader import read_yaml
from generator.render.html import render_html
from generator.report import Narrative, Report
from generator.view import build_view

from .conftest import SAMPLES
from .factories import distinct_report
from .pdf_layout import Line, page_fill, read_pages, split_words, title_breaks
from .printing import BROWSER, needs_browser, print_pages
from .test_browser import TWELVE_PARAGRAPHS
from .test_title import follows_line_breaking_rules

PAPERS = {"A4": None, "A5": "A5", "Letter": "letter"}  # None: the page's own @page size
SHEET_PT = {"A4": (595.3, 841.9), "A5": (419.5, 595.3), "Letter": (612.0, 792.0)}
BODY_PT = 16.0  # 3号 body text, justified: its lines reach both edges of the text block
FIVE_HAO_PT = 10.5
PAGE_NUMBER_PT = 14.0  # 4号 “— n —”: its digits are not a table's
TOLERANCE_PT = 0.5


def wide_numbers(version: str) -> Report:
    """Every count six digits (amounts too), no “/”, and paragraphs long enough to mark the text block's edges."""
    return distinct_report(
        version,
        first=100000,
        step=7,
        amount=Decimal("98765.43"),
        not_applicable_every=10**9,
        text=Narrative(overview=TWELVE_PARAGRAPHS),
    )


def sample(stem: str) -> Report:
    report = read_yaml(SAMPLES / f"{stem}.yaml").report
    assert report is not None
    return report.model_copy(update={"text": report.text.model_copy(update={"overview": TWELVE_PARAGRAPHS})})


REPORTS = {
    "six-digits-2019": lambda: wide_numbers("2019"),
    "six-digits-2021": lambda: wide_numbers("2021"),
    "example-county-bureau-2021": lambda: sample("example-county-bureau-2021"),
    "liaocheng-fao-2019": lambda: sample("liaocheng-fao-2019"),
}
WIDE = [(name, paper) for name in REPORTS if name.startswith("six-digits") for paper in PAPERS]
PRINTS = WIDE + [(name, "A4") for name in REPORTS if not name.startswith("six-digits")]


@dataclass(frozen=True)
class Printed:
    """One PDF: its sheet sizes, its words (text, sheet, x0, x1, top, bottom, font size) and its characters' boxes."""

    sheets: list[tuple[float, float]]
    words: list[tuple[str, int, float, float, float, float, float]]
    outside: list[str]  # characters lying (partly) off their sheet's crop box


def read_printed(pdf: Path) -> Printed:
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # Chromium's CJK subsets lack a FontBBox; pdfminer says so per glyph
    sheets, words, outside = [], [], []
    with pdfplumber.open(pdf) as document:
        for number, page in enumerate(document.pages):
            x0, top, x1, bottom = page.cropbox
            sheets.append((float(page.width), float(page.height)))
            for char in page.chars:
                if char["x0"] < x0 - TOLERANCE_PT or char["x1"] > x1 + TOLERANCE_PT or char["top"] < top or char["bottom"] > bottom:
                    outside.append(f"{char['text']}@{number + 1}")
            for word in page.extract_words(x_tolerance=1, extra_attrs=["size"]):
                words.append((word["text"], number, word["x0"], word["x1"], word["top"], word["bottom"], round(word["size"], 1)))
    return Printed(sheets, words, outside)


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Printed]:
    """Each report printed on each paper; the browsers run side by side."""
    assert BROWSER is not None
    folder = tmp_path_factory.mktemp("paper")
    for name, paper in PRINTS:
        html = render_html(REPORTS[name]())
        if PAPERS[paper]:
            html = html.replace("</head>", f"<style>@page {{ size: {PAPERS[paper]}; }}</style></head>", 1)
        (folder / f"{name}-{paper}.html").write_text(html, encoding="utf-8")
    print_pages((folder / f"{name}-{paper}.html", folder / f"{name}-{paper}.pdf") for name, paper in PRINTS)
    out = {}
    for name, paper in PRINTS:
        pdf = folder / f"{name}-{paper}.pdf"
        assert pdf.exists(), f"the browser printed nothing for {name} on {paper}"
        out[name, paper] = read_printed(pdf)
    return out


def table_rows(report: Report) -> list[tuple[str, list[str]]]:
    """Each table row's printed numbers, by table key."""
    return [
        (part.table.key, [cell.text for cell in row if cell.role == "value"])
        for part in build_view(report).parts
        if part.table
        for row in part.table.rows
    ]


@needs_browser
@pytest.mark.parametrize(("name", "paper"), PRINTS)
def test_every_number_is_printed_inside_the_text_block(printed: dict[tuple[str, str], Printed], name: str, paper: str) -> None:
    result = printed[name, paper]
    assert all(sheet == pytest.approx(SHEET_PT[paper], abs=1) for sheet in result.sheets), "printed on another paper"
    assert result.outside == [], "characters off the sheet"
    texts = Counter(word[0] for word in result.words)
    wanted = Counter(number for _, numbers in table_rows(REPORTS[name]()) for number in numbers)
    assert {n: c for n, c in wanted.items() if texts[n] < c} == {}, "numbers missing from the print"
    reviews = [numbers for key, numbers in table_rows(REPORTS[name]()) if key == "reviews"][-1]
    assert texts[reviews[-1]] >= 1, "the last column of 表四 (复议后起诉 总计) is not printed"
    body = [word for word in result.words if word[6] == BODY_PT]
    left, right = min(w[2] for w in body), max(w[3] for w in body)
    numbers = set(wanted)
    placed = [word for word in result.words if word[0] in numbers]
    assert [w[0] for w in placed if w[2] < left - TOLERANCE_PT or w[3] > right + TOLERANCE_PT] == [], "numbers beyond the text block"


@needs_browser
@pytest.mark.parametrize(("name", "paper"), WIDE)
def test_no_table_row_is_split_across_sheets(printed: dict[tuple[str, str], Printed], name: str, paper: str) -> None:
    """Every number differs, so each row's sheets are those its numbers are printed on."""
    sheets: dict[str, set[int]] = {}
    for text, sheet, *_ in printed[name, paper].words:
        sheets.setdefault(text, set()).add(sheet)
    rows = table_rows(REPORTS[name]())
    split = [(key, numbers[0]) for key, numbers in rows if len({s for n in numbers for s in sheets.get(n, set())}) > 1]
    assert split == []


@needs_browser
@pytest.mark.parametrize("name", [name for name, paper in PRINTS if paper == "A4" and not name.startswith("six-digits")])
def test_tables_keep_five_hao_on_a4_when_they_fit(printed: dict[tuple[str, str], Printed], name: str) -> None:
    """Numbers of a few digits: no table is shrunk on A4, the numbers print at 五号 (10.5 pt)."""
    numbers = {n for _, row in table_rows(REPORTS[name]()) for n in row}
    sizes = {word[6] for word in printed[name, "A4"].words if word[0] in numbers and word[6] != PAGE_NUMBER_PT}
    assert sizes == {FIVE_HAO_PT}


@needs_browser
def test_six_digit_tables_shrink_on_small_paper(printed: dict[tuple[str, str], Printed]) -> None:
    """The widest table prints smaller on A5 than on A4: its font follows the paper."""
    reviews = [numbers for key, numbers in table_rows(REPORTS["six-digits-2021"]()) if key == "reviews"][-1]

    def size(paper: str) -> float:
        return max(word[6] for word in printed["six-digits-2021", paper].words if word[0] == reviews[-1])

    assert size("A5") < size("A4") <= FIVE_HAO_PT


# ---------------------------------------------------------------- line breaking in the browser's print

BRACKETED = "云溪县人民政府办公室（云溪县人民政府外事办公室、云溪县人民政府港澳事务办公室）"


@pytest.fixture(scope="module")
def printed_a4(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Report, list[list[Line]]]]:
    """Every sample and one agency of the form X（Y、Z） printed on A4 and A5, read back as positioned lines."""
    folder = tmp_path_factory.mktemp("a4")
    reports = {path.stem: read_yaml(path).report for path in sorted(SAMPLES.glob("*.yaml"))}
    reports["bracketed-agency"] = reports["example-county-bureau-2021"].model_copy(update={"agency": BRACKETED})
    for name, report in reports.items():
        html = render_html(report)
        (folder / f"{name}.html").write_text(html, encoding="utf-8")
        small = html.replace("</head>", "<style>@page { size: A5; }</style></head>", 1)  # narrower columns, more wrapping
        (folder / f"{name}-A5.html").write_text(small, encoding="utf-8")
    names = [*reports, *(f"{name}-A5" for name in reports)]
    print_pages((folder / f"{name}.html", folder / f"{name}.pdf") for name in names)
    return {name: (reports[name.removesuffix("-A5")], read_pages(folder / f"{name}.pdf")) for name in names}


@needs_browser
def test_printed_titles_follow_the_chinese_line_breaking_rules(printed_a4: dict[str, tuple[Report, list[list[Line]]]]) -> None:
    for name, (report, pages) in printed_a4.items():
        if name.endswith("-A5"):  # the title keeps 二号 on A5 too, and its lines wrap again there
            continue
        title = build_view(report).title_lines
        lines = title_breaks(pages)[: len(title)]
        assert lines == title and follows_line_breaking_rules(lines), (name, lines)


@needs_browser
def test_printed_table_labels_are_not_split_inside_a_word(printed_a4: dict[str, tuple[Report, list[list[Line]]]]) -> None:
    for name, (_, pages) in printed_a4.items():
        assert split_words(pages, LABEL_WORDS) == [], name


@needs_browser
def test_printed_pages_before_the_last_are_at_least_half_full(printed_a4: dict[str, tuple[Report, list[list[Line]]]]) -> None:
    """表三 runs over a page break inside its long row groups instead of moving whole to the next page (A4)."""
    for name, (_, pages) in printed_a4.items():
        if name.endswith("-A5"):
            continue
        fills = [round(page_fill(page), 2) for page in pages]
        assert all(fill >= 0.5 for fill in fills[:-1]), (name, fills)
