"""Layout checks on a PDF rendered from the .docx: words and lines with positions read with ``pdftotext -bbox-layout``."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from generator.formats.fit import line_capacity, wrap
from generator.render.docx.layout import MARGINS_MM, PAGE_MM
from generator.view import ReportView, TableView

XHTML = "{http://www.w3.org/1999/xhtml}"
PT_PER_MM = 72 / 25.4
TABLE_TEXT_MAX = 16.0  # pt: a line lower than this is table text (五号); body text (3号) is about 21 pt high
TITLE_TEXT_MIN = 24.0  # pt: title lines (2号) are about 29 pt high
REPORT_NAME = "政府信息公开工作年度报告"
REPORT_JOINT = REPORT_NAME.index("年度报告")
BODY_EM = 16.0
YEAR = re.compile(r"(?:19|20)\d\d年度?")


@dataclass(frozen=True)
class Word:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


@dataclass(frozen=True)
class Line:
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return "".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def height(self) -> float:
        return max(w.y1 - w.y0 for w in self.words)


def read_pages(pdf: Path) -> list[list[Line]]:
    """Lines of each page, in the order pdftotext finds them."""
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True).stdout
    root = etree.fromstring(out, etree.XMLParser(resolve_entities=False, no_network=True, recover=True))
    pages = []
    for page in root.iter(f"{XHTML}page"):
        lines = []
        for line in page.iter(f"{XHTML}line"):
            words = tuple(
                Word(*(float(w.get(k, "0")) for k in ("xMin", "yMin", "xMax", "yMax")), w.text or "") for w in line.iter(f"{XHTML}word")
            )
            if words:
                lines.append(Line(words))
        pages.append(lines)
    return pages


def table_lines(page: list[Line]) -> list[Line]:
    return [line for line in page if line.height < TABLE_TEXT_MAX]


def first_page_with(pages: list[list[Line]], fragment: str) -> int | None:
    for number, page in enumerate(pages):
        if any(fragment in line.text for line in table_lines(page)):
            return number
    return None


def fragment_of(text: str, width_mm: float) -> str:
    """The start of ``text`` as its first printed line surely holds it."""
    first = wrap(text, width_mm)[0]
    return first[: max(1, min(5, len(first) - 1))]


def rows_off_the_first_page(pages: list[list[Line]], table: TableView) -> list[str]:
    """Row and group labels of ``table`` not printed on the page of its first row."""
    first = table.rows[0][0]
    start = first_page_with(pages, fragment_of(first.text, sum(table.widths[first.col : first.col + first.colspan])))
    assert start is not None, f"{table.title}: first row not found"
    texts = [line.text for line in table_lines(pages[start])]
    missing = []
    for row in table.rows[table.header_rows :]:
        for cell in row:
            width = sum(table.widths[cell.col : cell.col + cell.colspan])
            if cell.role == "label" and line_capacity(width) >= 2:
                fragment = fragment_of(cell.text, width)
                if not any(fragment in text for text in texts):
                    missing.append(cell.text)
    return missing


def title_breaks(pages: list[list[Line]]) -> list[str]:
    """The title's printed lines (2号 text at the top of page 1)."""
    lines = []
    for line in pages[0]:
        if line.height >= TITLE_TEXT_MIN:
            lines.append(line.text)
        elif lines:
            break
    return lines


def bad_title_breaks(lines: list[str], agency: str) -> list[str]:
    """Line ends inside the agency (unless it is longer than a line) or inside 政府信息公开工作年度报告 (but 工作|年度报告)."""
    title = "".join(lines)
    bad = []
    edge = 0
    name = title.rfind(REPORT_NAME)
    longest = max(len(line) for line in lines)
    year = YEAR.search(title)
    for line in lines[:-1]:
        edge += len(line)
        if year and year.start() < edge < year.end():
            bad.append(f"{line}| inside the year")
        if title.startswith(agency) and 0 < edge < len(agency) and len(agency) <= longest:
            bad.append(f"{line}| inside the agency")
        if name >= 0 and name < edge < name + len(REPORT_NAME) and edge != name + REPORT_JOINT:
            bad.append(f"{line}| inside {REPORT_NAME}")
    return bad


