"""The collection commands of ``reportgen`` (roster, collect, aggregate, draft, template --roster): parse, call, print."""

# Annotations are evaluated when the module loads (no ``from __future__ import annotations``): typer would
# otherwise evaluate every annotation string of every command again on each run.

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from .cli import AsJson, Overwrite, _fail, _plan, _run, _write, app
from .cli_progress import RunProgress

if TYPE_CHECKING:
    from .formats import Format

T = TypeVar("T")


def _whole(action: Callable[[], T]) -> T:
    """Run a command that writes its output folder all or nothing: an interruption says nothing was written."""
    try:
        return action()
    except KeyboardInterrupt:
        from .cli_zh import INTERRUPTED, nothing_written_line

        typer.echo(nothing_written_line(), err=True)
        raise typer.Exit(INTERRUPTED) from None


def distribute_command(
    roster_file: Path,
    fmt: "Format",
    year: int,
    out_dir: Path,
    from_dir: Path | None,
    *,
    overwrite: bool = False,
    allow_mismatch: bool = False,
) -> None:
    """``reportgen template --roster``: one workbook per roster unit."""
    from .collect.distribute import distribute
    from .collect.roster import read_roster

    if out_dir.exists() and not out_dir.is_dir():
        raise _fail(f"使用 --roster 时 -o 应为目录：{out_dir}")
    if from_dir is not None and not from_dir.is_dir():
        raise _fail(f"使用 --roster 时 --from 应为上年汇总目录：{from_dir}")
    roster = _run(lambda: read_roster(roster_file))
    progress = RunProgress("生成")
    result = _run(
        lambda: _whole(
            lambda: distribute(
                roster, fmt, year, out_dir, previous_dir=from_dir, overwrite=overwrite, allow_mismatch=allow_mismatch, progress=progress
            )
        ),
        progress,
    )
    for path in result.existing:
        typer.echo(f"已存在，未覆盖（要替换请加 --overwrite）：{path}")
    for path in result.replaced:
        typer.echo(f"已替换原有文件 {path}")
    if from_dir is not None and result.without_previous:
        typer.echo("未找到上年报告（上年结转未预填）：" + "、".join(result.without_previous), err=True)
    typer.echo(f"✓ 已为 {len(result.written)} 个单位生成模板到 {out_dir}（{year} 年度，{fmt.version} 版格式）")


@app.command("roster")
def roster_(
    output: Annotated[Path, typer.Option("-o", "--output", help="写出的名单 .xlsx 文件")] = Path("名单.xlsx"),
    overwrite: Overwrite = False,
) -> None:
    """生成空白的单位名单（名单.xlsx），供主管部门填写应报送年度报告的单位。

    示例：reportgen roster -o 名单.xlsx
    """
    from .collect.roster import write_roster_template

    if output.suffix.lower() != ".xlsx":
        raise _fail(f"名单文件应为 .xlsx：{output}")
    done = _run(lambda: _write(output, write_roster_template, [], overwrite))
    typer.echo(f"✓ 已生成名单 {output}：在“名单”工作表中每行填写一个单位{done}")


