"""The check queue: an upload is stored first, then checked by a few threads (each in a forked worker); after a
restart, every upload still waiting is checked again, so that an answered upload is never lost."""

from __future__ import annotations

import asyncio
import queue
import signal
import threading
import time
from typing import Any

from .store import CHECKING, Store
from .work import Checked, Task, WorkFailed, check_upload, run_limited

POLL = 0.05  # seconds between looks at whether a check has finished
STOP = -1  # queued to end a thread


class Checker:
    """Checks stored versions in the background, one per core at a time."""

    def __init__(self, store: Store, year: int, threads: int) -> None:
        self.store, self.year, self.threads = store, year, threads
        self.todo: queue.Queue[int] = queue.Queue()
        self.finished: set[int] = set()
        self.lock = threading.Lock()
        self.started = False

    def start(self) -> None:
        """Start the threads, and queue again what a stopped server left unchecked."""
        with self.lock:
            if self.started:
                return
            self.started = True
        for version_id in self.store.unchecked():
            self.todo.put(version_id)
        for n in range(self.threads):
            threading.Thread(target=self._work, name=f"reportgen-check-{n}", daemon=True).start()

    def add(self, version_id: int) -> None:
        self.todo.put(version_id)

    def _work(self) -> None:
        from ..parallel import STOPS

        signal.pthread_sigmask(signal.SIG_BLOCK, STOPS)  # Ctrl-C and SIGTERM are the main thread's to handle
        while True:
            version_id = self.todo.get()
            try:
                if version_id == STOP:
                    return
                self.check(version_id)
            finally:
                self.todo.task_done()

    def stop(self) -> None:
        """Let the threads finish the checks queued so far, then end."""
        with self.lock:
            if not self.started:
                return
            self.started = False
        for _ in range(self.threads):
            self.todo.put(STOP)
        self.todo.join()

    def check(self, version_id: int) -> None:
        """Check one stored version and record the result; a failure is recorded as 无法读取 with its reason."""
        version = self.store.version_by_id(version_id)
        if version is None or version.state != CHECKING:
            return
        unit = self.store.unit(version.unit_id)
        assert unit is not None  # versions reference their unit
        task = Task(self.store.upload_path(version.sha256, version.suffix), unit.name, unit.category, unit.number, self.year)
        try:
            checked = run_limited(check_upload, task)
        except WorkFailed as exc:
            checked = Checked("无法读取", 0, 0, str(exc), [f"错误 {exc}"], [{"severity": "error", "message": str(exc)}], [])
        except Exception:  # never leave a version waiting forever
            reason = "检查该文件时出错，已放弃；请检查文件是否完好"
            checked = Checked("无法读取", 0, 0, reason, [f"错误 {reason}"], [{"severity": "error", "message": reason}], [])
        self.store.record_check(version_id, checked)
        self.store.log(unit.name, "检查", unit.id, f"版本 {version_id}：{checked.state}")
        with self.lock:
            self.finished.add(version_id)

    def done(self, version_id: int) -> bool:
        with self.lock:
            return version_id in self.finished

    async def wait(self, version_id: int, seconds: float) -> bool:
        """Whether the check finished within ``seconds`` (the request then answers with the findings at once)."""
        if self.todo.qsize() > self.threads:
            seconds = 0.0  # a queue this long does not empty within the wait: answer now, the page follows
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.done(version_id):
                return True
            await asyncio.sleep(POLL)
        return self.done(version_id)

    def drain(self) -> None:
        """Wait until every queued check is done (tests, and a clean stop)."""
        self.todo.join()


def version_json(version: Any) -> dict[str, Any]:
    from .store import result_of

    return {
        "version": version.id,
        "state": version.state,
        "errors": version.errors,
        "warnings": version.warnings,
        "findings": result_of(version).get("lines", []),
    }
