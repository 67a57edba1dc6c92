"""How the declared table labels wrap in their printed column widths, so that widths are chosen from the labels."""

from __future__ import annotations

from ..width import display_width
from .model import Table

PRINT_SIZE_PT = 10.5  # 五号, the size of table text in print
CELL_PADDING_MM = 0.8  # left and right inside every cell
MM_PER_EM = PRINT_SIZE_PT * 25.4 / 72
NO_LINE_START = set("，。、；：？！”’）》】」』,.;:?!)")  # a line may not begin with these (kinsoku)


SLACK_EM = 0.25  # fonts differ: a label must not orphan a character at any capacity this close to the computed one


NARROW_STOPS = frozenset(".,:;")  # printed a quarter em wide in the table fonts, not the half of a display column


def char_width(ch: str) -> float:
    """Width in em: a display column is half of one (a CJK character one em, a digit or letter half); ASCII stops,
    the one place where the printed proportional font departs from the display width, a quarter."""
    return 0.25 if ch in NARROW_STOPS else display_width(ch) / 2


def line_capacity(width_mm: float) -> float:
    """How many em of table text fit a cell ``width_mm`` wide."""
    return (width_mm - 2 * CELL_PADDING_MM) / MM_PER_EM


def wrap(text: str, width_mm: float, slack: float = 0.0) -> list[str]:
    """The lines ``text`` takes in a cell of ``width_mm`` (``slack`` em wider): filled greedily, no line starting with
    closing punctuation."""
    capacity = line_capacity(width_mm) + slack + 1e-6
    lines: list[str] = []
    line, used = "", 0.0
    for ch in text:
        w = char_width(ch)
        if line and used + w > capacity:
            if ch in NO_LINE_START and len(line) > 1:
                lines.append(line[:-1])
                line, used = line[-1], char_width(line[-1])
            else:
                lines.append(line)
                line, used = "", 0.0
        line += ch
        used += w
    return [*lines, line] if line else lines


def orphaned(text: str, width_mm: float) -> bool:
    """True when ``text`` wraps and leaves a single character alone on its last line, in this width or one
    slightly narrower or wider (another font's metrics)."""
    for slack in (-SLACK_EM, 0.0, SLACK_EM):
        lines = wrap(text, width_mm, slack)
        if len(lines) > 1 and sum(char_width(ch) for ch in lines[-1]) <= 1.0:
            return True
    return False


def label_cells(table: Table) -> list[tuple[str, float]]:
    """Every printed label of ``table`` with the width of its cell (mm), narrow one-character columns left out."""
    widths = table.grid.widths
    out = []
    for _, c, cell in table.grid.placed():
        width = sum(widths[c : c + cell.colspan])
        if cell.role != "value" and cell.text and line_capacity(width) >= 2:
            out.append((cell.text, width))
    return out


def orphaned_labels(table: Table) -> list[tuple[str, float]]:
    """The labels of ``table`` that leave one character on their last line at the declared widths."""
    return [(text, width) for text, width in label_cells(table) if orphaned(text, width)]
