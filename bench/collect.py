"""Benchmark: ``reportgen collect --build`` over N generated units, and ``reportgen build DIR`` with and without the pool.

Usage: python bench/collect.py [--units 500] [--runs 3] [--build-inputs 200]
Prints the wall time and the peak memory of the whole process tree (parent and workers), as medians over the runs.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CATEGORIES = ("部门", "乡镇", "街道")
LAST_CPU = 0.0


def _write_unit(args: tuple[Path, int]) -> None:
    from generator.collect.draft import draft_report
    from scripts.make_collection_samples import unit_report
    from tests.collection import write_report

    folder, n = args
    report = draft_report(unit_report(f"云溪县第{n}单位", n)).report
    assert report is not None
    write_report(folder / f"单位{n}.{'yaml' if n % 10 == 0 else 'xlsx'}", report)


def make_units(folder: Path, count: int) -> Path:
    """An inbox of ``count`` units (one in ten as YAML) and their roster; returns the roster."""
    from generator.parallel import pmap

    inbox = folder / "收件箱"
    inbox.mkdir(parents=True)
    for _ in pmap(_write_unit, [(inbox, n) for n in range(1, count + 1)]):
        pass
    roster = folder / "名单.csv"
    lines = ["单位名称,类别"] + [f"云溪县第{n}单位,{CATEGORIES[n % 3]}" for n in range(1, count + 1)]
    roster.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return roster


def _tree_memory(pid: int) -> tuple[int, int]:
    """Resident memory of ``pid`` and all its descendants, in bytes: the sum of RSS, and of PSS (shared pages split)."""
    rss = pss = 0
    stack = [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/status", encoding="ascii") as status:
                rss += next((int(line.split()[1]) * 1024 for line in status if line.startswith("VmRSS:")), 0)
            with open(f"/proc/{p}/smaps_rollup", encoding="ascii") as rollup:
                pss += next((int(line.split()[1]) * 1024 for line in rollup if line.startswith("Pss:")), 0)
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children", encoding="ascii") as children:
                    stack += [int(c) for c in children.read().split()]
        except (OSError, ValueError):
            continue
    return rss, pss


def cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd: list[str], env: dict[str, str] | None = None, *, watch: bool = True) -> tuple[float, tuple[int, int], int]:
    """Wall seconds, peak tree memory (RSS sum, PSS sum) in bytes and the exit code of ``cmd``; without ``watch``
    the memory is not sampled (0, 0): sampling takes CPU from the command on a small machine."""
    global LAST_CPU
    cpu = cpu_of_children()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    peak = (0, 0)

    def sample() -> None:
        nonlocal peak
        while proc.poll() is None:
            rss, pss = _tree_memory(proc.pid)
            peak = (max(peak[0], rss), max(peak[1], pss))
            time.sleep(0.05)

    watcher = threading.Thread(target=sample if watch else lambda: None)
    watcher.start()
    code = proc.wait()
    wall = time.perf_counter() - start
    watcher.join()
    LAST_CPU = cpu_of_children() - cpu  # CPU seconds of the command and its workers: less sensitive to others' load
    return wall, peak, code


def reportgen() -> list[str]:
    exe = shutil.which("reportgen")
    return [exe] if exe else [sys.executable, "-m", "generator"]


def bench_collect(units: int, runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        roster = make_units(Path(tmp), units)
        print(f"generated {units} units in {time.perf_counter() - start:.1f} s")
        walls, peaks = [], []
        for run in range(runs):
            out = Path(tmp) / f"汇总{run}"
            wall, peak, code = timed(
                [*reportgen(), "collect", str(Path(tmp) / "收件箱"), "--roster", str(roster), "-o", str(out), "--build"]
            )
            built = len(list((out / "报告").glob("*.docx")))
            rss_mb, pss_mb = (m / 2**20 for m in peak)
            print(
                f"  run {run + 1}: {wall:.1f} s wall, {LAST_CPU:.0f} CPU-s, peak RSS {rss_mb:.0f} MB, PSS {pss_mb:.0f} MB, "
                f"exit {code}, {built} reports; load average {os.getloadavg()[0]:.1f}"
            )
            walls.append(wall)
            peaks.append(peak)
        rss, pss = [p[0] for p in peaks], [p[1] for p in peaks]
        print(
            f"collect --build, {units} units: median {statistics.median(walls):.1f} s (min {min(walls):.1f}, max {max(walls):.1f}); "
            f"peak memory of the process tree, median: RSS sum {statistics.median(rss) / 2**20:.0f} MB (max {max(rss) / 2**20:.0f}), "
            f"PSS sum {statistics.median(pss) / 2**20:.0f} MB (max {max(pss) / 2**20:.0f})"
        )


def bench_build(inputs: int, runs: int) -> None:
    sample = (ROOT / "sample_inputs" / "example-county-bureau-2021.yaml").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for n in range(inputs):
            (folder / f"r{n:04d}.yaml").write_text(sample, encoding="utf-8")
        rates: dict[str, list[float]] = {"serial (REPORTGEN_WORKERS=1)": [], "pool (every core)": []}
        for run in range(runs):  # interleaved, so that load from others on the machine hits both alike
            for label, workers in (("serial (REPORTGEN_WORKERS=1)", "1"), ("pool (every core)", "")):
                env = dict(os.environ, REPORTGEN_WORKERS=workers)
                cmd = [*reportgen(), "build", str(folder), "-o", str(Path(tmp) / f"out{run}{workers}"), "--format", "txt,html,docx"]
                wall, _, _ = timed(cmd, env)
                rates[label].append(inputs / wall)
        for label, values in rates.items():
            print(
                f"build DIR, {inputs} .yaml, txt+html+docx, {label}: median {statistics.median(values):.1f} reports/s "
                f"(min {min(values):.1f}, max {max(values):.1f})"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--units", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--build-inputs", type=int, default=200)
    opts = parser.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")
    print(f"cores available: {len(os.sched_getaffinity(0))}")
    if opts.build_inputs:
        bench_build(opts.build_inputs, opts.runs)
    bench_collect(opts.units, opts.runs)


if __name__ == "__main__":
    main()
