"""The .docx package reportgen writes itself: minimal styles, font table, grid, keep rules, title and signature layout,
reference documents without footers or with other style ids, and the zip; plus the declared widths' fit."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from generator.formats import FORMATS
from generator.formats.common import RESULTS_SECTION
from generator.formats.fit import orphaned, orphaned_labels, wrap
from generator.render.docx import docx_bytes, render_docx, write_reference
from generator.render.docx.body import signature_layout
from generator.render.docx.layout import CHARS_PER_LINE, CONDENSED, TEXT_WIDTH_MM, mm_twips
from generator.render.docx.split import boundaries, carried_labels, pages, row_heights
from generator.render.docx.tables import number_scale, table_xml
from generator.view import build_view

from .test_render_docx import NS, distinct_report, read_table, style_map, text_of, w

STYLE_NAMES = {
    "Normal", "Title", "heading 1", "heading 2", "段首小标题", "表格", "表格项目", "署名", "成文日期", "页码", "报告表格",
    "Default Paragraph Font", "Normal Table", "No List",
}  # fmt: skip


@pytest.fixture(scope="module")
def parts() -> dict[str, bytes]:
    data = docx_bytes(distinct_report("2021"))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def root(parts: dict[str, bytes], name: str) -> etree._Element:
    return etree.fromstring(parts[name])


def test_styles_are_only_those_used(parts: dict[str, bytes]) -> None:
    styles = root(parts, "word/styles.xml")
    assert {s.find("w:name", NS).get(w("val")) for s in styles.findall("w:style", NS)} == STYLE_NAMES
    assert len(parts["word/styles.xml"]) < 12_000
    for style in styles.findall("w:style", NS):
        fonts = style.find("w:rPr/w:rFonts", NS)
        if fonts is not None:  # East Asian hint: quotation marks and dashes are set full width in the Chinese font
            assert fonts.get(w("hint")) == "eastAsia"


def test_font_table_declares_every_font_with_family_and_alternate(parts: dict[str, bytes]) -> None:
    styles = root(parts, "word/styles.xml")
    used = {v for f in styles.iter(w("rFonts")) for k, v in f.attrib.items() if not k.endswith("hint")}
    fonts = {f.get(w("name")): f for f in root(parts, "word/fontTable.xml").findall("w:font", NS)}
    assert used <= set(fonts)
    assert {"ＭＳ 明朝", "ＭＳ ゴシック"}.isdisjoint(fonts)
    assert fonts["黑体"].find("w:family", NS).get(w("val")) == "swiss"
    assert fonts["仿宋_GB2312"].find("w:family", NS).get(w("val")) == "roman"
    assert fonts["仿宋_GB2312"].find("w:altName", NS).get(w("val")) == "仿宋"
    assert fonts["仿宋_GB2312"].find("w:charset", NS).get(w("val")) == "86"


def test_app_properties_name_reportgen_and_no_fake_counts(parts: dict[str, bytes]) -> None:
    app = parts["docProps/app.xml"].decode()
    assert "<Application>reportgen</Application>" in app
    assert "Macintosh" not in app and "<Pages>" not in app and "<Words>" not in app


def test_body_is_condensed_to_28_characters_a_line_on_a_22_line_grid(parts: dict[str, bytes]) -> None:
    """No character grid (LibreOffice sets its pitch at about two characters): a line grid, and body text condensed by
    the most twentieths of a point that still leave 28 characters of 16 pt on the 156 mm line."""
    grid = root(parts, "word/document.xml").find("w:body/w:sectPr/w:docGrid", NS)
    assert dict(grid.attrib) == {w("type"): "lines", w("linePitch"): "579"}
    line_pt = TEXT_WIDTH_MM / 25.4 * 72
    styles = style_map(root(parts, "word/styles.xml"))
    condensed = int(styles["Normal"].find("w:rPr/w:spacing", NS).get(w("val")))
    assert CHARS_PER_LINE * (16 + condensed / 20) <= line_pt < CHARS_PER_LINE * (16 + (condensed + 1) / 20)
    assert condensed == -5
    for name in ("heading 1", "heading 2", "段首小标题", "署名", "成文日期"):  # body-size text keeps the body's pitch
        assert styles[name].find("w:rPr/w:spacing", NS).get(w("val")) == "-5", name
    for name in ("表格", "表格项目", "Title"):  # based on Normal, but set solid: the column widths are chosen for it
        assert styles[name].find("w:rPr/w:spacing", NS).get(w("val")) == "0", name
        assert styles[name].find("w:pPr/w:snapToGrid", NS).get(w("val")) == "0", name
    assert styles["Normal"].find("w:pPr/w:snapToGrid", NS) is None
    assert styles["页码"].find("w:rPr/w:spacing", NS) is None


def test_punctuation_may_overflow_in_every_paragraph_style(parts: dict[str, bytes]) -> None:
    """Word's default said explicitly, because LibreOffice reads a missing w:overflowPunct as off (and drops 、 and 。
    hanging past the line end from its PDF) and reads it on as "no hanging punctuation"."""
    styles = style_map(root(parts, "word/styles.xml"))
    paragraph = {s for s in styles.values() if s.get(w("type")) == "paragraph" and s.find("w:pPr", NS) is not None}
    assert len(paragraph) == 9
    assert all(s.find("w:pPr/w:overflowPunct", NS).get(w("val")) == "1" for s in paragraph)


def test_keep_with_next_only_on_headings_and_the_signature_block(parts: dict[str, bytes]) -> None:
    styles = style_map(root(parts, "word/styles.xml"))
    keeping = {s.find("w:name", NS).get(w("val")) for s in set(styles.values()) if s.find("w:pPr/w:keepNext", NS) is not None}
    assert keeping == {"Title", "heading 1", "heading 2", "署名"}
    body = root(parts, "word/document.xml").find("w:body", NS)
    paragraphs = body.findall("w:p", NS)
    direct = [i for i, p in enumerate(paragraphs) if p.find("w:pPr/w:keepNext", NS) is not None]
    assert direct == [len(paragraphs) - 4, len(paragraphs) - 3]  # the last paragraph and the contact line


def test_space_after_each_table(parts: dict[str, bytes]) -> None:
    body = list(root(parts, "word/document.xml").find("w:body", NS))
    for i, element in enumerate(body):
        continued = i + 2 < len(body) and body[i + 2].tag == w("tbl")  # a paragraph between two pieces of a table
        if element.tag == w("tbl") and body[i + 1].tag == w("p") and not continued:
            after = body[i + 1]
            style = after.xpath("string(w:pPr/w:pStyle/@w:val)", namespaces=NS)
            if style != "Heading1":
                assert int(after.find("w:pPr/w:spacing", NS).get(w("before"))) > 0


def test_title_is_one_paragraph_with_explicit_breaks(tmp_path: Path) -> None:
    report = distinct_report("2021").model_copy(update={"agency": "绍兴市人民政府外事办公室"})
    target = tmp_path / "r.docx"
    render_docx(report, target)
    with zipfile.ZipFile(target) as z:
        title = etree.fromstring(z.read("word/document.xml")).find("w:body/w:p", NS)
    runs = [text_of(r) or "|" for r in title.findall("w:r", NS)]
    assert "".join(runs) == "绍兴市人民政府外事办公室|2021年政府信息公开工作年度报告"


NAME = "政府信息公开工作年度报告"


def indents(xml: str) -> dict[str, str]:
    element = etree.fromstring(f'<w:pPr xmlns:w="{NS["w"]}">{xml}</w:pPr>')
    out = {k.split("}")[1]: v for k, v in element.find("w:ind", NS).attrib.items()}
    jc = element.find("w:jc", NS)
    return out | ({"jc": jc.get(w("val"))} if jc is not None else {})


def test_signature_and_date_follow_gb9704() -> None:
    text = mm_twips(TEXT_WIDTH_MM)
    signature, date = signature_layout("云溪县市场监督管理局", "2026年1月20日")
    assert indents(signature) == {"right": "640", "rightChars": "200"}
    got = indents(date)
    assert got["jc"] == "left"
    # the signature starts 2 + 10 characters from the right edge; the date two characters later (a character of body
    # text takes 16 pt less the condensed spacing)
    assert int(got["left"]) == pytest.approx(text - 640 - 8 * (320 + CONDENSED), abs=1)
    # a date longer than that allows: the date 右空二字 and the signature moved left to start two characters before it
    signature, date = signature_layout("舟山市外办", "2020年11月17日")
    assert indents(date) == {"right": "640", "rightChars": "200"}
    assert indents(signature) == {"right": str((2 + 7 + 2 - 5) * 320), "rightChars": "600"}
    # a signature longer than a line: both 右空二字
    assert signature_layout("某" * 30, "2020年1月1日") == (indents_xml := signature_layout("某" * 30, "")[0], indents_xml)


def test_numbers_are_narrowed_not_broken() -> None:
    assert number_scale("38", mm_twips(11)) == ""
    assert number_scale("12345", mm_twips(11)) == ""
    scaled = number_scale("1272159", mm_twips(11))
    assert scaled.startswith('<w:rPr><w:w w:val="') and 50 <= int(scaled.split('"')[1]) < 100


# ---------------------------------------------------------------- reference documents


def strip_footers_and_rename_styles(source: Path, target: Path) -> None:
    """A unit's template as Word in Chinese writes it: numeric heading ids, no footer."""
    with zipfile.ZipFile(source) as z, zipfile.ZipFile(target, "w") as out:
        for name in z.namelist():
            data = z.read(name)
            if name == "word/styles.xml":
                data = data.replace(b'w:styleId="Heading1"', b'w:styleId="1"').replace(b'w:styleId="Heading2"', b'w:styleId="2"')
            if name == "word/document.xml":
                tree = etree.fromstring(data)
                for ref in tree.iter(w("footerReference")):
                    ref.getparent().remove(ref)
                data = etree.tostring(tree, xml_declaration=True, encoding="UTF-8", standalone=True)
            if name == "word/settings.xml":
                data = data.replace(b"<w:evenAndOddHeaders/>", b"")
            out.writestr(name, data)


