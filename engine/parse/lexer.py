"""Layout → lark parse tree. The lexer works on whole lines, so parsing takes milliseconds.

Each layout item becomes one token whose terminal says what the line is (a section heading,
a table label, a value, prose). The LALR grammar in ``grammar/report.lark`` gives the token
stream its structure; :mod:`gixlint.parse.build` turns the tree into the report AST.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from importlib import resources

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedInput
from lark.lexer import Lexer

from gixlint.read.document import CELL, EMPTY, PROSE, ROWLABEL, Item, Layout
from gixlint.vocab.headings import parse_heading
from gixlint.vocab.terms import kind_of_text

# --- the line lexer ---------------------------------------------------------------------

def classify(item: Item) -> str:
    """The terminal for one layout item, decided from its text alone."""
    if item.role == EMPTY:
        return "EMPTY"
    if item.role == ROWLABEL:
        # the first cell of a row of explicit cells: a known label, or a row whose label is lost
        kind = kind_of_text(item.text, True) if item.text else ""
        return kind if kind in ("T3_LABEL", "T3_GROUP", "T2_LABEL") else "T3_ORPHAN"
    kind = kind_of_text(item.text, item.role == CELL)
    if item.role == PROSE and kind in ("SHORT_TEXT", "VALUE"):
        return "TEXT"   # text between a converter's tables is never a cell
    return kind


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


_GLUED = re.compile(r"^\s*(第[一二三四五六]部分|[一二三四五六]|[1-6])\s*[、.．,，]")
_AFTER_HEADING = "：:。.，, \u3000\t"


def split_glued_headings(items: list[Item]) -> list[Item]:
    """「六、其他需要报告的事项：2024年，本机关未收取…」: a part's heading with its first sentence
    on the same line is the heading, then a paragraph (one line number for both)."""
    out: list[Item] = []
    for item in items:
        text = item.text
        if item.role in (CELL, EMPTY, ROWLABEL) or len(text) <= 12 or not _GLUED.match(text) or parse_heading(text):
            out.append(item)
            continue
        cut = next((n for n in range(min(len(text) - 1, 40), 3, -1)
                    if parse_heading(text[:n].rstrip(_AFTER_HEADING)) and text[n:].strip(_AFTER_HEADING)), None)
        if cut is None:
            out.append(item)
            continue
        out.append(replace(item, text=text[:cut].rstrip(_AFTER_HEADING)))
        out.append(replace(item, text=text[cut:].lstrip(_AFTER_HEADING)))
    return out


def parse_items(layout: Layout) -> tuple[Tree, list[Item], list[Item]]:
    """Parse the layout's content items; return (tree, items, items lark had to skip)."""
    items = split_glued_headings(layout.content)
    stream = [(classify(item), item) for item in items]
    if not any(kind == "SECTION" for kind, _item in stream):
        # a report that numbers its six parts （一）…（六）: those are its headings
        parts = [i for i, item in enumerate(items) if item.role != EMPTY and parse_heading(item.text, parenthesized=True)]
        if len({parse_heading(items[i].text, parenthesized=True).number for i in parts}) >= 4:
            for i in parts:
                stream[i] = ("SECTION", items[i])
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
