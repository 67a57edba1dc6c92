"""Table rows as printed → cell values: find each row by its label, line its cells up with the declared columns."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from ...codes.published import IMPORT_DUPLICATE_ROW, IMPORT_FORMER_ROW
from ...findings import Finding, Source
from ...formats import FORMATS, TABLE_NAMES, Format, Row
from ...formats.conventions import UNIT_PATTERN
from ...report import NOT_APPLICABLE, Value
from .items import Field
from .labels import Match, label_start, match, norm, row_label_in, run_together_header

MAX_CANDIDATES = 20_000  # ways to line cells up, per row
MAX_JOINT = 50_000  # combinations of ambiguous rows tried against the column rules
UNIT = re.compile(f"({UNIT_PATTERN})$")
NUMBER = re.compile(r"^[-+]?\d+(?:\.\d+)?$")
DASHES = {"-", "—", "——", "－", "--", "―"}
# a row label with its first number run into it: the ruling between the two cells was not drawn (or a PDF writer
# drew it apart from the cell's others), so the number came out in the label's cell and the next cell empty
GLUED_NUMBER = re.compile(r"^(.*[^\d\s.,，])\s*(\d[\d,，]*(?:\.\d+)?)$")


@dataclass(frozen=True)
class Token:
    """One printed value position: a number, a blank, "/", or text that is not a number."""

    kind: str  # num | blank | na | text
    text: str = field(default="", compare=False)
    value: Value | None = None
    unit: str = ""
    source: Source | None = field(default=None, compare=False)


BLANK = Token("blank")
NA: Literal["/"] = "/"
assert NA == NOT_APPLICABLE


def token(f: Field, whole_cell: bool = True) -> Token:
    text = unicodedata.normalize("NFKC", f.text).strip()
    text = re.sub(r"\s+", "", text) if whole_cell else text
    if not text or text in DASHES:
        return Token("blank", f.text, source=f.source)
    if text in ("/", "\\"):
        return Token("na", f.text, NA, source=f.source)
    unit = ""
    found = UNIT.search(text)
    if found and NUMBER.match(text[: found.start()].replace(",", "")):
        unit, text = found.group(1), text[: found.start()]
    text = text.replace(",", "")
    if NUMBER.match(text):
        value: Value = Decimal(text) if "." in text else int(text)
        return Token("num", f.text, value, unit, f.source)
    return Token("text", f.text, source=f.source)


def digits(tok: Token) -> str:
    """The digits a token prints, if it is a plain run of digits (``0000000`` keeps its seven zeros)."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", tok.text))
    return text if tok.kind == "num" and text.isdigit() else ""


def is_value_text(text: str) -> bool:
    return token(Field(text, Source())).kind in ("num", "blank", "na")


@dataclass
class PrintedRow:
    """A row as read: the declared row it is (None for table 4's unlabelled data row), its value tokens, where."""

    table: str
    row: Row | None
    cells: list[str]
    tokens: list[Token]
    source: Source
    label: str = ""
    fuzzy: Match | None = None
    positional: bool = True  # blanks and separators are significant (a grid, tabs, |)


@dataclass
class TableReading:
    """Cells placed, blanks kept apart from zeros, units found, and what could not be placed."""

    cells: dict[str, Value] = field(default_factory=dict)
    blanks: list[str] = field(default_factory=list)
    units: dict[str, str] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    tables: set[str] = field(default_factory=set)
    rows: set[str] = field(default_factory=set)


def describe_row(row: PrintedRow) -> str:
    name = TABLE_NAMES.get(row.table, row.table)
    return f"{name}“{row.row.label}”行" if row.row else f"{name}数据行"


def column_label(fmt: Format, cell: str) -> str:
    """A column as named in a message: ``“自然人”``; table 4 names its group too (``行政复议“结果维持”``)."""
    c = fmt.cells()[cell]
    if c.table == "reviews":
        return f"{c.row.label}“{c.column.label}”"
    return f"“{c.column.label}”"


def cell_name(fmt: Format, cell: str) -> str:
    """A cell as named in a message: ``一、本年新收政府信息公开申请数量“自然人”`` or ``行政复议“结果维持”``."""
    c = fmt.cells()[cell]
    return column_label(fmt, cell) if c.table == "reviews" else f"{c.row.label}{column_label(fmt, cell)}"


# ---------------------------------------------------------------- reading rows


@dataclass
class RowScan:
    kind: str  # row | header | values | other
    match: Match | None = None
    values: list[Field] = field(default_factory=list)


def scan(fields: list[Field], version: str) -> RowScan:
    """Find the row label among a printed row's fields; the fields after it are its values."""
    leaf: tuple[int, Match] | None = None
    header: Match | None = None
    for i, f in enumerate(fields):
        if not f.text.strip() or is_value_text(f.text):
            continue
        m = match(f.text, version)
        if (m is None or not m.exact) and (unglued := glued_number(fields, i, version)) is not None:
            return unglued
        if m is None or not m.exact:
            m = row_label_in(f.text, version) or m or run_together_header(f.text, version)
        if m is None:
            continue
        if m.label.kind == "row":
            leaf = (i, m)
        elif header is None:
            header = m
    if leaf is not None:
        return RowScan("row", leaf[1], fields[leaf[0] + 1 :])
    if header is not None:
        return RowScan("header", header)
    filled = [f for f in fields if f.text.strip()]
    if filled and all(is_value_text(f.text) for f in filled):
        return RowScan("values", None, fields)
    return RowScan("other")


