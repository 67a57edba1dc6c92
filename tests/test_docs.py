"""The README stays in sync with the code: finding codes, commands, and the quick-start sample."""

from __future__ import annotations

import re

from generator.cli import app
from scripts.update_readme import updated

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_codes_table_is_current() -> None:
    assert updated(README) == README, "run: python scripts/update_readme.py"


def test_every_command_is_documented() -> None:
    names = [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands]
    assert names
    for name in names:
        assert f"`reportgen {name}" in README, name


def test_quick_start_is_two_commands_on_a_shipped_sample() -> None:
    block = re.search(r"## Quick start.*?```sh\n(.*?)```", README, re.S)
    assert block is not None
    commands = block.group(1).strip().splitlines()
    assert len(commands) == 2
    assert "reportgen build sample_inputs/" in commands[0]
    sample = re.search(r"reportgen build (\S+)", commands[0])
    assert sample is not None and (ROOT / sample.group(1)).is_file()
    assert commands[1].endswith("pytest")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").replace("--quiet ", "").splitlines()
    for part in commands[1].split(" && "):  # CI runs each part of the test command, linting between them
        assert any(line == part or line.startswith(part + " ") for line in ci), part
