"""Safe file access: bounded reads and decoding of inputs, OS errors in Chinese, all-or-nothing writes of outputs."""

from __future__ import annotations

import contextlib
import errno
import io
import os
import stat
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .errors import InputError

MAX_INPUT_BYTES = 10 * 1024 * 1024
EXISTS = "输出文件已存在，不会覆盖（如需替换请加 --overwrite）"
UTF8 = "UTF-8"

# errno → the cause as an official would say it; anything else falls back to the system's own text
OS_CAUSES: dict[int, str] = {
    errno.EACCES: "权限不足",
    errno.EPERM: "权限不足",
    errno.EROFS: "所在磁盘只读",
    errno.ENOSPC: "磁盘已满",
    errno.EDQUOT: "超出磁盘配额",
    errno.ENOTDIR: "路径中有一段是文件，不是文件夹",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENOENT: "路径不存在",
    errno.ENAMETOOLONG: "文件名过长",
    errno.EEXIST: "文件已存在",
    errno.EBUSY: "文件正被其他程序占用",
    errno.ETXTBSY: "文件正被其他程序占用",
    errno.EMFILE: "同时打开的文件过多",
    errno.EIO: "磁盘读写出错",
    errno.EINVAL: "文件名不合法",
    errno.EXDEV: "不能跨磁盘移动文件",
}


def os_error_message(exc: OSError, path: Path | str | None = None) -> str:
    """One Chinese line naming the path and the cause of an OS error, e.g. ``out/a.txt：磁盘已满``."""
    cause = OS_CAUSES.get(exc.errno or 0) or (f"系统错误：{exc.strerror}" if exc.strerror else "系统错误")
    where = path if path is not None else (exc.filename if exc.filename is not None else "")
    return f"{where}：{cause}" if str(where) else cause


_PINNED: dict[str, bytes] = {}  # inputs already read into memory: what is checked is what was read


@contextlib.contextmanager
def pinned(path: Path, data: bytes) -> Iterator[None]:
    """Within this block, :func:`read_bytes` of ``path`` returns ``data`` (read once before) instead of the disk's
    bytes, so that a file changed meanwhile is not checked in one version and used in another."""
    _PINNED[str(path)] = data
    try:
        yield
    finally:
        _PINNED.pop(str(path), None)


