"""Plain text (copied from a web page or a PDF, or rendered by reportgen) → lines and box-drawn tables."""

from __future__ import annotations

import re

from ...findings import Source
from ...width import char_width
from .items import Document, Field, Grid, Line


def canvas(line: str) -> list[str]:
    """A line as display columns: a wide character fills its column and leaves an empty one after it."""
    out: list[str] = []
    waiting = ""  # zero-width characters before any other: they go with the first character that takes a column
    for char in line:
        columns = char_width(char)
        if columns == 0:  # a combining mark stays on the character before it
            if out:
                out[-1 if out[-1] else -2] += char
            else:
                waiting += char
            continue
        out.append(waiting + char)
        waiting = ""
        if columns == 2:
            out.append("")
    return out if out or not waiting else [waiting]


def is_border(line: str) -> bool:
    s = line.strip()
    return len(s) > 2 and s[0] == "+" and s[-1] in "+|" and "-" in s


def box_table(lines: list[str], first: int, file: str) -> Grid:
    """A table drawn with ``+ - |`` (reportgen's text output): cells, spans and wrapped text recovered from the drawing."""
    rows = [canvas(line.rstrip()) for line in lines]
    indent = min(len(line) - len(line.lstrip()) for line in lines)
    rows = [r[indent:] for r in rows]
    # every line with a "+" is a border, possibly crossed by a cell spanning several rows
    ys = [y for y, r in enumerate(rows) if "+" in r]
    xs = sorted({x for y in ys for x, ch in enumerate(rows[y]) if ch == "+"})

    def at(y: int, x: int) -> str:
        return rows[y][x] if 0 <= x < len(rows[y]) else " "

    taken: set[tuple[int, int]] = set()
    grid: list[list[Field]] = [[] for _ in range(max(len(ys) - 1, 0))]
    for i in range(len(ys) - 1):
        for j in range(len(xs) - 1):
            if (i, j) in taken:
                continue
            colspan = 1
            while j + colspan < len(xs) - 1 and all(at(y, xs[j + colspan]) not in ("|", "+") for y in range(ys[i] + 1, ys[i + 1])):
                colspan += 1
            rowspan = 1
            while i + rowspan < len(ys) - 1 and at(ys[i + rowspan], xs[j] + 1) != "-":
                rowspan += 1
            parts = []
            for y in range(ys[i] + 1, ys[i + rowspan]):
                piece = "".join(rows[y][xs[j] + 1 : xs[j + colspan]]).strip() if xs[j] + 1 < len(rows[y]) else ""
                if piece:
                    parts.append(piece)
            for a in range(rowspan):
                for b in range(colspan):
                    taken.add((i + a, j + b))
            grid[i].append(Field("".join(parts), Source(file=file, line=first + ys[i] + 2, column=j + 1)))
    return Grid(grid, Source(file=file, line=first + 1))


CELL_LINE = re.compile(r"^[^|]*[^|\s][^|]*\|{1,2}\s*$")  # one cell on its line, closed by | or ||: ``87 |``
ROW_BREAK = re.compile(r"^\s*\|{1,2}\s*$")  # a line holding only the separator: the end of a row
MIN_CELL_LINES = 6


def cells_to_rows(lines: list[str]) -> list[tuple[str, int]]:
    """Tables copied one cell per line, each cell closed by ``|`` and rows ended by a ``|`` line, as one line per row.

    Lines are returned with their index in ``lines``; other layouts (and text outside such tables) are left alone.
    """
    numbered = list(enumerate(lines))
    if sum(1 for line in lines if CELL_LINE.match(line)) < MIN_CELL_LINES or sum(1 for x in lines if ROW_BREAK.match(x)) < 2:
        return [(line, i) for i, line in numbered]
    out: list[tuple[str, int]] = []
    run: list[tuple[int, str]] = []

    def flush() -> None:
        if len(run) >= 2:
            out.append((" | ".join(cell.strip().rstrip("|").strip() for _, cell in run) + " |", run[0][0]))
        else:
            out.extend((cell, i) for i, cell in run)
        run.clear()

    for i, line in numbered:
        if CELL_LINE.match(line):
            run.append((i, line))
            continue
        flush()
        if not ROW_BREAK.match(line):
            out.append((line, i))
    flush()
    return out


def read_text(text: str, file: str) -> Document:
    """The lines of a text report; runs of box-drawn lines become tables."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not any(is_border(line) for line in lines):
        rows = cells_to_rows(lines)
        return Document([Line(line, Source(file=file, line=i + 1)) for line, i in rows], file=file)
    doc = Document(file=file)
    i = 0
    while i < len(lines):
        if is_border(lines[i]):
            j = i
            while j < len(lines) and lines[j].strip()[:1] in ("+", "|"):
                j += 1
            block = lines[i:j]
            while block and not is_border(block[-1]):
                block.pop()
            if len(block) >= 3:
                doc.items.append(box_table(block, i, file))
                i += len(block)
                continue
        doc.items.append(Line(lines[i], Source(file=file, line=i + 1)))
        i += 1
    return doc
