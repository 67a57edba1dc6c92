"""A whole folder of outputs built beside its target and swapped into place at the end: all of it, or nothing."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from .fileio import OutputError, os_error_message

MARK = ".reportgen-"  # staging and set-aside folders: .<target>.reportgen-<pid>-<random>


class Staging:
    """Outputs written under :attr:`folder` (a new hidden folder beside ``target``) and moved into ``target`` by
    :meth:`commit`, each top-level entry replacing the one of the same name. Leaving the block any other way, or a
    failure while moving, leaves ``target`` as it was and removes the staging folder. Folders left by a run that
    was killed are removed when the next run starts."""

    def __init__(self, target: Path) -> None:
        self.target = Path(os.path.abspath(target))
        self.parent = self.target.parent
        self.prefix = f".{self.target.name[:60]}{MARK}"
        self.folder = Path()
        self.committed = False

    def __enter__(self) -> Staging:
        for place in (self.parent, self.target):
            remove_stale(place, self.prefix)
        try:
            self.parent.mkdir(parents=True, exist_ok=True)
            self.folder = Path(tempfile.mkdtemp(prefix=f"{self.prefix}{os.getpid()}-", dir=self.parent))
        except OSError as exc:
            if not (exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS) and self.target.is_dir()):
                raise OutputError(os_error_message(exc, self.target)) from exc
            try:  # ``-o .`` under a folder that is not ours: the staging folder goes (hidden) inside the target
                self.folder = Path(tempfile.mkdtemp(prefix=f"{self.prefix}{os.getpid()}-", dir=self.target))
            except OSError as inner:
                raise OutputError(os_error_message(inner, self.target)) from inner
        return self

    def __exit__(self, *exc: object) -> None:
        from .parallel import release_stops

        _remove(self.folder)
        if self.committed:  # a Ctrl-C held since the swap began: the output is whole and in place, the run is done
            try:
                release_stops()
                _settle()
            except KeyboardInterrupt:
                pass

    def files(self) -> list[Path]:
        """Every file staged, as the path it will have in the target."""
        from .walk import files_under

        return [self.target / p.relative_to(self.folder) for p in files_under(self.folder)]

    def commit(self, *, replace: bool = True, owned: Sequence[str] = ()) -> list[Path]:
        """Move each staged entry into the target (an existing one is set aside and removed once all are in place;
        without ``replace`` existing entries are kept and the staged one dropped); entries named in ``owned`` that
        this run did not stage are removed too. Returns the files now in place."""
        from .parallel import hold_stops, release_stops

        aside = self.folder / f"{MARK}aside"
        moved: list[str] = []
        kept: list[str] = []
        staged_files = self.files()
        hold_stops()  # a Ctrl-C from here on waits: until the target is whole again, and the staging folder gone
        try:
            self.target.mkdir(parents=True, exist_ok=True)
            aside.mkdir()
            for name in owned:  # outputs of an earlier run that this run has nothing for
                if not os.path.lexists(self.folder / name) and os.path.lexists(self.target / name):
                    os.replace(self.target / name, aside / name)
            for name in sorted(os.listdir(self.folder)):
                if name == aside.name:
                    continue
                old = self.target / name
                if os.path.lexists(old):
                    if not replace:
                        kept.append(name)
                        continue
                    os.replace(old, aside / name)
                os.replace(self.folder / name, old)
                moved.append(name)
        except OSError as exc:
            self._undo(moved, aside)
            release_stops()
            raise OutputError(os_error_message(exc, self.target)) from exc
        self.committed = True
        return [p for p in staged_files if p.relative_to(self.target).parts[0] not in kept]

    def _undo(self, moved: list[str], aside: Path) -> None:
        for name in moved:
            with contextlib.suppress(OSError):
                os.replace(self.target / name, self.folder / name)
        for name in os.listdir(aside) if aside.is_dir() else []:
            with contextlib.suppress(OSError):
                os.replace(aside / name, self.target / name)


def _settle() -> None:
    """A call: Python runs a pending signal handler at the latest here."""


def _remove(folder: Path) -> None:
    if folder != Path() and folder.is_dir():
        shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def remove_stale(parent: Path, prefix: str) -> None:
    """Remove staging folders beside the target whose run is no longer alive (a run killed before it could clean up)."""
    with contextlib.suppress(OSError):
        for name in os.listdir(parent):
            if not name.startswith(prefix):
                continue
            pid = name[len(prefix) :].split("-")[0]
            if pid.isdigit() and (int(pid) == os.getpid() or not _alive(int(pid))):
                _remove(parent / name)


@contextlib.contextmanager
def staged(target: Path) -> Iterator[Staging]:
    """``with staged(folder) as stage:`` write under ``stage.folder``, then ``stage.commit()``."""
    with Staging(target) as stage:
        yield stage
