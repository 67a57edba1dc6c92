"""Parts of an .xlsx parsed whole and safely: workbook.xml (sheets, defined names), styles.xml (date formats).

A workbook part and a styles part are remembered by their bytes for the next read: the workbooks a
collecting office receives are made from one template and share them. XML is parsed by lxml without
entities, DTDs or network access, and a part declaring a DTD is refused.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any, Generic, NamedTuple, TypeVar

from lxml import etree

Bounds = tuple[int, int, int, int]  # min_row, min_col, max_row, max_col

WORKBOOK = "xl/workbook.xml"
PROLOG_PEEK = 64 * 1024  # a DTD can only sit before the root element
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
MEMO_PARTS = 8  # workbook and styles parts remembered (by their bytes)
MEMO_PART_SIZE = 256 * 1024  # larger parts are parsed every time
PARSER_OPTIONS: dict[str, Any] = {"resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": False}
_PARSER = etree.XMLParser(remove_comments=True, remove_pis=True, **PARSER_OPTIONS)
DATE_FORMAT_IDS = frozenset({14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47})  # built-in formats that show a date or time
TIMEDELTA_FORMAT_IDS = frozenset({46})
STRIP_FORMAT_RE = re.compile(r'".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]')
DATE_CODE_RE = re.compile(r"(?<![_\\])[dmhysDMHYS]")
TIMEDELTA_RE = re.compile(r"\[hh?\](:mm(:ss(\.0*)?)?)?|\[mm?\](:ss(\.0*)?)?|\[ss?\](\.0*)?", re.I)
NAME_RE = re.compile(r"^(?:'((?:[^']|'')+)'|([^'!:,\s()]+))!\$?([A-Z]{1,3})\$?([0-9]+)(?::\$?([A-Z]{1,3})\$?([0-9]+))?$")

WINDOWS_EPOCH = dt.datetime(1899, 12, 30)
MAC_EPOCH = dt.datetime(1904, 1, 1)
_T = TypeVar("_T")


class UnsafeXML(ValueError):
    """A part declares a DTD (entity expansion is never needed in a workbook)."""


def column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


DTD_MARKERS = tuple(marker.encode(codec) for marker in ("<!DOCTYPE", "<!ENTITY") for codec in ("utf-8", "utf-16-le", "utf-16-be"))


def check_prolog(head: bytes) -> None:
    if b"!" in head and any(marker in head for marker in DTD_MARKERS):  # every marker, in every codec, holds a "!" byte
        raise UnsafeXML("DTD")


class _Workbook(NamedTuple):
    """What ``xl/workbook.xml`` says: namespace, date system, sheets (title, relationship id), global defined names."""

    ns: str
    epoch: dt.datetime
    sheets: tuple[tuple[str, str], ...]
    defined: dict[str, str]
    targets: dict[str, tuple[str, Bounds]]  # the defined names that point at one cell or range, whatever the sheet
    target_sheets: frozenset[str]  # the sheets they point at


class _ParsedOnce(Generic[_T]):
    """A part's parse remembered for the last few small parts: workbooks made from one template share these bytes."""

    def __init__(self, compute: Callable[[bytes], _T]):
        self.compute = compute
        self.remembered = lru_cache(maxsize=MEMO_PARTS)(compute)

    def __call__(self, xml: bytes) -> _T:
        return self.remembered(xml) if len(xml) <= MEMO_PART_SIZE else self.compute(xml)

    def cache_clear(self) -> None:
        self.remembered.cache_clear()


@_ParsedOnce
def workbook_part(xml: bytes) -> _Workbook:
    root = parse_xml(xml)
    ns = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""
    pr = root.find(f"{ns}workbookPr")
    epoch = MAC_EPOCH if pr is not None and pr.get("date1904") in ("1", "true") else WINDOWS_EPOCH
    sheets = tuple(
        (str(sheet.get("name")), sheet.get(f"{REL_NS}id") or "")
        for sheet in root.iterfind(f"{ns}sheets/{ns}sheet")
        if sheet.get("name") is not None
    )
    defined: dict[str, str] = {}  # later ones win, as in openpyxl
    for element in root.iterfind(f"{ns}definedNames/{ns}definedName"):
        name = element.get("name")
        if name is not None and element.get("localSheetId") is None:
            defined[name] = (element.text or "").strip()
    targets = {name: target for name, text in defined.items() if (target := name_target(text)) is not None}
    return _Workbook(ns, epoch, sheets, defined, targets, frozenset(sheet for sheet, _ in targets.values()))


