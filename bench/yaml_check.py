"""Benchmark: checking each sample YAML input in process (read + validate), median and min–max over N runs.

Usage: python bench/yaml_check.py [N] [--baseline DIR]

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
SAMPLES = sorted((ROOT / "sample_inputs").glob("*.yaml"))


def summary(times: list[float]) -> str:
    ms = [t * 1000 for t in times]
    return f"median {statistics.median(ms):6.2f} ms  (min {min(ms):5.2f} – max {max(ms):6.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int, nargs="?", default=50)
    parser.add_argument("--baseline", type=Path, help="directory holding an older copy of the package named oldgen")
    opts = parser.parse_args()
    from generator.pipeline import check_one

    checkers: dict[str, Callable[[Path], Any]] = {"now": check_one}
    if opts.baseline:
        sys.path.insert(0, str(opts.baseline))
        from oldgen.pipeline import check_one as check_old  # type: ignore[import-not-found]

        checkers = {"baseline": check_old, "now": check_one}
    for check in checkers.values():  # warm up imports and caches
        check(SAMPLES[0])
    print(f"check (read + validate) of a YAML input in process, {opts.n} runs each (interleaved):")
    for path in SAMPLES:
        times: dict[str, list[float]] = {name: [] for name in checkers}
        for _ in range(opts.n):
            for name, check in checkers.items():
                start = time.perf_counter()
                check(path)
                times[name].append(time.perf_counter() - start)
        for name in checkers:
            print(f"  {path.name:40} {name:9} {summary(times[name])}")


if __name__ == "__main__":
    main()
