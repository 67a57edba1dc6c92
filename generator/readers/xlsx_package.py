"""The parts of an .xlsx read straight from its XML: worksheets, defined names, shared strings, date styles, cell grids.

Values come out as openpyxl's read-only mode gives them (same types and data-type letters), but
only the rows asked for are parsed, and defined names are resolved without a formula tokenizer.
XML is parsed by lxml without entities, DTDs or network access.
"""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from functools import lru_cache
from typing import IO, Any, NamedTuple

from lxml import etree

Grid = dict[tuple[int, int], tuple[Any, str]]  # (row, col) -> (value, openpyxl data type)
Bounds = tuple[int, int, int, int]  # min_row, min_col, max_row, max_col

WORKBOOK = "xl/workbook.xml"
STREAM_FROM = 1024 * 1024  # parts larger than this are parsed as a stream, stopping after the rows needed
PROLOG_PEEK = 64 * 1024  # a DTD can only sit before the root element
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
PARSER_OPTIONS: dict[str, Any] = {"resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": False}
_PARSER = etree.XMLParser(remove_comments=True, remove_pis=True, **PARSER_OPTIONS)
DATE_FORMAT_IDS = frozenset({14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47})  # built-in formats that show a date or time
TIMEDELTA_FORMAT_IDS = frozenset({46})
STRIP_FORMAT_RE = re.compile(r'".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]')
DATE_CODE_RE = re.compile(r"(?<![_\\])[dmhysDMHYS]")
TIMEDELTA_RE = re.compile(r"\[hh?\](:mm(:ss(\.0*)?)?)?|\[mm?\](:ss(\.0*)?)?|\[ss?\](\.0*)?", re.I)
NAME_RE = re.compile(r"^(?:'((?:[^']|'')+)'|([^'!:,\s()]+))!\$?([A-Z]{1,3})\$?([0-9]+)(?::\$?([A-Z]{1,3})\$?([0-9]+))?$")
REF_RE = re.compile(r"([A-Z]{1,3})([0-9]+)")
WINDOWS_EPOCH = dt.datetime(1899, 12, 30)
MAC_EPOCH = dt.datetime(1904, 1, 1)


class UnsafeXML(ValueError):
    """A part declares a DTD (entity expansion is never needed in a workbook)."""


class Formula:
    """An array or data-table formula (openpyxl gives these as objects, not text)."""

    def __init__(self, text: str):
        self.text = text

    def __str__(self) -> str:
        return self.text


def column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


DTD_MARKERS = tuple(marker.encode(codec) for marker in ("<!DOCTYPE", "<!ENTITY") for codec in ("utf-8", "utf-16-le", "utf-16-be"))


def _check_prolog(head: bytes) -> None:
    if any(marker in head for marker in DTD_MARKERS):
        raise UnsafeXML("DTD")


