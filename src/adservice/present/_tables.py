"""Plain-text tables that line up Chinese text (CJK characters take two terminal columns)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

__all__ = ["table", "width"]


def width(text: str) -> int:
    """Terminal columns ``text`` takes: CJK characters (client names, codes) take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """Left-aligned columns two spaces apart (by display width); trailing spaces stripped."""
    body = [list(r) for r in rows]
    widths = [max(width(line[i]) for line in (headers, *body)) for i in range(len(headers))]
    return [
        "  ".join(c + " " * (w - width(c)) for c, w in zip(line, widths, strict=True)).rstrip()
        for line in (headers, *body)
    ]
