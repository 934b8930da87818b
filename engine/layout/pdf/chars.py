"""A PDF's characters grouped into lines by baseline, and a line's characters into words."""

from __future__ import annotations

from gixlint.layout.rows.words import Word
from gixlint.read.pdf import Char

_CELL_GAP = 0.6           # a gap wider than this many font sizes separates two cells
_WORD_GAP = 0.25          # … and wider than this separates two words
_CJK_GAP = 0.35           # (between two CJK characters: justified prose spreads them a little)


def _is_cjk(ch: str) -> bool:
    return ord(ch) > 0x2E80


def _lines(chars: list[Char | None]) -> list[list[Char | None]]:
    """Group characters into lines by baseline (top of the page first)."""
    # a space stays with the character before it, so word breaks survive sorting
    tagged: list[tuple[Char, bool]] = []
    for c in chars:
        if c is None:
            if tagged:
                tagged[-1] = (tagged[-1][0], True)
            continue
        tagged.append((c, False))
    tagged.sort(key=lambda t: -t[0].y)
    lines: list[list[tuple[Char, bool]]] = []
    for c, space in tagged:
        if lines and abs(lines[-1][0][0].y - c.y) <= 0.3 * max(c.size, lines[-1][0][0].size):
            lines[-1].append((c, space))
        else:
            lines.append([(c, space)])
    out = []
    for line in lines:
        line.sort(key=lambda t: t[0].x0)
        seq: list[Char | None] = []
        for c, space in line:
            seq.append(c)
            if space:
                seq.append(None)
        out.append(seq)
    return out


def _words(seq: list[Char | None]) -> list[Word]:
    words: list[Word] = []
    prev: Char | None = None
    space = False
    for c in seq:
        if c is None:
            space = True
            continue
        if prev is None:
            words.append(Word(c.ch, c.x0, c.x1, True))
        else:
            gap = c.x0 - prev.x1
            size = max(c.size, prev.size)
            if gap > _CELL_GAP * size:
                words.append(Word(c.ch, c.x0, c.x1, True))
            elif (space and gap > 0) or gap > (_CJK_GAP if _is_cjk(c.ch) and _is_cjk(prev.ch) else _WORD_GAP) * size:
                words.append(Word(c.ch, c.x0, c.x1, False))
            else:
                words[-1].text += c.ch
                words[-1].x1 = max(words[-1].x1, c.x1)
        prev, space = c, False
    return words
