"""Renderers: each writes a checked Report as one output format; :data:`RENDERERS` maps output names to them.

Every renderer has the signature of :class:`Renderer`: ``(report, target, options) -> None``, writing
``target`` atomically. Third-party libraries (Jinja, LibreOffice) load only when their output is asked for.
"""

from __future__ import annotations

import datetime as dt
import sys
import types
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..report import Report

if TYPE_CHECKING:
    from ..fileio import OutputSet
    from ..findings import Finding
    from ..view import ReportView


@dataclass(frozen=True)
class RenderOptions:
    """Settings some renderers use: a reference .docx for styles, and a fixed time for reproducible files."""

    reference_doc: Path | None = None
    timestamp: dt.datetime | None = None
    final: Path | None = None  # where the output will end up, when the renderer writes a temporary file
    view: ReportView | None = None  # built once and shared by the renderers of one report
    warnings: list[Finding] | None = None  # where a renderer puts what the user should know (fonts replaced in a PDF)


Renderer = Callable[[Report, Path, RenderOptions], None]


def write_bytes(target: Path, data: bytes | str, options: RenderOptions) -> None:
    """Write ``data`` (text as UTF-8) to ``target``: directly when ``target`` is the temporary file an output set
    made for ``options.final`` (it is this renderer's alone, and removed on failure), else atomically."""
    if options.final is not None and options.final != target:
        target.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return
    from ..fileio import write_atomic

    write_atomic(target, data)


def write_text(report: Report, target: Path, options: RenderOptions) -> None:
    """Plain text (.txt)."""
    from .text import render_text

    write_bytes(target, render_text(report, view=options.view), options)


def write_html(report: Report, target: Path, options: RenderOptions) -> None:
    """One self-contained HTML page."""
    from .html import render_html

    write_bytes(target, render_html(report, view=options.view), options)


def write_docx(report: Report, target: Path, options: RenderOptions) -> None:
    """A Word document."""
    from .docx import docx_bytes

    data = docx_bytes(report, view=options.view, reference_doc=options.reference_doc, timestamp=options.timestamp)
    write_bytes(target, data, options)


def write_pdf(report: Report, target: Path, options: RenderOptions) -> None:
    """PDF, converted by LibreOffice from a Word document made for it; a warning names the official fonts replaced."""
    from ..codes.output import PDF_FONT_SUBSTITUTED
    from ..errors import InputError
    from ..findings import Source
    from .pdf import render_pdf

    final = options.final or target
    try:
        missing = render_pdf(report, target, view=options.view, reference_doc=options.reference_doc, timestamp=options.timestamp)
    except InputError as exc:  # name the PDF the user asked for, not the temporary file
        raise type(exc)(exc.message, str(final)) from None
    if missing and options.warnings is not None:
        options.warnings.append(PDF_FONT_SUBSTITUTED(source=Source(file=str(final)), fonts="、".join(missing)))


RENDERERS: dict[str, Renderer] = {"txt": write_text, "docx": write_docx, "html": write_html, "pdf": write_pdf}


def render_report(
    report: Report,
    out_dir: Path,
    stem: str,
    formats: Sequence[str],
    *,
    reference_doc: Path | None = None,
    timestamp: dt.datetime | None = None,
    outputs: OutputSet | None = None,
    warnings: list[Finding] | None = None,
) -> list[Path]:
    """Write the report in each requested output format into ``out_dir``: all formats or none.

    Each renderer writes a temporary file staged in ``outputs``; without ``outputs`` the files are
    moved into place here (replacing existing ones), else by the caller's ``outputs.commit()``.

    Example::

        render(report, Path("out"), "2024", ["txt", "docx"])  # out/2024.txt, out/2024.docx
    """
    from ..fileio import OutputSet

    if outputs is None:
        with OutputSet(overwrite=True) as own:
            render_report(report, out_dir, stem, formats, reference_doc=reference_doc, timestamp=timestamp, outputs=own, warnings=warnings)
            return own.commit()
    from ..view import build_view

    view = build_view(report)
    for name in formats:
        target = out_dir / f"{stem}.{name}"
        options = RenderOptions(reference_doc=reference_doc, timestamp=timestamp, final=target, view=view, warnings=warnings)
        renderer = RENDERERS[name]
        outputs.stage_with(target, _writer(renderer, report, options))
    return [t for _, t in outputs.staged]


def _writer(renderer: Renderer, report: Report, options: RenderOptions) -> Callable[[Path], None]:
    """The renderer bound to its report and options, writing whichever path it is given."""
    return lambda path: renderer(report, path, options)


class _CallablePackage(types.ModuleType):
    """``generator.render`` is this package and the public ``render`` function at once (the name cannot be both otherwise)."""

    __call__ = staticmethod(render_report)


sys.modules[__name__].__class__ = _CallablePackage
