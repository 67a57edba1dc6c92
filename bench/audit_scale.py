"""Benchmark: ``audit`` of N published PDFs (five pages each, rendered by LibreOffice), one worker and every core.

Usage: python bench/audit_scale.py [--reports 100] [--runs 3] [--code DIR]
``--code DIR`` times another checkout (e.g. the code before a change, exported with ``git archive``) on the same PDFs.
Prints the median wall time of whole ``audit`` runs (reading, checking, pairing with last year; no 问题清单 written).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = "example-county-bureau-2021.yaml"
RUN = """
import sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from generator.audit import audit
start = time.perf_counter()
items = audit(Path(sys.argv[2]))
print(time.perf_counter() - start, len(items), sum(i.report is not None for i in items))
"""


def make_pdfs(folder: Path, count: int) -> None:
    """``count`` copies of one sample rendered to PDF, each under its own name (the reader never caches by content)."""
    sys.path.insert(0, str(ROOT))
    from generator.pipeline import build

    with tempfile.TemporaryDirectory() as tmp:
        build([ROOT / "sample_inputs" / SAMPLE], Path(tmp), ["pdf"])
        pdf = next(Path(tmp).glob("*.pdf"))
        pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        print("PDF:", next((line for line in pages.splitlines() if line.startswith("Pages")), "?"))
        folder.mkdir(parents=True, exist_ok=True)
        for n in range(count):
            shutil.copyfile(pdf, folder / f"报告{n:03}.pdf")


def timed(code: Path, folder: Path, workers: int) -> tuple[float, str]:
    env = {**os.environ, "REPORTGEN_WORKERS": str(workers)}
    out = subprocess.run([sys.executable, "-c", RUN, str(code), str(folder)], capture_output=True, text=True, env=env, check=True)
    seconds, *counts = out.stdout.split()
    return float(seconds), "/".join(counts)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--code", type=Path, default=ROOT)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        make_pdfs(folder, args.reports)
        for workers in (1, len(os.sched_getaffinity(0))):
            runs = [timed(args.code, folder, workers) for _ in range(args.runs)]
            times = [t for t, _ in runs]
            print(
                f"audit of {args.reports} PDFs, {workers} worker(s): median {statistics.median(times):.1f} s "
                f"(runs {', '.join(f'{t:.1f}' for t in times)}; reports/read {runs[0][1]})"
            )


if __name__ == "__main__":
    main()
