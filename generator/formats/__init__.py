"""The declared format versions and how a report year picks one."""

from __future__ import annotations

from ..codes.validation import X_CARRY_OVER
from .common import rules_for
from .conventions import DATE_PATTERN, FIRST_YEAR, LAST_YEAR
from .model import CarryRule, Cell, Column, Figure, Format, Grid, GridCell, Part, Row, SumRule, Table
from .v2019 import FORMAT as V2019
from .v2021 import FORMAT as V2021

FORMATS: dict[str, Format] = {f.version: f for f in (V2019, V2021)}
TABLE_NAMES = {t.key: t.name for f in FORMATS.values() for t in f.tables}  # 表二, 表三, 表四 by table key


def format_for_year(year: int) -> Format:
    """The format a report for ``year`` uses by default."""
    for fmt in sorted(FORMATS.values(), key=lambda f: f.first_year, reverse=True):
        if year >= fmt.first_year:
            return fmt
    return V2019


def column_aliases() -> dict[str, str]:
    """Other labels of columns that published reports and edited workbooks print, each mapped to the standard label."""
    return {alias: col.label for f in FORMATS.values() for t in f.tables for r in t.rows for col in r.columns for alias in col.aliases}


def carry_rules(fmt: Format) -> tuple[CarryRule, ...]:
    """Cross-year rules: the format's own plus 上年结转 = last year's 结转下年度 per column."""
    table = fmt.table("applications")
    carried = tuple(
        CarryRule(
            X_CARRY_OVER,
            f"applications.carried_over.{col.key}",
            (f"applications.carried_forward.{col.key}",),
            f"表三“{col.label}”列：上年结转（{{actual}}）不等于上年报告的结转下年度继续办理（{{expected}}）",
        )
        for col in table.row("carried_over").columns
    )
    return carried + fmt.carry_rules


__all__ = [
    "DATE_PATTERN",
    "FIRST_YEAR",
    "FORMATS",
    "LAST_YEAR",
    "TABLE_NAMES",
    "V2019",
    "V2021",
    "CarryRule",
    "Cell",
    "Column",
    "Figure",
    "Format",
    "Grid",
    "GridCell",
    "Part",
    "Row",
    "SumRule",
    "Table",
    "carry_rules",
    "column_aliases",
    "format_for_year",
    "rules_for",
]
