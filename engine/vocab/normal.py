"""NFKC of report text, quickly: what every label key and shingle is made from.

``unicodedata.normalize("NFKC", text)`` composes character by character through a table it
searches from the start; a Chinese character lies past the table's end, so each costs hundreds
of instructions, and a paragraph holding one full-width comma fails the quick check, so all of
it goes that way (a label key of a paragraph cost 5 µs). In report text the full-width forms of
ASCII (，（）：１２) and the ideographic space are mostly all NFKC changes, each into one ASCII
character: once they are replaced, the quick check finds the text normal and nothing more is done.
"""

from __future__ import annotations

import unicodedata

# the full-width forms reports use, each with its NFKC (one ASCII character); any other form is
# left to the normalisation itself
_COMMON = tuple((chr(ord(c)), chr(ord(c) - 0xFEE0)) for c in "，（）：；！？０１２３４５６７８９％．／－＋") + (("\u3000", " "),)


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``. Replacing a character by its decomposition
    changes no text's NFKC (NFKC decomposes it first; these are all starters), so the common
    full-width forms go first, and the normalisation runs only if the text then still needs it."""
    is_normalized = unicodedata.is_normalized
    if is_normalized("NFKC", text):
        return text
    for wide, narrow in _COMMON:
        if wide in text:
            text = text.replace(wide, narrow)
    return text if is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)
