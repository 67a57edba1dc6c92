"""The ``reportgen`` entry point: the top-level help straight from a stored copy, everything else through the CLI.

``reportgen --help`` (and ``reportgen`` alone) would otherwise load typer and pydantic just to print
a fixed text. The stored copy (:mod:`generator.cli_help`) is rewritten by ``scripts/update_help.py``
and a test keeps it equal to what the CLI itself prints.
"""

from __future__ import annotations

import os
import sys

PROGRAM = "reportgen"
HELP_WIDTH = 80  # the CLI wraps help to min(terminal width, 80): the stored copy is right from 80 columns up


def terminal_columns() -> int:
    """Columns as the CLI's help formatter sees them (the COLUMNS variable, else the terminal, else 80)."""
    try:
        return int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        pass
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns if sys.__stdout__ else HELP_WIDTH
    except (AttributeError, ValueError, OSError):
        return HELP_WIDTH


def stored_help(argv: list[str]) -> tuple[str, int, bool] | None:
    """(text, exit code, to stderr) when ``argv`` only asks for the top-level help and the stored copy fits; else None."""
    if len(argv) > 2 or os.path.basename(argv[0]) != PROGRAM or terminal_columns() < HELP_WIDTH:
        return None
    from .cli_help import BARE_EXIT, BARE_TO_STDERR, HELP_OPTIONS, TOP_HELP

    if argv[1:]:
        return (TOP_HELP, 0, False) if argv[1] in HELP_OPTIONS else None
    return None if BARE_EXIT is None else (TOP_HELP, BARE_EXIT, BARE_TO_STDERR)


def main() -> None:
    """Console entry point."""
    stored = stored_help(sys.argv)
    if stored is not None:
        text, code, to_stderr = stored
        (sys.stderr if to_stderr else sys.stdout).write(text)
        raise SystemExit(code)
    try:
        from .cli import main as run_cli
    except KeyboardInterrupt:  # Ctrl-C while the program is still loading: nothing was started
        sys.stderr.write("已中断：尚未开始处理\n")
        raise SystemExit(130) from None
    run_cli()
