"""Collecting units' files: every state, every bad inbox file, the outputs, and a second run after resubmission."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from generator.collect.collect import STATES, collect
from generator.collect.roster import read_roster

from .collection import broken, roster_csv, unit_report, write_report

UNITS = (
    ("云溪县教育局", "部门"),
    ("云溪县财政局", "部门"),
    ("云溪县公安局", "部门"),
    ("青石镇人民政府", "乡镇"),
    ("白沙镇人民政府", "乡镇"),
    ("柳林镇人民政府", "乡镇"),
    ("桃源乡人民政府", "乡镇"),
    ("云溪县审计局", "部门"),
)
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def states(result) -> dict[str, str]:
    return {e.name: e.state for e in result.entries}


@pytest.fixture
def inbox(tmp_path: Path) -> tuple[Path, Path]:
    """An inbox where each roster unit is in a different state, and one extra file is not on the roster."""
    box = tmp_path / "收件箱"
    write_report(box / "教育局.xlsx", unit_report("云溪县教育局", 1))  # 通过 (matched by the name inside)
    write_report(box / "附件" / "财政.xlsx", broken(unit_report("云溪县财政局", 2)))  # 有错误, in a subfolder
    warned = unit_report("云溪县公安局", 3)
    warned = warned.model_copy(update={"text": warned.text.model_copy(update={"overview": "全年新收政府信息公开申请999件。"})})
    write_report(box / "公安局.yaml", warned)  # 有警告
    # 青石镇: not submitted
    write_report(box / "白沙镇a.xlsx", unit_report("白沙镇人民政府", 5))
    write_report(box / "白沙镇b.xlsx", unit_report("白沙镇人民政府", 6))  # 重复提交 (different content)
    (box / "柳林镇人民政府.xls").write_bytes(OLE + b"\x00" * 2000)  # 无法读取, matched by its file name
    write_report(box / "桃源乡.xlsx", unit_report("桃源乡人民政府", 7, year=2024))  # 年度不符
    write_report(box / "审计局.xlsx", unit_report("云溪县审计局", 8))
    write_report(box / "审计局-副本.xlsx", unit_report("云溪县审计局", 8))  # identical copies: used once
    write_report(box / "外县.xlsx", unit_report("邻县民政局", 9))  # 不在名单
    (box / "~$教育局.xlsx").write_bytes(b"lock")  # Excel's lock file: skipped
    roster = roster_csv(tmp_path / "名单.csv", UNITS)
    return box, roster


def test_every_state(inbox: tuple[Path, Path], tmp_path: Path) -> None:
    box, roster = inbox
    result = collect(box, read_roster(roster), tmp_path / "汇总", year=2025)
    assert states(result) == {
        "云溪县教育局": "通过",
        "云溪县财政局": "有错误",
        "云溪县公安局": "有警告",
        "青石镇人民政府": "未提交",
        "白沙镇人民政府": "重复提交",
        "柳林镇人民政府": "无法读取",
        "桃源乡人民政府": "年度不符",
        "云溪县审计局": "通过",
        "邻县民政局": "不在名单",
    }
    assert set(states(result).values()) == set(STATES)
    assert [e.number for e in result.entries] == list(range(1, 10))
    assert result.exit_code == 1
    assert [p.name for p in result.locks] == ["~$教育局.xlsx"]
    assert result.summary() == "应交 8，已交 7，通过 2，有警告 1，有错误 1，未提交 1，无法读取 1，重复提交 1，不在名单 1，年度不符 1"
    by_name = {e.name: e for e in result.entries}
    assert "旧版 Excel 97-2003（.xls）" in by_name["柳林镇人民政府"].problems()
    assert by_name["白沙镇人民政府"].problems().startswith("“白沙镇人民政府”提交了 2 个内容不同的文件：")
    assert by_name["桃源乡人民政府"].problems().startswith("报告年度是 2024 年，本次收取的是 2025 年")
    assert len(by_name["云溪县审计局"].files) == 2


def test_the_year_most_files_carry_is_used(inbox: tuple[Path, Path], tmp_path: Path) -> None:
    box, roster = inbox
    result = collect(box, read_roster(roster), tmp_path / "汇总")
    assert (result.year, result.year_inferred) == (2025, True)


def test_outputs(inbox: tuple[Path, Path], tmp_path: Path) -> None:
    box, roster = inbox
    before = {p: p.read_bytes() for p in box.rglob("*") if p.is_file()}
    out = tmp_path / "汇总"
    collect(box, read_roster(roster), out, year=2025, build=True)
    assert {p: p.read_bytes() for p in box.rglob("*") if p.is_file()} == before  # the inbox is never modified
    ws = load_workbook(out / "提交情况.xlsx")["提交情况"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:8] == ("序号", "单位名称", "类别", "状态", "文件", "错误数", "警告数", "主要问题")
    assert rows[0][9:] == ("本年新收申请", "上年结转", "办理结果总计", "结转下年度", "行政复议", "行政诉讼", "收费金额（万元）")
    first = rows[1]
    report = unit_report("云溪县教育局", 1)
    new_total = sum(v for k, v in report.cells.items() if k.startswith("applications.new."))
    assert first[:4] == (1, "云溪县教育局", "部门", "通过") and first[9] == new_total
    assert [p.name for p in (out / "退回").iterdir()] == ["云溪县财政局.校验结果.xlsx"]
    returned = load_workbook(out / "退回" / "云溪县财政局.校验结果.xlsx")
    assert returned.sheetnames[0] == "校验结果"
    data = list(csv.DictReader(io.StringIO((out / "数据.csv").read_text(encoding="utf-8-sig"))))
    assert {r["agency"] for r in data} == {"云溪县教育局", "云溪县公安局", "云溪县审计局"}
    assert sorted(p.name for p in (out / "已采用").iterdir()) == ["云溪县公安局.yaml", "云溪县审计局.xlsx", "云溪县教育局.xlsx"]
    assert (out / "已采用" / "云溪县教育局.xlsx").read_bytes() == (box / "教育局.xlsx").read_bytes()
    built = sorted(p.name for p in (out / "报告").iterdir())
    assert built == sorted(
        ["index.html"] + [f"{n}.{f}" for n in ("云溪县教育局", "云溪县公安局", "云溪县审计局") for f in ("docx", "html", "txt")]
    )
    index = (out / "报告" / "index.html").read_text(encoding="utf-8")
    assert index.index("<h2>部门</h2>") < index.index("云溪县教育局2025年政府信息公开工作年度报告")
    assert "<h2>乡镇</h2>" not in index  # no 乡镇 report was published
    html = (out / "提交情况.html").read_text(encoding="utf-8")
    assert "应交 8，已交 7，通过 2" in html


def test_rerun_after_resubmission_updates_every_output(inbox: tuple[Path, Path], tmp_path: Path) -> None:
    box, roster = inbox
    out = tmp_path / "汇总"
    collect(box, read_roster(roster), out, year=2025, build=True)
    write_report(box / "附件" / "财政.xlsx", unit_report("云溪县财政局", 2))  # corrected
    (box / "白沙镇b.xlsx").unlink()
    result = collect(box, read_roster(roster), out, year=2025, build=True)
    assert states(result)["云溪县财政局"] == "通过" and states(result)["白沙镇人民政府"] == "通过"
    assert not (out / "退回").exists()  # nothing to return this time: the earlier returns are gone
    assert (out / "报告" / "云溪县财政局.docx").is_file()
    assert "<h2>乡镇</h2>" in (out / "报告" / "index.html").read_text(encoding="utf-8")
    rows = list(load_workbook(out / "提交情况.xlsx")["提交情况"].iter_rows(values_only=True))
    assert rows[2][3] == "通过"
    # a unit whose file now has errors loses its published report
    write_report(box / "教育局.xlsx", broken(unit_report("云溪县教育局", 1)))
    collect(box, read_roster(roster), out, year=2025, build=True)
    assert not (out / "报告" / "云溪县教育局.docx").exists()


def test_empty_inbox_leaves_every_unit_missing(tmp_path: Path) -> None:
    box = tmp_path / "空"
    box.mkdir()
    result = collect(box, read_roster(roster_csv(tmp_path / "r.csv", UNITS[:2])), tmp_path / "out")
    assert set(states(result).values()) == {"未提交"} and result.year is None and result.exit_code == 1
    assert (tmp_path / "out" / "提交情况.xlsx").is_file()


def test_other_bad_files_each_get_a_row(tmp_path: Path) -> None:
    box = tmp_path / "in"
    box.mkdir()
    (box / "云溪县教育局.et").write_bytes(OLE + b"\x00" * 100)
    (box / "云溪县财政局.xlsx").write_bytes(b"PK\x03\x04broken zip")
    (box / "云溪县公安局.xlsx").write_bytes(OLE + b"\x00" * 500 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 500)
    report = unit_report("青石镇人民政府", 4)
    from generator.readers.yaml_reader import dump_yaml

    (box / "青石镇人民政府.yaml").write_bytes(dump_yaml(report).encode("gb18030"))
    result = collect(box, read_roster(roster_csv(tmp_path / "r.csv", UNITS[:4])), tmp_path / "out")
    reasons = {e.name: (e.state, e.problems()) for e in result.entries}
    assert reasons["云溪县教育局"][0] == "无法读取"
    assert reasons["云溪县财政局"][0] == "无法读取"
    assert "设置了打开密码" in reasons["云溪县公安局"][1]
    # a GB18030 YAML is read (as every text input is), with a warning naming the encoding
    state, problems = reasons["青石镇人民政府"]
    assert state == "有警告"
    assert "GB18030" in problems
    assert "UTF-8" in reasons["青石镇人民政府"][1]


def test_near_name_matches_with_a_warning(tmp_path: Path) -> None:
    box = tmp_path / "in"
    write_report(box / "a.xlsx", unit_report("云溪县 发展和改革局", 1))  # a space, and full-width would fold too
    write_report(box / "b.xlsx", unit_report("云溪县发改局", 2))  # an abbreviation
    write_report(box / "c.xlsx", unit_report("溪县发展和改革局外县", 3))  # not a left-out-characters variant
    roster = roster_csv(tmp_path / "r.csv", [("云溪县发展和改革局", "部门"), ("云溪县发改委员会", "部门")])
    result = collect(box, read_roster(roster), tmp_path / "out", year=2025)
    entry = result.entries[0]
    assert entry.state == "重复提交" and len(entry.files) == 2
    extra = result.entries[2]
    assert (extra.name, extra.state) == ("溪县发展和改革局外县", "不在名单")


def test_text_from_inputs_is_never_a_formula(tmp_path: Path) -> None:
    box = tmp_path / "in"
    name = '=HYPERLINK("http://x","点我")'
    write_report(box / "a.yaml", unit_report(name, 1))
    write_report(box / "b.yaml", unit_report("@SUM(1)", 2))
    roster = roster_csv(tmp_path / "r.csv", [("-2+3", "部门")])
    result = collect(box, read_roster(roster), tmp_path / "out", year=2025)
    ws = load_workbook(tmp_path / "out" / "提交情况.xlsx")["提交情况"]
    names = [ws.cell(row=r, column=2) for r in range(2, 5)]
    assert [c.value for c in names] == ["-2+3", name, "@SUM(1)"]
    assert {c.data_type for c in names} == {"s"}
    assert states(result)[name] == "不在名单"


def test_data_csv_escapes_formula_text(tmp_path: Path) -> None:
    box = tmp_path / "in"
    write_report(box / "a.yaml", unit_report("=1+1", 1))
    result = collect(box, read_roster(roster_csv(tmp_path / "r.csv", [("=1+1", "部门")])), tmp_path / "out", year=2025)
    assert states(result) == {"=1+1": "通过"}
    rows = list(csv.reader(io.StringIO((tmp_path / "out" / "数据.csv").read_text(encoding="utf-8-sig"))))
    assert {r[0] for r in rows[1:]} == {"'=1+1"}
    signed = [r for r in rows[1:] if r[5] == "change"]
    assert not signed  # 2021 has no signed cells; the numbers of every row stay plain
    assert all(not r[6].startswith("'") for r in rows[1:])


def test_previous_year_checks_each_unit_against_its_own_file(tmp_path: Path) -> None:
    box, last = tmp_path / "in", tmp_path / "last"
    this_year = unit_report("云溪县教育局", 1)
    write_report(box / "a.xlsx", this_year)
    write_report(last / "2024.xlsx", unit_report("云溪县教育局", 2, year=2024))  # carried_forward differs from this carried_over
    roster = read_roster(roster_csv(tmp_path / "r.csv", [("云溪县教育局", "部门")]))
    result = collect(box, roster, tmp_path / "out", previous_dir=last)
    codes = {f.code for f in result.entries[0].findings}
    assert "X-CARRY-OVER" in codes and result.entries[0].state == "有警告"
    without = collect(box, roster, tmp_path / "out2")
    assert states(without) == {"云溪县教育局": "通过"}


def test_last_years_output_folder_serves_as_previous(tmp_path: Path) -> None:
    roster = read_roster(roster_csv(tmp_path / "r.csv", [("云溪县教育局", "部门")]))
    write_report(tmp_path / "2024" / "a.xlsx", unit_report("云溪县教育局", 2, year=2024))
    collect(tmp_path / "2024", roster, tmp_path / "汇总2024")
    write_report(tmp_path / "2025" / "a.xlsx", unit_report("云溪县教育局", 1))
    result = collect(tmp_path / "2025", roster, tmp_path / "汇总2025", previous_dir=tmp_path / "汇总2024")
    assert "X-CARRY-OVER" in {f.code for f in result.entries[0].findings}


def test_returned_copy_marks_every_cell_a_broken_rule_involves(tmp_path: Path) -> None:
    """The copy sent back to a unit marks, like ``check --annotate``, the cell of each finding and every related cell."""
    from generator.pipeline import read_input
    from generator.workbook.styles import FINDING_FILL

    box = tmp_path / "收件箱"
    sent = write_report(box / "财政.xlsx", broken(unit_report("云溪县财政局", 2)))
    result = collect(box, read_roster(roster_csv(tmp_path / "名单.csv", UNITS[1:2])), tmp_path / "汇总", year=2025)
    (entry,) = result.entries
    rules = [f for f in entry.findings if f.severity == "error" and f.related]
    assert entry.state == "有错误" and rules
    sources = read_input(sent).sources
    returned = load_workbook(tmp_path / "汇总" / "退回" / "云溪县财政局.校验结果.xlsx")
    for finding in rules:
        for cell in finding.related:
            place = sources[cell]
            marked = returned[place.sheet][place.ref]
            assert marked.fill.fgColor.rgb.endswith(FINDING_FILL.fgColor.rgb), (finding.code, cell, place.ref)
            assert marked.comment is not None and f"错误 {finding.code}：{finding.message}" in marked.comment.text
