"""Map a function over many inputs on every core: one input per task, results in input order, a time limit per input."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

SERIAL_UP_TO = 2  # starting processes costs more than it saves for this many inputs
DEFAULT_TIME_LIMIT = 120.0  # seconds one input may take before it is given up
WORKERS_ENV = "REPORTGEN_WORKERS"  # 1 = never start processes (tests, debugging, "before" benchmarks)
TIME_LIMIT_ENV = "REPORTGEN_TIME_LIMIT"  # seconds, overriding DEFAULT_TIME_LIMIT
STOPS = frozenset({signal.SIGINT, signal.SIGTERM})  # what interrupts a run
Progress = Callable[[int, int, T], None]  # (index from 1, count, input), called in input order as each input's turn comes


@dataclass(frozen=True)
class Done(Generic[T, R]):
    """What became of one input: its result, or ``timed_out`` when it took longer than the time limit, or ``crashed``
    when the worker running it died twice (killed, out of memory)."""

    item: T
    result: R | None
    timed_out: bool = False
    crashed: bool = False


@dataclass
class Tally:
    """How far the latest run with progress got: its inputs, and how many of them finished, in any order."""

    count: int = 0
    finished: int = 0


_TALLY: ContextVar[Tally | None] = ContextVar("reportgen_tally", default=None)


@contextmanager
def tallied() -> Iterator[Tally]:
    """Within this block, each run of :func:`pmap` that shows progress counts its finished inputs in the tally,
    as their results arrive (also those that finish out of order, or while the run is being stopped)."""
    tally = Tally()
    token = _TALLY.set(tally)
    try:
        yield tally
    finally:
        _TALLY.reset(token)


def run_tally(count: int, progress: object) -> Tally | None:
    """The tally a run of ``count`` inputs keeps (reset for it), or None when it shows no progress or nothing counts."""
    tally = _TALLY.get() if progress is not None else None
    if tally is not None:
        tally.count, tally.finished = count, 0
    return tally


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


# ---------------------------------------------------------------- holding a stop until a finished task is counted


class _Hold:
    """Whether a task is running under :func:`pmap` (which then releases held stops), and whether stops are held."""

    in_task = False
    held = False


def _can_hold() -> bool:
    return hasattr(signal, "pthread_sigmask") and threading.current_thread() is threading.main_thread()


def hold_stops() -> None:
    """Keep Ctrl-C and SIGTERM pending (not lost) until :func:`release_stops`."""
    if _can_hold() and not _Hold.held:
        signal.pthread_sigmask(signal.SIG_BLOCK, STOPS)
        _Hold.held = True


def release_stops() -> None:
    """Let a stop held by :func:`hold_stops` take effect now."""
    if _Hold.held:
        _Hold.held = False
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOPS)


@contextmanager
def finishing() -> Iterator[None]:
    """Around a task's last step (moving its outputs into place): a stop that arrives meanwhile waits until the
    task's result has been counted, so that an interrupted run never leaves written outputs it does not count."""
    hold_stops()
    try:
        yield
    finally:
        if not _Hold.in_task:  # outside pmap nobody else releases it
            release_stops()


def call_task(func: Callable[[T], R], item: T) -> R:
    """``func(item)`` as one task: a stop held by :func:`finishing` stays held until the caller releases it."""
    _Hold.in_task = True
    try:
        return func(item)
    finally:
        _Hold.in_task = False


# ---------------------------------------------------------------- the map


def pmap(
    func: Callable[[T], R],
    items: Sequence[T],
    *,
    progress: Progress[T] | None = None,
    limit: float | None = None,
    workers: int | None = None,
) -> Iterator[Done[T, R]]:
    """``func`` applied to each item, yielded in input order; ``func`` must be a module-level function.

    Heavy modules should be imported before the first call: forked workers inherit them, and the items.
    An item still running after ``limit`` seconds (default :func:`time_limit`) is yielded as ``timed_out`` and its
    worker is stopped; a fresh worker takes its place. With one worker, or only a few items, everything runs in this
    process (without a time limit). Inside :func:`tallied`, a run with ``progress`` counts its finished items.
    """
    count = len(items)
    n = min(worker_count(workers), count)
    tally = run_tally(count, progress)
    if n > 1 and count > SERIAL_UP_TO:
        from .pool import Pool

        pool = Pool(func, items, n, time_limit() if limit is None else limit, tally)
        if pool.start():
            yield from pool.run(progress)
            return
    for i, item in enumerate(items, 1):
        if progress:
            progress(i, count, item)
        try:
            result = call_task(func, item)
            if tally is not None:
                tally.finished += 1
        finally:
            release_stops()
        yield Done(item, result)
