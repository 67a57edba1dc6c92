"""The parts of an .xlsx read straight from its XML: worksheets, defined names, shared strings, date styles, cell grids.

Values come out as openpyxl's read-only mode gives them (same types and data-type letters), but
only the rows asked for are parsed, and defined names are resolved without a formula tokenizer.
XML is parsed by lxml without entities, DTDs or network access.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from functools import lru_cache
from typing import IO, Any, NamedTuple

from lxml import etree

from .xlsx_parts import (
    PARSER_OPTIONS,
    PROLOG_PEEK,
    WINDOWS_EPOCH,
    WORKBOOK,
    Bounds,
    UnsafeXML,
    check_prolog,
    column_number,
    date_styles_part,
    from_excel,
    parse_xml,
    workbook_part,
    worksheet_relationships,
)

__all__ = ["WINDOWS_EPOCH", "Bounds", "Formula", "Grid", "Package", "UnsafeXML", "column_number", "from_excel"]

Grid = dict[tuple[int, int], tuple[Any, str]]  # (row, col) -> (value, openpyxl data type)

STREAM_FROM = 1024 * 1024  # parts larger than this are parsed as a stream, stopping after the rows needed
REF_RE = re.compile(r"([A-Z]{1,3})([0-9]+)")


class Formula:
    """An array or data-table formula (openpyxl gives these as objects, not text)."""

    def __init__(self, text: str):
        self.text = text

    def __str__(self) -> str:
        return self.text


class Package:
    """One workbook's zip: worksheet parts by title, global defined names, and bounded cell grids."""

    def __init__(self, data: bytes, opened: zipfile.ZipFile | None = None):
        self.zip = opened if opened is not None else zipfile.ZipFile(io.BytesIO(data))
        self.data = memoryview(data)
        book = workbook_part(self.read(WORKBOOK))
        self.ns = book.ns
        self.epoch = book.epoch
        targets = self._worksheet_targets()
        self.paths: dict[str, str] = {}  # worksheet title -> part, in workbook order (chart sheets left out)
        for name, rel_id in book.sheets:
            path = targets.get(rel_id)
            if path is not None:
                self.paths[name] = path
        self.defined = book.defined  # global defined name -> its formula text (shared between reads: never changed)
        self._targets = book.targets
        self._target_sheets = book.target_sheets
        self._xml: dict[str, bytes] = {}
        self._strings: list[str] | None = None
        self._styles: tuple[frozenset[int], frozenset[int]] | None = None

    def close(self) -> None:
        self.zip.close()

    # ------------------------------------------------------------ parts

    def _parse(self, part: str, xml: bytes | None = None) -> Any:
        return parse_xml(self.read(part) if xml is None else xml)

    def read(self, part: str) -> bytes:
        """A part's bytes, as zipfile reads (or refuses) them."""
        return self.zip.read(part)

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
        for rel_id, path in worksheet_relationships(self.read(rels)):
            if self._has(path):
                out[rel_id] = path
        return out

    def sheet_names(self) -> list[str]:
        return list(self.paths)

    def sheet_xml(self, sheet: str) -> bytes:
        """A worksheet's XML (kept: merges and cells come from the same bytes)."""
        path = self.paths[sheet]
        if path not in self._xml:
            self._xml[path] = self.read(path)
        return self._xml[path]

    # ------------------------------------------------------------ defined names

    def names(self) -> dict[str, tuple[str, Bounds]]:
        """Defined names pointing at one cell or range of an existing worksheet: name -> (sheet, bounds)."""
        if self._target_sheets <= self.paths.keys():
            return dict(self._targets)
        return {name: target for name, target in self._targets.items() if target[0] in self.paths}

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
            part = "xl/styles.xml"
            self._styles = date_styles_part(self.read(part)) if self._has(part) else (frozenset(), frozenset())
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
        rows_of, shares = self._rows(sheet, rows)
        for r, row in rows_of:
            if tags is None:
                tags = _tags(row.tag[: row.tag.index("}") + 1] if row.tag.startswith("{") else "")
            col = 0
            for cell in row.iterchildren(tags.c):
                ref = cell.get("r")
                col = _column_of(ref) if ref else col + 1
                if col > cols:
                    continue
                if wanted is not None and (r, col) not in wanted:
                    if shares:
                        f = _parts_of(cell, tags)[0]
                        if f is not None and f.get("t") == "shared" and (f.get("si") or "") not in shared:
                            _formula(f, ref or "", shared)
                    continue
                if not len(cell):  # a styled empty cell has no children
                    continue
                value = self._value(cell, _parts_of(cell, tags), tags, ref or "", shared)
                if value[0] is not None:
                    out[(r, col)] = value
        return out

    def _rows(self, sheet: str, rows: int) -> tuple[Iterator[tuple[int, Any]], bool]:
        """(row number, row element) of a sheet up to ``rows``, and whether it may hold shared formulas."""
        path = self.paths[sheet]
        if self.zip.getinfo(path).file_size <= STREAM_FROM:
            root = self._parse(path, self.sheet_xml(sheet))
            ns = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""
            shares = any(f.get("t") == "shared" for f in root.iter(f"{ns}f"))
            return _numbered(root.iterfind(f"{ns}sheetData/{ns}row"), rows, in_order=False), shares
        return self._streamed(path, rows), True

    def _streamed(self, path: str, rows: int) -> Iterator[tuple[int, Any]]:
        with self.zip.open(path) as stream:
            head = stream.read(PROLOG_PEEK)
            check_prolog(head)
            source = _Joined(head, stream)
            events = etree.iterparse(source, events=("end",), tag="{*}row", remove_comments=True, remove_pis=True, **PARSER_OPTIONS)
            yield from _numbered(_streamed_rows(events), rows, in_order=True)

    def _value(self, cell: Any, parts: tuple[Any, Any, Any], tags: _Tags, ref: str, shared: dict[str, tuple[str, str]]) -> tuple[Any, str]:
        kind = cell.get("t", "n")
        f, v, inline = parts
        if f is not None:
            return _formula(f, ref, shared), "f"
        if kind == "inlineStr":
            return (None, kind) if inline is None else (_text_of(inline, tags.ns), "s")
        text = None if v is None else v.text
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


