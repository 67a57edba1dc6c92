"""How the declared table labels wrap in their printed column widths, so that widths are chosen from the labels."""

from __future__ import annotations

import re

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


# words of the declared labels that a line never splits (the labels are the format's fixed text): 不予 in （三）不予公开,
# 行政 and 复议 in 行政复议, 补正 in 不补正 ...
LABEL_WORDS = (
    "不予", "予以", "无法", "其他", "行政", "复议", "诉讼", "起诉", "处理", "出具", "补正", "要求", "申请", "信息", "机关",
    "政府", "结果", "维持", "纠正", "审结", "尚未", "公益", "服务", "机构", "企业", "组织", "商业", "科研", "法律", "社会",
    "提供", "部分", "国家", "秘密", "内部", "事务", "过程", "执法", "案卷", "查询", "事项", "掌握", "现成", "另行", "制作",
    "内容", "明确", "信访", "举报", "投诉", "重复", "出版", "正当", "理由", "反复", "确认", "重新", "获取", "逾期", "收费",
    "通知", "缴纳", "费用", "总计", "结转", "继续", "办理", "公开", "情形", "区分", "只计", "不计",
)  # fmt: skip
LABEL_UNIT = re.compile(
    r"^(?:（[一二三四五六七八九十]{1,3}）|\d+[.、])|" + "|".join(LABEL_WORDS) + r"|[0-9A-Za-z][0-9A-Za-z.]*|.", re.DOTALL
)


def label_units(text: str) -> list[str]:
    """``text`` cut where a line may end: after an item number (（三）, 1.), between words, never before closing
    punctuation."""
    units: list[str] = []
    for unit in LABEL_UNIT.findall(text):
        if units and unit[0] in NO_LINE_START:
            units[-1] += unit
        else:
            units.append(unit)
    return units


def label_lines(text: str, width_mm: float) -> list[str]:
    """The lines a label is printed in: like :func:`wrap`, but broken only between :func:`label_units`."""
    capacity = line_capacity(width_mm) + 1e-6
    lines: list[str] = []
    line, used = "", 0.0
    for unit in label_units(text):
        width = sum(char_width(ch) for ch in unit)
        if line and used + width > capacity:
            lines.append(line)
            line, used = "", 0.0
        if width > capacity:  # a unit wider than the cell: filled character by character
            for part in wrap(line + unit, width_mm):
                lines.append(part)
            line = lines.pop()
            used = sum(char_width(ch) for ch in line)
            continue
        line += unit
        used += width
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
