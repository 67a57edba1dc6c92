"""Map a function over many inputs on every core: one input per task, results in input order, a time limit per input."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from multiprocessing.pool import AsyncResult, Pool

T = TypeVar("T")
R = TypeVar("R")

SERIAL_UP_TO = 2  # starting processes costs more than it saves for this many inputs
DEFAULT_TIME_LIMIT = 120.0  # seconds one input may take before it is given up
WORKERS_ENV = "REPORTGEN_WORKERS"  # 1 = never start processes (tests, debugging, "before" benchmarks)
TIME_LIMIT_ENV = "REPORTGEN_TIME_LIMIT"  # seconds, overriding DEFAULT_TIME_LIMIT
Progress = Callable[[int, int, T], None]  # (index from 1, count, input), called in input order


@dataclass(frozen=True)
class Done(Generic[T, R]):
    """What became of one input: its result, or ``timed_out`` when it took longer than the time limit."""

    item: T
    result: R | None
    timed_out: bool = False


def worker_count(requested: int | None = None) -> int:
    """Processes to use: ``requested``, else $REPORTGEN_WORKERS, else every core."""
    if requested:
        return max(1, requested)
    env = os.environ.get(WORKERS_ENV, "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def time_limit() -> float:
    """Seconds one input may take: $REPORTGEN_TIME_LIMIT, else DEFAULT_TIME_LIMIT."""
    try:
        value = float(os.environ.get(TIME_LIMIT_ENV, ""))
    except ValueError:
        return DEFAULT_TIME_LIMIT
    return value if value > 0 else DEFAULT_TIME_LIMIT


class _Interrupted:
    """What a worker returns when its input was interrupted: the parent stops the run as for Ctrl-C."""


def _exit_cleanly(signum: int, frame: object) -> None:
    raise SystemExit(130)  # unwinds the task, so its staged outputs remove their temporary files


def _start_worker() -> None:
    # Ctrl-C goes to the whole process group: only the parent handles it, and it stops the workers;
    # stopping a worker (SIGTERM) unwinds its task instead of leaving temporary files behind
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _exit_cleanly)


def _call(func: Callable[[T], R], item: T) -> R | _Interrupted:
    try:
        return func(item)
    except KeyboardInterrupt:
        return _Interrupted()


def _result(value: R | _Interrupted) -> R:
    if isinstance(value, _Interrupted):
        raise KeyboardInterrupt
    return value


def _fork_pool(workers: int) -> Pool | None:
    """A pool of forked workers (they share the modules already imported), or None where fork is unavailable."""
    import multiprocessing  # only here: a single input never pays for loading it

    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    try:
        return multiprocessing.get_context("fork").Pool(workers, initializer=_start_worker)
    except OSError:
        return None


def _stop(pool: Pool) -> None:
    pool.terminate()
    pool.join()


def pmap(
    func: Callable[[T], R],
    items: Sequence[T],
    *,
    progress: Progress[T] | None = None,
    limit: float | None = None,
    workers: int | None = None,
) -> Iterator[Done[T, R]]:
    """``func`` applied to each item, yielded in input order; ``func`` must be a module-level function.

    Heavy modules should be imported before the first call: forked workers inherit them.
    An item still running after ``limit`` seconds (default :func:`time_limit`) is yielded as ``timed_out`` and its worker
    is killed; the items after it carry on in a fresh pool. With one worker, or only a few items,
    everything runs in this process (without a time limit).
    """
    count = len(items)
    n = min(worker_count(workers), count)
    pool = _fork_pool(n) if n > 1 and count > SERIAL_UP_TO else None
    if pool is None:
        for i, item in enumerate(items, 1):
            if progress:
                progress(i, count, item)
            yield Done(item, func(item))
        return
    yield from _pooled(pool, n, func, items, progress, time_limit() if limit is None else limit)


def _pooled(
    pool: Pool,
    workers: int,
    func: Callable[[T], R],
    items: Sequence[T],
    progress: Progress[T] | None,
    limit: float,
) -> Iterator[Done[T, R]]:
    count = len(items)
    current: Pool | None = pool
    try:
        pending: dict[int, AsyncResult[R | _Interrupted]] = {i: pool.apply_async(_call, (func, item)) for i, item in enumerate(items)}
        for i, item in enumerate(items):
            if progress:
                progress(i + 1, count, item)
            # every earlier task has finished, so this one is running (or about to): its clock starts now
            deadline = time.monotonic() + limit
            task = pending.pop(i)
            while True:
                task.wait(timeout=min(max(0.0, deadline - time.monotonic()), 0.5))
                if task.ready():
                    yield Done(item, _result(task.get()))
                    break
                if time.monotonic() >= deadline:
                    yield Done(item, None, timed_out=True)
                    assert current is not None
                    finished = {j: t for j, t in pending.items() if t.ready()}
                    _stop(current)
                    current = _fork_pool(workers)
                    if current is None:  # pragma: no cover - fork worked a moment ago
                        raise OSError("无法启动工作进程")
                    for j in list(pending):
                        pending[j] = finished.get(j) or current.apply_async(_call, (func, items[j]))
                    break
        assert current is not None
        current.close()
        current.join()
        current = None
    finally:
        if current is not None:  # interrupted (Ctrl-C), or the caller stopped early: no worker is left behind
            _stop(current)
