"""Workbooks written by other programs read like the template: shared strings, rows out of order, no cell references, shared formulas."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from lxml import etree

from generator.findings import Source
from generator.readers.xlsx_package import Package
from generator.readers.xlsx_parts import clear_memos
from generator.readers.xlsx_reader import read_xlsx

from .test_workbook import sample_report
from .test_xlsx_reader import T3, filled, located

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def rewritten(source: Path, target: Path, change: Callable[[etree._Element, str], None]) -> Path:
    """``source`` with every worksheet's XML passed through ``change`` (the way another program might write it)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename.startswith("xl/worksheets/sheet"):
                root = etree.fromstring(data)
                change(root, info.filename)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            new.writestr(info.filename, data)
    return target


def places(sources: dict[str, Source]) -> dict[str, str]:
    return {key: f"{source.sheet}!{source.ref}" for key, source in sources.items()}


def rows_reversed(root: etree._Element, _: str) -> None:
    data = root.find(f"{MAIN}sheetData")
    assert data is not None
    data[:] = list(data)[::-1]


def references_dropped(root: etree._Element, _: str) -> None:
    """Row and cell references left out where they follow from the position (as some writers do)."""
    for row in root.iter(f"{MAIN}row"):
        cells = list(row)
        letters = [re.sub(r"[0-9]+", "", c.get("r") or "") for c in cells]
        if letters == [chr(65 + i) for i in range(len(cells))]:  # A, B, C… with no gap: positions say it all
            for cell in cells:
                del cell.attrib["r"]


def shared_formulas(root: etree._Element, _: str) -> None:
    """Every number cell holds a copy of one shared formula, with its cached value kept."""
    master = True
    for cell in root.iter(f"{MAIN}c"):
        if cell.get("t", "n") == "n" and cell.find(f"{MAIN}v") is not None:
            formula = etree.Element(f"{MAIN}f", t="shared", si="0")
            if master:
                formula.set("ref", "A1:Z99")
                formula.text = "1+1"
                master = False
            cell.insert(0, formula)


def with_shared_strings(source: Path, target: Path) -> Path:
    """``source`` with its inline strings moved into a shared string table, as Excel and WPS save them."""
    strings: dict[str, int] = {}

    def share(root: etree._Element, _: str) -> None:
        for cell in root.iter(f"{MAIN}c"):
            inline = cell.find(f"{MAIN}is")
            if cell.get("t") == "inlineStr" and inline is not None:
                text = "".join(inline.itertext())
                cell.set("t", "s")
                cell.remove(inline)
                etree.SubElement(cell, f"{MAIN}v").text = str(strings.setdefault(text, len(strings)))

    middle = rewritten(source, target.with_suffix(".tmp"), share)
    sst = etree.Element(f"{MAIN}sst", count=str(len(strings)), uniqueCount=str(len(strings)))
    for text in strings:
        etree.SubElement(etree.SubElement(sst, f"{MAIN}si"), f"{MAIN}t").text = text
    kind = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
    with zipfile.ZipFile(middle) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(
                    b"</Relationships>", f'<Relationship Id="rIdS" Type="{kind}" Target="sharedStrings.xml"/></Relationships>'.encode()
                )
            elif info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>", f'<Override PartName="/xl/sharedStrings.xml" ContentType="{content_type}"/></Types>'.encode()
                )
            new.writestr(info.filename, data)
        new.writestr("xl/sharedStrings.xml", etree.tostring(sst, xml_declaration=True, encoding="UTF-8", standalone=True))
    return target


def test_workbook_with_shared_strings_reads_the_same(tmp_path: Path) -> None:
    source = filled(tmp_path)
    shared = with_shared_strings(source, tmp_path / "shared.xlsx")
    assert re.search(rb'<c r="B2"[^>]* t="s"><v>[0-9]+</v></c>', zipfile.ZipFile(shared).read("xl/worksheets/sheet2.xml"))
    assert openpyxl.load_workbook(shared)["基本信息"]["B2"].value == sample_report().agency
    result = read_xlsx(shared)
    assert result.findings == []
    assert result.report == sample_report()
    assert places(result.sources) == places(read_xlsx(source).sources)


@pytest.mark.parametrize("change", [rows_reversed, references_dropped])
def test_rows_out_of_order_or_without_references_read_the_same(tmp_path: Path, change: Callable[[etree._Element, str], None]) -> None:
    source = filled(tmp_path)
    result = read_xlsx(rewritten(source, tmp_path / "other.xlsx", change))
    assert result.findings == []
    assert result.report == sample_report()
    assert places(result.sources) == places(read_xlsx(source).sources)


def test_shared_formulas_in_input_cells_are_formulas_whatever_their_cached_value(tmp_path: Path) -> None:
    path = rewritten(filled(tmp_path), tmp_path / "shared.xlsx", shared_formulas)
    assert located(path) == [
        ("YEAR-TYPE", "error", "基本信息!B3"),
        ("XLSX-DATE", "error", "基本信息!B6"),
        *[("XLSX-FORMULA", "error", f"{T3}!{ref}") for ref in ("D6", "D7", "D8", "D30")],  # the filled input cells; totals are recomputed
        ("XLSX-FORMULA", "error", "四、复议诉讼!A6"),
    ]


def test_a_shared_formula_copied_from_a_cell_that_is_not_read_is_still_translated() -> None:
    sheet = (
        '<row r="1"><c r="A1"><f t="shared" si="0" ref="A1:C1">B5+1</f><v>1</v></c>'
        '<c r="B1"><v>7</v></c><c r="C1"><f t="shared" si="0"/><v>1</v></c></row>'
    )
    from .test_xlsx_package import workbook

    package = Package(workbook(sheet))
    everything = package.grid("表'A", 1, 3)
    only_c1 = package.grid("表'A", 1, 3, frozenset({(1, 3)}))
    assert everything[(1, 3)] == ("=D5+1", "f")
    assert only_c1 == {(1, 3): everything[(1, 3)]}
    assert package.grid("表'A", 1, 3, frozenset({(1, 2)})) == {(1, 2): (7, "n")}


def test_a_first_read_and_a_repeated_read_agree(tmp_path: Path) -> None:
    path = filled(tmp_path)
    clear_memos()
    first = read_xlsx(path)
    again = read_xlsx(path)
    assert (first.report, first.findings, first.sources) == (again.report, again.findings, again.sources)


def test_remembered_parts_never_change_what_another_workbook_reads(tmp_path: Path) -> None:
    """Two workbooks sharing their workbook part (same template) but not their contents read differently."""
    a = filled(tmp_path, name="a.xlsx")
    book = openpyxl.load_workbook(a)
    book["基本信息"]["B2"] = "另一个机关"
    b = tmp_path / "b.xlsx"
    book.save(b)
    assert read_xlsx(a).report != read_xlsx(b).report
    assert read_xlsx(b).report.agency == "另一个机关"  # type: ignore[union-attr]
