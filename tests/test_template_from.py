"""``template --from``: last year's file must be last year's, of the same agency, unless --allow-mismatch."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from generator.cli import app
from generator.pipeline import read_input

from .collection import roster_csv, unit_report, write_report


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_another_agencys_file_is_refused_naming_both(tmp_path: Path) -> None:
    other = write_report(tmp_path / "乙.yaml", unit_report("乙局", 1, year=2024))
    target = tmp_path / "甲.xlsx"
    code, _, err = run("template", "-o", str(target), "--year", "2025", "--agency", "甲局", "--from", str(other))
    assert code == 2 and not target.exists()
    assert err == f"错误：--from 的文件 {other} 不是本机关上一年度的报告：机关是“乙局”，不是“甲局”；确认要用它预填请加 --allow-mismatch\n"
    code, _, _ = run("template", "-o", str(target), "--year", "2025", "--agency", "甲局", "--from", str(other), "--allow-mismatch")
    assert code == 0 and target.exists()


def test_a_file_of_another_year_is_refused(tmp_path: Path) -> None:
    same_year = write_report(tmp_path / "甲.yaml", unit_report("甲局", 1, year=2025))
    target = tmp_path / "新.xlsx"
    code, _, err = run("template", "-o", str(target), "--year", "2025", "--from", str(same_year))
    assert code == 2 and "年度是 2025 年，不是 2024 年" in err and not target.exists()
    last_year = write_report(tmp_path / "甲2024.yaml", unit_report("甲局", 1, year=2024))
    code, _, _ = run("template", "-o", str(target), "--year", "2025", "--agency", "甲 局", "--from", str(last_year))
    assert code == 0  # spaces and full-width characters do not make another agency
    result = read_input(target)
    assert result.report is not None and result.report.agency == "甲 局"


def test_roster_from_a_folder_of_this_years_files_is_refused(tmp_path: Path) -> None:
    roster = roster_csv(tmp_path / "名单.csv", [("甲局", "部门")])
    write_report(tmp_path / "今年" / "甲.yaml", unit_report("甲局", 1, year=2025))
    out = tmp_path / "下发"
    code, _, err = run("template", "--roster", str(roster), "--year", "2025", "-o", str(out), "--from", str(tmp_path / "今年"))
    assert code == 2 and "上年汇总目录中有不是 2024 年度的报告：甲局（年度是 2025 年，不是 2024 年）" in err
    assert not out.exists()
    code, _, _ = run(
        "template", "--roster", str(roster), "--year", "2025", "-o", str(out), "--from", str(tmp_path / "今年"), "--allow-mismatch"
    )
    assert code == 0 and (out / "甲局.xlsx").exists()
