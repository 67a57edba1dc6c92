"""The YAML reader: unreadable files (InputError), bad values and keys (findings with code, cell and line), round trip."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import InputError
from generator.findings import Finding, Source
from generator.formats import FORMATS
from generator.readers.yaml_reader import dump_yaml, read_yaml, read_yaml_text
from generator.report import Contact, InfoFees, Narrative, ReadResult, Report
from generator.validate import validate

from .conftest import sample_yamls

BASE = """\
agency: 测试局
year: 2021
text:
  overview: 概况
  problems: 问题
applications:
  new: {natural: 1}
"""


def read(text: str) -> ReadResult:
    return read_yaml_text(text, "a.yaml")


def checked(text: str, *codes: str) -> list[Finding]:
    """What ``check`` reports with one of ``codes``: the reader's findings, then the validator's."""
    result = read(text)
    assert result.report is not None
    return [f for f in result.findings + validate(result.report, result.sources, file="a.yaml") if f.code in codes]


def only(text: str) -> Finding:
    findings = read(text).findings
    assert len(findings) == 1, [f.line() for f in findings]
    return findings[0]


def with_new(cells: str) -> str:
    return BASE.replace("new: {natural: 1}", f"new: {{{cells}}}")


def refused(text: str | bytes, tmp_path: Path, name: str = "a.yaml") -> str:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_yaml(path)
    assert info.value.file == str(path)
    return info.value.message


# ---------------------------------------------------------------- files that cannot be read at all (exit 2)


def test_base_document_is_clean() -> None:
    result = read(BASE)
    assert result.findings == []
    assert result.report is not None
    assert result.report.cells == {"applications.new.natural": 1}
    assert result.report.format == "2021"


def test_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    message = refused("agency: 测试局\nyear: 2021\ntext: overview: x\n", tmp_path)
    assert message == "YAML 语法错误（第3行第15列）：此处不能出现“键: 值”（缩进可能有误，或值中的冒号需要加引号）"


def test_tab_indentation_is_a_syntax_error(tmp_path: Path) -> None:
    assert (
        refused("agency: 测试局\ntext:\n\toverview: x\n", tmp_path)
        == "YAML 语法错误（第3行第1列）：不能用制表符（Tab）或此字符开头，请用空格缩进"
    )


def test_unclosed_flow_mapping(tmp_path: Path) -> None:
    assert refused("applications:\n  new: {natural: 1\n", tmp_path) == "YAML 语法错误（第3行第1列）：花括号 {…} 中缺少逗号或右花括号"


def test_two_documents_are_refused(tmp_path: Path) -> None:
    assert refused("year: 2021\n---\nyear: 2022\n", tmp_path) == "YAML 语法错误（第2行第1列）：文件中只能有一个 YAML 文档（多了一个“---”）"


def test_control_character_is_refused(tmp_path: Path) -> None:
    assert refused("agency: a\x07b\n", tmp_path) == "YAML 语法错误（第1行第10列）：不能包含控制字符（#x0007）"


def test_list_at_top_level(tmp_path: Path) -> None:
    assert refused("- agency: 测试局\n- year: 2021\n", tmp_path) == "顶层应为键值映射（mapping），实际是列表"


def test_scalar_at_top_level(tmp_path: Path) -> None:
    assert refused("测试局\n", tmp_path) == "顶层应为键值映射（mapping），实际是文字“测试局”"


def test_empty_file(tmp_path: Path) -> None:
    assert refused("# 只有注释\n", tmp_path) == "顶层应为键值映射（mapping），实际是空文件"


def test_gb18030_file_is_read_like_any_text_input(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(BASE.encode("gb18030"))
    assert read_yaml(path).report == read(BASE).report


def test_binary_file(tmp_path: Path) -> None:
    assert refused(b"\x7fELF\x00\x00binary", tmp_path) == "这是一个二进制文件，不是文本文件"
    assert refused(b"PK\x03\x04\x00\x00binary", tmp_path) == "这是一个压缩文件，扩展名却是“.yaml”：请提供文本文件"


def test_file_over_10_mb(tmp_path: Path) -> None:
    assert refused("#" * (10 * 1024 * 1024 + 1), tmp_path) == "文件过大（10.0 MB），上限为 10 MB"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        read_yaml(tmp_path / "nope.yaml")
    assert str(info.value) == f"{tmp_path / 'nope.yaml'}：文件不存在"


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        read_yaml(tmp_path)
    assert info.value.message == "这是一个目录，不是文件"


def test_deep_nesting_is_refused_not_crashed(tmp_path: Path) -> None:
    assert refused("a: " + "[" * 5000 + "]" * 5000 + "\n", tmp_path) == "YAML 嵌套层次过深（超过100层），无法读取"


@pytest.mark.parametrize("libyaml", [True, False], ids=["libyaml", "pure-python"])
@pytest.mark.parametrize(
    ("text", "where"),
    [("%YAML 1.1\n%YAML 1.1\n---\na: 1\n", "第2行第1列"), ("a: |0\n  x\n", "第1行第5列")],
    ids=["repeated-directive", "zero-indent"],
)
def test_unusual_syntax_error_is_said_in_chinese_only(
    text: str, where: str, libyaml: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A syntax error without a specific hint still gets a wholly Chinese message, whichever parser ran."""
    import yaml

    if not libyaml:
        monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    assert refused(text, tmp_path) == f"YAML 语法错误（{where}）：格式不正确"


