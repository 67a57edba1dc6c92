"""Cells run together without separators: enumerate the ways to split the digits, keep those the sum rules allow."""

from __future__ import annotations

from collections.abc import Callable, Sequence

MAX_DIGITS = 7  # no single cell of these tables reaches ten million
MAX_STEPS = 200_000  # enumeration budget per row


class TooMany(Exception):
    """The enumeration budget ran out: too many ways to split to decide."""


def splits(
    pieces: Sequence[str],
    count: int,
    accept: Callable[[list[int]], bool] | None = None,
    checkpoints: Sequence[int] = (),
) -> list[list[int]]:
    """Every split of the digit strings ``pieces`` into ``count`` numbers in order (a piece's digits never join another's).

    ``accept(prefix)`` is asked when the prefix length is in ``checkpoints`` and at the end; numbers have no leading zeros.
    Raises :class:`TooMany` when the budget runs out.
    """
    text = "".join(pieces)
    cuts: set[int] = set()
    pos = 0
    for piece in pieces:
        pos += len(piece)
        cuts.add(pos)
    marks = set(checkpoints) | {count}
    out: list[list[int]] = []
    steps = 0

    def walk(start: int, parts: list[int]) -> None:
        nonlocal steps
        steps += 1
        if steps > MAX_STEPS:
            raise TooMany
        left = count - len(parts)
        rest = len(text) - start
        if left == 0:
            if rest == 0:
                out.append(list(parts))
            return
        if rest < left or rest > left * MAX_DIGITS:
            return
        for end in range(start + 1, min(len(text), start + MAX_DIGITS) + 1):
            digits = text[start:end]
            if len(digits) > 1 and digits[0] == "0":
                break
            parts.append(int(digits))
            if len(parts) not in marks or accept is None or accept(parts):
                walk(end, parts)
            parts.pop()
            if end in cuts:  # a separator printed here: no number runs across it
                break

    walk(0, [])
    return out
