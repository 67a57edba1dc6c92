"""The .docx users get, as LibreOffice lays it out (converted to PDF and read back from the glyph positions): 28
characters a line, 22 lines a page, and every word and punctuation mark of the narrative printed."""

from __future__ import annotations

import itertools
import re
import shutil
from typing import Any

import pdfplumber
import pytest

from generator.readers.yaml_reader import read_yaml
from generator.render.docx import render_docx, write_reference
from generator.render.docx.layout import BODY_SIZE, CHARS_PER_LINE, LINE, MARGINS_MM
from generator.render.pdf import convert_many, render_pdf
from generator.report import Report
from generator.view import ReportView, build_view

from .conftest import EXAMPLE
from .factories import distinct_report
from .test_docx_package import word_template

pytestmark = pytest.mark.skipif(
    not (shutil.which("soffice") or shutil.which("libreoffice")), reason="LibreOffice (soffice) is not installed"
)

INDENT = 2  # characters before the first line of a body paragraph
# plain Chinese text without punctuation, so that no line-breaking rule moves a character: lines break by width alone
PLAIN = "本机关坚持以公开为常态不公开为例外围绕中心工作做好政府信息主动公开及时回应社会关切推进决策执行管理服务结果公开"
EXACT = (PLAIN * 2)[: CHARS_PER_LINE - INDENT + CHARS_PER_LINE]  # fills two lines exactly
ONE_OVER = (PLAIN * 2)[1 : CHARS_PER_LINE - INDENT + CHARS_PER_LINE + 2]  # one character more
LONG = (PLAIN * 40)[3 : 3 + CHARS_PER_LINE * 60]  # pages of one paragraph: no page break is moved to keep lines together
LEFT_MARGIN_PT = MARGINS_MM["left"] / 25.4 * 72
Printed = list[list[tuple[float, float, str]]]  # per page, each body-size line's top, left edge and text


def example() -> Report:
    report = read_yaml(EXAMPLE).report
    assert report is not None
    return report


def measured() -> Report:
    return distinct_report("2021", agency="云溪县市场监督管理局", text={"overview": "\n\n".join([EXACT, ONE_OVER, LONG])})


REPORTS = {"example": example, "measured": measured}


@pytest.fixture(scope="module")
def lines(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Printed]:
    """Each report's body-size lines (3号: not the title, tables or page numbers) per page, top to bottom."""
    folder = tmp_path_factory.mktemp("docx-libreoffice")
    sources = []
    for name, make in REPORTS.items():
        render_docx(make(), folder / f"{name}.docx")
        sources.append(folder / f"{name}.docx")
    convert_many(sources, folder)
    out = {}
    for name in REPORTS:
        with pdfplumber.open(folder / f"{name}.pdf") as pdf:
            out[name] = [page_lines(page.chars) for page in pdf.pages]
    return out


def page_lines(chars: list[dict[str, Any]]) -> list[tuple[float, float, str]]:
    body = [c for c in chars if abs(c["size"] - BODY_SIZE) < 0.6 and c["text"].strip()]
    rows: dict[int, list[dict[str, Any]]] = {}
    for c in body:
        rows.setdefault(round(c["top"]), []).append(c)
    placed = [sorted(row, key=lambda c: c["x0"]) for _, row in sorted(rows.items())]
    return [(row[0]["top"], row[0]["x0"], "".join(c["text"] for c in row)) for row in placed]


@pytest.fixture(scope="module")
def template_lines(tmp_path_factory: pytest.TempPathFactory) -> Printed:
    """``build -f pdf --reference-doc`` with a unit's template as Word writes it (see ``word_template``)."""
    folder = tmp_path_factory.mktemp("template-pdf")
    write_reference(folder / "base.docx")
    word_template(folder / "base.docx", folder / "unit.docx")
    render_pdf(example(), folder / "report.pdf", reference_doc=folder / "unit.docx")
    with pdfplumber.open(folder / "report.pdf") as pdf:
        return [page_lines(page.chars) for page in pdf.pages]


def paragraphs(pages: Printed) -> list[list[str]]:
    """The printed lines grouped into paragraphs: a paragraph's first line is indented, the lines after it are not."""
    out: list[list[str]] = []
    for _, x0, text in (line for page in pages for line in page):
        if x0 > LEFT_MARGIN_PT + BODY_SIZE or not out:
            out.append([text])
        else:
            out[-1].append(text)
    return out


def narrative(view: ReportView) -> str:
    """Every body-size word of the report in reading order: preface, part headings and paragraphs, contact, closing."""
    texts = [p.text for p in view.preface]
    for part in view.parts:
        texts += [part.heading, *(p.text for p in part.paragraphs)]
    return "".join([*texts, view.contact, view.signature, view.date])


def no_space(text: str) -> str:
    return re.sub(r"\s", "", text)


def test_every_word_and_punctuation_mark_is_printed(lines: dict[str, Printed]) -> None:
    """Nothing hanging past the line end is left out: the body text read back is the narrative, 、 and 。 included."""
    printed = "".join(text for page in lines["example"] for _, _, text in page)
    written = no_space(narrative(build_view(example())))
    assert written.count("、") > 20 and written.count("。") > 20  # the premise: many chances to hang at a line end
    assert printed == written


def test_a_units_template_loses_no_punctuation_in_the_pdf(template_lines: Printed) -> None:
    printed = "".join(text for page in template_lines for _, _, text in page)
    assert printed == no_space(narrative(build_view(example())))
    widest = max(sum(not c.isascii() for c in text) for page in template_lines for _, _, text in page)
    assert widest == CHARS_PER_LINE  # its character grid left out: LibreOffice would set about 14 a line


def test_28_characters_fill_a_line_and_29_do_not(lines: dict[str, Printed]) -> None:
    first = CHARS_PER_LINE - INDENT
    printed = {"".join(p): p for p in paragraphs(lines["measured"])}
    assert printed[EXACT] == [EXACT[:first], EXACT[first:]]
    assert printed[ONE_OVER] == [ONE_OVER[:first], ONE_OVER[first:-1], ONE_OVER[-1]]
    assert len(EXACT[first:]) == CHARS_PER_LINE


def test_full_lines_of_continuous_text_hold_28_characters(lines: dict[str, Printed]) -> None:
    (printed,) = (p for p in paragraphs(lines["measured"]) if "".join(p) == LONG)
    full = (len(LONG) - (CHARS_PER_LINE - INDENT)) // CHARS_PER_LINE
    rest = len(LONG) - (CHARS_PER_LINE - INDENT) - full * CHARS_PER_LINE
    assert [len(line) for line in printed] == [CHARS_PER_LINE - INDENT] + [CHARS_PER_LINE] * full + [rest]


def test_a_page_of_continuous_text_holds_22_lines(lines: dict[str, Printed]) -> None:
    inside = [page for page in lines["measured"] if page and all(text in LONG for _, _, text in page)]
    assert len(inside) >= 2  # pages the long paragraph fills from top to bottom
    for page in inside:
        assert len(page) == 22
        gaps = [b[0] - a[0] for a, b in itertools.pairwise(page)]
        assert all(abs(gap - LINE / 20) < 0.5 for gap in gaps), gaps
