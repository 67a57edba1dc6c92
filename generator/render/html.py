"""HTML renderer: one self-contained, autoescaped page through ``templates/report.html.j2``, its tables drawn here."""

from __future__ import annotations

import functools
import itertools
import operator
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..formats.fit import LABEL_WORDS, label_lines, line_capacity
from ..report import Report
from ..title import NO_LINE_END, NO_LINE_START, agency_joints, char_width, text_width
from ..view import ReportView, TableShape, TableView, build_view
from .jinja import escape, markup, render_template
from .slots import Drawing, Piece, filled, merged

# a bracketed aside, a word of the declared labels (不予, 行政) or a run of ASCII ("1.") is one unit
WORD = re.compile(r"（[^（）]{1,8}）|" + "|".join(LABEL_WORDS) + r"|[!-~]+|.", re.DOTALL)
# a column of numbers gets at least this many em (four digits, or two characters of its header) before the table
# scrolls sideways; below that the table keeps its printed proportions rather than squeezing its labels
NUMBER_COLUMN_EM = 2.6
PIECE = 2  # a header label breaks into pieces of two characters (商业/企业, 社会/公益/组织), three where one is left
# in print a table's font shrinks until the table fits the page; its width is estimated from these (in em of the
# table's font): a Latin character at the widest advance among the number fonts the CSS names (Times New Roman
# 0.5, Noto Serif 0.56), a cell's padding and border, and a margin for what the estimate misses
LATIN_EM = 0.56
CELL_EDGES_EM = 0.6
PRINT_SAFETY = 1.04


def pieces(text: str, size: int = PIECE) -> list[str]:
    """``text`` cut into pieces of about ``size`` characters, none of a single CJK character, punctuation kept with
    its word; the pieces are where a narrow table header may wrap."""
    pieces: list[str] = []
    for unit in WORD.findall(text):
        glue = pieces and (unit[0] in NO_LINE_START or pieces[-1][-1] in NO_LINE_END)
        if pieces and (glue or text_width(pieces[-1]) < size):
            pieces[-1] += unit
        else:
            pieces.append(unit)
    if len(pieces) > 1 and text_width(pieces[-1]) < size:
        last = pieces.pop()
        pieces[-1] += last
    return pieces


def wrap_points(role: str, rowspan: int, colspan: int, text: str, width_mm: float) -> list[str] | None:
    """Where a label may wrap, so that no line holds a single character and no word is split; ``None`` for numbers
    (which never wrap), for a header across columns (it has room) and for a group label down many rows in a column
    too narrow for two characters (printed one character a line)."""
    if role == "value" or (role == "header" and colspan > 1) or (role == "label" and rowspan > 2 and line_capacity(width_mm) < PIECE):
        return None
    return pieces(text)


def min_width_em(shape: TableShape) -> float:
    """The narrowest the table may get (in em of its font) with its narrowest column of numbers still readable."""
    numbers = {col for _, col, _, colspan, role, _ in shape.cells if role == "value" and colspan == 1}
    narrowest = min((shape.widths[col] for col in numbers), default=min(shape.widths))
    return round(sum(shape.widths) / narrowest * NUMBER_COLUMN_EM, 1)


def text_em(text: str) -> float:
    """A text's printed width in em: a wide character 1, any other :data:`LATIN_EM`."""
    if text.isascii():
        return len(text) * LATIN_EM
    return sum(1.0 if char_width(c) == 1 else LATIN_EM for c in text)


Span = tuple[int, int, float]  # first column, columns spanned, em needed


@dataclass(frozen=True)
class LabelFrame:
    """What a table's printed width owes to its labels, reckoned once per shape, and where its numbers stand."""

    need: tuple[float, ...]  # each column's widest piece of label that may not break, in em
    spanning: tuple[Span, ...]  # labels across columns
    columns: tuple[tuple[int, operator.itemgetter[int]], ...]  # a column and the picker of its one-column numbers
    spanning_numbers: tuple[tuple[int, int, int], ...]  # (number's index, first column, columns spanned)


