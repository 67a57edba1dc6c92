"""Rewrite generator/cli_help.py, the stored copy of ``reportgen --help``, from what the CLI prints.

Usage: python scripts/update_help.py [--check]
With --check nothing is written and the exit code is 1 when the stored copy is out of date.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET = ROOT / "generator" / "cli_help.py"


def top_help() -> str:
    """``reportgen --help`` as the CLI prints it on a terminal of 80 columns or more."""
    import os

    from typer.testing import CliRunner

    from generator.cli import app
    from generator.console import HELP_WIDTH, PROGRAM

    os.environ["COLUMNS"] = str(HELP_WIDTH)
    result = CliRunner().invoke(app, ["--help"], prog_name=PROGRAM)
    assert result.exit_code == 0, result.output
    return result.output


def module_text(text: str) -> str:
    return (
        '"""The top-level ``reportgen --help`` text, stored so printing it loads nothing (written by scripts/update_help.py)."""\n\n'
        "TOP_HELP = (\n" + "".join(f"    {json.dumps(line, ensure_ascii=False)}\n" for line in text.splitlines(keepends=True)) + ")\n"
    )


def main() -> int:
    text = top_help()
    if "--check" in sys.argv[1:]:
        from generator.cli_help import TOP_HELP

        return 0 if text == TOP_HELP else 1
    TARGET.write_text(module_text(text), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
