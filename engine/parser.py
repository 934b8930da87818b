"""Layout → lark parse tree. The lexer works on whole lines, so parsing takes milliseconds.

Each layout item becomes one token whose terminal says what the line is (a section heading,
a table label, a value, prose). The LALR grammar in ``grammar/report.lark`` gives the token
stream its structure; :mod:`gixlint.build` turns the tree into the report AST.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedInput
from lark.lexer import Lexer

from . import labels as L
from .layout import CELL, EMPTY, PROSE, ROWLABEL, Item, Layout
from .values import looks_like_value

# --- section headings -------------------------------------------------------------------

_HEADING = re.compile(
    r"^(?P<num>[一二三四五六]|[1-6]|[(（][一二三四五六1-6][)）])?\s*(?P<sep>[、.．,，:：]?)\s*(?P<title>.+)$"
)


@dataclass(frozen=True)
class Heading:
    number: int
    numeral: str
    separator: str
    title: str


def parse_heading(text: str) -> Heading | None:
    """A top-level heading is a numeral, a separator and a known section title.

    ``（二）主动公开政府信息情况`` inside 总体情况 is a sub-heading, not section 二; table
    labels such as ``三、本年度办理结果`` match no title and stay labels.
    """
    if len(text) > 40:
        return None
    m = _HEADING.match(text.strip())
    if not m:
        return None
    numeral, sep, title = m.group("num") or "", m.group("sep") or "", m.group("title").strip()
    if numeral.startswith(("(", "（")):
        return None
    squashed = L.squash(title)
    for number, pattern in L.SECTION_PATTERNS.items():
        if pattern.match(squashed):
            if not numeral and not sep and squashed != L.squash(L.SECTION_TITLES[number]):
                return None  # an unnumbered line is a heading only when it is the exact title
            return Heading(number, numeral, sep, title)
    return None


# --- the line lexer ---------------------------------------------------------------------

_T2_HEADS = {L.label_key(h) for h in L.T2_HEADERS}
_T3_HEADS = {L.label_key(h) for h in L.T3_HEADERS}
_T4_HEADS = {L.label_key(h) for h in L.T4_HEADERS}
_COMMON = {L.label_key(h) for h in L.COMMON_HEADERS}
_SENTENCE = re.compile(r"[。；;！？]")


def classify(item: Item) -> str:
    """The terminal for one layout item, decided from its text alone."""
    if item.role == EMPTY:
        return "EMPTY"
    if item.role == ROWLABEL:
        # the first cell of a row of explicit cells: a known label, or a row whose label is lost
        kind = _classify(item.text, True) if item.text else ""
        return kind if kind in ("T3_LABEL", "T3_GROUP", "T2_LABEL") else "T3_ORPHAN"
    kind = _classify(item.text, item.role == CELL)
    if item.role == PROSE and kind in ("SHORT_TEXT", "VALUE"):
        return "TEXT"   # text between a converter's tables is never a cell
    return kind


@lru_cache(maxsize=8192)
def _classify(text: str, is_cell: bool) -> str:
    """Cached: reports repeat the same labels and small numbers hundreds of times."""
    key = L.label_key(text)
    if not key:
        return "EMPTY"
    if parse_heading(text):
        return "SECTION"
    if L.T2_BLOCK.match(L.squash(text)):
        return "T2_BLOCK"
    if key in _T2_HEADS:
        return "T2_HEAD"
    if key in L.T2_LABELS:
        return "T2_LABEL"
    if key.startswith("(本列数据的勾稽关系") or (key.startswith("(") and "勾稽关系" in key and len(key) < 60):
        return "T3_NOTE"
    if key in _T3_HEADS:
        return "T3_HEAD"
    if key in _COMMON:
        return "COMMON_HEAD"
    if key in _T4_HEADS or (len(key) >= 4 and set(key) <= L.T4_HEADER_CHARS):
        return "T4_HEAD"   # also header words a layout glued together: 「维持纠正结果审结」
    if key in L.T3_GROUP_INDEX:
        return "T3_GROUP"
    if L.match_t3_row(text):
        return "T3_LABEL"
    if looks_like_value(text):
        return "VALUE"
    if is_cell and len(key) <= 12 and not _SENTENCE.search(text):
        return "SHORT_TEXT"
    if len(key) <= 6 and not _SENTENCE.search(text):
        return "SHORT_TEXT"
    return "TEXT"


class LineLexer(Lexer):
    """Feeds lark one token per layout item; the token's value is the item's index."""

    def __init__(self, lexer_conf):  # lark passes its lexer configuration
        pass

    def lex(self, items: list[tuple[str, Item]]):
        for index, (terminal, item) in enumerate(items):
            yield Token(terminal, str(index), line=item.line, column=1)


@lru_cache(maxsize=1)
def _lark() -> Lark:
    grammar = resources.files("gixlint.grammar").joinpath("report.lark").read_text(encoding="utf-8")
    return Lark(grammar, parser="lalr", lexer=LineLexer, propagate_positions=False)


def parse_items(layout: Layout) -> tuple[Tree, list[Item], list[Item]]:
    """Parse the layout's content items; return (tree, items, items lark had to skip)."""
    items = layout.content
    stream = [(classify(item), item) for item in items]
    skipped: list[Item] = []

    def recover(error: UnexpectedInput) -> bool:
        token = getattr(error, "token", None)
        if token is None or token.type == "$END" or len(skipped) > len(items):
            return False
        skipped.append(items[int(token.value)])
        return True

    try:
        tree = _lark().parse(stream, on_error=recover)
    except UnexpectedInput:
        # the grammar accepts any stream; should that ever fail, read everything as prose
        skipped = list(items)
        tree = _lark().parse([("TEXT", item) for item in items])
    return tree, items, skipped
