"""The server's database (SQLite in the data folder, or PostgreSQL): its tables, engine, and migrations at start."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    DateTime,
    Engine,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
)

from ..errors import InputError

DATABASE_FILE = "reportgen.sqlite3"
metadata = MetaData()

units = Table(
    "units",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(400), nullable=False, unique=True),
    Column("category", String(200), nullable=False, default=""),
    Column("number", Integer, nullable=False, default=0),
    Column("token", String(100), unique=True),  # None: the link is revoked
    Column("status", String(20), nullable=False, default="open"),  # open, submitted, returned, accepted
    Column("message", Text, nullable=False, default=""),  # the office's message with a return
    Column("submitted_version", Integer),
    Column("updated_at", DateTime(timezone=True)),
)

versions = Table(
    "versions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("unit_id", Integer, ForeignKey("units.id"), nullable=False, index=True),
    Column("sha256", String(64), nullable=False),
    Column("suffix", String(10), nullable=False),
    Column("size", Integer, nullable=False),
    Column("client", String(100), nullable=False, default=""),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("state", String(20), nullable=False),
    Column("errors", Integer, nullable=False, default=0),
    Column("warnings", Integer, nullable=False, default=0),
    Column("result", Text, nullable=False, default="{}"),  # JSON: findings, lines, status row
    Column("explanations", Text),  # JSON: one line per warning, given on 提交
    Column("submitted_at", DateTime(timezone=True)),
)

audit = Table(
    "audit",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", String(400), nullable=False),
    Column("action", String(100), nullable=False),
    Column("unit_id", Integer),
    Column("detail", Text, nullable=False, default=""),
)

settings = Table(
    "settings",
    metadata,
    Column("key", String(100), primary_key=True),
    Column("value", Text, nullable=False),
)


def database_url(data: Path, url: str | None) -> str:
    """The database to use: ``url`` as given (PostgreSQL), else the SQLite file in the data folder."""
    if not url:
        return f"sqlite:///{(data / DATABASE_FILE).resolve()}"
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    if url.startswith(("postgresql+psycopg://", "sqlite://")):
        return url
    raise InputError("--db 应为 postgresql://用户:密码@主机/数据库 形式的地址")


def _sqlite_pragmas(connection: Any, record: object) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers never wait for the writer
    cursor.execute("PRAGMA synchronous=NORMAL")  # in WAL mode: a commit survives the server's crash or restart
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def open_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite waits for the writer instead of failing when many uploads arrive at once."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 60, "check_same_thread": False}, pool_size=20, max_overflow=40)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_size=10, max_overflow=30, pool_pre_ping=True)


def upgrade(engine: Engine) -> None:
    """Bring the database to the newest schema with the migrations shipped in this package."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
