"""The Word renderer: tables read back from the w:tc elements, styles and fonts, page setup, footers, determinism,
reference documents, the golden document.xml, and the PDF conversion."""

from __future__ import annotations

import copy
import datetime as dt
import io
import os
import re
import shutil
import stat
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from generator.errors import InputError, ToolFailed, ToolMissing
from generator.formats.common import APPLICANT_HEADER, LEGAL_PERSON, RESULTS_SECTION, T3_NOTE
from generator.render.docx import document_time, render_docx, write_reference
from generator.render.pdf import INSTALL_HINT, PROGRAM_ENV, convert_to_pdf
from generator.report import Contact, Report
from generator.values import complete, display
from generator.view import build_view

from .factories import distinct_report as distinct_values

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
GOLDEN = Path(__file__).parent / "golden_docx"
STAMP = dt.datetime(2026, 1, 20, 9, 30, tzinfo=dt.UTC)
OVERVIEW = "（一）主动公开\n\n全年主动公开信息12条。\n\n（二）组织领导。我办成立领导小组，统筹推进。\n\n1.完善制度。"


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def distinct_report(version: str) -> Report:
    """Nearly every cell a different non-zero value, totals computed; with date, contact and narrative."""
    year = 2019 if version == "2019" else 2021
    return distinct_values(
        version,
        first=1,
        step=7,
        amount=Decimal("12.35"),
        not_applicable_every=7,
        totals=False,
        date=dt.date(year + 1, 1, 17),
        contact=Contact(name="张三", phone="0000-1234567"),
        text={"overview": OVERVIEW, "problems": "一是宣传不够。"},
    )


@pytest.fixture(scope="module", params=["2019", "2021"])
def rendered(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Report, dict[str, bytes]]:
    report = distinct_report(request.param)
    target = tmp_path_factory.mktemp("docx") / "report.docx"
    render_docx(report, target, timestamp=STAMP)
    with zipfile.ZipFile(target) as z:
        return report, {name: z.read(name) for name in z.namelist()}


def xml(parts: dict[str, bytes], name: str) -> etree._Element:
    return etree.fromstring(parts[name])


def text_of(element: etree._Element) -> str:
    return "".join(element.itertext(tag=w("t")))


# ---------------------------------------------------------------- tables read back from w:tc


def read_table(tbl: etree._Element) -> dict:
    """Boxes (row, col, rowspan, colspan, text) from w:gridSpan and w:vMerge, plus widths and row properties."""
    grid = [int(col.get(w("w"))) for col in tbl.findall("w:tblGrid/w:gridCol", NS)]
    boxes: list[list] = []
    rows = tbl.findall("w:tr", NS)
    for r, tr in enumerate(rows):
        c = 0
        for tc in tr.findall("w:tc", NS):
            pr = tc.find("w:tcPr", NS)
            span_el = pr.find("w:gridSpan", NS)
            span = int(span_el.get(w("val"))) if span_el is not None else 1
            width = pr.find("w:tcW", NS)
            assert width is not None and width.get(w("type")) == "dxa", f"row {r} col {c}: no w:tcW in dxa"
            assert int(width.get(w("w"))) == sum(grid[c : c + span]), f"row {r} col {c}: tcW disagrees with the grid"
            assert pr.find("w:vAlign", NS).get(w("val")) == "center"
            merge = pr.find("w:vMerge", NS)
            if merge is not None and merge.get(w("val"), "continue") == "continue":
                owner = [b for b in boxes if b[1] == c and b[0] + b[2] == r]
                assert len(owner) == 1 and owner[0][3] == span, f"row {r} col {c}: vMerge continues nothing"
                assert text_of(tc) == ""
                owner[0][2] += 1
            else:
                boxes.append([r, c, 1, span, text_of(tc)])
            c += span
        assert c == len(grid), f"row {r} covers {c} of {len(grid)} grid columns"
    props = tbl.find("w:tblPr", NS)
    return {
        "boxes": {tuple(b) for b in boxes},
        "grid": grid,
        "width": int(props.find("w:tblW", NS).get(w("w"))),
        "layout": props.find("w:tblLayout", NS).get(w("type")),
        "cant_split": [tr.find("w:trPr/w:cantSplit", NS) is not None for tr in rows],
        "header": [tr.find("w:trPr/w:tblHeader", NS) is not None for tr in rows],
    }


