"""Progress of long runs: a rich bar on stderr when it is a terminal, plain ``[i/N] file`` lines otherwise."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from generator.cli import app
from generator.cli_progress import PROGRESS_FROM, RunProgress

SAMPLE = Path(__file__).resolve().parents[1] / "sample_inputs" / "example-county-bureau-2021.yaml"
COUNT = PROGRESS_FROM + 1


def _inbox(folder: Path) -> Path:
    folder.mkdir()
    for i in range(COUNT):
        shutil.copy(SAMPLE, folder / f"单位{i}.yaml")
    return folder


def test_without_a_terminal_each_input_is_one_line(tmp_path: Path) -> None:
    inbox = _inbox(tmp_path / "in")
    result = CliRunner().invoke(app, ["check", str(inbox)])
    assert result.exit_code == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("[")]
    assert lines == [f"[{i}/{COUNT}] {inbox / f'单位{i - 1}.yaml'}" for i in range(1, COUNT + 1)]


def test_a_short_run_shows_no_progress(tmp_path: Path) -> None:
    out = io.StringIO()
    with RunProgress(console=Console(file=out, force_terminal=True, width=100)) as progress:
        for i in range(1, PROGRESS_FROM + 1):
            progress(i, PROGRESS_FROM, tmp_path / f"{i}.yaml")
    assert out.getvalue() == ""


def test_on_a_terminal_a_bar_fills_up(tmp_path: Path) -> None:
    out = io.StringIO()
    with RunProgress("检查", console=Console(file=out, force_terminal=True, width=100)) as progress:
        for i in range(1, COUNT + 1):
            progress(i, COUNT, tmp_path / f"{i}.yaml")
    drawn = out.getvalue()
    assert "检查" in drawn and "━" in drawn and f"{COUNT}/{COUNT}" in drawn
    assert "[1/" not in drawn
    assert (progress.index, progress.count) == (COUNT, COUNT)


def test_an_interrupted_run_leaves_the_bar_where_it_stopped(tmp_path: Path) -> None:
    out = io.StringIO()
    with pytest.raises(KeyboardInterrupt), RunProgress(console=Console(file=out, force_terminal=True, width=100)) as progress:
        for i in range(1, 4):
            progress(i, COUNT, tmp_path / f"{i}.yaml")
        raise KeyboardInterrupt
    assert f"2/{COUNT}" in out.getvalue() and f"{COUNT}/{COUNT}" not in out.getvalue()


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_the_command_line_draws_the_bar_on_a_real_terminal(tmp_path: Path) -> None:
    import pty

    inbox = _inbox(tmp_path / "in")
    leader, follower = pty.openpty()
    env = dict(os.environ, PYTHONIOENCODING="utf-8", COLUMNS="100", TERM="xterm")
    script = f"import sys; sys.argv = ['reportgen', 'check', {str(inbox)!r}]\nfrom generator.cli import app\napp()"
    with subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=follower, env=env) as proc:
        os.close(follower)
        stdout, _ = proc.communicate(timeout=120)
        drawn = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed with the process
                break
            if not chunk:
                break
            drawn += chunk
    os.close(leader)
    assert proc.returncode == 0, stdout
    text = drawn.decode("utf-8", "replace")
    assert f"{COUNT}/{COUNT}" in text and "━" in text
    assert "[1/" not in text
