"""Breaking the report title into balanced lines at its natural joints (GB/T 9704 梯形/菱形), for every renderer.

The joints, strongest first:

1. after the agency, after the year (``2025年`` / ``2025年度``), before ``政府信息公开工作年度报告`` (or a shorter
   report name such as ``政务公开工作年度报告``);
2. inside the report name only at ``工作|年度报告``;
3. inside an agency name that alone is too long for a line: after ``人民政府`` / ``委员会`` / ``办公厅`` / ``办公室`` and after a
   place suffix (省, 自治区, 市, 自治州, 州, 盟, 县, 区, 旗) unless that character starts a word (市场, 区域, 县级, ...);
4. only when nothing above gives lines that fit: after punctuation or a space, else between two CJK characters
   outside the agency and the report name; a run of Latin letters or digits is never broken.

The break chosen uses the fewest lines, then the strongest joints, then the most balanced shape: lines of equal
length, or a shorter line above a longer one (梯形), or the longest in the middle (菱形); never a long line over a
short one when a balanced choice exists.
"""

from __future__ import annotations

import itertools
import math
import re

from .width import display_width

# a 二号 line of 156 mm holds about 18 characters
TITLE_LINE_CHARS = 18
REPORT_NAME = "政府信息公开工作年度报告"
# report names other than the standard one, longest first; each may be broken only before its 年度报告
OTHER_REPORT_NAMES = ("政府信息公开年度报告", "政务公开工作年度报告", "信息公开工作年度报告", "政务公开年度报告", "信息公开年度报告")
AGENCY_SUFFIX_JOINT = re.compile(r"人民政府|委员会|办公厅|办公室")
PLACE_SUFFIX = re.compile(r"自治区|自治州|[省市州盟县区旗]")
# a place character that starts a word rather than ending a place name (市场监督管理局), or one whose name goes on
PLACE_WORDS = ("市场", "市政", "市容", "市级", "市直", "区域", "区级", "区直", "县级", "县域", "县直", "省级", "省直", "州级", "旗级")
PLACE_GOES_ON = ("人民政府", "政府", "委", "人大", "政协")
PUNCTUATION_BREAK_AFTER = set("，、；：。！？）》」』】 　,;:)")
NO_LINE_START = set("，。、；：？！）》」』】〕〉”’%‰·…—,.;:?!)]}")
NO_LINE_END = set("（《「『【〔〈“‘([{")
WORD_RUN = re.compile(r"[0-9A-Za-z０-９Ａ-Ｚａ-ｚ][0-9A-Za-z０-９Ａ-Ｚａ-ｚ.\-_&'’]*[0-9A-Za-z０-９Ａ-Ｚａ-ｚ]")
MAX_JOINTS = 24  # joints tried together; beyond that the weakest are thinned out evenly
MAX_COMBINATIONS = 5000  # beyond this many ways to break (a title of many lines) lines are filled one by one


def char_width(char: str) -> float:
    """Width in CJK characters: wide and full-width characters count 1, others (Latin, digits) half."""
    return display_width(char) / 2


def text_width(text: str) -> float:
    return display_width(text) / 2


def _year_span(title: str, year: int | str | None, start: int) -> tuple[int, int] | None:
    """Where ``<year>年`` / ``<year>年度`` stands in the title (at or after ``start``)."""
    digits = re.escape(str(year).strip()) if year not in (None, "") else r"(?:19|20)\d\d|[〇零一二三四五六七八九]{4}"
    match = re.compile(rf"(?:{digits})\s*年度?").search(title, start) or re.compile(rf"(?:{digits})\s*年度?").search(title)
    return match.span() if match else None


def _report_name_span(title: str) -> tuple[int, int, int] | None:
    """Start, end and the 工作|年度报告 joint (or -1) of the report name in the title."""
    for name in (REPORT_NAME, *OTHER_REPORT_NAMES):
        at = title.rfind(name)
        if at >= 0:
            joint = name.find("工作年度报告")
            return at, at + len(name), (at + joint + 2 if joint >= 0 else -1)
    return None


def agency_joints(agency: str) -> list[int]:
    """Offsets inside ``agency`` where it may be broken when it alone is too long for a line: after an office or a
    place, before an opening bracket and after an enumeration comma (``X（Y、Z）``); a joint followed by closing
    punctuation moves past it, so that no line begins with ``、`` or ``）``."""
    joints = {m.end() for m in AGENCY_SUFFIX_JOINT.finditer(agency)}
    for m in PLACE_SUFFIX.finditer(agency):
        if m.start() >= 1 and not agency.startswith(PLACE_WORDS, m.start()) and not agency.startswith(PLACE_GOES_ON, m.end()):
            joints.add(m.end())
    joints.update(i for i, ch in enumerate(agency) if ch in NO_LINE_END)
    joints.update(i + 1 for i, ch in enumerate(agency) if ch in "、，")
    moved = set()
    for joint in joints:
        while joint < len(agency) and agency[joint] in NO_LINE_START:
            joint += 1
        moved.add(joint)
    return sorted(j for j in moved if 0 < j < len(agency) and breakable(agency, j))


def breakable(text: str, position: int) -> bool:
    """Whether a line may end before ``text[position]`` by the Chinese rules: no line begins with closing
    punctuation and none ends with an opening one."""
    return text[position] not in NO_LINE_START and text[position - 1] not in NO_LINE_END