def whole_tables(document: etree._Element) -> list[etree._Element]:
    """The tables of the body, a table continued after a page break joined back to its first piece: the continuation's
    repeated header rows dropped and the group label printed again merged into the one above."""
    tables: list[etree._Element] = []
    body = list(document.find("w:body", NS))
    for i, element in enumerate(body):
        if element.tag != w("tbl"):
            continue
        separator = body[i - 1]
        if not (tables and separator.tag == w("p") and separator.find("w:pPr/w:pageBreakBefore", NS) is not None):
            tables.append(copy.deepcopy(element))
            continue
        rows = element.findall("w:tr", NS)
        body_rows = [tr for tr in rows if tr.find("w:trPr/w:tblHeader", NS) is None]
        carried = body_rows[0].find("w:tc", NS)  # the outer group label, in the first column
        merge = carried.find("w:tcPr/w:vMerge", NS)
        if merge is not None and merge.get(w("val")) == "restart":
            merge.attrib.pop(w("val"))
            for run in carried.findall("w:p/w:r", NS):
                run.getparent().remove(run)
        for tr in body_rows:
            tables[-1].append(copy.deepcopy(tr))
    return tables


def test_tables_reproduce_the_declared_grid(rendered: tuple[Report, dict[str, bytes]]) -> None:
    report, parts = rendered
    view = build_view(report)
    tables = [read_table(t) for t in whole_tables(xml(parts, "word/document.xml"))]
    expected = [p.table for p in view.parts if p.table]
    assert len(tables) == len(expected) == 3
    for got, table in zip(tables, expected, strict=True):
        boxes = {(c.row, c.col, c.rowspan, c.colspan, c.text) for row in table.rows for c in row}
        assert got["boxes"] == boxes, table.key
        assert got["layout"] == "fixed"
        assert sum(got["grid"]) == got["width"] == round(156 * 1440 / 25.4)
        assert all(got["cant_split"])
        assert got["header"] == [r < table.header_rows for r in range(len(table.rows))]


def test_every_label_and_number_is_printed_in_place(rendered: tuple[Report, dict[str, bytes]]) -> None:
    report, parts = rendered
    fmt = report.spec
    values = complete(report, fmt)
    docs = [read_table(t) for t in whole_tables(xml(parts, "word/document.xml"))]
    tables = dict(zip((t.key for t in fmt.tables), docs, strict=True))
    for table in fmt.tables:
        texts = [b[4] for b in tables[table.key]["boxes"]]
        for row in table.rows:
            assert row.label in texts, row.label
            for group in row.groups:
                assert group in texts, group
        printed = sorted(t for t in texts if re.fullmatch(r"-?[\d.]+|/", t))
        assert printed == sorted(display(values[cell.id]) for cell in table.cells())
        assert len(set(printed)) > len(printed) // 2  # the values differ, so a misplaced one would show
    t3 = {b[4]: b for b in tables["applications"]["boxes"]}
    results_rows = 22 if fmt.version == "2021" else 20
    assert t3[T3_NOTE][:4] == (0, 0, 3, 3)
    assert t3[APPLICANT_HEADER][2:4] == (1, 7)
    assert t3[LEGAL_PERSON][2:4] == (1, 5)
    assert t3["自然人"][2:4] == (2, 1) and t3["总计"][2:4] == (2, 1)
    assert t3[RESULTS_SECTION][2:4] == (results_rows, 1)
    assert t3["（三）不予公开"][2] == 8 and t3["（四）无法提供"][2] == 3 and t3["（五）不予处理"][2] == 5
    assert t3["一、本年新收政府信息公开申请数量"][3] == 3 and t3["（一）予以公开"][3] == 2
    t4 = tables["reviews"]["boxes"]
    spans = {(b[4], b[2], b[3]) for b in t4}
    assert {("行政复议", 1, 5), ("行政诉讼", 1, 10), ("未经复议直接起诉", 1, 5), ("复议后起诉", 1, 5)} <= spans
    assert sum(1 for b in t4 if b[4] == "结果维持") == 3
    assert ("结果维持", 2, 1) in spans and ("结果维持", 1, 1) in spans


