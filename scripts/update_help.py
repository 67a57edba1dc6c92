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


def help_options() -> tuple[str, ...]:
    """The options that ask the CLI for help (click's default is --help alone)."""
    from generator.cli import app

    return tuple((app.info.context_settings or {}).get("help_option_names", ["--help"]))


def module_text(text: str, options: tuple[str, ...]) -> str:
    listed = ", ".join(json.dumps(option) for option in options)
    lines = "".join(f"    {json.dumps(line, ensure_ascii=False)}\n" for line in text.splitlines(keepends=True))
    return (
        '''"""The top-level ``reportgen --help`` text, stored so printing it loads nothing (written by scripts/update_help.py)."""\n\n'''
        f"HELP_OPTIONS = ({listed}{',' if len(options) == 1 else ''})\n"
        f"TOP_HELP = (\n{lines})\n"
    )


def main() -> int:
    text, options = top_help(), help_options()
    if "--check" in sys.argv[1:]:
        from generator.cli_help import HELP_OPTIONS, TOP_HELP

        return 0 if (text, options) == (TOP_HELP, HELP_OPTIONS) else 1
    TARGET.write_text(module_text(text, options), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
