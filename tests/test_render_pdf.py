"""Print layout of the PDF made through LibreOffice, checked from the text positions of every sample and of stress
inputs: pages at least half full, 表三 continued between row groups with its headers, 表四 whole, title breaks,
署名 and 成文日期 per GB/T 9704 §7.3.5.2, no label with a lonely character.
All documents are converted in one LibreOffice start; the font replacement and its warning are tested without it."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from generator.formats.common import RESULTS_SECTION
from generator.formats.fit import LABEL_WORDS, label_cells
from generator.pipeline import read_input, render
from generator.render.docx import docx_bytes
from generator.render.docx.layout import CHARS_PER_LINE
from generator.render.pdf import PROGRAM_ENV, convert_many, font_replacements, missing_fonts, registry_xml
from generator.report import Report
from generator.view import ReportView, build_view

from .conftest import sample_yamls
from .factories import distinct_report
from .pdf_layout import (
    Line,
    bad_title_breaks,
    first_column_text,
    label_pages,
    page_fill,
    read_pages,
    rows_off_the_first_page,
    signature_offsets,
    single_character_lines,
    split_words,
    table_lines,
    title_breaks,
)
from .test_render_docx import WRITES_PDF, fake_soffice
from .test_title import follows_line_breaking_rules

TOOLS = [tool for tool in ("pdftotext",) if not shutil.which(tool)]
if not (shutil.which("soffice") or shutil.which("libreoffice")):
    TOOLS.append("soffice (LibreOffice)")
needs_tools = pytest.mark.skipif(bool(TOOLS), reason=f"not installed: {', '.join(TOOLS)}")

BRACKETED = "云溪县人民政府办公室（云溪县人民政府外事办公室、云溪县人民政府港澳事务办公室）"
LONG_AGENCY = "浙江省宁波市鄞州区首南街道办事处社会事务管理与综合行政执法协调服务中心党政办公室"
PARAGRAPH = "本机关坚持以公开为常态、不公开为例外，围绕中心工作做好政府信息主动公开，及时回应社会关切，“三审”制度落实到位。"


def stress(version: str, agency: str, paragraphs: int, date: dt.date) -> Report:
    """Five-digit counts in every cell (totals computed), the given agency and a part 一 of ``paragraphs`` paragraphs."""
    overview = "\n\n".join(f"（{'一二三四五六七八九十'[i % 10]}）{PARAGRAPH}" if i % 3 else PARAGRAPH for i in range(paragraphs))
    return distinct_report(
        version,
        first=10000,
        step=1,
        amount=Decimal("12345.67"),
        not_applicable_every=10**9,
        totals=False,
        agency=agency,
        date=date,
        text={"overview": overview, "problems": PARAGRAPH},
    )


def all_reports() -> dict[str, Report]:
    reports = {}
    for path in sample_yamls():
        report = read_input(path).report
        assert report is not None
        reports[path.stem] = report
    assert len(LONG_AGENCY) == 40
    reports["stress-2021-long-agency-one-paragraph"] = stress("2021", LONG_AGENCY, 1, dt.date(2022, 1, 20))
    reports["stress-2019-twelve-paragraphs"] = stress("2019", "某市人民政府办公室", 12, dt.date(2020, 1, 17))
    reports["stress-2021-twelve-paragraphs-short-agency"] = stress("2021", "某局", 12, dt.date(2022, 12, 31))
    reports["stress-2019-one-paragraph-long-agency"] = stress("2019", LONG_AGENCY[:20], 1, dt.date(2020, 11, 30))
    reports["bracketed-agency"] = reports["example-county-bureau-2021"].model_copy(update={"agency": BRACKETED})
    for stem, more in (("example-county-bureau-2021", (4, 9, 15, 20)), ("taizhou-jiguanshiwu-2019", (3, 8, 13, 18))):
        for lines in more:  # part 一 longer by a few lines: 表三 starts further down its page
            text = reports[stem].text
            longer = text.model_copy(update={"overview": text.overview + "\n\n" + (PARAGRAPH * 20)[: lines * 28]})
            reports[f"{stem}-{lines}-lines-more"] = reports[stem].model_copy(update={"text": longer})
    return reports


REPORTS = all_reports()


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Report, ReportView, list[list[Line]]]]:
    """Every report rendered as .docx and converted to PDF in one LibreOffice call, read back as positioned lines."""
    folder = tmp_path_factory.mktemp("pdf")
    sources = []
    for name, report in REPORTS.items():
        source = folder / f"{name}.docx"
        source.write_bytes(docx_bytes(report, libreoffice=True))
        sources.append(source)
    convert_many(sources, folder)
    return {name: (report, build_view(report), read_pages(folder / f"{name}.pdf")) for name, report in REPORTS.items()}


@needs_tools
@pytest.mark.parametrize("name", list(REPORTS))
def test_table_four_stays_whole_with_its_heading(name: str, printed: dict) -> None:
    _, view, pages = printed[name]
    part = next(part for part in view.parts if part.table and part.table.key == "reviews")
    assert rows_off_the_first_page(pages, part.table) == [], name
    heading = [n for n, page in enumerate(pages) for line in page if line.text == part.heading]
    assert heading == [next(n for n, page in enumerate(pages) if any("行政复议" in line.text for line in table_lines(page)))]


@needs_tools
@pytest.mark.parametrize("name", list(REPORTS))
def test_no_page_but_the_last_is_less_than_half_full(name: str, printed: dict) -> None:
    _, _, pages = printed[name]
    fills = [round(page_fill(page), 2) for page in pages]
    assert all(fill >= 0.5 for fill in fills[:-1]), (name, fills)


@needs_tools
@pytest.mark.parametrize("name", list(REPORTS))
def test_table_three_continues_only_between_row_groups_with_headers_and_label_repeated(name: str, printed: dict) -> None:
    _, view, pages = printed[name]
    table = next(part.table for part in view.parts if part.table and part.table.key == "applications")
    found = label_pages(pages, table)
    body = [cell for row in table.rows[table.header_rows :] for cell in row if (cell.row, cell.col) in found]
    rows = [cell for cell in body if cell.rowspan == 1]  # one label a row (a group label may be found elsewhere too)
    spread = sorted({found[(cell.row, cell.col)][0] for cell in rows})
    for cell in body:  # a group's rows are printed on the page of its label
        if cell.col > 0 and cell.rowspan > 1:
            inside = [c for c in rows if cell.row <= c.row < cell.row + cell.rowspan and c.col > cell.col]
            on = {found[(c.row, c.col)][0] for c in inside}
            assert len(on) == 1 and on <= set(found[(cell.row, cell.col)]), (name, cell.text, on)
    header = [cell for row in table.rows[: table.header_rows] for cell in row if (cell.row, cell.col) in found]
    for page in spread:  # the header rows on every page of the table, the outer group label where its rows go on
        assert all(page in found[(cell.row, cell.col)] for cell in header), (name, page)
        here = [cell.row for cell in rows if found[(cell.row, cell.col)][0] == page]
        results = next(cell for row in table.rows for cell in row if cell.text == RESULTS_SECTION)
        if any(results.row <= r < results.row + results.rowspan for r in here):
            assert RESULTS_SECTION.replace("、", "")[1:] in first_column_text(pages[page]).replace("、", ""), (name, page)
    assert spread == list(range(spread[0], spread[0] + len(spread))), (name, spread)


@needs_tools
@pytest.mark.parametrize("name", list(REPORTS))
def test_title_breaks_only_at_its_joints(name: str, printed: dict) -> None:
    report, view, pages = printed[name]
    lines = title_breaks(pages)
    assert "".join(lines) == view.title
    assert bad_title_breaks(lines, report.agency) == []


@needs_tools
@pytest.mark.parametrize("name", list(REPORTS))
def test_title_lines_follow_the_chinese_line_breaking_rules(name: str, printed: dict) -> None:
    _, view, pages = printed[name]
    lines = title_breaks(pages)
    assert "".join(lines) == view.title and follows_line_breaking_rules(lines), lines


@needs_tools
@pytest.mark.parametrize("name", list(REPORTS))
def test_no_table_label_is_split_inside_a_word(name: str, printed: dict) -> None:
    _, _, pages = printed[name]
    assert split_words(pages, LABEL_WORDS) == [], name


@needs_tools
@pytest.mark.parametrize("name", list(REPORTS))
def test_date_starts_two_characters_right_of_the_signature(name: str, printed: dict) -> None:
    _, view, pages = printed[name]
    if not view.date:
        pytest.skip("no 成文日期 in this input")
    if len(view.signature) + 2 > CHARS_PER_LINE:
        pytest.skip("a signature longer than a line is not covered by the rule")
    shift, margin = signature_offsets(pages, view)
    assert shift == pytest.approx(2.0, abs=0.3), name
    assert margin == pytest.approx(2.0, abs=0.3), name


@needs_tools
@pytest.mark.parametrize("name", list(REPORTS))
def test_no_table_label_ends_with_one_character(name: str, printed: dict) -> None:
    report, _, pages = printed[name]
    labels = {text for table in report.spec.tables for text, _ in label_cells(table)}
    assert single_character_lines(pages, labels) == []


# ---------------------------------------------------------------- fonts (no LibreOffice needed)


def test_missing_official_fonts_get_free_substitutes() -> None:
    installed = frozenset({"Noto Serif CJK SC", "Noto Sans CJK SC", "Liberation Serif", "黑体"})
    chosen = font_replacements(installed)
    assert chosen["仿宋_GB2312"] == chosen["方正小标宋简体"] == chosen["楷体_GB2312"] == "Noto Serif CJK SC"
    assert "黑体" not in chosen  # installed: never replaced
    assert chosen["Times New Roman"] == "Liberation Serif"
    assert missing_fonts(installed) == ["方正小标宋简体", "仿宋_GB2312", "楷体_GB2312", "宋体"]
    assert missing_fonts(frozenset({"方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体"})) == []
    table = registry_xml(chosen)
    assert "<value>仿宋_GB2312</value>" in table and "<value>Noto Serif CJK SC</value>" in table
    assert 'oor:path="/org.openoffice.Office.Common/Font/Substitution/FontPairs"' in table


def test_pdf_output_warns_when_official_fonts_are_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.render.pdf as pdf

    monkeypatch.setenv(PROGRAM_ENV, str(fake_soffice(tmp_path, WRITES_PDF)))
    monkeypatch.setattr(pdf, "installed_families", lambda: frozenset({"Noto Serif CJK SC", "黑体"}))
    warnings: list = []
    out = tmp_path / "out"
    out.mkdir()
    written = render(REPORTS["stress-2019-twelve-paragraphs"], out, "r", ["pdf"], warnings=warnings)
    assert [p.name for p in written] == ["r.pdf"]
    assert [(w.code, w.severity) for w in warnings] == [("PDF-FONT-SUBSTITUTED", "warning")]
    assert "方正小标宋简体、仿宋_GB2312、楷体_GB2312、宋体" in warnings[0].message
    assert warnings[0].message.startswith("本机未安装公文字体方正小标宋简体、仿宋_GB2312、楷体_GB2312、宋体，")
