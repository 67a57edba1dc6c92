"""HTML renderer: one self-contained, autoescaped page through ``templates/report.html.j2``."""

from __future__ import annotations

import itertools
import re

from ..report import Report
from ..title import NO_LINE_END, NO_LINE_START, agency_joints, text_width
from ..view import CellView, ReportView, TableView, build_view
from .jinja import render_template

WORD = re.compile(r"（[^（）]{1,8}）|[!-~]+|.", re.DOTALL)  # a bracketed aside or a run of ASCII ("1.") is one unit
# a column of numbers gets at least this many em (four digits, or two characters of its header) before the table
# scrolls sideways; below that the table keeps its printed proportions rather than squeezing its labels
NUMBER_COLUMN_EM = 2.6
PIECE = 2  # a header label breaks into pieces of two characters (商业/企业, 社会/公益/组织), three where one is left


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


def label_pieces(cell: CellView) -> list[str] | None:
    """Where a label may wrap, so that no line holds a single character; ``None`` for numbers (which never wrap),
    for a header across columns (it has room) and for a group label down many rows (printed one character a line)."""
    if cell.role == "value" or (cell.role == "header" and cell.colspan > 1) or (cell.role == "label" and cell.rowspan > 2):
        return None
    return pieces(cell.text)


def min_width_em(table: TableView) -> float:
    """The narrowest the table may get (in em of its font) with its narrowest column of numbers still readable."""
    numbers = {c.col for row in table.rows for c in row if c.role == "value" and c.colspan == 1}
    narrowest = min((table.widths[col] for col in numbers), default=min(table.widths))
    return round(sum(table.widths) / narrowest * NUMBER_COLUMN_EM, 1)


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
        label_pieces=label_pieces,
        min_width_em=min_width_em,
        signature_pieces=signature_pieces(view.signature),
    )
    lines = [line.rstrip() for line in page.splitlines()]
    return re.sub(r"\n{2,}", "\n", "\n".join(lines)).strip("\n") + "\n"
