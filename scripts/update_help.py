"""Rewrite generator/cli_help.py, the stored copy of ``reportgen --help``, from what the CLI prints.

Usage: python scripts/update_help.py [--check]
With --check nothing is written and the exit code is 1 when the stored copy is out of date.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET = ROOT / "generator" / "cli_help.py"
Recorded = tuple[tuple[str, ...], str, int | None, bool]  # help options, help text, exit code and stream of a bare call


def recorded() -> Recorded:
    """What the CLI does, on a terminal of 80 columns or more, for each help option and when called without arguments."""
    from typer.testing import CliRunner

    from generator.cli import app
    from generator.console import HELP_WIDTH, PROGRAM

    options = tuple((app.info.context_settings or {}).get("help_option_names", ["--help"]))
    saved = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = str(HELP_WIDTH)
    try:
        shown = {CliRunner().invoke(app, [option], prog_name=PROGRAM).output for option in options}
        bare = CliRunner().invoke(app, [], prog_name=PROGRAM)
    finally:
        if saved is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = saved
    assert len(shown) == 1, "every help option prints the same page"
    text = shown.pop()
    if (bare.stdout, bare.stderr) == (text, ""):
        return options, text, bare.exit_code, False
    if (bare.stdout, bare.stderr) == ("", text):
        return options, text, bare.exit_code, True
    return options, text, None, False  # a bare call does something else: it always goes through the CLI


def stored() -> Recorded:
    from generator.cli_help import BARE_EXIT, BARE_TO_STDERR, HELP_OPTIONS, TOP_HELP

    return HELP_OPTIONS, TOP_HELP, BARE_EXIT, BARE_TO_STDERR


def module_text(found: Recorded) -> str:
    options, text, bare_exit, bare_to_stderr = found
    listed = ", ".join(json.dumps(option) for option in options) + ("," if len(options) == 1 else "")
    lines = "".join(f"    {json.dumps(line, ensure_ascii=False)}\n" for line in text.splitlines(keepends=True))
    return (
        '"""The top-level ``reportgen --help`` text, stored so printing it loads nothing (written by scripts/update_help.py)."""\n\n'
        f"HELP_OPTIONS = ({listed})\n"
        f"BARE_EXIT = {bare_exit}  # exit code of ``reportgen`` alone, which prints the same page (None: it does not)\n"
        f"BARE_TO_STDERR = {bare_to_stderr}\n"
        f"TOP_HELP = (\n{lines})\n"
    )


def main() -> int:
    found = recorded()
    if "--check" in sys.argv[1:]:
        return 0 if found == stored() else 1
    TARGET.write_text(module_text(found), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
