"""What pagination adds to a printed report and the reader takes away: page furniture and table rows cut by a page break.

Page furniture (page numbers, running headers and footers) is found by repetition, not by a fixed margin: a line at the
top or bottom of the text that recurs, digits aside, at the same height on at least half the pages. A table row split
by a page break (Word and WPS let rows break) is joined back when the piece on the next page cannot be a row of its own.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from statistics import median

from ...formats import FORMATS
from .items import Field, Grid, Line
from .labels import match

EDGE_LINES = 2  # lines looked at above the first and below the last table or paragraph of a page
SAME_HEIGHT = 3.0  # points: furniture is set at the same height on every page
DIGITS = re.compile(r"\d+")
NUMBER = re.compile(r"\s*[-+]?\d[\d,，.]*\s*")


@dataclass
class Placed:
    """A line or a table on a page, with its vertical position for reading order."""

    top: float
    item: Line | Grid
    bottom: float = 0.0
    edges: tuple[float, ...] = ()  # a table's column edges, to recognise its continuation on the next page
    size: float = 0.0  # a line's font size
    x0: float = 0.0
    x1: float = 0.0


def _edge_lines(page: list[Placed]) -> list[Placed]:
    """The few lines above everything else on the page and below everything else (where furniture is set)."""
    lines = [p for p in page if isinstance(p.item, Line)]
    grids = [p for p in page if isinstance(p.item, Grid)]
    above = [p for p in lines if all(p.bottom <= g.top for g in grids)][:EDGE_LINES]
    below = [p for p in lines if all(p.top >= g.bottom for g in grids)][-EDGE_LINES:]
    return [*above, *(p for p in below if p not in above)]


def without_furniture(pages: list[list[Placed]]) -> list[list[Placed]]:
    """The pages without the lines that recur at the same height at the top or bottom of at least half of them."""
    if len(pages) < 2:
        return pages
    seen: dict[str, list[tuple[int, Placed]]] = defaultdict(list)
    for n, page in enumerate(pages):
        for p in _edge_lines(page):
            assert isinstance(p.item, Line)
            seen[DIGITS.sub("#", re.sub(r"\s+", "", p.item.text))].append((n, p))
    furniture: set[int] = set()
    for found in seen.values():
        height = median(p.top for _, p in found)
        level = [(n, p) for n, p in found if abs(p.top - height) <= SAME_HEIGHT]
        if len({n for n, _ in level}) >= max(2, (len(pages) + 1) // 2):
            furniture.update(id(p) for _, p in level)
    return [[p for p in page if id(p) not in furniture] for page in pages]


def _key(field: Field, index: int) -> int:
    return field.source.column if field.source.column is not None else -1 - index


def _columns(row: list[Field]) -> dict[int, str]:
    return {_key(f, i): f.text for i, f in enumerate(row)}


def _is_number(text: str) -> bool:
    return bool(NUMBER.fullmatch(text))


def _label(row: dict[int, str]) -> str:
    return next((text for _, text in sorted(row.items()) if text and not _is_number(text)), "")


def _standard_row(text: str) -> bool:
    return bool(text) and any((found := match(text, version)) is not None and found.exact for version in FORMATS)


def continues(last: list[Field], first: list[Field]) -> bool:
    """``first`` (atop the next page) is the rest of the row ``last`` (at the foot of the page before): no column holds a
    number in both, one leaves empty a cell the other fills, and they are not two rows that each print a standard label."""
    a, b = _columns(last), _columns(first)
    shared = set(a) & set(b)
    if not shared or any((_is_number(a[c]) and b[c]) or (_is_number(b[c]) and a[c]) for c in shared):
        return False
    if not any(bool(a[c]) != bool(b[c]) for c in shared):
        return False
    return not _standard_row(_label(b)) and not (_standard_row(_label(a)) and _label(b))


def join_continuation(first: Grid, rest: Grid) -> None:
    """A table continued on the next page: the header rows it repeats are dropped, a row cut by the break is made whole
    again (the piece of a cell merged over rows goes to that cell), the other rows appended."""
    texts = [[f.text for f in row] for row in first.rows]
    k = 0
    while k < len(rest.rows) and k < len(texts) and [f.text for f in rest.rows[k]] == texts[k]:
        k += 1
    rows = rest.rows[k:]
    if first.rows and rows and continues(first.rows[-1], rows[0]):
        for i, piece in enumerate(rows.pop(0)):
            column = _key(piece, i)
            owner = next((f for row in reversed(first.rows) for j, f in enumerate(row) if _key(f, j) == column), None)
            if owner is not None:
                owner.text += piece.text
    first.rows.extend(rows)
