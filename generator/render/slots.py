"""Drawings made once with the numbers left open: literal pieces and, as integers, the places of the numbers."""

from __future__ import annotations

from collections.abc import Sequence

Piece = str | int
Drawing = tuple[Piece, ...]


def merged(pieces: Sequence[Piece]) -> Drawing:
    """Adjacent literal pieces joined into one, so that filling in a drawing joins as few strings as possible."""
    out: list[Piece] = []
    for piece in pieces:
        if isinstance(piece, str) and out and isinstance(out[-1], str):
            out[-1] += piece
        else:
            out.append(piece)
    return tuple(out)


def filled(drawing: Drawing, numbers: Sequence[str]) -> str:
    """The drawing with the ``i``-th number at each place ``i``."""
    if len(drawing) == 1 and isinstance(drawing[0], str):
        return drawing[0]
    return "".join(piece if isinstance(piece, str) else numbers[piece] for piece in drawing)
