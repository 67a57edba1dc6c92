"""The data records (pydantic models): construction owns its lists and dicts, dumps round-trip, fees are checked on construction."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError

from generator.findings import Finding, Source
from generator.report import InfoFees, Report, Value


def test_a_record_owns_the_lists_and_dicts_it_was_given() -> None:
    cells: dict[str, Value] = {"applications.new.total": 3}
    units = {"fees.amount": "元"}
    report = Report(agency="某局", year=2025, format="2021", cells=cells, units=units)
    cells["applications.new.total"] = 99
    units.clear()
    assert report.cells == {"applications.new.total": 3}
    assert report.units == {"fees.amount": "元"}


def test_scalar_records_dump_and_copy_as_before() -> None:
    source = Source(file="a.xlsx", sheet="表", ref="B3")
    assert source.model_dump(exclude_none=True) == {"file": "a.xlsx", "sheet": "表", "ref": "B3"}
    assert source.model_copy(update={"ref": "C4"}).ref == "C4" and source.ref == "B3"


def test_fees_are_checked_whenever_a_record_is_made() -> None:
    """One path: constructing and validating both check the fees and store the declared types."""
    assert InfoFees(notices=Decimal(3), notice_amount=2).model_dump() == {
        "notices": 3,
        "notice_amount": Decimal(2),
        "collected": Decimal(0),
    }
    for bad in ({"notices": -1}, {"notices": Decimal("1.5")}, {"collected": "abc"}, {"other": 1}):
        with pytest.raises(ValidationError):
            InfoFees.model_validate(bad)
        with pytest.raises(ValidationError):
            InfoFees(**bad)


def test_findings_dump_decimal_figures_as_plain_numbers() -> None:
    finding = Finding(code="X", severity="error", message="m", expected=Decimal("3"), actual=Decimal("2.5"), related=["a"])
    assert finding.related == ("a",)
    assert finding.model_dump(mode="json", include={"expected", "actual", "related"}) == {"expected": 3, "actual": 2.5, "related": ["a"]}


def test_work_per_declaration_is_done_once_per_object_and_arguments() -> None:
    """Declarations are told apart by identity, not by value: an equal copy is worked out afresh."""
    import copy

    from generator.formats import V2021
    from generator.formats.model import per_declaration

    calls: list[object] = []

    @per_declaration
    def tables(fmt: object, suffix: str) -> list[str]:
        calls.append((fmt, suffix))
        return [t.key + suffix for t in V2021.tables]

    first = tables(V2021, "!")
    assert tables(V2021, "!") is first and len(calls) == 1
    tables(V2021, "?")
    twin = copy.copy(V2021)
    assert tables(twin, "!") == first and tables(twin, "!") is not first
    assert len(calls) == 3
