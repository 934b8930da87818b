"""Shared by the .docx and .html readers: turn paragraphs and table cells into layout items.

Both readers emit what Word's plain-text export gives for the same document: one item per
paragraph, and one item per table cell in row-major order — a vertically merged continuation
cell as an explicitly empty cell, a horizontally merged cell once.
"""

from __future__ import annotations

import re

from gixlint.read.document import CELL, CHROME, EMPTY, PAGE, TEXT, Item
from gixlint.read.furniture import _PAGE_NUMBER, clean, is_chrome

_EDGE = " \t\r\n\f\v\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff"
_RUN = re.compile(r"[ \t\r\n\f\v\u00a0\u2002\u2003\u2009]+")

# A table cell longer than this that holds several paragraphs is a layout container (a page
# laid out in a one-cell table), not a data cell: its paragraphs become items of their own.
CONTAINER_CHARS = 150


_GAP = re.compile(r"[ \t\u00a0\u3000]{2,}")
_TYPED_GAP = re.compile(r"[ \u00a0\u3000]*\u00a0[ \u00a0\u3000]*\u00a0[ \u00a0\u3000]*")   # &nbsp;&nbsp; in a web page


# every character tidy() may remove or change: a text without any is already tidy (most cells)
_UNTIDY = re.compile(r"[\s\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff\x0c\[]")


def tidy(text: str, keep_gaps: bool = False) -> str:
    """One paragraph's text: artifacts removed, runs of spaces collapsed, edges trimmed.

    With ``keep_gaps`` (Word, where every space was typed) a run of two or more spaces stays two
    spaces: 「主动公开政府信息  条」 is a number left out, and must reach the checks as such. In a
    web page only typed non-breaking spaces (&nbsp;&nbsp;) are such a gap; other runs are layout.
    """
    if text.isalnum() or not _UNTIDY.search(text):
        return text
    return _tidy(text, keep_gaps)


def _tidy(text: str, keep_gaps: bool) -> str:
    text = clean(text)
    gaps = _GAP if keep_gaps else _TYPED_GAP
    return "  ".join(_RUN.sub(" ", part) for part in gaps.split(text)).strip(_EDGE)


def join_cell(parts: list[str]) -> str:
    """A cell's paragraphs or ``<br>``-separated lines, joined as one (商业 / 企业 → 商业企业)."""
    if len(parts) == 1:     # most cells: no generator to join
        return tidy(parts[0]).strip(_EDGE)
    return "".join(tidy(p) for p in parts).strip(_EDGE)


class Emitter:
    """Collects what a reader finds, as (text, role, source) pieces; :func:`numbered` makes them
    items once the reader knows which it keeps (a web page drops the portal around its report)."""

    def __init__(self, keep_gaps: bool = False) -> None:
        self.pieces: list[tuple[str, str, str]] = []
        self.keep_gaps = keep_gaps      # see tidy()

    def text(self, text: str, source: str) -> None:
        text = tidy(text, self.keep_gaps)
        if text:
            role = CHROME if is_chrome(text) else PAGE if _PAGE_NUMBER.match(text) else TEXT
            self.pieces.append((text, role, source))

    def cell(self, text: str, source: str) -> None:
        if text.isascii() and text.isdigit():       # a count (most cells): nothing to trim, no chrome
            self.pieces.append((text, CELL, source))
            return
        text = text.strip(_EDGE)
        if not text:
            self.empty(source)
        else:
            self.pieces.append((text, CHROME if is_chrome(text) else CELL, source))

    def empty(self, source: str) -> None:
        self.pieces.append(("", EMPTY, source))


def numbered(pieces: list[tuple[str, str, str]]) -> list[Item]:
    """The items, lines 1..n."""
    return [Item(line, text, role, 0, source) for line, (text, role, source) in enumerate(pieces, start=1)]