def test_unsafe_tags_are_never_constructed() -> None:
    f = only(with_new("natural: !!python/object/apply:os.system ['echo hacked']"))
    assert f.code == "KEY-TYPE"
    assert f.cell == "applications.new.natural"


# ---------------------------------------------------------------- bad values: findings with code, cell and line


@pytest.mark.parametrize(
    ("cells", "code", "message"),
    [
        ("natural: abc", "VALUE-NOT-NUMBER", "表三“一、本年新收政府信息公开申请数量”行“自然人”列：“abc”不是非负整数"),
        ("natural: -1", "VALUE-NEGATIVE", "表三“一、本年新收政府信息公开申请数量”行“自然人”列：件数（-1）不能为负数"),
        ("natural: 2.5", "VALUE-NOT-INTEGER", "表三“一、本年新收政府信息公开申请数量”行“自然人”列：件数（2.5）应为整数"),
        ("natural: /", "VALUE-NOT-APPLICABLE", "表三“一、本年新收政府信息公开申请数量”行“自然人”列：不能填写“/”，请填写数字（没有则填0）"),
        ("natural: yes", "VALUE-NOT-NUMBER", "表三“一、本年新收政府信息公开申请数量”行“自然人”列：“yes”不是非负整数"),
        ("natural: .inf", "VALUE-NOT-NUMBER", "表三“一、本年新收政府信息公开申请数量”行“自然人”列：“.inf”不是非负整数"),
        ("natural: 1e400", "VALUE-NOT-NUMBER", "表三“一、本年新收政府信息公开申请数量”行“自然人”列：数值大得不合理（401位数），请检查"),
        (
            "natural: " + "9" * 5000,
            "VALUE-NOT-NUMBER",
            "表三“一、本年新收政府信息公开申请数量”行“自然人”列：数值大得不合理（5000位数），请检查",
        ),
        ("natural: [1, 2]", "KEY-TYPE", "表三“一、本年新收政府信息公开申请数量”行“自然人”列：应为一个数字，实际是列表"),
    ],
)
def test_bad_cell_value(cells: str, code: str, message: str) -> None:
    result = read(with_new(cells))
    (f,) = result.findings
    assert (f.code, f.severity, f.cell, f.message) == (code, "error", "applications.new.natural", message)
    assert f.source == Source(file="a.yaml", line=7, column=18)
    assert result.report is not None
    assert "applications.new.natural" not in result.report.cells


def test_nested_cell_is_located_at_its_line() -> None:
    text = BASE + "  withheld:\n    state_secret: {natural: 1}\n    third_party_rights: {commercial: -2}\n"
    f = only(text)
    assert (f.code, f.cell, f.source.line if f.source else None) == (
        "VALUE-NEGATIVE",
        "applications.withheld.third_party_rights.commercial",
        10,
    )
    assert f.message.startswith("表三“（三）不予公开 4.保护第三方合法权益”行“商业企业”列：")


