"""Table rows as printed → cell values: find each row by its label, line its cells up with the declared columns."""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from ...codes.audit import IMPORT_SPLIT_NARRATIVE
from ...findings import Finding, Source
from ...formats import Format, Row, SumRule
from ...report import NOT_APPLICABLE, Value
from .hints import settle
from .items import Field
from .labels import Match, match, norm, row_label_in, run_together_header
from .split import TooMany, splits

MAX_CANDIDATES = 20_000  # ways to line cells up, per row
MAX_JOINT = 50_000  # combinations of ambiguous rows tried against the column rules
UNIT = re.compile(r"(万元|元)$")
NUMBER = re.compile(r"^[-+]?\d+(?:\.\d+)?$")
DASHES = {"-", "—", "——", "－", "--", "―"}
TABLE_NAMES = {"proactive": "表二", "applications": "表三", "reviews": "表四"}


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


def collect(rows: list[tuple[list[Field], Source, bool]], fmt: Format) -> tuple[list[PrintedRow], dict[str, str], list[Finding]]:
    """Printed rows of all three tables, from rows of fields in reading order; units seen in headers."""
    out: list[PrintedRow] = []
    units: dict[str, str] = {}
    findings: list[Finding] = []
    context: str | None = None
    pending: PrintedRow | None = None  # a labelled row whose values may follow on the next line
    review_cells = [gc.cell for r in fmt.table("reviews").grid.rows for gc in r if gc.role == "value" and gc.cell]
    seen: set[str] = set()
    for fields, source, positional in rows:
        found = scan(fields, fmt.version)
        if found.kind == "header" and found.match:
            context = found.match.label.table
            pending = None
            unit_from_header(fields, fmt, units)
            continue
        if found.kind == "row" and found.match and found.match.label.row:
            label = found.match.label
            row = label.row
            assert row is not None
            context = label.table
            if f"{label.table}.{row.key}" in seen:
                findings.append(
                    Finding(
                        code="IMPORT-DUPLICATE-ROW",
                        severity="warning",
                        message=f"{TABLE_NAMES[label.table]}“{row.label}”行出现了不止一次，只读取第一次出现的数值",
                        source=source,
                    )
                )
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
            if (context == "reviews" or sum(max(len(digits(t)), 1) for t in toks if t.kind != "blank") >= 10) and "reviews" not in seen:
                seen.add("reviews")  # table 4 has one data row
                out.append(PrintedRow("reviews", None, list(review_cells), toks, source, positional=positional))
            continue
        # text that is no label: a label fragment broken off the previous line, a note, a 填报人 line
    return out, units, findings


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
                found = re.search(r"(万元|元)", key[len(label) :])
                if found:
                    units[cell] = found.group(1)


# ---------------------------------------------------------------- lining cells up


def numbers(assignment: dict[str, Token], cells: tuple[str, ...]) -> list[Decimal] | None:
    out: list[Decimal] = []
    for cell in cells:
        tok = assignment.get(cell)
        if tok is None or tok.kind == "text":
            return None
        value = tok.value
        out.append(Decimal(value) if tok.kind == "num" and value is not None and not isinstance(value, str) else Decimal(0))
    return out


def holds(rule: SumRule, assignment: dict[str, Token]) -> bool | None:
    """Whether a sum rule holds for the cells assigned so far (blank and "/" count as 0); None if it cannot be checked."""
    left = numbers(assignment, rule.left)
    right = numbers(assignment, rule.right)
    if left is None or right is None:
        return None
    a = sum(left, Decimal(0))
    b = sum(right, Decimal(0))
    return a <= b if rule.relation == "<=" else a == b


def row_rules(fmt: Format, cells: list[str]) -> list[SumRule]:
    mine = set(cells)
    return [r for r in fmt.rules if set(r.left) | set(r.right) <= mine]


@dataclass
class Candidates:
    """The ways a printed row can be lined up with its columns, and how they were found."""

    options: list[tuple[Token, ...]]
    how: str  # exact | removed | inserted | split | none
    removed: int = 0  # printed positions dropped
    digits: str = ""


