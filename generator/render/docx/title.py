"""Placeholder title breaking for the Word output, to be replaced by the view model's ``title_lines`` when both land.

The title breaks only at its natural joints (after the agency, after the year, before 政府信息公开工作年度报告 and
at 工作|年度报告), choosing the fewest lines and then the most balanced ones (GB/T 9704: 梯形 or 菱形).
"""

from __future__ import annotations

import itertools
import math
import re

from .layout import TEXT_WIDTH_MM, TITLE_SIZE, text_width

REPORT_NAME = "政府信息公开工作年度报告"
REPORT_JOINT = REPORT_NAME.index("年度报告")
TITLE_CHARS = TEXT_WIDTH_MM / (TITLE_SIZE * 25.4 / 72)  # characters of the title size in one line


def joints(agency: str, year: int | str, title: str) -> list[int]:
    """Where the title may break: after the agency, after the year, before and inside the report's name."""
    found: set[int] = set()
    if agency and title.startswith(agency):
        found.add(len(agency))
    year_mark = re.search(f"{year}年度?", title)
    if year_mark:
        found.update(year_mark.span())
    name = title.rfind(REPORT_NAME)
    if name >= 0:
        found.update((name, name + REPORT_JOINT))
    return sorted(j for j in found if 0 < j < len(title))


def split_long(text: str, limit: float) -> list[str]:
    """A piece longer than a line (a very long agency, a title without the usual joints), cut into the fewest lines
    of nearly equal width."""
    count = math.ceil(text_width(text) / limit)
    target = text_width(text) / count
    lines: list[str] = []
    line = ""
    for ch in text:
        if line and len(lines) < count - 1 and text_width(line + ch) > target + 0.25:
            lines.append(line)
            line = ""
        line += ch
    return [*lines, line] if line else lines


def title_lines(agency: str, year: int | str, title: str, limit: float = TITLE_CHARS) -> list[str]:
    """The title as lines broken at joints only, fewest lines first, then the smallest spread of line widths."""
    if text_width(title) <= limit:
        return [title]
    cuts = joints(agency, year, title)
    best: tuple[int, float, list[str]] | None = None
    for count in range(1, len(cuts) + 1):
        for chosen in itertools.combinations(cuts, count):
            edges = [0, *chosen, len(title)]
            lines = [title[a:b] for a, b in itertools.pairwise(edges)]
            widths = [text_width(line) for line in lines]
            if max(widths) > limit:
                continue
            score = (len(lines), max(widths) - min(widths), lines)
            if best is None or score[:2] < best[:2]:
                best = score
        if best is not None:
            return best[2]
    # no joints fit: pieces between joints, any piece wider than a line cut where it must
    edges = [0, *cuts, len(title)]
    out: list[str] = []
    for a, b in itertools.pairwise(edges):
        piece = title[a:b]
        if out and text_width(out[-1] + piece) <= limit:
            out[-1] += piece
        else:
            out.extend(split_long(piece, limit))
    return out
