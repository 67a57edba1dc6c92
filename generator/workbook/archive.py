"""Safety checks on an .xlsx file's bytes before any XML is parsed: old .xls, encryption, not a zip, zip bombs."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from ..errors import InputError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
MAX_UNCOMPRESSED = 200 * 1024 * 1024  # bytes of XML across the whole file
MAX_RATIO = 100  # uncompressed / compressed, for members large enough to matter
RATIO_FLOOR = 10 * 1024 * 1024  # members smaller than this may compress as well as they like
MAX_MEMBERS = 5000
MAX_PART = 50 * 1024 * 1024  # shared strings, styles…: read whole by openpyxl, so bounded tighter than sheets
SAVE_AS = "请在 Excel 或 WPS 中打开，另存为“Excel 工作簿（*.xlsx）”后再试"


@dataclass(frozen=True)
class Archive:
    """What the zip directory says about the workbook."""

    has_macros: bool
    sizes: dict[str, int] = field(default_factory=dict)  # member name -> uncompressed size


def inspect_archive(data: bytes, file: str) -> Archive:
    """Refuse what openpyxl should never see; raises InputError with a Chinese reason."""
    with open_archive(data, file) as archive:
        return check_members(archive, file)


def open_archive(data: bytes, file: str) -> zipfile.ZipFile:
    """The file's zip, once it is neither an old .xls, an encrypted file, empty nor something else; raises InputError."""
    if data.startswith(OLE_MAGIC):
        if ENCRYPTED_STREAM in data:
            raise InputError("工作簿设置了打开密码（已加密），无法读取：请在 Excel 或 WPS 中取消密码后另存为 .xlsx", file)
        raise InputError(f"这是旧版 Excel 97-2003（.xls）或 WPS（.et）格式的文件，{SAVE_AS}", file)
    if not data:
        raise InputError("文件是空的", file)
    if not zipfile.is_zipfile(io.BytesIO(data)):
        what = "网页或文本文件" if data.lstrip()[:1] in (b"<", b"{") or _is_text(data) else "其他格式的文件"
        raise InputError(f"不是有效的 .xlsx 工作簿（看起来是{what}），{SAVE_AS}", file)
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(f"文件已损坏，无法作为 .xlsx 打开（{exc}），{SAVE_AS}", file) from exc


def check_members(archive: zipfile.ZipFile, file: str) -> Archive:
    """Refuse a zip that is not a workbook or would expand far beyond one (a zip bomb); raises InputError."""
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise InputError(f"文件内部包含 {len(infos)} 个部件，远超正常工作簿，拒绝读取", file)
    names = {info.filename for info in infos}
    if "xl/workbook.xml" not in names:
        kind = "Word 文档（.docx）" if "word/document.xml" in names else "Excel 工作簿"
        raise InputError(f"这不是 Excel 工作簿（.xlsx）{'，而是' + kind if kind != 'Excel 工作簿' else ''}", file)
    total = sum(info.file_size for info in infos)
    if total > MAX_UNCOMPRESSED:
        raise InputError(f"工作簿解压后有 {total / 1024 / 1024:.0f} MB，超过上限 {MAX_UNCOMPRESSED // 1024 // 1024} MB，拒绝读取", file)
    for info in infos:
        if info.file_size > MAX_PART and not info.filename.startswith("xl/worksheets/"):
            raise InputError(f"工作簿内部文件 {info.filename} 解压后有 {info.file_size // 1024 // 1024} MB，远超正常工作簿，拒绝读取", file)
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise InputError(
                f"工作簿内部文件 {info.filename} 的压缩比异常（{info.file_size // max(info.compress_size, 1)} 倍），疑似压缩炸弹，拒绝读取",
                file,
            )
    macros = any(re.search(r"vbaProject\.bin$", n, re.IGNORECASE) for n in names)
    return Archive(macros, {info.filename: info.file_size for info in infos})


def _is_text(data: bytes) -> bool:
    head = data[:512]
    return b"\x00" not in head and all(b >= 9 for b in head)
