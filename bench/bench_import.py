"""Benchmark: import each sample back from PDF (LibreOffice), HTML and crawler-flattened text.

Usage: python bench/bench_import.py [N]
"""

from __future__ import annotations

import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(n: int) -> None:
    from generator.pipeline import build
    from generator.readers.published import read_published, summary_line

    samples = sorted((ROOT / "sample_inputs").glob("*.yaml"))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        build(samples, out, ["html", "pdf", "txt"])
        for txt in sorted(out.glob("*.txt")):
            flat = out / f"{txt.stem}-flat.txt"
            flat.write_text(re.sub(r"\s+", "", txt.read_text(encoding="utf-8")), encoding="utf-8")
        for pattern in ("*.pdf", "*.html", "*-flat.txt"):
            for path in sorted(out.glob(pattern)):
                times = []
                for _ in range(n):
                    start = time.perf_counter()
                    result = read_published(path)
                    times.append(time.perf_counter() - start)
                print(f"{path.name:45} median {statistics.median(times) * 1000:7.0f} ms  {summary_line(result)}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
