"""The ``reportgen`` command line: parses options, calls the pipeline, prints results."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    help="检查并生成政府信息公开工作年度报告。\n\n示例：reportgen build 年度报告.xlsx -o 输出",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

Inputs = Annotated[list[Path], typer.Argument(help="输入文件（.xlsx 或 .yaml），可以是多个文件或目录", show_default=False)]
Previous = Annotated[Path | None, typer.Option("--previous", help="上年的输入文件，用于跨年度核对")]
AsJson = Annotated[bool, typer.Option("--json", help="以 JSON 输出检查结果")]


def _fail(message: str) -> typer.Exit:
    typer.echo(f"错误：{message}", err=True)
    return typer.Exit(2)


def _print_outcome(outcome, *, as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps(outcome.as_json(), ensure_ascii=False, indent=2))
        return
    for fo in outcome.files:
        if fo.unreadable:
            typer.echo(f"错误：{fo.unreadable}", err=True)
            continue
        for finding in fo.findings:
            typer.echo(finding.line(), err=finding.severity == "error")
        n_err = sum(f.severity == "error" for f in fo.findings)
        n_warn = len(fo.findings) - n_err
        if n_err:
            typer.echo(f"✗ {fo.file}：{n_err} 个错误，{n_warn} 个警告", err=True)
        elif fo.written:
            typer.echo(f"✓ {fo.file}：{n_warn} 个警告，已生成 " + "、".join(fo.written))
        else:
            typer.echo(f"✓ {fo.file}：没有错误，{n_warn} 个警告")


def _run(action):
    from .errors import InputError

    try:
        return action()
    except InputError as exc:
        raise _fail(str(exc)) from None
    except KeyboardInterrupt:  # Ctrl-C: the workers are already stopped, and every output is whole or absent
        raise _fail("已中断") from None


@app.command()
def build(
    inputs: Inputs,
    output: Annotated[Path, typer.Option("-o", "--output", help="输出目录")] = Path("."),
    formats: Annotated[str, typer.Option("--format", "-f", help="输出格式，逗号分隔：txt,docx,html,pdf")] = "txt,docx,html",
    previous: Previous = None,
    reference_doc: Annotated[Path | None, typer.Option("--reference-doc", help="提供 Word 样式的 .docx 文件")] = None,
    timestamp: Annotated[str | None, typer.Option("--timestamp", help="固定文档属性中的时间（ISO 格式），便于重复生成相同文件")] = None,
    as_json: AsJson = False,
) -> None:
    """检查输入并生成报告（有错误的输入不生成任何文件）。

    示例：reportgen build 年度报告.xlsx -o 输出 --format docx,txt
    """
    from .pipeline import OUTPUT_FORMATS
    from .pipeline import build as run_build

    chosen = [f.strip().lower() for f in formats.split(",") if f.strip()]
    unknown = [f for f in chosen if f not in OUTPUT_FORMATS]
    if unknown or not chosen:
        raise _fail(f"不支持的输出格式“{'、'.join(unknown) or formats}”，可选：{','.join(OUTPUT_FORMATS)}")
    stamp = None
    if timestamp:
        try:
            stamp = dt.datetime.fromisoformat(timestamp)
        except ValueError:
            raise _fail(f"--timestamp 的值“{timestamp}”不是 ISO 日期时间，例如 2026-01-20T09:00:00") from None
    if reference_doc is not None and not reference_doc.is_file():
        raise _fail(f"找不到参考样式文件：{reference_doc}")
    outcome = _run(
        lambda: run_build(inputs, output, chosen, previous=previous, reference_doc=reference_doc, timestamp=stamp, progress=_progress)
    )
    _print_outcome(outcome, as_json=as_json)
    raise typer.Exit(outcome.exit_code)


@app.command()
def check(
    inputs: Annotated[list[Path], typer.Argument(help="输入文件（.xlsx、.yaml，或已发布报告 .txt/.docx/.html），可以是多个文件或目录")],
    previous: Previous = None,
    annotate: Annotated[bool, typer.Option("--annotate", help="为 .xlsx 输入另存一份标注了问题单元格的副本")] = False,
    as_json: AsJson = False,
    children: Annotated[
        bool, typer.Option("--children", help="第一个输入是本级汇总报告，其余输入（文件或目录）是下级报告：逐格核对本级是否等于下级之和")
    ] = False,
) -> None:
    """检查输入的全部勾稽关系，不生成报告。

    示例：reportgen check 年度报告.xlsx --annotate；reportgen check 本级.xlsx --children 各单位/
    """
    from .pipeline import check as run_check

    if children:
        from .collect.reconcile import check_children

        if len(inputs) < 2:
            raise _fail("--children 需要本级报告和至少一个下级报告，例如：reportgen check 本级.xlsx --children 各单位/")
        outcome = _run(lambda: check_children(inputs[0], inputs[1:], previous=previous, progress=_progress))
    else:
        outcome = _run(lambda: run_check(inputs, previous=previous, progress=_progress))
    _print_outcome(outcome, as_json=as_json)
    if annotate:
        from .workbook import annotate as write_annotated

        for fo in outcome.files:
            if fo.file.lower().endswith(".xlsx") and not fo.unreadable:
                copy = _run(lambda fo=fo: write_annotated(Path(fo.file), fo.findings))
                typer.echo(f"已写出标注副本：{copy}", err=as_json)
    raise typer.Exit(outcome.exit_code)


@app.command()
def export(
    inputs: Inputs,
    output: Annotated[Path, typer.Option("-o", "--output", help="输出文件：.csv 或 .xlsx")],
) -> None:
    """把多个报告的全部单元格导出到一个 CSV 或 Excel 文件（每个单元格一行，含合计）。

    示例：reportgen export 各单位/ -o 汇总.csv
    """
    from .export import write_export
    from .pipeline import check_reports

    if output.suffix.lower() not in (".csv", ".xlsx"):
        raise _fail(f"导出文件应为 .csv 或 .xlsx：{output}")
    outcome, reports = _run(lambda: check_reports(inputs, progress=_progress))
    if outcome.exit_code:
        _print_outcome(outcome, as_json=False)
        typer.echo("✗ 有输入存在错误，未导出", err=True)
        raise typer.Exit(outcome.exit_code)
    _run(lambda: write_export([r for r in reports if r is not None], output))
    typer.echo(f"✓ 已导出 {len(reports)} 份报告到 {output}")


@app.command()
def schema(
    version: Annotated[str | None, typer.Option("--format", help="只输出某个格式版本：2019 或 2021")] = None,
) -> None:
    """输出 YAML 输入文件的 JSON Schema（可用于编辑器自动补全与校验）。

    示例：reportgen schema > reportgen.schema.json
    """
    from .formats import FORMATS
    from .schema import json_schema

    if version is not None and version not in FORMATS:
        raise _fail(f"未知的格式版本“{version}”，可选：{'、'.join(FORMATS)}")
    typer.echo(json.dumps(json_schema(version), ensure_ascii=False, indent=2))


@app.command()
def template(
    output: Annotated[Path, typer.Option("-o", "--output", help="写出的 .xlsx 文件")] = Path("年度报告.xlsx"),
    year: Annotated[int | None, typer.Option("--year", help="报告年度（默认上一年）")] = None,
    version: Annotated[str | None, typer.Option("--format", help="格式版本：2019 或 2021（默认按年度）")] = None,
    agency: Annotated[str, typer.Option("--agency", help="机关名称")] = "",
    from_: Annotated[
        Path | None, typer.Option("--from", help="上年的输入文件（用 --roster 时为上年汇总目录），用于预填上年结转等数据")
    ] = None,
    roster: Annotated[
        Path | None, typer.Option("--roster", help="名单（.xlsx 或 .csv）：为名单中每个单位各生成一份模板，-o 为输出目录")
    ] = None,
) -> None:
    """生成供填写的 Excel 模板（带公式合计、勾稽检查和数据校验）。

    示例：reportgen template -o 2025年度报告.xlsx --year 2025 --agency 云溪县市场监督管理局；
    reportgen template --roster 名单.xlsx --year 2025 -o 下发/ --from 2024汇总/
    """
    from .formats import FORMATS, format_for_year
    from .pipeline import read_previous
    from .workbook import write_template

    year = year or dt.date.today().year - 1
    if version is not None and version not in FORMATS:
        raise _fail(f"未知的格式版本“{version}”，可选：{'、'.join(FORMATS)}")
    fmt = FORMATS[version] if version else format_for_year(year)
    if roster is not None:
        from .cli_collect import distribute_command

        distribute_command(roster, fmt, year, output, from_)
        return
    if output.exists():
        raise _fail(f"文件已存在，不会覆盖：{output}")
    previous = _run(lambda: read_previous(from_))
    _run(
        lambda: write_template(
            output, version=fmt.version, year=year, agency=agency or (previous.agency if previous else ""), previous=previous
        )
    )
    typer.echo(f"✓ 已生成模板 {output}（{year} 年度，{fmt.version} 版格式）")


@app.command("import")
def import_(
    report: Annotated[Path, typer.Argument(help="已发布的报告：.txt、.docx 或 .html")],
    output: Annotated[Path, typer.Option("-o", "--output", help="写出的 .yaml 或 .xlsx")],
) -> None:
    """把已发布的报告读回为 reportgen 的输入格式（YAML 或 Excel）。

    示例：reportgen import 2024年报告.html -o 2024.yaml
    """
    from .fileio import write_atomic
    from .readers.published import read_published

    if output.suffix.lower() not in (".yaml", ".yml", ".xlsx"):
        raise _fail(f"输出文件应为 .yaml 或 .xlsx：{output}")
    result = _run(lambda: read_published(report))
    for finding in result.findings:
        typer.echo(finding.line(), err=True)
    if result.report is None:
        raise _fail(f"{report}：未能识别出报告内容")
    imported = result.report
    if output.suffix.lower() == ".xlsx":
        from .workbook import write_template

        _run(lambda: write_template(output, version=imported.format, year=imported.year, agency=imported.agency, report=imported))
    else:
        from .readers.yaml_reader import dump_yaml

        write_atomic(output, dump_yaml(imported))
    typer.echo(f"✓ 已导入 {report} → {output}（{len(result.findings)} 条提示）")


def _progress(index: int, count: int, path: Path) -> None:
    """Show progress on stderr when there are many inputs."""
    if count > PROGRESS_FROM:
        typer.echo(f"[{index}/{count}] {path}", err=True)


PROGRESS_FROM = 5


from . import cli_collect  # noqa: E402, F401  (registers the collection commands on ``app``)


def main() -> None:
    """Console entry point."""
    app()
