"""A published report's title, rejoined when it was printed over two or three lines, and the agency and year it names.

Typesetters break a long title after the agency, after the year, inside the report name (``…工作`` / ``年度报告``) or
inside a long agency name (after ``人民政府``, ``办公室``, a place); the lines may be centred with spaces. Walking back
from the line that ends in ``报告``, a line before is taken as part of the title only when it supplies what the title
still lacks (the year, the agency, the start of the report name) or continues an agency broken at one of its joints, so
a site banner or a 发布日期 line above a complete title is left out.
"""

from __future__ import annotations

import re

from ...title import AGENCY_SUFFIX_JOINT, OTHER_REPORT_NAMES, PLACE_SUFFIX, PLACE_WORDS, REPORT_NAME
from .items import Line
from .narrative import AGENCY_END, MARKER, chinese_number, clean, is_contact, parse_date

YEAR = r"(?:19|20)\d\d|[〇零一二三四五六七八九]{4}"
TITLE = re.compile(rf"^(?P<agency>.*?)(?P<year>{YEAR})年度?")
TITLE_YEAR_END = re.compile(rf"(?:{YEAR})年度?$")
BARE_TITLE = re.compile(r"^(?P<agency>.+?)(?:政府信息公开|信息公开|政务公开)")
NAME_START = re.compile(r"政府信息公开|政务公开|信息公开")
LABELLED = re.compile(r"^[^:：]{1,8}[:：]")  # 发布日期：… / 来源：… / 当前位置：… (page furniture)
NAVIGATION = re.compile(r"[>＞»›]")  # 首页 > 政务公开 > 年度报告
SENTENCE = re.compile(r"[。，；！？、,;!?]")
JOINT_END = re.compile(rf"(?:{AGENCY_SUFFIX_JOINT.pattern})$")
PLACE_END = re.compile(rf"(?:{PLACE_SUFFIX.pattern})$")
FRAGMENT_CHARS = 30  # a title line of 二号 type holds about 18 characters; a wider page, a few more
SEARCHED = 10  # the title is among the first filled lines
MAX_TITLE_CHARS = 60
MAX_LINES = 4  # a very long agency over two lines, the year, the report name


PAGE_PREFIX = re.compile(r"^(?:page|p\.?)\d+[-–—－:：]", re.IGNORECASE)  # Page 8 - … of a PDF page viewer's running title
INTERPRETATION = "解读"


def squeeze(text: str) -> str:
    """A title line without layout: indentation, Markdown marks, centring, letter spacing, a page viewer's ``Page 8 -``."""
    return PAGE_PREFIX.sub("", re.sub(r"\s+", "", clean(text)))


def fragment(text: str) -> bool:
    """A line that may be one line of a title: short, no sentence, no ``label：``, not a heading, date or contact."""
    return (
        0 < len(text) <= FRAGMENT_CHARS
        and "报告" not in text
        and not SENTENCE.search(text)
        and not furniture(text)
        and not MARKER.match(text)
        and parse_date(text) is None
        and not is_contact(text)
    )


def furniture(text: str) -> bool:
    """A page's own line: ``发布日期：…``, ``当前位置：…``, a trail of links ``首页 > 政务公开 > …``."""
    return bool(LABELLED.match(text) or NAVIGATION.search(text))


def agency_end(text: str) -> bool:
    """Ends like an agency (``…局``, ``…办``, ``…街道``) or a place whose government reports (``某某县``)."""
    return bool(AGENCY_END.search(text) or PLACE_END.search(text))


def agency_head(title: str) -> str:
    """What the title prints before its year (or, without a year, before its report name): the agency, maybe partly."""
    if m := TITLE.match(title):
        return m.group("agency")
    if m := NAME_START.search(title):
        return title[: m.start()]
    return title


def first_place(text: str) -> str:
    """The leading place of an agency name (``宁波市`` of ``宁波市人民政府``), or ``""``."""
    for m in PLACE_SUFFIX.finditer(text):
        if m.start() >= 1 and not text.startswith(PLACE_WORDS, m.start()):
            return text[: m.end()]
    return ""


