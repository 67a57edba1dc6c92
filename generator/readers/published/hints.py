"""Figures the narrative states about a table row, to settle a run-together row that has no sum rule (table 2)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from .labels import norm

SENTENCE = re.compile(r"[^。；;！？!?\n]+")
FIGURE = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])")


def stated(label: str, narrative: str) -> tuple[set[str], str]:
    """The numbers in the narrative's sentences that name ``label``, and the first such sentence."""
    key = norm(label)
    numbers: set[str] = set()
    first = ""
    if len(key) < 2:
        return numbers, first
    for sentence in SENTENCE.findall(unicodedata.normalize("NFKC", narrative)):
        if key in norm(sentence):
            numbers.update(FIGURE.findall(sentence.replace(",", "")))
            first = first or sentence.strip()
    return numbers, first


def settle(label: str, options: Sequence[Sequence[str]], narrative: str) -> tuple[int, str] | None:
    """The one way to split whose numbers include every number the narrative states about the row, with that sentence."""
    numbers, sentence = stated(label, narrative)
    if not numbers:
        return None
    fitting = [i for i, option in enumerate(options) if numbers <= set(option)]
    return (fitting[0], sentence) if len(fitting) == 1 else None
