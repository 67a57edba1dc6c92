"""The data records: construction owns its lists and dicts, as pydantic models did, and dumps round-trip."""

from __future__ import annotations

from generator.findings import Finding, Source
from generator.report import Report, Value


def test_a_record_owns_the_lists_and_dicts_it_was_given() -> None:
    cells: dict[str, Value] = {"applications.new.total": 3}
    units = {"fees.amount": "元"}
    report = Report(agency="某局", year=2025, format="2021", cells=cells, units=units)
    cells["applications.new.total"] = 99
    units.clear()
    assert report.cells == {"applications.new.total": 3}
    assert report.units == {"fees.amount": "元"}
    expected = [1, 2]
    finding = Finding(code="X", severity="error", message="m", expected=expected)
    expected.append(3)
    assert finding.expected == [1, 2]


def test_scalar_records_dump_and_copy_as_before() -> None:
    source = Source(file="a.xlsx", sheet="表", ref="B3")
    assert source.model_dump(exclude_none=True) == {"file": "a.xlsx", "sheet": "表", "ref": "B3"}
    assert source.model_copy(update={"ref": "C4"}).ref == "C4" and source.ref == "B3"
