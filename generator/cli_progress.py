"""Progress of long runs on stderr: a rich progress bar on a terminal, plain ``[i/N] file`` lines otherwise."""

from __future__ import annotations

import sys
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID

PROGRESS_FROM = 5  # a run of more inputs than this shows its progress


class RunProgress:
    """Which input a command is on (so that an interruption can say how many were finished), shown on stderr.

    Called as ``progress(index from 1, count, file)`` when each input's turn comes. Used as a context manager
    around the run: leaving it puts the bar away (full when the run finished, as far as it got when it stopped).
    ``console`` is where the bar is drawn; by default stderr, and only when stderr is a terminal.
    """

    def __init__(self, label: str = "处理", console: Console | None = None) -> None:
        self.index = 0
        self.count = 0
        self.label = label
        self.console = console
        self._bar: Progress | None = None
        self._task: TaskID | None = None

    def on_terminal(self) -> bool:
        return self.console is not None or sys.stderr.isatty()

    def __call__(self, index: int, count: int, path: Path | Any) -> None:
        self.index, self.count = index, count
        if count <= PROGRESS_FROM:
            return
        if not self.on_terminal():
            typer.echo(f"[{index}/{count}] {path}", err=True)
            return
        if self._bar is None:
            self._start(count)
        assert self._bar is not None and self._task is not None
        self._bar.update(self._task, completed=index - 1, total=count, file=str(Path(path).name if isinstance(path, Path) else path))
        self._bar.refresh()

    def _start(self, count: int) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        # no refresh thread: the bar is redrawn on each call, so worker processes are never forked beside a live thread
        self._bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.fields[file]}"),
            console=self.console or Console(stderr=True),
            auto_refresh=False,
        )
        self._task = self._bar.add_task(self.label, total=count, file="")
        self._bar.start()

    def __enter__(self) -> RunProgress:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self._bar is None or self._task is None:
            return
        if kind is None:
            self._bar.update(self._task, completed=self.count, file="")
        self._bar.refresh()
        self._bar.stop()
        self._bar = None
