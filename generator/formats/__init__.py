"""The declared format versions and how a report year picks one."""

from __future__ import annotations

from .common import rules_for
from .model import CarryRule, Cell, Column, Figure, Format, Grid, GridCell, Part, Row, SumRule, Table
from .v2019 import FORMAT as V2019
from .v2021 import FORMAT as V2021

FORMATS: dict[str, Format] = {f.version: f for f in (V2019, V2021)}
T3_CARRY = "X-CARRY-OVER"


def format_for_year(year: int) -> Format:
    """The format a report for ``year`` uses by default."""
    for fmt in sorted(FORMATS.values(), key=lambda f: f.first_year, reverse=True):
        if year >= fmt.first_year:
            return fmt
    return V2019


def carry_rules(fmt: Format) -> tuple[CarryRule, ...]:
    """Cross-year rules: the format's own plus 上年结转 = last year's 结转下年度 per column."""
    table = fmt.table("applications")
    carried = tuple(
        CarryRule(
            T3_CARRY,
            f"applications.carried_over.{col.key}",
            (f"applications.carried_forward.{col.key}",),
            f"表三“{col.label}”列：上年结转（{{actual}}）不等于上年报告的结转下年度继续办理（{{expected}}）",
        )
        for col in table.row("carried_over").columns
    )
    return carried + fmt.carry_rules


__all__ = [
    "FORMATS",
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
    "format_for_year",
    "rules_for",
]
