"""The words of a PDF report read back as written: letter-spaced lines (document grid, character spacing, justified and
distributed text) without spaces between Chinese characters, and the 署名 and 成文日期 at the end, from PDFs printed by
LibreOffice from our .docx and from .docx files made other ways, and by a browser from our .html."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from typer.testing import CliRunner

from generator.cli import app
from generator.findings import Source
from generator.readers.published import read_published
from generator.readers.published.items import Line
from generator.readers.published.narrative import closing, parse_date
from generator.readers.published.pdf import cell_text
from generator.readers.published.spacing import is_wide, line_text
from generator.readers.yaml_reader import read_yaml
from generator.readers.yaml_writer import dump_yaml
from generator.render.docx import render_docx
from generator.render.html import render_html
from generator.render.pdf import convert_many
from generator.report import Report
from generator.values import complete
from generator.view import build_view

from .conftest import EXAMPLE
from .factories import distinct_report
from .pdf_agreement import assert_readers_agree
from .printing import print_pages
from .test_import import words

SIGNED = "云溪县人民政府办公室"


def example() -> Report:
    report = read_yaml(EXAMPLE).report
    assert report is not None
    return report


def signed() -> Report:
    """A report whose signature differs from its agency, dated late in the year (two-digit month and day)."""
    return distinct_report("2019", agency="云溪县市场监督管理局", signature=SIGNED, date=dt.date(2020, 12, 31))


def patched(source: Path, target: Path, change: Callable[[str], str]) -> None:
    """``source`` with its ``word/document.xml`` changed: the same report as another word processor would lay it out."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == "word/document.xml":
                data = change(data.decode("utf-8")).encode("utf-8")
            new.writestr(item, data)


CLOSING = re.compile(r'<w:p><w:pPr><w:pStyle w:val="Signature"/>.*?</w:p><w:p><w:pPr><w:pStyle w:val="DocumentDate"/>.*?</w:p>')


def spaced_out(xml: str) -> str:
    """WPS-like: 1.5 pt character spacing on every run, a line grid only, 署名 and 成文日期 left-indented and distributed
    over the rest of the line, the date in Chinese numerals (二〇二〇年十二月三十一日)."""
    xml = xml.replace("<w:r><w:t", '<w:r><w:rPr><w:spacing w:val="30"/></w:rPr><w:t').replace('"linesAndChars"', '"lines"')
    xml = xml.replace("<w:p><w:r>", '<w:p><w:pPr><w:overflowPunct w:val="0"/></w:pPr><w:r>')  # punctuation kept inside the line
    xml = xml.replace("2020年12月31日", "二〇二〇年十二月三十一日")
    distributed = r'\1<w:ind w:left="4200"/><w:jc w:val="distribute"/>'
    return re.sub(r'(<w:pStyle w:val="(?:Signature|DocumentDate)"/>)<w:ind[^>]*/>(<w:jc[^>]*/>)?', distributed, xml)


def character_grid(xml: str) -> str:
    """A Word template's 28-character document grid, which LibreOffice sets at about 13 characters a line with a gap
    of about an em after every character."""
    grid = '<w:docGrid w:type="linesAndChars" w:linePitch="579" w:charSpace="-848"/>'
    return re.sub(r"<w:docGrid [^>]*/>", grid, xml)


def one_line(xml: str) -> str:
    """署名 and 成文日期 typed on one right-aligned line, a tab between them."""
    line = f'<w:p><w:pPr><w:jc w:val="right"/></w:pPr><w:r><w:t>{SIGNED}</w:t></w:r><w:r><w:tab/><w:t>2020年12月31日</w:t></w:r></w:p>'
    assert CLOSING.search(xml)
    return CLOSING.sub(line, xml)


def markdown(report: Report) -> str:
    """The words of the report as Markdown (no tables), for pandoc to make a .docx in its own styles."""
    view = build_view(report)
    blocks = [f"# {view.title}", *(p.text for p in view.preface)]
    for part in view.parts:
        blocks += [f"## {part.heading}", *(p.text for p in part.paragraphs)]
    return "\n\n".join([*blocks, view.contact, view.signature, view.date]) + "\n"


