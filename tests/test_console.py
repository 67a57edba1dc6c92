"""The entry point: the console script runs the typer app (guarded against a Ctrl-C while it loads); one-shot commands
load only the libraries they use."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

PROGRAM = "reportgen"
ENTRY_POINT = "from generator.__main__ import main\n"  # what the console script ``reportgen`` runs (pyproject.toml)


def test_the_console_script_runs_the_typer_app() -> None:
    """What it runs is what the tests below run (ENTRY_POINT): the help they read back is the typer app's."""
    import tomllib

    pyproject = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["scripts"] == {PROGRAM: "generator.__main__:main"}


@pytest.mark.parametrize("args", [["--help"], ["-h"], []])
def test_the_top_level_help_is_the_clis_own(args: list[str]) -> None:
    script = f"import sys\nsys.argv = [{PROGRAM!r}, *{args!r}]\n" + ENTRY_POINT + "main()\n"
    env = {"COLUMNS": "100", "PYTHONIOENCODING": "utf-8", "PATH": ""}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, encoding="utf-8", env=env, check=False)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith("用法：reportgen [选项] 命令 [参数]...\n\n  检查并生成政府信息公开工作年度报告。\n")
    for command in ("build", "check", "collect", "audit"):
        assert f"\n  {command} " in done.stdout


def test_an_unknown_command_is_one_chinese_line() -> None:
    script = f"import sys\nsys.argv = [{PROGRAM!r}, 'bulid']\n" + ENTRY_POINT + "main()\n"
    env = {"PYTHONIOENCODING": "utf-8", "PATH": ""}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, encoding="utf-8", env=env, check=False)
    assert done.returncode == 2
    assert done.stderr.startswith("错误：没有这个命令：bulid（可用命令：build、") and done.stderr.count("\n") == 1


def test_checking_a_workbook_loads_no_writing_library() -> None:
    """openpyxl, python-docx and jinja2 write files: a check of a workbook needs none of them."""
    sample = Path(__file__).resolve().parents[1] / "sample_inputs" / "example-county-bureau-2021.xlsx"
    script = (
        "import sys\n"
        f"sys.argv = [{PROGRAM!r}, 'check', {str(sample)!r}]\n" + ENTRY_POINT + "try:\n    main()\n"
        "except SystemExit as exit:\n"
        "    loaded = sorted({m.split('.')[0] for m in sys.modules} & {'openpyxl', 'docx', 'jinja2'})\n"
        "    print(exit.code, loaded, file=sys.stderr)\n"
    )
    env = {"PYTHONIOENCODING": "utf-8", "PATH": ""}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, encoding="utf-8", env=env, check=False)
    assert done.stderr.splitlines()[-1] == "0 []", done.stderr


def _loaded_after(args: list[str], libraries: set[str], cwd: Path) -> tuple[str, str]:
    """(stdout, last stderr line ``<exit code> [<libraries of ``libraries`` that were loaded>]``) of one command."""
    script = (
        "import sys\n"
        f"sys.argv = [{PROGRAM!r}, *{args!r}]\n" + ENTRY_POINT + "try:\n    main()\n"
        "except SystemExit as exit:\n"
        f"    loaded = sorted({{m.split('.')[0] for m in sys.modules}} & set({sorted(libraries)!r}))\n"
        "    print(exit.code, loaded, file=sys.stderr)\n"
    )
    env = {"PYTHONIOENCODING": "utf-8", "PATH": ""}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, encoding="utf-8", env=env, cwd=cwd, check=False)
    return done.stdout, done.stderr.splitlines()[-1]


def test_building_one_workbook_loads_no_spreadsheet_writer_and_starts_no_workers(tmp_path: Path) -> None:
    """openpyxl writes workbooks; one input runs in the process itself."""
    sample = Path(__file__).resolve().parents[1] / "sample_inputs" / "example-county-bureau-2021.xlsx"
    libraries = {"openpyxl", "multiprocessing"}
    stdout, loaded = _loaded_after(["build", str(sample), "-o", "out", "--format", "txt,docx,html"], libraries, tmp_path)
    assert loaded == "0 []", stdout
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [f"example-county-bureau-2021.{ext}" for ext in ("docx", "html", "txt")]


def test_building_one_yaml_input_loads_no_spreadsheet_library(tmp_path: Path) -> None:
    """A report from YAML needs neither openpyxl nor worker processes (python-docx brings lxml for the .docx)."""
    sample = Path(__file__).resolve().parents[1] / "sample_inputs" / "liaocheng-fao-2019.yaml"
    stdout, loaded = _loaded_after(["build", str(sample), "-o", "out"], {"openpyxl", "multiprocessing"}, tmp_path)
    assert loaded == "0 []", stdout


def test_a_yaml_input_with_a_wrong_fee_is_named(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("agency: 某局\nyear: 2021\ninfo_fees: {notices: -1}\n", encoding="utf-8")
    stdout, loaded = _loaded_after(["check", "a.yaml"], set(), tmp_path)
    assert loaded == "1 []"
    assert "VALUE-NEGATIVE" in stdout and "info_fees.notices" in stdout
