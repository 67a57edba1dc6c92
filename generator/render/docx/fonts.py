"""The official fonts of the layout and the free faces that stand in for them when LibreOffice converts to PDF."""

from __future__ import annotations

from dataclasses import dataclass

from .layout import BODY_FONT, HEADING1_FONT, HEADING2_FONT, LATIN_FONT, PAGE_NUMBER_FONT, TITLE_FONT


@dataclass(frozen=True)
class FontFace:
    """A font of the official layout (named in the template's styles and font table) and the faces that may stand in."""

    name: str
    substitutes: tuple[str, ...]  # free faces to use instead, best first (PDF through LibreOffice)
    official: bool = True


SERIF_CJK = ("Noto Serif CJK SC", "Source Han Serif SC", "Source Han Serif CN", "AR PL UMing CN", "Noto Serif SC")
SANS_CJK = ("Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Zen Hei", "Noto Sans SC")
FONTS = (
    FontFace(TITLE_FONT, ("方正小标宋_GBK", "华文中宋", "STZhongsong", "宋体", "SimSun", *SERIF_CJK)),
    FontFace(BODY_FONT, ("仿宋", "FangSong", "STFangsong", *SERIF_CJK)),
    FontFace(HEADING1_FONT, ("SimHei", "STHeiti", *SANS_CJK)),
    FontFace(HEADING2_FONT, ("楷体", "KaiTi", "STKaiti", "AR PL UKai CN", "AR PL KaitiM GB", *SERIF_CJK)),
    FontFace(PAGE_NUMBER_FONT, ("SimSun", "Songti SC", *SERIF_CJK)),
    FontFace(LATIN_FONT, ("Liberation Serif", "Tinos", "TeX Gyre Termes", "DejaVu Serif"), official=False),
)
