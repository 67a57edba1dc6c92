"""Reading stays bounded and says what it could not do: a PDF page ruled thousands of times, a password, an external
XML entity, text in UTF-16 without its mark, deeply nested HTML, and two long narratives compared."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from generator.errors import InputError


def pdf(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """A PDF of these objects (1: catalog, 2: pages, …) with its cross-reference table."""
    out, offsets = b"%PDF-1.4\n", []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R " % (len(objects) + 1) + trailer + b">>\nstartxref\n%d\n%%%%EOF\n" % xref
    return out


def ruled_page(lines: int) -> bytes:
    """One page of text under a grid of ``lines`` ruling lines."""
    grid = b"".join(
        b"%d 100 m %d 700 l S 50 %d m 550 %d l S " % (50 + i % 500, 50 + i % 500, 100 + i % 600, 100 + i % 600) for i in range(lines // 2)
    )
    text = b"BT /F1 12 Tf 60 760 Td (Annual report of the agency on government information) Tj ET "
    stream = text + grid
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def test_a_page_with_thousands_of_ruling_lines_is_read_as_text_with_a_warning() -> None:
    from generator.readers.published.pdf import MAX_RULINGS_PER_PAGE, read_pdf

    doc = read_pdf(ruled_page(6000), "r.pdf")
    assert [f.code for f in doc.notes] == ["IMPORT-PAGE-AS-TEXT"]
    assert f"第 1 页有 6000 条表格线（上限 {MAX_RULINGS_PER_PAGE}）" in doc.notes[0].message
    assert any("Annual report" in getattr(item, "text", "") for item in doc.items)


def grid_pages(size: int, pages: int) -> bytes:
    """``pages`` pages, each a line of its own text (its letters differ, so it is no running head) above a grid of
    ``size`` + 1 by ``size`` + 1 ruling lines."""
    rulings = b"".join(b"%.2f 100 m %.2f 700 l S " % (50 + i * 500 / size, 50 + i * 500 / size) for i in range(size + 1))
    rulings += b"".join(b"50 %.2f m 550 %.2f l S " % (100 + i * 600 / size, 100 + i * 600 / size) for i in range(size + 1))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (4 + 2 * n) for n in range(pages)) + b"] /Count %d >>" % pages,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for n in range(pages):
        name = bytes([65 + n // 26 // 26, 65 + n // 26 % 26, 65 + n % 26])
        stream = b"BT /F1 12 Tf 60 760 Td (Part %s of the annual report of the agency) Tj ET " % name + rulings
        page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R /Resources << /Font << /F1 3 0 R >> >> >>"
        objects.append(page % (5 + 2 * n))
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    return pdf(objects)


def test_a_page_ruled_into_a_dense_grid_is_read_as_text_with_a_warning() -> None:
    """161 × 161 crossing lines are far under the ruling limit, yet rebuilding their 25,600 cells took 14 s."""
    from generator.readers.published.pdf import MAX_CROSSINGS_PER_PAGE, read_pdf

    doc = read_pdf(grid_pages(160, 1), "g.pdf")
    assert [f.code for f in doc.notes] == ["IMPORT-PAGE-AS-TEXT"]
    assert f"约有 {161 * 161} 个交叉点（上限 {MAX_CROSSINGS_PER_PAGE}）" in doc.notes[0].message
    assert any("Part AAA of the annual report" in getattr(item, "text", "") for item in doc.items)


def test_rebuilding_tables_stops_at_the_files_budget_and_says_from_which_page_once() -> None:
    """300 pages, each a 41 × 41 grid (1,681 crossings, allowed on one page): the first 17 pages are rebuilt as tables
    the rest read as text, with one warning naming the first page left as text."""
    from generator.readers.published.pdf import MAX_CROSSINGS, read_pdf

    doc = read_pdf(grid_pages(40, 300), "g.pdf")
    first = MAX_CROSSINGS // (41 * 41) + 1
    assert [(f.code, f.source.line if f.source else None) for f in doc.notes] == [("IMPORT-PAGE-AS-TEXT", first)]
    assert f"第 {first} 页起的各页" in doc.notes[0].message
    assert any("Part ALN of the annual report" in getattr(item, "text", "") for item in doc.items)  # page 300


def test_a_pdf_with_an_open_password_says_so() -> None:
    from generator.readers.published.pdf import read_pdf

    encrypt = b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> /P -4 >>"
    data = pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
            encrypt,
        ],
        b"/Encrypt 4 0 R /ID [<" + b"ab" * 16 + b"> <" + b"ab" * 16 + b">] ",
    )
    with pytest.raises(InputError, match="打开密码") as caught:
        read_pdf(data, "p.pdf")
    assert "损坏" not in caught.value.message


def test_an_external_entity_in_a_docx_is_a_warning_naming_where(tmp_path: Path) -> None:
    from generator.readers.published import read_published

    from .hostile.inputs import published

    path = published("r.docx")(tmp_path)
    with zipfile.ZipFile(path) as archive:
        members = {i.filename: archive.read(i) for i in archive.infolist()}
    xml = members["word/document.xml"].decode("utf-8")
    head, rest = xml.split("?>", 1)
    agency = "云溪县市场监督管理局"
    rest = rest.replace(f">{agency}", f">&xxe;{agency}", 1)
    members["word/document.xml"] = (head + '?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>' + rest).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    path.write_bytes(out.getvalue())
    result = read_published(path)
    notes = [f for f in result.findings if f.code == "IMPORT-XML-ENTITY"]
    assert len(notes) == 1 and "&xxe;" in notes[0].message and "第" in notes[0].message
    assert result.report is not None and result.report.agency == agency  # the text after the entity is kept


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_text_without_a_bom_is_read_as_text(encoding: str) -> None:
    from generator.fileio import decode_text

    text = "一、总体情况\n本年新收政府信息公开申请 38 件。\n（一）主动公开"
    assert decode_text(text.encode(encoding), "r.txt") == (text, "UTF-16")


def test_html_nested_beyond_the_parsers_depth_says_so(tmp_path: Path) -> None:
    from generator.readers.published import read_published

    path = tmp_path / "n.html"
    path.write_text("<html><body>" + "<div>" * 10000 + "一、总体情况" + "</div>" * 10000 + "</body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="嵌套超过 255 层"):
        read_published(path)


def test_long_narratives_are_compared_by_a_bounded_ratio() -> None:
    from generator.audit import ratio

    assert ratio("abcd", "abxd") == 0.75 and ratio("甲乙丙", "甲乙丙") == 1.0 and ratio("甲", "乙") == 0.0
    long = "本机关坚持以人民为中心，依法依规做好政府信息公开工作。" * 1500  # 40,500 characters each
    assert ratio(long, long[::-1]) < 0.5 and ratio(long, long + "。") > 0.99


def test_audit_gives_up_one_slow_report_and_reads_the_others(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    from generator import audit as module

    from .hostile.inputs import published

    for name in ("a.txt", "b.txt", "slow.txt"):
        published(name)(tmp_path)
    real = module.read

    def read(path: Path):  # type: ignore[no-untyped-def]
        if path.name == "slow.txt":
            time.sleep(30)
        return real(path)

    monkeypatch.setattr(module, "read", read)
    monkeypatch.setenv("REPORTGEN_TIME_LIMIT", "3")
    monkeypatch.setenv("REPORTGEN_WORKERS", "2")
    seen: list[int] = []
    items = module.audit(tmp_path, progress=lambda i, n, path: seen.append(i))
    codes = {item.file.name: [f.code for f in item.findings] for item in items}
    assert codes["slow.txt"] == ["INPUT-TIMEOUT"]
    assert all(items[i].report is not None for i in (0, 1)) and "INPUT-TIMEOUT" not in codes["a.txt"] + codes["b.txt"]
    assert seen == [1, 2, 3]


def glyph_pages(pages: int, glyphs: int) -> bytes:
    """``pages`` pages, each printing ``glyphs`` characters (lines of 100 letters)."""
    line = b"(" + b"A" * 100 + b") Tj 0 -1 Td "
    stream = b"BT /F1 1 Tf 20 800 Td " + line * (glyphs // 100) + b"ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (5 + n) for n in range(pages)) + b"] /Count %d >>" % pages,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 3 0 R >> >> >>"
    return pdf(objects + [page] * pages)


@pytest.mark.parametrize("pdfium", [True, False])
def test_a_page_of_too_many_characters_is_refused_before_they_are_read(pdfium: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.readers.published import pdf as pdf_reader

    monkeypatch.setattr(pdf_reader, "PDFIUM", pdfium)
    monkeypatch.setattr(pdf_reader, "MAX_OBJECTS_PER_PAGE", 5_000)
    with pytest.raises(InputError) as info:
        pdf_reader.read_pdf(glyph_pages(2, 6_000), "many.pdf")
    assert info.value.message == "第 1 页的图形对象过多，无法读取（文件可能已损坏或是恶意构造的）"


@pytest.mark.parametrize("pdfium", [True, False])
def test_a_file_of_too_many_characters_in_all_is_refused_at_the_page_that_passes_the_limit(
    pdfium: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.readers.published import pdf as pdf_reader

    monkeypatch.setattr(pdf_reader, "PDFIUM", pdfium)
    monkeypatch.setattr(pdf_reader, "MAX_OBJECTS", 10_000)
    with pytest.raises(InputError) as info:
        pdf_reader.read_pdf(glyph_pages(30, 3_000), "many.pdf")
    assert info.value.message == "读到第 4 页时文字和图形对象已超过 10000 个，不像一份年度报告（文件可能已损坏或是恶意构造的）"


def test_a_page_pdfium_fails_on_is_read_by_pdfminer(monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.readers.published import glyphs
    from generator.readers.published.pdf import read_pdf

    def broken(*args: object) -> None:
        raise glyphs.pdfium.PdfiumError("damaged page")

    data = grid_pages(4, 2)
    expected = [getattr(item, "text", None) for item in read_pdf(data, "g.pdf").items]
    monkeypatch.setattr(glyphs, "characters", broken)
    assert [getattr(item, "text", None) for item in read_pdf(data, "g.pdf").items] == expected
