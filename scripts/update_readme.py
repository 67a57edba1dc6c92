"""Rewrite the table of finding codes in README.md from the code registry."""

from __future__ import annotations

import re
from pathlib import Path

from generator.codes import markdown_table

README = Path(__file__).resolve().parents[1] / "README.md"
BLOCK = re.compile(r"(<!-- codes:start -->\n).*?(<!-- codes:end -->)", re.S)


def updated(text: str) -> str:
    return BLOCK.sub(lambda m: m.group(1) + markdown_table() + "\n" + m.group(2), text)


if __name__ == "__main__":
    README.write_text(updated(README.read_text(encoding="utf-8")), encoding="utf-8")