@pytest.mark.parametrize(("raw", "value"), [('"3"', 3), ("3.0", 3), ("'１２'", 12), ("010", 10), ('" 7 "', 7), ("1_000", 1000)])
def test_numbers_written_as_text_or_integral_floats_are_accepted(raw: str, value: int) -> None:
    result = read(with_new(f"natural: {raw}"))
    assert result.findings == []
    assert result.report is not None
    assert result.report.cells["applications.new.natural"] == value
    assert type(result.report.cells["applications.new.natural"]) is int


def test_every_bad_value_is_reported_at_once() -> None:
    findings = read(with_new("natural: abc, commercial: -1, research: 1.5")).findings
    assert [(f.code, f.cell) for f in findings] == [
        ("VALUE-NOT-NUMBER", "applications.new.natural"),
        ("VALUE-NEGATIVE", "applications.new.commercial"),
        ("VALUE-NOT-INTEGER", "applications.new.research"),
    ]


def test_blank_and_null_cells_are_absent() -> None:
    result = read(with_new("natural: , commercial: '', research: ~"))
    assert result.findings == []
    assert result.report is not None
    assert result.report.cells == {}


def test_totals_are_optional_and_kept_when_given() -> None:
    absent = read(with_new("natural: 1"))
    assert absent.report is not None
    assert "applications.new.total" not in absent.report.cells
    given = read(with_new("natural: 1, total: 5") + "  results_total: {natural: 0}\n")
    assert given.findings == []
    assert given.report is not None
    assert given.report.cells["applications.new.total"] == 5
    assert given.report.cells["applications.results_total.natural"] == 0


def test_not_applicable_is_allowed_in_table_2() -> None:
    text = BASE + "proactive:\n  rules: {issued: /, repealed: '／', in_force: \"/\"}\n  admin_fees: {amount: 12.35}\n"
    result = read(text)
    assert result.findings == []
    assert result.report is not None
    cells = result.report.cells
    assert [cells[f"proactive.rules.{c}"] for c in ("issued", "repealed", "in_force")] == ["/", "/", "/"]
    assert cells["proactive.admin_fees.amount"] == Decimal("12.35")


def test_amounts_are_exact_decimals() -> None:
    text = BASE + "proactive:\n  admin_fees: {amount: 0.1234567890123456789}\n"
    result = read(text)
    assert result.report is not None
    assert result.report.cells["proactive.admin_fees.amount"] == Decimal("0.1234567890123456789")


def test_signed_change_may_be_negative_in_2019() -> None:
    text = BASE.replace("2021", "2019") + "proactive:\n  licensing: {previous: 3, change: -2, decisions: -1}\n"
    f = only(text)
    assert (f.code, f.cell) == ("VALUE-NEGATIVE", "proactive.licensing.decisions")
    assert read(text).report.cells["proactive.licensing.change"] == -2  # type: ignore[union-attr]


def test_procurement_unit_is_stored_per_amount_cell() -> None:
    text = BASE.replace("2021", "2019") + "proactive:\n  procurement: {projects: 2, amount: 117573.14, amount_unit: 元}\n"
    result = read(text)
    assert result.findings == []
    assert result.report is not None
    assert result.report.units == {"proactive.procurement.amount": "元"}
    bad = only(text.replace("amount_unit: 元", "amount_unit: 千元"))
    assert (bad.code, bad.message) == ("UNIT-INVALID", "“政府集中采购”的金额单位（amount_unit）应为“元”或“万元”，实际是文字“千元”")


# ---------------------------------------------------------------- metadata


def test_year_outside_range_is_a_finding_and_the_report_is_kept() -> None:
    result = read(BASE.replace("year: 2021", "year: 1999"))
    assert result.findings == [] and result.report is not None and result.report.year == 1999
    (f,) = checked(BASE.replace("year: 2021", "year: 1999"), "YEAR-RANGE")
    assert (f.code, f.message, f.source.line if f.source else None) == ("YEAR-RANGE", "报告年度“1999”不在2008至2100年之间", 2)


def test_year_that_is_not_an_integer() -> None:
    result = read(BASE.replace("year: 2021", "year: 二〇二一"))
    (f,) = result.findings
    assert (f.code, f.message) == ("YEAR-TYPE", "报告年度应为整数年份，例如 2024，实际是文字“二〇二一”")
    assert result.report is not None and result.report.year is None


