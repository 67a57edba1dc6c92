"""``reportgen serve`` without the extra ``serve`` installed: one Chinese line naming what is missing, exit 2."""

from __future__ import annotations

import importlib.util

import pytest
from typer.testing import CliRunner

from generator.cli import app

from .conftest import SAMPLES


def test_serve_without_its_components_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    found = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "fastapi" else found(name, *a))
    result = CliRunner().invoke(app, ["serve", "--roster", str(SAMPLES / "collection" / "名单.xlsx"), "--year", "2025"])
    assert result.exit_code == 2
    assert result.stderr == '错误：网上收集需要额外的组件（缺少 fastapi）：请在 reportgen 目录中运行 pip install ".[serve]"\n'
