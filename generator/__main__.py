"""``python -m generator`` and the ``reportgen`` command: the command line, with a Ctrl-C while it loads said too."""

from __future__ import annotations

import sys

INTERRUPTED = 130  # as generator.cli_zh.INTERRUPTED, which cannot be imported before the interruption is caught


def main() -> None:
    """Load the command line and run it. A Ctrl-C that reaches this far (while the commands are imported, or around
    the command line's own guard) exits 130 with one line instead of a traceback, and never leaves Python to kill
    itself with SIGINT at exit (which it does for a KeyboardInterrupt that escapes the program)."""
    try:
        from .cli import app

        app()
    except KeyboardInterrupt:
        try:
            from .cli_zh import exit_now, interrupted_line, stop_listening, was_said

            stop_listening()
            if not was_said():
                sys.stderr.write(interrupted_line(0, 0) + "\n")
            exit_now(INTERRUPTED)
        except KeyboardInterrupt:  # a second Ctrl-C while saying so
            pass
        sys.exit(INTERRUPTED)


if __name__ == "__main__":
    main()
