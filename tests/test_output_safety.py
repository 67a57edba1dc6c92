"""Outputs never destroy a file, never come half-written, and every failure is one Chinese line (items 1–8)."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from generator.cli import app
from generator.readers.yaml_reader import read_yaml
from generator.render.docx import render_docx
from generator.render.text import render_text

from .conftest import EXAMPLE, ROOT

runner = CliRunner()


def invoke(*args: str | Path, env: dict[str, str] | None = None):
    return runner.invoke(app, [str(a) for a in args], env=env)


def listing(folder: Path) -> list[str]:
    """Every file under ``folder`` (hidden and temporary ones included), relative."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def agency_copy(folder: Path, agency: str, name: str = "年度报告.yaml") -> Path:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["agency"] = agency
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def printed_title(txt: Path) -> str:
    """The title a .txt report prints on its first lines (centred, broken into balanced lines), joined again."""
    lines = txt.read_text(encoding="utf-8").split("\n\n")[0].split("\n")
    return "".join(line.strip() for line in lines)


def published_txt(folder: Path, name: str = "r.txt") -> Path:
    path = folder / name
    path.write_text(render_text(read_yaml(EXAMPLE).report), encoding="utf-8")  # type: ignore[arg-type]
    return path


# ---------------------------------------------------------------- 1. never over an input


def test_build_never_writes_over_a_published_docx_input(tmp_path: Path) -> None:
    original = tmp_path / "原始发布稿.docx"
    report = read_yaml(EXAMPLE).report
    assert report is not None
    render_docx(report, original)
    before = original.read_bytes()
    result = invoke("build", original, "-f", "docx", "-o", tmp_path, "--overwrite")
    assert result.exit_code == 2
    target = tmp_path / "原始发布稿.docx"
    assert result.stderr == f"错误：{target}：输出会覆盖输入文件“{original}”，不会写出：请用 -o 指定其他文件夹或文件名\n"
    assert original.read_bytes() == before
    assert listing(tmp_path) == ["原始发布稿.docx"]


def test_build_in_the_reports_own_folder_never_overwrites_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = published_txt(tmp_path)
    before = source.read_bytes()
    monkeypatch.chdir(tmp_path)
    result = invoke("build", "r.txt", "-f", "txt,html")
    assert result.exit_code == 2
    assert result.stderr == "错误：r.txt：输出会覆盖输入文件“r.txt”，不会写出：请用 -o 指定其他文件夹或文件名\n"
    assert source.read_bytes() == before and listing(tmp_path) == ["r.txt"]


# ---------------------------------------------------------------- 2. distinct names, existing outputs


def test_inputs_sharing_a_name_get_distinct_outputs_said_in_the_summary(tmp_path: Path) -> None:
    a = agency_copy(tmp_path / "2024", "甲县档案局")
    b = agency_copy(tmp_path / "2025", "乙县档案局")
    out = tmp_path / "out"
    result = invoke("build", a, b, "-o", out, "-f", "txt")
    assert result.exit_code == 0, result.output
    assert listing(out) == ["2024-年度报告.txt", "2025-年度报告.txt"]
    assert printed_title(out / "2024-年度报告.txt") == "甲县档案局2025年政府信息公开工作年度报告"
    assert printed_title(out / "2025-年度报告.txt") == "乙县档案局2025年政府信息公开工作年度报告"
    assert f"提示：{a}：与其他输入同名，输出文件名改为“2024-年度报告”\n" in result.stdout


