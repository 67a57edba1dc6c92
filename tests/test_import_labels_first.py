"""A table printed as all its row labels first (each possibly broken over lines), then its rows of numbers in the
same order (what PDF text extraction gives for some tables): each row gets its own numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.values import complete

from .test_import_broken_labels import read_table3_page, sample, table3_lines


@pytest.mark.parametrize("version", ["2019", "2021"])
@pytest.mark.parametrize("width", [100, 14])
def test_labels_then_numbers(tmp_path: Path, version: str, width: int) -> None:
    report = sample(version)
    labels: list[str] = []
    numbers: list[str] = []
    for line in table3_lines(report, 100):
        label, _, values = line.partition(" ")
        if values:
            numbers.append(values)
            labels += [label[i : i + width] for i in range(0, len(label), width)]
        else:
            labels.append(label)
    result = read_table3_page(tmp_path, report, [*labels, *numbers])
    assert result.report is not None
    want = complete(report)
    got = {k: v for k, v in result.report.cells.items() if k.startswith("applications.")}
    assert {k: (v, want[k]) for k, v in got.items() if want[k] != v} == {}  # nothing misplaced
    if width == 100:  # every label whole: each pairs with its line of numbers
        assert {k for k in want if k.startswith("applications.")} <= set(got)
