"""Title breaking: lines joined give the title back, breaks only at natural joints, lines balanced."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.render.html import render_html
from generator.report import Report
from generator.title import REPORT_NAME, TITLE_LINE_CHARS, agency_joints, text_width, title_lines
from generator.view import build_view

PLACES = ["云溪县", "某某省", "聊城市", "广西壮族自治区", "某某市某某区", "某某自治州某某县", "浦东新区", "某某盟某某旗", ""]
BODIES = [
    "人民政府",
    "人民政府办公室",
    "市场监督管理局",
    "机关事务管理局",
    "人民政府外事办公室",
    "教育局",
    "住房和城乡建设局",
    "发展和改革委员会",
    "综合行政执法局",
    "市场监督管理局综合行政执法大队",
    "人民政府国有资产监督管理委员会",
    "民政局",
]
CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)

agencies = st.builds(
    lambda places, body: "".join(places) + body, st.lists(st.sampled_from(PLACES), min_size=1, max_size=3), st.sampled_from(BODIES)
)
years = st.one_of(st.none(), st.integers(2008, 2030))


def standard_title(agency: str, year: int | None, suffix: str = "年") -> str:
    return f"{agency}{year}{suffix}{REPORT_NAME}" if year else f"{agency}{REPORT_NAME}"


def breaks(lines: list[str]) -> list[int]:
    """Offsets into the title where a line ends."""
    return list(itertools.accumulate(len(line) for line in lines))[:-1]


def unbalance(lines: list[str]) -> float:
    top, bottom = (text_width(line) for line in lines)
    return abs(top - bottom) + max(0.0, top - bottom)


def agency_fits_between_joints(agency: str) -> bool:
    bounds = [0, *agency_joints(agency), len(agency)]
    return all(text_width(agency[a:b]) <= TITLE_LINE_CHARS for a, b in itertools.pairwise(bounds))


@pytest.mark.parametrize(
    ("agency", "year", "title", "expected"),
    [
        ("云溪县市场监督管理局", 2025, "云溪县市场监督管理局2025年政府信息公开工作年度报告", ["云溪县市场监督管理局2025年", REPORT_NAME]),
        (
            "台州市机关事务管理局",
            2019,
            "台州市机关事务管理局2019年度政府信息公开工作年度报告",
            ["台州市机关事务管理局2019年度", REPORT_NAME],
        ),
        (
            "聊城市人民政府外事办公室",
            2019,
            "聊城市人民政府外事办公室2019年政府信息公开工作年度报告",
            ["聊城市人民政府外事办公室", "2019年政府信息公开工作年度报告"],
        ),
        ("舟山市人民政府外事办公室", 2019, "市外事办政府信息公开工作年度报告", ["市外事办政府信息公开工作年度报告"]),
        ("某县", 2025, "某县2025年政府信息公开工作年度报告", ["某县2025年政府信息公开工作年度报告"]),
        (
            "某某自治区某某市某某县市场监督管理局综合行政执法大队",
            2025,
            "某某自治区某某市某某县市场监督管理局综合行政执法大队2025年度政府信息公开工作年度报告",
            ["某某自治区某某市某某县", "市场监督管理局综合行政执法大队", "2025年度政府信息公开工作年度报告"],
        ),
        (
            "某某市某某区",
            2025,
            "某某市某某区2025年政府信息公开工作年度报告（修订版）",
            ["某某市某某区2025年", "政府信息公开工作年度报告（修订版）"],
        ),
    ],
)
def test_titles_break_where_a_typesetter_would(agency: str, year: int, title: str, expected: list[str]) -> None:
    assert title_lines(agency, year, title) == expected


def test_report_name_breaks_at_gongzuo_only_when_it_must() -> None:
    title = standard_title("某某市", 2025)
    assert title_lines("某某市", 2025, title, max_chars=9) == ["某某市2025年", "政府信息公开工作", "年度报告"]
    assert title_lines("某某市", 2025, title, max_chars=12) == ["某某市2025年", REPORT_NAME]


def test_place_characters_that_start_a_word_are_not_joints() -> None:
    assert agency_joints("云溪县市场监督管理局") == [3]
    assert agency_joints("某某市市场监督管理局") == [3]
    assert agency_joints("聊城市人民政府外事办公室") == [7]  # not 聊城市|人民政府
    assert agency_joints("某某县委宣传部") == []
    assert agency_joints("某某市民政局") == [3]


def test_latin_words_and_numbers_are_never_broken() -> None:
    title = "Yunxi County Market Supervision Bureau 2025 Annual Report on Government Information Disclosure"
    lines = title_lines("Yunxi County Market Supervision Bureau", "2025", title)
    assert "".join(lines) == title and len(lines) > 1
    for offset in breaks(lines):
        assert not (title[offset - 1].isalnum() and title[offset].isalnum()), lines


def test_an_unbreakable_title_keeps_its_words_whole() -> None:
    title = "某" * 40
    lines = title_lines("", None, title)
    assert "".join(lines) == title and all(text_width(line) <= TITLE_LINE_CHARS for line in lines)
    assert title_lines("", None, "A" * 60) == ["A" * 60]


def test_view_and_html_carry_the_lines() -> None:
    report = Report(agency="云溪县市场监督管理局", year=2025, format="2021")
    assert build_view(report).title_lines == ["云溪县市场监督管理局2025年", REPORT_NAME]
    custom = Report(agency="云溪县市场监督管理局", year=2025, format="2021", title="云溪县市场监管局2025年度政府信息公开工作年度报告")
    assert build_view(custom).title_lines == ["云溪县市场监管局2025年度", REPORT_NAME]
    html = render_html(report)
    assert re.search(
        r'<h1 class="rg-title"[^>]*>\s*<span class="rg-title-line">云溪县市场监督管理局2025年</span>\s*<span class="rg-title-line">', html
    )


@settings(max_examples=300, deadline=None)
@given(agency=agencies, year=years, suffix=st.sampled_from(["年", "年度"]))
def test_standard_titles_break_only_at_joints_and_balance(agency: str, year: int | None, suffix: str) -> None:
    title = standard_title(agency, year, suffix)
    lines = title_lines(agency, year, title)
    assert "".join(lines) == title
    name_at = title.rindex(REPORT_NAME)
    for offset in breaks(lines):
        assert not (name_at < offset < name_at + len(REPORT_NAME)) or title[name_at:offset] == "政府信息公开工作", lines
        if 0 < offset < len(agency):
            assert offset in agency_joints(agency) and text_width(agency) > TITLE_LINE_CHARS, lines
        if year:
            assert not re.fullmatch(r"\d*", title[offset - 1 : offset + 1]) and title[offset - 1 : offset + 1] != "年度", lines
    if agency_fits_between_joints(agency):
        assert all(text_width(line) <= TITLE_LINE_CHARS for line in lines), lines
    if len(lines) == 2:  # no other natural joint gives a more balanced pair, counting a long line over a short one twice
        natural = {len(agency), len(title) - len(REPORT_NAME)}
        fitting = [j for j in natural if 0 < j < len(title) and max(text_width(title[:j]), text_width(title[j:])) <= TITLE_LINE_CHARS]
        assert all(unbalance(lines) <= unbalance([title[:j], title[j:]]) for j in fitting), lines


@settings(max_examples=300, deadline=None)
@given(agency=st.text(CJK, min_size=1, max_size=45), year=years, tail=st.text(st.sampled_from("报告情况（）A b1、"), max_size=8))
def test_any_title_comes_back_whole(agency: str, year: int | None, tail: str) -> None:
    title = f"{agency}{year or ''}{tail}"
    lines = title_lines(agency, year, title)
    assert "".join(lines) == title.strip()
    assert all(lines)


LINE_START_FORBIDDEN = "、，。；：！？）》」’”"
LINE_END_FORBIDDEN = "（《「‘“"
BRACKETED = "云溪县人民政府办公室（云溪县人民政府外事办公室、云溪县人民政府港澳事务办公室）"


def follows_line_breaking_rules(lines: list[str]) -> bool:
    """No line begins with closing punctuation or ends with opening punctuation."""
    return not any(line[0] in LINE_START_FORBIDDEN for line in lines[1:]) and not any(line[-1] in LINE_END_FORBIDDEN for line in lines[:-1])


def test_an_agency_with_bracketed_offices_breaks_by_the_chinese_rules() -> None:
    title = standard_title(BRACKETED, 2023)
    lines = title_lines(BRACKETED, 2023, title)
    assert lines == [
        "云溪县人民政府办公室",
        "（云溪县人民政府外事办公室、",
        "云溪县人民政府港澳事务办公室）",
        "2023年政府信息公开工作年度报告",
    ]
    assert follows_line_breaking_rules(lines)


office = st.sampled_from(
    ["人民政府办公室", "外事办公室", "港澳事务办公室", "发展和改革局", "粮食和物资储备局", "委员会", "保密局", "档案馆"]
)
place = st.sampled_from(["云溪县", "某市", "某某自治州", "西湖区", ""])


@settings(max_examples=300, deadline=None)
@given(head=st.tuples(place, office), inside=st.lists(st.tuples(place, office), min_size=1, max_size=3), year=years)
def test_agencies_of_the_form_x_y_z_never_start_a_line_with_closing_punctuation(
    head: tuple[str, str], inside: list[tuple[str, str]], year: int | None
) -> None:
    agency = "".join(head) + "（" + "、".join("".join(part) for part in inside) + "）"
    title = standard_title(agency, year)
    lines = title_lines(agency, year, title)
    assert "".join(lines) == title
    assert follows_line_breaking_rules(lines), lines