def line_up(row: PrintedRow, fmt: Format) -> Candidates:
    n = len(row.cells)
    toks = list(row.tokens)
    if not row.positional:
        toks = [t for t in toks if t.kind != "blank"]
    stripped = list(toks)
    while stripped and stripped[-1].kind == "blank":
        stripped.pop()
    if len(stripped) == n:
        return Candidates([tuple(stripped)], "exact")
    if len(stripped) > n:
        return remove(stripped, n)
    if len(toks) >= n:
        return remove(toks, n)
    filled = [t for t in stripped if t.kind != "blank"]
    pieces = [digits(t) for t in filled]
    run_together = filled and len(filled) == len(stripped) and all(pieces)
    if run_together and sum(len(p) for p in pieces) >= n and any(len(p) > 1 for p in pieces):
        return split_row(row, pieces, fmt)
    return insert(stripped, n)


def digits(tok: Token) -> str:
    """The digits a token prints, if it is a plain run of digits (``0000000`` keeps its seven zeros)."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", tok.text))
    return text if tok.kind == "num" and text.isdigit() else ""


def remove(toks: list[Token], n: int) -> Candidates:
    excess = len(toks) - n
    blanks = [i for i, t in enumerate(toks) if t.kind == "blank"]
    others = [i for i, t in enumerate(toks) if t.kind != "blank"]
    if len(blanks) >= excess:
        pool, forced = blanks, []
    else:
        pool, forced, excess = others, blanks, excess - len(blanks)
    if math.comb(len(pool), excess) > MAX_CANDIDATES:
        return Candidates([], "none")
    options = []
    for drop in itertools.combinations(pool, excess):
        gone = set(drop) | set(forced)
        options.append(tuple(t for i, t in enumerate(toks) if i not in gone))
    return Candidates(list(dict.fromkeys(options)), "removed", removed=len(toks) - n)


def insert(toks: list[Token], n: int) -> Candidates:
    missing = n - len(toks)
    if math.comb(n, missing) > MAX_CANDIDATES:
        return Candidates([], "none")
    options = []
    for where in itertools.combinations(range(n), missing):
        it = iter(toks)
        options.append(tuple(BLANK if i in where else next(it) for i in range(n)))
    return Candidates(list(dict.fromkeys(options)), "inserted")


def split_row(row: PrintedRow, pieces: list[str], fmt: Format) -> Candidates:
    rules = row_rules(fmt, row.cells)
    index = {cell: i for i, cell in enumerate(row.cells)}
    checks: dict[int, list[SumRule]] = {}
    for rule in rules:
        last = max(index[c] for c in (*rule.left, *rule.right)) + 1
        checks.setdefault(last, []).append(rule)
    source = row.tokens[0].source if row.tokens else row.source

    def accept(parts: list[int]) -> bool:
        assignment = {row.cells[i]: Token("num", str(v), v) for i, v in enumerate(parts)}
        return all(holds(rule, assignment) is not False for rule in checks.get(len(parts), []))

    try:
        found = splits(pieces, len(row.cells), accept, sorted(checks))
    except TooMany:
        found = []
        return Candidates([], "split", digits="".join(pieces))
    options = [tuple(Token("num", str(v), v, source=source) for v in parts) for parts in found]
    if len(options) > 1:
        # the plausibility rules (e.g. 本年新公开数量 ≤ 对外公开总数量) settle a split only when exactly one way passes them
        soft = [r for r in fmt.soft_rules if set(r.left) | set(r.right) <= set(row.cells)]
        plausible = [o for o in options if all(holds(r, assignment_of(row, o)) is not False for r in soft)]
        if soft and len(plausible) == 1:
            options = plausible
    return Candidates(options, "split", digits="".join(pieces))


def assignment_of(row: PrintedRow, option: tuple[Token, ...]) -> dict[str, Token]:
    return dict(zip(row.cells, option, strict=True))


def totals_first(row: PrintedRow, options: list[tuple[Token, ...]], fmt: Format) -> tuple[Token, ...] | None:
    """Among ways to line up, the only one putting the most printed numbers in total columns (reports that fill totals only)."""
    cells = fmt.cells()

    def score(option: tuple[Token, ...]) -> int:
        return sum(1 for c, t in zip(row.cells, option, strict=True) if t.kind != "blank" and cells[c].total)

    best = max(score(o) for o in options)
    top = [o for o in options if score(o) == best]
    return top[0] if len(top) == 1 else None


def read_rows(printed: list[PrintedRow], fmt: Format, units: dict[str, str], narrative: str = "") -> TableReading:
    """Place every printed row's cells: unique line-ups directly, the rest jointly by the sum rules, never by a silent guess."""
    out = TableReading(units=dict(units))
    choices: dict[int, Candidates] = {}
    for i, row in enumerate(printed):
        out.tables.add(row.table)
        if row.row is not None:
            out.rows.add(f"{row.table}.{row.row.key}")
        else:
            out.rows.update(f"reviews.{r.key}" for r in fmt.table("reviews").rows)
        cands = line_up(row, fmt)
        if len(cands.options) > 1 and cands.how != "split":
            # several ways to line up: keep those the row's own sum rules allow (all of them if none does:
            # a published inconsistency is imported as printed and reported by the checks, not repaired here)
            rules = row_rules(fmt, row.cells)
            kept = [o for o in cands.options if all(holds(r, assignment_of(row, o)) is not False for r in rules)]
            cands = Candidates(kept or cands.options, cands.how, cands.removed, cands.digits)
        if cands.how == "split" and len(cands.options) > 1 and row.row is not None and not row_rules(fmt, row.cells):
            cands = narrative_split(row, cands, narrative, out)
        choices[i] = cands
        if row.fuzzy is not None:
            out.findings.append(
                Finding(
                    code="IMPORT-LABEL-FUZZY",
                    severity="warning",
                    message=f"行标签“{row.label}”与标准表格不完全一致，按“{row.fuzzy.label.text}”读取",
                    cell=row.cells[0],
                    source=row.source,
                )
            )

    fixed: dict[str, Token] = {}
    for i, cands in choices.items():
        if len(cands.options) == 1:
            fixed.update(assignment_of(printed[i], cands.options[0]))
    joint = resolve_jointly(printed, choices, fixed, fmt)
    for i, row in enumerate(printed):
        cands = choices[i]
        chosen = joint.get(i)
        if chosen is not None and len(cands.options) > 1:
            cands = Candidates([chosen], cands.how, cands.removed, cands.digits)
        place(row, cands, fmt, out, jointly=chosen is not None and len(choices[i].options) > 1)
    return out


