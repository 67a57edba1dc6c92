"""The command line through typer's CliRunner: exact messages and exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml
from typer.testing import CliRunner

from generator.cli import app
from generator.pipeline import build, check

from .conftest import EXAMPLE, SAMPLES


def write_yaml(path: Path, data: dict) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def broken_copy(tmp_path: Path) -> Path:
    """The example with 自然人 一、本年新收 raised by one, so the printed balance fails."""
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["applications"]["new"]["natural"] += 1
    data["applications"]["new"].pop("total", None)
    return write_yaml(tmp_path / "broken.yaml", data)


def test_help_lists_every_command(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("build", "check", "export", "schema", "template", "import"):
        assert command in result.output


def test_every_command_help_has_an_example(runner: CliRunner) -> None:
    for command in ("build", "check", "export", "schema", "template", "import"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0
        assert "示例：reportgen " + command in result.output


def test_check_clean_sample_exits_0(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    assert f"✓ {EXAMPLE}：没有错误" in result.stdout


def test_check_reports_balance_error_with_exit_1(runner: CliRunner, tmp_path: Path) -> None:
    source = broken_copy(tmp_path)
    result = runner.invoke(app, ["check", str(source)])
    assert result.exit_code == 1
    # every finding and the per-file line go to stdout, in order; stderr stays empty
    assert "T3-BALANCE" in result.stdout
    assert "表三“自然人”列：第一项加第二项之和" in result.stdout
    assert f"✗ {source}：" in result.stdout
    assert result.stderr == ""


def test_check_json_equals_library_outcome(runner: CliRunner, tmp_path: Path) -> None:
    source = broken_copy(tmp_path)
    result = runner.invoke(app, ["check", str(source), "--json"])
    assert result.exit_code == 1
    printed = json.loads(result.stdout)
    assert printed == check([source]).as_json()
    codes = [f["code"] for f in printed["findings"]]
    assert "T3-BALANCE" in codes
    balance = next(f for f in printed["findings"] if f["code"] == "T3-BALANCE")
    assert balance["cell"] == "applications.carried_forward.natural"
    assert balance["source"]["file"] == str(source)
    assert printed["summary"]["errors"] >= 1


def test_build_writes_nothing_for_input_with_errors(runner: CliRunner, tmp_path: Path) -> None:
    source = broken_copy(tmp_path)
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(source), "-o", str(out), "--format", "txt,html"])
    assert result.exit_code == 1
    assert not out.exists() or list(out.iterdir()) == []


def test_build_writes_requested_formats(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", str(EXAMPLE), "-o", str(tmp_path), "--format", "txt,html"])
    assert result.exit_code == 0, result.output
    text = (tmp_path / f"{EXAMPLE.stem}.txt").read_text(encoding="utf-8")
    assert text.startswith("云溪县市场监督管理局")
    assert "六、其他需要报告的事项" in text
    assert (tmp_path / f"{EXAMPLE.stem}.html").read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html>")


def test_build_refuses_unknown_format(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", str(EXAMPLE), "-o", str(tmp_path), "--format", "txt,odt"])
    assert result.exit_code == 2
    assert result.stderr == "错误：不支持的输出格式“odt”，可选：txt,docx,html,pdf\n"


def test_missing_file_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    result = runner.invoke(app, ["check", str(missing)])
    assert result.exit_code == 2
    assert result.stderr == f"错误：{missing}：文件不存在\n"


def test_directory_without_inputs_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr == f"错误：{tmp_path}：目录中没有可读取的输入文件（.yaml、.yml、.xlsx）\n"


def test_unsupported_suffix_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    odd = tmp_path / "report.pdf"
    odd.write_bytes(b"%PDF-1.4")
    result = runner.invoke(app, ["check", str(odd)])
    assert result.exit_code == 2
    assert result.stderr == f"错误：{odd}：不支持的文件类型“.pdf”：请使用 .xlsx、.yaml，或已发布报告的 .txt、.docx、.html\n"


def test_directory_of_inputs_is_expanded(tmp_path: Path) -> None:
    for name in ("a.yaml", "b.yaml"):
        shutil.copy(EXAMPLE, tmp_path / name)
    (tmp_path / "notes.md").write_text("x", encoding="utf-8")
    outcome = build([tmp_path], tmp_path / "out", ["txt"])
    assert [Path(f.file).name for f in outcome.files] == ["a.yaml", "b.yaml"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.txt", "b.txt"]


def test_check_directory_takes_only_inputs(runner: CliRunner, tmp_path: Path) -> None:
    """A directory contributes its .xlsx/.yaml/.yml files: a README or a published report beside them is not read."""
    shutil.copy(EXAMPLE, tmp_path / "a.yaml")
    (tmp_path / "README.md").write_text("# 说明\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("不是报告\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"✓ {tmp_path / 'a.yaml'}：没有错误，0 个警告\n"


def test_check_sample_inputs_directory(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", str(SAMPLES)])
    assert result.exit_code == 0, result.output


def test_schema_prints_the_library_schema(runner: CliRunner) -> None:
    from generator.schema import json_schema

    for args, version in (([], None), (["--format", "2019"], "2019")):
        result = runner.invoke(app, ["schema", *args])
        assert result.exit_code == 0
        assert json.loads(result.stdout) == json_schema(version)
    assert "applications" in json.dumps(json_schema("2019"))


def test_schema_unknown_version_exits_2(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema", "--format", "2030"])
    assert result.exit_code == 2
    assert result.stderr == "错误：未知的格式版本“2030”，可选：2019、2021\n"


def test_export_csv_round_trip(runner: CliRunner, tmp_path: Path) -> None:
    from generator.export import read_csv
    from generator.pipeline import read_input
    from generator.values import complete, display

    inputs = sorted(p for p in SAMPLES.glob("*.yaml") if not p.name.endswith("-as-published.yaml"))
    target = tmp_path / "all.csv"
    result = runner.invoke(app, ["export", *map(str, inputs), "-o", str(target)])
    assert result.exit_code == 0, result.output
    raw = target.read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = read_csv(raw.decode("utf-8"))
    expected = []
    for path in inputs:
        report = read_input(path).report
        assert report is not None
        cells = report.spec.cells()
        for cell_id, value in complete(report).items():
            cell = cells[cell_id]
            expected.append(
                {
                    "agency": report.agency,
                    "year": str(report.year),
                    "format": report.spec.version,
                    "table": cell.table,
                    "row": cell.row.key,
                    "column": cell.column.key,
                    "value": display(value),
                    "row_label": cell.row.label,
                    "column_label": cell.column.label,
                }
            )
    assert rows == expected


def test_export_refuses_other_suffix(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", str(EXAMPLE), "-o", str(tmp_path / "x.json")])
    assert result.exit_code == 2
    assert result.stderr == f"错误：导出文件应为 .csv 或 .xlsx：{tmp_path / 'x.json'}\n"


def test_inputs_sharing_a_stem_get_distinct_outputs(tmp_path: Path) -> None:
    stem = "zhoushan-fao-2019"
    outcome = build([SAMPLES / f"{stem}.yaml", SAMPLES / f"{stem}.xlsx"], tmp_path, ["txt"])
    assert outcome.exit_code == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [f"{stem}-xlsx.txt", f"{stem}-yaml.txt"]
    texts = {(tmp_path / n).read_text(encoding="utf-8") for n in names}
    assert len(texts) == 1, "the workbook and the YAML give the same report"