@functools.lru_cache(maxsize=256)
def label_frame(shape: TableShape) -> LabelFrame:
    """The shape's labels measured and its numbers placed by column."""
    need = [0.0] * len(shape.widths)
    spanning: list[Span] = []
    numbers: dict[int, list[int]] = {}
    spanning_numbers: list[tuple[int, int, int]] = []
    index = 0
    for _, col, rowspan, colspan, role, text in shape.cells:
        width = sum(shape.widths[col : col + colspan])
        if role == "value":
            if colspan == 1:
                numbers.setdefault(col, []).append(index)
            else:
                spanning_numbers.append((index, col, colspan))
            index += 1
            continue
        em = max(map(text_em, wrap_points(role, rowspan, colspan, text, width) or pieces(text, 1)), default=0.0)
        if colspan == 1:
            need[col] = max(need[col], em)
        else:
            spanning.append((col, colspan, em))
    # itemgetter of one index returns the item itself, of several a tuple: always ask for two or more
    columns = tuple((col, operator.itemgetter(*indices, *indices[:1])) for col, indices in numbers.items())
    return LabelFrame(tuple(need), tuple(spanning), columns, tuple(spanning_numbers))


def print_width_em(shape: TableShape, value_texts: Sequence[str]) -> float:
    """The narrowest the table prints (in em of its font): every column as wide as its widest number (never broken)
    or unbreakable piece of label, a cell spanning columns shared evenly among them; the print CSS scales the font
    so that this fits the text block."""
    frame = label_frame(shape)
    need = list(frame.need)
    spanning = list(frame.spanning)
    plain = "".join(value_texts).isascii()  # digits, signs and “/”: the width follows from the length
    for col, pick in frame.columns:
        picked = pick(value_texts)
        widest = max(map(len, picked)) * LATIN_EM if plain else max(map(text_em, picked))
        if widest > need[col]:
            need[col] = widest
    spanning += [(col, colspan, text_em(value_texts[i])) for i, col, colspan in frame.spanning_numbers]
    for col, colspan, em in spanning:
        short = em - sum(need[col : col + colspan])
        if short > 0:
            for c in range(col, col + colspan):
                need[c] += short / colspan
    return round(sum(em + CELL_EDGES_EM for em in need) * PRINT_SAFETY, 1)


def cell_html(role: str, rowspan: int, colspan: int, text: str, width_mm: float, repeated: bool = False) -> list[Piece]:
    """One ``th`` (header, label) or ``td`` (number); a number's text is left open (``0``), ``text`` is its cell id.
    ``repeated``: an outer group label that, printed, shows again at the top of the next page when its rows run
    over a page break (the copy is drawn by the print stylesheet from ``data-label``, hidden from assistive tools)."""
    tag = "td" if role == "value" else "th"
    attributes = f' class="rg-{escape(role)}"'
    if rowspan > 1:
        attributes += f' rowspan="{rowspan}"'
    if colspan > 1:
        attributes += f' colspan="{colspan}"'
    attributes += {"header": ' scope="col"', "label": ' scope="row"', "value": f' data-cell="{escape(text)}"'}.get(role, "")
    if role == "value":
        return [f"<{tag}{attributes}>", 0, f"</{tag}>"]
    points = wrap_points(role, rowspan, colspan, text, width_mm)
    inner = "<wbr>".join(f"<span>{escape(piece)}</span>" for piece in points) if points else escape(text)
    if repeated:
        inner += f'<span class="rg-again" aria-hidden="true" data-label="{escape(text)}"></span>'
    return [f"<{tag}{attributes}>{inner}</{tag}>"]


