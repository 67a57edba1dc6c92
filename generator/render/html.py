"""HTML renderer: one self-contained, autoescaped page through ``templates/report.html.j2``."""

from __future__ import annotations

import re

from ..report import Report
from ..view import ReportView, build_view
from .jinja import render_template


def render_html(report: Report, *, view: ReportView | None = None) -> str:
    """The report as a UTF-8 HTML page with inline CSS, semantic tables and print styles (``view``: built already)."""
    page = render_template("report.html.j2", view=view or build_view(report))
    lines = [line.rstrip() for line in page.splitlines()]
    return re.sub(r"\n{2,}", "\n", "\n".join(lines)).strip("\n") + "\n"
