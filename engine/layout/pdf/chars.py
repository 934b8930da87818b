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
    """Group characters into lines by baseline (top of the page first). A space stays with the
    character before it, so word breaks survive sorting. (Sorted by key lists: no Python call a
    character, and no tuple made for each.)"""
    glyphs: list[Char] = []
    spaced: list[bool] = []             # a space follows the glyph
    for c in chars:
        if c is None:
            if spaced:
                spaced[-1] = True
            continue
        glyphs.append(c)
        spaced.append(False)
    if len(glyphs) < 2:                 # most table cells hold one glyph: a line of it, as sorted
        return [[glyphs[0], None] if spaced[0] else [glyphs[0]]] if glyphs else []
    down = [-c.y for c in glyphs]
    lines: list[list[int]] = []
    line: list[int] = []
    head: Char | None = None            # a line's first glyph, the one each next is measured by
    for i in sorted(range(len(glyphs)), key=down.__getitem__):
        c = glyphs[i]
        if head is not None and abs(head.y - c.y) <= 0.3 * max(c.size, head.size):
            line.append(i)
        else:
            head, line = c, [i]
            lines.append(line)
    across = [c.x0 for c in glyphs]
    out = []
    for line in lines:
        line.sort(key=across.__getitem__)
        seq: list[Char | None] = []
        for i in line:
            seq.append(glyphs[i])
            if spaced[i]:
                seq.append(None)
        out.append(seq)
    return out


def _words(seq: list[Char | None]) -> list[Word]:
    """A line's characters as words: a gap wider than a cell's starts a cell, a space or a gap
    wider than a word's starts a word. (Each word's text is joined once it ends.)"""
    words: list[Word] = []
    prev: Char | None = None
    space = False
    parts: list[str] = []               # the word being read: its characters, extent, gap before
    x0 = x1 = 0.0
    wide = False
    for c in seq:
        if c is None:
            space = True
            continue
        if prev is None:
            starts, gap_before = True, True
        else:
            gap = c.x0 - prev.x1
            size = max(c.size, prev.size)
            if gap > _CELL_GAP * size:
                starts, gap_before = True, True
            elif (space and gap > 0) or gap > (_CJK_GAP if _is_cjk(c.ch) and _is_cjk(prev.ch) else _WORD_GAP) * size:
                starts, gap_before = True, False
            else:
                starts = False
        if starts:
            if parts:
                words.append(Word("".join(parts), x0, x1, wide))
            parts, x0, x1, wide = [c.ch], c.x0, c.x1, gap_before
        else:
            parts.append(c.ch)
            x1 = max(x1, c.x1)
        prev, space = c, False
    if parts:
        words.append(Word("".join(parts), x0, x1, wide))
    return words
