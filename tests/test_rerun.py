"""Re-running is natural: an annotated copy replaced by the next check, folders that pass over the tool's own files and
rosters, the 另存为 hint for a folder of .xls files, and paths typed with Windows' backslash refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from generator.cli import app
from generator.collect.roster import write_roster_template

from .conftest import SAMPLES

WORKBOOK = SAMPLES / "example-county-bureau-2021.xlsx"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_check_annotate_twice_replaces_its_own_copy_and_says_so(tmp_path: Path) -> None:
    book = Path(shutil.copy(WORKBOOK, tmp_path / "报告.xlsx"))
    copy = tmp_path / "报告.校验结果.xlsx"
    first = run("check", str(book), "--annotate")
    assert first[0] == 0 and f"已写出标注副本：{copy}" in first[1]
    before = copy.read_bytes()
    wb = load_workbook(book)  # the unit fixes something: a new version of the workbook
    wb["基本信息"]["B2"].value = "云溪县市场监督管理局（改）"
    wb.save(book)
    second = run("check", str(book), "--annotate")
    assert second[0] == 0 and f"已替换上次的标注副本：{copy}" in second[1]
    assert copy.read_bytes() != before


def test_a_file_of_that_name_not_written_by_the_tool_is_never_replaced(tmp_path: Path) -> None:
    book = Path(shutil.copy(WORKBOOK, tmp_path / "报告.xlsx"))
    foreign = tmp_path / "报告.校验结果.xlsx"
    shutil.copy(WORKBOOK, foreign)  # the user's own file that happens to carry the name
    code, _, err = run("check", str(book), "--annotate")
    assert code == 2 and foreign.read_bytes() == WORKBOOK.read_bytes()
    assert "已存在" in err


def test_a_folder_passes_over_annotated_copies_status_and_rosters(tmp_path: Path) -> None:
    folder = tmp_path / "各单位"
    folder.mkdir()
    shutil.copy(WORKBOOK, folder / "甲.xlsx")
    assert run("check", str(folder / "甲.xlsx"), "--annotate")[0] == 0
    write_roster_template(folder / "名单.xlsx")
    code, out, _ = run("check", str(folder))
    assert code == 0
    assert out.splitlines()[:2] == [
        f"提示：已跳过 {folder / '名单.xlsx'}（名单，不是要检查的报告）",
        f"提示：已跳过 {folder / '甲.校验结果.xlsx'}（本工具写出的标注副本，不是要检查的报告）",
    ]
    assert f"✓ {folder / '甲.xlsx'}：没有错误，0 个警告" in out


def test_a_folder_of_old_workbooks_gets_the_save_as_hint(tmp_path: Path) -> None:
    (tmp_path / "旧.xls").write_bytes(b"\xd0\xcf\x11\xe0" + bytes(100))
    code, _, err = run("check", str(tmp_path))
    assert code == 2
    assert "目录中只有旧版 Excel 97-2003（.xls）或 WPS（.et）格式的文件（1 个）" in err and "另存为" in err


@pytest.mark.parametrize("args", [["build", str(SAMPLES / "liaocheng-fao-2019.yaml"), "-o", ".\\输出\\"], ["template", "-o", "a\\b.xlsx"]])
def test_a_backslash_path_is_refused_with_a_hint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run(*args)
    assert code == 2 and "路径中有反斜杠“\\”：本系统用“/”分隔文件夹，请写成" in err
    assert list(tmp_path.iterdir()) == []
