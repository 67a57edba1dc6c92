"""Every file under a folder, walked without recursion (any depth) and never leaving it through a link."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import InputError
from .fileio import os_error_message


def files_under(folder: Path) -> list[Path]:
    """The regular files under ``folder`` (hidden ones included: callers decide), sorted by path.

    A link is followed only when what it points to lies inside ``folder``; a folder reached twice (a link loop) is
    walked once. A folder that cannot be listed raises InputError naming it.
    """
    root = os.path.realpath(folder)
    seen: set[tuple[int, int]] = set()
    found: list[Path] = []
    stack = [os.fspath(folder)]
    while stack:
        current = stack.pop()
        try:
            status = os.stat(current)
            if (status.st_dev, status.st_ino) in seen:
                continue
            seen.add((status.st_dev, status.st_ino))
            with os.scandir(current) as listing:
                entries = list(listing)
        except OSError as exc:
            raise InputError(f"无法读取目录：{os_error_message(exc, '').lstrip('：')}", current) from exc
        for entry in entries:
            try:
                if entry.is_symlink() and not _inside(os.path.realpath(entry.path), root):
                    continue
                mode = os.stat(entry.path).st_mode
            except OSError:
                continue  # vanished, or a broken link: nothing to read
            if stat.S_ISDIR(mode):
                stack.append(entry.path)
            elif stat.S_ISREG(mode):
                found.append(Path(entry.path))
    return sorted(found)


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)
