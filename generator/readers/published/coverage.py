"""How many cells of each statutory table an import placed, and the error when a table is missing or mostly unread."""

from __future__ import annotations

from dataclasses import dataclass

from ...codes.published import IMPORT_INCOMPLETE
from ...findings import Finding, errors
from ...formats import FORMATS
from ...report import ReadResult
from .assemble import blank_cells

ENOUGH = 0.5  # fewer than half of a table's cells placed: the import failed, whatever else was read


@dataclass(frozen=True)
class TableCoverage:
    """One table's cells placed by an import (a value, "/" or a printed blank) out of the cells it declares."""

    key: str
    name: str
    placed: int
    expected: int

    @property
    def enough(self) -> bool:
        return self.placed > 0 and self.placed >= self.expected * ENOUGH

    def as_json(self) -> dict[str, object]:
        return {"table": self.name, "placed": self.placed, "expected": self.expected}


def coverage(result: ReadResult) -> list[TableCoverage]:
    """Per table, the cells the import placed; printed blanks count as placed (they are what the report prints)."""
    report = result.report
    if report is None:
        return []
    fmt = FORMATS[report.format]
    blanks = set(blank_cells(result))
    out: list[TableCoverage] = []
    for table in fmt.tables:
        ids = [c.id for c in table.cells()]
        placed = sum(1 for c in ids if c in report.cells or c in blanks)
        out.append(TableCoverage(table.key, table.name, placed, len(ids)))
    return out


def coverage_findings(result: ReadResult) -> list[Finding]:
    """An error per statutory table missing or placed for less than half: such an import is not a success."""
    report = result.report
    if report is None:
        return []
    fmt = FORMATS[report.format]
    out: list[Finding] = []
    for cov in coverage(result):
        if cov.enough:
            continue
        table = fmt.table(cov.key)
        detail = "没有找到" if cov.placed == 0 else f"只读取到 {cov.placed}/{cov.expected} 个单元格（不足一半）"
        out.append(IMPORT_INCOMPLETE(cell=table.cells()[0].id, table=table.name, title=table.title, detail=detail))
    return out


def summary_line(result: ReadResult) -> str:
    """``表二 28/28，表三 80/175（不足一半），表四 0/15（没有找到）``: the cells placed per table, for the closing line."""
    return "，".join(f"{c.name} {c.placed}/{c.expected}{_shortfall(c)}" for c in coverage(result))


def _shortfall(cov: TableCoverage) -> str:
    if cov.placed == 0:
        return "（没有找到）"
    return "" if cov.enough else "（不足一半）"


def import_json(result: ReadResult) -> dict[str, object]:
    """What ``import --json`` prints: whether the import is complete, the cells placed per table, every finding."""
    return {
        "complete": not errors(result.findings),
        "tables": [c.as_json() for c in coverage(result)],
        "findings": [f.model_dump(mode="json") for f in result.findings],
    }
