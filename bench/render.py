"""Benchmark: the three renderers in one process, per report (median and min–max): build_view, txt, html and docx
with the view shared; all three with one view, in memory; and ``render`` writing the three files as ``build`` does,
into new files and over the same files again (ext4 flushes a file renamed over another one, which costs more).

Usage: python bench/render.py [N] [--baseline DIR] [--rounds R] [--cpu]

``--baseline DIR`` (a directory holding an older copy of the package as DIR/generator, e.g. another checkout) runs
it and this checkout alternately, R rounds of N calls each in fresh processes, so that a loaded machine affects both
alike; it prints both summaries and the ratio of medians. ``--cpu`` times the process's CPU time instead of the wall
clock: on a busy machine a call of a few milliseconds is often preempted, which inflates its wall time.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_inputs" / "example-county-bureau-2021.yaml"
WARMUP = 5
FIGURES = ("build_view", "txt", "html", "docx", "txt+html+docx", "files new", "files replaced")


def timed(action: Callable[[], object], n: int, clock: Callable[[], float] = time.perf_counter) -> list[float]:
    """Milliseconds of ``n`` calls after a few warm-up calls."""
    for _ in range(WARMUP):
        action()
    times = []
    for _ in range(n):
        start = clock()
        action()
        times.append((clock() - start) * 1000)
    return times


def summary(times: list[float]) -> str:
    return f"median {statistics.median(times):.2f} ms (min {min(times):.2f} – max {max(times):.2f}, n={len(times)})"


def measure(n: int, cpu: bool = False) -> dict[str, list[float]]:
    """Each figure's times, through public functions that older checkouts have too."""
    from generator.readers.yaml_reader import read_yaml
    from generator.render import render_report
    from generator.render.docx import docx_bytes
    from generator.render.html import render_html
    from generator.render.text import render_text
    from generator.view import build_view

    report = read_yaml(SAMPLE).report
    assert report is not None
    view = build_view(report)

    def three() -> None:
        shared = build_view(report)
        render_text(report, view=shared)
        render_html(report, view=shared)
        docx_bytes(report, view=shared)

    actions: dict[str, Callable[[], object]] = {
        "build_view": lambda: build_view(report),
        "txt": lambda: render_text(report, view=view),
        "html": lambda: render_html(report, view=view),
        "docx": lambda: docx_bytes(report, view=view),
        "txt+html+docx": three,
    }
    stems = (f"r{i}" for i in itertools.count())
    with tempfile.TemporaryDirectory() as tmp:
        actions["files new"] = lambda: render_report(report, Path(tmp), next(stems), ["txt", "html", "docx"])
        actions["files replaced"] = lambda: render_report(report, Path(tmp), "r", ["txt", "html", "docx"])
        clock = time.process_time if cpu else time.perf_counter
        return {name: timed(actions[name], n, clock) for name in FIGURES}


def child(checkout: Path, n: int, cpu: bool) -> dict[str, list[float]]:
    """``measure`` run in a fresh process importing ``generator`` from ``checkout``."""
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    code = f"import sys, json; sys.path.insert(0, {str(ROOT / 'bench')!r}); import render; print(json.dumps(render.measure({n}, {cpu})))"
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=checkout, check=True, capture_output=True, text=True)
    times: dict[str, list[float]] = json.loads(done.stdout)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int, nargs="?", default=30)
    parser.add_argument("--baseline", type=Path, help="directory holding an older copy of the package as DIR/generator")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--cpu", action="store_true", help="CPU time of this process instead of wall time")
    opts = parser.parse_args()
    clock = "CPU time" if opts.cpu else "wall time"
    print(f"renderers per report ({clock}), {SAMPLE.name}, load average {os.getloadavg()[0]:.2f}:")
    if opts.baseline is None:
        for name, times in measure(opts.n, opts.cpu).items():
            print(f"  {name + ':':15} {summary(times)}")
        return
    runs: dict[str, dict[str, list[float]]] = {"now": {f: [] for f in FIGURES}, "baseline": {f: [] for f in FIGURES}}
    for _ in range(opts.rounds):
        for label, checkout in (("baseline", opts.baseline.resolve()), ("now", ROOT)):
            for name, times in child(checkout, opts.n, opts.cpu).items():
                runs[label][name] += times
    for name in FIGURES:
        old, new = runs["baseline"][name], runs["now"][name]
        print(f"  {name + ':':15} baseline {summary(old)}")
        print(f"  {'':15} now      {summary(new)}  ×{statistics.median(old) / statistics.median(new):.2f} faster")
    print(f"load average at the end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
