"""Reports built in code for renderer tests: every cell a different value, so a misplaced cell shows."""

from __future__ import annotations

from decimal import Decimal

from generator.formats import FORMATS
from generator.report import Report


def distinct_report(
    version: str,
    *,
    first: int = 0,
    step: int = 37,
    amount: Decimal = Decimal("1234.5"),
    not_applicable_every: int = 5,
    totals: bool = True,
    **fields: object,
) -> Report:
    """A report whose cells all differ: negatives for signed cells, "/" where allowed, amounts in 万元.

    With ``totals=False`` the totals are left to be computed.
    """
    fmt = FORMATS[version]
    cells: dict[str, object] = {}
    for i, (cell_id, cell) in enumerate(fmt.cells().items(), first):
        if cell.kind == "amount":
            cells[cell_id] = amount + i
        elif cell.kind == "signed":
            cells[cell_id] = -i
        elif cell.column.not_applicable and i % not_applicable_every == 0:
            cells[cell_id] = "/"
        elif totals or not cell.total:
            cells[cell_id] = i * step
    units = {f"proactive.{row.key}.amount": "万元" for row in fmt.table("proactive").rows if row.unit_key}
    year = 2019 if version == "2019" else 2021
    data: dict[str, object] = {"agency": "某市某局", "year": year, "format": version, "cells": cells, "units": units}
    data.update(fields)
    return Report.model_validate(data)
