"""Section headings: 「三、收到和处理政府信息公开申请情况」 is section 三, however it is numbered.

Both the layout (which must not join a heading to the paragraph above it) and the parser need
this, so it lives with the format's vocabulary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from gixlint.vocab import labels as L

_HEADING = re.compile(
    r"^(?P<num>第[一二三四五六]部分|[一二三四五六]|[1-6]|[(（][一二三四五六1-6][)）])?\s*(?P<sep>[、.．,，:：]?)\s*(?P<title>.+)$"
)


@dataclass(frozen=True)
class Heading:
    """A section heading as written: number, numeral, separator and title."""

    number: int
    numeral: str
    separator: str
    title: str


def parse_heading(text: str, parenthesized: bool = False) -> Heading | None:
    """A top-level heading is a numeral, a separator and a known section title.

    ``（二）主动公开政府信息情况`` inside 总体情况 is a sub-heading, not section 二 — unless
    ``parenthesized``: a report that numbers all its parts （一）…（六） (the parser decides); table
    labels such as ``三、本年度办理结果`` match no title and stay labels.
    """
    if len(text) > 40:
        return None
    return _heading(text, parenthesized)


@lru_cache(maxsize=4096)
def _heading(text: str, parenthesized: bool) -> Heading | None:
    """:func:`parse_heading` of a short text, cached: the layout and the parser ask about the
    same lines several times, and reports share their headings."""
    m = _HEADING.match(text.strip())
    if not m:
        return None
    numeral, sep, title = m.group("num") or "", m.group("sep") or "", m.group("title").strip()
    if numeral.startswith(("(", "（")) and not parenthesized:
        return None
    squashed = L.squash(title)
    for number, pattern in L.SECTION_PATTERNS.items():
        if pattern.match(squashed):
            if not numeral and not sep and squashed != L.squash(L.SECTION_TITLES[number]):
                return None  # an unnumbered line is a heading only when it is the exact title
            return Heading(number, numeral, sep, title)
    return None
