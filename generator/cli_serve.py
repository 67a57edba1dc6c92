"""``reportgen serve``: the browser door to a collection (options and messages only; the work is in generator.serve)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .cli import _fail, _run, app


@app.command()
def serve(
    roster: Annotated[Path, typer.Option("--roster", help="名单（.xlsx 或 .csv）")],
    year: Annotated[int, typer.Option("--year", help="报告年度")],
    data: Annotated[Path, typer.Option("--data", help="数据目录：数据库、上传的文件和 链接.xlsx")] = Path("reportgen-data"),
    db: Annotated[str | None, typer.Option("--db", help="PostgreSQL 数据库地址（默认使用数据目录中的 SQLite）")] = None,
    host: Annotated[str, typer.Option("--host", help="监听地址")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="端口")] = 8000,
    url: Annotated[str | None, typer.Option("--url", help="各单位访问本服务的地址，写入链接（默认 http://主机:端口）")] = None,
    previous: Annotated[Path | None, typer.Option("--from", help="上年汇总目录：下载的工作簿预填上年结转")] = None,
    workers: Annotated[int, typer.Option("--workers", min=1, help="服务进程数（单位很多时可设为 CPU 核数）")] = 1,
) -> None:
    """在浏览器中收取各单位的报告：各单位凭专属链接上传、查看问题并提交，主管部门在 /admin 审核。

    示例：reportgen serve --roster 名单.xlsx --year 2025
    """
    import importlib.util

    needed = ("fastapi", "uvicorn", "sqlalchemy", "alembic", "argon2", "multipart")  # the extra ``serve`` (pyproject.toml)
    missing = [name for name in needed if importlib.util.find_spec(name) is None]
    if missing:
        raise _fail(f'网上收集需要额外的组件（缺少 {"、".join(missing)}）：请在 reportgen 目录中运行 pip install ".[serve]"')
    from .serve.run import listen, prepare

    if previous is not None and not previous.is_dir():
        raise _fail(f"--from 应为上年汇总目录：{previous}")
    base = url or f"http://{host}:{port}"
    started = _run(lambda: prepare(roster, year, data, db, base, previous))
    typer.echo(f"数据库：{started.database}；各单位的链接已写入 {started.links}")
    if started.password:
        typer.echo(f"主管部门页面 {base}/admin 的初始密码（只显示这一次，请妥善保存）：{started.password}")
    typer.echo(f"✓ 正在 {base} 上服务 {year} 年度的收集（按 Ctrl-C 停止）")
    config = {
        "roster": str(roster),
        "year": year,
        "data": str(data),
        "db": db,
        "url": base,
        "previous": str(previous) if previous else None,
    }
    listen(started, host, port, workers, config)
