"""PDF output: the .docx converted by LibreOffice (soffice) run headless with a private profile whose font
replacement table stands free CJK faces in for the official fonts when these are not installed."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from ..errors import ToolFailed, ToolMissing
from ..fileio import write_with
from ..report import Report
from ..view import ReportView
from .docx.fonts import FONTS

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


@functools.cache
def installed_families() -> frozenset[str] | None:
    """Font families fontconfig knows (``fc-list``), or None where it cannot tell (no fontconfig: Windows, macOS)."""
    program = shutil.which("fc-list")
    if program is None:
        return None
    try:
        listed = subprocess.run([program, ":", "family"], capture_output=True, timeout=20, check=False, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return None
    names = listed.stdout.decode("utf-8", "replace").splitlines()
    return frozenset(name.strip() for line in names for name in line.split(",") if name.strip())


def font_replacements(installed: frozenset[str] | None) -> dict[str, str]:
    """For each font of the layout: the first installed substitute (the first listed when nothing is known)."""
    chosen = {}
    for face in FONTS:
        if installed is not None and face.name in installed:
            continue
        candidates = [f for f in face.substitutes if installed is None or f in installed]
        if candidates:
            chosen[face.name] = candidates[0]
    return chosen


def missing_fonts(installed: frozenset[str] | None = None) -> list[str]:
    """The official fonts (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312, 宋体) this machine lacks; [] when unknown."""
    installed = installed_families() if installed is None else installed
    if installed is None:
        return []
    return [face.name for face in FONTS if face.official and face.name not in installed]


def registry_xml(replacements: dict[str, str]) -> str:
    """LibreOffice's ``registrymodifications.xcu`` with a font replacement table applied only to missing fonts."""
    pairs = "".join(
        f'<node oor:name="_{i}" oor:op="replace">'
        '<prop oor:name="Always" oor:op="fuse"><value>true</value></prop>'
        '<prop oor:name="OnScreenOnly" oor:op="fuse"><value>false</value></prop>'
        f'<prop oor:name="ReplaceFont" oor:op="fuse"><value>{escape(name)}</value></prop>'
        f'<prop oor:name="SubstituteFont" oor:op="fuse"><value>{escape(substitute)}</value></prop></node>'
        for i, (name, substitute) in enumerate(replacements.items())
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        '<item oor:path="/org.openoffice.Office.Common/Font/Substitution">'
        '<prop oor:name="Replacement" oor:op="fuse"><value>true</value></prop></item>'
        f'<item oor:path="/org.openoffice.Office.Common/Font/Substitution/FontPairs">{pairs}</item></oor:items>\n'
    )


def prepare_profile(profile: Path) -> None:
    """A fresh LibreOffice profile holding only the font replacement table."""
    user = profile / "user"
    user.mkdir(parents=True)
    (user / "registrymodifications.xcu").write_text(registry_xml(font_replacements(installed_families())), encoding="utf-8")


def soffice_command(program: str, profile: Path, outdir: Path, sources: Sequence[Path]) -> list[str]:
    return [
        program,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--nologo",
        "--convert-to",
        "pdf:writer_pdf_Export",
        "--outdir",
        str(outdir),
        *(str(source.resolve()) for source in sources),
    ]


def convert_many(sources: Sequence[Path], outdir: Path, *, timeout: float = 600) -> None:
    """Convert several .docx files into ``outdir`` with one LibreOffice start (for reviews and tests)."""
    program = find_soffice()
    with tempfile.TemporaryDirectory(prefix="reportgen-soffice-") as tmp:
        profile = Path(tmp) / "profile"
        prepare_profile(profile)
        command = soffice_command(program, profile, outdir, sources)
        subprocess.run(command, capture_output=True, timeout=timeout, check=False, stdin=subprocess.DEVNULL)


def convert_to_pdf(docx: Path, target: Path, *, timeout: float = 120) -> None:
    """Convert ``docx`` to ``target`` (written atomically); each run uses its own LibreOffice profile, so runs
    never share state or wait on another instance's lock."""
    program = find_soffice()
    with tempfile.TemporaryDirectory(prefix="reportgen-soffice-", ignore_cleanup_errors=True) as tmp:
        work = Path(tmp)
        profile, outdir = work / "profile", work / "out"
        outdir.mkdir()
        prepare_profile(profile)
        command = soffice_command(program, profile, outdir, [docx])
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


def render_pdf(
    report: Report,
    target: Path,
    *,
    view: ReportView | None = None,
    reference_doc: Path | None = None,
    timestamp: dt.datetime | None = None,
) -> list[str]:
    """Write the report to ``target`` as PDF through LibreOffice; the official fonts this machine lacks (their
    replacements were used), for a warning."""
    from .docx import docx_bytes

    data = docx_bytes(report, view=view, reference_doc=reference_doc, timestamp=timestamp, libreoffice=True)
    with tempfile.TemporaryDirectory(prefix="reportgen-pdf-") as tmp:
        source = Path(tmp) / f"{target.stem}.docx"
        source.write_bytes(data)
        convert_to_pdf(source, target)
    return missing_fonts()