def test_number_cells_are_centred_and_labels_use_the_table_styles(rendered: tuple[Report, dict[str, bytes]]) -> None:
    _, parts = rendered
    styles = style_map(xml(parts, "word/styles.xml"))
    document = xml(parts, "word/document.xml")
    for tc in document.iter(w("tc")):
        style_id = tc.find("w:p/w:pPr/w:pStyle", NS).get(w("val"))
        assert style_id in ("TableText", "TableLabel")
        if text_of(tc).isdigit():
            assert style_id == "TableText"
    assert styles["TableText"].find("w:pPr/w:jc", NS).get(w("val")) == "center"
    assert styles["TableText"].find("w:rPr/w:sz", NS).get(w("val")) == "21"


# ---------------------------------------------------------------- styles, page, footer, properties


def style_map(styles: etree._Element) -> dict[str, etree._Element]:
    out = {}
    for style in styles.findall("w:style", NS):
        out[style.get(w("styleId"))] = style
        out[style.find("w:name", NS).get(w("val"))] = style
    return out


def fonts(element: etree._Element) -> dict[str, str]:
    rfonts = element.find("w:rPr/w:rFonts", NS)
    return {k.split("}")[1]: v for k, v in rfonts.attrib.items()}


def test_east_asian_fonts_are_set_on_defaults_and_named_styles(rendered: tuple[Report, dict[str, bytes]]) -> None:
    _, parts = rendered
    root = xml(parts, "word/styles.xml")
    defaults = root.find("w:docDefaults/w:rPrDefault", NS)
    assert fonts(defaults) == {"ascii": "Times New Roman", "hAnsi": "Times New Roman", "eastAsia": "仿宋_GB2312", "cs": "Times New Roman"}
    styles = style_map(root)
    for name, font, size in [
        ("Normal", "仿宋_GB2312", "32"),
        ("Title", "方正小标宋简体", "44"),
        ("heading 1", "黑体", "32"),
        ("heading 2", "楷体_GB2312", "32"),
        ("段首小标题", "楷体_GB2312", "32"),
        ("表格", "仿宋_GB2312", "21"),
        ("署名", "仿宋_GB2312", "32"),
        ("成文日期", "仿宋_GB2312", "32"),
        ("页码", "宋体", "28"),
    ]:
        style = styles[name]
        got = fonts(style)
        assert got["eastAsia"] == font, name
        assert not any(k.endswith("Theme") or k == "cstheme" for k in got), name
        assert style.find("w:rPr/w:sz", NS).get(w("val")) == size, name
    normal = styles["Normal"].find("w:pPr", NS)
    assert normal.find("w:ind", NS).get(w("firstLineChars")) == "200"
    assert normal.find("w:ind", NS).get(w("firstLine")) == "640"
    spacing = normal.find("w:spacing", NS)
    assert (spacing.get(w("line")), spacing.get(w("lineRule"))) == ("579", "exact")
    assert 22 * 579 <= 225 / 25.4 * 1440 < 23 * 579  # 22 lines fit the text block, 23 do not
    assert styles["Title"].find("w:pPr/w:jc", NS).get(w("val")) == "center"
    assert styles["heading 1"].find("w:pPr/w:outlineLvl", NS).get(w("val")) == "0"
    assert styles["heading 2"].find("w:pPr/w:outlineLvl", NS).get(w("val")) == "1"
    assert styles["ReportTable"].get(w("type")) == "table"