def narrative_split(row: PrintedRow, cands: Candidates, narrative: str, out: TableReading) -> Candidates:
    """A row without sum rules split the one way that includes every number the narrative states about it (said, never silent)."""
    assert row.row is not None
    found = settle(row.row.label, [[t.text for t in o] for o in cands.options], narrative)
    if found is None:
        return cands
    index, sentence = found
    option = cands.options[index]
    values = "、".join(t.text for t in option)
    out.findings.append(
        IMPORT_SPLIT_NARRATIVE(
            cell=row.cells[0], source=row.source, where=describe_row(row), digits=cands.digits, sentence=sentence[:60], values=values
        )
    )
    return Candidates([option], "narrative", digits=cands.digits)


def resolve_jointly(
    printed: list[PrintedRow], choices: dict[int, Candidates], fixed: dict[str, Token], fmt: Format
) -> dict[int, tuple[Token, ...]]:
    """Rows with several possible line-ups: the combinations that satisfy every rule across rows; a row is settled when all agree."""
    open_rows = [i for i, c in choices.items() if len(c.options) > 1]
    if not open_rows:
        return {}
    total = math.prod(len(choices[i].options) for i in open_rows)
    if total > MAX_JOINT:
        return {}
    open_cells = {cell for i in open_rows for cell in printed[i].cells}
    rules = [r for r in fmt.rules if (set(r.left) | set(r.right)) & open_cells]
    survivors: list[tuple[tuple[Token, ...], ...]] = []
    for combo in itertools.product(*(choices[i].options for i in open_rows)):
        assignment = dict(fixed)
        for i, option in zip(open_rows, combo, strict=True):
            assignment.update(assignment_of(printed[i], option))
        if all(holds(rule, assignment) is not False for rule in rules):
            survivors.append(combo)
    out: dict[int, tuple[Token, ...]] = {}
    for k, i in enumerate(open_rows):
        distinct = {combo[k] for combo in survivors}
        if len(distinct) == 1:
            out[i] = distinct.pop()
    return out