def long_agency() -> Report:
    """An agency longer than the 13 characters a line holds when LibreOffice sets a character grid: the right-aligned
    signature wraps, its first line full."""
    return example().model_copy(update={"agency": "浙江省宁波市鄞州区人民政府办公室"})


def long_signature() -> Report:
    return example().model_copy(update={"signature": "云溪县市场监督管理局办公室"})


ORIGINALS = {
    "grid": example,
    "grid-signed": signed,
    "grid-long-agency": long_agency,
    "grid-long-signature": long_signature,
    "char-grid": signed,
    "char-grid-long-agency": long_agency,
    "spaced": signed,
    "one-line": signed,
    "pandoc": example,
}


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Our .docx, variants of it (a character grid, spaced out, signature and date on one line) and a pandoc .docx,
    converted to PDF in one LibreOffice run."""
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.skip("LibreOffice (soffice) is not installed")
    work = tmp_path_factory.mktemp("pdftext")
    render_docx(example(), work / "grid.docx")
    render_docx(signed(), work / "grid-signed.docx")
    render_docx(long_agency(), work / "grid-long-agency.docx")
    render_docx(long_signature(), work / "grid-long-signature.docx")
    patched(work / "grid-signed.docx", work / "spaced.docx", spaced_out)
    patched(work / "grid-signed.docx", work / "one-line.docx", one_line)
    patched(work / "grid-signed.docx", work / "char-grid.docx", character_grid)
    patched(work / "grid-long-agency.docx", work / "char-grid-long-agency.docx", character_grid)
    names = [name for name in ORIGINALS if name != "pandoc"]
    if shutil.which("pandoc"):
        (work / "pandoc.md").write_text(markdown(example()), encoding="utf-8")
        subprocess.run(["pandoc", str(work / "pandoc.md"), "-o", str(work / "pandoc.docx")], check=True, capture_output=True, timeout=120)
        names.append("pandoc")
    convert_many([work / f"{name}.docx" for name in names], work)
    return {name: work / f"{name}.pdf" for name in names}


@pytest.fixture(scope="module")
def browser_printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    work = tmp_path_factory.mktemp("pdfhtml")
    pages = {"html": example, "html-signed": signed}
    for name, make in pages.items():
        (work / f"{name}.html").write_text(render_html(make()), encoding="utf-8")
    print_pages((work / f"{name}.html", work / f"{name}.pdf") for name in pages)
    return {name: work / f"{name}.pdf" for name in pages}


def widest_gap(path: Path) -> float:
    """The widest gap, in ems, between two Chinese characters next to each other on a line of the first page's body."""
    with pdfplumber.open(path) as pdf:
        chars = [c for c in pdf.pages[0].chars if is_wide(c["text"]) and c["text"].strip()]
    rows: dict[int, list[dict[str, Any]]] = {}
    for c in chars:
        rows.setdefault(round(c["top"]), []).append(c)
    gaps = [(b["x0"] - a["x1"]) / a["size"] for row in rows.values() for a, b in itertools.pairwise(sorted(row, key=lambda c: c["x0"]))]
    return max(gaps)


@pytest.mark.parametrize(("name", "spread"), [("char-grid", 0.9), ("char-grid-long-agency", 0.9), ("spaced", 0.09)])
def test_the_layouts_really_space_the_characters_out(name: str, spread: float, printed: dict[str, Path]) -> None:
    """The premise of the tests below: in these PDFs Chinese characters stand apart (a grid gap is about an em)."""
    assert widest_gap(printed[name]) >= spread


@pytest.mark.parametrize("name", sorted(ORIGINALS))
def test_words_read_as_written(name: str, printed: dict[str, Path]) -> None:
    """Title, preface, every paragraph, contact line, signature and date come back exactly as the input has them."""
    if name not in printed:
        pytest.skip("pandoc is not installed")
    original = ORIGINALS[name]()
    result = read_published(printed[name])
    assert result.report is not None
    assert words(result.report) == words(original)
    assert (result.report.date, result.report.signature or result.report.agency) == (original.date, original.signature or original.agency)
    if name != "pandoc":  # pandoc's .docx has no tables
        want, have = complete(original), complete(result.report)
        assert [c for c in want if want[c] != have[c]] == []
        assert result.findings == []