def _protected(title: str, spans: list[tuple[int, int]]) -> set[int]:
    """Positions (a break before index i) that fall strictly inside a word run or one of ``spans``."""
    inside: set[int] = set()
    for start, end in [*spans, *(m.span() for m in WORD_RUN.finditer(title))]:
        inside.update(range(start + 1, end))
    return inside


def _fallback_joints(title: str, protected: set[int]) -> dict[int, int]:
    joints: dict[int, int] = {}
    for i in range(1, len(title)):
        if i in protected or not breakable(title, i):
            continue
        if title[i - 1] in PUNCTUATION_BREAK_AFTER:
            joints[i] = 3
        elif char_width(title[i - 1]) == 1 and char_width(title[i]) == 1:
            joints[i] = 4
    return joints


def _joints(agency: str, year: int | str | None, title: str) -> dict[int, int]:
    """Every position a break may go before, with its tier (0 strongest)."""
    joints: dict[int, int] = {}
    spans: list[tuple[int, int]] = []

    def add(position: int, tier: int) -> None:
        if 0 < position < len(title):
            joints[position] = min(tier, joints.get(position, tier))

    agency_at = title.find(agency) if agency else -1
    if agency_at >= 0:
        add(agency_at, 0)
        add(agency_at + len(agency), 0)
        spans.append((agency_at, agency_at + len(agency)))
        for joint in agency_joints(agency):
            add(agency_at + joint, 2)
    after_agency = agency_at + len(agency) if agency_at >= 0 else 0
    if year_span := _year_span(title, year, after_agency):
        add(year_span[0], 0)
        add(year_span[1], 0)
        spans.append(year_span)
    if name := _report_name_span(title):
        start, end, joint = name
        add(start, 0)
        add(end, 0)
        if joint >= 0:
            add(joint, 1)
        spans.append((start, end))
    for position, tier in _fallback_joints(title, _protected(title, spans)).items():
        if position not in joints:
            joints[position] = tier
    return {position: tier for position, tier in joints.items() if breakable(title, position)}


def _shape_cost(widths: list[float]) -> float:
    """How far the lines are from balanced: their spread, plus any line longer than the last (long over short)."""
    spread = max(widths) - min(widths)
    top_heavy = sum(max(0.0, w - widths[-1]) for w in widths[:-1]) if len(widths) == 2 else max(0.0, widths[0] - widths[-1])
    hourglass = sum(max(0.0, min(widths[i - 1], widths[i + 1]) - widths[i]) for i in range(1, len(widths) - 1))
    return spread + top_heavy + 2 * hourglass


def _best(title: str, joints: dict[int, int], max_chars: float, max_tier: int) -> list[str] | None:
    positions = sorted(p for p, tier in joints.items() if tier <= max_tier)
    if len(positions) > MAX_JOINTS:
        strong = [p for p in positions if joints[p] <= 2]
        weak = [p for p in positions if joints[p] > 2]
        room = max(0, MAX_JOINTS - len(strong))
        positions = sorted([*strong, *(weak[i * len(weak) // room] for i in range(room))]) if room else strong
    best: tuple[int, int, float] | None = None
    best_lines: list[str] | None = None
    fewest_cuts = max(1, math.ceil(text_width(title) / max_chars) - 1)
    for count in range(fewest_cuts, len(positions) + 1):
        if math.comb(len(positions), count) > MAX_COMBINATIONS:
            return _filled(title, positions, max_chars)
        for cut in itertools.combinations(positions, count):
            bounds = [0, *cut, len(title)]
            lines = [title[a:b] for a, b in itertools.pairwise(bounds)]
            widths = [text_width(line) for line in lines]
            if max(widths) > max_chars:
                continue
            key = (len(lines), max(joints[p] for p in cut), _shape_cost(widths))
            if best is None or key < best:
                best, best_lines = key, lines
        if best is not None:
            return best_lines
    return None


def _filled(title: str, positions: list[int], max_chars: float) -> list[str] | None:
    """Lines filled one after another up to the farthest joint that fits (for titles too long to weigh every break)."""
    lines, start = [], 0
    while text_width(title[start:]) > max_chars:
        fitting = [p for p in positions if p > start and text_width(title[start:p]) <= max_chars]
        if not fitting:
            return None
        lines.append(title[start : fitting[-1]])
        start = fitting[-1]
    return [*lines, title[start:]]


def title_lines(agency: str, year: int | str | None, title: str, max_chars: float = TITLE_LINE_CHARS) -> list[str]:
    """``title`` as lines of at most ``max_chars`` CJK characters, broken at its natural joints and balanced.

    The lines joined give ``title`` back. A title that fits is one line; one that cannot be broken to fit
    (a single word longer than a line) keeps its overlong pieces whole.
    """
    title = title.strip()
    if not title or text_width(title) <= max_chars:
        return [title]
    joints = _joints(agency.strip(), year, title)
    for max_tier in range(5):
        lines = _best(title, joints, max_chars, max_tier)
        if lines is not None:
            return lines
    bounds = [0, *sorted(joints), len(title)]
    widest_piece = max(text_width(title[a:b]) for a, b in itertools.pairwise(bounds))
    return _best(title, joints, max(max_chars, widest_piece), 4) or [title]
