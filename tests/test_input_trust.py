"""What reportgen must not trust, the encodings and files officials have, and the command line in Chinese (items 9–16)."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
import yaml
from typer.testing import CliRunner

from generator.cli import app
from generator.readers.xlsx_reader import read_xlsx
from generator.readers.yaml_reader import read_yaml
from generator.render.text import render_text
from generator.workbook import layout as L
from generator.workbook import write_template

from .conftest import EXAMPLE, SAMPLES

runner = CliRunner()
EXAMPLE_XLSX = SAMPLES / "example-county-bureau-2021.xlsx"


def invoke(*args: str | Path):
    return runner.invoke(app, [str(a) for a in args])


def yaml_with(tmp_path: Path, name: str = "a.yaml", **changes: object) -> Path:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data.update(changes)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# ---------------------------------------------------------------- 9. names checked against labels


def test_metadata_name_pointing_into_the_instructions_is_not_trusted(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    write_template(path, version="2021", year=2025, agency="真正的机关")
    wb = openpyxl.load_workbook(path)
    wb.defined_names[L.meta_name("agency")].attr_text = f"{L.quoted(L.INSTRUCTIONS)}!$A$1"
    wb.save(path)
    result = read_xlsx(path)
    assert result.report is not None and result.report.agency == "真正的机关"
    moved = [f for f in result.findings if f.code == "XLSX-NAME-ELSEWHERE"]
    assert [f.message for f in moved] == [f"名称 meta.agency 指向 {L.INSTRUCTIONS}!A1，不是“{L.META}”中“机关名称”一栏，已改按标签读取该项"]
    assert moved[0].severity == "warning"


# ---------------------------------------------------------------- 10. text is never a formula


def _formulas(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return [name for name in archive.namelist() if name.startswith("xl/worksheets/") and "HYPERLINK" in archive.read(name).decode()]


def test_template_agency_starting_with_equals_is_text(tmp_path: Path) -> None:
    agency = '=HYPERLINK("http://example.invalid","点此")'
    target = tmp_path / "t.xlsx"
    result = invoke("template", "--year", "2025", "--agency", agency, "-o", target)
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(target)
    sheet, ref = next(iter(wb.defined_names[L.meta_name("agency")].destinations))
    cell = wb[sheet][ref.replace("$", "")]
    assert cell.value == agency and cell.data_type == "s"
    with zipfile.ZipFile(target) as archive:
        xml = "".join(archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/worksheets/"))
    assert "<f>HYPERLINK" not in xml and "<f>=HYPERLINK" not in xml


@pytest.mark.parametrize("agency", ["=1+1", "+1+1", "-A1", "@SUM(A1)"])
def test_export_keeps_text_as_text(tmp_path: Path, agency: str) -> None:
    source = yaml_with(tmp_path, agency=agency)
    xlsx, csv = tmp_path / "x.xlsx", tmp_path / "x.csv"
    assert invoke("export", source, "-o", xlsx).exit_code == 0
    assert invoke("export", source, "-o", csv).exit_code == 0
    ws = openpyxl.load_workbook(xlsx).active
    assert ws is not None and ws["A2"].value == agency and ws["A2"].data_type == "s"
    assert csv.read_text(encoding="utf-8-sig").splitlines()[1].startswith(f"'{agency},")


# ---------------------------------------------------------------- 11. --previous


def test_previous_from_another_agency_is_warned(tmp_path: Path) -> None:
    previous = yaml_with(tmp_path, "prev.yaml", agency="另一个县民政局", year=2020)
    result = invoke("check", EXAMPLE, "--previous", previous)
    line = (
        f"警告 PREVIOUS-AGENCY {EXAMPLE}：上年报告 {previous} 的机关是“另一个县民政局”，本报告是“云溪县市场监督管理局”："
        "跨年度核对可能比较了另一个机关，请确认 --previous 用对了文件"
    )
    assert line in result.stdout.splitlines()


def test_previous_with_errors_says_so(tmp_path: Path) -> None:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["year"] = 2020
    data["applications"]["new"]["natural"] += 1
    data["applications"]["new"].pop("total", None)
    previous = tmp_path / "prev.yaml"
    previous.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = invoke("check", EXAMPLE, "--previous", previous)
    assert f"警告 PREVIOUS-ERRORS {previous}：上年报告 {previous} 本身有" in result.stdout


def test_previous_that_is_a_folder(tmp_path: Path) -> None:
    result = invoke("check", EXAMPLE, "--previous", tmp_path)
    assert result.exit_code == 2
    assert result.stderr == f"错误：上年报告（--previous/--from）无法使用：{tmp_path}：这是一个文件夹，不是输入文件\n"


# ---------------------------------------------------------------- 12. template options


def test_template_refuses_a_non_xlsx_name_and_a_year_out_of_range(tmp_path: Path) -> None:
    result = invoke("template", "-o", tmp_path / "t.yaml", "--year", "2025")
    assert (result.exit_code, result.stderr) == (2, f"错误：模板是 Excel 工作簿，输出文件名应以 .xlsx 结尾：{tmp_path / 't.yaml'}\n")
    result = invoke("template", "-o", tmp_path / "t.xlsx", "--year", "1999")
    assert (result.exit_code, result.stderr) == (2, "错误：--year 的值“1999”不在2008至2100年之间\n")
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- 13. encodings


@pytest.mark.parametrize(("encoding", "said"), [("gb18030", "GB18030"), ("gbk", "GB18030"), ("utf-16", "UTF-16"), ("utf-8-sig", None)])
def test_yaml_in_the_encodings_offices_save(tmp_path: Path, encoding: str, said: str | None) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(EXAMPLE.read_text(encoding="utf-8").encode(encoding))
    result = invoke("check", path)
    assert result.exit_code == 0, result.output
    note = f"警告 ENCODING-ASSUMED {path}：文件不是 UTF-8 编码，已按 {said} 编码读取；如有乱码请另存为 UTF-8"
    assert (note in result.stdout.splitlines()) == (said is not None)


@pytest.mark.parametrize("encoding", ["utf-16", "gb18030"])
def test_published_text_in_utf16_and_gb18030(tmp_path: Path, encoding: str) -> None:
    report = read_yaml(EXAMPLE).report
    assert report is not None
    path = tmp_path / "r.txt"
    path.write_bytes(render_text(report).encode(encoding))
    target = tmp_path / "r.yaml"
    result = invoke("import", path, "-o", target)
    assert result.exit_code == 0, result.output
    assert f"已按 {encoding.upper().replace('-', '-')} 编码读取" in result.stdout or "UTF-16" in result.stdout
    assert read_yaml(target).report.agency == report.agency  # type: ignore[union-attr]


# ---------------------------------------------------------------- 14. what a file really is


def test_password_protected_docx(tmp_path: Path) -> None:
    path = tmp_path / "加密.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 200 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 200)
    result = invoke("check", path)
    assert (result.exit_code, result.stderr) == (
        2,
        f"错误：{path}：Word 文档设置了打开密码（已加密），无法读取：请在 Word 或 WPS 中取消密码后另存为 .docx\n",
    )


def test_workbook_renamed_yaml(tmp_path: Path) -> None:
    path = tmp_path / "年度报告.yaml"
    shutil.copy(EXAMPLE_XLSX, path)
    result = invoke("check", path)
    message = f"错误：{path}：这是一个 Excel 工作簿（.xlsx），扩展名却是“.yaml”：请把扩展名改回 .xlsx 后直接使用该工作簿\n"
    assert (result.exit_code, result.stderr) == (2, message)


# ---------------------------------------------------------------- 15. the command line in Chinese


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "a.yaml"], "错误：缺少必填的选项 -o/--output（输出文件：.csv 或 .xlsx）（用法见 reportgen export --help）\n"),
        (["template", "--year", "abc"], "错误：--year 的值无效：应为整数（用法见 reportgen template --help）\n"),
        (["build", "--bogus", "a.yaml"], "错误：没有这个选项：--bogus（用法见 reportgen build --help）\n"),
        (
            ["frob"],
            "错误：没有这个命令：frob"
            "（可用命令：build、check、export、schema、template、import、audit、roster、collect、aggregate、draft、serve）"
            "（用法见 reportgen --help）\n",
        ),
        (["build"], "错误：缺少必填的参数 INPUTS（输入文件（.xlsx 或 .yaml），可以是多个文件或目录）（用法见 reportgen build --help）\n"),
        (
            ["schema", "x"],
            "错误：多余的参数：x（选项要写在 -- 之前；输入文件名以 - 开头时写在 -- 之后）（用法见 reportgen schema --help）\n",
        ),
    ],
)
def test_usage_errors_are_chinese(args: list[str], message: str) -> None:
    result = invoke(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)


@pytest.mark.parametrize("command", [[], ["build"], ["check"], ["export"], ["schema"], ["template"], ["import"]])
def test_help_has_no_english_boilerplate(command: list[str]) -> None:
    result = invoke(*command, "--help")
    assert result.exit_code == 0
    assert result.stdout.startswith("用法：reportgen")
    for english in ("Usage", "Options", "Arguments", "Commands", "Show this message", "[default", "[required]", "Error"):
        assert english not in result.stdout
    assert "显示本帮助并退出。" in result.stdout


# ---------------------------------------------------------------- 16. smaller things


def test_bad_date_is_one_finding(tmp_path: Path) -> None:
    path = yaml_with(tmp_path, date="2021-02-30")
    result = invoke("check", path, "--json")
    codes = [f["code"] for f in __import__("json").loads(result.stdout)["findings"]]
    assert "DATE-INVALID" in codes and "DATE-MISSING" not in codes


def test_annotated_copy_highlights_every_cell_the_rule_involves(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    shutil.copy(EXAMPLE_XLSX, path)
    wb = openpyxl.load_workbook(path)
    sheet, ref = next(iter(wb.defined_names["applications.new.natural"].destinations))
    ref = ref.replace("$", "")
    wb[sheet][ref] = wb[sheet][ref].value + 1
    wb.save(path)
    result = invoke("check", path, "--annotate")
    assert result.exit_code == 1
    copy = tmp_path / "r.校验结果.xlsx"
    assert f"已写出标注副本：{copy}" in result.stdout
    planted = openpyxl.load_workbook(copy)[sheet][ref]
    assert planted.comment is not None and "T3-BALANCE" in planted.comment.text


def test_annotate_on_yaml_says_nothing_was_written(tmp_path: Path) -> None:
    source = yaml_with(tmp_path)
    result = invoke("check", source, "--annotate")
    assert result.exit_code == 0
    assert f"提示：{source} 不是 Excel 工作簿（.xlsx），--annotate 只为 .xlsx 输入生成标注副本，未写出" in result.stdout.splitlines()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml"]


def test_exponent_is_a_number(tmp_path: Path) -> None:
    import json

    text = EXAMPLE.read_text(encoding="utf-8")
    small, huge = tmp_path / "small.yaml", tmp_path / "huge.yaml"
    small.write_text(text.replace("natural: 38", "natural: 3.8e1", 1), encoding="utf-8")
    huge.write_text(text.replace("natural: 38", "natural: 1e20", 1), encoding="utf-8")
    assert invoke("check", small).exit_code == 0
    findings = json.loads(invoke("check", huge, "--json").stdout)["findings"]
    first = next(f for f in findings if f["cell"] == "applications.new.natural")
    assert first["message"] == "表三“一、本年新收政府信息公开申请数量”行“自然人”列：数值大得不合理（21位数），请检查"


def test_findings_all_go_to_stdout_in_order(tmp_path: Path) -> None:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["applications"]["new"]["natural"] += 1
    data["applications"]["new"].pop("total", None)
    data.pop("date", None)
    path = tmp_path / "b.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = invoke("check", path)
    assert result.exit_code == 1 and result.stderr == ""
    kinds = [line.split(" ")[0] for line in result.stdout.splitlines()]
    assert "错误" in kinds and "警告" in kinds and kinds[-1] == "✗"
