"""Lining printed cells up with a table's columns: run-together digits split, extra or missing cells resolved by the sum rules."""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from decimal import Decimal

from ...cells import parse_value
from ...codes.published import (
    IMPORT_ALIGN,
    IMPORT_BAD_VALUE,
    IMPORT_EXTRA_COLUMNS,
    IMPORT_LABEL_FUZZY,
    IMPORT_SPLIT,
    IMPORT_SPLIT_AMBIGUOUS,
    IMPORT_SPLIT_NARRATIVE,
    IMPORT_SPLIT_NONE,
    IMPORT_UNPLACED,
)
from ...formats import Format, SumRule
from .hints import settle
from .split import TooMany, splits
from .tables import BLANK, MAX_CANDIDATES, MAX_JOINT, NA, PrintedRow, TableReading, Token, column_label, describe_row, digits

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
    how: str  # exact | removed | inserted | split | narrative | none
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
            out.findings.append(IMPORT_LABEL_FUZZY(cell=row.cells[0], source=row.source, printed=row.label, standard=row.fuzzy.label.text))

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
    if not row.positional and all(t.kind == "blank" for t in row.tokens):
        return  # a label with no value after it (a page cut short, numbers lost): nothing was read, no blank invented
    where = describe_row(row)
    options = cands.options
    if cands.how == "split":
        if len(options) == 1:
            values = "、".join(t.text for t in options[0])
            rules = "本行和其他行的" if jointly else ""
            out.findings.append(
                IMPORT_SPLIT(cell=row.cells[0], source=row.source, where=where, digits=cands.digits, rules=rules, values=values)
            )
        else:
            code = IMPORT_SPLIT_NONE if not options else IMPORT_SPLIT_AMBIGUOUS
            if not options:
                why = "没有一种拆分符合勾稽关系"
            elif row_rules(fmt, row.cells) or any(set(r.left) & set(row.cells) for r in fmt.rules):
                why = f"有 {len(options)} 种拆分都符合勾稽关系，无法确定"
            else:
                why = f"有 {len(options)} 种拆分方式，且该行没有勾稽关系可以确定"
            out.findings.append(code(cell=row.cells[0], source=row.source, related=row.cells, where=where, digits=cands.digits, why=why))
            return
    elif len(options) > 1 and row.positional:  # printed blank positions: reports that fill in totals only
        chosen = totals_first(row, options, fmt)
        if chosen is not None:
            out.findings.append(IMPORT_ALIGN(cell=row.cells[0], source=row.source, where=where))
            options = [chosen]
    if not options:
        out.findings.append(
            IMPORT_UNPLACED(
                cell=row.cells[0],
                source=row.source,
                related=row.cells,
                where=where,
                printed=len(row.tokens),
                problem=f"无法与表格的 {len(row.cells)} 列对应（也不符合勾稽关系），该行未导入",
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
            IMPORT_UNPLACED(
                cell=unsure[0],
                source=row.source,
                related=unsure,
                where=where,
                printed=len(row.tokens),
                problem=f"与表格的 {len(row.cells)} 列对不齐，无法确定{names}列的数值，未导入",
            )
        )
    elif cands.how == "removed" and any(t.kind != "blank" for t in row.tokens) and removed_numbers(row, options[0]):
        out.findings.append(
            IMPORT_EXTRA_COLUMNS(
                cell=row.cells[0],
                source=row.source,
                where=where,
                removed=cands.removed,
                how="已根据勾稽关系确定各列" if jointly or row_rules(fmt, row.cells) else "多出的数值与其余数值相同，不影响读取",
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
            IMPORT_BAD_VALUE(
                cell=cell, source=tok.source or row.source, row=describe_row(row), column=column_label(fmt, cell), text=tok.text.strip()
            )
        )
        return
    parsed = parse_value(tok.value, spec)  # the one value path every reader shares
    if parsed.code is not None:
        out.findings.append(parsed.finding(spec, tok.source or row.source))
        return
    if parsed.value is not None:
        out.cells[cell] = parsed.value
    if tok.unit and spec.kind == "amount" and not spec.column.unit:
        out.units[cell] = tok.unit
