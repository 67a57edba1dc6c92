"""Planning a command's outputs before anything is written: distinct names, output folder, options that must hold."""

from __future__ import annotations

import datetime as dt
import io
import os
import stat
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from .errors import InputError
from .fileio import EXISTS, OutputError, PathIndex, located, os_error_message, read_bytes

EPOCH_ENV = "SOURCE_DATE_EPOCH"


def distinct_stems(paths: Sequence[Path]) -> dict[Path, str]:
    """An output stem per input, distinct even on a case-insensitive disk: the input's stem; where inputs share it,
    the stem with its suffix (a.yaml, a.xlsx), else with its folder's name (2024/a, 2025/a), else numbered."""
    groups: dict[str, list[Path]] = {}
    for path in paths:
        groups.setdefault(path.stem.casefold(), []).append(path)
    stems: dict[Path, str] = {}
    taken = {key for key, group in groups.items() if len(group) == 1}
    for group in groups.values():
        if len(group) == 1:
            stems[group[0]] = group[0].stem
            continue
        for naming in (_by_suffix, _by_folder, _by_number):
            names = [naming(path, i) for i, path in enumerate(group, 1)]
            keys = [n.casefold() for n in names]
            if len(set(keys)) == len(keys) and not taken & set(keys):
                break
        taken |= set(keys)
        stems.update(zip(group, names, strict=True))
    return stems


def _by_suffix(path: Path, index: int) -> str:
    return f"{path.stem}-{path.suffix.lstrip('.').lower()}"


def _by_folder(path: Path, index: int) -> str:
    return f"{path.resolve().parent.name or '根目录'}-{path.stem}"


def _by_number(path: Path, index: int) -> str:
    return f"{path.stem}-{index}"


def check_separators(path: Path) -> None:
    """Refuse a path typed with Windows' ``\\`` where the system separates folders with ``/`` (it would name one folder)."""
    if os.sep == "/" and "\\" in str(path):
        hint = str(path).replace("\\", "/")
        raise OutputError(f"路径中有反斜杠“\\”：本系统用“/”分隔文件夹，请写成 {hint}", str(path))


def check_folder(folder: Path) -> None:
    """Refuse an output folder that is a file or lies under one, before anything is rendered (it is created later)."""
    check_separators(folder)
    for ancestor in (folder, *folder.parents):
        try:
            if ancestor.exists():
                if not ancestor.is_dir():
                    cause = "这是一个文件，不是文件夹" if ancestor == folder else f"路径中的“{ancestor}”是文件，不是文件夹"
                    raise OutputError(f"无法作为输出文件夹：{cause}", str(folder))
                return
        except OSError as exc:
            raise OutputError(os_error_message(exc, folder)) from exc


def check_targets(targets: Iterable[Path], inputs: Sequence[Path], *, overwrite: bool) -> None:
    """Refuse the whole plan when a target is an input, two targets coincide, or one exists (without overwrite)."""
    targets = list(targets)
    for target in targets:
        check_separators(target)
    folders: dict[str, str] = {}  # most targets share a folder: resolved once
    sources, seen = PathIndex(inputs, folders), PathIndex()
    existing: list[Path] = []
    for target in targets:
        keys, status = located(target, folders)
        source = sources.find(target, keys)
        if source is not None:
            raise OutputError(f"输出会覆盖输入文件“{source}”，不会写出：请用 -o 指定其他文件夹或文件名", str(target))
        if seen.find(target, keys) is not None:
            raise OutputError("本次运行的两个输出同名，不会互相覆盖", str(target))
        seen.add(target, keys)
        if status is not None and stat.S_ISDIR(status.st_mode):
            raise OutputError("这是一个文件夹，不能作为输出文件", str(target))
        if status is not None and not overwrite:
            existing.append(target)
    if existing:
        names = "、".join(str(p) for p in existing[:5]) + (f" 等 {len(existing)} 个文件" if len(existing) > 5 else "")
        raise OutputError(f"{EXISTS}：{names}")


def check_reference_doc(path: Path | None) -> None:
    """A ``--reference-doc`` must be a Word .docx; checked before any input is rendered."""
    if path is None:
        return
    data = read_bytes(path)
    file = str(path)
    if not data:
        raise InputError("参考样式文件是空文件，请提供 Word .docx 文件", file)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        if data.startswith(b"\xd0\xcf\x11\xe0"):
            raise InputError("参考样式文件是加密的或旧版 .doc 文件，请在 Word 中另存为不加密的 .docx", file) from None
        raise InputError("参考样式文件不是 Word .docx 文件", file) from None
    if "word/document.xml" not in names:
        if any(n.startswith("xl/") for n in names):
            raise InputError("参考样式文件是 Excel 工作簿，不是 Word .docx 文件", file)
        raise InputError("参考样式文件不是 Word .docx 文件", file)


def epoch_time() -> dt.datetime | None:
    """``SOURCE_DATE_EPOCH`` as a UTC time, None when unset; an unusable value is refused in Chinese."""
    raw = os.environ.get(EPOCH_ENV, "").strip()
    if not raw:
        return None
    try:
        when = dt.datetime.fromtimestamp(int(raw), dt.UTC) if raw.isdigit() else None
    except (OverflowError, ValueError, OSError):
        when = None
    if when is None or when.year > 9998:
        raise InputError(f"环境变量 {EPOCH_ENV} 的值“{raw[:40]}”不是可用的时间（应为 1970 年以来的秒数，例如 1767225600）")
    return when