def test_reference_without_footer_gets_page_numbers_and_its_own_style_ids(tmp_path: Path) -> None:
    base, reference, target = tmp_path / "base.docx", tmp_path / "unit.docx", tmp_path / "out.docx"
    write_reference(base)
    strip_footers_and_rename_styles(base, reference)
    render_docx(distinct_report("2019"), target, reference_doc=reference)
    with zipfile.ZipFile(target) as z:
        assert z.testzip() is None
        parts = {name: z.read(name) for name in z.namelist()}
    for name, data in parts.items():
        if name.endswith((".xml", ".rels")):
            etree.fromstring(data)  # every part is well-formed
    document = root(parts, "word/document.xml")
    headings = [text_of(p) for p in document.iter(w("p")) if p.xpath("string(w:pPr/w:pStyle/@w:val)", namespaces=NS) == "1"]
    assert headings == [part.heading for part in distinct_report("2019").spec.parts]
    refs = document.findall("w:body/w:sectPr/w:footerReference", NS)
    assert sorted(r.get(w("type")) for r in refs) == ["default", "even"]
    rels = root(parts, "word/_rels/document.xml.rels")
    targets = {r.get("Id"): r.get("Target") for r in rels}
    rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    for ref in refs:
        assert f"word/{targets[ref.get(rid)]}" in parts
    assert root(parts, "word/settings.xml").find("w:evenAndOddHeaders", NS) is not None
    types = parts["[Content_Types].xml"].decode()
    assert all(f'PartName="/word/{targets[ref.get(rid)]}"' in types for ref in refs)