def glued_number(fields: list[Field], i: int, version: str) -> RowScan | None:
    """The row when field ``i`` is a row label exactly, followed by a number, and the field after it is empty: the
    number is that empty cell's."""
    glued = GLUED_NUMBER.match(fields[i].text.strip())
    if glued is None or i + 1 >= len(fields) or fields[i + 1].text.strip():
        return None
    head = match(glued.group(1), version)
    if head is None or not head.exact or head.label.kind != "row":
        return None
    return RowScan("row", head, [Field(glued.group(2), fields[i + 1].source), *fields[i + 2 :]])


def collect(rows: list[tuple[list[Field], Source, bool]], fmt: Format) -> tuple[list[PrintedRow], dict[str, str], list[Finding]]:
    """Printed rows of all three tables, from rows of fields in reading order; units seen in headers."""
    out: list[PrintedRow] = []
    units: dict[str, str] = {}
    findings: list[Finding] = []
    context: str | None = None
    pending: PrintedRow | None = None  # a labelled row whose values may follow on the next line
    sub_table: Row | None = None  # the 表四 row a header named alone (行政复议 / 未经复议直接起诉 / 复议后起诉)
    review_cells = [gc.cell for r in fmt.table("reviews").grid.rows for gc in r if gc.role == "value" and gc.cell]
    seen: set[str] = set()
    for fields, source, positional in labels_then_numbers(join_broken(rows, fmt.version), fmt.version):
        found = scan(fields, fmt.version)
        if found.kind == "header" and found.match:
            context = found.match.label.table
            pending = None
            sub_table = sub_table_of(fields, fmt) or sub_table
            unit_from_header(fields, fmt, units)
            target = former_row(found.match.label.text, fmt) if found.match.label.kind == "group" else None
            values = [f for f in fields if is_value_text(f.text)]
            if target is not None and values and f"{context}.{target.key}" not in seen:
                # a row of the earlier format that this one splits (2019 （六）其他处理 in a 2021 report)
                seen.add(f"{context}.{target.key}")
                cells = [f"{context}.{target.key}.{c.key}" for c in target.columns]
                printed_label = found.match.label.text
                out.append(PrintedRow(context, target, cells, [token(f, positional) for f in values], source, label=printed_label))
                findings.append(
                    IMPORT_FORMER_ROW(cell=cells[0], source=source, table=TABLE_NAMES[context], row=printed_label, target=target.label)
                )
            continue
        if found.kind == "row" and found.match and found.match.label.row:
            label = found.match.label
            row = label.row
            assert row is not None
            context = label.table
            if f"{label.table}.{row.key}" in seen:
                earlier = next((p for p in out if p.table == label.table and p.row is row), None)
                printed_values = [token(f, positional) for f in found.values]
                if earlier is not None and not any(t.kind != "blank" for t in earlier.tokens):
                    # the label repeated above its row (a Markdown heading, a bold line): the row is the one with numbers
                    earlier.tokens, earlier.source, earlier.positional = printed_values, source, positional
                    pending = earlier if not any(t.kind != "blank" for t in printed_values) else None
                    continue
                findings.append(IMPORT_DUPLICATE_ROW(source=source, table=TABLE_NAMES[label.table], row=row.label))
                continue
            seen.add(f"{label.table}.{row.key}")
            cells = [f"{label.table}.{row.key}.{c.key}" for c in row.columns]
            printed = PrintedRow(
                label.table,
                row,
                cells,
                [token(f, positional) for f in found.values],
                source,
                label=" ".join(f.text for f in fields if f.text.strip() and not is_value_text(f.text)),
                fuzzy=None if found.match.exact else found.match,
                positional=positional,
            )
            out.append(printed)
            pending = printed if not any(t.kind != "blank" for t in printed.tokens) else None
            continue
        if found.kind == "values":
            toks = [token(f, positional) for f in found.values]
            if pending is not None:  # the label was broken across lines: its values come on the next one
                pending.tokens = toks
                pending = None
                continue
            fits = sub_table is not None and len(toks) == len(sub_table.columns) and f"reviews.{sub_table.key}" not in seen
            if context == "reviews" and sub_table is not None and fits:
                seen.update((f"reviews.{sub_table.key}", "reviews"))  # 表四 printed as three sub-tables, one row each
                cells = [f"reviews.{sub_table.key}.{c.key}" for c in sub_table.columns]
                out.append(PrintedRow("reviews", sub_table, cells, toks, source, label=sub_table.label, positional=positional))
                sub_table = None
                continue
            if (context == "reviews" or sum(max(len(digits(t)), 1) for t in toks if t.kind != "blank") >= 10) and "reviews" not in seen:
                seen.add("reviews")  # table 4 has one data row
                out.append(PrintedRow("reviews", None, list(review_cells), toks, source, positional=positional))
            continue
        # text that is no label: a label fragment broken off the previous line, a note, a 填报人 line
        tail = fields[1:]
        if pending is not None and tail and not is_value_text(fields[0].text) and all(is_value_text(f.text) for f in tail):
            pending.tokens = [token(f, positional) for f in tail]  # the end of a broken label, then the row's values
            pending = None
    return out, units, findings


