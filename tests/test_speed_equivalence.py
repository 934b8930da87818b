"""The speed-ups change nothing: each fast path is checked against a plain reference.

* the parser's short token stream (one token per row or run) gives the tree structure the
  one-token-per-item stream gives, for any stream of terminals;
"""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st
from lark import Lark, Token, Tree
from lark.lexer import Lexer

from gixlint.layout.lookalike import ordinary_hanzi
from gixlint.layout.text import from_text
from gixlint.parse.lexer import classify, parse_kinds, split_glued_headings
from gixlint.testing import LAYOUTS, random_spec, render

# --- the parser's short stream -------------------------------------------------------------

# the layout grammar as it was with one token per layout item: the reference
_ITEM_GRAMMAR = r"""
start: block* section*
section: SECTION block*
?block: para | table2 | table3 | table4
para: TEXT | SHORT_TEXT | VALUE | EMPTY | COMMON_HEAD
table2: t2_part+
?t2_part: T2_BLOCK -> t2_block
        | T2_HEAD  -> head
        | t2_row
t2_row: T2_LABEL cell*
table3: t3_start t3_part*
?t3_start: T3_NOTE -> head
         | T3_HEAD -> head
         | t3_row
?t3_part: T3_NOTE     -> head
        | T3_HEAD     -> head
        | COMMON_HEAD -> head
        | EMPTY       -> filler
        | t3_row
t3_row: (T3_LABEL | T3_GROUP | T3_ORPHAN) cell*
table4: T4_HEAD t4_part*
?t4_part: T4_HEAD     -> head
        | COMMON_HEAD -> head
        | cell
cell: VALUE | EMPTY | SHORT_TEXT
%declare SECTION TEXT SHORT_TEXT VALUE EMPTY T2_BLOCK T2_HEAD T2_LABEL T3_NOTE T3_HEAD T3_LABEL T3_GROUP T3_ORPHAN T4_HEAD COMMON_HEAD
"""
TERMINALS = ("SECTION", "TEXT", "SHORT_TEXT", "VALUE", "EMPTY", "T2_BLOCK", "T2_HEAD", "T2_LABEL", "T3_NOTE",
             "T3_HEAD", "T3_LABEL", "T3_GROUP", "T3_ORPHAN", "T4_HEAD", "COMMON_HEAD")
_CONTAINERS = ("start", "section", "table2", "table3", "table4", "t2_row", "t3_row")


class _ItemLexer(Lexer):
    def __init__(self, conf):
        pass

    def lex(self, kinds):
        for i, kind in enumerate(kinds):
            yield Token(kind, str(i))


_REFERENCE = Lark(_ITEM_GRAMMAR, parser="lalr", lexer=_ItemLexer)


def _reference_shape(kinds: list[str]) -> list[tuple]:
    """Each item's place in the one-token-per-item tree: its containers (numbered in order of
    appearance), the node wrapping its token (para, head, cell, …) and its terminal."""
    shape: list[tuple] = [()] * len(kinds)
    ids: dict[int, int] = {}

    def walk(node: Tree, path: tuple) -> None:
        if node.data in _CONTAINERS:
            path = (*path, (node.data, ids.setdefault(id(node), len(ids))))
        for child in node.children:
            if isinstance(child, Token):
                wrapper = "" if node.data in _CONTAINERS else node.data
                shape[int(child.value)] = (path, wrapper, child.type)
            else:
                walk(child, path)
    walk(_REFERENCE.parse(kinds), ())
    return shape


def _short_shape(kinds: list[str]) -> tuple[list[tuple], list[int]]:
    """The same, from the short-stream tree: a token's items take its place, a row's cells are
    wrapped as cells, table 四's later header cells as heads."""
    tree, skipped, stream = parse_kinds(kinds, list(range(1, len(kinds) + 1)))
    shape: list[tuple] = [()] * len(kinds)
    ids: dict[int, int] = {}

    def walk(node: Tree, path: tuple) -> None:
        if node.data in _CONTAINERS:
            path = (*path, (node.data, ids.setdefault(id(node), len(ids))))
        for child in node.children:
            if not isinstance(child, Token):
                walk(child, path)
                continue
            start = int(child.value)
            wrapper = "" if node.data in _CONTAINERS else node.data
            for i in range(start, stream.ends[start]):
                if i == start or node.data not in ("t2_row", "t3_row", "table4"):
                    shape[i] = (path, wrapper, kinds[i])
                elif node.data == "table4" and kinds[i] in ("T4_HEAD", "COMMON_HEAD"):
                    shape[i] = (path, "head", kinds[i])
                else:
                    shape[i] = (path, "cell", kinds[i])
    walk(tree, ())
    return shape, skipped


def _same_structure(kinds: list[str]) -> None:
    shape, skipped = _short_shape(kinds)
    assert skipped == []
    assert shape == _reference_shape(kinds)


_BIASED = st.sampled_from(TERMINALS + ("VALUE",) * 6 + ("EMPTY",) * 3 + ("T3_LABEL", "T4_HEAD", "SHORT_TEXT"))


@settings(max_examples=600, deadline=None)
@given(st.lists(_BIASED, max_size=60))
def test_short_stream_gives_the_item_stream_structure(kinds):
    _same_structure(kinds)


def test_short_stream_on_every_layout_of_generated_reports():
    for seed in range(40):
        spec = random_spec(random.Random(seed))
        for layout in LAYOUTS:
            items = split_glued_headings(ordinary_hanzi(from_text(render(spec, layout).text)).content)
            _same_structure([classify(item) for item in items])
