"""PDF output: the .docx converted by LibreOffice (soffice) run headless with a private profile."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ..errors import ToolFailed, ToolMissing
from ..fileio import write_with

PROGRAMS = ("soffice", "libreoffice")
PROGRAM_ENV = "REPORTGEN_SOFFICE"  # path of the soffice program when it is not on PATH
INSTALL_HINT = (
    "未找到 LibreOffice（soffice），无法生成 PDF。"
    "请安装 LibreOffice（Debian/Ubuntu：apt-get install libreoffice-writer；Windows/macOS：从 libreoffice.org 下载安装）后重试，"
    f"或用环境变量 {PROGRAM_ENV} 指明 soffice 的位置。"
)


def find_soffice() -> str:
    """The LibreOffice program: ``$REPORTGEN_SOFFICE``, else ``soffice`` or ``libreoffice`` on PATH."""
    explicit = os.environ.get(PROGRAM_ENV, "").strip()
    if explicit:
        found = shutil.which(explicit)
        if found:
            return found
        raise ToolMissing(f"环境变量 {PROGRAM_ENV} 指向的程序“{explicit}”不存在或不可执行。{INSTALL_HINT}")
    for name in PROGRAMS:
        found = shutil.which(name)
        if found:
            return found
    raise ToolMissing(INSTALL_HINT)


def _run_alone(command: list[str], timeout: float) -> subprocess.CompletedProcess[bytes]:
    """Run soffice in its own process group, so that Ctrl-C reaches reportgen first, and on any way out (timeout,
    Ctrl-C, SIGTERM) kill the whole group — soffice's helper processes too — before its profile folder is removed."""
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except BaseException:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def convert_to_pdf(docx: Path, target: Path, *, timeout: float = 120) -> None:
    """Convert ``docx`` to ``target`` (written atomically); each run uses its own LibreOffice profile, so runs
    never share state or wait on another instance's lock."""
    program = find_soffice()
    with tempfile.TemporaryDirectory(prefix="reportgen-soffice-", ignore_cleanup_errors=True) as tmp:
        work = Path(tmp)
        profile, outdir = work / "profile", work / "out"
        outdir.mkdir()
        command = [
            program,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(outdir),
            str(docx.resolve()),
        ]
        try:
            result = _run_alone(command, timeout)
        except subprocess.TimeoutExpired as exc:
            raise ToolFailed(f"LibreOffice 转换 PDF 超时（{timeout:g} 秒），未生成 PDF", str(docx)) from exc
        except OSError as exc:
            raise ToolFailed(f"无法运行 LibreOffice（{program}）：{exc.strerror}", str(docx)) from exc
        produced = outdir / f"{docx.stem}.pdf"
        if result.returncode != 0 or not produced.is_file() or produced.stat().st_size == 0:
            detail = (result.stderr or result.stdout).decode("utf-8", "replace").strip().splitlines()
            reason = detail[-1] if detail else f"退出码 {result.returncode}"
            raise ToolFailed(f"LibreOffice 未能把文件转换为 PDF（{reason}）", str(docx))

        def copy(out: Path) -> None:
            shutil.copyfile(produced, out)

        write_with(target, copy)
