"""The lines of 提交情况's 说明 sheet about the inbox: what was passed over, file names given, digests of files used."""

from __future__ import annotations

from .collect import Collection
from .names import renamed


def inbox_notes(collection: Collection) -> list[str]:
    """Files passed over and why, the units whose file name differs from their name, and the SHA-256 of each file used."""
    lines: list[str] = []
    if collection.own:
        lines.append(f"已跳过收件箱中 {len(collection.own)} 个本工具以前写出的文件（提交情况、退回、已采用等），不作为报送文件：")
        lines += [f"  {p}" for p in collection.own]
    if collection.superseded:
        lines.append("以下旧版格式文件旁有同名 .xlsx 文件，已使用 .xlsx 文件：")
        lines += [f"  {p}" for p in collection.superseded]
    mapping = renamed(collection.stems)
    if mapping:
        lines.append("以下单位的名称不能直接用作文件名，其文件（退回、已采用、报告）使用右侧的名称：")
        lines += [f"  {name} → {stem}" for name, stem in mapping]
    used = [e for e in collection.entries if e.unit is not None and e.used is not None and e.used.digest]
    if used:
        lines.append("所用文件的校验值（SHA-256，已采用的文件即检查时读取的内容）：")
        lines += [f"  {e.name}：{e.used.path}：{e.used.digest}" for e in used if e.used is not None]
    return lines