def test_quoted_year_is_accepted() -> None:
    result = read(BASE.replace("year: 2021", 'year: "2021"'))
    assert result.findings == [] and result.report is not None and result.report.year == 2021


def test_missing_year_and_agency() -> None:
    text = BASE.replace("year: 2021\n", "").replace("agency: 测试局\n", "")
    result = read(text)
    assert [(f.code, f.message) for f in result.findings] == [("YEAR-REQUIRED", "缺少报告年度（year），例如 year: 2024")]
    assert result.report is not None and result.report.year is None
    assert [(f.code, f.source.line if f.source else None) for f in checked(text, "YEAR-REQUIRED", "AGENCY-REQUIRED")] == [
        ("YEAR-REQUIRED", 1),
        ("AGENCY-REQUIRED", 1),
    ]


def test_unknown_format_version_reads_tables_by_year() -> None:
    text = BASE.replace("year: 2021", "year: 2021\nformat: 2030") + "  other_handling:\n    fee_unpaid: {natural: x}\n"
    result = read(text)
    findings = checked(text, "VALUE-NOT-NUMBER", "FORMAT-UNKNOWN")
    assert [(f.code, f.source.line if f.source else None) for f in findings] == [("VALUE-NOT-NUMBER", 10), ("FORMAT-UNKNOWN", 3)]
    assert findings[1].message == "未知的格式版本“2030”：应为“2019”、“2021”；以下按2021年格式检查"
    assert findings[0].cell == "applications.other_handling.fee_unpaid.natural"
    assert result.report is not None and result.report.format == "2030"


@pytest.mark.parametrize("given", ["2019", '"2019"'])
def test_format_as_number_or_text(given: str) -> None:
    result = read(BASE.replace("year: 2021", f"year: 2021\nformat: {given}"))
    assert result.report is not None and result.report.format == "2019"
    assert result.findings == []


@pytest.mark.parametrize(
    ("raw", "date"), [("2020-01-17", dt.date(2020, 1, 17)), ('"2020-1-7"', dt.date(2020, 1, 7)), ("2020年1月17日", dt.date(2020, 1, 17))]
)
def test_dates(raw: str, date: dt.date) -> None:
    result = read(BASE + f"date: {raw}\n")
    assert result.findings == [] and result.report is not None and result.report.date == date


@pytest.mark.parametrize("raw", ["2020-13-45", "明年", "[2020]"])
def test_invalid_date(raw: str) -> None:
    f = only(BASE + f"date: {raw}\n")
    assert f.code == "DATE-INVALID"
    assert f.source is not None and f.source.line == 8


def test_metadata_and_text_are_read() -> None:
    text = BASE + "title: 标题\nsignature: 署名\npreface: ''\ncontact: {name: 张三, phone: 05801234567}\n"
    result = read(text)
    assert result.findings == []
    report = result.report
    assert report is not None
    assert (report.title, report.signature, report.preface) == ("标题", "署名", "")
    assert report.contact == Contact(name="张三", phone="05801234567")
    assert report.text == Narrative(overview="概况", problems="问题")
    assert read(BASE).report.preface == "auto"  # type: ignore[union-attr]


# ---------------------------------------------------------------- keys


def test_unknown_top_level_key_with_did_you_mean() -> None:
    f = only(BASE.replace("applications:", "aplications:"))
    assert (f.code, f.message) == ("KEY-UNKNOWN", "未知字段“aplications”，是否应为“applications”？")
    assert f.source == Source(file="a.yaml", line=6, column=1)


def test_unknown_nested_keys_with_did_you_mean() -> None:
    text = BASE + "  withheld:\n    state_secrets: {natural: 1}\n  disclosed: {natrual: 2}\n"
    messages = [(f.code, f.message, f.source.line if f.source else None) for f in read(text).findings]
    assert messages == [
        ("KEY-UNKNOWN", "“applications.withheld”中的未知字段“state_secrets”，是否应为“state_secret”？", 9),
        ("KEY-UNKNOWN", "“applications.disclosed”中的未知字段“natrual”，是否应为“natural”？", 10),
    ]


def test_unknown_key_without_a_close_match_lists_the_allowed_keys() -> None:
    f = only(BASE.replace("overview: 概况", "overview: 概况\n  zzz: 1"))
    assert f.message == "“text”中的未知字段“zzz”，此处可用的字段：overview、proactive、applications、reviews、problems、other_matters"


