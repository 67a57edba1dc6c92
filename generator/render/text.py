"""Plain-text renderer: the report as UTF-8 text, tables drawn with ASCII borders aligned by display width."""

from __future__ import annotations

import functools
import math
import re
import unicodedata

from ..report import Report
from ..view import CellView, ReportView, TableView, build_view
from .jinja import render_template

# Text columns per millimetre of printed column width: table 3's label column (46 mm) gets 24 columns,
# table 4's 15 columns (10.4 mm) get 4 (two CJK characters per line), so every table is about 100 wide.
COLUMNS_PER_MM = 0.55
MIN_COLUMN = 2
# Chinese line-breaking rules: these never start a line, those never end one.
NO_LINE_START = set("，。、；：？！）》」』】〕〗〉”’%‰℃·…—,.;:?!)]}")
NO_LINE_END = set("（《「『【〔〖〈“‘([{")
ASCII_RUN = re.compile(r"[!-~]+|.", re.DOTALL)  # a run of printable ASCII (a number, "1.") stays on one line
# the title on its balanced lines, as in the .docx and .html (the published-report reader rejoins them)
SPLIT_TITLE = True


def char_width(char: str) -> int:
    """Display columns of one character: wide and full-width characters take two."""
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


@functools.lru_cache(maxsize=16384)  # the same labels and numbers are measured again and again
def display_width(text: str) -> int:
    return sum(char_width(c) for c in text)


