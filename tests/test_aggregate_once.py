"""Each unit counted once in ``aggregate`` and ``check --children``, and every roster unit left out of a sum named."""

from __future__ import annotations

import shutil
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from generator.cli import app
from generator.collect.aggregate import aggregate, write_aggregate
from generator.collect.reconcile import check_children
from generator.collect.roster import read_roster

from .collection import roster_csv, unit_report, write_report


def kids(folder: Path) -> list[Path]:
    return [write_report(folder / "a.yaml", unit_report("甲局", 1)), write_report(folder / "b.xlsx", unit_report("乙镇", 2))]


def test_a_folder_and_a_file_inside_it_count_that_unit_twice_and_are_refused(tmp_path: Path) -> None:
    a, _ = kids(tmp_path / "kids")
    result = aggregate([tmp_path / "kids", a], "县政府")
    assert result.report is None and result.exit_code == 1
    assert [f.code for f in result.findings] == ["AGGREGATE-DUPLICATE"]
    assert result.findings[0].message.startswith("同一个文件给出了多次：")


def test_the_same_folder_twice_is_refused(tmp_path: Path) -> None:
    kids(tmp_path / "kids")
    result = aggregate([tmp_path / "kids", tmp_path / "kids"], "县政府")
    assert result.report is None
    assert [f.code for f in result.findings] == ["AGGREGATE-DUPLICATE", "AGGREGATE-DUPLICATE"]


def test_a_copy_and_another_file_of_the_same_agency_and_year_are_refused(tmp_path: Path) -> None:
    a, _ = kids(tmp_path / "kids")
    shutil.copy(a, tmp_path / "copy.yaml")
    again = write_report(tmp_path / "again.yaml", unit_report("甲局", 3))  # another content, same agency and year
    result = aggregate([tmp_path / "kids", tmp_path / "copy.yaml"], "县政府")
    assert [f.message.split("：")[0] for f in result.findings] == ["内容完全相同的文件"]
    result = aggregate([tmp_path / "kids", again], "县政府")
    assert [f.message.split("：")[0] for f in result.findings] == ["同一机关同一年度的报告有多份"]
    assert result.report is None


def test_roster_units_left_out_refuse_the_sum_unless_allowed(tmp_path: Path) -> None:
    kids(tmp_path / "kids")
    roster = read_roster(roster_csv(tmp_path / "r.csv", [("甲局", "部门"), ("乙镇", "乡镇"), ("丙局", "部门")]))
    refused = aggregate([tmp_path / "kids"], "县政府", roster=roster)
    assert refused.report is None and refused.exit_code == 1
    assert [f.line() for f in refused.findings] == [
        f"错误 AGGREGATE-MISSING {tmp_path / 'r.csv'}：名单中的“丙局”不在汇总之内（输入中没有该单位的报告）；"
        "补齐后再汇总，或加 --allow-missing 汇总其余单位并在汇总来源中列明"
    ]
    only = aggregate([tmp_path / "kids"], "县政府", roster=roster, categories=["乡镇"])
    assert only.report is not None and only.findings == []  # 丙局 is not of the chosen category
    allowed = aggregate([tmp_path / "kids"], "县政府", roster=roster, allow_missing=True)
    assert allowed.report is not None and [f.code for f in allowed.findings] == ["AGGREGATE-NOT-INCLUDED"]
    out = tmp_path / "本级.xlsx"
    write_aggregate(allowed, out)
    rows = list(load_workbook(out)["汇总来源"].iter_rows(values_only=True))
    assert rows[0][:3] == ("单位名称", "状态", "文件")
    assert [r[:2] for r in rows[1:]] == [("甲局", "已纳入"), ("乙镇", "已纳入"), ("丙局", "未纳入")]
    assert rows[3][2] == "输入中没有该单位的报告"


def test_a_collect_output_folder_is_read_through_its_accepted_files_with_the_reasons(tmp_path: Path) -> None:
    samples = Path(__file__).resolve().parents[1] / "sample_inputs" / "collection"
    runner = CliRunner()
    out = tmp_path / "汇总"
    collected = runner.invoke(app, ["collect", str(samples / "收件箱"), "--roster", str(samples / "名单.xlsx"), "-o", str(out)])
    assert collected.exit_code == 1, collected.output
    target = tmp_path / "本级.xlsx"
    args = ["aggregate", str(out), "--agency", "云溪县人民政府", "-o", str(target), "--roster", str(samples / "名单.xlsx")]
    refused = runner.invoke(app, args)
    assert refused.exit_code == 1 and not target.exists()
    assert "名单中的“云溪县财政局”不在汇总之内（提交情况为“有错误”）" in refused.stderr
    assert "名单中的“云溪县自然资源局”不在汇总之内（提交情况为“未提交”）" in refused.stderr
    allowed = runner.invoke(app, [*args, "--allow-missing"])
    assert allowed.exit_code == 0, allowed.output
    assert "✓ 已汇总 9 份，未纳入 3 个单位：云溪县财政局、云溪县自然资源局、云溪县住房和城乡建设局 → " in allowed.stdout
    accepted = runner.invoke(app, ["aggregate", str(out / "已采用"), *args[2:], "--overwrite"])  # the README's 汇总/已采用/
    assert accepted.exit_code == 1, accepted.output
    assert "名单中的“云溪县自然资源局”不在汇总之内（提交情况为“未提交”）" in accepted.stderr


