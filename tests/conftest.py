"""Shared test setup: a pinned clock, the sample inputs, and a CLI runner."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_inputs"
EXAMPLE = SAMPLES / "example-county-bureau-2021.yaml"
# outputs that carry a time (docx properties) use this instead of the clock
os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01T00:00:00Z


def sample_yamls() -> list[Path]:
    return sorted(SAMPLES.glob("*.yaml"))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def example() -> Path:
    return EXAMPLE
