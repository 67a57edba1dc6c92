"""Benchmark: reading each sample workbook in process, median and min–max over N runs.

Usage: python bench/xlsx_read.py [N] [--baseline DIR] [--first] [--openpyxl]

The reader remembers the workbook and styles parts by their bytes (workbooks made from one template
share them), so repeated reads of one file measure a collection of like workbooks; ``--first``
forgets them before every read, measuring a workbook unlike any read before.

``--baseline DIR`` compares, interleaved in the same run, with another copy of the package whose
top-level directory in DIR is named ``oldgen`` (for example ``git archive <commit> generator``
unpacked into DIR and renamed), so a loaded machine affects both alike.

``--openpyxl`` also times openpyxl reading every cell value of the same workbook, in read-only mode (which does
not expose merged cells) and in its normal mode (which does), interleaved with the package's reader.
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


def openpyxl_values(path: Path, *, read_only: bool) -> list[Any]:
    """Every cell value of every worksheet as openpyxl reads it (and the merged ranges, where the mode has them)."""
    import warnings

    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = openpyxl.load_workbook(path, read_only=read_only)
    values: list[Any] = []
    for ws in book.worksheets:
        values.extend(v for row in ws.iter_rows(values_only=True) for v in row)
        if not read_only:
            values.extend(ws.merged_cells.ranges)
    book.close()
    return values


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int, nargs="?", default=30)
    parser.add_argument("--baseline", type=Path, help="directory holding an older copy of the package named oldgen")
    parser.add_argument("--first", action="store_true", help="forget remembered parts before every read")
    parser.add_argument("--openpyxl", action="store_true", help="also time openpyxl reading every cell (read-only and normal mode)")
    opts = parser.parse_args()
    from generator.readers.xlsx_reader import read_xlsx

    readers: dict[str, Callable[[Path], Any]] = {"now": read_xlsx}
    if opts.first:
        from generator.readers.xlsx_parts import clear_memos

        def read_first(path: Path) -> Any:
            clear_memos()
            return read_xlsx(path)

        readers["now"] = read_first
    if opts.openpyxl:
        readers["openpyxl-ro"] = lambda path: openpyxl_values(path, read_only=True)
        readers["openpyxl"] = lambda path: openpyxl_values(path, read_only=False)
    if opts.baseline:
        sys.path.insert(0, str(opts.baseline))
        from oldgen.readers.xlsx_reader import read_xlsx as read_old  # type: ignore[import-not-found]

        readers = {"baseline": read_old, "now": readers["now"]}
    for read in readers.values():  # warm up imports and caches
        read(SAMPLES[0])
    what = "each read as the first of its kind" if opts.first else "repeated reads"
    print(f"reading a workbook in process, {opts.n} runs each (interleaved, {what}):")
    for path in SAMPLES:
        times: dict[str, list[float]] = {name: [] for name in readers}
        for _ in range(opts.n):
            for name, read in readers.items():
                times[name].append(time_once(read, path))
        for name in readers:
            print(f"  {path.name:40} {name:9} {summary(times[name])}")


if __name__ == "__main__":
    main()