def test_paragraphs_use_named_styles(rendered: tuple[Report, dict[str, bytes]]) -> None:
    report, parts = rendered
    body = xml(parts, "word/document.xml").find("w:body", NS)
    paragraphs = [(p.xpath("string(w:pPr/w:pStyle/@w:val)", namespaces=NS) or "Normal", p) for p in body.findall("w:p", NS)]
    assert paragraphs[0][0] == "Title" and text_of(paragraphs[0][1]) == build_view(report).title
    assert [text_of(p) for s, p in paragraphs if s == "Heading1"] == [part.heading for part in report.spec.parts]
    assert [text_of(p) for s, p in paragraphs if s == "Heading2"] == ["（一）主动公开"]
    run_in = [p for _, p in paragraphs if p.find("w:r/w:rPr/w:rStyle", NS) is not None]
    assert len(run_in) == 1 and run_in[0].find("w:r/w:rPr/w:rStyle", NS).get(w("val")) == "RunInHeading"
    assert text_of(run_in[0].find("w:r", NS)) == "（二）组织领导。"
    assert text_of(run_in[0]) == "（二）组织领导。我办成立领导小组，统筹推进。"
    assert [text_of(p) for s, p in paragraphs[-2:]] == ["某市某局", f"{report.year + 1}年1月17日"]
    assert [s for s, _ in paragraphs[-2:]] == ["Signature", "DocumentDate"]
    # no direct run formatting in the body: fonts come from the styles
    assert not body.findall(".//w:p/w:r/w:rPr/w:rFonts", NS)


def test_page_setup_and_page_numbers(rendered: tuple[Report, dict[str, bytes]]) -> None:
    _, parts = rendered
    sect = xml(parts, "word/document.xml").find("w:body/w:sectPr", NS)
    size = sect.find("w:pgSz", NS)
    assert (size.get(w("w")), size.get(w("h"))) == ("11906", "16838")
    margins = sect.find("w:pgMar", NS)
    for side, mm in (("top", 37), ("bottom", 35), ("left", 28), ("right", 26)):
        assert abs(int(margins.get(w(side))) - mm * 1440 / 25.4) <= 1, side
    assert xml(parts, "word/settings.xml").find("w:evenAndOddHeaders", NS) is not None
    rels = etree.fromstring(parts["word/_rels/document.xml.rels"])
    targets = {r.get("Id"): r.get("Target") for r in rels}
    rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    refs = {ref.get(w("type")): targets[ref.get(rid)] for ref in sect.findall("w:footerReference", NS)}
    assert set(refs) == {"default", "even"}
    for kind, side in (("default", "right"), ("even", "left")):
        footer = xml(parts, f"word/{refs[kind]}")
        paragraph = footer.find("w:p", NS)
        assert paragraph.find("w:pPr/w:jc", NS).get(w("val")) == side
        assert paragraph.find("w:pPr/w:pStyle", NS).get(w("val")) == "PageNumber"
        runs = paragraph.findall("w:r", NS)
        kinds = [
            r.find("w:fldChar", NS).get(w("fldCharType"))
            if r.find("w:fldChar", NS) is not None
            else text_of(r) or r.findtext("w:instrText", namespaces=NS)
            for r in runs
        ]
        assert kinds == ["— ", "begin", " PAGE ", "separate", "1", "end", " —"]


def test_document_properties(rendered: tuple[Report, dict[str, bytes]]) -> None:
    report, parts = rendered
    core = parts["docProps/core.xml"].decode()
    assert f"<dc:title>{build_view(report).title}</dc:title>" in core
    assert "<dc:creator>某市某局</dc:creator>" in core
    assert core.count("2026-01-20T09:30:00Z") == 2
    assert "python-docx" not in core
    assert "docProps/thumbnail.jpeg" not in parts


# ---------------------------------------------------------------- determinism and timestamps


def test_output_is_byte_for_byte_reproducible(tmp_path: Path) -> None:
    report = distinct_report("2021")
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    render_docx(report, first)
    render_docx(report, second)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    render_docx(report, second, timestamp=STAMP)
    assert first.read_bytes() != second.read_bytes()
    assert not list(tmp_path.glob(".*.tmp"))


