"""HTML renderer: one self-contained, autoescaped page through ``templates/report.html.j2``."""

from __future__ import annotations

import re

from ..report import Report
from ..view import build_view
from .jinja import render_template


def render_html(report: Report) -> str:
    """The report as a UTF-8 HTML page with inline CSS, semantic tables and print styles."""
    page = render_template("report.html.j2", view=build_view(report))
    lines = [line.rstrip() for line in page.splitlines()]
    return re.sub(r"\n{2,}", "\n", "\n".join(lines)).strip("\n") + "\n"
