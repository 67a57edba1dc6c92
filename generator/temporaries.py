"""Temporary output files: how they are named, and removing those a killed worker could not remove itself."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from pathlib import Path


def temporary_prefix(target: Path, pid: int | None = None) -> str:
    """How a temporary file for ``target`` starts: hidden, the target's name, and the process writing it."""
    return f".{target.name[:80]}.{os.getpid() if pid is None else pid}."


def remove_orphaned_temporaries(targets: Iterable[Path]) -> None:
    """Remove temporary files for ``targets`` whose writing process is gone (a worker killed before it could clean up);
    a live process's files (another run writing into the same folder) are left alone."""
    by_folder: dict[Path, list[str]] = {}
    for target in targets:
        by_folder.setdefault(target.parent, []).append(f".{target.name[:80]}.")
    for folder, starts in by_folder.items():
        try:
            names = [e.name for e in os.scandir(folder) if e.name.startswith(".") and e.name.endswith(".tmp")]
        except OSError:
            continue
        for name in names:
            start = next((s for s in starts if name.startswith(s)), None)
            pid = name[len(start) :].split(".", 1)[0] if start else ""
            if pid.isdigit() and not _alive(int(pid)):
                with contextlib.suppress(OSError):
                    (folder / name).unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: alive
        return True
    return True
