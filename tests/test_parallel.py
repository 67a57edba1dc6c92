"""The process pool: input order, progress in order, a time limit per input, the serial fallback, and clean interrupts."""

from __future__ import annotations

import multiprocessing
import os
import re
import signal
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from generator.cli import app
from generator.parallel import finishing, pmap, tallied, worker_count
from generator.pipeline import build, check


def square(n: int) -> tuple[int, int]:
    time.sleep(0.02 * (n % 3))  # later inputs may finish first
    return n * n, os.getpid()


def stall_on_three(n: int) -> int:
    if n == 3:
        time.sleep(60)
    return n


def test_results_and_progress_come_in_input_order() -> None:
    seen: list[int] = []
    done = list(pmap(square, list(range(12)), progress=lambda i, n, item: seen.append(item), workers=2))
    assert [d.result[0] for d in done if d.result] == [n * n for n in range(12)]
    assert seen == list(range(12))
    assert {d.result[1] for d in done if d.result} != {os.getpid()}  # the work ran in worker processes
    assert multiprocessing.active_children() == []


def test_a_stalled_input_is_given_up_and_the_rest_carry_on() -> None:
    done = list(pmap(stall_on_three, list(range(6)), limit=1.0, workers=2))
    assert [(d.item, d.result, d.timed_out) for d in done] == [(n, None if n == 3 else n, n == 3) for n in range(6)]
    assert multiprocessing.active_children() == []


def test_few_inputs_or_one_worker_run_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    assert {d.result[1] for d in pmap(square, [1, 2]) if d.result} == {os.getpid()}
    monkeypatch.setenv("REPORTGEN_WORKERS", "1")
    assert worker_count() == 1
    assert {d.result[1] for d in pmap(square, list(range(8))) if d.result} == {os.getpid()}


def test_interrupt_leaves_no_worker_behind() -> None:
    def interrupt(i: int, n: int, item: int) -> None:
        if i == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        list(pmap(square, list(range(20)), progress=interrupt, workers=2))
    assert multiprocessing.active_children() == []


def test_build_and_check_over_many_inputs_match_the_serial_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from .conftest import sample_yamls

    inputs = sample_yamls()
    pooled = build(inputs, tmp_path / "pool", ["txt", "html"])
    pooled_check = check(inputs)
    monkeypatch.setenv("REPORTGEN_WORKERS", "1")
    serial = build(inputs, tmp_path / "serial", ["txt", "html"])
    assert [f.file for f in pooled.files] == [str(p) for p in inputs]
    assert pooled.model_dump() == serial.model_dump().copy() | {
        "files": [fo | {"written": [w.replace("serial", "pool") for w in fo["written"]]} for fo in serial.model_dump()["files"]]
    }
    for f in (tmp_path / "serial").iterdir():
        assert (tmp_path / "pool" / f.name).read_bytes() == f.read_bytes()
    assert pooled_check.model_dump() == check(inputs).model_dump()


def test_build_gives_up_a_stalled_input_with_a_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.pipeline as pipeline

    from .conftest import sample_yamls

    inputs = sample_yamls()[:4]
    real = pipeline.check_one

    def stalling(path: Path, previous=None):  # type: ignore[no-untyped-def]
        if path == inputs[1]:
            time.sleep(60)
        return real(path, previous)

    monkeypatch.setattr(pipeline, "check_one", stalling)  # forked workers inherit the patch
    monkeypatch.setenv("REPORTGEN_TIME_LIMIT", "1")
    outcome = build(inputs, tmp_path, ["txt"])
    assert [f.file for f in outcome.files] == [str(p) for p in inputs]
    stalled = outcome.files[1]
    assert [f.line() for f in stalled.findings] == [
        f"错误 INPUT-TIMEOUT {inputs[1]}：处理该文件超过 1 秒仍未完成，已放弃；请检查文件是否异常"
    ]
    assert outcome.exit_code == 1 and all(f.written for i, f in enumerate(outcome.files) if i != 1)
    assert multiprocessing.active_children() == []


def finish_then_stop(n: int) -> int:
    with finishing():  # a stop that arrives while a task moves its outputs into place waits for its result
        os.kill(os.getpid(), signal.SIGTERM if multiprocessing.parent_process() else signal.SIGINT)
        time.sleep(0.05)
    return n