def test_children_never_count_the_parent_and_confirm_when_every_cell_agrees(tmp_path: Path) -> None:
    children = kids(tmp_path / "kids")
    summed = aggregate(children, "县政府").report
    assert summed is not None
    parent = write_report(tmp_path / "kids" / "本级.yaml", summed.model_copy(update={"text": unit_report("甲局", 1).text}))
    outcome = check_children(parent, [tmp_path / "kids"])
    assert [fo.file for fo in outcome.files[1:]] == [str(c) for c in children]
    assert outcome.files[0].notes == [f"已跳过与本级报告相同的文件（不计入下级）：{parent}"]
    assert not [f for f in outcome.findings if f.code == "CHILDREN-SUM"]
    shown = CliRunner().invoke(app, ["check", str(parent), "--children", str(tmp_path / "kids")])
    assert shown.stdout.splitlines()[-1] == "✓ 本级报告的每一格都等于 2 个下级报告之和"


def test_children_findings_are_summarised_unless_asked(tmp_path: Path) -> None:
    children = kids(tmp_path / "kids")
    write_report(children[0], unit_report("甲局", 1).model_copy(update={"date": None}))  # a warning of its own
    summed = aggregate(children, "县政府").report
    assert summed is not None
    parent = write_report(tmp_path / "p.yaml", summed.model_copy(update={"text": unit_report("甲局", 1).text}))
    brief = CliRunner().invoke(app, ["check", str(parent), "--children", str(tmp_path / "kids")])
    full = CliRunner().invoke(app, ["check", str(parent), "--children", str(tmp_path / "kids"), "--show-children"])
    child_lines = [line for line in full.stdout.splitlines() if str(children[0]) in line and not line.startswith(("✓", "✗"))]
    assert child_lines  # the child's own findings are listed when asked
    assert not [line for line in brief.stdout.splitlines() if line in child_lines]
    assert f"✓ {children[0]}：没有错误，1 个警告" in brief.stdout


def test_draft_keeps_every_sheet_and_writes_table_2_as_sentences(tmp_path: Path) -> None:
    from generator.collect.draft import draft

    kids(tmp_path / "kids")
    roster = read_roster(roster_csv(tmp_path / "r.csv", [("甲局", "部门"), ("乙镇", "乡镇"), ("丙局", "部门")]))
    summed = aggregate([tmp_path / "kids"], "县政府", roster=roster, allow_missing=True)
    for suffix in (".xlsx", ".yaml"):
        source, target = tmp_path / f"本级{suffix}", tmp_path / f"起草{suffix}"
        write_aggregate(summed, source)
        drafted = draft(source, target)
        assert drafted.report is not None
        sentence = drafted.report.text.proactive
        assert sentence.startswith("本年度，规章制发") and "第二十条" not in sentence and sentence.endswith("。")
        if suffix == ".xlsx":
            rows = list(load_workbook(target)["汇总来源"].iter_rows(values_only=True))
            assert [r[:2] for r in rows[1:]] == [("甲局", "已纳入"), ("乙镇", "已纳入"), ("丙局", "未纳入")]
        else:
            assert target.read_text(encoding="utf-8").count("sources:") == 1 and "丙局" in target.read_text(encoding="utf-8")


def test_two_files_matched_to_one_roster_unit_are_refused(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    full = write_report(folder / "a.yaml", unit_report("云溪县教育局", 1))
    short = write_report(folder / "b.yaml", unit_report("县教育局", 2))  # a near match of the same roster unit
    write_report(folder / "c.yaml", unit_report("青石镇人民政府", 3))
    roster = read_roster(roster_csv(tmp_path / "名单.csv", [("云溪县教育局", "部门"), ("青石镇人民政府", "乡镇")]))
    result = aggregate([folder], "云溪县人民政府", roster=roster)
    assert result.report is None and result.exit_code == 1
    assert [f.line() for f in result.findings if f.code == "AGGREGATE-DUPLICATE"] == [
        f"错误 AGGREGATE-DUPLICATE {full}：名单上同一单位的报告有多份：{full}、{short}；每个单位只能计入一次，请去掉重复的输入"
    ]


def test_children_pass_over_another_version_of_the_parent(tmp_path: Path) -> None:
    children = kids(tmp_path / "kids")
    summed = aggregate(children, "县政府").report
    assert summed is not None
    text = unit_report("甲局", 1).text
    parent = write_report(tmp_path / "本级-起草.yaml", summed.model_copy(update={"text": text}))
    older = write_report(tmp_path / "kids" / "本级.xlsx", summed.model_copy(update={"text": text, "units": {}}))
    outcome = check_children(parent, [tmp_path / "kids"])
    assert outcome.files[0].notes == [f"已跳过与本级报告机关和年度相同的文件（本级报告的另一版本，不计入下级）：{older}"]
    assert not [f for f in outcome.findings if f.code in ("CHILDREN-SUM", "AGGREGATE-DUPLICATE")]


def test_draft_keeps_sources_written_anywhere_in_a_yaml_input(tmp_path: Path) -> None:
    from generator.collect.draft import draft
    from generator.pipeline import read_input

    kids(tmp_path / "kids")
    source = tmp_path / "本级.yaml"
    write_aggregate(aggregate([tmp_path / "kids"], "县政府"), source)
    report, tail = source.read_text(encoding="utf-8").split("\n# 汇总来源", 1)
    source.write_text("# 汇总来源" + tail + report, encoding="utf-8")  # the list first, the report after it
    target = tmp_path / "起草.yaml"
    assert draft(source, target).written == target
    back = read_input(target)
    assert back.report is not None and [f.code for f in back.findings if f.severity == "error"] == []
    assert target.read_text(encoding="utf-8").count("sources:") == 1
