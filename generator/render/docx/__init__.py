"""Word renderer: the report as a GB/T 9704 .docx with real, restylable styles and the official table layouts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ...fileio import write_atomic
from ...outputs import epoch_time
from ...report import Report
from ...title import REPORT_NAME
from ...view import Paragraph, PartView, ReportView, build_view
from ..props import docx_property
from .body import body_xml
from .layout import MARGINS_MM, PAGE_MM, STYLES
from .package import BasePackage, core_xml, default_base
from .ziparchive import zip_bytes

__all__ = ["MARGINS_MM", "PAGE_MM", "document_time", "docx_bytes", "render_docx", "write_reference"]

LIBREOFFICE_SCRIPT_GAP = 0.2  # measured: LibreOffice ignores w:autoSpaceDE/DN and adds about a fifth of an em
# GB/T 9704 fixes no date for the package; without SOURCE_DATE_EPOCH or a report date this one is used
FALLBACK_TIME = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def document_time(report: Report, timestamp: dt.datetime | None = None) -> dt.datetime:
    """The time written into the document properties (UTC): ``timestamp``, else ``SOURCE_DATE_EPOCH``,
    else the report's 成文日期 at 00:00, else 2000-01-01, so that the same input always gives the same file."""
    if timestamp is not None:
        return timestamp.replace(tzinfo=dt.UTC) if timestamp.tzinfo is None else timestamp.astimezone(dt.UTC)
    epoch = epoch_time()
    if epoch is not None:
        return epoch
    if report.date is not None:
        return dt.datetime.combine(report.date, dt.time(0), dt.UTC)
    return FALLBACK_TIME


def iso(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def package_bytes(base: BasePackage, document: str, core: str) -> bytes:
    """The .docx: the base package's parts (compressed once per process) with this report's body and properties."""
    entries = [(name, data, name in base.reused) for name, data in base.parts.items()]
    entries.insert(1, ("word/document.xml", document.encode("utf-8"), False))
    entries.append(("docProps/core.xml", core.encode("utf-8"), False))
    return zip_bytes(entries)


def docx_bytes(
    report: Report,
    *,
    view: ReportView | None = None,
    reference_doc: Path | None = None,
    timestamp: dt.datetime | None = None,
    libreoffice: bool = False,
) -> bytes:
    """The report as .docx bytes; ``view`` may be passed when another renderer has built it already. ``libreoffice``
    gives the flavour converted to PDF, the same but for what LibreOffice does not read as Word does: it cannot leave
    out the space between Chinese and digits (the 成文日期 is placed knowing its width), and a unit's own template may
    have a character grid or leave punctuation to hang past the line end (see :func:`reference.overflow_punctuation`)."""
    view = view or build_view(report)
    if reference_doc is None:
        base = default_base()
    else:
        from .reference import reference_base  # lxml reads the user's document: only then

        base = reference_base(reference_doc, libreoffice)
    title = view.title_lines
    sect_pr = base.sect_pr
    if libreoffice:  # LibreOffice sets a character grid at about two characters a cell: a unit's template gets a line grid
        sect_pr = sect_pr.replace('w:type="linesAndChars"', 'w:type="lines"').replace('w:type="snapToChars"', 'w:type="lines"')
    document = body_xml(view, base.ids, title, sect_pr, LIBREOFFICE_SCRIPT_GAP if libreoffice else 0.0)
    subject = f"{report.year}年{REPORT_NAME}"
    core = core_xml(docx_property(view.title), subject, docx_property(report.agency), iso(document_time(report, timestamp)))
    return package_bytes(base, document, core)


def render_docx(
    report: Report,
    target: Path,
    *,
    view: ReportView | None = None,
    reference_doc: Path | None = None,
    timestamp: dt.datetime | None = None,
) -> None:
    """Write the report to ``target`` as .docx (atomically); see :func:`document_time` for the timestamps."""
    write_atomic(target, docx_bytes(report, view=view, reference_doc=reference_doc, timestamp=timestamp))


def reference_bytes() -> bytes:
    """An empty document with every style reportgen uses, for units to restyle and pass as ``--reference-doc``."""
    samples = [Paragraph(f"{spec.name}样式") for spec in STYLES if spec.name in ("Normal",)]
    view = ReportView(
        title="Title样式（标题）",
        title_lines=["Title样式（标题）"],
        preface=samples,
        parts=[PartView("heading", "heading 1样式（一级标题）", None, [Paragraph("（一）heading 2样式", 2, "（一）heading 2样式")])],
        signature="署名样式",
        date="成文日期样式",
        contact="",
    )
    base = default_base()
    document = body_xml(view, base.ids, [view.title], base.sect_pr)
    core = core_xml("reportgen 参考样式", "", "reportgen", iso(FALLBACK_TIME))
    return package_bytes(base, document, core)


def write_reference(target: Path) -> None:
    """Write ``generator/templates/reference.docx`` (see ``scripts/make_reference_docx.py``)."""
    write_atomic(target, reference_bytes())
