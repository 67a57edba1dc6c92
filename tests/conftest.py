"""Shared test setup: a pinned clock, the sample inputs, the published seed reports, and a CLI runner."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_inputs"
EXAMPLE = SAMPLES / "example-county-bureau-2021.yaml"
# outputs that carry a time (docx properties) use this instead of the clock
os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01T00:00:00Z


SEEDS_VARIABLE = "REPORTGEN_SEEDS"
SEEDS_BESIDE = ROOT.parent / "shared" / "seeds"  # where a checkout beside the published reports finds them
SEEDS_MISSING = f"published seed reports not found: set {SEEDS_VARIABLE} to their directory"
SeedFinder = Callable[[str], Path]


def seeds_dir() -> Path | None:
    """The directory of published seed reports: $REPORTGEN_SEEDS when set, else ../shared/seeds; None when absent."""
    configured = os.environ.get(SEEDS_VARIABLE)
    path = Path(configured) if configured else SEEDS_BESIDE
    return path if path.is_dir() else None


def sample_yamls() -> list[Path]:
    return sorted(SAMPLES.glob("*.yaml"))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def example() -> Path:
    return EXAMPLE


@pytest.fixture(scope="session")
def seeds() -> Path:
    """The seed directory; the test is skipped (reason naming REPORTGEN_SEEDS) when there is none."""
    path = seeds_dir()
    if path is None:
        pytest.skip(SEEDS_MISSING)
    return path


@pytest.fixture(scope="session")
def seed(seeds: Path) -> SeedFinder:
    """Finds seed report ``<number>_*.txt``; a seed directory without it fails the test rather than skipping it."""

    def find(number: str) -> Path:
        found = sorted(seeds.glob(f"{number}_*.txt"))
        assert found, f"{seeds} has no seed report {number}_*.txt"
        return found[0]

    return find