@_ParsedOnce
def worksheet_relationships(xml: bytes) -> tuple[tuple[str, str], ...]:
    """(relationship id, part) of each worksheet the workbook's relationships name (as openpyxl resolves targets)."""
    out = []
    for rel in parse_xml(xml).iterfind(f"{PKG_REL_NS}Relationship"):
        target, kind = rel.get("Target") or "", rel.get("Type") or ""
        if not kind.endswith("/worksheet") or rel.get("TargetMode") == "External":
            continue
        path = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        out.append((rel.get("Id") or "", path))
    return tuple(out)


@_ParsedOnce
def date_styles_part(xml: bytes) -> tuple[frozenset[int], frozenset[int]]:
    """Cell style indexes whose number format shows a date, and those showing a duration."""
    root = parse_xml(xml)
    ns = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""
    dates: set[int] = set()
    durations: set[int] = set()
    custom = {int(f.get("numFmtId") or -1): f.get("formatCode") or "" for f in root.iterfind(f"{ns}numFmts/{ns}numFmt")}
    for index, xf in enumerate(root.iterfind(f"{ns}cellXfs/{ns}xf")):
        fmt_id = int(xf.get("numFmtId") or 0)
        if fmt_id in custom:
            first = custom[fmt_id].split(";")[0]
            is_date = DATE_CODE_RE.search(STRIP_FORMAT_RE.sub("", first)) is not None
            is_duration = TIMEDELTA_RE.search(first) is not None
        else:
            is_date, is_duration = fmt_id in DATE_FORMAT_IDS, fmt_id in TIMEDELTA_FORMAT_IDS
        if is_date:
            dates.add(index)
        if is_duration:
            durations.add(index)
    return frozenset(dates), frozenset(durations)


def parse_xml(xml: bytes) -> Any:
    check_prolog(xml[:PROLOG_PEEK])
    return etree.fromstring(xml, _PARSER)


def clear_memos() -> None:
    """Forget the remembered parts (to measure a first read)."""
    workbook_part.cache_clear()
    worksheet_relationships.cache_clear()
    date_styles_part.cache_clear()
    name_target.cache_clear()


@lru_cache(maxsize=8192)
def name_target(text: str) -> tuple[str, Bounds] | None:
    """The sheet and bounds a defined name's formula points at, when it is one cell or range (workbooks from one
    template share their names, so each text is resolved once)."""
    match = NAME_RE.match(text)
    if match is None:
        return None
    quoted, plain, c1, r1, c2, r2 = match.groups()
    sheet = quoted.replace("''", "'") if quoted is not None else plain
    row, col = int(r1), column_number(c1)
    if not c2:
        return sheet, (row, col, row, col)
    row2, col2 = int(r2), column_number(c2)
    return sheet, (min(row, row2), min(col, col2), max(row, row2), max(col, col2))


def from_excel(value: float, epoch: dt.datetime, *, duration: bool) -> dt.datetime | dt.time | dt.timedelta:
    """An Excel serial as a date and time (a time of day below 1, a duration for duration formats), as openpyxl converts it."""
    if duration:
        td = dt.timedelta(days=value)
        if td.microseconds:
            td = dt.timedelta(seconds=td.total_seconds() // 1, microseconds=round(td.microseconds, -3))
        return td
    day, fraction = divmod(value, 1)
    diff = dt.timedelta(milliseconds=round(fraction * 86400 * 1000))
    if 0 <= value < 1 and diff.days == 0:
        minutes, seconds = divmod(diff.seconds, 60)
        hours, minutes = divmod(minutes, 60)
        return dt.time(hours, minutes, seconds, diff.microseconds)
    if 0 < value < 60 and epoch == WINDOWS_EPOCH:
        day += 1
    return epoch + dt.timedelta(days=day) + diff