def sub_table_of(fields: list[Field], fmt: Format) -> Row | None:
    """The 表四 row whose name a header line prints alone (``行政诉讼（复议后起诉）``): 表四 printed as sub-tables."""
    named = [f for f in fields if f.text.strip()]
    if len(named) != 1:
        return None
    key = norm(named[0].text)
    rows = [r for r in fmt.table("reviews").rows if norm(r.label) in key]
    return rows[0] if len(rows) == 1 else None


def former_row(group: str, fmt: Format) -> Row | None:
    """The row that takes a former version's single row printed under a group label of ``fmt``: the group's last
    row (its catch-all, ``3.其他``), when another declared version prints ``group`` as a data row."""
    if not any(v != fmt.version and any(r.label == group for t in f.tables for r in t.rows) for v, f in FORMATS.items()):
        return None
    rows = [r for t in fmt.tables for r in t.rows if group in r.groups]
    return rows[-1] if rows else None


LABELS_FIRST = 3  # fewer rows are too few to tell labels printed first from rows whose numbers were lost


def labels_then_numbers(rows: list[tuple[list[Field], Source, bool]], version: str) -> list[tuple[list[Field], Source, bool]]:
    """A run of row labels printed first and then as many lines of numbers: each label with its line, in order.

    Only when the count of data-row labels equals the count of number lines that follow them (the first of which a
    loose layout may already have put after the last label); otherwise the rows are left as they are."""
    out = list(rows)
    i = 0
    while i < len(out):
        j = i
        while j < len(out) and label_only(out[j][0]):
            j += 1
        labels = [k for k in range(i, j) if is_data_row(out[k][0][0].text, version)]
        first_values: list[Field] = []
        if j < len(out) and not is_value_text(out[j][0][0].text) and is_data_row(out[j][0][0].text, version):
            first_values = [f for f in out[j][0][1:] if f.text.strip()]  # the last label, with the first line of numbers
            if first_values and all(is_value_text(f.text) for f in first_values):
                labels.append(j)
                j += 1
            else:
                first_values = []
        k = j
        lines = [first_values] if first_values else []
        while k < len(out) and out[k][0] and all(is_value_text(f.text) for f in out[k][0] if f.text.strip()):
            lines.append(out[k][0])
            k += 1
        if len(labels) >= LABELS_FIRST and len(lines) == len(labels):
            for at, values in zip(labels, lines, strict=True):
                fields, source, positional = out[at]
                out[at] = ([fields[0], *values], source, positional)
            del out[j:k]
            i = j
            continue
        if len(labels) >= LABELS_FIRST and len(lines) >= LABELS_FIRST:
            # labels first, but they do not pair with the lines of numbers one to one: read none rather than misplace them
            if first_values:
                fields, source, positional = out[labels[-1]]
                out[labels[-1]] = ([fields[0]], source, positional)
            del out[j:k]
            i = j
            continue
        i = max(j, i + 1)
    return out


def label_only(fields: list[Field]) -> bool:
    return bool(fields) and not is_value_text(fields[0].text) and not any(is_value_text(f.text) for f in fields[1:])


def is_data_row(text: str, version: str) -> bool:
    m = match(text, version) or row_label_in(text, version)
    return m is not None and m.label.kind == "row"


def join_broken(rows: list[tuple[list[Field], Source, bool]], version: str) -> list[tuple[list[Field], Source, bool]]:
    """A row label broken over lines joined back: a line that only starts a label takes the text of the next line
    (and the numbers after it)."""
    out: list[tuple[list[Field], Source, bool]] = []
    for fields, source, positional in rows:
        if out and fields and not is_value_text(fields[0].text):
            last, last_source, last_positional = out[-1]
            if len(last) == 1 and label_start(last[0].text, version):
                joined = last[0].text.strip() + fields[0].text.strip()
                if match(joined, version) is not None or label_start(joined, version):
                    out[-1] = ([Field(joined, last[0].source), *fields[1:]], last_source, positional and last_positional)
                    continue
        out.append((fields, source, positional))
    return out


def unit_from_header(fields: list[Field], fmt: Format, units: dict[str, str]) -> None:
    """A header such as ``采购总金额（万元）`` declares the unit of an amount whose unit the data declares."""
    amount_headers = {
        norm(gc.text): gc.cell
        for t in fmt.tables
        for r in t.grid.rows
        for gc in r
        if gc.role == "header" and gc.cell and fmt.cells()[gc.cell].kind == "amount"
    }
    for f in fields:
        key = norm(f.text)
        for label, cell in amount_headers.items():
            if cell and key.startswith(label):
                found = re.search(f"({UNIT_PATTERN})", key[len(label) :])
                if found:
                    units[cell] = found.group(1)
