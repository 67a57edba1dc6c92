"""Benchmark: per-report render times in one process (median and min–max), the .docx floor (the same parts zipped
with a string-joined body), a loop of pandoc md→docx calls on equivalent Markdown, and one ``reportgen build`` call.

Usage: python bench/bench.py [N] [--formats txt,html,docx] [--renderers-only]

``--renderers-only`` times only render_docx and the three renderers through their public functions, so that the same
command can be run against an older checkout (``PYTHONPATH=OLD python bench/bench.py --renderers-only``).
"""

from __future__ import annotations

import argparse
import io
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_inputs" / "example-county-bureau-2021.yaml"
WARMUP = 5


def timed(action: Callable[[], object], n: int) -> list[float]:
    """Milliseconds of ``n`` calls after a few warm-up calls."""
    for _ in range(WARMUP):
        action()
    times = []
    for _ in range(n):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return times


def summary(times: list[float]) -> str:
    return f"median {statistics.median(times):.2f} ms (min {min(times):.2f} – max {max(times):.2f}, n={len(times)})"


def load_report():  # type: ignore[no-untyped-def]
    from generator.pipeline import check_one

    result, outcome = check_one(SAMPLE)
    assert result is not None and result.report is not None and not outcome.failed
    return result.report


def renderers(n: int) -> None:
    """render_docx alone, and txt+html+docx, through the renderers' public functions (works on older checkouts)."""
    from generator.render.docx import render_docx
    from generator.render.html import render_html
    from generator.render.text import render_text

    report = load_report()
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "r.docx"
        print(f"  docx (render_docx, view included):      {summary(timed(lambda: render_docx(report, target), n))}")

        def three() -> None:
            render_text(report)
            render_html(report)
            render_docx(report, target)

        print(f"  txt+html+docx, each building its view:  {summary(timed(three, n))}")


def floor_docx(report, n: int) -> list[float]:  # type: ignore[no-untyped-def]
    """The floor: this report's parts zipped (deflate) with the body as one joined string, fixed timestamps."""
    from generator.render.docx import docx_bytes

    with zipfile.ZipFile(io.BytesIO(docx_bytes(report))) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    body = parts.pop("word/document.xml").decode("utf-8")
    pieces = body.split("<w:p>")

    def write() -> None:
        document = "<w:p>".join(pieces).encode("utf-8")
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr(zipfile.ZipInfo("word/document.xml", (1980, 1, 1, 0, 0, 0)), document, zlib.DEFLATED)
            for name, data in parts.items():
                z.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data, zlib.DEFLATED)

    return timed(write, n)


def markdown(report) -> str:  # type: ignore[no-untyped-def]
    """The report as Markdown with the same text and tables (merged cells repeated as a plain grid)."""
    from generator.view import build_view

    view = build_view(report)
    lines = [f"# {view.title}", ""]
    lines += [p.text + "\n" for p in view.preface]
    for part in view.parts:
        lines += [f"## {part.heading}", ""]
        if part.table:
            grid = [[""] * part.table.columns for _ in part.table.rows]
            for row in part.table.rows:
                for cell in row:
                    grid[cell.row][cell.col] = cell.text.replace("|", "/")
            lines.append("| " + " | ".join(grid[0]) + " |")
            lines.append("|" + "---|" * part.table.columns)
            lines += ["| " + " | ".join(row) + " |" for row in grid[1:]]
            lines.append("")
        lines += [p.text + "\n" for p in part.paragraphs]
    lines += [view.signature, "", view.date]
    return "\n".join(lines) + "\n"


def pandoc_loop(report, n: int) -> list[float] | None:  # type: ignore[no-untyped-def]
    """Milliseconds of each of ``n`` ``pandoc md→docx`` calls on the equivalent Markdown."""
    program = shutil.which("pandoc")
    if program is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "r.md"
        source.write_text(markdown(report), encoding="utf-8")
        command = [program, str(source), "-f", "markdown", "-t", "docx", "-o", str(Path(tmp) / "r.docx")]
        times = []
        for _ in range(n):
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            times.append((time.perf_counter() - start) * 1000)
    return times


def one_cli_call(args: list[str]) -> float:
    exe = shutil.which("reportgen") or sys.executable
    cmd = [exe, *args] if exe.endswith("reportgen") else [exe, "-m", "generator", *args]
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int, nargs="?", default=200)
    parser.add_argument("--formats", default="txt,html,docx")
    parser.add_argument("--renderers-only", action="store_true")
    opts = parser.parse_args()
    if opts.renderers_only:
        print(f"renderers, {SAMPLE.name}:")
        renderers(opts.n)
        return

    from generator.pipeline import render
    from generator.render.docx import docx_bytes
    from generator.view import build_view

    report = load_report()
    view = build_view(report)
    data = docx_bytes(report)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        styles = z.getinfo("word/styles.xml").file_size
    print(f"per report in process, {SAMPLE.name} (.docx {len(data) / 1024:.1f} KB, styles.xml {styles / 1024:.1f} KB):")
    print(f"  check (read + validate):                {summary(timed(load_report, opts.n))}")
    print(f"  build_view:                             {summary(timed(lambda: build_view(report), opts.n))}")
    print(f"  docx, view included:                    {summary(timed(lambda: docx_bytes(report), opts.n))}")
    print(f"  docx, view shared:                      {summary(timed(lambda: docx_bytes(report, view=view), opts.n))}")
    print(f"  docx floor (same parts zipped):         {summary(floor_docx(report, opts.n))}")
    renderers(opts.n)
    formats = opts.formats.split(",")
    with tempfile.TemporaryDirectory() as tmp:
        times = timed(lambda: render(report, Path(tmp), "r", formats), opts.n)
    print(f"  pipeline.render {','.join(formats)}, view shared, files written: {summary(times)}")
    loops = max(5, opts.n // 10)
    pandoc = pandoc_loop(report, loops)
    if pandoc is None:
        print("pandoc: not installed, comparison skipped")
    else:
        ours = statistics.median(timed(lambda: docx_bytes(report), opts.n))
        print(f"pandoc md→docx, one call per report:    {summary(pandoc)}")
        print(f"  {loops} reports: pandoc loop {sum(pandoc) / 1000:.2f} s; reportgen docx in process {ours * loops / 1000:.3f} s")
    with tempfile.TemporaryDirectory() as tmp:
        build = [one_cli_call(["build", str(SAMPLE), "-o", tmp, "--format", opts.formats, "--overwrite"]) for _ in range(3)]
    helps = [one_cli_call(["--help"]) for _ in range(3)]
    print(f"one `reportgen build` call ({opts.formats}): {summary(build)} wall")
    print(f"`reportgen --help`: {summary(helps)} wall")


if __name__ == "__main__":
    main()
