"""The ``reportgen`` command line: parses options, calls the pipeline, prints results."""

# Annotations are evaluated when the module loads (no ``from __future__ import annotations``): typer would
# otherwise evaluate every annotation string of every command again on each run.

import contextlib
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from .cli_progress import RunProgress
from .cli_zh import INTERRUPTED, ChineseGroup, ChineseTyper, interrupted_line

if TYPE_CHECKING:
    from .pipeline import Outcome

T = TypeVar("T")

app = ChineseTyper(
    cls=ChineseGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="检查并生成政府信息公开工作年度报告。\n\n示例：reportgen build 年度报告.xlsx -o 输出",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

Inputs = Annotated[list[Path], typer.Argument(help="输入文件（.xlsx 或 .yaml），可以是多个文件或目录", show_default=False)]
Previous = Annotated[Path | None, typer.Option("--previous", help="上年的输入文件，用于跨年度核对")]
AsJson = Annotated[bool, typer.Option("--json", help="以 JSON 输出检查结果")]
Overwrite = Annotated[bool, typer.Option("--overwrite", help="输出文件已存在时替换它（默认不覆盖，报错退出）")]


def _fail(message: str) -> typer.Exit:
    typer.echo(f"错误：{message}", err=True)
    return typer.Exit(2)


def _print_outcome(outcome: "Outcome", *, as_json: bool, brief: "set[str] | None" = None) -> None:
    """Findings and per-file results go to stdout, in order; stderr is only for what stopped a file or the run. The files
    in ``brief`` get their result line only, not their findings."""
    if as_json:
        typer.echo(json.dumps(outcome.as_json(), ensure_ascii=False, indent=2))
        return
    for line in outcome.skipped:
        typer.echo(f"提示：{line}")
    for fo in outcome.files:
        if fo.unreadable:
            typer.echo(f"错误：{fo.unreadable}", err=True)
            continue
        for finding in fo.findings if fo.file not in (brief or set()) else ():
            typer.echo(finding.line())
        for note in fo.notes:
            typer.echo(f"提示：{fo.file}：{note}")
        n_err = sum(f.severity == "error" for f in fo.findings)
        n_warn = len(fo.findings) - n_err
        if n_err:
            typer.echo(f"✗ {fo.file}：{n_err} 个错误，{n_warn} 个警告")
        elif fo.written:
            typer.echo(f"✓ {fo.file}：{n_warn} 个警告，已生成 " + "、".join(fo.written))
        else:
            typer.echo(f"✓ {fo.file}：没有错误，{n_warn} 个警告")


def _run(action: Callable[[], T], progress: RunProgress | None = None) -> T:
    from .errors import InputError
    from .parallel import tallied

    with tallied() as tally:  # the inputs that finished, counted as their results arrive, in any order
        try:
            with progress or contextlib.nullcontext():
                return action()
        except InputError as exc:
            raise _fail(str(exc)) from None
        except KeyboardInterrupt:
            if tally.count:
                done, count = tally.finished, tally.count
            else:  # a command that runs its inputs one by one itself
                done, count = (max(progress.index - 1, 0), progress.count) if progress else (0, 0)
            typer.echo(interrupted_line(done, count), err=True)
            raise typer.Exit(INTERRUPTED) from None


@app.command()
def build(
    inputs: Inputs,
    output: Annotated[Path, typer.Option("-o", "--output", help="输出目录")] = Path("."),
    formats: Annotated[str, typer.Option("--format", "-f", help="输出格式，逗号分隔：txt,docx,html,pdf")] = "txt,docx,html",
    previous: Previous = None,
    reference_doc: Annotated[Path | None, typer.Option("--reference-doc", help="提供 Word 样式的 .docx 文件")] = None,
    timestamp: Annotated[str | None, typer.Option("--timestamp", help="固定文档属性中的时间（ISO 格式），便于重复生成相同文件")] = None,
    as_json: AsJson = False,
    overwrite: Overwrite = False,
) -> None:
    """检查输入并生成报告（有错误的输入不生成任何文件；每个输入的各格式要么全部生成，要么都不生成）。

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
    progress = RunProgress()
    outcome = _run(
        lambda: run_build(
            inputs, output, chosen, previous=previous, reference_doc=reference_doc, timestamp=stamp, progress=progress, overwrite=overwrite
        ),
        progress,
    )
    _print_outcome(outcome, as_json=as_json)
    raise typer.Exit(outcome.exit_code)


@app.command()
def check(
    inputs: Annotated[
        list[Path], typer.Argument(help="输入文件（.xlsx、.yaml，或已发布报告 .txt/.docx/.html/.pdf），可以是多个文件或文件夹")
    ],
    previous: Previous = None,
    annotate: Annotated[bool, typer.Option("--annotate", help="为 .xlsx 输入另存一份标注了问题单元格的副本")] = False,
    as_json: AsJson = False,
    children: Annotated[
        bool, typer.Option("--children", help="第一个输入是本级汇总报告，其余输入（文件或目录）是下级报告：逐格核对本级是否等于下级之和")
    ] = False,
    show_children: Annotated[bool, typer.Option("--show-children", help="与 --children 同用：也逐条列出下级报告自身的问题")] = False,
    overwrite: Overwrite = False,
) -> None:
    """检查输入的全部勾稽关系，不生成报告。

    示例：reportgen check 年度报告.xlsx --annotate；reportgen check 本级.xlsx --children 各单位/
    """
    from .pipeline import check as run_check

    progress = RunProgress()
    if children:
        from .collect.reconcile import check_children

        if len(inputs) < 2:
            raise _fail("--children 需要本级报告和至少一个下级报告，例如：reportgen check 本级.xlsx --children 各单位/")
        outcome = _run(lambda: check_children(inputs[0], inputs[1:], previous=previous, progress=progress), progress)
        _print_outcome(outcome, as_json=as_json, brief=None if show_children else {fo.file for fo in outcome.files[1:]})
        if not as_json:
            _print_reconciled(outcome)
    else:
        outcome = _run(lambda: run_check(inputs, previous=previous, progress=progress), progress)
        _print_outcome(outcome, as_json=as_json)
    code = outcome.exit_code
    if annotate:
        code = max(code, _annotate(outcome, previous, overwrite=overwrite, quiet=as_json))
    raise typer.Exit(code)


def _print_reconciled(outcome: "Outcome") -> None:
    """The closing line of ``check --children``: whether every cell of the 本级 report is its children's sum."""
    from .codes.collect import AGGREGATE_DUPLICATE, CHILDREN_MISMATCH, CHILDREN_SUM

    parent, children = outcome.files[0], outcome.files[1:]
    differ = sum(f.code == CHILDREN_SUM.id for f in parent.findings)
    stopped = any(f.code in (AGGREGATE_DUPLICATE.id, CHILDREN_MISMATCH.id) for f in parent.findings)
    if parent.unreadable or any(fo.unreadable for fo in children) or stopped:
        typer.echo("✗ 未能核对本级与下级之和（见上）")
    elif differ:
        typer.echo(f"✗ 本级报告有 {differ} 处不等于 {len(children)} 个下级报告之和")
    else:
        typer.echo(f"✓ 本级报告的每一格都等于 {len(children)} 个下级报告之和")


def _annotate(outcome: "Outcome", previous: Path | None, *, overwrite: bool, quiet: bool) -> int:
    """Write each .xlsx input's annotated copy; say why other inputs get none. Returns 2 if one could not be written."""
    from .errors import InputError
    from .pipeline import read_input
    from .workbook import annotate as write_annotated
    from .workbook.annotate import annotated_path, is_annotated_copy

    inputs = [Path(fo.file) for fo in outcome.files] + ([previous] if previous else [])
    code = 0
    for fo in outcome.files:
        path = Path(fo.file)
        if fo.unreadable:
            continue
        if path.suffix.lower() != ".xlsx":
            typer.echo(f"提示：{fo.file} 不是 Excel 工作簿（.xlsx），--annotate 只为 .xlsx 输入生成标注副本，未写出", err=quiet)
            continue
        try:
            sources = read_input(path).sources
            ours = is_annotated_copy(annotated_path(path))  # our own copy of an earlier check is replaced without asking
            copy = write_annotated(path, fo.findings, sources=sources, inputs=inputs, overwrite=overwrite or ours)
        except InputError as exc:
            typer.echo(f"错误：{exc}", err=True)
            code = 2
            continue
        typer.echo(f"{'已替换上次的标注副本' if ours else '已写出标注副本'}：{copy}", err=quiet)
    return code


@app.command()
def export(
    inputs: Inputs,
    output: Annotated[Path, typer.Option("-o", "--output", help="输出文件：.csv 或 .xlsx")],
    overwrite: Overwrite = False,
) -> None:
    """把多个报告的全部单元格导出到一个 CSV 或 Excel 文件（每个单元格一行，含合计）。

    示例：reportgen export 各单位/ -o 汇总.csv
    """
    from .export import write_export
    from .pipeline import check as run_check
    from .pipeline import expand_inputs

    if output.suffix.lower() not in (".csv", ".xlsx"):
        raise _fail(f"导出文件应为 .csv 或 .xlsx：{output}")
    files = _run(lambda: expand_inputs(inputs))
    _run(lambda: _plan(output, files, overwrite))
    progress = RunProgress()
    outcome = _run(lambda: run_check(files, progress=progress), progress)
    if outcome.exit_code:
        _print_outcome(outcome, as_json=False)
        typer.echo("✗ 有输入存在错误，未导出")
        raise typer.Exit(outcome.exit_code)
    reports = outcome.reports
    done = _run(lambda: _write(output, lambda tmp: write_export(reports, tmp, output.suffix), files, overwrite))
    typer.echo(f"✓ 已导出 {len(reports)} 份报告到 {output}{done}")


def _plan(target: Path, inputs: list[Path], overwrite: bool, *more: Path) -> None:
    """Refuse an output that is an input, exists (without --overwrite), or lies under a file — before any work."""
    from .outputs import check_folder, check_targets

    for each in (target, *more):
        check_folder(each.parent)
    check_targets([target, *more], inputs, overwrite=overwrite)


def _write(target: Path, writer: Callable[[Path], None], inputs: list[Path], overwrite: bool) -> str:
    """Write one output whole or not at all; returns the note to add when it replaced an existing file."""
    return _write_all({target: writer}, inputs, overwrite)


def _write_all(writers: dict[Path, Callable[[Path], None]], inputs: list[Path], overwrite: bool) -> str:
    """Write every output whole or none at all; returns the note to add when one replaced an existing file."""
    from .fileio import OutputSet

    first, *more = writers
    _plan(first, inputs, overwrite, *more)
    with OutputSet(inputs, overwrite=overwrite) as out:
        for target, writer in writers.items():
            out.stage_with(target, writer)
        out.commit()
    return "（已替换原有文件）" if out.replaced else ""


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
    allow_mismatch: Annotated[bool, typer.Option("--allow-mismatch", help="--from 的报告不是同一机关上一年度的，也仍用它预填")] = False,
    overwrite: Overwrite = False,
) -> None:
    """生成供填写的 Excel 模板（带公式合计、勾稽检查和数据校验）。

    示例：reportgen template -o 2025年度报告.xlsx --year 2025 --agency 云溪县市场监督管理局；
    reportgen template --roster 名单.xlsx --year 2025 -o 下发/ --from 2024汇总/
    """
    from .formats import FIRST_YEAR, FORMATS, LAST_YEAR, format_for_year
    from .pipeline import previous_mismatch, read_previous
    from .workbook import write_template

    year = year or dt.date.today().year - 1
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise _fail(f"--year 的值“{year}”不在{FIRST_YEAR}至{LAST_YEAR}年之间")
    if version is not None and version not in FORMATS:
        raise _fail(f"未知的格式版本“{version}”，可选：{'、'.join(FORMATS)}")
    fmt = FORMATS[version] if version else format_for_year(year)
    if roster is not None:
        from .cli_collect import distribute_command

        distribute_command(roster, fmt, year, output, from_, overwrite=overwrite, allow_mismatch=allow_mismatch)
        return
    if output.suffix.lower() != ".xlsx":
        raise _fail(f"模板是 Excel 工作簿，输出文件名应以 .xlsx 结尾：{output}")
    inputs = [from_] if from_ else []
    _run(lambda: _plan(output, inputs, overwrite))
    previous = _run(lambda: read_previous(from_))
    wrong = previous_mismatch(previous, agency, year) if previous is not None else None
    if wrong and not allow_mismatch:
        raise _fail(f"--from 的文件 {from_} 不是本机关上一年度的报告：{wrong}；确认要用它预填请加 --allow-mismatch")
    name = agency or (previous.agency if previous else "")
    done = _run(
        lambda: _write(
            output, lambda tmp: write_template(tmp, version=fmt.version, year=year, agency=name, previous=previous), inputs, overwrite
        )
    )
    typer.echo(f"✓ 已生成模板 {output}（{year} 年度，{fmt.version} 版格式）{done}")


# the order of registration is the order of the commands in the help
from . import cli_published  # noqa: E402, F401  (registers the commands on published reports on ``app``)

# isort: split
from . import cli_collect, cli_serve  # noqa: E402, F401  (register the collection commands and ``serve`` on ``app``)