def test_a_stop_while_finishing_still_delivers_the_result() -> None:
    done = list(pmap(finish_then_stop, list(range(6)), workers=2))  # each worker is stopped after each task
    assert [(d.result, d.timed_out) for d in done] == [(n, False) for n in range(6)]
    assert multiprocessing.active_children() == []
    with tallied() as tally, pytest.raises(KeyboardInterrupt):  # in this process, Ctrl-C comes once the input is counted
        list(pmap(finish_then_stop, [7], progress=lambda i, n, item: None))
    assert (tally.count, tally.finished) == (1, 1)


def test_interrupt_counts_exactly_the_inputs_finished_in_any_order(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import generator.pipeline as pipeline

    from .collection import unit_report, write_report

    inputs = [write_report(tmp_path / "in" / f"r{i}.yaml", unit_report(f"机关{i}", i + 1)) for i in range(12)]
    real = pipeline.check_one

    def slow_first(path: Path, previous=None):  # type: ignore[no-untyped-def]
        if path.name == "r0.yaml":
            time.sleep(60)  # the first input holds one worker: the other finishes later inputs meanwhile
        return real(path, previous)

    monkeypatch.setattr(pipeline, "check_one", slow_first)
    monkeypatch.setenv("REPORTGEN_WORKERS", "2")
    out = tmp_path / "out"

    def ctrl_c_once_later_inputs_are_written() -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(list(out.glob("*.txt"))) < 5:
            time.sleep(0.02)
        os.kill(os.getpid(), signal.SIGINT)

    threading.Thread(target=ctrl_c_once_later_inputs_are_written, daemon=True).start()
    result = runner.invoke(app, ["build", *map(str, inputs), "-o", str(out), "-f", "txt"])
    assert result.exit_code == 130
    said = re.search(r"已中断：12 个输入中已处理完 (\d+) 个，其余未处理；已写出的文件都是完整的，未完成的临时文件已删除\n$", result.stderr)
    assert said is not None, result.stderr
    written = sorted(p.name for p in out.iterdir())
    assert "r0.txt" not in written and len(written) >= 5  # the first input never finished; later ones did, out of order
    assert all(name.endswith(".txt") and not name.startswith(".") for name in written)
    assert int(said[1]) == len(written)
    assert multiprocessing.active_children() == []


def die_on_three(n: int) -> int:
    if n == 3:
        os.kill(os.getpid(), signal.SIGKILL)  # as if the system killed the worker (out of memory)
    return n


def test_a_worker_that_dies_costs_only_its_input() -> None:
    done = list(pmap(die_on_three, list(range(8)), workers=2))  # tried once more on a fresh worker, then given up
    assert [(d.item, d.result, d.timed_out, d.crashed) for d in done] == [(n, None if n == 3 else n, False, n == 3) for n in range(8)]
    assert multiprocessing.active_children() == []


def test_build_names_an_input_whose_worker_died_as_such(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker killed twice on one input (say, out of memory) is not a time-out: the finding says what happened."""
    import generator.pipeline as pipeline

    from .conftest import sample_yamls

    inputs = sample_yamls()[:4]
    real = pipeline.check_one

    def dying(path: Path, previous=None):  # type: ignore[no-untyped-def]
        if path == inputs[2]:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(path, previous)

    monkeypatch.setattr(pipeline, "check_one", dying)  # forked workers inherit the patch
    outcome = build(inputs, tmp_path, ["txt"])
    assert [f.line() for f in outcome.files[2].findings] == [
        f"错误 INPUT-CRASHED {inputs[2]}：处理该文件时工作进程两次意外退出（可能内存不足或文件异常），已放弃；请检查文件是否异常"
    ]
    assert outcome.exit_code == 1 and all(f.written for i, f in enumerate(outcome.files) if i != 2)
    assert multiprocessing.active_children() == []


def test_workers_send_back_only_what_the_parent_uses(tmp_path: Path) -> None:
    from generator.pipeline import check_many

    from .conftest import sample_yamls

    inputs = sample_yamls()
    checked = check_many(inputs, sources_of=(inputs[0],))
    assert checked[0][0] is not None and checked[0][0].sources
    assert all(r is not None and r.sources == {} and fo.report is not None for r, fo in checked[1:])
    assert all(fo.report is None and fo.written for fo in build(inputs, tmp_path, ["txt"]).files)  # build does not go on with it
