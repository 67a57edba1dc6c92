"""reportgen: check and render the annual report on government information disclosure.

The library behind the ``reportgen`` command::

    from pathlib import Path
    from generator import FORMATS, check, read, render

    result = read(Path("2024.xlsx"))          # a ReadResult: .report, .findings (reading problems), .sources
    outcome = check([Path("2024.xlsx")])      # every finding of every input, and the reports read
    for finding in outcome.findings:
        print(finding.line())                 # 错误 T3-BALANCE 2024.xlsx 三、依申请公开!D30：…
    if outcome.exit_code == 0:
        render(outcome.reports[0], Path("out"), "2024", ["docx", "html"])
    sorted(FORMATS)                           # ['2019', '2021']

Names load on first use, so that importing the package (and ``reportgen --help``) stays fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .findings import Finding
    from .formats import FORMATS
    from .pipeline import build, check
    from .pipeline import read_input as read
    from .render import render_report as render
    from .report import ReadResult, Report

_LAZY = {
    "read": ("pipeline", "read_input"),
    "check": ("pipeline", "check"),
    "build": ("pipeline", "build"),
    "render": ("render", ""),  # the package itself, callable as render_report
    "Report": ("report", "Report"),
    "ReadResult": ("report", "ReadResult"),
    "Finding": ("findings", "Finding"),
    "FORMATS": ("formats", "FORMATS"),
}

__all__ = ["FORMATS", "Finding", "ReadResult", "Report", "__version__", "build", "check", "read", "render"]


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'generator' has no attribute {name!r}")
    module, attribute = _LAZY[name]
    loaded = importlib.import_module(f".{module}", __name__)
    value = getattr(loaded, attribute) if attribute else loaded
    globals()[name] = value
    return value
