"""Published reports as PDF: made by LibreOffice from Word and by a browser from HTML, split tables, scans, hostile files."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image
from typer.testing import CliRunner

from generator.cli import app
from generator.errors import InputError
from generator.findings import Source
from generator.readers.published import coverage, pagination, read_published
from generator.readers.published import pdf as pdf_reader
from generator.readers.published.items import Field
from generator.readers.published.pagination import continues
from generator.readers.yaml_reader import read_yaml
from generator.render.docx import render_docx
from generator.render.html import render_html
from generator.render.pdf import convert_many
from generator.report import Report
from generator.values import complete

from .conftest import sample_yamls
from .factories import distinct_report
from .pdf_agreement import assert_readers_agree, plain
from .printing import print_pages
from .test_import import words

SCANNED = "这是扫描件，没有文字层（只有图片），无法读取文字；reportgen 不做文字识别（OCR），请取得网页版、Word 版或带文字层的 PDF"


def sample(path: Path) -> Report:
    report = read_yaml(path).report
    assert report is not None
    return report


def long_overview(report: Report) -> Report:
    """A part 一 long enough to push table 3 across a page break (its header rows repeat on the next page)."""
    text = report.text.model_copy(update={"overview": "\n\n".join([report.text.overview or "本年度工作概况。"] * 4)})
    return report.model_copy(update={"text": text})


def originals() -> dict[str, Report]:
    out = {p.stem: sample(p) for p in sample_yamls()}
    out["stress-2021"] = long_overview(out["example-county-bureau-2021"])
    out["distinct-2019"] = distinct_report("2019")
    out["distinct-2021"] = distinct_report("2021")
    return out


@pytest.fixture(scope="session")
def libreoffice_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every sample (and a few made-up reports) rendered to .docx, then to PDF in one LibreOffice run."""
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.skip("LibreOffice (soffice) is not installed")
    work = tmp_path_factory.mktemp("pdf")
    docs = []
    for name, report in originals().items():
        render_docx(report, work / f"{name}.docx")
        docs.append(work / f"{name}.docx")
    convert_many(docs, work)
    return {name: work / f"{name}.pdf" for name in originals()}


def rows_break(html: str) -> str:
    """The page as a word processor may print it: table rows allowed to break across pages, cells set at the top, and
    one row of table 3 (“5.要求行政机关确认…”) made so tall that the next rows, in the merged “（六）其他处理”, reach
    the foot of an A5 page and one of them is cut by the page break."""
    css = (
        "<style>@page { size: A5; } .rg-table tr, .rg-table th, .rg-table td { break-inside: auto !important; }"
        " .rg-table tr.rg-keep { break-before: auto !important; } .rg-table .rg-again { display: none !important; }"
        " .rg-table td, .rg-table th { vertical-align: top !important; }</style></head>"
    )
    row = '<tr class="rg-keep"><th class="rg-label" scope="row"><span>5.要求</span>'
    assert row in html
    return html.replace("</head>", css, 1).replace(row, row.replace("<tr ", '<tr style="height:240px" '), 1)


