"""Write generator/templates/reference.docx: an empty report document with every style reportgen uses, for units to restyle.

Usage: python scripts/make_reference_docx.py [TARGET]

Open the file in Word or WPS, change the styles (标题/Title, 正文/Normal, 标题 1, 标题 2, 段首小标题, 表格, 表格项目,
署名, 成文日期, 页码, 报告表格) and the page setup, save it, and pass it as ``reportgen build --reference-doc FILE``:
its styles, page setup, headers and footers are used, and any style it lacks is added with reportgen's defaults.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.render.docx import write_reference  # noqa: E402


def main() -> int:
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "generator" / "templates" / "reference.docx"
    write_reference(target)
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