def place(row: PrintedRow, cands: Candidates, fmt: Format, out: TableReading, *, jointly: bool) -> None:
    where = describe_row(row)
    options = cands.options
    if cands.how == "split":
        if len(options) == 1:
            values = "、".join(t.text for t in options[0])
            rules = "本行和其他行的" if jointly else ""
            out.findings.append(
                Finding(
                    code="IMPORT-SPLIT",
                    severity="warning",
                    message=f"{where}的数字连在一起（{cands.digits}），根据{rules}勾稽关系拆分为：{values}，请核对",
                    cell=row.cells[0],
                    source=row.source,
                )
            )
        else:
            code = "IMPORT-SPLIT-NONE" if not options else "IMPORT-SPLIT-AMBIGUOUS"
            if not options:
                why = "没有一种拆分符合勾稽关系"
            elif row_rules(fmt, row.cells) or any(set(r.left) & set(row.cells) for r in fmt.rules):
                why = f"有 {len(options)} 种拆分都符合勾稽关系，无法确定"
            else:
                why = f"有 {len(options)} 种拆分方式，且该行没有勾稽关系可以确定"
            out.findings.append(
                Finding(
                    code=code,
                    severity="warning",
                    message=f"{where}的数字连在一起（{cands.digits}），{why}，该行未导入",
                    cell=row.cells[0],
                    source=row.source,
                    related=tuple(row.cells),
                )
            )
            return
    elif len(options) > 1 and row.positional:  # printed blank positions: reports that fill in totals only
        chosen = totals_first(row, options, fmt)
        if chosen is not None:
            out.findings.append(
                Finding(
                    code="IMPORT-ALIGN",
                    severity="warning",
                    message=f"{where}印出的单元格数与表格列数不符，按数字落在“总计”列对齐读取，请核对",
                    cell=row.cells[0],
                    source=row.source,
                )
            )
            options = [chosen]
    if not options:
        out.findings.append(
            Finding(
                code="IMPORT-UNPLACED",
                severity="warning",
                message=f"{where}印出 {len(row.tokens)} 个单元格，无法与表格的 {len(row.cells)} 列对应（也不符合勾稽关系），该行未导入",
                cell=row.cells[0],
                source=row.source,
                related=tuple(row.cells),
            )
        )
        return
    unsure: list[str] = []
    for k, cell in enumerate(row.cells):
        seen = {o[k] for o in options}
        if len(seen) > 1:
            unsure.append(cell)
            continue
        store(cell, options[0][k], row, fmt, out)
    if unsure:
        names = "、".join(column_label(fmt, c) for c in unsure)
        out.findings.append(
            Finding(
                code="IMPORT-UNPLACED",
                severity="warning",
                message=f"{where}印出 {len(row.tokens)} 个单元格，与表格的 {len(row.cells)} 列对不齐，无法确定{names}列的数值，未导入",
                cell=unsure[0],
                source=row.source,
                related=tuple(unsure),
            )
        )
    elif cands.how == "removed" and any(t.kind != "blank" for t in row.tokens) and removed_numbers(row, options[0]):
        out.findings.append(
            Finding(
                code="IMPORT-EXTRA-COLUMNS",
                severity="warning",
                message=f"{where}比标准表格多出 {cands.removed} 个单元格，"
                + ("已根据勾稽关系确定各列" if jointly or row_rules(fmt, row.cells) else "多出的数值与其余数值相同，不影响读取")
                + "，请核对",
                cell=row.cells[0],
                source=row.source,
            )
        )


def removed_numbers(row: PrintedRow, option: tuple[Token, ...]) -> bool:
    """Whether lining up dropped printed numbers (not only blank positions)."""
    kept = sum(1 for t in option if t.kind != "blank")
    return kept < sum(1 for t in row.tokens if t.kind != "blank")


def store(cell: str, tok: Token, row: PrintedRow, fmt: Format, out: TableReading) -> None:
    spec = fmt.cells()[cell]
    if tok.source is not None:
        out.sources[cell] = tok.source
    if tok.kind == "blank":
        out.blanks.append(cell)
        return
    if tok.kind == "na" and spec.column.not_applicable:
        out.cells[cell] = NA
        return
    if tok.kind != "num" or tok.value is None:
        out.findings.append(
            Finding(
                code="IMPORT-BAD-VALUE",
                severity="warning",
                message=f"{describe_row(row)}{column_label(fmt, cell)}列印的“{tok.text.strip()}”不是数字，未导入",
                cell=cell,
                source=tok.source or row.source,
            )
        )
        return
    value: int | Decimal = tok.value  # type: ignore[assignment]  # a "num" token holds a number
    if spec.kind == "amount" and not isinstance(value, Decimal):
        value = Decimal(value)
    elif spec.kind != "amount" and isinstance(value, Decimal) and value == value.to_integral_value():
        value = int(value)
    out.cells[cell] = value
    if tok.unit and spec.kind == "amount" and not spec.column.unit:
        out.units[cell] = tok.unit
