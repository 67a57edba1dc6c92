"""The ``reportgen`` commands on published reports: ``import`` one back into an input, ``audit`` a folder of them."""

# Annotations are evaluated when the module loads (no ``from __future__ import annotations``): typer would
# otherwise evaluate every annotation string of every command again on each run.

import json
from pathlib import Path
from typing import Annotated

import typer

from .cli import AsJson, Overwrite, _fail, _plan, _run, _write, _write_all, app
from .cli_progress import RunProgress


@app.command("import")
def import_(
    report: Annotated[Path, typer.Argument(help="已发布的报告：.txt、.docx、.html 或 .pdf")],
    output: Annotated[Path, typer.Option("-o", "--output", help="写出的 .yaml 或 .xlsx")],
    as_json: AsJson = False,
    overwrite: Overwrite = False,
) -> None:
    """把已发布的报告读回为 reportgen 的输入格式（YAML 或 Excel）。

    有标准表格没有找到、或读取到的单元格不足一半时，说明缺少哪些表格和行，不写出任何文件，退出码为 1。

    示例：reportgen import 2024年报告.pdf -o 2024.yaml
    """
    from .codes.output import ENCODING_ASSUMED
    from .fileio import UTF8
    from .findings import Source, errors
    from .readers.published import import_json, read_published, summary_line

    if output.suffix.lower() not in (".yaml", ".yml", ".xlsx"):
        raise _fail(f"输出文件应为 .yaml 或 .xlsx：{output}")
    _run(lambda: _plan(output, [report], overwrite))
    result = _run(lambda: read_published(report))
    if result.encoding not in (None, UTF8):
        result.findings.append(ENCODING_ASSUMED(encoding=result.encoding, source=Source(file=str(report))))
    if not as_json:
        for finding in result.findings:
            typer.echo(finding.line())
    if result.report is None:
        raise _fail(f"{report}：未能识别出报告内容")
    imported = result.report
    failed = bool(errors(result.findings))
    if failed:  # an import that misses a table or most of one is no carry-over to build on: nothing is written
        if as_json:
            typer.echo(json.dumps({"file": str(report), "output": None, **import_json(result)}, ensure_ascii=False, indent=2))
        else:
            typer.echo(f"✗ {report} 导入不完整，未写出 {output}（已读取单元格：{summary_line(result)}；{len(result.findings)} 条提示）")
        raise typer.Exit(1)
    if output.suffix.lower() == ".xlsx":
        from .workbook import write_template

        year = imported.year if imported.year is not None else imported.spec.first_year  # an import always finds or assumes one

        def writer(tmp: Path) -> None:
            write_template(tmp, version=imported.format, year=year, agency=imported.agency, report=imported)
    else:
        from .readers.yaml_reader import dump_yaml

        text = dump_yaml(imported)

        def writer(tmp: Path) -> None:
            tmp.write_bytes(text.encode("utf-8"))

    done = _run(lambda: _write(output, writer, [report], overwrite))
    if as_json:
        typer.echo(json.dumps({"file": str(report), "output": str(output), **import_json(result)}, ensure_ascii=False, indent=2))
    else:
        typer.echo(f"✓ 已导入 {report} → {output}（已读取单元格：{summary_line(result)}；{len(result.findings)} 条提示）{done}")
    raise typer.Exit(0)


@app.command()
def audit(
    folder: Annotated[Path, typer.Argument(help="已发布报告所在的文件夹（.txt/.md/.html/.docx/.pdf，含子文件夹）")],
    output: Annotated[Path, typer.Option("-o", "--output", help="写出的问题清单：.xlsx 或 .csv")],
    previous_dir: Annotated[Path | None, typer.Option("--previous-dir", help="上年报告所在的文件夹，按机关与年度配对")] = None,
    as_json: AsJson = False,
    overwrite: Overwrite = False,
) -> None:
    """逐份检查一个文件夹中已发布的报告，写出问题清单（每个问题一行）和报告汇总。

    有报告存在错误时退出码为 1。

    示例：reportgen audit 2024年报告/ -o 问题清单.xlsx --previous-dir 2023年报告/
    """
    from .audit import audit as run_audit
    from .audit import audit_json, audit_outputs, audit_targets, earlier_outputs, published_files

    if output.suffix.lower() not in (".xlsx", ".csv"):
        raise _fail(f"问题清单应为 .xlsx 或 .csv：{output}")
    targets = audit_targets(output)
    own = earlier_outputs(targets)  # an earlier 问题清单 inside the folder is replaced (with --overwrite), never read
    inputs = _run(lambda: published_files(folder, own) + (published_files(previous_dir, own) if previous_dir else []))
    _run(lambda: _plan(targets[0], inputs, overwrite, *targets[1:]))
    progress = RunProgress()
    items = _run(lambda: run_audit(folder, previous_dir, progress=progress, skip=own), progress)
    done = _run(lambda: _write_all(audit_outputs(items, folder, output), inputs, overwrite))
    data = audit_json(items, folder, targets)
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    else:
        counts, names = data["summary"], "、".join(str(p) for p in targets)
        found = f"{counts['errors']} 个错误，{counts['warnings']} 个警告"
        mark = "✗" if counts["errors"] else "✓"
        typer.echo(f"{mark} 已检查 {counts['reports']} 份报告：{found}，问题清单已写出 {names}{done}")
    raise typer.Exit(1 if data["summary"]["errors"] else 0)