def read_bytes(path: Path, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of an input file, refusing a missing file, a directory or one over ``limit``."""
    name = str(path)
    if name in _PINNED:
        return _PINNED[name]
    try:
        if not path.exists():
            raise InputError("文件不存在", name)
        if path.is_dir():
            raise InputError("这是一个目录，不是文件", name)
        size = path.stat().st_size
        if size > limit:
            raise InputError(f"文件过大（{size / 1024 / 1024:.1f} MB），上限为 {limit // 1024 // 1024} MB", name)
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"无法读取文件：{os_error_message(exc, '').lstrip('：')}", name) from exc


OFFICE_HINTS = {"Excel 工作簿（.xlsx）": "请把扩展名改回 .xlsx 后直接使用该工作簿", "Word 文档（.docx）": "请把扩展名改回 .docx 后使用"}


def _office_kind(data: bytes) -> str | None:
    """What a zip or OLE container holds, in words, when a text input turns out to be one."""
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "加密的 Office 文件或旧版 Word/Excel（.doc/.xls）文件"
    if not data.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return "压缩文件"
    if any(n.startswith("xl/") for n in names):
        return "Excel 工作簿（.xlsx）"
    if any(n.startswith("word/") for n in names):
        return "Word 文档（.docx）"
    return "压缩文件"


TEXT_RANGES = (("\u3000", "\u303f"), ("\u4e00", "\u9fff"), ("\uff00", "\uffef"), ("\u2000", "\u206f"))  # what a report is written in


MIN_UTF16_CHARS = 8  # fewer characters say too little to tell text from binary


def _utf16_without_bom(data: bytes) -> str | None:
    """Text in UTF-16 without a BOM (little- or big-endian): it decodes, and to the characters a report is written in
    (ASCII, CJK, their punctuation): binary data decodes to those by chance far less often."""
    if len(data) % 2:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        sample = text[:4096]
        usual = sum(c in "\t\r\n" or " " <= c <= "~" or (c.isprintable() and any(a <= c <= b for a, b in TEXT_RANGES)) for c in sample)
        if len(sample) >= MIN_UTF16_CHARS and usual >= 0.95 * len(sample):
            return text
    return None


def decode_text(data: bytes, file: str) -> tuple[str, str]:
    """The text of a text input and the encoding it was read in: UTF-8 (BOM or not), UTF-16 (BOM), else GB18030.

    A binary file is refused with a Chinese reason that says what it seems to be (an Excel workbook renamed, …).
    """
    suffix = Path(file).suffix or "（无扩展名）"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError as exc:
            raise InputError(f"文件以 UTF-16 标记开头，但第 {exc.start} 个字节处无法解码，请另存为 UTF-8", file) from exc
    kind = _office_kind(data)
    if kind is not None:
        hint = OFFICE_HINTS.get(kind, "请提供文本文件")
        raise InputError(f"这是一个{' ' if kind[0].isascii() else ''}{kind}，扩展名却是“{suffix}”：{hint}", file)
    if b"\x00" in data[:8192]:
        text = _utf16_without_bom(data)
        if text is not None:
            return text, "UTF-16"
        raise InputError("这是一个二进制文件，不是文本文件", file)
    try:
        return data.decode("utf-8-sig"), UTF8
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "GB18030"
    except UnicodeDecodeError as exc:
        raise InputError(
            f"无法识别文件编码（既不是 UTF-8、UTF-16，也不是 GB18030，第 {exc.start} 个字节处），请另存为 UTF-8", file
        ) from exc


def read_text(path: Path, limit: int = MAX_INPUT_BYTES) -> str:
    """A text input decoded by :func:`decode_text`."""
    return decode_text(read_bytes(path, limit), str(path))[0]


# ---------------------------------------------------------------- writing


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name the same file (resolved, or the same inode when both exist; case-insensitive disks too)."""
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return a.resolve() == b.resolve()


def file_keys(path: Path, folders: dict[str, str] | None = None) -> set[object]:
    """What identifies a file: its resolved path, and its device and inode when it exists (so that two paths
    are the same file exactly when their keys meet, as :func:`same_file` decides, without comparing every pair)."""
    return located(path, folders)[0]


def located(path: Path, folders: dict[str, str] | None = None) -> tuple[set[object], os.stat_result | None]:
    """:func:`file_keys` and the status of the file ``path`` names (None if it does not exist).

    ``folders`` caches resolved folders between calls: many paths in one folder then cost one ``lstat`` each.
    """
    name = os.fspath(path)
    try:
        status: os.stat_result | None = os.lstat(name)
    except OSError:
        status = None
    link = status is not None and stat.S_ISLNK(status.st_mode)
    folder, base = os.path.split(name)
    if folders is None or link or base in ("", ".", ".."):
        resolved = os.path.realpath(name)
    else:  # the last part is no link: the path resolves where its folder does
        real = folders.get(folder)
        if real is None:
            real = folders[folder] = os.path.realpath(folder or ".")
        resolved = os.path.join(real, base)
    if link:
        try:
            status = os.stat(name)
        except OSError:
            status = None
    keys: set[object] = {resolved}
    if status is not None:
        keys.add((status.st_dev, status.st_ino))
    return keys, status


class PathIndex:
    """A set of paths that answers "which of them is this file?" in constant time."""

    def __init__(self, paths: Iterable[Path] = (), folders: dict[str, str] | None = None) -> None:
        self.by_key: dict[object, Path] = {}
        self.folders = folders
        for path in paths:
            self.add(path)

    def add(self, path: Path, keys: set[object] | None = None) -> None:
        for key in file_keys(path, self.folders) if keys is None else keys:
            self.by_key.setdefault(key, path)

    def find(self, path: Path, keys: set[object] | None = None) -> Path | None:
        """The indexed path naming the same file as ``path`` (whose :func:`file_keys` may be given), if any."""
        return next((self.by_key[k] for k in (file_keys(path, self.folders) if keys is None else keys) if k in self.by_key), None)


def _mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


class OutputError(InputError):
    """An output could not be written (exists, would overwrite an input, OS error); message is Chinese."""


class OutputSet:
    """The outputs of one input (or one command), written all or none.

    Each output is first written to a unique temporary file beside its target (so concurrent runs never mix
    their content); :meth:`commit` then moves them all into place. Any failure, and any exit without commit
    (an exception, Ctrl-C), removes the temporary files and every target already moved by this set.
    An existing target is refused unless ``overwrite``; a target that is one of ``inputs`` is always refused.
    """

    def __init__(self, inputs: Iterable[Path] = (), *, overwrite: bool = False) -> None:
        self.inputs = PathIndex(Path(p) for p in inputs)
        self.overwrite = overwrite
        self.staged: list[tuple[Path, Path]] = []  # (temporary, target)
        self.written: list[Path] = []
        self.replaced: list[Path] = []
        self.created: list[Path] = []  # folders made for the outputs, removed again if nothing is committed

    def __enter__(self) -> OutputSet:
        return self

    def __exit__(self, *exc: object) -> None:
        self.discard()

    def check_target(self, target: Path) -> None:
        """Refuse a target that is an input, was already staged, or exists (without ``overwrite``)."""
        source = self.inputs.find(target)
        if source is not None:
            raise OutputError(f"输出文件与输入文件是同一个文件，不会覆盖输入：请用 -o 指定其他位置（输入：{source}）", str(target))
        if any(same_file(target, t) for _, t in self.staged):
            raise OutputError("本次运行的两个输出同名，不会互相覆盖", str(target))
        try:
            if target.is_dir():
                raise OutputError("这是一个文件夹，不能作为输出文件", str(target))
            if target.exists() and not self.overwrite:
                raise OutputError(f"{EXISTS}：{target}")
        except OSError as exc:
            raise OutputError(os_error_message(exc, target)) from exc

    def stage_with(self, target: Path, writer: Callable[[Path], None]) -> None:
        """Let ``writer`` produce ``target``'s content at a temporary path (moved into place by commit)."""
        self.check_target(target)
        try:
            if not target.parent.is_dir():  # the folders to make, and to remove again if nothing is committed
                missing = [d for d in (target.parent, *target.parent.parents) if not d.exists()]
                target.parent.mkdir(parents=True, exist_ok=True)
                self.created += [d for d in reversed(missing) if d not in self.created]
            from .temporaries import temporary_prefix

            fd, name = tempfile.mkstemp(prefix=temporary_prefix(target), suffix=".tmp", dir=target.parent)
            os.close(fd)
        except OSError as exc:
            raise OutputError(os_error_message(exc, target.parent if exc.errno != errno.ENAMETOOLONG else target)) from exc
        tmp = Path(name)
        self.staged.append((tmp, target))
        try:
            writer(tmp)
        except OSError as exc:
            raise OutputError(os_error_message(exc, target)) from exc

    def stage(self, target: Path, data: bytes | str) -> None:
        """Stage bytes, or text written as UTF-8 with ``\\n`` line ends."""
        payload = data.encode("utf-8") if isinstance(data, str) else data

        def write(tmp: Path) -> None:
            tmp.write_bytes(payload)

        self.stage_with(target, write)

    def commit(self) -> list[Path]:
        """Move every staged file into place; on failure, undo the moves made and raise OutputError."""
        mode = _mode()
        try:
            for tmp, target in self.staged:
                tmp.chmod(mode)  # mkstemp creates 0600; give the output the permissions a normal write would
                if self.overwrite:
                    existed = target.exists()
                    os.replace(tmp, target)
                    if existed:
                        self.replaced.append(target)
                else:
                    _place_new(tmp, target)
                self.written.append(target)
        except OSError as exc:
            failed = next((t for t in (t for _, t in self.staged) if t not in self.written), None)
            for target in self.written:
                if target not in self.replaced:
                    with contextlib.suppress(OSError):
                        target.unlink()
            self.written, self.replaced = [], []
            if exc.errno == errno.EEXIST:
                raise OutputError("文件已存在（可能由同时运行的另一个 reportgen 刚刚写出），不会覆盖", str(failed)) from exc
            raise OutputError(os_error_message(exc, failed)) from exc
        finally:
            self.discard()
        return list(self.written)

    def discard(self) -> None:
        """Remove the temporary files not yet moved into place, and the folders made for them if nothing was written."""
        for tmp, _ in self.staged:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
        self.staged = []
        if not self.written:
            for folder in reversed(self.created):
                with contextlib.suppress(OSError):
                    folder.rmdir()  # only succeeds while empty: another run's files are never removed
        self.created = []


def _place_new(tmp: Path, target: Path) -> None:
    """Move ``tmp`` onto ``target`` only if ``target`` does not exist, atomically where the disk allows links."""
    try:
        os.link(tmp, target)
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOSYS):
            raise
        if target.exists():
            raise FileExistsError(errno.EEXIST, "exists", str(target)) from exc
        os.replace(tmp, target)
    else:
        tmp.unlink()


def write_all(outputs: dict[Path, bytes | str], inputs: Iterable[Path] = (), *, overwrite: bool = False) -> OutputSet:
    """Write every output or none (see :class:`OutputSet`); returns the committed set (``written``, ``replaced``)."""
    with OutputSet(inputs, overwrite=overwrite) as out:
        for target, data in outputs.items():
            out.stage(target, data)
        out.commit()
    return out


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path in the target's directory, moved onto the target only if the block succeeds."""
    with OutputSet(overwrite=True) as out:
        holder: list[Path] = []

        def keep(tmp: Path) -> None:
            holder.append(tmp)

        out.stage_with(target, keep)
        yield holder[0]
        out.commit()


def write_atomic(target: Path, data: bytes | str) -> None:
    """Write bytes or UTF-8 text to ``target`` so that it is either complete or untouched (replacing it)."""
    write_all({target: data}, overwrite=True)


def write_with(target: Path, writer: Callable[[Path], None]) -> None:
    """Let ``writer`` produce the file at a temporary path, then move it onto ``target`` (replacing it)."""
    with atomic_path(target) as tmp:
        writer(tmp)
