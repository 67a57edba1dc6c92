"""Write a copy of reportgen's Word template (generator/templates/reference.docx) for a unit to restyle.

Usage: python scripts/make_reference_docx.py TARGET

The template is the source of truth for the .docx: its styles (标题/Title, 正文/Normal, 标题 1, 标题 2, 段首小标题,
表格, 表格项目, 署名, 成文日期, 页码, 报告表格), page setup, page-number footers, font table and settings. Open the
copy in Word, WPS or LibreOffice, change the styles and the page setup, save it, and pass it as
``reportgen build --reference-doc FILE``: its styles, page setup, headers and footers are used, its body is replaced,
and any style it lacks is copied from reportgen's template.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.render.docx import write_reference  # noqa: E402


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    target = Path(sys.argv[1])
    write_reference(target)
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
