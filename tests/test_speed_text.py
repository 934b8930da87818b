"""Speed-ups of the text pipeline change nothing: each fast path against its plain reference."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from gixlint.layout import text as T
from gixlint.layout.rows import merged, words
from gixlint.read import furniture
from gixlint.testing import LAYOUTS, random_spec, render


def _generated_lines(count: int = 12) -> list[str]:
    lines: list[str] = []
    for seed in range(count):
        lines += render(random_spec(random.Random(seed)), LAYOUTS[seed % len(LAYOUTS)]).text.split("\n")
    return lines


# --- texts remembered per function ---------------------------------------------------------------

def test_short_text_cache_gives_what_the_function_gives():
    lines = _generated_lines()
    cached = [(furniture.is_chrome, furniture.is_chrome.__self__.function),
              (merged._facts, merged._facts.__self__.function),
              (words.is_value_token, words.is_value_token.__self__.function),
              (T._row_line, T._row_line.__self__.function),
              *((T._ONE_CELL_LINES[v], lambda raw, v=v: T._one_cell_line(raw, v)) for v in T._ONE_CELL_LINES)]
    for fast, plain in cached:
        for _ in range(2):      # the second time from the cache
            for line in lines:
                assert fast(line) == plain(line), line


def test_short_text_cache_keeps_short_texts_only_and_a_bounded_number():
    calls = []
    square = furniture.cached_when_short(lambda text: calls.append(text) or len(text) ** 2)
    long = "长" * (furniture.SHORT + 1)
    assert square(long) == square(long) == len(long) ** 2
    assert calls == [long, long]                  # a long text is worked out each time
    for n in range(furniture.KEPT + 10):
        assert square(str(n)) == len(str(n)) ** 2
    assert len(square.__self__) == furniture.KEPT
    assert "0" not in square.__self__ and str(furniture.KEPT + 9) in square.__self__   # the oldest went


# --- telling values from prose by the label key ----------------------------------------------------

def _looks_like_value_plain(text: str) -> bool:
    """The reference: normalise the text and read it."""
    import unicodedata

    from gixlint.vocab.values import _NUMBER, DASHES, ZERO_LIKE

    squashed = unicodedata.normalize("NFKC", text).strip()
    if squashed in DASHES or squashed in ZERO_LIKE:
        return True
    m = _NUMBER.match(squashed)
    if not m:
        return False
    rest = m.group(4).strip()
    return not rest or rest[0] in "(（[【个件条项万元" or len(rest) <= 24


_VALUE_PIECES = st.sampled_from(["1", "0", "35", "１２", "①", "²", "٣", "+", "-", "＋", "－", "﹣", ".", ",", "，",
                                 " ", "\u3000", "\u00a0", "\u200b", "\ufeff", "\t", "\x1c", "¨", "、", "“",
                                 "/", "／", "N/A", "n/a", "—", "无", "〇", "○", "O", "l", "件", "万元", "（",
                                 "其中", "本年度收到申请", "。"])


@settings(max_examples=1500, deadline=None)
@given(st.lists(_VALUE_PIECES, max_size=10).map("".join))
def test_values_told_from_prose_by_key_as_by_reading(text):
    from gixlint.vocab.values import looks_like_value

    assert looks_like_value.__wrapped__(text) == _looks_like_value_plain(text)


def test_generated_lines_told_apart_as_by_reading():
    from gixlint.vocab.values import looks_like_value

    for line in _generated_lines():
        assert looks_like_value.__wrapped__(line) == _looks_like_value_plain(line), line
