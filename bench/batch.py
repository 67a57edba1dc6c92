"""Benchmark: batches on every core — ``reportgen build DIR`` in reports/s, and the peak memory of big runs.

Usage: python bench/batch.py [--inputs 200] [--runs 3] [--memory-inputs 1000] [--baseline OLD_CHECKOUT]

- **Rate**: ``build DIR -f txt,html,docx`` over ``--inputs`` copies of the 2021 example, once from .yaml and once
  from .xlsx, serial (REPORTGEN_WORKERS=1) and pooled (every core). Prints reports/s as median (min–max) over the
  runs, with the CPU seconds of the command and its workers (less sensitive to other load on the machine).
- **Memory**: ``build`` and ``check`` over ``--memory-inputs`` .yaml copies, and ``collect --build`` over as many
  generated units (one in ten as .yaml), pooled. Prints the peak of the process tree (parent and workers), as the sum
  of RSS and the sum of PSS (shared pages split between the processes that share them).
- ``--baseline DIR`` runs the same commands with another checkout (its ``.venv`` python if it has one), interleaved
  with this one's run by run, so that load from others on the machine hits both alike. ``--memory-inputs 0`` or
  ``--inputs 0`` skips a part.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import collect as tree  # bench/collect.py: timing and memory of a process tree

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_inputs" / "example-county-bureau-2021"


def command(checkout: Path) -> tuple[list[str], dict[str, str]]:
    """How to run ``reportgen`` from ``checkout``: its own venv's python when it has one."""
    venv = checkout / ".venv" / "bin" / "python"
    python = str(venv) if venv.exists() else sys.executable
    # PYTHONSAFEPATH: ``-m`` would otherwise import the package from the current directory, whichever checkout it is
    return [python, "-m", "generator"], dict(os.environ, PYTHONPATH=str(checkout), PYTHONSAFEPATH="1")


def copies(folder: Path, suffix: str, count: int) -> Path:
    folder.mkdir(parents=True)
    for n in range(count):
        shutil.copyfile(SAMPLE.with_suffix(suffix), folder / f"r{n:04d}{suffix}")
    return folder


def stats(values: list[float], unit: str, digits: int = 1) -> str:
    return f"median {statistics.median(values):.{digits}f} {unit} (min {min(values):.{digits}f} – max {max(values):.{digits}f})"


def rates(checkouts: dict[str, Path], count: int, runs: int, tmp: Path) -> None:
    for suffix in (".yaml", ".xlsx"):
        folder = copies(tmp / f"rate{suffix}", suffix, count)
        seen: dict[str, tuple[list[float], list[float]]] = {}
        for run in range(runs):
            for name, checkout in checkouts.items():
                for mode, workers in (("serial", "1"), ("pool", "")):
                    cmd, env = command(checkout)
                    env["REPORTGEN_WORKERS"] = workers
                    out = tmp / f"out-{name}-{mode}-{run}{suffix}"
                    wall, _, code = tree.timed([*cmd, "build", str(folder), "-o", str(out), "-f", "txt,html,docx"], env, watch=False)
                    assert code == 0 and len(list(out.iterdir())) == 3 * count, f"{name} {mode}: exit {code}"
                    shutil.rmtree(out)
                    walls, cpus = seen.setdefault(f"{name:>8} {mode:>6}", ([], []))
                    walls.append(count / wall)
                    cpus.append(tree.LAST_CPU)
        load = os.getloadavg()[0]
        for label, (values, cpus) in seen.items():
            print(
                f"build DIR, {count} {suffix}, txt+html+docx, {label}: {stats(values, 'reports/s')}; "
                f"CPU {stats(cpus, 's', 2)}; load average {load:.1f}"
            )


def memory(checkouts: dict[str, Path], count: int, runs: int, tmp: Path) -> None:
    inputs = copies(tmp / "mem", ".yaml", count)
    roster = tree.make_units(tmp / "units", count)
    jobs = {
        "build": lambda out: ["build", str(inputs), "-o", str(out), "-f", "txt,html,docx"],
        "check": lambda out: ["check", str(inputs)],
        "collect --build": lambda out: ["collect", str(roster.parent / "收件箱"), "--roster", str(roster), "-o", str(out), "--build"],
    }
    for job, args in jobs.items():
        seen: dict[str, list[tuple[float, int, int]]] = {}
        for run in range(runs):
            for name, checkout in checkouts.items():
                cmd, env = command(checkout)
                out = tmp / f"mem-{name}-{run}"
                wall, (rss, pss), code = tree.timed([*cmd, *args(out)], env)
                assert code in (0, 1), f"{name} {job}: exit {code}"
                shutil.rmtree(out, ignore_errors=True)
                seen.setdefault(name, []).append((count / wall, rss, pss))
        for name, values in seen.items():
            mb = 2**20
            print(
                f"{job}, {count} inputs, {name:>8}: peak RSS sum {stats([v[1] / mb for v in values], 'MB', 0)}, "
                f"PSS sum {stats([v[2] / mb for v in values], 'MB', 0)}; {stats([v[0] for v in values], 'inputs/s')}; "
                f"load average {os.getloadavg()[0]:.1f}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--inputs", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--memory-inputs", type=int, default=1000)
    parser.add_argument("--baseline", type=Path, help="another checkout to compare with, run by run")
    opts = parser.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")
    checkouts = {"this": ROOT, **({"baseline": opts.baseline.resolve()} if opts.baseline else {})}
    print(f"cores available: {len(os.sched_getaffinity(0))}; load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        if opts.inputs:
            rates(checkouts, opts.inputs, opts.runs, Path(tmp))
        if opts.memory_inputs:
            memory(checkouts, opts.memory_inputs, opts.runs, Path(tmp))


if __name__ == "__main__":
    main()
