"""Arithmetic over cell values: "/" counts as 0, and totals not given are computed from their parts."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from .formats import Format, SumRule
from .formats.model import per_declaration
from .report import NOT_APPLICABLE, Report, Value

Number = int | Decimal


def number(value: Value | None) -> Number:
    """The arithmetic value of a cell: missing and "/" are 0."""
    if value is None or value == NOT_APPLICABLE:
        return 0
    assert not isinstance(value, str)
    return value


def defining_rules(fmt: Format) -> dict[str, SumRule]:
    """For each total cell, the first rule that computes it from its parts."""
    return dict(_defining_rules(fmt))


@per_declaration
def _defining_rules(fmt: Format) -> dict[str, SumRule]:
    """:func:`defining_rules`, worked out once per format (shared: never changed)."""
    out: dict[str, SumRule] = {}
    for rule in fmt.rules:
        if rule.computes:
            out.setdefault(rule.left[0], rule)
    return out


@per_declaration
def _cells(fmt: Format) -> tuple[tuple[str, bool, Value], ...]:
    """Every cell of ``fmt`` in printed order as (id, is a total, the value when absent)."""
    zero: dict[str, Value] = {"amount": Decimal(0)}
    return tuple((cell_id, cell.total, zero.get(cell.kind, 0)) for cell_id, cell in fmt.cells().items())


class Derived:
    """Values of a report where every total is derived from leaf cells only (given totals ignored)."""

    def __init__(self, fmt: Format, given: Mapping[str, Value]):
        self.given = given
        self.rules = _defining_rules(fmt)
        self._cache: dict[str, Number] = {}

    def __getitem__(self, cell: str) -> Number:
        value = self._cache.get(cell)
        if value is None:
            rule = self.rules.get(cell)
            value = self._cache[cell] = self.sum(rule.right) if rule else number(self.given.get(cell))
        return value

    def sum(self, cells: Iterable[str]) -> Number:
        total: Number = 0
        for cell in cells:  # in order, as sum() would add them
            total += self[cell]
        return total


def complete(report: Report, fmt: Format | None = None) -> dict[str, Value]:
    """Every cell of the report's format, in printed order: given values, totals computed when absent."""
    fmt = fmt or report.spec
    given = report.cells
    derived = Derived(fmt, given)
    out: dict[str, Value] = {}
    for cell_id, total, absent in _cells(fmt):
        if cell_id in given:
            out[cell_id] = given[cell_id]
        elif total:
            out[cell_id] = derived[cell_id]
        else:
            out[cell_id] = absent
    return out


def display(value: Value) -> str:
    """A value as printed: integers plainly, amounts without trailing zeros, "/" as is."""
    if isinstance(value, str):
        return value
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return text
    return str(value)


def key_figure_values(report: Report) -> dict[str, Number]:
    """The report's key figures by figure key, amounts in the unit their label names (an amount given in 元 becomes 万元)."""
    from decimal import Decimal

    values = complete(report)

    def amount(cell: str) -> Number:
        value = number(values.get(cell))
        return Decimal(value) / 10000 if report.units.get(cell) == "元" else value

    return {f.key: sum((amount(c) for c in f.cells), 0) for f in report.spec.key_figures}
