"""The agency and year of a published report wherever its title puts them, and a 解读 named as no report."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import InputError
from generator.readers.published import read_published
from generator.readers.published.assemble import NOT_A_REPORT_PREFIX
from generator.readers.yaml_reader import read_yaml
from generator.render.text import render_text

from .conftest import sample_yamls

AGENCY = "云溪县市场监督管理局"


def body() -> str:
    """The 2021 sample as printed, without its title lines."""
    sample = next(p for p in sample_yamls() if "2021" in p.name)
    report = read_yaml(sample).report
    assert report is not None
    text = render_text(report)
    return text[text.index("政府信息公开工作年度报告") + len("政府信息公开工作年度报告") :]


def first_page(title: str) -> str:
    """A report's first page (title, preface, part 一) only: a PDF viewer's page or a page cut short."""
    text = body()
    return title + text[: text.index("二、主动公开政府信息情况")]


TITLES = {
    "year first": "2024年云溪县市场监督管理局政府信息公开工作年度报告",
    "year first, 年度": "2024年度云溪县市场监督管理局政府信息公开工作年度报告",
    "page prefix": "Page 8 - 云溪县市场监督管理局2024年政府信息公开工作年度报告",
    "page prefix tight": "Page12-云溪县市场监督管理局2024年政府信息公开工作年度报告",
    "P. prefix": "P.3 - 云溪县市场监督管理局2024年政府信息公开工作年度报告",
    "broken over two lines": "云溪县市场监督管理局\n2024年政府信息公开工作年度报告",
    "year first, broken": "2024年云溪县市场监督管理局\n政府信息公开工作年度报告",
    "other report name": "2024年云溪县市场监督管理局政府信息公开年度报告",
}


@pytest.mark.parametrize("title", TITLES.values(), ids=TITLES.keys())
def test_agency_and_year_from_title(tmp_path: Path, title: str) -> None:
    path = tmp_path / "report.txt"
    path.write_text(title + "\n" + body(), encoding="utf-8")
    report = read_published(path).report
    assert report is not None and (report.agency, report.year) == (AGENCY, 2024)


@pytest.mark.parametrize("title", TITLES.values(), ids=TITLES.keys())
def test_one_page_of_a_report_is_a_report(tmp_path: Path, title: str) -> None:
    """A page with the running title and narrative only: read (its tables named as not found), not refused."""
    path = tmp_path / "page.txt"
    path.write_text(first_page(title).replace("一、总体情况", "（二）依申请公开工作情况"), encoding="utf-8")
    result = read_published(path)
    assert result.report is not None and result.report.agency == AGENCY
    assert [f.code for f in result.findings].count("IMPORT-INCOMPLETE") == 3


INTERPRETATIONS = (
    "文字解读：云溪县市场监督管理局2024年政府信息公开工作年度报告",
    "关于云溪县市场监督管理局2024年政府信息公开工作年度报告的解读",
    "图解：云溪县市场监督管理局2024年政府信息公开工作年度报告解读",
)


@pytest.mark.parametrize("title", INTERPRETATIONS)
def test_interpretation_is_named_as_no_report(tmp_path: Path, title: str) -> None:
    path = tmp_path / "jiedu.txt"
    text = f"{title}\n\n一、编制背景\n根据有关要求，特编制本年度报告。\n二、编制依据\n《中华人民共和国政府信息公开条例》\n"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_published(path)
    assert caught.value.message.startswith(NOT_A_REPORT_PREFIX) and "解读" in caught.value.message


def test_report_citing_its_interpretation_is_a_report(tmp_path: Path) -> None:
    """A report page that links to its 解读 (点击查看解读) is still the report."""
    path = tmp_path / "report.txt"
    path.write_text("2024年云溪县市场监督管理局政府信息公开工作年度报告\n点击查看解读\n" + body(), encoding="utf-8")
    report = read_published(path).report
    assert report is not None and report.cells


BELOW = {
    "agency under the title": "2024年政府信息公开工作年度报告\n云溪县市场监督管理局",
    "agency under, blank line": "2024年度政府信息公开工作年度报告\n\n云溪县市场监督管理局",
    "agency and year under": "政府信息公开工作年度报告\n云溪县市场监督管理局\n（2024年度）",
    "agency above, standing alone": "云溪县市场监督管理局\n\n2024年政府信息公开工作年度报告",
}


@pytest.mark.parametrize("title", BELOW.values(), ids=BELOW.keys())
def test_agency_on_its_own_line(tmp_path: Path, title: str) -> None:
    """No signature to fall back on: the agency comes from the line beside the title."""
    text = body()
    path = tmp_path / "page.txt"
    path.write_text(title + "\n" + text[: text.index("二、主动公开政府信息情况")], encoding="utf-8")
    report = read_published(path).report
    assert report is not None and (report.agency, report.year) == (AGENCY, 2024)
    assert AGENCY not in report.preface
