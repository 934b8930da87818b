"""Layout → lark parse tree. The lexer works on whole lines, so parsing takes milliseconds.

Each layout item gets the terminal that says what the line is (a section heading, a table
label, a value, prose); the items are folded into a short token stream (one token per table row
or run of like lines). The LALR grammar in ``grammar/report.lark`` gives that stream its
structure; :mod:`gixlint.parse.build` turns the tree into the report AST.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from gixlint.grammar.parsers import Lark, Lexer, Token, Tree, UnexpectedInput
from gixlint.read.document import CELL, EMPTY, PROSE, ROWLABEL, TEXT, Item, Layout
from gixlint.vocab.headings import parse_heading
from gixlint.vocab.terms import kind_of_text
from gixlint.vocab.textcache import cached_when_short

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


# classify's answer for an item of each of these roles, remembered per text (a dict look-up, not a call)
_KIND_OF = {role: cached_when_short(lambda text, role=role: classify(Item(0, text, role))) for role in (CELL, TEXT, PROSE)}


# The short stream: lark gets one token per table row, per run of like header cells or paragraphs,
# and one for the whole of table 四, not one per cell. Each token's value is its number in the
# stream; ``Stream.starts`` and ``Stream.ends`` give the index of its first item and the index
# after its last. The folding follows the grammar exactly: a row label's cell* and table 四's
# t4_part* are greedy (LALR shifts), and consecutive tokens of one terminal listed in _RUNS are
# always read alike, so the tree's structure is the one the item-per-token stream would give
# (tests/test_speed_equivalence.py checks it).
_ROW_LABELS = frozenset({"T2_LABEL", "T3_LABEL", "T3_GROUP", "T3_ORPHAN"})
_CELLS = frozenset({"VALUE", "EMPTY", "SHORT_TEXT"})
_T4_RUN = _CELLS | {"T4_HEAD", "COMMON_HEAD"}
_RUNS = frozenset({"TEXT", "SHORT_TEXT", "VALUE", "EMPTY", "COMMON_HEAD", "T2_HEAD", "T2_BLOCK", "T3_HEAD",
                   "T3_NOTE"})


class Stream:
    """Terminals of the items, folded into the short token stream lark parses."""

    def __init__(self, kinds: list[str], lines: list[int]):
        self.kinds = kinds
        self.lines = lines
        terminals: list[str] = []
        self.starts: list[int] = []        # token number → index of its first item
        self.ends: list[int] = []          # token number → index after its last item
        n = len(kinds)
        i = 0
        starts, ends = self.starts, self.ends
        while i < n:
            kind = kinds[i]
            j = i + 1
            if kind in _ROW_LABELS:
                while j < n and kinds[j] in _CELLS:
                    j += 1
            elif kind == "T4_HEAD":
                while j < n and kinds[j] in _T4_RUN:
                    j += 1
            elif kind in _RUNS:
                while j < n and kinds[j] == kind:
                    j += 1
            terminals.append(kind)
            starts.append(i)
            ends.append(j)
            i = j
        self.terminals = tuple(terminals)


class LineLexer(Lexer):
    """Feeds lark a short stream of terminals; a token's value is its number in the stream."""

    def __init__(self, lexer_conf):  # lark passes its lexer configuration
        pass

    def lex(self, terminals: tuple[str, ...]):
        for number, terminal in enumerate(terminals):
            yield Token(terminal, str(number))


@lru_cache(maxsize=1)
def _lark() -> Lark:
    """The report parser (tables generated from ``grammar/report.lark``)."""
    from gixlint.parse.grammars import report_parser

    return report_parser(LineLexer)


_GLUED = re.compile(r"^\s*(第[一二三四五六]部分|[一二三四五六]|[1-6])\s*[、.．,，]")
_NOT_GLUED = frozenset((CELL, EMPTY, ROWLABEL))      # roles of items that are never a glued heading
_AFTER_HEADING = "：:。.，, \u3000\t"


