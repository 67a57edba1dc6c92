"""Text from inputs goes into a cell as literal text, never as a formula (a leading ``=`` stays text)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from openpyxl.cell.cell import Cell


def as_text(cell: Any) -> Any:
    """Keep a cell that openpyxl took for a formula because its text starts with ``=`` as plain text."""
    if isinstance(cell, Cell) and cell.data_type == "f" and isinstance(cell.value, str):
        cell.data_type = "s"
    return cell


def set_text(cell: Any, value: Any) -> Any:
    """Give ``cell`` a value that came from an input: text is always stored as text."""
    cell.value = value
    return as_text(cell)


def row_as_text(cells: Iterable[Any]) -> None:
    """Every cell of an appended row kept as text where it came in as text."""
    for cell in cells:
        as_text(cell)