def word_template(source: Path, target: Path) -> None:
    """A unit's template as Word writes it: no w:overflowPunct (Word's default: punctuation may hang past the line
    end) but in its title style, where the unit turned it off, and a 28-character document grid."""
    with zipfile.ZipFile(source) as z, zipfile.ZipFile(target, "w") as out:
        for name in z.namelist():
            data = z.read(name)
            if name == "word/styles.xml":
                data = data.replace(b'<w:overflowPunct w:val="1"/>', b"")
                data = data.replace(b'w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr>',
                                    b'w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr>'
                                    b'<w:overflowPunct w:val="0"/>')  # fmt: skip
                assert data.count(b"<w:overflowPunct") == 1
            if name == "word/document.xml":
                grid = b'<w:docGrid w:type="linesAndChars" w:linePitch="579" w:charSpace="-848"/>'
                data = data.replace(b'<w:docGrid w:type="lines" w:linePitch="579"/>', grid)
                assert grid in data
            out.writestr(name, data)


def part_of(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read(name))


def overflow_settings(data: bytes) -> dict[str, str]:
    """w:overflowPunct of the document defaults ("") and of each paragraph style that sets it, by style id."""
    found = {}
    for setting in part_of(data, "word/styles.xml").iter(w("overflowPunct")):
        style = next(setting.iterancestors(w("style")), None)
        found["" if style is None else style.get(w("styleId"))] = setting.get(w("val"))
    return found


