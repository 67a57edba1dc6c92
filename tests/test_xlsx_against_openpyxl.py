"""Our workbook reader against openpyxl on every workbook in the repository: the same cells, defined names and merges.

reportgen reads workbooks with its own XML reader (about 8× faster than openpyxl's read-only mode, which does not
expose merged cells); openpyxl is the reference it must agree with.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.cell.cell import MergedCell

from generator.readers.xlsx_package import Formula, Package
from generator.readers.xlsx_sheets import MERGE_RE
from generator.readers.xlsx_tables import merge_bounds

ROOT = Path(__file__).resolve().parents[1]
WORKBOOKS = sorted(p for folder in ("tests", "sample_inputs") for p in (ROOT / folder).rglob("*.xlsx") if not p.name.startswith("~$"))


def _reference(path: Path) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about extensions and data validation it does not keep
        return openpyxl.load_workbook(path, data_only=False, rich_text=False)


def _plain(value: Any) -> Any:
    """A cell value as openpyxl gives it: formulas as their ``=…`` text."""
    return str(value) if isinstance(value, Formula) else value


def test_the_workbooks_of_the_collection_samples_are_among_them() -> None:
    assert any(p.relative_to(ROOT).parts[:2] == ("sample_inputs", "collection") for p in WORKBOOKS)


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_our_reader_agrees_with_openpyxl_on_fresh_templates(version: str, tmp_path: Path) -> None:
    """The tests build their workbooks as they run (none is stored in tests/): the blank templates stand for them."""
    from generator.workbook.template import write_template

    path = tmp_path / f"{version}.xlsx"
    write_template(path, version=version, year=int(version) + 4, agency="某县某局")
    test_our_reader_agrees_with_openpyxl(path)


@pytest.mark.parametrize("path", WORKBOOKS, ids=[str(p.relative_to(ROOT)) for p in WORKBOOKS])
def test_our_reader_agrees_with_openpyxl(path: Path) -> None:
    reference = _reference(path)
    ours = Package(path.read_bytes())
    worksheets = list(reference.worksheets)
    assert ours.sheet_names() == [ws.title for ws in worksheets]
    for ws in worksheets:
        expected = {
            (cell.row, cell.column): _plain(cell.value)
            for row in ws.iter_rows()
            for cell in row
            if not isinstance(cell, MergedCell) and cell.value is not None and cell.value != ""
        }
        got = {rc: _plain(value) for rc, (value, _) in ours.grid(ws.title, ws.max_row, ws.max_column).items() if value != ""}
        assert got == expected, ws.title
        merges = {merge_bounds(ref) for ref in MERGE_RE.findall(ours.sheet_xml(ws.title))}
        assert merges == {(r.min_row, r.min_col, r.max_row, r.max_col) for r in ws.merged_cells.ranges}, ws.title
    names = {}
    for name, defined in reference.defined_names.items():
        destinations = list(defined.destinations)
        if len(destinations) == 1 and destinations[0][0] in reference.sheetnames:
            sheet, ref = destinations[0]
            bounds = openpyxl.utils.cell.range_boundaries(ref.replace("$", ""))
            names[name] = (sheet, (bounds[1], bounds[0], bounds[3], bounds[2]))
    assert ours.names() == names
