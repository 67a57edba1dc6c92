"""The forked workers behind :func:`generator.parallel.pmap`: tasks by index, results streamed back, in input order."""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import pickle
import signal
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, Generic, TypeVar

from .parallel import STOPS, Done, Progress, Tally, call_task, hold_stops, release_stops

T = TypeVar("T")
R = TypeVar("R")

AHEAD = 2  # tasks given to a worker at a time: the next one is waiting when it sends a result
GRACE = 2.0  # seconds a stopped worker has to remove its temporary files before it is killed
OK, FAILED, INTERRUPTED, LOST, CRASHED = range(5)  # what became of a task (LOST: over the time limit; CRASHED: its worker died)
STOP = b""  # asks an idle worker to exit
WORKER_GC = (10_000, 50, 100)  # collector thresholds in a worker


def _index(i: int) -> bytes:
    return i.to_bytes(4, "little")


def _exit_cleanly(signum: int, frame: object) -> None:
    raise SystemExit(130)  # unwinds the task, so its staged outputs remove their temporary files


def _serve(func: Callable[[T], Any], items: Sequence[T], conn: Connection, others: list[Connection]) -> None:
    """A worker: run the task whose index arrives, send back its result, until told to stop."""
    # Ctrl-C goes to the whole process group: only the parent handles it, and it stops the workers;
    # stopping a worker (SIGTERM) unwinds its task instead of leaving temporary files behind
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _exit_cleanly)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOPS)
    for other in others:
        other.close()  # the other workers' ends: they must see the parent alone
    # the inherited objects are frozen (never scanned); a report's objects die with its task, so collecting
    # young objects every 700 allocations mostly re-scans live trees: a few percent of the work
    gc.set_threshold(*WORKER_GC)
    while True:
        try:
            data = conn.recv_bytes()
        except (EOFError, ConnectionResetError):  # the parent has gone (a server stopped while checking)
            return
        if data == STOP:
            return
        i = int.from_bytes(data, "little")
        try:
            message: tuple[int, int, Any] = (i, OK, call_task(func, items[i]))
        except KeyboardInterrupt:
            message = (i, INTERRUPTED, None)
        except Exception as exc:
            message = (i, FAILED, exc)
        hold_stops()  # a finished task's result is always sent whole
        try:
            try:
                payload = pickle.dumps(message, pickle.HIGHEST_PROTOCOL)
            except Exception as exc:  # a result or exception that cannot be pickled
                payload = pickle.dumps((i, FAILED, RuntimeError(f"{type(exc).__name__}: {exc}")), pickle.HIGHEST_PROTOCOL)
            conn.send_bytes(payload)
        finally:
            release_stops()


class _Worker:
    """One worker process, the tasks sent to it (the first is running), and since when that one runs."""

    def __init__(self, process: BaseProcess, conn: Connection) -> None:
        self.process = process
        self.conn = conn
        self.tasks: deque[int] = deque()
        self.since = 0.0