def test_existing_output_is_refused_unless_overwrite_and_then_said(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / f"{EXAMPLE.stem}.txt").write_text("别人的文件", encoding="utf-8")
    result = invoke("build", EXAMPLE, "-o", out, "-f", "txt,html")
    assert result.exit_code == 2
    assert result.stderr == f"错误：输出文件已存在，不会覆盖（如需替换请加 --overwrite）：{out / EXAMPLE.stem}.txt\n"
    assert listing(out) == [f"{EXAMPLE.stem}.txt"]
    assert (out / f"{EXAMPLE.stem}.txt").read_text(encoding="utf-8") == "别人的文件"
    result = invoke("build", EXAMPLE, "-o", out, "-f", "txt,html", "--overwrite")
    assert result.exit_code == 0
    assert f"提示：{EXAMPLE}：已替换原有文件 {out / EXAMPLE.stem}.txt\n" in result.stdout
    assert listing(out) == [f"{EXAMPLE.stem}.html", f"{EXAMPLE.stem}.txt"]


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (["template", "--year", "2025"], "t.xlsx"),
        (["export", str(EXAMPLE)], "t.csv"),
        (["import", "SOURCE"], "t.yaml"),
    ],
)
def test_every_command_refuses_an_existing_output_the_same_way(tmp_path: Path, args: list[str], name: str) -> None:
    target = tmp_path / name
    target.write_text("已有内容", encoding="utf-8")
    args = [str(published_txt(tmp_path)) if a == "SOURCE" else a for a in args]
    result = invoke(*args, "-o", target)
    assert result.exit_code == 2
    assert result.stderr == f"错误：输出文件已存在，不会覆盖（如需替换请加 --overwrite）：{target}\n"
    assert target.read_text(encoding="utf-8") == "已有内容"
    result = invoke(*args, "-o", target, "--overwrite")
    assert result.exit_code == 0, result.output
    assert "（已替换原有文件）" in result.stdout


# ---------------------------------------------------------------- 3. concurrent runs


