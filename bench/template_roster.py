"""Benchmark: ``reportgen template --roster`` for N units (the whole command, in a fresh process), one worker and every core.

Usage: python bench/template_roster.py [--units 5000] [--runs 3] [--code DIR] [--workers 1,2]
``--code DIR`` times another checkout (e.g. the code before a change, exported with ``git archive``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(code: Path, roster: Path, out: Path, workers: int) -> tuple[float, int]:
    shutil.rmtree(out, ignore_errors=True)
    env = {**os.environ, "REPORTGEN_WORKERS": str(workers), "PYTHONPATH": str(code)}
    argv = [sys.executable, "-m", "generator", "template", "--roster", str(roster), "--year", "2025", "-o", str(out)]
    start = time.perf_counter()
    subprocess.run(argv, env=env, check=True, capture_output=True)
    return time.perf_counter() - start, len(list(out.glob("*.xlsx")))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--code", type=Path, default=ROOT)
    parser.add_argument("--workers", default=f"1,{len(os.sched_getaffinity(0))}")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        roster = Path(tmp) / "名单.csv"
        roster.write_text("单位名称,类别\n" + "".join(f"云溪县第{n}单位,部门\n" for n in range(1, args.units + 1)), encoding="utf-8")
        for workers in (int(w) for w in args.workers.split(",")):
            runs = [timed(args.code, roster, Path(tmp) / "下发", workers) for _ in range(args.runs)]
            times = [t for t, _ in runs]
            print(
                f"template --roster, {args.units} units, {workers} worker(s): median {statistics.median(times):.1f} s "
                f"(runs {', '.join(f'{t:.1f}' for t in times)}; workbooks written {runs[0][1]})"
            )


if __name__ == "__main__":
    main()