def signature_offsets(pages: list[list[Line]], view: ReportView) -> tuple[float, float]:
    """(date start − signature start, right margin of the block) in characters of the body size."""
    lines = {line.text: line for line in pages[-1]}
    signature, date = lines[view.signature], lines[view.date]
    text_right = (PAGE_MM[0] - MARGINS_MM["right"]) * PT_PER_MM
    return (date.x0 - signature.x0) / BODY_EM, (text_right - max(signature.x1, date.x1)) / BODY_EM


def single_character_lines(pages: list[list[Line]], labels: set[str]) -> list[str]:
    """Table labels whose last printed line is one character: a one-character word with the rest of a label on the line
    just above it in the same cell (stacked one-character columns, like a vertical label, are not counted)."""
    found = []
    for page in pages:
        words = [w for line in table_lines(page) for w in line.words]
        for w in words:
            if len(w.text) != 1 or w.text.isascii():
                continue
            above = [a for a in words if a.x0 <= (w.x0 + w.x1) / 2 <= a.x1 and 0 < w.y0 - a.y0 < 2 * (w.y1 - w.y0) and len(a.text) > 1]
            for a in above:
                joined = a.text + w.text
                if any(label.endswith(joined) for label in labels):
                    found.append(joined)
    return found


TEXT_TOP_PT = MARGINS_MM["top"] * PT_PER_MM
TEXT_BOTTOM_PT = (PAGE_MM[1] - MARGINS_MM["bottom"]) * PT_PER_MM


def page_fill(page: list[Line]) -> float:
    """How far down the text block the page is printed (0 empty, 1 full), the page number below it left out."""
    bottom = max((word.y1 for line in page for word in line.words if word.y1 <= TEXT_BOTTOM_PT + 4), default=TEXT_TOP_PT)
    return (bottom - TEXT_TOP_PT) / (TEXT_BOTTOM_PT - TEXT_TOP_PT)


def label_pages(pages: list[list[Line]], table: TableView) -> dict[tuple[int, int], list[int]]:
    """The pages each label cell of ``table`` (by row and column) is printed on, found by the start of its text on
    the page of the table's first cell or after."""
    first = table.rows[0][0]
    start = first_page_with(pages, fragment_of(first.text, sum(table.widths[first.col : first.col + first.colspan]))) or 0
    found = {}
    for row in table.rows:
        for cell in row:
            width = sum(table.widths[cell.col : cell.col + cell.colspan])
            if cell.role in ("label", "header") and line_capacity(width) >= 2:
                fragment = fragment_of(cell.text, width)
                found[(cell.row, cell.col)] = [
                    n for n, page in enumerate(pages) if n >= start and any(fragment in line.text for line in table_lines(page))
                ]
    return found


def first_column_text(page: list[Line]) -> str:
    """The one-character words of the leftmost table column, top to bottom (a vertical group label)."""
    words = [word for line in table_lines(page) for word in line.words]
    if not words:
        return ""
    left = min(word.x0 for word in words)
    return "".join(word.text for word in sorted(words, key=lambda word: word.y0) if word.x0 < left + 12 and len(word.text) == 1)


def split_words(pages: list[list[Line]], words: tuple[str, ...]) -> list[str]:
    """Two-character ``words`` printed split over two lines of a table cell: a piece of table text ending in a word's
    first character with the piece just below it (same left edge) starting with its second (a label printed one
    character a line down a narrow column is not split text)."""
    found = []
    for page in pages:
        pieces = [word for line in table_lines(page) for word in line.words]
        for upper in pieces:
            for lower in pieces:
                below = 0 < lower.y0 - upper.y0 < 16 and abs(lower.x0 - upper.x0) < 2 and len(upper.text + lower.text) > 2
                if below and upper.text and lower.text and upper.text[-1] + lower.text[0] in words:
                    found.append(f"{upper.text}|{lower.text}")
    return found