def test_concurrent_builds_each_leave_whole_files(tmp_path: Path) -> None:
    inputs = [agency_copy(tmp_path / f"in{i}", f"第{i}号测试机关") for i in range(3)]
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "generator", "build", "-o", str(out), "-f", "txt,html", "--overwrite"]
    runs = [subprocess.Popen([*command, str(p)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for p in inputs]
    for run in runs:
        _, err = run.communicate(timeout=120)
        assert run.returncode == 0, err.decode()
    expected = {render_text(read_yaml(p).report) for p in inputs}  # type: ignore[arg-type]
    assert listing(out) == ["年度报告.html", "年度报告.txt"]
    assert (out / "年度报告.txt").read_text(encoding="utf-8") in expected
    html = (out / "年度报告.html").read_text(encoding="utf-8")
    assert sum(f"第{i}号测试机关" in html for i in range(3)) == 1


def test_concurrent_builds_without_overwrite_leave_one_whole_set(tmp_path: Path) -> None:
    """Without --overwrite one run wins; the others write nothing, so .txt and .html always come from one input."""
    inputs = [agency_copy(tmp_path / f"in{i}", f"第{i}号测试机关") for i in range(3)]
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "generator", "build", "-o", str(out), "-f", "txt,html"]
    runs = [subprocess.Popen([*command, str(p)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for p in inputs]
    codes = [run.wait(timeout=120) for run in runs]
    for run in runs:
        run.communicate()
    assert sorted(codes) == [0, 2, 2]
    assert listing(out) == ["年度报告.html", "年度报告.txt"]
    winner = inputs[codes.index(0)]
    assert (out / "年度报告.txt").read_text(encoding="utf-8") == render_text(read_yaml(winner).report)  # type: ignore[arg-type]
    assert read_yaml(winner).report.agency in (out / "年度报告.html").read_text(encoding="utf-8")  # type: ignore[union-attr]


# ---------------------------------------------------------------- 4. write failures: one Chinese line, exit 2


def test_output_folder_is_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("x", encoding="utf-8")
    result = invoke("build", EXAMPLE, "-o", blocker)
    assert result.exit_code == 2
    assert result.stderr == f"错误：{blocker}：无法作为输出文件夹：这是一个文件，不是文件夹\n"
    result = invoke("build", EXAMPLE, "-o", blocker / "sub")
    assert result.stderr == f"错误：{blocker / 'sub'}：无法作为输出文件夹：路径中的“{blocker}”是文件，不是文件夹\n"
    assert listing(tmp_path) == ["out"]


@pytest.mark.parametrize(
    ("code", "cause"),
    [(errno.EACCES, "权限不足"), (errno.ENOSPC, "磁盘已满"), (errno.EROFS, "所在磁盘只读"), (errno.ENAMETOOLONG, "文件名过长")],
)
def test_os_errors_while_writing_are_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, cause: str) -> None:
    import generator.fileio as fileio

    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(fileio.tempfile, "mkstemp", refuse)
    out = tmp_path / "out"
    result = invoke("build", EXAMPLE, "-o", out, "-f", "txt")
    assert result.exit_code == 2
    where = out / f"{EXAMPLE.stem}.txt" if code == errno.ENAMETOOLONG else out
    assert result.stderr == f"错误：{where}：{cause}\n"
    workbook = tmp_path / "r.xlsx"
    shutil.copy(EXAMPLE.with_suffix(".xlsx"), workbook)
    report = published_txt(tmp_path)
    commands = (
        ["template", "--year", "2025", "-o", out / "t.xlsx"],
        ["export", EXAMPLE, "-o", out / "t.csv"],
        ["import", report, "-o", out / "r.yaml"],
        ["check", workbook, "--annotate"],  # the copy beside a read-only input
    )
    for command in commands:
        result = invoke(*command)
        assert result.exit_code == 2
        assert result.stderr.startswith("错误：") and result.stderr.endswith(f"：{cause}\n") and result.stderr.count("\n") == 1


def test_disk_full_halfway_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The .txt is staged, then the disk fills while the .docx is written: neither is left."""
    import generator.render as render

    write = render.write_bytes

    def full(target: Path, data: bytes | str, options: render.RenderOptions) -> None:
        if options.final is not None and options.final.suffix == ".docx":
            assert isinstance(data, bytes)
            target.write_bytes(data[:10])
            raise OSError(errno.ENOSPC, "No space left on device")
        write(target, data, options)

    monkeypatch.setattr(render, "write_bytes", full)
    out = tmp_path / "out"
    out.mkdir()
    result = invoke("build", EXAMPLE, "-o", out, "-f", "txt,docx,html")
    assert result.exit_code == 2
    assert result.stderr == f"错误：{out / EXAMPLE.stem}.docx：磁盘已满\n"
    assert listing(out) == []


def _tmpfs(folder: Path, options: str) -> bool:
    folder.mkdir()
    if os.geteuid() != 0:
        return False
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True, check=False)
    return done.returncode == 0


def test_really_full_and_read_only_disks(tmp_path: Path) -> None:
    full, readonly = tmp_path / "full", tmp_path / "ro"
    if not (_tmpfs(full, "size=48k") and _tmpfs(readonly, "ro,size=48k")):
        pytest.skip("mounting a small tmpfs needs root")
    try:
        result = invoke("build", EXAMPLE, "-o", full, "-f", "txt,docx,html")
        assert result.exit_code == 2
        assert result.stderr.startswith("错误：") and result.stderr.endswith("：磁盘已满\n")
        assert listing(full) == []
        result = invoke("template", "--year", "2025", "-o", readonly / "t.xlsx")
        assert result.exit_code == 2
        assert result.stderr == f"错误：{readonly}：所在磁盘只读\n"
    finally:
        subprocess.run(["umount", str(full)], check=False)
        subprocess.run(["umount", str(readonly)], check=False)


# ---------------------------------------------------------------- 5. all formats or none; options before inputs


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "参考样式文件是空文件，请提供 Word .docx 文件"),
        ("纯文本".encode(), "参考样式文件不是 Word .docx 文件"),
        ("XLSX", "参考样式文件是 Excel 工作簿，不是 Word .docx 文件"),
    ],
)
def test_bad_reference_doc_is_refused_before_anything_is_written(tmp_path: Path, content: bytes | str, reason: str) -> None:
    reference = tmp_path / "样式.docx"
    if content == "XLSX":
        with zipfile.ZipFile(reference, "w") as archive:
            archive.writestr("xl/workbook.xml", "<workbook/>")
    else:
        reference.write_bytes(content)  # type: ignore[arg-type]
    out = tmp_path / "out"
    result = invoke("build", EXAMPLE, "-o", out, "--reference-doc", reference)
    assert result.exit_code == 2
    assert result.stderr == f"错误：{reference}：{reason}\n"
    assert not out.exists()


def test_failed_pdf_conversion_leaves_no_txt_or_docx(tmp_path: Path) -> None:
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\necho 'conversion failed' >&2\nexit 3\n", encoding="utf-8")
    fake.chmod(0o755)
    out = tmp_path / "out"
    result = invoke("build", EXAMPLE, "-o", out, "-f", "txt,docx,pdf", env={"REPORTGEN_SOFFICE": str(fake)})
    assert result.exit_code == 2
    assert result.stderr == f"错误：{out / EXAMPLE.stem}.pdf：LibreOffice 未能把文件转换为 PDF（conversion failed）\n"
    assert not out.exists()


def test_options_after_double_dash_write_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    agency_copy(tmp_path, "某局", "-x.yaml")
    monkeypatch.chdir(tmp_path)
    result = invoke("build", "--", "-x.yaml", "-o", "out")
    assert result.exit_code == 2
    assert result.stderr == "错误：-o：文件不存在（看起来像一个选项：选项要写在 -- 之前）\n"
    assert listing(tmp_path) == ["-x.yaml"]


# ---------------------------------------------------------------- 6. long metadata


def test_long_agency_builds_a_docx_with_a_shortened_property(tmp_path: Path) -> None:
    agency = "某某省某某市某某区" * 30
    source = agency_copy(tmp_path, agency)
    out = tmp_path / "out"
    result = invoke("build", source, "-o", out, "-f", "txt,docx")
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out / "年度报告.docx") as archive:
        core = archive.read("docProps/core.xml").decode()
    creator = core.split("<dc:creator>")[1].split("</dc:creator>")[0]
    assert len(creator) == 255 and creator.endswith("…") and agency.startswith(creator[:-1])
    assert printed_title(out / "年度报告.txt") == f"{agency}2025年政府信息公开工作年度报告"


# ---------------------------------------------------------------- 7. interruption


def test_ctrl_c_in_a_long_build_says_how_far_it_got(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.pipeline as pipeline

    inputs = [agency_copy(tmp_path / "in", f"机关{i}", f"r{i}.yaml") for i in range(7)]
    real = pipeline.check_one
    calls = []

    def interrupt_third(path: Path, previous: object = None):
        calls.append(path)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(path, previous)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "check_one", interrupt_third)
    monkeypatch.setenv("REPORTGEN_WORKERS", "1")  # counts calls in one process; the pool's case is in test_collect_cli
    out = tmp_path / "out"
    result = invoke("build", *inputs, "-o", out, "-f", "txt")
    assert result.exit_code == 130
    assert result.stderr.endswith("已中断：7 个输入中已处理完 2 个，其余未处理；已写出的文件都是完整的，未完成的临时文件已删除\n")
    assert listing(out) == ["r0.txt", "r1.txt"]


@pytest.mark.parametrize("stop", ["SIGINT", "SIGTERM"])
def test_interrupt_during_pdf_conversion_removes_the_profile_folder(tmp_path: Path, stop: str) -> None:
    import signal
    import time

    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\nsleep 30\n", encoding="utf-8")
    fake.chmod(0o755)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "REPORTGEN_SOFFICE": str(fake), "TMPDIR": str(scratch)}
    command = [sys.executable, "-m", "generator", "build", str(EXAMPLE), "-o", str(out), "-f", "txt,pdf"]
    run = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not any(p.name.startswith("reportgen-soffice-") for p in scratch.iterdir()):
        assert time.monotonic() < deadline and run.poll() is None
        time.sleep(0.05)
    run.send_signal(getattr(signal, stop))
    _, err = run.communicate(timeout=60)
    assert run.returncode == 130
    assert err.decode() == "已中断：1 个输入中已处理完 0 个，其余未处理；已写出的文件都是完整的，未完成的临时文件已删除\n"
    assert listing(scratch) == []
    assert not out.exists() or listing(out) == []


# ---------------------------------------------------------------- 8. clock and summaries


def test_unusable_source_date_epoch_is_one_line(tmp_path: Path) -> None:
    result = invoke("build", EXAMPLE, "-o", tmp_path / "out", env={"SOURCE_DATE_EPOCH": "99999999999999"})
    assert result.exit_code == 2
    assert result.stderr == (
        "错误：环境变量 SOURCE_DATE_EPOCH 的值“99999999999999”不是可用的时间（应为 1970 年以来的秒数，例如 1767225600）\n"
    )
    assert not (tmp_path / "out").exists()


def test_check_json_summary_counts_an_unreadable_input(tmp_path: Path) -> None:
    import json

    broken = tmp_path / "坏.yaml"
    broken.write_bytes(b"\x7fELF\x00\x00")
    result = invoke("check", broken, EXAMPLE, "--json")
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert data["summary"]["errors"] == 1 and data["summary"]["unreadable"] == 1 and data["summary"]["exit_code"] == 2
    assert data["findings"][0]["code"] == "INPUT-UNREADABLE"
    assert data["findings"][0]["message"] == f"{broken}：这是一个二进制文件，不是文本文件"