@pytest.fixture(scope="session")
def browser_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two samples printed to PDF by a headless browser from reportgen's HTML (another program's layout and fonts)."""
    work = tmp_path_factory.mktemp("browser")
    out: dict[str, Path] = {}
    small_paper = "<style>@page { size: A5; }</style></head>"  # table 3 cannot fit: it runs over a page break
    for name, source in (
        ("liaocheng-fao-2019", "liaocheng-fao-2019"),
        ("example-county-bureau-2021", "example-county-bureau-2021"),
        ("a5-example-county-bureau-2021", "example-county-bureau-2021"),
        ("rows-break-example-county-bureau-2021", "example-county-bureau-2021"),
    ):
        html = render_html(originals()[source])
        page = work / f"{name}.html"
        if name.startswith("a5-"):
            html = html.replace("</head>", small_paper, 1)
        if name.startswith("rows-break-"):
            html = rows_break(html)
        page.write_text(html, encoding="utf-8")
        out[name] = work / f"{name}.pdf"
    print_pages((work / f"{name}.html", pdf) for name, pdf in out.items())
    return out


@pytest.mark.parametrize("name", sorted(originals()))
def test_pdf_round_trip_is_exact(name: str, libreoffice_pdfs: dict[str, Path]) -> None:
    """build → PDF → import: zero cell differences, the words as written (LibreOffice sets the .docx's character grid
    with a gap after every Chinese character), no import warning, every table fully placed."""
    original = originals()[name]
    result = read_published(libreoffice_pdfs[name])
    assert result.report is not None
    want, have = complete(original), complete(result.report)
    assert [c for c in want if want[c] != have[c]] == []
    assert words(result.report) == words(original)
    assert result.findings == []
    assert (result.report.year, result.report.format) == (original.year, original.format)
    if original.title is None:  # the default title names the agency
        assert result.report.agency == original.agency
    assert all(c.placed == c.expected for c in coverage(result))


def test_table_split_across_pages_is_joined(browser_pdfs: dict[str, Path]) -> None:
    """Table 3 runs over a page break with its header rows repeated: read as one table, the repeat dropped."""
    path = browser_pdfs["a5-example-county-bureau-2021"]
    with pdfplumber.open(path) as pdf:
        # NFKC: a browser's PDF may carry radical glyphs (⼈ for 人)
        pages = [i for i, page in enumerate(pdf.pages) if "申请人情况" in unicodedata.normalize("NFKC", page.extract_text() or "")]
    assert len(pages) >= 2 and pages == list(range(pages[0], pages[0] + len(pages)))  # the header printed again on each page
    original = originals()["example-county-bureau-2021"]
    result = read_published(path)
    assert result.report is not None
    want, have = complete(original), complete(result.report)
    assert [c for c in want if want[c] != have[c]] == []
    assert all(c.placed == c.expected for c in coverage(result))
    assert [f for f in result.findings if f.severity == "error"] == []


@pytest.mark.parametrize("name", ["liaocheng-fao-2019", "example-county-bureau-2021"])
def test_browser_pdf(name: str, browser_pdfs: dict[str, Path]) -> None:
    """A PDF printed by a browser (Latin digits set off the baseline, radical glyphs, heading rules) imports exactly."""
    original = originals()[name]
    result = read_published(browser_pdfs[name])
    assert result.report is not None
    want, have = complete(original), complete(result.report)
    assert [c for c in want if want[c] != have[c]] == []
    assert words(result.report) == words(original)
    assert result.findings == []
    assert result.report.year == original.year
    if original.title is None:
        assert result.report.agency == original.agency


def test_browser_a5_page_numbers_are_furniture(browser_pdfs: dict[str, Path]) -> None:
    """On A5 the page number “— 6 —” sits above the bottom 15% of the page: it is furniture all the same (it recurs at the
    same height on every page), so nothing trails the date and no part gains a stray paragraph."""
    original = originals()["example-county-bureau-2021"]
    result = read_published(browser_pdfs["a5-example-county-bureau-2021"])
    assert result.report is not None
    # table 4's font shrinks to the A5 text block: every column is printed, its last 总计 included
    assert [f.code for f in result.findings] == []
    want_cells, have_cells = complete(original), complete(result.report)
    assert [c for c in want_cells if want_cells[c] != have_cells[c]] == []
    got, want = words(result.report), words(original)
    assert {key: got[key] for key in ("reviews", "problems", "other_matters", "signature", "date", "contact")} == {
        key: want[key] for key in ("reviews", "problems", "other_matters", "signature", "date", "contact")
    }


def test_row_cut_by_a_page_break_is_joined(browser_pdfs: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """A row allowed to break across pages: its label's last lines (and the piece of the merged “（六）其他处理”) atop the
    next page are joined back to it, so the row is read whole and no row is missing."""
    path = browser_pdfs["rows-break-example-county-bureau-2021"]
    joined: list[str] = []

    def spy(last: list[Field], first: list[Field]) -> bool:
        if found := continues(last, first):
            joined.append("".join(f.text for f in last))
        return found

    monkeypatch.setattr(pagination, "continues", spy)
    original = originals()["example-county-bureau-2021"]
    result = read_published(path)
    assert result.report is not None
    want, have = complete(original), complete(result.report)
    assert [c for c in want if want[c] != have[c]] == []
    assert all(c.placed == c.expected for c in coverage(result))
    assert [f.code for f in result.findings] == []
    assert len(joined) == 1  # the layout really cut a row, and it was joined back


def fields(*texts: str) -> list[Field]:
    return [Field(text, Source(file="t", line=1, column=c)) for c, text in enumerate(texts, 1)]


@pytest.mark.parametrize(
    ("last", "first", "joined"),
    [
        (fields("1.申请人无正当理由逾期不补正、", "", ""), fields("行政机关不再处理其政府信息公开申请", "1", "1"), True),
        (
            fields("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "1", "1"),
            fields("", "", ""),
            True,
        ),  # a tall row's empty rest
        (fields("2.重复申请", "1", "1"), fields("3.要求提供公开出版物", "0", "0"), False),  # two whole rows
        (fields("2.重复申请", "", ""), fields("3.要求提供公开出版物", "", ""), False),  # two rows printed blank
        (fields("2.重复申请", "", ""), fields("", "1", "1"), True),  # the numbers set lower in a tall row
        (fields("2.重复申请", "", ""), fields("另一行", "1", "1"), False),  # a whole row, then another label
    ],
)
def test_which_rows_continue(last: list[Field], first: list[Field], joined: bool) -> None:
    assert continues(last, first) is joined


@pytest.mark.parametrize("name", ["example-county-bureau-2021", "stress-2021"])
def test_libreoffice_page_numbers_found_by_repetition(
    name: str, libreoffice_pdfs: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without any margin band, the “— N —” LibreOffice prints on every page is still found (by repetition)."""
    monkeypatch.setattr(pdf_reader, "MARGIN", 0.0)
    original = originals()[name]
    result = read_published(libreoffice_pdfs[name])
    assert result.report is not None
    assert result.findings == []
    assert complete(result.report) == complete(original)
    texts = [result.report.preface or "", *(getattr(result.report.text, key) for key in type(result.report.text).model_fields)]
    assert [t for t in texts if re.search(r"—\s*\d+\s*—", t)] == []