def test_document_time_precedence(monkeypatch: pytest.MonkeyPatch) -> None:
    report = distinct_report("2019")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    assert document_time(report, STAMP) == STAMP
    assert document_time(report, dt.datetime(2026, 1, 20, 9, 30)) == STAMP  # naive means UTC
    assert document_time(report) == dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert document_time(report) == dt.datetime(2020, 1, 17, tzinfo=dt.UTC)
    assert document_time(report.model_copy(update={"date": None})) == dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


# ---------------------------------------------------------------- reference documents


def edit_zip(source: Path, target: Path, edits: dict[str, callable]) -> None:
    with zipfile.ZipFile(source) as z, zipfile.ZipFile(target, "w") as out:
        for name in z.namelist():
            data = z.read(name)
            if name in edits:
                root = etree.fromstring(data)
                edits[name](root)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            out.writestr(name, data)


def test_reference_doc_keeps_its_styles_and_page_and_fills_in_missing_styles(tmp_path: Path) -> None:
    base = tmp_path / "base.docx"
    write_reference(base)

    def restyle(root: etree._Element) -> None:
        styles = style_map(root)
        styles["heading 1"].find("w:rPr/w:rFonts", NS).set(w("eastAsia"), "方正黑体_GBK")
        root.remove(styles["署名"])

    def repage(root: etree._Element) -> None:
        root.find("w:body/w:sectPr/w:pgMar", NS).set(w("top"), "1440")

    reference = tmp_path / "unit.docx"
    edit_zip(base, reference, {"word/styles.xml": restyle, "word/document.xml": repage})
    target = tmp_path / "out.docx"
    render_docx(distinct_report("2021"), target, reference_doc=reference)
    with zipfile.ZipFile(target) as z:
        styles = style_map(etree.fromstring(z.read("word/styles.xml")))
        document = etree.fromstring(z.read("word/document.xml"))
    assert fonts(styles["heading 1"])["eastAsia"] == "方正黑体_GBK"
    assert fonts(styles["署名"])["eastAsia"] == "仿宋_GB2312"
    assert document.find("w:body/w:sectPr/w:pgMar", NS).get(w("top")) == "1440"
    body_text = "".join(document.itertext())
    assert "样式" not in body_text  # the reference's sample paragraphs are gone
    assert body_text.count("某市某局") >= 1
    assert len(document.find("w:body/w:sectPr", NS).findall("w:footerReference", NS)) == 2


def test_unreadable_reference_doc_is_an_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "styles.docx"
    bad.write_text("not a zip", encoding="utf-8")
    with pytest.raises(InputError, match="参考样式"):
        render_docx(distinct_report("2019"), tmp_path / "out.docx", reference_doc=bad)
    with pytest.raises(InputError, match="不存在"):
        render_docx(distinct_report("2019"), tmp_path / "out.docx", reference_doc=tmp_path / "missing.docx")
    assert not (tmp_path / "out.docx").exists()


# ---------------------------------------------------------------- golden document.xml


def normalised(data: bytes) -> str:
    root = etree.fromstring(data)
    for element in root.iter():
        for name in [n for n in element.attrib if n.split("}")[-1].startswith("rsid")]:
            del element.attrib[name]
    return etree.tostring(root, pretty_print=True, encoding="unicode")


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_golden_document_xml(version: str, tmp_path: Path) -> None:
    target = tmp_path / "report.docx"
    render_docx(distinct_report(version), target, timestamp=STAMP)
    with zipfile.ZipFile(target) as z:
        got = normalised(z.read("word/document.xml"))
    golden = GOLDEN / f"distinct-{version}.xml"
    if os.environ.get("REPORTGEN_REGENERATE") == "1":
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8"), "document.xml changed; REPORTGEN_REGENERATE=1 pytest … to accept"


# ---------------------------------------------------------------- PDF


def fake_soffice(tmp_path: Path, body: str) -> Path:
    script = tmp_path / "soffice"
    script.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script


