"""Benchmark: reading each sample workbook in process, median and min–max over N runs.

Usage: python bench/xlsx_read.py [N] [--baseline DIR]

``--baseline DIR`` compares, interleaved in the same run, with another copy of the package whose
top-level directory in DIR is named ``oldgen`` (for example ``git archive <commit> generator``
unpacked into DIR and renamed), so a loaded machine affects both alike.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "sample_inputs").glob("*.xlsx"))


def summary(times: list[float]) -> str:
    ms = [t * 1000 for t in times]
    return f"median {statistics.median(ms):6.1f} ms  (min {min(ms):5.1f} – max {max(ms):6.1f})"


def time_once(read: Callable[[Path], Any], path: Path) -> float:
    start = time.perf_counter()
    read(path)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int, nargs="?", default=30)
    parser.add_argument("--baseline", type=Path, help="directory holding an older copy of the package named oldgen")
    opts = parser.parse_args()
    from generator.readers.xlsx_reader import read_xlsx

    readers: dict[str, Callable[[Path], Any]] = {"now": read_xlsx}
    if opts.baseline:
        sys.path.insert(0, str(opts.baseline))
        from oldgen.readers.xlsx_reader import read_xlsx as read_old  # type: ignore[import-not-found]

        readers = {"baseline": read_old, "now": read_xlsx}
    for read in readers.values():  # warm up imports and caches
        read(SAMPLES[0])
    print(f"reading a workbook in process, {opts.n} runs each (interleaved):")
    for path in SAMPLES:
        times: dict[str, list[float]] = {name: [] for name in readers}
        for _ in range(opts.n):
            for name, read in readers.items():
                times[name].append(time_once(read, path))
        for name in readers:
            print(f"  {path.name:40} {name:9} {summary(times[name])}")


if __name__ == "__main__":
    main()
