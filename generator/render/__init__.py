"""Renderers: each writes a checked Report as one output format; :data:`RENDERERS` maps output names to them.

Every renderer has the signature of :class:`Renderer`: ``(report, target, options) -> None``, writing
``target`` atomically. Third-party libraries (python-docx, LibreOffice) load only when their output is asked for.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import types
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..report import Report


@dataclass(frozen=True)
class RenderOptions:
    """Settings some renderers use: a reference .docx for styles, and a fixed time for reproducible files."""

    reference_doc: Path | None = None
    timestamp: dt.datetime | None = None


Renderer = Callable[[Report, Path, RenderOptions], None]


def write_text(report: Report, target: Path, options: RenderOptions) -> None:
    """Plain text (.txt)."""
    from ..fileio import write_atomic
    from .text import render_text

    write_atomic(target, render_text(report))


def write_html(report: Report, target: Path, options: RenderOptions) -> None:
    """One self-contained HTML page."""
    from ..fileio import write_atomic
    from .html import render_html

    write_atomic(target, render_html(report))


def write_docx(report: Report, target: Path, options: RenderOptions) -> None:
    """A Word document."""
    from .docx import render_docx

    render_docx(report, target, reference_doc=options.reference_doc, timestamp=options.timestamp)


def write_pdf(report: Report, target: Path, options: RenderOptions) -> None:
    """PDF, converted by LibreOffice from the Word document."""
    from .pdf import convert_to_pdf

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / f"{target.stem}.docx"
        write_docx(report, source, options)
        convert_to_pdf(source, target)


RENDERERS: dict[str, Renderer] = {"txt": write_text, "docx": write_docx, "html": write_html, "pdf": write_pdf}


def render_report(
    report: Report,
    out_dir: Path,
    stem: str,
    formats: Sequence[str],
    *,
    reference_doc: Path | None = None,
    timestamp: dt.datetime | None = None,
) -> list[Path]:
    """Write the report in each requested output format into ``out_dir``; every file is written atomically.

    Example::

        render(report, Path("out"), "2024", ["txt", "docx"])  # out/2024.txt, out/2024.docx
    """
    options = RenderOptions(reference_doc=reference_doc, timestamp=timestamp)
    written: list[Path] = []
    for name in formats:
        target = out_dir / f"{stem}.{name}"
        RENDERERS[name](report, target, options)
        written.append(target)
    return written


class _CallablePackage(types.ModuleType):
    """``generator.render`` is this package and the public ``render`` function at once (the name cannot be both otherwise)."""

    def __call__(
        self,
        report: Report,
        out_dir: Path,
        stem: str,
        formats: Sequence[str],
        *,
        reference_doc: Path | None = None,
        timestamp: dt.datetime | None = None,
    ) -> list[Path]:
        return render_report(report, out_dir, stem, formats, reference_doc=reference_doc, timestamp=timestamp)


sys.modules[__name__].__class__ = _CallablePackage
