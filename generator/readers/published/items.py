"""What every published-report layout is reduced to: lines of text and tables of cell texts, with their locations."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...findings import Finding, Source


@dataclass
class Field:
    """One printed cell (or what a text layout lets us take for one) and where it was."""

    text: str
    source: Source


@dataclass
class Line:
    """One line (text) or block element (docx paragraph, HTML block) outside the tables."""

    text: str
    source: Source


@dataclass
class Grid:
    """A table read from a real grid (docx, HTML, a box-drawn text table): each row lists the cells that start in it."""

    rows: list[list[Field]]
    source: Source
    fields_are_cells: bool = True  # False for rows made from text lines, where a field may hold several cells


@dataclass
class Document:
    """A published report as a sequence of lines and tables, in reading order."""

    items: list[Line | Grid] = field(default_factory=list)
    file: str = ""
    notes: list[Finding] = field(default_factory=list)  # what reading the file itself could not do (warnings)
    simplified: int = 0  # characters converted from traditional ones while reading (a reader that converts its text)

    def texts(self) -> list[str]:
        """Every line's text and every table field's, in reading order."""
        out: list[str] = []
        for item in self.items:
            if isinstance(item, Line):
                out.append(item.text)
            else:
                out.extend(f.text for row in item.rows for f in row)
        return out
