"""Which roster unit a received file belongs to: by the agency written inside it, the file name only as a fallback."""

from __future__ import annotations

from dataclasses import dataclass

from ..codes.collect import COLLECT_BY_FILE_NAME, COLLECT_NEAR_MATCH
from ..findings import Finding, Source
from .inbox import Received
from .roster import Roster, Unit, normalise

NEAR = 0.6  # the shorter name keeps at least this share of the longer one's characters


@dataclass(frozen=True)
class Match:
    """The unit a file was matched to (None: not on the roster), and a warning when the match was not exact."""

    unit: Unit | None
    warning: Finding | None = None


class Matcher:
    """Matches names against one roster."""

    def __init__(self, roster: Roster):
        self.by_key = {normalise(u.name): u for u in roster.units}

    def exact(self, name: str) -> Unit | None:
        return self.by_key.get(normalise(name)) if name.strip() else None

    def near(self, name: str) -> Unit | None:
        """The one roster unit whose name differs from ``name`` only by left-out characters (简称, a dropped word)."""
        key = normalise(name)
        if not key:
            return None
        found = [k for k in self.by_key if k and _abbreviates(key, k)]
        return self.by_key[found[0]] if len(found) == 1 else None

    def by_file_name(self, stem: str) -> Unit | None:
        """The unit whose name the file name is, or contains (the longest such name)."""
        key = normalise(stem)
        if key in self.by_key:
            return self.by_key[key]
        inside = [k for k in self.by_key if k and k in key]
        return self.by_key[max(inside, key=len)] if inside else None

    def match(self, received: Received) -> Match:
        agency = received.report.agency if received.report is not None else ""
        source = Source(file=str(received.path))
        unit = self.exact(agency)
        if unit is not None:
            return Match(unit)
        unit = self.near(agency)
        if unit is not None:
            return Match(unit, COLLECT_NEAR_MATCH(source=source, agency=agency, unit=unit.name))
        unit = self.by_file_name(received.path.stem)
        if unit is None:
            return Match(None)
        if received.report is None:  # an unreadable file: the name is all there is
            return Match(unit)
        return Match(unit, COLLECT_BY_FILE_NAME(source=source, agency=agency or "（未填写）", unit=unit.name))


def _abbreviates(a: str, b: str) -> bool:
    """Whether the shorter of two names is the longer with some characters left out (in order)."""
    short, long = sorted((a, b), key=len)
    if len(short) < NEAR * len(long):
        return False
    chars = iter(long)
    return all(c in chars for c in short)