def test_key_of_the_other_format_says_so() -> None:
    f = only(BASE + "proactive:\n  other_services: {previous: 1}\n")
    assert f.message == "“proactive”中的未知字段“other_services”：这是2019年格式的字段，本报告按2021年格式读取"
    f = only(BASE.replace("2021", "2019") + "info_fees: {notices: 1}\n")
    assert f.message == "未知字段“info_fees”：这是2021年格式的字段，本报告按2019年格式读取"


def test_list_where_a_mapping_is_expected() -> None:
    f = only(BASE.replace("applications:\n  new: {natural: 1}\n", "applications:\n  - new\n"))
    assert (f.code, f.message, f.source.line if f.source else None) == ("KEY-TYPE", "“applications”应为键值映射（mapping），实际是列表", 7)
    f = only(with_new("natural: 1").replace("new: {natural: 1}", "new: 5"))
    assert f.message == "“applications.new”应为键值映射（mapping），例如 {natural: 0}，实际是整数 5"


def test_duplicate_key() -> None:
    f = only(BASE + "  new: {natural: 2}\n")
    assert (f.code, f.message) == ("KEY-DUPLICATE", "“applications”中的字段“new”重复出现（第一次在第7行），只保留第一次的值")
    assert read(BASE + "  new: {natural: 2}\n").report.cells == {"applications.new.natural": 1}  # type: ignore[union-attr]


# ---------------------------------------------------------------- 信息处理费


@pytest.mark.parametrize(
    ("fees", "code", "message"),
    [
        ("{notices: -1}", "VALUE-NEGATIVE", "信息处理费“发出收费通知件数”（info_fees.notices）：件数（-1）不能为负数"),
        ("{notices: 2.5}", "VALUE-NOT-INTEGER", "信息处理费“发出收费通知件数”（info_fees.notices）：件数（2.5）应为整数"),
        ("{collected: 很多}", "VALUE-NOT-NUMBER", "信息处理费“实际收取金额（元）”（info_fees.collected）：“很多”不是数字"),
        ("{notice_amount: [1]}", "VALUE-NOT-NUMBER", "信息处理费“收费通知金额合计（元）”（info_fees.notice_amount）：应为数字，实际是列表"),
        (
            "{notices: 1000000000000000}",
            "VALUE-NOT-NUMBER",
            "信息处理费“发出收费通知件数”（info_fees.notices）：数值大得不合理（16位数），请检查",
        ),
        ("{notices: 1, paid: 3}", "KEY-UNKNOWN", "“info_fees”中的未知字段“paid”，此处可用的字段：notices、notice_amount、collected"),
    ],
)
def test_bad_info_fees(fees: str, code: str, message: str) -> None:
    f = only(BASE + f"info_fees: {fees}\n")
    assert (f.code, f.message) == (code, message)
    assert f.source is not None and f.source.line == 8


def test_info_fees_are_read() -> None:
    result = read(BASE + "info_fees:\n  notices: 3\n  notice_amount: 600.5\n  collected: '100'\n")
    assert result.findings == []
    assert result.report is not None
    assert result.report.info_fees == InfoFees(notices=3, notice_amount=Decimal("600.5"), collected=Decimal(100))


# ---------------------------------------------------------------- sources


def test_sources_locate_fields_and_cells() -> None:
    text = BASE + "  carried_forward: {}\n"
    sources = read(text).sources
    assert sources["agency"] == Source(file="a.yaml", line=1, column=9)
    assert sources["text.problems"].line == 5
    assert sources["applications.new.natural"] == Source(file="a.yaml", line=7, column=18)
    # an absent cell is located at its row, so that findings on computed totals point somewhere useful
    assert sources["applications.carried_forward.natural"] == Source(file="a.yaml", line=8, column=3)


# ---------------------------------------------------------------- writing back


@pytest.mark.parametrize("sample", sample_yamls(), ids=lambda p: p.stem)
def test_samples_round_trip(sample: Path) -> None:
    first = read_yaml(sample)
    assert first.report is not None
    dumped = dump_yaml(first.report)
    again = read_yaml_text(dumped, "dumped.yaml")
    assert again.findings == []
    assert again.report == first.report
    assert dump_yaml(again.report) == dumped