class Pool(Generic[T, R]):
    """Forked workers for one run of ``func`` over ``items``: the workers inherit the items, so a task is its index."""

    def __init__(self, func: Callable[[T], R], items: Sequence[T], workers: int, limit: float, tally: Tally | None) -> None:
        self.func, self.items, self.size, self.limit, self.tally = func, items, workers, limit, tally
        self.workers: list[_Worker] = []
        self.todo: deque[int] = deque(range(len(items)))
        self.arrived: dict[int, tuple[int, Any]] = {}
        self.retried: set[int] = set()  # tasks that were with a worker when it died

    def start(self) -> bool:
        """Start the workers; False where processes cannot be forked (the caller then runs the items itself)."""
        if "fork" not in multiprocessing.get_all_start_methods():
            return False
        try:
            for _ in range(self.size):
                self._fork()
        except OSError:
            self._shut(drain=False)
            return False
        for depth in range(1, AHEAD + 1):  # dealt round, so that results come back about in input order
            for worker in list(self.workers):
                self._feed(worker, depth)
        return True

    def _fork(self) -> _Worker:
        context = multiprocessing.get_context("fork")
        mine, theirs = context.Pipe()
        others = [w.conn for w in self.workers] + [mine]
        process = context.Process(target=_serve, args=(self.func, self.items, theirs, others), daemon=True)
        gc.freeze()  # the workers' collector then leaves the inherited objects alone: their pages stay shared
        try:
            process.start()
        finally:
            gc.unfreeze()
            theirs.close()
        worker = _Worker(process, mine)
        self.workers.append(worker)
        return worker

    def _feed(self, worker: _Worker, depth: int = AHEAD) -> None:
        while self.todo and len(worker.tasks) < depth:
            if not worker.tasks:
                worker.since = time.monotonic()
            i = self.todo.popleft()
            worker.tasks.append(i)
            try:
                worker.conn.send_bytes(_index(i))
            except OSError:  # the worker has exited
                self._give_up(worker, died=True)
                return

    def run(self, progress: Progress[T] | None) -> Iterator[Done[T, R]]:
        """Each item's outcome in input order; the workers are stopped however the caller leaves."""
        count = len(self.items)
        try:
            for i, item in enumerate(self.items):
                if progress:
                    progress(i + 1, count, item)
                while i not in self.arrived:
                    self._receive()
                kind, value = self.arrived.pop(i)
                if kind == FAILED:
                    raise value
                yield Done(item, value if kind == OK else None, timed_out=kind == LOST, crashed=kind == CRASHED)
            self._shut(drain=False)
        finally:
            self._shut(drain=True)

    def _receive(self) -> None:
        """Wait for the next result, or for the first running task's time limit."""
        busy = [w for w in self.workers if w.tasks]
        if not busy:  # pragma: no cover - every worker was lost while sending it a task
            self._feed(self._fork())
            return
        deadline = min(w.since for w in busy) + self.limit
        ready = wait([w.conn for w in busy], timeout=max(0.0, deadline - time.monotonic()))
        for worker in busy:
            if worker not in self.workers:
                continue  # given up meanwhile
            if worker.conn in ready:
                self._read(worker)
            elif time.monotonic() >= worker.since + self.limit:
                self._give_up(worker)

    def _read(self, worker: _Worker) -> None:
        try:
            i, kind, value = pickle.loads(worker.conn.recv_bytes())
        except (EOFError, OSError):  # the worker died
            self._give_up(worker, died=True)
            return
        self._arrive(worker, i, kind, value)
        worker.since = time.monotonic()
        self._feed(worker)

    def _arrive(self, worker: _Worker, i: int, kind: int, value: Any) -> None:
        worker.tasks.popleft()
        if kind == INTERRUPTED:
            raise KeyboardInterrupt  # as if Ctrl-C: the run stops now
        self.arrived[i] = (kind, value)
        if self.tally is not None and kind != FAILED:
            self.tally.finished += 1

    def _give_up(self, worker: _Worker, *, died: bool = False) -> None:
        """Stop a worker whose task ran over the time limit: that task is LOST, the others go to a fresh worker.

        A worker that ``died`` (killed from outside, out of memory, exited between tasks) may not have started its
        first task: that one runs once more, and is CRASHED only if it is again with a worker that dies.
        """
        head = worker.tasks[0] if worker.tasks else None
        self._stop([worker])  # its result may still come in, sent just as the time ran out
        self.workers.remove(worker)
        if worker.tasks and worker.tasks[0] == head:
            if died and head not in self.retried:
                self.retried.add(head)
            else:
                self._arrive(worker, worker.tasks[0], CRASHED if died else LOST, None)
        self.todo.extendleft(reversed(worker.tasks))  # sent but not finished: they run again elsewhere
        worker.tasks.clear()
        if self.todo:
            self._feed(self._fork())

    def _stop(self, workers: list[_Worker]) -> None:
        """SIGTERM each worker; take in every result it still sends; kill it if it has not exited after GRACE."""
        for worker in workers:
            if worker.process.is_alive() and worker.process.pid is not None:
                os.kill(worker.process.pid, signal.SIGTERM)
        until = time.monotonic() + GRACE
        open_ = list(workers)
        hold_stops()  # a second Ctrl-C does not cut this short: it is bounded by GRACE
        try:
            self._drain(open_, until)
        finally:
            release_stops()
        for worker in workers:
            worker.process.join(timeout=max(0.0, until - time.monotonic()))
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()

    def _drain(self, open_: list[_Worker], until: float) -> None:
        while open_ and time.monotonic() < until:
            ready = wait([w.conn for w in open_], timeout=max(0.0, until - time.monotonic()))
            for worker in [w for w in open_ if w.conn in ready]:
                try:
                    i, kind, value = pickle.loads(worker.conn.recv_bytes())
                except (EOFError, OSError, pickle.UnpicklingError):
                    open_.remove(worker)
                    continue
                if kind != INTERRUPTED and i not in self.arrived:
                    self._arrive(worker, i, kind, value)

    def _shut(self, *, drain: bool) -> None:
        """Let idle workers exit (``drain=False``, the run is over), or stop every worker, counting what it finished."""
        workers, self.workers = self.workers, []
        if not workers:
            return
        if drain:
            self._stop(workers)
            return
        for worker in workers:
            with contextlib.suppress(OSError):
                worker.conn.send_bytes(STOP)
        for worker in workers:
            worker.process.join(timeout=GRACE)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()
