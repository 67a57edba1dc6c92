"""Safe file access: bounded reads of inputs and atomic writes of outputs."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from .errors import InputError

MAX_INPUT_BYTES = 10 * 1024 * 1024


def read_bytes(path: Path, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of an input file, refusing a missing file, a directory or one over ``limit``."""
    name = str(path)
    if not path.exists():
        raise InputError("文件不存在", name)
    if path.is_dir():
        raise InputError("这是一个目录，不是文件", name)
    size = path.stat().st_size
    if size > limit:
        raise InputError(f"文件过大（{size / 1024 / 1024:.1f} MB），上限为 {limit // 1024 // 1024} MB", name)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"无法读取文件：{exc.strerror}", name) from exc


def decode_text(data: bytes, file: str) -> str:
    """Text of an input's bytes: UTF-8 (with or without BOM), else GB18030, which Chinese offices still use.

    Binary data (a NUL byte near the start) and bytes in neither encoding raise InputError.
    """
    if b"\x00" in data[:8192]:
        raise InputError("这是一个二进制文件，不是文本文件", file)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError("无法识别文件编码（既不是 UTF-8 也不是 GB18030），请另存为 UTF-8", file)


def read_text(path: Path, limit: int = MAX_INPUT_BYTES) -> str:
    """A text input, decoded by :func:`decode_text`."""
    return decode_text(read_bytes(path, limit), str(path))


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path in the target's directory, moved onto the target only if the block succeeds."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        # mkstemp creates 0600; give the output the permissions a normal write would
        umask = os.umask(0)
        os.umask(umask)
        tmp_path.chmod(0o666 & ~umask)
        os.replace(tmp_path, target)
    finally:
        tmp_path.unlink(missing_ok=True)


def write_atomic(target: Path, data: bytes | str) -> None:
    """Write bytes or UTF-8 text to ``target`` so that it is either complete or untouched."""
    with atomic_path(target) as tmp:
        if isinstance(data, str):
            tmp.write_text(data, encoding="utf-8", newline="\n")
        else:
            tmp.write_bytes(data)


def write_with(target: Path, writer: Callable[[Path], None]) -> None:
    """Let ``writer`` produce the file at a temporary path, then move it onto ``target``."""
    with atomic_path(target) as tmp:
        writer(tmp)