@pytest.mark.parametrize("name", ["html", "html-signed"])
def test_browser_pdf_words_read_as_written(name: str, browser_printed: dict[str, Path]) -> None:
    """A browser's PDF names some glyphs by twin code points (〈 U+2329, 戶): read as the characters written."""
    original = (example if name == "html" else signed)()
    result = read_published(browser_printed[name])
    assert result.report is not None
    assert words(result.report) == words(original)
    assert result.report.date == original.date


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory: pytest.TempPathFactory) -> tuple[Report, Report, list[int]]:
    """``build -f pdf`` → ``import`` → ``check`` through the CLI: the original, the report imported and the exit codes."""
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.skip("LibreOffice (soffice) is not installed")
    runner = CliRunner()
    work = tmp_path_factory.mktemp("roundtrip")
    original = example().model_copy(update={"signature": SIGNED, "date": dt.date(2026, 12, 31)})
    source = work / "report.yaml"
    source.write_text(dump_yaml(original), encoding="utf-8")
    built = runner.invoke(app, ["build", str(source), "-o", str(work / "out"), "-f", "pdf"])
    (pdf,) = (work / "out").glob("*.pdf")
    imported = work / "imported.yaml"
    result = runner.invoke(app, ["import", str(pdf), "-o", str(imported)])
    checked = runner.invoke(app, ["check", str(imported)])
    back = read_yaml(imported).report
    assert back is not None
    return original, back, [built.exit_code, result.exit_code, checked.exit_code]


def test_build_pdf_import_check_round_trip(round_trip: tuple[Report, Report, list[int]]) -> None:
    """``build -f pdf`` → ``import`` → ``check``: every step exits 0; the same cells, title, date and signature."""
    original, back, exits = round_trip
    assert exits == [0, 0, 0]
    assert complete(back) == complete(original)
    assert (back.date, back.signature, back.agency, back.year) == (original.date, SIGNED, original.agency, original.year)
    want, got = words(original), words(back)
    assert {key: got[key] for key in ("title", "preface", "contact", "signature", "date")} == {
        key: want[key] for key in ("title", "preface", "contact", "signature", "date")
    }


def test_build_pdf_round_trip_words(round_trip: tuple[Report, Report, list[int]]) -> None:
    original, back, _ = round_trip
    assert words(back) == words(original)


# ---------------------------------------------------------------- glyphs → text, without a PDF


def glyphs(*placed: tuple[str, float], size: float = 16.0) -> list[dict[str, Any]]:
    """Characters at the given left edges, each as wide as the font size (Chinese) or half of it (Latin)."""
    return [{"text": t, "x0": x, "x1": x + (size if is_wide(t) else size / 2), "size": size} for t, x in placed]


def evenly(text: str, pitch: float, start: float = 100.0, size: float = 16.0) -> list[dict[str, Any]]:
    return glyphs(*((t, start + i * pitch) for i, t in enumerate(text)), size=size)


@pytest.mark.parametrize(
    ("chars", "text"),
    [
        (evenly("本年度收到申请", 32.9), "本年度收到申请"),  # LibreOffice's grid: a gap of about an em after every character
        (evenly("本年度收到申请", 16.0), "本年度收到申请"),  # set solid
        (evenly("本年度，收到申请。", 17.3), "本年度，收到申请。"),  # justified
        (glyphs(("共", 100), ("2", 124), ("0", 132), ("件", 148)), "共20件"),  # digits in a grid cell
        (glyphs(("A", 100), ("P", 108), ("E", 116), ("C", 124), ("商", 140), ("务", 172)), "APEC商务"),
        (glyphs(("云", 100), ("溪", 116), ("局", 132), ("2", 180), ("0", 188), ("2", 196), ("0", 204), ("年", 212)), "云溪局 2020年"),
        (glyphs(("陈", 100), ("静", 116), ("\u3000", 132), ("联", 148), ("系", 164)), "陈静\u3000联系"),  # a printed blank is text
        (glyphs(("a", 100), ("b", 108), ("c", 124), ("d", 132)), "ab cd"),  # a word space with no blank glyph
        (glyphs(("a", 100), ("b", 110), ("c", 130), ("d", 140)), "ab cd"),  # letter-spaced Latin keeps its word space
        (glyphs(("a", 100), ("b", 112)), "a b"),
        (glyphs(("—", 100), (" ", 116), ("3", 120), (" ", 128), ("—", 132)), "— 3 —"),
        ([], ""),
    ],
)
def test_line_text(chars: list[dict[str, Any]], text: str) -> None:
    assert line_text(chars) == text


