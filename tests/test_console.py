"""The entry point: the stored top-level help equals the CLI's own, and printing it loads no third-party library."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli_help import BARE_EXIT, BARE_TO_STDERR, TOP_HELP
from generator.console import PROGRAM, stored_help
from scripts import update_help


def test_stored_help_is_what_the_cli_prints() -> None:
    assert update_help.recorded() == update_help.stored(), "run: python scripts/update_help.py"


def test_only_the_top_level_help_is_stored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    assert stored_help(["/usr/bin/reportgen", "--help"]) == (TOP_HELP, 0, False)
    assert stored_help(["reportgen"]) == (None if BARE_EXIT is None else (TOP_HELP, BARE_EXIT, BARE_TO_STDERR))
    assert stored_help(["reportgen", "build", "--help"]) is None
    assert stored_help(["reportgen", "--help", "x"]) is None
    assert stored_help(["reportgen", "--version"]) is None
    assert stored_help(["python -m generator", "--help"]) is None  # the CLI names the program differently
    monkeypatch.setenv("COLUMNS", "60")
    assert stored_help(["reportgen", "--help"]) is None  # the CLI wraps narrower than the stored copy


@pytest.mark.parametrize(
    ("args", "code", "stream"),
    [(["--help"], 0, "stdout"), *([([], BARE_EXIT, "stderr" if BARE_TO_STDERR else "stdout")] if BARE_EXIT is not None else [])],
)
def test_help_loads_no_library(args: list[str], code: int, stream: str) -> None:
    script = (
        "import sys\n"
        f"sys.argv = [{PROGRAM!r}, *{args!r}]\n"
        "from generator.console import main\n"
        "try:\n    main()\n"
        "except SystemExit as exit:\n"
        "    loaded = sorted({m.split('.')[0] for m in sys.modules} & {'typer', 'click', 'pydantic', 'jinja2', 'lxml'})\n"
        f"    print(exit.code, loaded, file=sys.{stream})\n"
    )
    env = {"COLUMNS": "100", "PYTHONIOENCODING": "utf-8", "PATH": ""}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, encoding="utf-8", env=env, check=False)
    assert done.returncode == 0, done.stderr
    assert getattr(done, stream) == TOP_HELP + f"{code} []\n"


def test_checking_a_workbook_loads_no_writing_library() -> None:
    """openpyxl, python-docx and jinja2 write files: a check of a workbook needs none of them."""
    sample = Path(__file__).resolve().parents[1] / "sample_inputs" / "example-county-bureau-2021.xlsx"
    script = (
        "import sys\n"
        f"sys.argv = [{PROGRAM!r}, 'check', {str(sample)!r}]\n"
        "from generator.console import main\n"
        "try:\n    main()\n"
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
        f"sys.argv = [{PROGRAM!r}, *{args!r}]\n"
        "from generator.console import main\n"
        "try:\n    main()\n"
        "except SystemExit as exit:\n"
        f"    loaded = sorted({{m.split('.')[0] for m in sys.modules}} & set({sorted(libraries)!r}))\n"
        "    print(exit.code, loaded, file=sys.stderr)\n"
    )
    env = {"PYTHONIOENCODING": "utf-8", "PATH": ""}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, encoding="utf-8", env=env, cwd=cwd, check=False)
    return done.stdout, done.stderr.splitlines()[-1]


def test_building_one_workbook_loads_no_validation_library_and_starts_no_workers(tmp_path: Path) -> None:
    """pydantic checks YAML input only; openpyxl writes workbooks; one input runs in the process itself."""
    sample = Path(__file__).resolve().parents[1] / "sample_inputs" / "example-county-bureau-2021.xlsx"
    libraries = {"pydantic", "openpyxl", "multiprocessing"}
    stdout, loaded = _loaded_after(["build", str(sample), "-o", "out", "--format", "txt,docx,html"], libraries, tmp_path)
    assert loaded == "0 []", stdout
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [f"example-county-bureau-2021.{ext}" for ext in ("docx", "html", "txt")]


def test_building_one_yaml_input_loads_no_xml_library(tmp_path: Path) -> None:
    """lxml reads workbooks and reference documents: a .docx from YAML is written without it."""
    sample = Path(__file__).resolve().parents[1] / "sample_inputs" / "liaocheng-fao-2019.yaml"
    stdout, loaded = _loaded_after(["build", str(sample), "-o", "out"], {"lxml", "openpyxl", "multiprocessing"}, tmp_path)
    assert loaded == "0 []", stdout


def test_a_yaml_input_with_plainly_right_fees_loads_no_validation_library(tmp_path: Path) -> None:
    """Fees that are whole, non-negative numbers need no validation library to say so."""
    sample = Path(__file__).resolve().parents[1] / "sample_inputs" / "example-county-bureau-2021.yaml"
    assert "info_fees:" in sample.read_text(encoding="utf-8")
    stdout, loaded = _loaded_after(["build", str(sample), "-o", "out"], {"pydantic", "lxml", "multiprocessing"}, tmp_path)
    assert loaded == "0 []", stdout


def test_a_yaml_input_with_a_wrong_fee_is_still_validated(tmp_path: Path) -> None:
    """The records are plain data classes: untrusted YAML still goes through the validation library."""
    (tmp_path / "a.yaml").write_text("agency: 某局\nyear: 2021\ninfo_fees: {notices: -1}\n", encoding="utf-8")
    stdout, loaded = _loaded_after(["check", "a.yaml"], {"pydantic"}, tmp_path)
    assert loaded == "1 ['pydantic']"
    assert "VALUE-NEGATIVE" in stdout and "info_fees.notices" in stdout
