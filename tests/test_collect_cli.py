"""The collection commands through the CLI: exact messages and exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from generator.cli import app

from .collection import broken, roster_csv, unit_report, write_report

UNITS = [("云溪县教育局", "部门"), ("青石镇人民政府", "乡镇")]


def test_roster_writes_an_empty_roster_and_refuses_to_overwrite(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "名单.xlsx"
    result = runner.invoke(app, ["roster", "-o", str(target)])
    assert (result.exit_code, result.stdout) == (0, f"✓ 已生成名单 {target}：在“名单”工作表中每行填写一个单位\n")
    assert [c.value for c in load_workbook(target)["名单"][1]] == ["单位名称", "类别", "联系人", "联系电话", "备注"]
    again = runner.invoke(app, ["roster", "-o", str(target)])
    assert (again.exit_code, again.stderr) == (2, f"错误：输出文件已存在，不会覆盖（如需替换请加 --overwrite）：{target}\n")
    replaced = runner.invoke(app, ["roster", "-o", str(target), "--overwrite"])
    assert (replaced.exit_code, replaced.stdout) == (0, f"✓ 已生成名单 {target}：在“名单”工作表中每行填写一个单位（已替换原有文件）\n")


def test_template_roster_writes_one_workbook_per_unit(runner: CliRunner, tmp_path: Path) -> None:
    roster = roster_csv(tmp_path / "名单.csv", UNITS)
    out = tmp_path / "下发"
    result = runner.invoke(app, ["template", "--roster", str(roster), "--year", "2025", "-o", str(out)])
    assert (result.exit_code, result.stdout) == (0, f"✓ 已为 2 个单位生成模板到 {out}（2025 年度，2021 版格式）\n")
    assert sorted(p.name for p in out.iterdir()) == ["云溪县教育局.xlsx", "青石镇人民政府.xlsx"]
    last = tmp_path / "去年"
    write_report(last / "a.xlsx", unit_report("云溪县教育局", 1, year=2024))
    out2 = tmp_path / "下发2"
    result = runner.invoke(app, ["template", "--roster", str(roster), "--year", "2025", "-o", str(out2), "--from", str(last)])
    assert result.exit_code == 0
    assert result.stderr == "未找到上年报告（上年结转未预填）：青石镇人民政府\n"


def test_roster_without_name_column_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    roster = tmp_path / "r.csv"
    roster.write_text("单位,类别\n甲,部门\n", encoding="gb18030")
    result = runner.invoke(app, ["collect", str(tmp_path), "--roster", str(roster), "-o", str(tmp_path / "out")])
    assert (result.exit_code, result.stderr) == (2, f"错误：{roster}：名单缺少“单位名称”列；第1行找到的列：“单位”、“类别”\n")


def test_roster_with_duplicates_stops_collect(runner: CliRunner, tmp_path: Path) -> None:
    roster = roster_csv(tmp_path / "r.csv", [("甲局", "部门"), ("甲局", "部门")])
    result = runner.invoke(app, ["collect", str(tmp_path), "--roster", str(roster), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr == f"错误：{roster}：名单有错误，请先改正：错误 ROSTER-NAME-DUPLICATE {roster} 第3行：单位名称“甲局”与第2行重复\n"


def test_collect_exit_codes_and_summary(runner: CliRunner, tmp_path: Path) -> None:
    box, out = tmp_path / "in", tmp_path / "汇总"
    roster = roster_csv(tmp_path / "r.csv", UNITS)
    write_report(box / "a.xlsx", unit_report("云溪县教育局", 1))
    result = runner.invoke(app, ["collect", str(box), "--roster", str(roster), "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr == "未提交：青石镇人民政府\n"
    assert result.stdout == f"2025 年度（按多数文件推定）：应交 2，已交 1，通过 1，未提交 1\n✓ 已写出 {out}/提交情况.xlsx 等 4 个文件\n"
    write_report(box / "b.yaml", unit_report("青石镇人民政府", 2))
    result = runner.invoke(app, ["collect", str(box), "--roster", str(roster), "-o", str(out), "--year", "2025", "--build"])
    assert result.exit_code == 0
    assert (
        result.stdout
        == f"2025 年度：应交 2，已交 2，通过 2\n提示：已替换 {out} 中上次汇总写出的文件\n✓ 已写出 {out}/提交情况.xlsx 等 12 个文件\n"
    )
    write_report(box / "b.yaml", broken(unit_report("青石镇人民政府", 2)))
    result = runner.invoke(app, ["collect", str(box), "--roster", str(roster), "-o", str(out), "--json"])
    printed = json.loads(result.stdout)
    assert result.exit_code == 1
    assert [(u["name"], u["state"], u["errors"]) for u in printed["units"]] == [
        ("云溪县教育局", "通过", 0),
        ("青石镇人民政府", "有错误", 1),
    ]
    assert printed["summary"]["有错误"] == 1 and printed["year"] == 2025


def test_collect_empty_inbox(runner: CliRunner, tmp_path: Path) -> None:
    box = tmp_path / "in"
    box.mkdir()
    roster = roster_csv(tmp_path / "r.csv", UNITS[:1])
    result = runner.invoke(app, ["collect", str(box), "--roster", str(roster), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.stderr == f"收件箱中没有找到任何 .xlsx/.yaml 文件：{box}\n未提交：云溪县教育局\n"


def test_collect_missing_inbox_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    roster = roster_csv(tmp_path / "r.csv", UNITS)
    result = runner.invoke(app, ["collect", str(tmp_path / "无"), "--roster", str(roster), "-o", str(tmp_path / "out")])
    assert (result.exit_code, result.stderr) == (2, f"错误：{tmp_path / '无'}：不是一个目录，或目录不存在\n")


def test_aggregate_and_check_children(runner: CliRunner, tmp_path: Path) -> None:
    kids = tmp_path / "kids"
    write_report(kids / "a.yaml", unit_report("甲局", 1))
    write_report(kids / "b.yaml", unit_report("乙局", 2))
    out = tmp_path / "本级.yaml"
    result = runner.invoke(app, ["aggregate", str(kids), "--agency", "云溪县人民政府", "-o", str(out)])
    assert (result.exit_code, result.stdout) == (0, f"✓ 已汇总 2 份报告 → {out}（填写第一、五部分文字后可用 reportgen check 检查）\n")
    check = runner.invoke(app, ["check", str(out), "--children", str(kids)])
    assert check.exit_code == 1  # parts 一 and 五 are still empty
    assert "CHILDREN-SUM" not in check.output
    drafted = tmp_path / "起草.yaml"
    result = runner.invoke(app, ["draft", str(out), "-o", str(drafted)])
    assert result.exit_code == 0
    assert result.stdout == (
        f"✓ 已起草 3 个部分 → {drafted}：二、主动公开政府信息情况、三、收到和处理政府信息公开申请情况、"
        "四、政府信息公开行政复议、行政诉讼情况\n"
    )
    bad = runner.invoke(
        app,
        [
            "aggregate",
            str(kids),
            str(write_report(tmp_path / "c.yaml", broken(unit_report("丙局", 3)))),
            "--agency",
            "县",
            "-o",
            str(tmp_path / "x.yaml"),
        ],
    )
    assert bad.exit_code == 1
    assert bad.stderr.endswith("✗ 未汇总：以上输入有问题\n") and not (tmp_path / "x.yaml").exists()
    needs = runner.invoke(app, ["aggregate", str(kids), "--agency", "县", "-o", str(tmp_path / "y.yaml"), "--category", "部门"])
    assert (needs.exit_code, needs.stderr) == (2, "错误：--category 需要同时给出 --roster 名单\n")
    lone = runner.invoke(app, ["check", str(out), "--children"])
    assert (lone.exit_code, lone.stderr) == (
        2,
        "错误：--children 需要本级报告和至少一个下级报告，例如：reportgen check 本级.xlsx --children 各单位/\n",
    )


def test_draft_refuses_errors(runner: CliRunner, tmp_path: Path) -> None:
    source = write_report(tmp_path / "a.yaml", broken(unit_report("甲局", 1)))
    result = runner.invoke(app, ["draft", str(source), "-o", str(tmp_path / "b.yaml")])
    assert result.exit_code == 1
    assert result.stderr.endswith(f"✗ {source} 有错误，未起草\n")


def test_interrupt_in_the_pool_says_how_far_it_got_and_leaves_no_worker(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import multiprocessing

    import generator.pipeline as pipeline

    inputs = [write_report(tmp_path / "in" / f"r{i}.yaml", unit_report(f"机关{i}", i + 1)) for i in range(6)]
    real = pipeline.check_one

    def interrupt_r2(path: Path, previous: object = None):  # type: ignore[no-untyped-def]
        if path.name == "r2.yaml":
            raise KeyboardInterrupt  # as if Ctrl-C arrived while this input was being read
        return real(path, previous)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "check_one", interrupt_r2)
    monkeypatch.setenv("REPORTGEN_WORKERS", "2")
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", *map(str, inputs), "-o", str(out), "-f", "txt"])
    assert result.exit_code == 130
    said = re.fullmatch(
        r"(?s).*\n已中断：6 个输入中已处理完 (\d) 个，其余未处理；已写出的文件都是完整的，未完成的临时文件已删除\n", result.stderr
    )
    assert said is not None, result.stderr
    assert multiprocessing.active_children() == []
    written = sorted(p.name for p in out.iterdir()) if out.exists() else []
    assert "r2.txt" not in written
    assert all(name.endswith(".txt") and not name.startswith(".") for name in written)  # inputs done in any order: whole
    assert int(said[1]) == len(written)  # exactly the inputs whose outputs were written, however the workers raced