@app.command()
def collect(
    inbox: Annotated[Path, typer.Argument(help="收件箱目录：各单位报送的 .xlsx/.yaml（含子目录）")],
    roster: Annotated[Path, typer.Option("--roster", help="名单（.xlsx 或 .csv）")],
    output: Annotated[Path, typer.Option("-o", "--output", help="输出目录")],
    year: Annotated[int | None, typer.Option("--year", help="报告年度（默认为多数文件的年度）")] = None,
    build_: Annotated[bool, typer.Option("--build", help="同时为没有错误的单位生成报告和发布页面 index.html")] = False,
    previous: Annotated[Path | None, typer.Option("--previous", help="上年汇总目录，逐单位做跨年度核对")] = None,
    government: Annotated[
        str, typer.Option("--government", help="发布页面 index.html 上的政府名称（默认取名单中类别为“本级”的单位）")
    ] = "",
    as_json: AsJson = False,
) -> None:
    """收取各单位报送的报告：逐一检查，写出提交情况、退回件、数据和（可选）报告。

    示例：reportgen collect 收件箱/ --roster 名单.xlsx -o 汇总/ --build
    """
    from .collect.collect import collect as run_collect
    from .collect.roster import read_roster

    if previous is not None and not previous.is_dir():
        raise _fail(f"--previous 应为上年汇总目录：{previous}")
    names = _run(lambda: read_roster(roster))
    bar = RunProgress("读取")
    result = _run(
        lambda: _whole(
            lambda: run_collect(inbox, names, output, year=year, build=build_, previous_dir=previous, government=government, progress=bar)
        ),
        bar,
    )
    if as_json:
        typer.echo(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
        raise typer.Exit(result.exit_code)
    if not result.files:
        typer.echo(f"收件箱中没有找到任何 .xlsx/.yaml 文件：{inbox}", err=True)
    if result.own:
        typer.echo(f"提示：已跳过收件箱中 {len(result.own)} 个本工具以前写出的文件（提交情况、退回、已采用等），不作为报送文件", err=True)
    for path in result.superseded:
        typer.echo(f"提示：{path} 旁有同名 .xlsx 文件，已使用 .xlsx 文件", err=True)
    for entry in result.entries:
        if entry.state not in ("通过", "有警告"):
            typer.echo(f"{entry.state}：{entry.name}" + (f"（{entry.problems()}）" if entry.problems() else ""), err=True)
    how = "（按多数文件推定）" if result.year_inferred else ""
    typer.echo(f"{result.year or '—'} 年度{how}：{result.summary()}")
    if result.replaced:  # the output folder is collect's own: a new run replaces what the last one wrote there
        typer.echo(f"提示：已替换 {output} 中上次汇总写出的文件")
    typer.echo(f"✓ 已写出 {output}/提交情况.xlsx 等 {len(result.written)} 个文件")
    raise typer.Exit(result.exit_code)


@app.command("aggregate")
def aggregate_(
    inputs: Annotated[list[Path], typer.Argument(help="各单位的输入文件或目录")],
    agency: Annotated[str, typer.Option("--agency", help="汇总报告的机关名称，如 云溪县人民政府")],
    output: Annotated[Path, typer.Option("-o", "--output", help="写出的 .xlsx 或 .yaml")],
    category: Annotated[str | None, typer.Option("--category", help="只汇总这些类别的单位，逗号分隔（需要 --roster）")] = None,
    roster: Annotated[Path | None, typer.Option("--roster", help="名单：按类别选择单位，并核对名单中的单位都已纳入")] = None,
    allow_missing: Annotated[
        bool, typer.Option("--allow-missing", help="名单中有单位不在输入中时仍汇总其余单位，并在汇总来源中列为“未纳入”")
    ] = False,
    overwrite: Overwrite = False,
) -> None:
    """把各单位报告的数字逐格相加，得到本级报告的输入文件（附汇总来源）。

    输入可以是 collect 的输出目录（读取其中的 已采用/）。每个单位只能计入一次；给出 --roster 时，名单中（所选类别的）
    单位都必须在输入中，否则不汇总，除非加 --allow-missing。

    示例：reportgen aggregate 汇总/ --agency 云溪县人民政府 -o 本级.xlsx --category 部门,乡镇 --roster 名单.xlsx --allow-missing
    """
    from .collect.aggregate import aggregate, write_aggregate
    from .collect.roster import read_roster

    if output.suffix.lower() not in (".xlsx", ".yaml", ".yml"):
        raise _fail(f"输出文件应为 .xlsx 或 .yaml：{output}")
    if not agency.strip():
        raise _fail("--agency 不能为空")
    categories = [c.strip() for c in (category or "").split(",") if c.strip()]
    if categories and roster is None:
        raise _fail("--category 需要同时给出 --roster 名单")
    protected = [*inputs, *([roster] if roster is not None else [])]
    _run(lambda: _plan(output, protected, overwrite))
    names = _run(lambda: read_roster(roster)) if roster is not None else None
    if names is not None and names.findings:
        raise _fail("名单有错误，请先改正：" + "；".join(f.line() for f in names.findings))
    progress = RunProgress()
    result = _run(
        lambda: aggregate(inputs, agency.strip(), categories=categories, roster=names, allow_missing=allow_missing, progress=progress),
        progress,
    )
    for received in result.unreadable:
        typer.echo(f"错误：{received.path}：{received.unreadable}", err=True)
    for finding in result.findings:
        typer.echo(finding.line(), err=True)
    if result.report is None:
        typer.echo(
            "✗ 未汇总：" + ("有输入无法读取" if result.unreadable else "没有符合条件的输入" if not result.included else "以上输入有问题"),
            err=True,
        )
        raise typer.Exit(result.exit_code or 1)
    done = _run(lambda: _write(output, lambda tmp: write_aggregate(result, tmp, output.suffix), protected, overwrite))
    left = "、".join(unit.name for unit, _ in result.missing)
    count = f"已汇总 {len(result.included)} 份" + (f"，未纳入 {len(result.missing)} 个单位：{left}" if result.missing else "报告")
    typer.echo(f"✓ {count} → {output}（填写第一、五部分文字后可用 reportgen check 检查）{done}")


@app.command("draft")
def draft_(
    source: Annotated[Path, typer.Argument(help="输入文件（.xlsx 或 .yaml）")],
    output: Annotated[Path, typer.Option("-o", "--output", help="写出的 .xlsx 或 .yaml")],
    overwrite: Overwrite = False,
) -> None:
    """根据表格数据为第二、三、四部分起草常用表述（已填写的文字不会被改动）。

    示例：reportgen draft 本级.xlsx -o 本级-起草.xlsx
    """
    from .collect.draft import draft

    if output.suffix.lower() not in (".xlsx", ".yaml", ".yml"):
        raise _fail(f"输出文件应为 .xlsx 或 .yaml：{output}")
    _run(lambda: _plan(output, [source], overwrite))
    result = _run(lambda: draft(source, output, overwrite=overwrite))
    if result.written is None:
        for finding in result.findings:
            typer.echo(finding.line(), err=True)
        typer.echo(f"✗ {source} 有错误，未起草", err=True)
        raise typer.Exit(1)
    from .formats import FORMATS

    parts = FORMATS[result.report.format].parts if result.report else ()
    heading = {p.key: p.heading for p in parts}
    if result.kept:
        typer.echo("已有文字，未改动：" + "、".join(heading[k] for k in result.kept))
    typer.echo(
        f"✓ 已起草 {len(result.drafted)} 个部分 → {output}"
        + ("：" + "、".join(heading[k] for k in result.drafted) if result.drafted else "")
        + ("（已替换原有文件）" if result.replaced else "")
    )