def continues(before: str, head: str) -> bool:
    """``before`` is the first part of an agency name that ``head`` goes on with (broken after 人民政府, a place …).

    A banner naming a whole agency above a title that names its own (``宁波市人民政府`` over ``宁波市…局``) is not."""
    at_joint = bool(JOINT_END.search(before))
    if place := PLACE_END.search(before):
        at_joint = at_joint or not (before + head).startswith(PLACE_WORDS, place.start())
    place_before = first_place(before)
    return at_joint and not (place_before and head.startswith(place_before))


def joins(before: str, title: str) -> bool:
    """Whether the line ``before`` is the line above ``title`` in one title printed over several lines."""
    if not fragment(before):
        return False
    if not any(name in title for name in (REPORT_NAME, *OTHER_REPORT_NAMES)) and not NAME_START.search(title):
        return bool(NAME_START.search(before))  # the report name itself broken: …政府信息公开工作 / 年度报告
    head = agency_head(title)
    if head:
        return continues(before, head)
    if TITLE.match(title):  # starts with the year: the agency is on the line above
        return agency_end(before) and not TITLE_YEAR_END.search(before)
    return bool(TITLE_YEAR_END.search(before) or agency_end(before))


def title_lines(lines: list[Line]) -> tuple[str | None, list[Line]]:
    """The title (rejoined when printed over several lines) among the lines before part 一, and the preface lines after it."""
    filled = [i for i, line in enumerate(lines) if clean(line.text)]
    for n, i in enumerate(filled[:SEARCHED]):
        title = squeeze(lines[i].text)
        if "报告" not in title or len(title) > MAX_TITLE_CHARS or "。" in title or furniture(title):
            continue
        for back in range(n - 1, max(n - MAX_LINES, -1), -1):
            before = squeeze(lines[filled[back]].text)
            if len(before) + len(title) > MAX_TITLE_CHARS or not joins(before, title):
                break
            title = before + title
        title, used = below(title, [lines[k] for k in filled[n + 1 : n + 3]])
        rest = filled[n + used] + 1 if used else i + 1
        return title, lines[rest:]
    return None, lines


YEAR_LINE = re.compile(rf"^[（(]?(?P<year>{YEAR})年度?[)）]?$")


def below(title: str, after: list[Line]) -> tuple[str, int]:
    """A title that names no agency, completed by the agency (and a ``（2024年度）`` line) printed under it; the lines used."""
    if agency_head(title):
        return title, 0
    agency = year = ""
    used = 0
    for line in after:
        text = squeeze(line.text)
        if not agency and fragment(text) and agency_end(text) and not TITLE_YEAR_END.search(text):
            agency, used = text, used + 1
        elif not year and (m := YEAR_LINE.match(text)) and not TITLE.match(title):
            year, used = m.group("year") + "年", used + 1
        else:
            break
    if not agency:
        return title, 0
    return agency + year + title, used


def interpretation(lines: list[Line]) -> str | None:
    """The line naming the document a 解读 of a report (``文字解读：…年度报告``, ``关于…年度报告的解读``), or None."""
    filled = [squeeze(line.text) for line in lines if clean(line.text)]
    for text in filled[:SEARCHED]:
        if INTERPRETATION in text and "报告" in text and len(text) <= MAX_TITLE_CHARS + 10:
            return text
    return None


def report_title(lines: list[Line]) -> str | None:
    """A line among the first that names the document a report (a PDF page's running title), or None."""
    title, _ = title_lines(lines)
    if title and any(name in title for name in (REPORT_NAME, *OTHER_REPORT_NAMES)) and INTERPRETATION not in title:
        return title
    return None


def title_facts(title: str | None) -> tuple[str | None, int | None]:
    """Agency and year from ``<agency><year>年政府信息公开工作年度报告``."""
    if not title:
        return None, None
    if m := TITLE.match(title):
        agency = m.group("agency")
        if not agency and (name := NAME_START.search(title, m.end())):  # the year first: 2023年某某局政府信息公开…
            agency = title[m.end() : name.start()]
        return (agency or None), chinese_number(m.group("year"))
    if (m := BARE_TITLE.match(title)) and not NAME_START.match(title):  # a title that starts with the report name names no agency
        return m.group("agency"), None
    return None, None
