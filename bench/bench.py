"""Benchmark: validate+render N reports in one process, and the wall time of one ``reportgen build`` call.

Usage: python bench/bench.py [N] [--formats txt,html,docx]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_inputs" / "example-county-bureau-2021.yaml"


def in_process(n: int, formats: list[str]) -> list[float]:
    from generator.pipeline import check_one, render

    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(n):
            start = time.perf_counter()
            result, outcome = check_one(SAMPLE)
            assert result is not None and result.report is not None and not outcome.failed
            render(result.report, Path(tmp), f"r{i}", formats)
            times.append(time.perf_counter() - start)
    return times


def one_cli_call(args: list[str]) -> float:
    exe = shutil.which("reportgen") or sys.executable
    cmd = [exe, *args] if exe.endswith("reportgen") else [exe, "-m", "generator", *args]
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("n", type=int, nargs="?", default=50)
    parser.add_argument("--formats", default="txt,html,docx")
    opts = parser.parse_args()
    formats = opts.formats.split(",")
    times = in_process(opts.n, formats)
    print(f"in process, {opts.n} reports ({','.join(formats)}):")
    print(
        f"  first {times[0] * 1000:.1f} ms, median {statistics.median(times) * 1000:.1f} ms, "
        f"mean {statistics.mean(times) * 1000:.1f} ms, total {sum(times):.2f} s"
    )
    with tempfile.TemporaryDirectory() as tmp:
        build = one_cli_call(["build", str(SAMPLE), "-o", tmp, "--format", opts.formats])
    helps = [one_cli_call(["--help"]) for _ in range(3)]
    print(f"one `reportgen build` call: {build * 1000:.0f} ms wall")
    print(f"`reportgen --help`: {min(helps) * 1000:.0f} ms wall (best of 3)")


if __name__ == "__main__":
    main()
