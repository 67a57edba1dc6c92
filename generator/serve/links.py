"""``<data>/链接.xlsx``: each roster unit's private link, for the office to send out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

LINKS_FILE = "链接.xlsx"
SHEET = "链接"
COLUMNS = ("单位名称", "类别", "链接")


def write_links(units: list[Any], base_url: str, data: Path) -> Path:
    """Write the links workbook (text cells, never formulas); a revoked link is written as “（已撤销）”."""
    from openpyxl import Workbook

    from ..collect.sheets import put_row, save, widths

    workbook = Workbook()
    ws = workbook.active
    assert ws is not None
    ws.title = SHEET
    put_row(ws, 1, COLUMNS, bold=True)
    for n, unit in enumerate(units, 2):
        put_row(ws, n, [unit.name, unit.category, f"{base_url}/u/{unit.token}" if unit.token else "（已撤销）"])
    widths(ws, (30, 10, 70))
    target = data / LINKS_FILE
    save(workbook, target)
    return target