WRITES_PDF = 'for a; do case "$prev" in --outdir) out="$a";; esac; prev="$a"; last="$a"; done\n' + (
    'name=$(basename "$last" .docx); printf "%%PDF-1.4 fake" > "$out/$name.pdf"\n'
)


def test_pdf_without_libreoffice_names_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv(PROGRAM_ENV, raising=False)
    with pytest.raises(ToolMissing) as caught:
        convert_to_pdf(tmp_path / "a.docx", tmp_path / "a.pdf")
    assert "LibreOffice" in str(caught.value) and "apt-get install libreoffice-writer" in str(caught.value)
    assert isinstance(caught.value, InputError)
    monkeypatch.setenv(PROGRAM_ENV, str(tmp_path / "nowhere" / "soffice"))
    with pytest.raises(ToolMissing, match=PROGRAM_ENV):
        convert_to_pdf(tmp_path / "a.docx", tmp_path / "a.pdf")
    assert INSTALL_HINT.startswith("未找到 LibreOffice")


def test_pdf_conversion_runs_soffice_with_a_private_profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log = tmp_path / "args.txt"
    script = fake_soffice(tmp_path, f'printf "%s\\n" "$@" > "{log}"\n' + WRITES_PDF)
    monkeypatch.setenv(PROGRAM_ENV, str(script))
    docx = tmp_path / "报告.docx"
    docx.write_bytes(b"PK")
    convert_to_pdf(docx, tmp_path / "out" / "报告.pdf")
    assert (tmp_path / "out" / "报告.pdf").read_bytes() == b"%PDF-1.4 fake"
    args = log.read_text(encoding="utf-8").splitlines()
    assert args[0].startswith("-env:UserInstallation=file://") and "--headless" in args and args[-1] == str(docx.resolve())


def test_pdf_conversion_failure_and_timeout_write_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docx = tmp_path / "a.docx"
    docx.write_bytes(b"PK")
    monkeypatch.setenv(PROGRAM_ENV, str(fake_soffice(tmp_path, "echo 'Error: source file could not be loaded' >&2\nexit 1\n")))
    with pytest.raises(ToolFailed, match="could not be loaded"):
        convert_to_pdf(docx, tmp_path / "a.pdf")
    monkeypatch.setenv(PROGRAM_ENV, str(fake_soffice(tmp_path, "exec sleep 5\n")))
    with pytest.raises(ToolFailed, match="超时"):
        convert_to_pdf(docx, tmp_path / "a.pdf", timeout=0.3)
    assert not (tmp_path / "a.pdf").exists()


@pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")), reason="LibreOffice is not installed")
def test_real_pdf_conversion(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(PROGRAM_ENV, raising=False)
    docx, pdf = tmp_path / "r.docx", tmp_path / "r.pdf"
    render_docx(distinct_report("2021"), docx)
    convert_to_pdf(docx, pdf)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and data.count(b"/Type /Page") + data.count(b"/Type/Page") >= 3


def test_render_docx_has_no_stray_files(tmp_path: Path) -> None:
    render_docx(distinct_report("2019"), tmp_path / "r.docx")
    assert [p.name for p in tmp_path.iterdir()] == ["r.docx"]
    assert zipfile.is_zipfile(io.BytesIO((tmp_path / "r.docx").read_bytes()))


def test_control_characters_in_the_input_do_not_break_the_document(tmp_path: Path) -> None:
    report = distinct_report("2021").model_copy(
        update={"agency": "某\x0c局", "text": distinct_report("2021").text.model_copy(update={"problems": "一是\x01宣传\t不够。\x0b"})}
    )
    render_docx(report, tmp_path / "r.docx")
    with zipfile.ZipFile(tmp_path / "r.docx") as z:
        body = etree.fromstring(z.read("word/document.xml"))
        core = z.read("docProps/core.xml").decode()
    assert "一是宣传" in "".join(body.itertext()) and "<dc:creator>某局</dc:creator>" in core
