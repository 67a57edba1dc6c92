"""Benchmark: ``reportgen serve`` under many uploads at once, against 127.0.0.1 only.

Usage: python bench/serve_load.py [--units 200] [--runs 3] [--db postgresql://…] [--workers 1]

Starts ``reportgen serve`` with a generated roster of ``--units`` units, then every unit uploads a workbook at the
same moment (one upload per link, all in flight together, httpx on asyncio). Prints per run the seconds from sending
to the answer (median, p95, max), checks that every upload was stored (the office's status JSON counts them), and
the seconds until every upload's check was done (an answer may come before its check when many arrive at once).
The summary is the median over the runs. Nothing leaves this machine: the server listens on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UPLOAD = ROOT / "sample_inputs" / "collection" / "收件箱" / "云溪县教育局.xlsx"
PASSWORD = "bench-password"
TIMEOUT = 300.0  # seconds one request may take before the run counts it as failed


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(units: int, folder: Path, db: str | None, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    roster = folder / "名单.csv"
    roster.write_text("单位名称,类别\n" + "".join(f"测试县第{n}局,部门\n" for n in range(1, units + 1)), encoding="utf-8")
    port = free_port()
    command = [sys.executable, "-m", "generator", "serve", "--roster", str(roster), "--year", "2025", "--data", str(folder / "data")]
    command += ["--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)] + (["--db", db] if db else [])
    env = dict(os.environ, REPORTGEN_ADMIN_PASSWORD=PASSWORD)
    process = subprocess.Popen(command, env=env, cwd=folder)
    return process, f"http://127.0.0.1:{port}"


async def wait_ready(base: str) -> None:
    import httpx

    async with httpx.AsyncClient() as client:
        for _ in range(600):
            try:
                if (await client.get(base + "/")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.1)
    raise SystemExit("the server did not start")


def cpu_seconds(pid: int) -> float:
    """CPU seconds of a process and its finished children (the check workers), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def links(data: Path) -> list[str]:
    from openpyxl import load_workbook

    sheet = load_workbook(data / "链接.xlsx").active
    return [str(row[2]) for row in sheet.iter_rows(min_row=2, values_only=True)]


async def one_upload(client: object, link: str, body: bytes, ready: asyncio.Barrier) -> tuple[float, int]:
    import httpx

    assert isinstance(client, httpx.AsyncClient)
    # a fresh connection for the upload: an idle kept-alive one may be closed by the server just as it is reused
    page = await client.get(link, headers={"connection": "close"})
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert csrf, "no form token"
    await ready.wait()  # every unit has its page: all uploads leave together
    began = time.perf_counter()
    answer = await client.post(
        link + "/upload", data={"csrf": csrf.group(1)}, files={"file": ("report.xlsx", body)}, headers={"accept": "application/json"}
    )
    return time.perf_counter() - began, answer.status_code


async def run_once(base: str, data: Path) -> tuple[list[float], int, int, float]:
    import httpx

    body = UPLOAD.read_bytes()
    everyone = links(data)
    ready = asyncio.Barrier(len(everyone) + 1)
    limits = httpx.Limits(max_connections=1000, max_keepalive_connections=1000)
    async with httpx.AsyncClient(timeout=TIMEOUT, limits=limits) as client:
        tasks = [asyncio.create_task(one_upload(client, link, body, ready)) for link in everyone]
        await ready.wait()
        began = time.perf_counter()
        results = await asyncio.gather(*tasks)
        login = await client.get(base + "/admin/login")
        csrf = re.search(r'name="csrf" value="([^"]+)"', login.text)
        assert csrf
        await client.post(base + "/admin/login", data={"csrf": csrf.group(1), "password": PASSWORD})
        while True:  # until every upload's check is done
            status = (await client.get(base + "/admin/api/status")).json()["units"]
            if all(row["状态"] != "检查中" for row in status):
                break
            await asyncio.sleep(0.2)
        checked = time.perf_counter() - began
    stored = sum(row["状态"] != "未提交" for row in status)
    return [t for t, _ in results], sum(code in (200, 202) for _, code in results), stored, checked


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--units", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--db", default=None, help="a PostgreSQL URL (default: SQLite in a temporary data folder)")
    parser.add_argument("--workers", type=int, default=1, help="server processes (serve --workers)")
    args = parser.parse_args()
    p95s, medians, all_checked = [], [], []
    for run in range(1, args.runs + 1):
        with tempfile.TemporaryDirectory(prefix="reportgen-bench-serve-") as tmp:
            process, base = start(args.units, Path(tmp), args.db, args.workers)
            try:
                asyncio.run(wait_ready(base))
                cpu_before = cpu_seconds(process.pid)
                times, answered, stored, checked = asyncio.run(run_once(base, Path(tmp) / "data"))
                cpu = cpu_seconds(process.pid) - cpu_before
            finally:
                process.send_signal(signal.SIGINT)
                process.wait(60)
        p95s.append(percentile(times, 0.95))
        medians.append(statistics.median(times))
        all_checked.append(checked)
        print(
            f"run {run}: {args.units} uploads at once: answered {answered}/{args.units}, stored {stored}/{args.units}; "
            f"answer median {medians[-1]:.2f}s, p95 {p95s[-1]:.2f}s, max {max(times):.2f}s; all checked after {checked:.1f}s; "
            f"server CPU {cpu:.1f}s ({cpu / args.units * 1000:.0f} ms per upload, checks included)"
        )
    cores = len(os.sched_getaffinity(0))
    print(
        f"median over {args.runs} runs: answer median {statistics.median(medians):.2f}s, p95 {statistics.median(p95s):.2f}s, "
        f"all checked after {statistics.median(all_checked):.1f}s ({cores} cores, load average {os.getloadavg()[0]:.1f})"
    )


if __name__ == "__main__":
    main()