def test_a_units_template_is_kept_but_for_libreoffice(tmp_path: Path) -> None:
    """The .docx keeps the unit's settings; the copy converted to PDF gets a line grid and punctuation allowed past
    the line end (which LibreOffice reads as "keep it inside"), in the defaults and where the unit turned it off."""
    base, template = tmp_path / "base.docx", tmp_path / "unit.docx"
    write_reference(base)
    word_template(base, template)
    report = distinct_report("2021")
    kept, converted = docx_bytes(report, reference_doc=template), docx_bytes(report, reference_doc=template, libreoffice=True)
    assert overflow_settings(kept) == {"Title": "0"}
    assert overflow_settings(converted) == {"": "1", "Title": "1"}
    defaults = part_of(converted, "word/styles.xml").find("w:docDefaults/w:pPrDefault/w:pPr", NS)
    assert [etree.QName(child).localname for child in defaults] == ["overflowPunct", "spacing"]  # schema order
    grids = [part_of(data, "word/document.xml").find("w:body/w:sectPr/w:docGrid", NS) for data in (kept, converted)]
    assert [grid.get(w("type")) for grid in grids] == ["linesAndChars", "lines"]


def test_same_input_same_bytes_and_fixed_entries() -> None:
    report = distinct_report("2021")
    stamp = dt.datetime(2026, 1, 20, tzinfo=dt.UTC)
    first, second = docx_bytes(report, timestamp=stamp), docx_bytes(report, timestamp=stamp)
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        infos = z.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    fixed = {(zipfile.ZIP_DEFLATED, (1980, 1, 1, 0, 0, 0), 0o644)}
    assert {(i.compress_type, i.date_time, i.external_attr >> 16) for i in infos} == fixed


# ---------------------------------------------------------------- widths chosen from the labels


@pytest.mark.parametrize("version", sorted(FORMATS))
def test_no_declared_label_leaves_one_character_on_its_last_line(version: str) -> None:
    for table in FORMATS[version].tables:
        assert orphaned_labels(table) == [], table.key
        assert sum(table.grid.widths) == pytest.approx(TEXT_WIDTH_MM)


def test_wrap_model() -> None:
    assert wrap("自然人", 12.0) == ["自然", "人"] and orphaned("自然人", 12.0)
    assert wrap("自然人", 14.0) == ["自然人"]
    assert wrap("2.其他法律行政法规禁止公开", 46.0) == ["2.其他法律行政法规禁止公", "开"]
    assert wrap("（三）不予公开，", 9.5)[-1] != "，"  # closing punctuation never starts a line


def test_a_table_too_tall_for_a_page_is_cut_between_groups_repeating_the_outer_label() -> None:
    table = next(p.table for p in build_view(distinct_report("2021")).parts if p.table and p.table.key == "applications")
    assert pages(table) == [table]  # it fits a page
    first, second = pages(table, available=sum(row_heights(table)) * 7 // 10)
    head = table.header_rows
    assert [[c.text for c in row] for row in second.rows[:head]] == [[c.text for c in row] for row in table.rows[:head]]
    assert [c.text for c in carried_labels([first, second])] == [RESULTS_SECTION]
    # no group label other than the outer one is cut: the rows of each group stay together
    cut_at = len(first.rows)
    assert cut_at in boundaries(table)
    assert all(c.row + c.rowspan <= cut_at for row in first.rows for c in row)
    body = [c.text for row in first.rows[head:] + second.rows[head:] for c in row if c.role == "label"]
    assert sorted(body) == sorted([c.text for row in table.rows[head:] for c in row if c.role == "label"] + [RESULTS_SECTION])
    ids = {"表格": "TableText", "表格项目": "TableLabel", "报告表格": "ReportTable"}
    for piece in (first, second):
        grid = read_table(etree.fromstring(f'<w:body xmlns:w="{NS["w"]}">{table_xml(piece, ids)}</w:body>')[0])
        assert grid["header"][:head] == [True] * head


def test_a_table_cut_twice_is_cut_between_groups_both_times() -> None:
    """On a page a third of the table's height, the continuation is cut again: there too only between groups (the
    continuation's rows are numbered afresh, so its own group boundaries count, not the whole table's)."""
    table = next(p.table for p in build_view(distinct_report("2021")).parts if p.table and p.table.key == "applications")
    head = table.header_rows
    parts = pages(table, available=sum(row_heights(table)) * 4 // 10)
    assert len(parts) >= 3
    starts, at = [], head
    for part in parts[:-1]:
        at += len(part.rows) - head
        starts.append(at)
    assert all(start in table.shape.group_starts for start in starts), starts
    for part in parts:  # no label of a group (other than the outer one) runs past its part's end
        assert all(c.row + c.rowspan <= len(part.rows) for row in part.rows for c in row)
