"""Where the body falls on the pages, estimated from the fixed line grid, so that 表三 can continue on the next page
(cut between row groups) instead of leaving a page behind it largely empty.

Every line of body text is exactly one grid line (28.95 pt) of 28 characters; table rows are exact multiples of the
table line. The estimate errs on the short side (``SAFETY``): a cut a group early leaves a little more white at the
foot of a page; a cut a group late would push the whole first piece to the next page."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ...view import ReportView, TableShape, TableView
from .layout import AFTER_TABLE, CHARS_PER_LINE, LINE, MARGINS_MM, PAGE_MM, TWIPS_PER_MM
from .split import boundaries, cut, pages, row_heights
from .tables import shape_view

PAGE = round((PAGE_MM[1] - MARGINS_MM["top"] - MARGINS_MM["bottom"]) * TWIPS_PER_MM)
INDENT = 2  # characters before the first line of a body paragraph
SCRIPT_GAP = 0.25  # em of extra space where Chinese meets digits or Latin letters (Word's autospace; LibreOffice's is 0.2)
WORD = re.compile(r"[0-9A-Za-z][0-9A-Za-z.\-_/:%@]*|.", re.S)
NO_LINE_START = set("，。、；：？！”’）》」』】〕,.;:?!)%")
NO_LINE_END = set("（《「『【〔“‘(")
SAFETY = LINE * 3 // 2  # twips kept free when deciding what fits the rest of a page
ROW_RULE = 10  # twips a horizontal rule adds to a table row (half a point)
SEPARATOR = 20  # twips of the paragraph between two pieces of a table


def tokens(text: str) -> list[str]:
    """Pieces a line is never broken inside: a run of Latin letters or digits, else one character."""
    return WORD.findall(text)


def line_count(text: str, indent: int = INDENT, chars: int = CHARS_PER_LINE) -> int:
    """Lines a paragraph of body text takes: filled to 28 characters, the first after the indent, with extra space
    where scripts meet; a line never starts with closing or ends with opening punctuation (the character before is
    taken along, as LibreOffice does; Word lets the punctuation hang, which never takes more lines)."""
    lines, used, previous = 1, float(indent), ""
    line: list[float] = []
    for token in tokens(text):
        width = sum(0.5 if ord(ch) < 0x2000 else 1.0 for ch in token)
        if previous and previous[-1].isascii() != token[0].isascii() and not token.isspace():
            width += SCRIPT_GAP
        if line and used + width > chars + 1e-6:
            carried = line[-1] if token[0] in NO_LINE_START or previous[-1] in NO_LINE_END else 0.0
            lines, used, line = lines + 1, carried, [carried] if carried else []
        line.append(width)
        used += width
        previous = token
    return lines


def height(table: TableView) -> int:
    return sum(row_heights(table)) + ROW_RULE * (len(table.rows) + 1)


@functools.lru_cache(maxsize=256)
def shape_heights(shape: TableShape) -> tuple[int, bool, tuple[tuple[int, int, int], ...]]:
    """A table shape's height, whether it fits one page, and for each boundary between row groups the heights of the
    two pieces cut there (a label carried over makes the rows it spans taller): the labels decide, so once per shape."""
    table = shape_view(shape)
    pieces = tuple((at, height(first), height(rest)) for at in boundaries(table) for first, rest in [cut(table, at)])
    return height(table), len(pages(table)) == 1, pieces


def table_height(table: TableView) -> int:
    return shape_heights(table.shape)[0]


@dataclass
class Flow:
    """The page being filled (from 0) and the twips of it already used."""

    page: int = 0
    used: int = 0

    def room(self) -> int:
        return PAGE - self.used

    def new_page(self) -> None:
        self.page, self.used = self.page + 1, 0

    def lines(self, count: int, before: int = 0, keep: int = 0) -> None:
        """A paragraph of ``count`` lines; ``keep``: twips that must follow on the same page (a heading's table)."""
        height = before + count * LINE
        if self.used and height + keep > self.room() and (count == 1 or keep):
            self.new_page()
            height -= before
        while height > self.room():  # a paragraph continues on the next page, never one line alone at either end
            fitting = self.room() // LINE
            if height // LINE - fitting == 1:
                fitting -= 1
            height -= fitting * LINE if fitting > 1 else 0
            self.new_page()
        self.used += height

    def block(self, height: int) -> None:
        """Something kept on one page (a table) unless it is taller than a page."""
        if self.used and height > self.room():
            self.new_page()
        self.used = (self.used + height) % PAGE if height > PAGE else self.used + height


def applications_cut(table: TableView, room: int) -> tuple[int, int] | None:
    """Where 表三 is best cut when ``room`` twips are left on its first page, and the height of the rest: the last
    boundary between row groups whose first piece fits; None when no group fits (the table then starts on the next
    page)."""
    fitting = [(at, rest) for at, first, rest in shape_heights(table.shape)[2] if first <= room - SAFETY]
    return fitting[-1] if fitting else None


@dataclass(frozen=True)
class Block:
    """A paragraph of ``lines`` lines (``heading``: kept with what follows), or a part heading with its ``table``."""

    lines: int
    before: int = 0
    heading: bool = False
    table: TableView | None = None


def blocks(view: ReportView) -> list[Block]:
    """The preface and the parts up to 表三 (nothing after it moves it)."""
    out = [Block(line_count(p.text)) for p in view.preface]
    for part in view.parts:
        out.append(Block(line_count(part.heading), heading=True, table=part.table))
        if part.table and part.table.key == "applications":
            break
        before = AFTER_TABLE if part.table else 0
        for paragraph in part.paragraphs:
            out.append(Block(line_count(paragraph.text), before, paragraph.standalone))
            before = 0
    return out


def table_cuts(view: ReportView, title_lines: int) -> dict[str, int]:
    """For each table that should continue on the next page, the row it is cut at: only 表三 (the applications
    table) is cut by page position; 表二 and 表四 stay whole with their headings."""
    flow = Flow()
    flow.lines(title_lines)
    flow.used += LINE  # the space after the title
    cuts: dict[str, int] = {}
    laid = blocks(view)
    for i, block in enumerate(laid):
        table, heading = block.table, block.lines * LINE
        if table is None:
            following = laid[i + 1] if block.heading and i + 1 < len(laid) else None
            flow.lines(block.lines, block.before, min(following.lines, 2) * LINE if following else 0)
        elif table.key == "applications" and shape_heights(table.shape)[1] and heading + table_height(table) > flow.room():
            found = applications_cut(table, flow.room() - heading)
            flow.new_page()
            if found is None:  # not even the first group fits: the table starts on the next page, whole
                flow.used = heading + table_height(table)
            else:
                cuts[table.key], flow.used = found
        else:
            flow.block(heading + table_height(table))
    return cuts
