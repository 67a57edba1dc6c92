"""Pages in traditional characters, with or without pinyin after each character, read as the simplified report."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from opencc import OpenCC

from generator.readers.published import read_published
from generator.readers.yaml_reader import read_yaml
from generator.render.html import render_html
from generator.render.text import render_text
from generator.report import Report
from generator.values import complete

from .conftest import sample_yamls

PINYIN = {"項": "xiàng", "數": "shù", "處": "chù", "區": "qū", "總": "zǒng", "計": "jì", "開": "kāi"}


def sample(version: str) -> Report:
    report = read_yaml(next(p for p in sample_yamls() if version in p.name)).report
    assert report is not None
    return report


def annotate(text: str) -> str:
    return re.sub("|".join(PINYIN), lambda m: f"{m.group(0)}({PINYIN[m.group(0)]})", text)


@pytest.mark.parametrize("version", ["2019", "2021"])
@pytest.mark.parametrize("variant", ["traditional", "traditional with pinyin", "Hong Kong"])
def test_traditional_page_reads_as_simplified(tmp_path: Path, version: str, variant: str) -> None:
    original = sample(version)
    # pinyin is printed by web pages (in their text and table cells), not in a text layout aligned by spaces
    rendered = render_html(original) if "pinyin" in variant else render_text(original)
    text = OpenCC("s2hk" if variant == "Hong Kong" else "s2t").convert(rendered)
    if "pinyin" in variant:
        text = annotate(text)
    path = tmp_path / ("mirror.html" if "pinyin" in variant else "mirror.txt")
    path.write_text(text, encoding="utf-8")
    result = read_published(path)
    assert result.report is not None
    assert result.findings[0].code == "IMPORT-TRADITIONAL"
    assert complete(result.report) == complete(original)
    assert result.report.agency == original.agency


def test_simplified_page_is_left_as_printed(tmp_path: Path) -> None:
    """A simplified report naming 乾县 and 著作权 is not converted (t2s would change those few characters)."""
    original = sample("2021").model_copy(update={"agency": "乾县审计局"})
    path = tmp_path / "report.txt"
    path.write_text(render_text(original).replace("一、总体情况", "一、总体情况\n本机关重视著作权保护。", 1), encoding="utf-8")
    result = read_published(path)
    assert result.report is not None and result.report.agency == "乾县审计局"
    assert "IMPORT-TRADITIONAL" not in {f.code for f in result.findings}
    assert "著作权" in result.report.text.overview


def test_latin_words_in_brackets_stay(tmp_path: Path) -> None:
    original = sample("2021")
    path = tmp_path / "report.txt"
    said = "一、总体情况\n本机关网站(www)和公众号(app)运行正常。"
    path.write_text(render_text(original).replace("一、总体情况", said, 1), encoding="utf-8")
    result = read_published(path)
    assert result.report is not None and "网站(www)和公众号(app)" in result.report.text.overview