def pad(text: str, width: int, align: str) -> str:
    """``text`` padded with spaces to ``width`` display columns."""
    room = width - display_width(text)
    if align == "right":
        return " " * room + text
    if align == "center":
        return " " * (room // 2) + text + " " * (room - room // 2)
    return text + " " * room


def _tokens(text: str, width: int) -> list[str]:
    out: list[str] = []
    for token in ASCII_RUN.findall(text):
        if display_width(token) > width:
            out.extend(token)  # a run too long for any line breaks anywhere
        else:
            out.append(token)
    return out


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` display columns whose concatenation is ``text``; CJK may break anywhere."""
    lines: list[list[str]] = [[]]
    used = 0
    for token in _tokens(text, width):
        size = display_width(token)
        line = lines[-1]
        if line and used + size > width:
            carried: list[str] = []
            # closing punctuation does not start a line, opening punctuation does not end one:
            # take the previous token down with it when both fit
            bad_break = token[0] in NO_LINE_START or line[-1][-1] in NO_LINE_END
            if bad_break and len(line) > 1 and display_width(line[-1]) + size <= width:
                carried.append(line.pop())
            lines.append([*carried, token])
            used = sum(display_width(t) for t in lines[-1])
            continue
        line.append(token)
        used += size
    return ["".join(line) for line in lines if line] or [""]


def balanced_wrap(text: str, width: int) -> list[str]:
    """``wrap`` at the narrowest width that needs no more lines, so that wrapped lines come out even."""
    lines = wrap(text, width)
    if len(lines) > 1:
        narrowest = max(math.ceil(display_width(text) / len(lines)), max(char_width(c) for c in text))
        for trial in range(narrowest, width):
            even = wrap(text, trial)
            if len(even) == len(lines):
                return even
    return lines


def column_widths(table: TableView) -> list[int]:
    """Content width of each column: from the printed widths, widened so that every number fits unwrapped."""
    widths = [max(MIN_COLUMN, 2 * math.floor(mm * COLUMNS_PER_MM / 2)) for mm in table.widths]
    cells = sorted((c for row in table.rows for c in row), key=lambda c: c.colspan)
    for cell in cells:
        need = display_width(cell.text) if cell.role == "value" else max((char_width(ch) for ch in cell.text), default=0)
        have = sum(widths[cell.col : cell.col + cell.colspan]) + 3 * (cell.colspan - 1)
        if need > have:
            widths[cell.col + cell.colspan - 1] += need - have
    return widths


def cell_lines(cell: CellView, widths: list[int]) -> list[str]:
    inner = sum(widths[cell.col : cell.col + cell.colspan]) + 3 * (cell.colspan - 1)
    align = {"value": "right", "header": "center"}.get(cell.role, "left")
    lines = [cell.text] if cell.role == "value" else balanced_wrap(cell.text, inner)
    return [pad(line, inner, align) for line in lines]


def table_lines(table: TableView) -> list[str]:
    """The table drawn with ``+``, ``-`` and ``|``; a merged cell is one box, every line has the same display width."""
    nrows, ncols = len(table.rows), table.columns
    owner: list[list[CellView | None]] = [[None] * ncols for _ in range(nrows)]
    for row in table.rows:
        for cell in row:
            for r in range(cell.row, cell.row + cell.rowspan):
                for c in range(cell.col, cell.col + cell.colspan):
                    owner[r][c] = cell
    widths = column_widths(table)
    content = {id(cell): cell_lines(cell, widths) for row in table.rows for cell in row}

    heights = [1] * nrows
    for cell in sorted((c for row in table.rows for c in row), key=lambda c: c.rowspan):
        last = cell.row + cell.rowspan - 1
        room = sum(heights[cell.row : last + 1]) + cell.rowspan - 1  # inner border lines are free room
        heights[last] += max(0, len(content[id(cell)]) - room)

    # where each cell's text lines start: the canvas line of its top border, plus one
    tops = [0] * (nrows + 1)
    for r in range(nrows):
        tops[r + 1] = tops[r] + heights[r] + 1
    lefts = [0] * (ncols + 1)
    for c in range(ncols):
        lefts[c + 1] = lefts[c] + widths[c] + 3

    def text_at(cell: CellView, line: int) -> str:
        lines = content[id(cell)]
        index = line - tops[cell.row] - 1
        inner = lefts[cell.col + cell.colspan] - lefts[cell.col] - 3
        return lines[index] if index < len(lines) else " " * inner

    def at(r: int, c: int) -> CellView | None:
        return owner[r][c] if 0 <= r < nrows and 0 <= c < ncols else None

    def border(r: int) -> str:
        """The border line above row ``r``; across a cell spanning rows it carries that cell's text."""
        ruled = [r in (0, nrows) or at(r - 1, c) is not at(r, c) for c in range(ncols)]
        line = ""
        for c in range(ncols + 1):
            up = r > 0 and (c in (0, ncols) or at(r - 1, c - 1) is not at(r - 1, c))
            down = r < nrows and (c in (0, ncols) or at(r, c - 1) is not at(r, c))
            across = (c > 0 and ruled[c - 1]) or (c < ncols and ruled[c])
            if across:
                line += "+" if up or down else "-"
            elif up or down:
                line += "|"
            if c == ncols:
                break
            if ruled[c]:
                line += "-" * (widths[c] + 2)
            else:
                box = owner[r][c]
                assert box is not None
                if c == box.col:
                    line += " " + text_at(box, tops[r]) + " "
        return line

    out: list[str] = []
    for r in range(nrows):
        out.append(border(r))
        for y in range(tops[r] + 1, tops[r + 1]):
            line = ""
            for c in range(ncols):
                box = owner[r][c]
                assert box is not None
                if c == box.col:
                    line += "| " + text_at(box, y) + " "
            out.append(line + "|")
    out.append(border(nrows))
    return out


def centred(lines: list[str]) -> list[str]:
    """Lines centred on the widest of them (no trailing spaces)."""
    width = max((display_width(line) for line in lines), default=0)
    return [" " * ((width - display_width(line)) // 2) + line for line in lines]


def tidy(text: str) -> str:
    """No trailing spaces, at most one blank line in a row, exactly one final newline."""
    lines = [line.rstrip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n") + "\n"


def render_text(report: Report, *, view: ReportView | None = None) -> str:
    """The report as plain text (UTF-8 ready, ``\\n`` line ends), through ``templates/report.txt.j2``."""
    view = view or build_view(report)
    title = centred(view.title_lines) if SPLIT_TITLE else [view.title]
    return tidy(render_template("report.txt.j2", view=view, title=title, table_lines=table_lines))
