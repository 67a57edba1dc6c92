"""Every example in every command's --help and in the README's command blocks runs as written (exit 0 or 1, never 2),
each in a fresh copy of a folder that holds the files the examples name."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from generator.cli import app
from generator.collect.aggregate import aggregate, write_aggregate

from .collection import unit_report, write_report
from .conftest import ROOT, SAMPLES

NOT_RUN = {"serve"}  # it listens until stopped: tests/test_serve.py starts it
COMMENT = re.compile(r"\s+#.*$")


def help_examples() -> list[str]:
    out: list[str] = []
    for text in [app.info.help or "", *(c.callback.__doc__ or "" for c in app.registered_commands if c.callback)]:
        for line in text.splitlines():
            if "示例：" in line:
                out += [e.strip() for e in line.split("示例：", 1)[1].split("；") if e.strip()]
    assert out
    return out


def readme_examples() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)
    lines = [COMMENT.sub("", line).strip() for block in blocks for line in block.splitlines()]
    return [line for line in lines if line.startswith("reportgen ")]


EXAMPLES = sorted(set(help_examples() + readme_examples()))


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The files the examples name: a unit's workbooks of this year and last, a roster and inbox, a collect output,
    units' files and their 本级 sum, last year's collection, and published reports."""
    ws = tmp_path_factory.mktemp("ws")
    shutil.copytree(SAMPLES, ws / "sample_inputs")
    shutil.copy(SAMPLES / "example-county-bureau-2021.xlsx", ws / "年度报告.xlsx")
    agency = "云溪县市场监督管理局"
    write_report(ws / "2024年度报告.xlsx", unit_report(agency, 1, year=2024))
    write_report(ws / "2025年度报告.xlsx", unit_report(agency, 2, year=2025))
    shutil.copy(SAMPLES / "collection" / "名单.xlsx", ws / "名单.xlsx")
    shutil.copytree(SAMPLES / "collection" / "收件箱", ws / "收件箱")
    runner = CliRunner()
    done = runner.invoke(app, ["collect", str(ws / "收件箱"), "--roster", str(ws / "名单.xlsx"), "-o", str(ws / "汇总")])
    assert done.exit_code in (0, 1), done.output
    for n, name in enumerate(("云溪县教育局", "青石镇人民政府"), 1):
        write_report(ws / "各单位" / f"{name}.xlsx", unit_report(name, n))
        write_report(ws / "2024汇总" / f"{name}.xlsx", unit_report(name, n, year=2024))
    write_aggregate(aggregate([ws / "各单位"], "云溪县人民政府"), ws / "本级.xlsx")
    write_aggregate(aggregate([ws / "汇总" / "已采用"], "云溪县人民政府"), ws / "本级-起草.xlsx")
    for year in ("2023", "2024"):
        built = runner.invoke(app, ["build", str(SAMPLES / "shaoxing-fao-2021.yaml"), "-o", str(ws / f"{year}年报告"), "-f", "txt"])
        assert built.exit_code == 0, built.output
    if shutil.which("soffice") or shutil.which("libreoffice"):
        pdf = runner.invoke(app, ["build", str(SAMPLES / "shaoxing-fao-2021.yaml"), "-o", str(ws / "pdf"), "-f", "pdf"])
        assert pdf.exit_code == 0, pdf.output
        shutil.copy(ws / "pdf" / "shaoxing-fao-2021.pdf", ws / "2024年报告.pdf")
    return ws


def outputs(args: list[str]) -> list[str]:
    return [args[i + 1] for i, a in enumerate(args[:-1]) if a in ("-o", "--output")]


@pytest.mark.parametrize("example", EXAMPLES)
def test_the_example_runs_as_written(example: str, workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    words = shlex.split(example.split(" > ")[0].split("&&")[-1])
    assert words[0] == "reportgen"
    args = words[1:]
    if args[0] in NOT_RUN:
        pytest.skip(f"reportgen {args[0]} runs until stopped (tests/test_serve.py starts it)")
    if "2024年报告.pdf" in args and not (workspace / "2024年报告.pdf").exists():
        pytest.skip("LibreOffice (soffice) is not installed: no PDF to import")
    here = tmp_path / "ws"
    shutil.copytree(workspace, here)
    for target in outputs(args):  # the example writes it: it is not there before
        path = here / target
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
    monkeypatch.chdir(here)
    result = CliRunner().invoke(app, args)
    assert result.exit_code in (0, 1), f"{example}\n{result.output}"
    assert "内部错误" not in result.output
