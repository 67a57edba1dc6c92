"""Workbook parts read straight from the XML: names, strings, dates, formulas, row limits, unsafe XML, re-saved files."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from generator.errors import InputError
from generator.readers.xlsx_package import Formula, Package, UnsafeXML
from generator.readers.xlsx_reader import read_xlsx

from .test_workbook import sample_report
from .test_xlsx_reader import filled

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WORKSHEET = f"{RELS}/worksheet"


def workbook(sheet_xml: str, *, names: str = "", strings: str = "", styles: str = "", pr: str = "<workbookPr/>") -> bytes:
    """A minimal package: one worksheet 表 'A' (sheet1) and a chart sheet, with the given parts."""
    parts = {
        "xl/workbook.xml": f'<workbook xmlns="{MAIN}" xmlns:r="{RELS}">{pr}<sheets>'
        '<sheet name="表\'A" sheetId="1" r:id="rId1"/><sheet name="图" sheetId="2" r:id="rId2"/></sheets>'
        f"<definedNames>{names}</definedNames></workbook>",
        "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{WORKSHEET}" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{RELS}/chartsheet" Target="/xl/chartsheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{MAIN}"><sheetData>{sheet_xml}</sheetData></worksheet>',
        "xl/chartsheets/sheet1.xml": "<chartsheet/>",
    }
    if strings:
        parts["xl/sharedStrings.xml"] = f'<sst xmlns="{MAIN}">{strings}</sst>'
    if styles:
        parts["xl/styles.xml"] = f'<styleSheet xmlns="{MAIN}">{styles}</styleSheet>'
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return data.getvalue()


def test_worksheets_and_defined_names() -> None:
    names = (
        "<definedName name=\"one\">'表''A'!$B$2</definedName>"
        "<definedName name=\"area\">'表''A'!$C$5:$B$3</definedName>"
        "<definedName name=\"local\" localSheetId=\"0\">'表''A'!$A$1</definedName>"
        "<definedName name=\"two_areas\">'表''A'!$A$1,'表''A'!$B$1</definedName>"
        '<definedName name="lost">#REF!</definedName>'
        '<definedName name="elsewhere">其他!$A$1</definedName>'
        '<definedName name="constant">42</definedName>'
    )
    package = Package(workbook("", names=names))
    assert package.sheet_names() == ["表'A"]  # the chart sheet holds no cells
    assert package.names() == {"one": ("表'A", (2, 2, 2, 2)), "area": ("表'A", (3, 2, 5, 3))}


def test_cells_by_position_type_and_style() -> None:
    sheet = (
        '<row><c t="inlineStr"><is><t>文</t><r><t>字</t></r></is></c><c><v>2</v></c><c t="s"><v>0</v></c></row>'
        '<row r="3"><c r="C3"><v>1.5</v></c><c r="D3" t="b"><v>1</v></c><c r="E3" t="e"><v>#REF!</v></c>'
        '<c r="F3" s="1"><v>46042</v></c><c r="G3" s="2"><v>46042</v></c><c r="H3" t="str"><v>12</v></c><c r="I3" s="1"/></row>'
        '<row r="9"><c r="A9"><v>9</v></c></row>'
    )
    strings = "<si><r><t>甲</t></r><r><t>乙</t></r><rPh><t>jia</t></rPh></si>"
    styles = '<numFmts><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>'
    styles += '<cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="2"/></cellXfs>'
    grid = Package(workbook(sheet, strings=strings, styles=styles)).grid("表'A", 8, 8)
    assert grid == {
        (1, 1): ("文字", "s"),
        (1, 2): (2, "n"),
        (1, 3): ("甲乙", "s"),
        (3, 3): (1.5, "n"),
        (3, 4): (True, "b"),
        (3, 5): ("#REF!", "e"),
        (3, 6): (dt.datetime(2026, 1, 20), "d"),
        (3, 7): (46042, "n"),
        (3, 8): ("12", "s"),
    }  # row 9 and column I are outside the area asked for


def test_dates_of_a_workbook_counting_from_1904() -> None:
    styles = '<cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>'
    package = Package(workbook('<row r="1"><c r="A1" s="1"><v>44580</v></c></row>', styles=styles, pr='<workbookPr date1904="1"/>'))
    assert package.grid("表'A", 1, 1) == {(1, 1): (dt.datetime(2026, 1, 20), "d")}


def test_formulas_are_read_as_formulas() -> None:
    sheet = (
        '<row r="1"><c r="A1"><f>SUM(B1:C1)</f><v>3</v></c><c r="B1"><f t="shared" ref="B1:B2" si="0">A1*2</f><v>6</v></c></row>'
        '<row r="2"><c r="B2"><f t="shared" si="0"/><v>0</v></c><c r="C2"><f t="array" ref="C2">{1}</f><v>1</v></c></row>'
    )
    grid = Package(workbook(sheet)).grid("表'A", 2, 3)
    assert grid[(1, 1)] == ("=SUM(B1:C1)", "f")
    assert grid[(1, 2)] == ("=A1*2", "f")
    assert grid[(2, 2)] == ("=A2*2", "f")
    assert isinstance(grid[(2, 3)][0], Formula) and grid[(2, 3)][1] == "f"


def test_rows_beyond_the_area_are_not_parsed_even_if_broken() -> None:
    sheet = '<row r="1"><c r="A1"><v>1</v></c></row>' + '<row r="2"><c r="A2"><v>x</v></c></row>' * 30000
    package = Package(workbook(sheet))  # over a megabyte of XML: parsed as a stream
    assert package.grid("表'A", 1, 1) == {(1, 1): (1, "n")}
    with pytest.raises(ValueError):
        package.grid("表'A", 2, 1)  # "x" is not a number: the reader reports the file as damaged


@pytest.mark.parametrize("part", ["xl/workbook.xml", "xl/worksheets/sheet2.xml"])
def test_xml_declaring_entities_is_refused(tmp_path: Path, part: str) -> None:
    bomb = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(filled(tmp_path)) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == part:
                data = bomb.encode() + data[data.index(b"<", 1) if data.startswith(b"<?xml") else 0 :]
            target.writestr(info.filename, data)
    with pytest.raises(InputError) as caught:
        read_xlsx(path)
    assert "文件可能已损坏" in caught.value.message


def test_workbook_resaved_by_libreoffice_reads_the_same(tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    source = filled(tmp_path)
    out = tmp_path / "out"
    profile = (tmp_path / "profile").as_uri()
    cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "xlsx", "--outdir", str(out), str(source)]
    subprocess.run(cmd, capture_output=True, timeout=180, check=False)
    resaved = out / source.name
    if not resaved.exists():
        pytest.skip("LibreOffice Calc could not convert the workbook (Calc not installed?)")
    assert resaved.read_bytes() != source.read_bytes()
    result = read_xlsx(resaved)
    assert result.findings == []
    assert result.report == read_xlsx(source).report == sample_report()


def test_a_dtd_is_refused_in_utf16_too() -> None:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        xml = f'<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE w [<!ENTITY a "x">]><workbook xmlns="{MAIN}"/>'
        archive.writestr("xl/workbook.xml", b"\xff\xfe" + xml.encode("utf-16-le"))
    with pytest.raises(UnsafeXML):
        Package(data.getvalue())


def _deflated_copy(source: Path, target: Path) -> dict[str, tuple[int, int]]:
    """``source`` re-zipped with every member deflated; member -> (offset of its local header, compressed size)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, old.read(info.filename))
    with zipfile.ZipFile(target) as done:
        return {info.filename: (info.header_offset, info.compress_size) for info in done.infolist()}


def test_a_plainly_deflated_workbook_reads_the_same(tmp_path: Path) -> None:
    path = tmp_path / "deflated.xlsx"
    _deflated_copy(filled(tmp_path), path)
    assert read_xlsx(path).report == sample_report()


@pytest.mark.parametrize("damage", ["data", "name"])
def test_a_damaged_deflated_part_is_refused_as_before(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "deflated.xlsx"
    members = _deflated_copy(filled(tmp_path), path)
    data = bytearray(path.read_bytes())
    offset, size = members["xl/workbook.xml"]
    name_length = int.from_bytes(data[offset + 26 : offset + 28], "little")
    if damage == "data":  # the checksum no longer matches
        start = offset + 30 + name_length + int.from_bytes(data[offset + 28 : offset + 30], "little")
        data[start + size // 2] ^= 0xFF
    else:  # the local header names another member than the directory does
        data[offset + 30 + name_length - 1] = ord("x")
    path.write_bytes(bytes(data))
    with pytest.raises(InputError) as caught:
        read_xlsx(path)
    assert caught.value.message == "无法打开工作簿，文件可能已损坏，请在 Excel 或 WPS 中打开后另存为 .xlsx"
