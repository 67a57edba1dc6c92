"""Shared setup of the ``serve`` tests: a prepared server on SQLite or a fresh PostgreSQL database, and sample uploads."""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import SAMPLES

COLLECTION = SAMPLES / "collection"
ROSTER = COLLECTION / "名单.xlsx"
INBOX = COLLECTION / "收件箱"
PASSWORD = "办公室-test-pw"
PG_VARIABLE = "REPORTGEN_TEST_PG"
PG_MISSING = f"PostgreSQL tests need a server: set {PG_VARIABLE} (.ci/run starts one with .ci/postgres)"
BACKENDS = ["sqlite", "postgresql"]


def database(backend: str) -> Iterator[str | None]:
    """None for SQLite in the data folder; for PostgreSQL a fresh database, dropped afterwards."""
    if backend == "sqlite":
        yield None
        return
    base = os.environ.get(PG_VARIABLE)
    if not base:
        pytest.skip(PG_MISSING)
    import psycopg

    name = "rg_" + uuid.uuid4().hex[:12]
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield base.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def erroneous(tmp: Path) -> Path:
    """桃源乡's workbook with one broken sum: 三、依申请公开!D30 three too high (one error, two warnings)."""
    from openpyxl import load_workbook

    workbook = load_workbook(INBOX / "桃源乡人民政府.xlsx")
    sheet = workbook["三、依申请公开"]
    sheet["D30"] = (sheet["D30"].value or 0) + 3
    target = tmp / "error.xlsx"
    workbook.save(target)
    return target


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "the page has no form token"
    return found.group(1)
