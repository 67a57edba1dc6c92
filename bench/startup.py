"""Benchmark: wall time of one-shot commands (``--help``, ``build x.xlsx``), median and min–max, and the costliest imports.

Usage: python bench/startup.py [N] [--baseline DIR [--baseline-python PYTHON]] [--script NAME=PATH ...]

Each command runs N times as a fresh process with ``python -S`` and the package put on the path
explicitly (as an installed, not editable, package would load). ``--baseline DIR`` runs the same
commands, interleaved, on another copy of the package in ``DIR/generator`` (for example from
``git archive <commit> generator``), so a loaded machine affects both alike; ``--baseline-python``
runs that copy with another interpreter's libraries (a virtual environment with other versions).
``--script editable=.venv/bin/reportgen --script installed=/tmp/v/bin/reportgen`` also times console
scripts as installed (``pip install -e .`` against ``pip install .``), started the way a user starts them.
Last, the imports of one run of each command: the costliest modules (cumulative) and the time
spent in each library's own modules.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import site
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_inputs" / "example-county-bureau-2021.xlsx"
ENTRY = (  # the console script (generator.__main__:main), or the entry point of older copies
    "import sys; sys.argv[0] = 'reportgen'; sys.argv[1:] = {args!r}\n"
    "try:\n    from generator.__main__ import main\nexcept ImportError:\n    from generator.cli import app as main\nmain()"
)
IMPORT_RE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")


def site_packages(python: str) -> list[str]:
    """The site-packages directories of ``python`` (its virtual environment's libraries)."""
    if python == sys.executable:
        return site.getsitepackages()
    code = "import site, os; print(os.pathsep.join(site.getsitepackages()))"
    return subprocess.run([python, "-c", code], capture_output=True, text=True, check=True).stdout.strip().split(os.pathsep)


def command(
    package_root: Path, args: list[str], *, importtime: bool = False, python: str = sys.executable
) -> tuple[list[str], dict[str, str]]:
    """A fresh interpreter running the console entry point of the package under ``package_root``."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(package_root), *site_packages(python)])}
    flags = ["-S", *(["-X", "importtime"] if importtime else [])]
    return [python, *flags, "-c", ENTRY.format(args=args)], env


def run(cmd: list[str], env: dict[str, str], cwd: str) -> tuple[float, float]:
    """(wall, CPU) seconds of one run; CPU time (user + system) suffers less than wall time on a loaded machine."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def summary(times: list[float]) -> str:
    ms = [t * 1000 for t in times]
    return f"median {statistics.median(ms):6.0f} ms  (min {min(ms):4.0f} – max {max(ms):5.0f})"


Timings = list[tuple[int, str]]  # (µs, module or library)


def imports(package_root: Path, args: list[str], cwd: str, python: str, count: int = 12) -> tuple[Timings, Timings, int]:
    """In one run: the imports (two levels deep) with the largest cumulative time (µs), and the self time (µs)
    summed per library (``generator`` per subpackage), largest first."""
    cmd, env = command(package_root, args, importtime=True, python=python)
    stderr = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True, check=False).stderr
    found = [(int(m.group(2)), m.group(4)) for m in IMPORT_RE.finditer(stderr) if len(m.group(3)) <= 3]
    per_library: dict[str, int] = {}
    for m in IMPORT_RE.finditer(stderr):
        parts = m.group(4).split(".")
        library = ".".join(parts[:2]) if parts[0] == "generator" else parts[0]
        per_library[library] = per_library.get(library, 0) + int(m.group(1))
    by_self = sorted(((us, name) for name, us in per_library.items()), reverse=True)
    return sorted(found, reverse=True)[:count], by_self[:count], sum(per_library.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int, nargs="?", default=20)
    parser.add_argument("--baseline", type=Path, help="directory holding an older copy of the package as DIR/generator")
    parser.add_argument("--baseline-python", default=sys.executable, help="interpreter (virtual environment) for the baseline")
    parser.add_argument("--script", action="append", default=[], metavar="NAME=PATH", help="an installed reportgen console script")
    opts = parser.parse_args()
    scripts = dict(item.split("=", 1) for item in opts.script)
    roots = {"baseline": opts.baseline, "now": ROOT} if opts.baseline else {"now": ROOT}
    pythons = {"baseline": opts.baseline_python, "now": sys.executable}
    load = os.getloadavg()
    print(f"{os.cpu_count()} cores, load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}; {opts.n} runs each, interleaved")
    with tempfile.TemporaryDirectory() as tmp:
        commands = {
            "python -S -c pass": {"-": ([sys.executable, "-S", "-c", "pass"], dict(os.environ))},
            "reportgen --help": {
                **{name: command(root, ["--help"], python=pythons[name]) for name, root in roots.items()},
                **{name: ([path, "--help"], dict(os.environ)) for name, path in scripts.items()},
            },
            f"reportgen build {SAMPLE.name} (txt,docx,html)": {
                **{
                    name: command(root, ["build", str(SAMPLE), "-o", str(Path(tmp) / name), "--overwrite"], python=pythons[name])
                    for name, root in roots.items()
                },
                **{
                    name: ([path, "build", str(SAMPLE), "-o", str(Path(tmp) / name), "--overwrite"], dict(os.environ))
                    for name, path in scripts.items()
                },
            },
        }
        times: dict[tuple[str, str], list[tuple[float, float]]] = {(what, name): [] for what, runs in commands.items() for name in runs}
        for _ in range(opts.n):
            for what, runs in commands.items():
                for name, (cmd, env) in runs.items():
                    times[(what, name)].append(run(cmd, env, tmp))
        for (what, name), values in times.items():
            print(f"  {what:50} {name:9} wall {summary([w for w, _ in values])}")
            print(f"  {'':50} {'':9} CPU  {summary([c for _, c in values])}")
        for args in (["--help"], ["build", str(SAMPLE), "-o", str(Path(tmp) / "imports"), "--overwrite"]):
            for name, root in roots.items():
                costliest, by_library, total = imports(root, args, tmp, pythons[name])
                print(f"imports of `reportgen {args[0]}` ({name}), costliest modules, cumulative ms:")
                print("  " + ", ".join(f"{module} {us / 1000:.0f}" for us, module in costliest))
                print(f"  per library, own ms (all imports: {total / 1000:.0f} ms):")
                print("  " + ", ".join(f"{library} {us / 1000:.0f}" for us, library in by_library))


if __name__ == "__main__":
    main()
