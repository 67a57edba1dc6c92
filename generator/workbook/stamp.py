"""Many blank workbooks that differ only in the agency (``template --roster``): built once, the name put in per copy."""

from __future__ import annotations

import io
import zipfile
from functools import lru_cache
from xml.sax.saxutils import escape

from ..outputs import epoch_time
from .sheet import clean_text

TOKEN = "REPORTGEN-AGENCY-5C1F9E"  # stands for the agency in the one workbook built
MAX_AGENCY = 1000


@lru_cache(maxsize=8)
def _blank(version: str, year: int, epoch: object) -> tuple[tuple[zipfile.ZipInfo, bytes], ...]:
    """The members of the workbook for ``version``/``year`` with :data:`TOKEN` as its agency (``epoch`` keys the cache
    on the document time, which the bytes carry)."""
    from .template import template_bytes

    data = template_bytes(version=version, year=year, agency=TOKEN)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return tuple((info, archive.read(info)) for info in archive.infolist())


def stampable(agency: str) -> bool:
    """Whether the agency goes into the XML as it is (no characters Excel drops, no edge or repeated white space)."""
    return (
        0 < len(agency) <= MAX_AGENCY
        and clean_text(agency) == agency
        and agency == agency.strip()
        and not any(c in agency for c in "\t\r\n")
        and "  " not in agency
        and TOKEN not in agency
    )


def stamped(version: str, year: int, agency: str) -> bytes | None:
    """The bytes ``template_bytes(version=…, year=…, agency=agency)`` gives, from the workbook built once; None when
    the agency is not :func:`stampable` (then the workbook is built for it alone)."""
    if not stampable(agency):
        return None
    token, name = TOKEN.encode(), escape(agency).encode("ascii", "xmlcharrefreplace")  # as the workbook writer spells it
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in _blank(version, year, epoch_time()):
            target.writestr(info, data.replace(token, name) if token in data else data)
    return out.getvalue()
