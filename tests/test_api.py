"""The public API: ``from generator import …`` works, loads lazily, and the renderers are registered by output name."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import generator
from generator import FORMATS, Finding, Report, build, check, read, render
from generator.render import RENDERERS

SAMPLES = Path(__file__).resolve().parents[1] / "sample_inputs"


def test_every_public_name_is_importable() -> None:
    assert set(generator.__all__) >= {"read", "check", "build", "render", "Report", "Finding", "FORMATS"}
    assert all(getattr(generator, name) is not None for name in generator.__all__)
    assert callable(read) and callable(check) and callable(build) and callable(render)
    assert issubclass(Report, object) and issubclass(Finding, object) and sorted(FORMATS) == ["2019", "2021"]


def test_importing_the_package_loads_no_reader_or_renderer() -> None:
    code = "import sys, generator; print(sorted(m for m in sys.modules if m.startswith('generator.')))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"


def test_check_returns_the_reports_it_read() -> None:
    inputs = sorted(SAMPLES.glob("*.yaml"))
    outcome = check(inputs)
    assert len(outcome.reports) == len(inputs) > 0
    assert [r.agency for r in outcome.reports] == [read(p).report.agency for p in inputs]  # type: ignore[union-attr]
    assert "report" not in outcome.as_json()["files"][0]


def test_renderers_share_one_signature_and_cover_every_output(tmp_path: Path) -> None:
    assert set(RENDERERS) == {"txt", "docx", "html", "pdf"}
    report = read(sorted(SAMPLES.glob("*.yaml"))[0]).report
    assert report is not None
    written = render(report, tmp_path, "out", ["txt", "html"])
    assert [p.name for p in written] == ["out.txt", "out.html"]
    assert report.agency in written[0].read_text(encoding="utf-8")
