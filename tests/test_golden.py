"""Golden files: every sample input rendered as txt and html must equal tests/golden/<stem>.<ext> byte for byte.

Regenerate after an intended change with ``REPORTGEN_REGENERATE=1 pytest tests/test_golden.py`` and review
the diff. Inputs named ``*-as-published.yaml`` are rendered too: rendering does not validate, and their golden
files show how the uncorrected report prints.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.readers.yaml_reader import read_yaml
from generator.render.html import render_html
from generator.render.text import render_text
from generator.report import Report

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "sample_inputs").glob("*.yaml"))
GOLDEN = Path(__file__).resolve().parent / "golden"
REGENERATE = os.environ.get("REPORTGEN_REGENERATE") == "1"
RENDERERS: dict[str, Callable[[Report], str]] = {"txt": render_text, "html": render_html}


def read_sample(path: Path) -> Report:
    result = read_yaml(path)
    if result.report is None:
        messages = "\n".join(f"  {f.code} {f.message}" for f in result.findings)
        pytest.fail(f"{path.name} 无法读取：\n{messages}", pytrace=False)
    return result.report


@pytest.mark.parametrize("kind", sorted(RENDERERS))
@pytest.mark.parametrize("sample", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_rendering_equals_golden_file(sample: Path, kind: str) -> None:
    rendered = RENDERERS[kind](read_sample(sample))
    golden = GOLDEN / f"{sample.stem}.{kind}"
    if REGENERATE:
        GOLDEN.mkdir(exist_ok=True)
        golden.write_bytes(rendered.encode("utf-8"))
        pytest.skip(f"regenerated {golden.relative_to(ROOT)}")
    if not golden.exists():
        pytest.fail(f"{golden.relative_to(ROOT)} is missing: run REPORTGEN_REGENERATE=1 pytest tests/test_golden.py", pytrace=False)
    expected = golden.read_bytes().decode("utf-8")
    if rendered != expected:
        diff = difflib.unified_diff(
            expected.splitlines(keepends=True),
            rendered.splitlines(keepends=True),
            fromfile=f"golden/{golden.name}",
            tofile=f"rendered from {sample.name}",
        )
        pytest.fail("".join(diff) + "\n(if the change is intended: REPORTGEN_REGENERATE=1 pytest tests/test_golden.py)", pytrace=False)


def test_every_golden_file_belongs_to_a_sample() -> None:
    stems = {p.stem for p in SAMPLES}
    stale = sorted(p.name for p in GOLDEN.glob("*") if p.stem not in stems or p.suffix.lstrip(".") not in RENDERERS)
    assert not stale, f"golden files without a sample input: {stale}"


def test_there_are_samples_of_both_formats() -> None:
    versions = {read_sample(p).format for p in SAMPLES}
    assert {"2019", "2021"} <= versions
