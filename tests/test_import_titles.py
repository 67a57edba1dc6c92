"""A published report's title printed over two to four lines is read back whole, in every layout, whatever broke it."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from generator.findings import Source
from generator.readers.published import read_published
from generator.readers.published.items import Line
from generator.readers.published.titles import title_lines as rejoined
from generator.readers.yaml_reader import read_yaml
from generator.render.html import render_html
from generator.render.text import render_text
from generator.report import Report
from generator.title import REPORT_NAME, agency_joints
from generator.title import title_lines as broken

from .conftest import EXAMPLE

STANDARD = f"2025年{REPORT_NAME}"


def example(agency: str) -> Report:
    report = read_yaml(EXAMPLE).report  # a 2025 report
    assert report is not None
    return report.model_copy(update={"agency": agency})


def text_with_title(title: list[str], above: list[str] = ()) -> str:  # type: ignore[assignment]
    """The example report as text, its title block replaced by ``title`` (and ``above`` it, what a page printed first)."""
    body = render_text(example("云溪县市场监督管理局")).split("\n\n", 1)[1]
    return "\n".join([*above, *title]) + "\n\n" + body


def html_with_title(title_html: str) -> str:
    page = render_html(example("云溪县市场监督管理局"))
    start, end = page.index('<h1 class="rg-title"'), page.index("</h1>") + len("</h1>")
    return page[:start] + title_html + page[end:]


# title lines as printed, what a page printed above them, the agency and title read back
LAYOUTS = {
    "after the agency": (["云溪县市场监督管理局", STANDARD], [], "云溪县市场监督管理局", None),
    "after the year": (
        ["云溪县市场监督管理局2025年度", REPORT_NAME],
        [],
        "云溪县市场监督管理局",
        f"云溪县市场监督管理局2025年度{REPORT_NAME}",
    ),
    "three lines": (["云溪县市场监督管理局", "2025年", REPORT_NAME], [], "云溪县市场监督管理局", None),
    "inside the report name": (["云溪县市场监督管理局2025年政府信息公开工作", "年度报告"], [], "云溪县市场监督管理局", None),
    "name broken, three lines": (["云溪县市场监督管理局", "2025年政府信息公开", "工作年度报告"], [], "云溪县市场监督管理局", None),
    "centred and letter-spaced": (
        ["\u3000\u3000\u3000\u3000云 溪 县 市 场 监 督 管 理 局", "        2025 年政府信息公开工作年度报告   "],
        [],
        "云溪县市场监督管理局",
        None,
    ),
    "long agency at its joints": (
        ["广西壮族自治区某某自治州某某县", "人民政府国有资产监督管理委员会", STANDARD],
        [],
        "广西壮族自治区某某自治州某某县人民政府国有资产监督管理委员会",
        None,
    ),
    "four lines": (
        ["广西壮族自治区某某自治州某某县", "人民政府国有资产监督管理委员会", "2025年", REPORT_NAME],
        [],
        "广西壮族自治区某某自治州某某县人民政府国有资产监督管理委员会",
        None,
    ),
    "a town": (["某某县城关镇", STANDARD], [], "某某县城关镇", None),
    "a year in Chinese numerals": (
        ["云溪县市场监督管理局", f"二〇二五年{REPORT_NAME}"],
        [],
        "云溪县市场监督管理局",
        f"云溪县市场监督管理局二〇二五年{REPORT_NAME}",
    ),
    "page furniture above": (
        ["云溪县市场监督管理局", STANDARD],
        ["当前位置：首页 > 政务公开 > 年度报告", "发布日期：2026-01-21　来源：本站", "2026年1月21日"],
        "云溪县市场监督管理局",
        None,
    ),
    "a banner above a whole title": (["云溪县市场监督管理局2025年", REPORT_NAME], ["云溪县人民政府"], "云溪县市场监督管理局", None),
    "the agency twice": (["云溪县市场监督管理局2025年", REPORT_NAME], ["云溪县市场监督管理局"], "云溪县市场监督管理局", None),
    "a sentence above": (["云溪县市场监督管理局", STANDARD], ["本页面由某某县人民政府办公室维护。"], "云溪县市场监督管理局", None),
}


@pytest.mark.parametrize("suffix", [".txt", ".md"])
@pytest.mark.parametrize("name", LAYOUTS)
def test_text_title_over_several_lines(name: str, suffix: str, tmp_path: Path) -> None:
    title, above, agency, full_title = LAYOUTS[name]
    path = tmp_path / f"report{suffix}"
    lines = [f"# {line}" for line in title] if suffix == ".md" else title
    path.write_text(text_with_title(lines, above), encoding="utf-8")
    result = read_published(path)
    assert result.report is not None
    assert (result.report.agency, result.report.year, result.report.title) == (agency, 2025, full_title)
    assert [f.code for f in result.findings if f.severity == "error"] == []


@pytest.mark.parametrize(
    "markup",
    [
        '<p style="text-align:center">云溪县市场监督管理局</p>\n<p style="text-align:center">2025年度</p><p>政府信息公开工作年度报告</p>',
        "<h1>云溪县市场监督管理局<br>2025年度<br/>政府信息公开工作年度报告</h1>",
        "<div class=title><p>&nbsp;云溪县市场监督管理局&nbsp;</p><p></p><p>2025年度政府信息公开工作年度报告</p></div>",
    ],
    ids=["paragraphs", "breaks", "blank paragraph between"],
)
def test_html_title_over_several_lines(markup: str, tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(html_with_title(markup), encoding="utf-8")
    result = read_published(path)
    assert result.report is not None
    assert (result.report.agency, result.report.title) == ("云溪县市场监督管理局", f"云溪县市场监督管理局2025年度{REPORT_NAME}")
    assert result.findings == []


PLACES = ["云溪县", "某某省", "聊城市", "广西壮族自治区", "某某市某某区", "某某自治州某某县", "浦东新区", "某某盟某某旗"]
BODIES = ["人民政府", "人民政府办公室", "市场监督管理局", "机关事务管理局", "人民政府外事办公室", "发展和改革委员会"]
BODIES += ["市场监督管理局综合行政执法大队", "人民政府国有资产监督管理委员会", "城关镇", "某某街道"]
FURNITURE = ["", "发布日期：2026-01-21", "当前位置：首页 > 政务公开", "【字体：大 中 小】"]


@settings(max_examples=200, deadline=None)
@given(
    places=st.lists(st.sampled_from(PLACES), min_size=1, max_size=3, unique=True),
    body=st.sampled_from(BODIES),
    year=st.integers(2008, 2030),
    suffix=st.sampled_from(["年", "年度"]),
    above=st.lists(st.sampled_from(FURNITURE), max_size=3),
    width=st.sampled_from([9, 12, 14, 18, 24]),
)
def test_titles_reportgen_breaks_are_rejoined(places: list[str], body: str, year: int, suffix: str, above: list[str], width: int) -> None:
    """Every way reportgen (at any line width) breaks a standard title, whatever page furniture is above it."""
    agency = "".join(places) + body
    title = f"{agency}{year}{suffix}{REPORT_NAME}"
    lines = broken(agency, year, title, max_chars=width)
    # breaks between any two characters (a line too narrow for a word) are no natural joints, and nothing tells them apart
    natural = {len(agency), len(title) - len(REPORT_NAME), len(title) - len("年度报告"), *agency_joints(agency)}
    assume(len(lines) <= 4 and set(itertools.accumulate(len(line) for line in lines[:-1])) <= natural)
    printed = [Line(text, Source(file="t")) for text in [*above, *(line.center(24) for line in lines), "", "一、总体情况"]]
    got, after = rejoined(printed)
    assert got == title
    assert [line.text for line in after] == ["", "一、总体情况"]
