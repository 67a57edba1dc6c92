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
