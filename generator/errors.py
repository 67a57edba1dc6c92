"""The one exception a reader raises for input it cannot read at all (exit code 2)."""

from __future__ import annotations


class InputError(Exception):
    """A file that cannot be read at all; ``message`` is Chinese and names the file and location."""

    def __init__(self, message: str, file: str | None = None):
        super().__init__(message)
        self.message = message
        self.file = file

    def __str__(self) -> str:
        return f"{self.file}：{self.message}" if self.file else self.message


class ToolMissing(InputError):
    """An external program an output format needs (LibreOffice for PDF) is not installed."""


class ToolFailed(InputError):
    """An external program ran but did not produce its output (crash, timeout)."""