def _parts_of(cell: Any, tags: _Tags) -> tuple[Any, Any, Any]:
    """A cell's first formula, value and inline string children (one pass: lxml's find is slow for this)."""
    if len(cell) == 1:  # the usual cell: a value or an inline string
        child = cell[0]
        tag = child.tag
        return (
            (child, None, None)
            if tag == tags.f
            else (None, child, None)
            if tag == tags.v
            else (None, None, child)
            if tag == tags.inline
            else (None, None, None)
        )
    f = v = inline = None
    for child in cell:
        tag = child.tag
        if tag == tags.v:
            if v is None:
                v = child
        elif tag == tags.f:
            if f is None:
                f = child
        elif tag == tags.inline and inline is None:
            inline = child
    return f, v, inline


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


@lru_cache(maxsize=50000)  # a template's cell references recur in every workbook
def _column_of(ref: str) -> int:
    """The column number of a cell reference such as ``D6`` (0 when it is not one)."""
    letters = ref.rstrip("0123456789")
    ok = letters.isascii() and letters.isalpha() and len(letters) <= 3
    return column_number(letters.upper()) if ok else 0


def _numbered(rows: Iterator[Any], limit: int, *, in_order: bool) -> Iterator[tuple[int, Any]]:
    """Rows numbered up to ``limit``; past it, stop when rows come ``in_order`` (a stream), else skip the row."""
    number = 0
    for row in rows:
        given = row.get("r")
        number = int(given) if given else number + 1
        if number > limit:
            if in_order:
                return
            continue
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
