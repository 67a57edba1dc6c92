"""A deterministic zip writer: fixed entry times and attributes, and the compressed bytes of unchanged parts reused."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable

DOS_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01, the earliest time a zip entry can hold
DOS_TIME = 0
VERSION = 20
MADE_BY = (3 << 8) | VERSION  # Unix, so that the external attributes are file modes
FILE_MODE = 0o644 << 16
CACHE_LIMIT = 512
_compressed: dict[bytes, tuple[int, bytes]] = {}


def compress(data: bytes, reuse: bool) -> tuple[int, bytes]:
    """CRC-32 and raw deflate of ``data``; parts marked ``reuse`` (the same in every report) are compressed once."""
    if reuse:
        hit = _compressed.get(data)
        if hit is not None:
            return hit
    # parts compressed once get the best ratio; a report's own parts the fastest level (its markup repeats a lot)
    packer = zlib.compressobj(9 if reuse else 1, zlib.DEFLATED, -15)
    result = (zlib.crc32(data), packer.compress(data) + packer.flush())
    if reuse:
        if len(_compressed) >= CACHE_LIMIT:
            _compressed.clear()
        _compressed[data] = result
    return result


def zip_bytes(entries: Iterable[tuple[str, bytes, bool]]) -> bytes:
    """A zip archive of ``(name, data, reuse)`` entries in the order given."""
    local: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    count = 0
    for name, data, reuse in entries:
        crc, packed = compress(data, reuse)
        encoded = name.encode("utf-8")
        flags = 0 if encoded.isascii() else 0x800
        fields = (VERSION, flags, 8, DOS_TIME, DOS_DATE, crc, len(packed), len(data), len(encoded))
        header = struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields, 0) + encoded
        local.append(header)
        local.append(packed)
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, MADE_BY, *fields, 0, 0, 0, 0, FILE_MODE, offset) + encoded)
        offset += len(header) + len(packed)
        count += 1
    directory = b"".join(central)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(directory), offset, 0)
    return b"".join(local) + directory + end
