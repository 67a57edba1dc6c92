"""The HTML page as headless Chromium lays it out on a phone and a desktop, and as it prints to PDF.

Layout is measured by the browser itself: every page is loaded in frames 1280, 375 and 320 px wide inside one
harness page whose script writes what it measured into the DOM, read back with ``--dump-dom`` (one launch for all
pages). Printing goes through ``--print-to-pdf`` and ``pdftotext``.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import shutil
import subprocess
from decimal import Decimal

import pytest

from generator.readers.yaml_reader import read_yaml
from generator.render.html import render_html, signature_pieces
from generator.report import Narrative, Report
from generator.view import build_view

from .conftest import sample_yamls
from .factories import distinct_report
from .printing import BROWSER, needs_browser, print_pages

WIDTHS = (1280, 414, 390, 360, 320)  # a desktop, phones from the largest to the narrowest in use
LONG_AGENCY = "中共某某省某某自治州某某县委员会办公室某某自治州某某县人民政府办公室机关事务服务中心"
TWELVE_PARAGRAPHS = "\n\n".join(
    f"（{'一二三四五六七八九十'[i % 10]}）第{i + 1}段。" + "本机关依法公开政府信息，" * (3 + i % 4) for i in range(12)
)


MEASURE = """
<script>
function lines(node) {
  // the text offsets where a new line starts inside ``node``, from the layout of each character
  const starts = [];
  let offset = 0, lastTop = null;
  const walker = node.ownerDocument.createTreeWalker(node, NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    for (let i = 0; i < text.data.length; i++, offset++) {
      const range = node.ownerDocument.createRange();
      range.setStart(text, i); range.setEnd(text, i + 1);
      const rect = range.getClientRects()[0];
      if (!rect) continue;
      if (lastTop !== null && rect.top > lastTop + rect.height / 2) starts.push(offset);
      lastTop = rect.top;
    }
  }
  return starts;
}
function measure(frame) {
  const doc = frame.contentDocument;
  const width = doc.documentElement.clientWidth;
  const out = {page: doc.documentElement.scrollWidth - width, wrapped: [], overflow: [],
               orphans: [], title: [], signature: [], cut: [], unflowed: []};
  for (const wrap of doc.querySelectorAll(".rg-table-wrap")) {
    // a table wider than its box is reached by scrolling the box, never cut off by it
    const table = wrap.querySelector("table"), scrolls = ["auto", "scroll"].includes(getComputedStyle(wrap).overflowX);
    const wide = table.getBoundingClientRect().width > wrap.clientWidth + 0.5;
    if ((wide && !scrolls) || wrap.scrollWidth + 0.5 < table.getBoundingClientRect().width
        || wrap.getBoundingClientRect().right > width + 0.5) out.cut.push(table.className);
  }
  for (const block of doc.querySelectorAll(".rg-report h1, .rg-report h2, .rg-report h3, .rg-report p")) {
    if (block.getBoundingClientRect().right > width + 0.5 || block.scrollWidth > block.clientWidth + 0.5)
      out.unflowed.push(block.textContent.slice(0, 20));
  }
  for (const td of doc.querySelectorAll(".rg-table td")) {
    if (lines(td).length) out.wrapped.push(td.dataset.cell + "=" + td.textContent);
  }
  for (const cell of doc.querySelectorAll(".rg-table th, .rg-table td")) {
    if (cell.scrollWidth > cell.clientWidth) out.overflow.push(cell.textContent + " " + cell.scrollWidth + ">" + cell.clientWidth);
  }
  for (const th of doc.querySelectorAll(".rg-table th")) {
    if (th.rowSpan > 2) continue;  // a group label down many rows is printed one character a line
    const starts = lines(th), text = th.textContent;
    if (starts.length && text.length - starts[starts.length - 1] < 2) out.orphans.push(text);
  }
  for (const line of doc.querySelectorAll(".rg-title-line")) out.title.push(lines(line).length);
  // the copy of a group label kept for a printed page break takes no room on screen
  out.again = [...doc.querySelectorAll(".rg-again")].filter((e) => e.getClientRects().length > 0).length;
  out.copies = doc.querySelectorAll(".rg-again").length;
  out.signature = lines(doc.querySelector(".rg-signature"));
  // a Chinese quotation mark in body text is set full-width: about one em wide
  // (between two ideographs, where CJK typography does not trim it)
  const probe = doc.createElement("p");
  probe.className = "rg-body";
  probe.textContent = "中“中";
  doc.querySelector(".rg-report").appendChild(probe);
  const quote = doc.createRange();
  quote.setStart(probe.firstChild, 1); quote.setEnd(probe.firstChild, 2);
  out.quote = quote.getBoundingClientRect().width / parseFloat(getComputedStyle(probe).fontSize);
  probe.remove();
  return out;
}
window.addEventListener("load", async () => {
  const frames = [...document.querySelectorAll("iframe")];
  await Promise.all(frames.map((f) => f.contentDocument.fonts.ready));
  const results = {};
  for (const f of frames) results[f.name] = measure(f);
  document.getElementById("results").textContent = JSON.stringify(results);
});
</script>
"""


def five_digit_report(version: str, **fields: object) -> Report:
    """Every count five digits, every amount in the ten thousands."""
    return distinct_report(version, first=10000, step=1, amount=Decimal("98765.43"), **fields)


def stress_reports() -> dict[str, Report]:
    return {
        "five-digits-2021": five_digit_report("2021"),
        "five-digits-2019": five_digit_report("2019"),
        "six-digits-2021": distinct_report("2021", first=100000, step=7, amount=Decimal("98765.43")),
        "long-agency": five_digit_report("2021", agency=LONG_AGENCY, text=Narrative(overview=TWELVE_PARAGRAPHS), date=dt.date(2026, 1, 20)),
    }


def reports() -> dict[str, Report]:
    samples = {}
    for path in sample_yamls():
        report = read_yaml(path).report
        assert report is not None, path.name
        samples[path.stem] = report
    return {**samples, **stress_reports()}


@pytest.fixture(scope="module")
def layouts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """What the browser measured, by ``<page>@<width>``."""
    assert BROWSER is not None
    frames = [
        f'<iframe name="{name}@{width}" width="{width}" height="900" srcdoc="{html.escape(render_html(report), quote=True)}"></iframe>'
        for name, report in reports().items()
        for width in WIDTHS
    ]
    harness = tmp_path_factory.mktemp("browser") / "harness.html"
    harness.write_text(f'<!DOCTYPE html><html><body><pre id="results"></pre>{"".join(frames)}{MEASURE}</body></html>', encoding="utf-8")
    command = [
        BROWSER,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        "--virtual-time-budget=20000",
        "--dump-dom",
        harness.as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    found = re.search(r'<pre id="results">(.*?)</pre>', done.stdout, re.DOTALL)
    assert found and found.group(1), f"the browser wrote no measurements: {done.stderr[-2000:]}"
    return json.loads(html.unescape(found.group(1)))


PAGES = [path.stem for path in sample_yamls()] + list(stress_reports())


@needs_browser
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page", PAGES)
def test_numbers_never_wrap_and_nothing_overflows(layouts: dict[str, dict], page: str, width: int) -> None:
    measured = layouts[f"{page}@{width}"]
    assert measured["wrapped"] == [], "number cells broken over lines"
    assert measured["overflow"] == [], "cells whose content runs over their border"
    assert measured["page"] <= 0, "the page scrolls sideways (only tables may, inside their wrapper)"
    assert measured["cut"] == [], "tables cut off by their box (it must scroll to them)"
    assert measured["unflowed"] == [], "text running past the screen's edge instead of wrapping"
    assert measured["orphans"] == [], "labels whose last line holds a single character"
    assert measured["copies"] >= 1 and measured["again"] == 0, "the print copy of 三、本年度办理结果 shows on screen"


@needs_browser
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page", PAGES)
def test_title_lines_and_signature_hold_together(layouts: dict[str, dict], page: str, width: int) -> None:
    measured = layouts[f"{page}@{width}"]
    assert set(measured["title"]) == {0}, "a title line wrapped"
    signature = reports()[page].display_signature
    joints = {sum(len(p) for p in signature_pieces(signature)[:n]) for n in range(1, len(signature_pieces(signature)))}
    assert set(measured["signature"]) <= joints, f"the signature broke inside a word: {measured['signature']}"
    if len(signature) <= 14:
        assert measured["signature"] == []
    assert measured["quote"] > 0.9, f"“ is set {measured['quote']:.2f} em wide: a Latin font comes before the CJK ones"


PRINTED = [path.stem for path in sample_yamls()] + ["long-agency"]


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """Each page printed to PDF by the browser (A4, the page's print CSS), as the text of each sheet without spaces;
    the browsers run side by side."""
    assert BROWSER is not None
    folder = tmp_path_factory.mktemp("print")
    every = reports()
    for name in PRINTED:
        (folder / f"{name}.html").write_text(render_html(every[name]), encoding="utf-8")
    print_pages(((folder / f"{name}.html", folder / f"{name}.pdf") for name in PRINTED), timeout=120)
    sheets = {}
    for name in PRINTED:
        pdf = folder / f"{name}.pdf"
        assert pdf.exists(), f"the browser printed nothing for {name}"
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, timeout=60, check=True).stdout
        sheets[name] = [re.sub(r"\s+", "", sheet) for sheet in text.split("\f") if sheet.strip()]
    return sheets


@needs_browser
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
@pytest.mark.parametrize("page", PRINTED)
def test_printed_page_keeps_the_closing_together_and_numbers_its_sheets(printed: dict[str, list[str]], page: str) -> None:
    report = reports()[page]
    sheets = printed[page]
    numbers = [re.findall(r"—(\d+)—", sheet) for sheet in sheets]
    assert numbers == [[str(n)] for n in range(1, len(sheets) + 1)], "every sheet carries its number as “— n —”"
    date = build_view(report).date
    last_paragraph = re.sub(r"\s+", "", build_view(report).parts[-1].paragraphs[-1].text)
    closing = [sheet for sheet in sheets if date and date in sheet] or [sheets[-1]]
    assert report.display_signature in re.sub(r"\s+", "", closing[-1])
    assert last_paragraph[-8:] in closing[-1], "the signature and the date are printed without the last paragraph"
    row_labels = [re.sub(r"\s+", "", row.label) for row in report.spec.table("applications").rows]
    for sheet in sheets:  # 表三's heading rows (repeated on each sheet it runs over) never end a sheet without rows below
        if "申请人情况" in sheet:
            assert any(label in sheet for label in row_labels), "表三's heading rows end a sheet"
