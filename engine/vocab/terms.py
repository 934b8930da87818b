"""What a line of report text is: a section heading, a table label, a header, a value or prose.

The answer is named by the terminal of the report grammar (``grammar/report.lark``) that the
parser's lexer feeds lark; readers use it too, to find the report inside a web page.
"""

from __future__ import annotations

import re
from functools import lru_cache

from gixlint.vocab import labels as L
from gixlint.vocab.headings import parse_heading
from gixlint.vocab.values import looks_like_value

_T2_HEADS = {L.label_key(h) for h in L.T2_HEADERS}
_T3_HEADS = {L.label_key(h) for h in L.T3_HEADERS}
_T4_HEADS = {L.label_key(h) for h in L.T4_HEADERS}
_COMMON = {L.label_key(h) for h in L.COMMON_HEADERS}
_SENTENCE = re.compile(r"[。；;！？]")



@lru_cache(maxsize=8192)
def kind_of_text(text: str, is_cell: bool) -> str:
    """What a line of text is in the format's vocabulary, named by the report grammar's terminal.

    Cached: reports repeat the same labels and small numbers hundreds of times."""
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
