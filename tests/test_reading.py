"""What every reader shares: one text decoder, one date parser, one paragraph splitter, and findings said once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.cells import parse_date
from generator.errors import InputError
from generator.fileio import decode_text
from generator.pipeline import check
from generator.report import split_paragraphs

SAMPLE = Path(__file__).resolve().parents[1] / "sample_inputs" / "example-county-bureau-2021.yaml"


@pytest.mark.parametrize("data", ["年度报告".encode(), "\ufeff年度报告".encode(), "年度报告".encode("gb18030"), "年度报告".encode("gbk")])
def test_text_in_utf8_with_or_without_bom_or_gb18030(data: bytes) -> None:
    assert decode_text(data, "a.txt")[0] == "年度报告"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x7fELF\x00\x00", "这是一个二进制文件，不是文本文件"),
        (b"ab\x80\x80", "无法识别文件编码（既不是 UTF-8、UTF-16，也不是 GB18030，第 2 个字节处），请另存为 UTF-8"),
    ],
)
def test_binary_or_unknown_text_is_refused_with_the_reason(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as info:
        decode_text(data, "a.txt")
    assert info.value.args[0] == message


@pytest.mark.parametrize("text", ["2020年1月17日", "2020-01-17", "2020/1/17", "2020.1.17", "２０２０年１月１７日", " 2020 年 1 月 17 日 "])
def test_every_way_officials_write_a_date(text: str) -> None:
    assert parse_date(text) == dt.date(2020, 1, 17)


@pytest.mark.parametrize("text", ["2020-02-30", "2020年1月", "17/01/2020", "二〇二〇年一月十七日", ""])
def test_what_is_not_a_date(text: str) -> None:
    assert parse_date(text) is None


def test_paragraphs_split_at_blank_or_whitespace_lines_and_lines_join() -> None:
    assert split_paragraphs("第一段\n续行\n\n第二段\r\n \r\n\u3000\n第三段\n\n\n") == ["第一段续行", "第二段", "第三段"]


def test_a_problem_is_reported_once_by_whoever_owns_it(tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith(("agency:", "year:", "format:"))]
    path = tmp_path / "in.yaml"
    path.write_text("\n".join(lines) + "\nformat: '2030'\n", encoding="utf-8")
    findings = check([path]).findings
    pairs = [(f.code, f.cell) for f in findings]
    assert len(pairs) == len(set(pairs))
    codes = [f.code for f in findings]
    assert codes.count("AGENCY-REQUIRED") == codes.count("YEAR-REQUIRED") == codes.count("FORMAT-UNKNOWN") == 1
