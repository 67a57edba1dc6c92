"""Plain-text renderer: the report as UTF-8 text, tables drawn with ASCII borders aligned by display width."""

from __future__ import annotations

import functools
import itertools
import math
import re
from dataclasses import dataclass

from ..report import Report
from ..view import ReportView, TableShape, TableView, build_view
from ..width import char_width, display_width
from .jinja import render_template
from .slots import Drawing, Piece, filled, merged

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


# One cell of a table's shape: (row, column, rowspan, colspan, role, text); a value cell's text is its cell id.
ShapeCell = tuple[int, int, int, int, str, str]


@dataclass(frozen=True)
class Layout:
    """A table drawn with its numbers left out: the lines, and the display width each number is padded to."""

    lines: tuple[Drawing, ...]
    slot_widths: tuple[int, ...]


@dataclass(frozen=True)
class WidthPlan:
    """How the columns of a shape widen: what its labels need already applied, the numbers left to measure."""

    base: tuple[int, ...]  # printed widths widened for every label and header of one column
    single: tuple[tuple[int, int], ...]  # (value place, column) of each number in one column
    spanning: tuple[tuple[int, int, int, int], ...]  # (column, colspan, label need, value place or -1), in order


@functools.lru_cache(maxsize=256)
def width_plan(shape: TableShape) -> WidthPlan:
    """Worked out once per shape: a cell in one column only widens it to what it needs (so in any order); cells
    across columns come after them, fewest columns first, each widening its last column by what it lacks."""
    widths = [max(MIN_COLUMN, 2 * math.floor(mm * COLUMNS_PER_MM / 2)) for mm in shape.widths]
    single: list[tuple[int, int]] = []
    spanning: list[tuple[int, int, int, int]] = []
    place = -1
    for _, col, _, colspan, role, text in shape.cells:
        place += role == "value"
        need = 0 if role == "value" else max((char_width(ch) for ch in text), default=0)
        if colspan > 1:
            spanning.append((col, colspan, need, place if role == "value" else -1))
        elif role == "value":
            single.append((place, col))
        else:
            widths[col] = max(widths[col], need)
    return WidthPlan(tuple(widths), tuple(single), tuple(sorted(spanning, key=lambda step: step[1])))


def text_columns(text: str) -> int:
    """Display columns of ``text``; a number (ASCII) needs no lookup."""
    return len(text) if text.isascii() else display_width(text)


def column_widths(shape: TableShape, values: list[str]) -> list[int]:
    """Content width of each column of a table of this shape printing these numbers (in the shape's order): from
    the printed widths, widened so that every label character and every number fits unwrapped."""
    plan = width_plan(shape)
    widths = list(plan.base)
    for place, col in plan.single:
        need = text_columns(values[place])
        if need > widths[col]:
            widths[col] = need
    for col, colspan, need, place in plan.spanning:
        if place >= 0:
            need = text_columns(values[place])
        have = sum(widths[col : col + colspan]) + 3 * (colspan - 1)
        if need > have:
            widths[col + colspan - 1] += need - have
    return widths


@functools.lru_cache(maxsize=1024)  # the same labels at the same widths in every report of a format
def label_lines(text: str, inner: int, role: str) -> tuple[str, ...]:
    align = "center" if role == "header" else "left"
    return tuple(pad(line, inner, align) for line in balanced_wrap(text, inner))


@functools.lru_cache(maxsize=64)
def layout(shape: TableShape, widths: tuple[int, ...]) -> Layout:
    """The table drawn with ``+``, ``-`` and ``|`` at these column widths, each number's place left open."""
    nrows, ncols = shape.rows, len(widths)
    owner: list[list[ShapeCell | None]] = [[None] * ncols for _ in range(nrows)]
    for cell in shape.cells:
        row, col, rowspan, colspan = cell[:4]
        for r in range(row, row + rowspan):
            owner[r][col : col + colspan] = [cell] * colspan
    lefts = [0, *itertools.accumulate(w + 3 for w in widths)]
    content: dict[ShapeCell, tuple[Piece, ...]] = {}
    slot_widths: list[int] = []
    for cell in shape.cells:
        row, col, rowspan, colspan, role, text = cell
        inner = lefts[col + colspan] - lefts[col] - 3
        if role == "value":
            content[cell] = (len(slot_widths),)
            slot_widths.append(inner)
        else:
            content[cell] = label_lines(text, inner, role)

    heights = [1] * nrows
    for cell in sorted(shape.cells, key=lambda c: c[2]):
        row, rowspan = cell[0], cell[2]
        last = row + rowspan - 1
        room = sum(heights[row : last + 1]) + rowspan - 1  # inner border lines are free room
        heights[last] += max(0, len(content[cell]) - room)

    # where each cell's text lines start: the canvas line of its top border, plus one
    tops = [0, *itertools.accumulate(h + 1 for h in heights)]

    def text_at(cell: ShapeCell, line: int) -> Piece:
        lines = content[cell]
        index = line - tops[cell[0]] - 1
        return lines[index] if index < len(lines) else " " * (lefts[cell[1] + cell[3]] - lefts[cell[1]] - 3)

    def at(r: int, c: int) -> ShapeCell | None:
        return owner[r][c] if 0 <= r < nrows and 0 <= c < ncols else None

    def border(r: int) -> list[Piece]:
        """The border line above row ``r``; across a cell spanning rows it carries that cell's text."""
        ruled = [r in (0, nrows) or at(r - 1, c) is not at(r, c) for c in range(ncols)]
        line: list[Piece] = []
        for c in range(ncols + 1):
            up = r > 0 and (c in (0, ncols) or at(r - 1, c - 1) is not at(r - 1, c))
            down = r < nrows and (c in (0, ncols) or at(r, c - 1) is not at(r, c))
            across = (c > 0 and ruled[c - 1]) or (c < ncols and ruled[c])
            if across:
                line.append("+" if up or down else "-")
            elif up or down:
                line.append("|")
            if c == ncols:
                break
            if ruled[c]:
                line.append("-" * (widths[c] + 2))
            else:
                box = owner[r][c]
                assert box is not None
                if c == box[1]:
                    line += [" ", text_at(box, tops[r]), " "]
        return line

    out: list[list[Piece]] = []
    for r in range(nrows):
        out.append(border(r))
        for y in range(tops[r] + 1, tops[r + 1]):
            line: list[Piece] = []
            for c in range(ncols):
                box = owner[r][c]
                assert box is not None
                if c == box[1]:
                    line += ["| ", text_at(box, y), " "]
            out.append([*line, "|"])
    out.append(border(nrows))
    return Layout(tuple(merged(line) for line in out), tuple(slot_widths))


def table_lines(table: TableView) -> list[str]:
    """The table drawn with ``+``, ``-`` and ``|``; a merged cell is one box, every line has the same display width.

    The drawing depends on the numbers only through the column widths, so it is made once per shape and widths,
    and each report's numbers are padded into their places."""
    values = table.value_texts
    shape = table.shape
    drawn = layout(shape, tuple(column_widths(shape, values)))
    padded = [" " * (width - text_columns(text)) + text for text, width in zip(values, drawn.slot_widths, strict=True)]
    return [filled(line, padded) for line in drawn.lines]


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