def test_dump_layout() -> None:
    report = Report(
        agency="测试局",
        year=2019,
        format="2019",
        date=dt.date(2020, 1, 17),
        text=Narrative(overview="第一段\n\n第二段\n"),
        cells={
            "proactive.rules.new_made": "/",
            "applications.withheld.state_secret.natural": 1,
            "proactive.procurement.amount": Decimal("1.50"),
        },
        units={"proactive.procurement.amount": "万元"},
    )
    dumped = dump_yaml(report)
    assert dumped.startswith(
        'agency: 测试局\nyear: 2019\nformat: "2019"\ndate: 2020-01-17\npreface: auto\n\ntext:\n  overview: |\n    第一段\n\n    第二段\n'
    )
    assert '  rules: {new_made: "/"}\n' in dumped
    assert "  procurement: {amount: 1.50, amount_unit: 万元}\n" in dumped
    assert "  withheld:\n    state_secret: {natural: 1}\n" in dumped
    assert read_yaml_text(dumped, "x").report == report


TRICKY_TEXT = st.text(alphabet=st.sampled_from(list("ab 中文\n:#-'\"/|>{}[],&*!%@`?\t1")), max_size=40)
VALUES = st.one_of(st.integers(0, 10**6), st.just("/"))


@st.composite
def reports(draw: st.DrawFn) -> Report:
    version = draw(st.sampled_from(sorted(FORMATS)))
    fmt = FORMATS[version]
    cells = fmt.cells()
    chosen = draw(st.lists(st.sampled_from(sorted(cells)), max_size=12, unique=True))
    values: dict[str, int | Decimal | str] = {}
    for cell_id in chosen:
        cell = cells[cell_id]
        if cell.kind == "amount":
            value: int | Decimal | str = draw(st.decimals(0, 10**6, places=2))
        elif cell.kind == "signed":
            value = draw(st.integers(-1000, 1000))
        else:
            value = draw(st.integers(0, 10**6))
        values[cell_id] = "/" if cell.column.not_applicable and draw(st.booleans()) else value
    return Report(
        agency=draw(TRICKY_TEXT.filter(str.strip)),
        year=draw(st.integers(2008, 2100)),
        format=version,
        title=draw(st.none() | TRICKY_TEXT),
        date=draw(st.none() | st.dates(dt.date(2008, 1, 1), dt.date(2100, 12, 31))),
        signature=draw(st.none() | TRICKY_TEXT),
        preface=draw(st.just("auto") | TRICKY_TEXT),
        contact=draw(st.none() | st.builds(Contact, name=st.none() | TRICKY_TEXT, phone=st.none() | TRICKY_TEXT)),
        text=Narrative(**{p.key: draw(TRICKY_TEXT) for p in fmt.parts}),
        cells=values,
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_any_report_round_trips(report: Report) -> None:
    result = read_yaml_text(dump_yaml(report), "x.yaml")
    assert result.findings == []
    assert result.report == report


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab: -\n{}[],'\"#&*!|>?%@`/\t\x07年1.")), max_size=80))
def test_arbitrary_text_never_escapes_as_a_traceback(text: str) -> None:
    try:
        result = read_yaml_text(BASE + text, "fuzz.yaml")
    except InputError as exc:
        assert exc.message
    else:
        assert all(f.message for f in result.findings)


def test_check_reports_reader_findings_with_exit_code_1(tmp_path: Path) -> None:
    from generator.pipeline import check

    path = tmp_path / "bad.yaml"
    path.write_text(with_new("natural: abc"), encoding="utf-8")
    outcome = check([path])
    assert outcome.exit_code == 1
    f = next(f for f in outcome.findings if f.code == "VALUE-NOT-NUMBER")
    assert (f.cell, f.source) == ("applications.new.natural", Source(file=str(path), line=7, column=18))


def test_deep_nesting_without_libyaml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import yaml

    monkeypatch.delattr(yaml, "CSafeLoader")
    assert refused("a: " + "[" * 5000 + "]" * 5000 + "\n", tmp_path) == "YAML 嵌套层次过深（超过100层），无法读取"
    assert read(with_new("natural: abc")).findings[0].code == "VALUE-NOT-NUMBER"