class Package:
    """One workbook's zip: worksheet parts by title, global defined names, and bounded cell grids."""

    def __init__(self, data: bytes):
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        root = self._parse(WORKBOOK)
        ns = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""
        self.ns = ns
        pr = root.find(f"{ns}workbookPr")
        self.epoch = MAC_EPOCH if pr is not None and pr.get("date1904") in ("1", "true") else WINDOWS_EPOCH
        targets = self._worksheet_targets()
        self.paths: dict[str, str] = {}  # worksheet title -> part, in workbook order (chart sheets left out)
        for sheet in root.iterfind(f"{ns}sheets/{ns}sheet"):
            path = targets.get(sheet.get(f"{REL_NS}id") or "")
            if path is not None and sheet.get("name") is not None:
                self.paths[str(sheet.get("name"))] = path
        self.defined: dict[str, str] = {}  # global defined name -> its formula text (later ones win, as in openpyxl)
        for defined in root.iterfind(f"{ns}definedNames/{ns}definedName"):
            name = defined.get("name")
            if name is not None and defined.get("localSheetId") is None:
                self.defined[name] = (defined.text or "").strip()
        self._xml: dict[str, bytes] = {}
        self._strings: list[str] | None = None
        self._styles: tuple[frozenset[int], frozenset[int]] | None = None

    def close(self) -> None:
        self.zip.close()

    # ------------------------------------------------------------ parts

    def _parse(self, part: str, xml: bytes | None = None) -> Any:
        xml = self.zip.read(part) if xml is None else xml
        _check_prolog(xml[:PROLOG_PEEK])
        return etree.fromstring(xml, _PARSER)

    def _has(self, part: str) -> bool:
        try:
            self.zip.getinfo(part)
        except KeyError:
            return False
        return True

    def _worksheet_targets(self) -> dict[str, str]:
        """Relationship id -> worksheet part, from the workbook's relationships (as openpyxl resolves targets)."""
        out: dict[str, str] = {}
        rels = "xl/_rels/workbook.xml.rels"
        if not self._has(rels):
            return out
        for rel in self._parse(rels).iterfind(f"{PKG_REL_NS}Relationship"):
            target, kind = rel.get("Target") or "", rel.get("Type") or ""
            if not kind.endswith("/worksheet") or rel.get("TargetMode") == "External":
                continue
            path = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            if self._has(path):
                out[rel.get("Id") or ""] = path
        return out

    def sheet_names(self) -> list[str]:
        return list(self.paths)

    def sheet_xml(self, sheet: str) -> bytes:
        """A worksheet's XML (kept: merges and cells come from the same bytes)."""
        path = self.paths[sheet]
        if path not in self._xml:
            self._xml[path] = self.zip.read(path)
        return self._xml[path]

    # ------------------------------------------------------------ defined names

    def names(self) -> dict[str, tuple[str, Bounds]]:
        """Defined names pointing at one cell or range of an existing worksheet: name -> (sheet, bounds)."""
        out: dict[str, tuple[str, Bounds]] = {}
        for name, text in self.defined.items():
            target = name_target(text)
            if target is not None and target[0] in self.paths:
                out[name] = target
        return out

    # ------------------------------------------------------------ shared strings and styles

    @property
    def strings(self) -> list[str]:
        if self._strings is None:
            self._strings = []
            part = "xl/sharedStrings.xml"
            if self._has(part):
                root = self._parse(part)
                ns = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""
                self._strings = [_text_of(si, ns).replace("x005F_", "") for si in root.iterfind(f"{ns}si")]
        return self._strings

    @property
    def date_styles(self) -> tuple[frozenset[int], frozenset[int]]:
        """Cell style indexes whose number format shows a date, and those showing a duration."""
        if self._styles is None:
            dates: set[int] = set()
            durations: set[int] = set()
            part = "xl/styles.xml"
            if self._has(part):
                root = self._parse(part)
                ns = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""
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
            self._styles = (frozenset(dates), frozenset(durations))
        return self._styles

    # ------------------------------------------------------------ cells

    def grid(self, sheet: str, rows: int, cols: int, wanted: frozenset[tuple[int, int]] | None = None) -> Grid:
        """The non-empty cells of ``sheet`` within ``rows`` x ``cols``; rows below are never parsed.

        With ``wanted``, only those (row, column) cells are converted: the others are skipped unseen,
        except a shared formula's first cell, which the cells copying it need.
        """
        out: Grid = {}
        shared: dict[str, tuple[str, str]] = {}  # shared formula index -> (formula, master cell)
        tags: _Tags | None = None
        for r, row in self._rows(sheet, rows):
            if tags is None:
                tags = _tags(row.tag[: row.tag.index("}") + 1] if row.tag.startswith("{") else "")
            col = 0
            for cell in row.iterchildren(tags.c):
                ref = cell.get("r")
                col = _column_of(ref) if ref else col + 1
                if col > cols or not len(cell):  # a styled empty cell has no children
                    continue
                if wanted is not None and (r, col) not in wanted:
                    f = cell.find(tags.f)
                    if f is not None and f.get("t") == "shared" and (f.get("si") or "") not in shared:
                        _formula(f, ref or "", shared)
                    continue
                value = self._value(cell, tags, ref or "", shared)
                if value[0] is not None:
                    out[(r, col)] = value
        return out

    def _rows(self, sheet: str, rows: int) -> Iterator[tuple[int, Any]]:
        """(row number, row element) of a sheet, up to ``rows``."""
        path = self.paths[sheet]
        if self.zip.getinfo(path).file_size <= STREAM_FROM:
            root = self._parse(path, self.sheet_xml(sheet))
            ns = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""
            yield from _numbered(root.iterfind(f"{ns}sheetData/{ns}row"), rows)
            return
        with self.zip.open(path) as stream:
            head = stream.read(PROLOG_PEEK)
            _check_prolog(head)
            source = _Joined(head, stream)
            events = etree.iterparse(source, events=("end",), tag="{*}row", remove_comments=True, remove_pis=True, **PARSER_OPTIONS)
            yield from _numbered(_streamed_rows(events), rows)

    def _value(self, cell: Any, tags: _Tags, ref: str, shared: dict[str, tuple[str, str]]) -> tuple[Any, str]:
        kind = cell.get("t", "n")
        f = cell.find(tags.f)
        if f is not None:
            return _formula(f, ref, shared), "f"
        if kind == "inlineStr":
            inline = cell.find(tags.inline)
            return (None, kind) if inline is None else (_text_of(inline, tags.ns), "s")
        text = cell.findtext(tags.v)
        if not text:
            return None, kind
        if kind == "n":
            number: int | float = float(text) if ("." in text or "E" in text or "e" in text) else int(text)
            style = cell.get("s")
            index = int(style) if style else 0
            if index:
                dates, durations = self.date_styles
                if index in dates:
                    try:
                        return from_excel(number, self.epoch, duration=index in durations), "d"
                    except (OverflowError, ValueError):
                        return "#VALUE!", "e"
            return number, "n"
        if kind == "s":
            return self.strings[int(text)], "s"
        if kind == "b":
            return bool(int(text)), "b"
        if kind == "str":
            return text, "s"
        if kind == "d":
            return dt.datetime.fromisoformat(text.rstrip("Z")), "d"
        return text, kind