@pytest.mark.parametrize(
    ("printed", "text"),
    [("申 请 人 情 况", "申请人情况"), ("（一）予以\n公开", "（一）予以公开"), ("APEC 商务", "APEC商务"), ("1 268", "1 268"), (None, "")],
)
def test_cell_text(printed: str | None, text: str) -> None:
    """A label distributed over its cell loses the spaces between its characters; digits keep theirs (the number
    parser decides what ``1 268`` is)."""
    assert cell_text(printed) == text


def test_line_text_order_does_not_matter() -> None:
    chars = evenly("政府信息公开", 30.0)
    assert line_text(list(reversed(chars))) == "政府信息公开"


# ---------------------------------------------------------------- 署名 and 成文日期


def lines(*texts: str) -> list[Line]:
    return [Line(t, Source(file="t", line=n)) for n, t in enumerate(texts, 1)]


BODY = "本年度无其他需要报告的事项。"


@pytest.mark.parametrize(
    ("texts", "signature", "date"),
    [
        ((BODY, "云溪县市场监督管理局", "2026年1月20日"), "云溪县市场监督管理局", dt.date(2026, 1, 20)),
        ((BODY, "云溪县市场监督管理局", "2026年1月", "20日"), "云溪县市场监督管理局", dt.date(2026, 1, 20)),  # wrapped date
        ((BODY, "云溪县市场监督管理局", "二〇二五年一月二十日"), "云溪县市场监督管理局", dt.date(2025, 1, 20)),
        ((BODY, "云溪县人民政府办公室", "二○二五年十二月三十一日"), "云溪县人民政府办公室", dt.date(2025, 12, 31)),  # ○ for 〇
        ((BODY, "云溪县市场监督管理局 2026年1月20日"), "云溪县市场监督管理局", dt.date(2026, 1, 20)),  # one line
        ((BODY, "云溪县市场监督管理局2026", "年1月20日"), "云溪县市场监督管理局", dt.date(2026, 1, 20)),  # one line, wrapped
        ((BODY, "云 溪 县 市 场 监 督 管 理 局", "2 0 2 6 年 1 月 2 0 日"), "云溪县市场监督管理局", dt.date(2026, 1, 20)),
        ((BODY, "二 〇 二 六 年 一 月 二 十 日"), None, dt.date(2026, 1, 20)),
        ((BODY, "本年度共收到申请2026件，其中2026年1月20日"), None, None),  # a sentence is no signature
    ],
)
def test_closing(texts: tuple[str, ...], signature: str | None, date: dt.date | None) -> None:
    before, found_signature, found_date, after = closing(lines(*texts))
    assert (found_signature, found_date, after) == (signature, date, [])
    assert [line.text for line in before][:1] == [BODY]


def test_date_parsers_cope_with_layout_spaces() -> None:
    assert parse_date("2026 年 1 月 20 日") == dt.date(2026, 1, 20)
    assert parse_date("二〇二六年二月三十日") is None


@pytest.mark.parametrize("name", sorted(ORIGINALS))
def test_pdfium_and_pdfminer_read_the_same(name: str, printed: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """Character grids, spaced-out text, one-line closings and pandoc's styles: the same report from either reader."""
    if name not in printed:
        pytest.skip("pandoc is not installed")
    assert_readers_agree(printed[name], monkeypatch)


@pytest.mark.parametrize("name", ["html", "html-signed"])
def test_pdfium_and_pdfminer_read_a_browser_pdf_the_same(
    name: str, browser_printed: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert_readers_agree(browser_printed[name], monkeypatch)