def image_only_pdf(source: Path, target: Path) -> None:
    """A scan: the first page rasterised (pdftoppm) and wrapped into a PDF that has no text at all."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler) is not installed")
    png = subprocess.run(["pdftoppm", "-r", "40", "-f", "1", "-l", "1", "-png", str(source)], check=True, capture_output=True).stdout
    Image.open(io.BytesIO(png)).convert("RGB").save(target, "PDF")


def test_scanned_pdf_exits_2(libreoffice_pdfs: dict[str, Path], tmp_path: Path, runner: CliRunner) -> None:
    scan = tmp_path / "scan.pdf"
    image_only_pdf(libreoffice_pdfs["liaocheng-fao-2019"], scan)
    with pytest.raises(InputError) as info:
        read_published(scan)
    assert info.value.message == SCANNED
    for command in (["import", str(scan), "-o", str(tmp_path / "x.yaml")], ["check", str(scan)]):
        result = runner.invoke(app, command)
        assert result.exit_code == 2
        assert result.stderr == f"错误：{scan}：{SCANNED}\n"
    assert not (tmp_path / "x.yaml").exists()


def test_too_many_pages_refused(libreoffice_pdfs: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 2)
    path = libreoffice_pdfs["example-county-bureau-2021"]
    with pytest.raises(InputError) as info:
        read_published(path)
    assert info.value.message.endswith("超过上限 2 页，不像一份年度报告")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF", "PDF 文件中没有任何页面"),
        (b"%PDF-1.4", "无法打开 PDF 文件（文件已损坏或不是有效的 PDF）"),
        (b"GIF89a not a pdf at all", "这不是 PDF 文件（缺少 %PDF 文件头）"),
    ],
)
def test_damaged_pdf_is_one_chinese_line(data: bytes, message: str, tmp_path: Path, runner: CliRunner) -> None:
    path = tmp_path / "damaged.pdf"
    path.write_bytes(data)
    result = runner.invoke(app, ["import", str(path), "-o", str(tmp_path / "x.yaml")])
    assert result.exit_code == 2
    assert result.stderr == f"错误：{path}：{message}\n"


def test_truncated_real_pdf(libreoffice_pdfs: dict[str, Path], tmp_path: Path) -> None:
    """A download cut off half-way: refused with a Chinese reason, never a traceback."""
    data = libreoffice_pdfs["zhoushan-fao-2019"].read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: len(data) // 3])
    try:
        result = read_published(path)
    except InputError as exc:
        assert "PDF" in exc.message or "扫描件" in exc.message
    else:  # pdfminer may recover the first pages: then the missing tables make it an incomplete import
        assert any(f.severity == "error" for f in result.findings)


@pytest.mark.parametrize("name", sorted(originals()))
def test_pdfium_and_pdfminer_read_the_same(name: str, libreoffice_pdfs: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """The page objects PDFium reads (three times faster) give the same report as pdfminer's, blanks aside."""
    assert_readers_agree(libreoffice_pdfs[name], monkeypatch)


@pytest.mark.parametrize("name", sorted(path.stem for path in sample_yamls()))
def test_a_pdf_rewritten_by_cairo_reads_as_the_original(name: str, libreoffice_pdfs: dict[str, Path], tmp_path: Path) -> None:
    """The same report saved again through cairo (what Linux print dialogs and document viewers write): every cell,
    word and finding as from the original. (pdfminer read 12–83 cells of these wrong or not at all.)"""
    if not shutil.which("pdftocairo"):
        pytest.skip("pdftocairo (poppler-utils) is not installed")
    rewritten = tmp_path / f"{name}.pdf"
    subprocess.run(["pdftocairo", "-pdf", str(libreoffice_pdfs[name]), str(rewritten)], check=True, capture_output=True)
    original, again = read_published(libreoffice_pdfs[name]), read_published(rewritten)
    assert again.report is not None and original.report is not None
    assert plain(again.report.model_dump(mode="json")) == plain(original.report.model_dump(mode="json"))
    assert [f.code for f in again.findings] == [f.code for f in original.findings]