class _Tags(NamedTuple):
    """The qualified tag names of a sheet's cells, for the sheet's namespace."""

    ns: str
    c: str
    f: str
    v: str
    inline: str


@lru_cache(maxsize=16)
def _tags(ns: str) -> _Tags:
    return _Tags(ns, f"{ns}c", f"{ns}f", f"{ns}v", f"{ns}is")


@lru_cache(maxsize=8192)
def name_target(text: str) -> tuple[str, Bounds] | None:
    """The sheet and bounds a defined name's formula points at, when it is one cell or range (workbooks from one
    template share their names, so each text is resolved once)."""
    match = NAME_RE.match(text)
    if match is None:
        return None
    quoted, plain, c1, r1, c2, r2 = match.groups()
    sheet = quoted.replace("''", "'") if quoted is not None else plain
    first = (int(r1), column_number(c1))
    last = (int(r2), column_number(c2)) if c2 else first
    return sheet, (min(first[0], last[0]), min(first[1], last[1]), max(first[0], last[0]), max(first[1], last[1]))


_COLUMNS: dict[str, int] = {}


def _column_of(ref: str) -> int:
    """The column number of a cell reference such as ``D6`` (0 when it is not one)."""
    letters = ref.rstrip("0123456789")
    number = _COLUMNS.get(letters)
    if number is None:
        ok = letters.isascii() and letters.isalpha() and len(letters) <= 3
        number = column_number(letters.upper()) if ok else 0
        if len(_COLUMNS) < 20000:
            _COLUMNS[letters] = number
    return number


def _numbered(rows: Iterator[Any], limit: int) -> Iterator[tuple[int, Any]]:
    number = 0
    for row in rows:
        given = row.get("r")
        number = int(given) if given else number + 1
        if number > limit:
            return
        yield number, row


def _streamed_rows(events: Any) -> Iterator[Any]:
    for _, element in events:
        yield element
        element.clear()
        parent = element.getparent()
        while parent is not None and element.getprevious() is not None:
            del parent[0]


class _Joined(io.RawIOBase):
    """The bytes already peeked at, then the rest of the stream."""

    def __init__(self, head: bytes, rest: IO[bytes]):
        self.head = head
        self.rest = rest

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        if self.head:
            chunk, self.head = self.head, b""
            return chunk
        return self.rest.read(size if size and size > 0 else 1 << 16)


def _text_of(node: Any, ns: str) -> str:
    """A string item's text: its plain part and its formatted runs, phonetic hints left out."""
    parts = []
    for child in node:
        if child.tag == f"{ns}t":
            parts.append(child.text or "")
        elif child.tag == f"{ns}r":
            run = child.find(f"{ns}t")
            if run is not None:
                parts.append(run.text or "")
    return "".join(parts)


def _formula(f: Any, ref: str, shared: dict[str, tuple[str, str]]) -> Any:
    text = "=" + (f.text or "")
    kind = f.get("t")
    if kind == "array":
        return Formula(text)
    if kind == "dataTable":
        return Formula(text)
    if kind == "shared":
        index = f.get("si") or ""
        if index in shared:
            formula, origin = shared[index]
            from openpyxl.formula.translate import Translator  # rare: a copied formula written once for many cells

            return Translator(formula, origin).translate_formula(ref)
        if text != "=":
            shared[index] = (text, ref)
    return text


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
