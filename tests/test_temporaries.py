"""Temporary files a killed worker left beside the outputs are removed; a live process's (another run's) are not."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from generator.temporaries import remove_orphaned_temporaries, temporary_prefix


def test_only_the_temporaries_of_a_process_that_is_gone_are_removed(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True)
    target = tmp_path / "报告.docx"
    orphan = tmp_path / f"{temporary_prefix(target, int(dead.stdout))}abc.tmp"
    mine = tmp_path / f"{temporary_prefix(target)}def.tmp"
    other = tmp_path / f"{temporary_prefix(tmp_path / '别的.docx', int(dead.stdout))}ghi.tmp"  # not a target of this run
    for path in (orphan, mine, other):
        path.write_bytes(b"partial")
    remove_orphaned_temporaries([target, tmp_path / "报告.txt"])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([mine.name, other.name])
