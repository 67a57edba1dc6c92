"""The roster is the one truth for a unit's name: a file matched by a near match or by its file name is published,
listed and exported under the roster's full name."""

from __future__ import annotations

import csv
from pathlib import Path

from typer.testing import CliRunner

from generator.cli import app

from .collection import roster_csv, unit_report, write_report


def test_a_near_matched_file_is_published_under_the_rosters_name(tmp_path: Path) -> None:
    roster = roster_csv(tmp_path / "名单.csv", [("云溪县教育局", "部门"), ("云溪县财政局", "部门")])
    inbox = tmp_path / "收件箱"
    short = unit_report("县教育局", 1).model_copy(update={"signature": "县教育局", "title": "县教育局2025年政府信息公开工作年度报告"})
    write_report(inbox / "教育.yaml", short)
    write_report(inbox / "财政局.yaml", unit_report("云溪县 财政局", 2))  # the same name but for a space
    out = tmp_path / "汇总"
    result = CliRunner().invoke(app, ["collect", str(inbox), "--roster", str(roster), "-o", str(out), "--build"])
    assert result.exit_code == 0, result.output
    listed = CliRunner().invoke(app, ["collect", str(inbox), "--roster", str(roster), "-o", str(tmp_path / "j"), "--json"]).stdout
    assert (
        "文件中的机关名称“县教育局”与名单中的“云溪县教育局”不完全一致，已按近似名称归入该单位；报告标题、署名、提交情况和数据均使用名单中的名称"
        in listed
    )
    text = (out / "报告" / "云溪县教育局.txt").read_text(encoding="utf-8")
    lines = [line.strip() for line in text.splitlines()]
    title = "".join(lines[: lines.index("")])  # the title, on its balanced lines; the unit's own prose is left as written
    assert title == "云溪县教育局2025年政府信息公开工作年度报告"
    assert lines[-2] == "云溪县教育局"  # the signature, above the date
    finance = (out / "报告" / "云溪县财政局.txt").read_text(encoding="utf-8")
    assert finance.splitlines()[0].strip().startswith("云溪县财政局") and finance.rstrip().splitlines()[-2] == "云溪县财政局"
    index = (out / "报告" / "index.html").read_text(encoding="utf-8")
    assert "云溪县教育局" in index and ">县教育局<" not in index
    with (out / "数据.csv").open(encoding="utf-8-sig") as data:
        agencies = {row["agency"] for row in csv.DictReader(data)}
    assert agencies == {"云溪县教育局", "云溪县财政局"}
