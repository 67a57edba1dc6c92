"""Visual review (not part of CI): every sample rendered to .docx, PDF and PNG pages through LibreOffice, plus layout checks.

Usage: python scripts/visual_review.py [-o DIR] [--dpi 80] [INPUT.yaml ...]

Needs LibreOffice and poppler-utils (pdftoppm, pdftotext); on Debian/Ubuntu:
    apt-get install libreoffice-writer poppler-utils fonts-noto-cjk
The official fonts (方正小标宋简体, 仿宋_GB2312, 楷体_GB2312, 黑体) are not free; a private fontconfig file maps
them to Noto CJK for this review only, so that the pages show serif body text and a sans 黑体 where Word would.
Look at the PNG pages; the script itself reports text outside the 156 × 225 mm text block (a table cut off at
the margin, an overflowing cell) and pages that end with a heading.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from html import unescape
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.errors import InputError  # noqa: E402
from generator.pipeline import read_input  # noqa: E402
from generator.render.docx import MARGINS_MM, PAGE_MM, render_docx  # noqa: E402
from generator.render.pdf import render_pdf  # noqa: E402

MM_PER_PT = 25.4 / 72
TOLERANCE_MM = 1.0
SUBSTITUTES = {
    "方正小标宋简体": "Noto Serif CJK SC",
    "仿宋_GB2312": "Noto Serif CJK SC",
    "楷体_GB2312": "Noto Serif CJK SC",
    "宋体": "Noto Serif CJK SC",
    "黑体": "Noto Sans CJK SC",
}
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.DOTALL)
HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)[^。；，\d]{0,30}$")
HANGING = "，。、；：？！”’）》"  # full-width punctuation may hang one character into the right margin
CHARACTER_MM = 16 * MM_PER_PT  # one 3号 character
INDENT_MM = 2 * CHARACTER_MM  # headings start two characters in


def font_config(directory: Path) -> Path:
    """A fontconfig file that includes the system's and maps the official Chinese fonts to Noto CJK."""
    aliases = "".join(
        f"<alias binding='strong'><family>{name}</family><prefer><family>{font}</family></prefer></alias>"
        for name, font in SUBSTITUTES.items()
    )
    path = directory / "fonts.conf"
    path.write_text(
        f"<?xml version='1.0'?><!DOCTYPE fontconfig SYSTEM 'fonts.dtd'><fontconfig>"
        f"<include ignore_missing='yes'>/etc/fonts/fonts.conf</include>{aliases}</fontconfig>",
        encoding="utf-8",
    )
    return path


def layout_problems(pdf: Path) -> tuple[int, list[str]]:
    """The page count, and text outside the text block or a page whose last line is a heading."""
    html = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True).stdout.decode("utf-8")
    left, right = MARGINS_MM["left"], PAGE_MM[0] - MARGINS_MM["right"]
    top, bottom = MARGINS_MM["top"], PAGE_MM[1] - MARGINS_MM["bottom"]
    problems: list[str] = []
    pages = PAGE.findall(html)
    for number, (_, _, body) in enumerate(pages, 1):
        lines: dict[float, list[tuple[float, str]]] = {}
        for x0, y0, x1, y1, text in WORD.findall(body):
            box = [float(v) * MM_PER_PT for v in (x0, y0, x1, y1)]
            if box[1] > bottom:  # the page number below the text block
                continue
            word = unescape(text)
            hang = CHARACTER_MM if word[-1] in HANGING else 0.0
            if box[0] < left - TOLERANCE_MM or box[2] > right + hang + TOLERANCE_MM or box[1] < top - TOLERANCE_MM:
                problems.append(f"第 {number} 页：“{word}”超出版心（x {box[0]:.1f}–{box[2]:.1f} mm，y {box[1]:.1f} mm）")
            lines.setdefault(round(box[3]), []).append((box[0], word))
        if lines and number < len(pages):
            last = sorted(lines[max(lines)])
            text = "".join(w for _, w in last)
            if abs(last[0][0] - left - INDENT_MM) < 2 and HEADING.match(text):
                problems.append(f"第 {number} 页：页末是标题“{text}”（孤立标题）")
    return len(pages), problems


def review(inputs: list[Path], out: Path, dpi: int) -> int:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["FONTCONFIG_FILE"] = str(font_config(Path(tmp)))
        failures = 0
        for path in inputs:
            try:
                result = read_input(path)
            except InputError as exc:
                print(exc)
                failures += 1
                continue
            if result.report is None:
                print(f"{path}: 无法读取（{len(result.findings)} 条问题）")
                failures += 1
                continue
            docx, pdf = out / f"{path.stem}.docx", out / f"{path.stem}.pdf"
            try:
                render_pdf(result.report, pdf)
                render_docx(result.report, docx)
            except InputError as exc:
                print(exc)
                return 2
            for old in out.glob(f"{path.stem}-*.png"):
                old.unlink()
            subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(out / path.stem)], check=True)
            pages, problems = layout_problems(pdf)
            print(f"{path.name}: {pages} 页 → {out / path.stem}-*.png")
            for problem in problems:
                print(f"  {problem}")
            failures += bool(problems)
    return 1 if failures else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", type=Path, help="YAML/Excel inputs (default: sample_inputs/*.yaml)")
    parser.add_argument("-o", "--out", type=Path, default=Path(tempfile.gettempdir()) / "reportgen-visual")
    parser.add_argument("--dpi", type=int, default=80)
    args = parser.parse_args()
    inputs = args.inputs or sorted((ROOT / "sample_inputs").glob("*.yaml"))
    return review(inputs, args.out, args.dpi)


if __name__ == "__main__":
    sys.exit(main())
