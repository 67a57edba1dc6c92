"""What the server keeps: units and their links, every uploaded version (never deleted), reviews, and the audit log."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import secrets
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, select, update

from ..collect.roster import Roster
from ..fileio import write_atomic
from .db import audit, settings, units, versions

OPEN, SUBMITTED, RETURNED, ACCEPTED = "open", "submitted", "returned", "accepted"
REVIEW_STATES = {SUBMITTED: "待审核", RETURNED: "已退回", ACCEPTED: "已通过"}
MISSING = "未提交"
CHECKING = "检查中"
UPLOADS = "uploads"
RENDERED = "versions"


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def new_token() -> str:
    return secrets.token_urlsafe(24)


@dataclass
class Store:
    """The database and the data folder; files are named by their digest or the version's number, never by input."""

    engine: Engine
    data: Path
    write_lock: threading.Lock = field(default_factory=threading.Lock)

    @contextlib.contextmanager
    def begin(self) -> Iterator[Connection]:
        """A write transaction; on SQLite one at a time in this process (its own busy wait sleeps far too long)."""
        if self.engine.dialect.name != "sqlite":
            with self.engine.begin() as conn:
                yield conn
            return
        with self.write_lock, self.engine.begin() as conn:
            yield conn

    def upload_path(self, sha256: str, suffix: str) -> Path:
        return self.data / UPLOADS / f"{sha256}{suffix}"

    def version_folder(self, version_id: int) -> Path:
        return self.data / RENDERED / str(int(version_id))

    # ------------------------------------------------------------ settings

    def setting(self, key: str) -> str | None:
        with self.engine.connect() as conn:
            value: str | None = conn.execute(select(settings.c.value).where(settings.c.key == key)).scalar_one_or_none()
            return value

    def set_setting(self, key: str, value: str) -> None:
        with self.begin() as conn:
            done = conn.execute(update(settings).where(settings.c.key == key).values(value=value))
            if done.rowcount == 0:
                conn.execute(insert(settings).values(key=key, value=value))

    # ------------------------------------------------------------ units

    def sync_roster(self, roster: Roster) -> None:
        """Give every roster unit a row and a link (kept across restarts); units no longer listed keep their rows."""
        with self.begin() as conn:
            known = {row.name: row for row in conn.execute(select(units))}
            for number, unit in enumerate(roster.units, 1):
                row = known.get(unit.name)
                if row is None:
                    conn.execute(
                        insert(units).values(
                            name=unit.name,
                            category=unit.category,
                            number=number,
                            token=new_token(),
                            status=OPEN,
                            message="",
                            updated_at=now(),
                        )
                    )
                elif row.category != unit.category or row.number != number:
                    conn.execute(update(units).where(units.c.id == row.id).values(category=unit.category, number=number))

    def units(self, roster: Roster) -> list[Any]:
        """The roster's units in roster order."""
        names = [u.name for u in roster.units]
        with self.engine.connect() as conn:
            rows = {r.name: r for r in conn.execute(select(units).where(units.c.name.in_(names)))}
        return [rows[n] for n in names if n in rows]

    def unit_by_token(self, token: str) -> Any | None:
        if not token or len(token) > 100:
            return None
        with self.engine.connect() as conn:
            return conn.execute(select(units).where(units.c.token == token)).first()

    def unit(self, unit_id: int) -> Any | None:
        with self.engine.connect() as conn:
            return conn.execute(select(units).where(units.c.id == unit_id)).first()

    def set_token(self, unit_id: int, token: str | None) -> None:
        with self.begin() as conn:
            conn.execute(update(units).where(units.c.id == unit_id).values(token=token, updated_at=now()))

    def set_status(self, unit_id: int, status: str, *, message: str | None = None, submitted: int | None = None) -> None:
        values: dict[str, Any] = {"status": status, "updated_at": now()}
        if message is not None:
            values["message"] = message
        if submitted is not None:
            values["submitted_version"] = submitted
        with self.begin() as conn:
            conn.execute(update(units).where(units.c.id == unit_id).values(**values))

    # ------------------------------------------------------------ versions

    def keep_file(self, data: bytes, suffix: str) -> str:
        """Store the bytes under their digest (an identical upload is stored once) and return the digest."""
        digest = hashlib.sha256(data).hexdigest()
        target = self.upload_path(digest, suffix)
        if not target.exists():
            write_atomic(target, data)
        return digest

    def add_version(
        self, unit_id: int, digest: str, suffix: str, size: int, client: str, *, actor: str = "", withdraw: bool = False
    ) -> int:
        """Record a stored upload, to be checked (state 检查中), and log it; ``withdraw`` reopens a submitted unit."""
        with self.begin() as conn:
            result = conn.execute(
                insert(versions).values(
                    unit_id=unit_id,
                    sha256=digest,
                    suffix=suffix,
                    size=size,
                    client=client[:100],
                    created_at=now(),
                    state=CHECKING,
                    errors=0,
                    warnings=0,
                    result="{}",
                )
            )
            key = result.inserted_primary_key
            assert key is not None
            version_id = int(key[0])
            if withdraw:
                conn.execute(update(units).where(units.c.id == unit_id).values(status=OPEN, updated_at=now()))
            action = "重新上传（撤回提交）" if withdraw else "上传"
            conn.execute(insert(audit).values(at=now(), actor=actor[:400], action=action, unit_id=unit_id, detail=f"版本 {version_id}"))
            return version_id

    def record_check(self, version_id: int, checked: Any) -> None:
        values = {"state": checked.state, "errors": checked.errors, "warnings": checked.warnings}
        with self.begin() as conn:
            conn.execute(
                update(versions)
                .where(versions.c.id == version_id)
                .values(**values, result=json.dumps(checked.as_json(), ensure_ascii=False))
            )

    def unchecked(self) -> list[int]:
        with self.engine.connect() as conn:
            return [
                int(i) for i in conn.execute(select(versions.c.id).where(versions.c.state == CHECKING).order_by(versions.c.id)).scalars()
            ]

    def version_by_id(self, version_id: int) -> Any | None:
        with self.engine.connect() as conn:
            return conn.execute(select(versions).where(versions.c.id == version_id)).first()

    def versions(self, unit_id: int) -> list[Any]:
        """A unit's versions, newest first."""
        with self.engine.connect() as conn:
            return list(conn.execute(select(versions).where(versions.c.unit_id == unit_id).order_by(versions.c.id.desc())))

    def version(self, unit_id: int, version_id: int) -> Any | None:
        with self.engine.connect() as conn:
            return conn.execute(select(versions).where(versions.c.id == version_id, versions.c.unit_id == unit_id)).first()

    def latest(self) -> dict[int, Any]:
        """Each unit's newest version, by unit id."""
        newest = select(func.max(versions.c.id)).group_by(versions.c.unit_id).scalar_subquery()
        with self.engine.connect() as conn:
            return {r.unit_id: r for r in conn.execute(select(versions).where(versions.c.id.in_(newest)))}

    def by_ids(self, ids: list[int]) -> dict[int, Any]:
        if not ids:
            return {}
        with self.engine.connect() as conn:
            return {r.id: r for r in conn.execute(select(versions).where(versions.c.id.in_(ids)))}

    def submit(self, unit_id: int, version_id: int, explanations: list[str]) -> None:
        with self.begin() as conn:
            conn.execute(
                update(versions)
                .where(versions.c.id == version_id)
                .values(explanations=json.dumps(explanations, ensure_ascii=False), submitted_at=now())
            )
            conn.execute(
                update(units)
                .where(units.c.id == unit_id)
                .values(status=SUBMITTED, submitted_version=version_id, message="", updated_at=now())
            )

    # ------------------------------------------------------------ audit

    def log(self, actor: str, action: str, unit_id: int | None = None, detail: str = "") -> None:
        with self.begin() as conn:
            conn.execute(insert(audit).values(at=now(), actor=actor[:400], action=action, unit_id=unit_id, detail=detail))

    def audit_log(self, limit: int = 500) -> list[Any]:
        with self.engine.connect() as conn:
            return list(conn.execute(select(audit).order_by(audit.c.id.desc()).limit(limit)))


def result_of(version: Any) -> dict[str, Any]:
    """The stored check result of a version (findings, lines, status row)."""
    loaded: dict[str, Any] = json.loads(version.result or "{}")
    return loaded


def explanations_of(version: Any) -> list[str]:
    return list(json.loads(version.explanations)) if version.explanations else []


def shown_state(unit: Any, latest: Any | None) -> str:
    """The state in 提交情况: the review state once submitted, else the newest upload's collect state."""
    if unit.status in REVIEW_STATES:
        return REVIEW_STATES[unit.status]
    return latest.state if latest is not None else MISSING