def split_glued_headings(items: list[Item]) -> list[Item]:
    """「六、其他需要报告的事项：2024年，本机关未收取…」: a part's heading with its first sentence
    on the same line is the heading, then a paragraph (one line number for both). Returns
    ``items`` itself when none is (most reports: one pass of the cheap tests, nothing copied)."""
    for first, item in enumerate(items):  # noqa: B007 - where it stops is used below
        text = item.text
        if not (item.role in _NOT_GLUED or len(text) <= 12 or not _GLUED.match(text) or parse_heading(text)):
            break
    else:
        return items
    out: list[Item] = items[:first]
    for item in items[first:]:
        out.extend(split_glued(item))
    return out


def split_glued(item: Item) -> list[Item]:
    """One item as it is, or its heading and the text glued after it."""
    text = item.text
    if item.role in _NOT_GLUED or len(text) <= 12 or not _GLUED.match(text) or parse_heading(text):
        return [item]
    cut = next((n for n in range(min(len(text) - 1, 40), 3, -1)
                if parse_heading(text[:n].rstrip(_AFTER_HEADING)) and text[n:].strip(_AFTER_HEADING)), None)
    if cut is None:
        return [item]
    return [replace(item, text=text[:cut].rstrip(_AFTER_HEADING)), replace(item, text=text[cut:].lstrip(_AFTER_HEADING))]


def parse_items(layout: Layout) -> tuple[Tree, list[Item], list[Item], Stream]:
    """Parse the layout's content items; return (tree, items, items lark had to skip, stream):
    the stream says which items each token stands for."""
    items = split_glued_headings(layout.content)
    # an item's terminal, for the roles nearly every item has, looked up by its text without a call
    kinds = [kind_of(item.text) if (kind_of := _KIND_OF.get(item.role)) else classify(item) for item in items]
    if "SECTION" not in kinds:
        # a report that numbers its six parts （一）…（六）: those are its headings
        parts = [i for i, item in enumerate(items) if item.role != EMPTY and parse_heading(item.text, parenthesized=True)]
        if len({parse_heading(items[i].text, parenthesized=True).number for i in parts}) >= 4:
            for i in parts:
                kinds[i] = "SECTION"
    tree, skipped, stream = parse_kinds(kinds, [item.line for item in items])
    return tree, items, [items[i] for i in skipped], stream


def parse_kinds(kinds: list[str], lines: list[int]) -> tuple[Tree, list[int], Stream]:
    """Parse a stream of terminals (one per item); return (tree, indexes of skipped items, stream).
    The tree's tokens are numbered as the stream's; the tree is shared by every report whose
    stream has the same terminals, so it is read, never changed."""
    stream = Stream(kinds, lines)
    parsed = _parse_terminals(stream.terminals)
    if parsed is None:
        # the grammar accepts any stream; should that ever fail, read everything as prose
        stream = Stream(["TEXT"] * len(kinds), lines)
        tree, _skipped = _parse_terminals(stream.terminals)
        return tree, list(range(len(kinds))), stream
    tree, skipped_tokens = parsed
    skipped = [i for number in skipped_tokens for i in range(stream.starts[number], stream.ends[number])]
    return tree, skipped, stream


@lru_cache(maxsize=256)
def _parse_terminals(terminals: tuple[str, ...]) -> tuple[Tree, tuple[int, ...]] | None:
    """lark's tree of a stream of terminals and the numbers of the tokens it had to skip; None
    when even skipping does not get it through. Kept: reports follow one template, so the same
    stream of terminals comes back report after report, and its LALR run was a fifth of the
    parse stage."""
    skipped: list[int] = []

    def recover(error: UnexpectedInput) -> bool:
        token = getattr(error, "token", None)
        if token is None or token.type == "$END" or len(skipped) > len(terminals):
            return False
        skipped.append(int(token.value))
        return True

    try:
        return _lark().parse(terminals, on_error=recover), tuple(skipped)
    except UnexpectedInput:
        return None
