"""Starting the server: read the roster (a bad one stops here), migrate the database, write the links, listen."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError


@dataclass
class Started:
    """A prepared server, and the office password when it was generated now (printed once, never stored)."""

    server: object
    links: Path
    password: str | None
    database: str


def prepare(roster_file: Path, year: int, data: Path, db: str | None, base_url: str, previous_dir: Path | None = None) -> Started:
    """Everything before listening; raises InputError (one Chinese line) on a bad roster, folder or database."""
    from sqlalchemy.exc import SQLAlchemyError

    from ..collect.distribute import last_year_reports
    from ..collect.roster import read_roster
    from ..fileio import os_error_message
    from .app import Server, Settings
    from .db import database_url, open_engine, upgrade
    from .links import write_links
    from .security import SECRET_KEY, Signer, prepare_secrets
    from .store import Store

    roster = read_roster(roster_file)
    if roster.findings:
        raise InputError("名单有错误，请先改正：" + "；".join(f.line() for f in roster.findings), roster.file)
    if not roster.units:
        raise InputError("名单中没有任何单位", roster.file)
    try:
        data.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(os_error_message(exc, data)) from exc
    url = database_url(data, db)
    try:
        engine = open_engine(url)
        upgrade(engine)
        store = Store(engine, data)
        store.sync_roster(roster)
        password = prepare_secrets(store)
        secret = store.setting(SECRET_KEY) or ""
        links = write_links(store.units(roster), base_url, data)
    except SQLAlchemyError as exc:
        raise InputError(
            f"无法打开数据库：{type(exc.orig if hasattr(exc, 'orig') else exc).__name__}，请检查 --db 地址、用户名和密码"
        ) from exc
    previous = last_year_reports(previous_dir) if previous_dir is not None else {}
    from ..parallel import worker_count
    from .checks import Checker

    settings = Settings(roster, year, data, base_url.rstrip("/"), previous)
    srv = Server(settings, store, Signer(secret), Checker(store, year, worker_count()))
    return Started(srv, links, password, "PostgreSQL" if url.startswith("postgresql") else "SQLite")


CONFIG_ENV = "REPORTGEN_SERVE_CONFIG"  # what each worker process prepares itself from (set by ``listen``)


def listen(started: Started, host: str, port: int, workers: int = 1, config: dict[str, object] | None = None) -> None:
    """Serve until interrupted; with several ``workers``, each process prepares itself again from ``config``."""
    import json
    import os

    import uvicorn

    from .app import Server, create_app

    assert isinstance(started.server, Server)
    if workers <= 1 or config is None:
        uvicorn.run(create_app(started.server), host=host, port=port, log_level="warning", proxy_headers=True)
        return
    os.environ[CONFIG_ENV] = json.dumps(config)
    target = "generator.serve.run:app_from_environment"
    uvicorn.run(target, factory=True, host=host, port=port, workers=workers, log_level="warning", proxy_headers=True)


def app_from_environment() -> object:
    """The application of one worker process, prepared from ``$REPORTGEN_SERVE_CONFIG`` (idempotent: the first
    ``prepare`` already migrated the database, made the links and the password)."""
    import json
    import os

    from .app import Server, create_app

    config = json.loads(os.environ[CONFIG_ENV])
    previous = Path(config["previous"]) if config.get("previous") else None
    started = prepare(Path(config["roster"]), int(config["year"]), Path(config["data"]), config.get("db"), str(config["url"]), previous)
    assert isinstance(started.server, Server)
    return create_app(started.server)
