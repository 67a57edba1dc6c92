"""The data records: construction owns its lists and dicts, as pydantic models did, and dumps round-trip."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from generator.findings import Finding, Source
from generator.report import InfoFees, Report, Value, plain_fees


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


_FEE_VALUES = st.one_of(
    st.integers(-5, 10**6),
    st.decimals(min_value=-5, max_value=10**6, places=2, allow_nan=False, allow_infinity=False),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.text(max_size=3),
)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])  # the first example loads pydantic
@given(st.dictionaries(st.sampled_from(["notices", "notice_amount", "collected", "other"]), _FEE_VALUES, max_size=4))
def test_fees_accepted_without_validation_are_those_validation_accepts_unchanged(data: dict[str, object]) -> None:
    """``plain_fees`` skips pydantic only for values pydantic would accept, and gives the same record."""
    plain = plain_fees(data)
    try:
        validated = InfoFees.model_validate(data)
    except ValidationError:
        assert plain is None
        return
    assert plain is None or plain == validated


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