def page_starts(shape: TableShape) -> frozenset[int]:
    """Body rows a printed page may start at: between row groups (:attr:`TableShape.group_starts`); under an outer
    group label only where the rows above and the rows below each hold the label's lines, so that neither the label
    at the foot of a page nor its copy at the top of the next is cut off (heights in lines, estimated at print size
    as :func:`label_lines` wraps the labels, a label down a narrow column one character a line); never just after
    the label's rows, where the copy, pushed past the label's end, would print over the row."""
    lines = [1] * shape.rows
    outer: list[tuple[int, int, int]] = []  # (first row, rows spanned, lines of the label)
    for row, col, rowspan, colspan, role, text in shape.cells:
        if role == "value":
            continue
        needed = len(label_lines(text, sum(shape.widths[col : col + colspan])))
        if rowspan == 1:
            lines[row] = max(lines[row], needed)
        elif col == 0 and row >= shape.header_rows:
            outer.append((row, rowspan, needed))
    return frozenset(
        r
        for r in shape.group_starts
        if not any(
            r == first + span or (first < r < first + span and min(sum(lines[first:r]), sum(lines[r : first + span])) < needed)
            for first, span, needed in outer
        )
    )


@functools.lru_cache(maxsize=256)
def table_layout(shape: TableShape, labelledby: str) -> Drawing:
    """The table's HTML with its numbers left out: literal pieces, and as integers the places of the numbers."""
    total = sum(shape.widths)
    columns = "".join(f'<col style="width:{width * 100 / total:.2f}%">' for width in shape.widths)
    out: list[Piece] = [
        f'<table class="rg-table rg-table-{escape(shape.key)}" style="min-width:{min_width_em(shape)}em"'
        f' aria-labelledby="{escape(labelledby)}">\n'
        f"<colgroup>{columns}</colgroup>\n"
    ]
    place = 0
    rows: list[list[Piece]] = [[] for _ in range(shape.rows)]
    for row, col, rowspan, colspan, role, text in shape.cells:
        repeated = role == "label" and col == 0 and rowspan > 1 and row >= shape.header_rows
        for piece in cell_html(role, rowspan, colspan, text, sum(shape.widths[col : col + colspan]), repeated):
            rows[row].append(place if isinstance(piece, int) else piece)
        place += role == "value"
    # a body row that may not start a printed page: inside a row group (under （三）不予公开), or too near either end of
    # an outer group label for the label to print whole (see page_starts)
    kept = set(range(shape.header_rows + 1, shape.rows)) - page_starts(shape)
    lines = [['<tr class="rg-keep">' if r in kept else "<tr>", *cells, "</tr>\n"] for r, cells in enumerate(rows)]
    if shape.header_rows:
        out += ["<thead>\n", *itertools.chain(*lines[: shape.header_rows]), "</thead>\n"]
    out += ["<tbody>\n", *itertools.chain(*lines[shape.header_rows :])]
    out.append("</tbody>\n</table>\n")
    return merged(out)


def table_html(table: TableView, labelledby: str) -> str:
    """The table as HTML: drawn once per shape, each report's numbers escaped into their places."""
    numbers = table.value_texts
    drawn = filled(table_layout(table.shape, labelledby), [number_html(text) for text in numbers])
    return markup(f'<div class="rg-table-wrap" style="--rg-print-em:{print_width_em(table.shape, numbers)}">\n{drawn}</div>')


@functools.lru_cache(maxsize=4096)  # most numbers of a report are small and repeat
def number_html(text: str) -> str:
    return escape(text)


def signature_pieces(signature: str) -> list[str]:
    """The signing agency cut only at its natural joints (人民政府|办公室, 某某市|某某区), for a narrow screen."""
    bounds = [0, *agency_joints(signature), len(signature)]
    return [signature[a:b] for a, b in itertools.pairwise(bounds)]


def render_html(report: Report, *, view: ReportView | None = None) -> str:
    """The report as a UTF-8 HTML page with inline CSS, semantic tables and print styles (``view``: built already)."""
    view = view or build_view(report)
    # on a narrow screen the title's font shrinks so that its longest line still fits on one line
    title_chars = max(text_width(line) for line in view.title_lines) + 0.5
    page = render_template(
        "report.html.j2",
        view=view,
        title_chars=title_chars,
        table_html=table_html,
        signature_pieces=signature_pieces(view.signature),
    )
    lines = [line.rstrip() for line in page.splitlines()]
    return re.sub(r"\n{2,}", "\n", "\n".join(lines)).strip("\n") + "\n"
