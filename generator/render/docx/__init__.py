"""Word renderer: the report as a GB/T 9704 .docx written with python-docx into a template that holds the styles,
page setup and page numbers, with the official table layouts."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from docx.document import Document as DocumentObject

from ...fileio import write_atomic
from ...outputs import epoch_time
from ...report import Report
from ...title import REPORT_NAME
from ...view import ReportView, build_view
from ..props import docx_property
from .body import write_body
from .layout import MARGINS_MM, PAGE_MM, xml_text
from .template import open_template, template_bytes

__all__ = ["MARGINS_MM", "PAGE_MM", "document_time", "docx_bytes", "render_docx", "write_reference"]

LIBREOFFICE_SCRIPT_GAP = 0.2  # measured: LibreOffice ignores w:autoSpaceDE/DN and adds about a fifth of an em
# GB/T 9704 fixes no date for the package; without SOURCE_DATE_EPOCH or a report date this one is used
FALLBACK_TIME = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can hold
FILE_MODE = 0o644 << 16
UNIX = 3  # the zip's "made by" system, so that the external attributes are file modes


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


def normalised_zip(data: bytes) -> bytes:
    """``data`` (a zip) with every entry dated 1980-01-01 and readable by all, so that the same report gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            entry.compress_type, entry.external_attr, entry.create_system = zipfile.ZIP_DEFLATED, FILE_MODE, UNIX
            target.writestr(entry, source.read(info))
    return out.getvalue()


def saved(document: DocumentObject) -> bytes:
    stream = io.BytesIO()
    document.save(stream)
    return normalised_zip(stream.getvalue())


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
    have a character grid or leave punctuation to hang past the line end (see :func:`template.open_template`)."""
    view = view or build_view(report)
    document, ids = open_template(reference_doc, libreoffice)
    write_body(document, view, ids, view.title_lines, LIBREOFFICE_SCRIPT_GAP if libreoffice else 0.0, paginate=reference_doc is None)
    properties = document.core_properties
    properties.title = xml_text(docx_property(view.title))
    properties.subject = f"{report.year}年{REPORT_NAME}"
    properties.author = properties.last_modified_by = xml_text(docx_property(report.agency))
    properties.revision = 1
    properties.created = properties.modified = document_time(report, timestamp).replace(tzinfo=None)
    return saved(document)


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


def write_reference(target: Path) -> None:
    """Write a copy of reportgen's template, an empty report document with every style reportgen uses, for units to
    restyle and pass as ``--reference-doc`` (see ``scripts/make_reference_docx.py``)."""
    write_atomic(target, template_bytes())
