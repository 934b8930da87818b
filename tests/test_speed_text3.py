"""More speed-ups of the text pipeline change nothing: each fast path against its plain reference,
on generated reports of every layout, the fixtures and examples, and the real reports when present."""

from __future__ import annotations

import random
import re
import unicodedata
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from gixlint.testing import LAYOUTS, random_spec, render

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

# squash before it was quick: whitespace, no-break and ideographic spaces, zero-width space, BOM
_SPACE = re.compile(r"[\s\u00a0\u3000\u200b\ufeff]+")


def _texts() -> list[str]:
    """Whole report texts: generated in every layout, the text fixtures and examples, the seeds and
    the real reports (those two only where the shared folder is)."""
    texts = [render(random_spec(random.Random(seed)), LAYOUTS[seed % len(LAYOUTS)]).text for seed in range(15)]
    files = [*ROOT.joinpath("tests", "fixtures").glob("*.txt"), *ROOT.joinpath("examples").glob("*.txt"),
             *SHARED.joinpath("seeds").glob("*.txt"), *SHARED.joinpath("real").glob("*.txt"),
             *SHARED.joinpath("real").glob("*.md")]
    texts += [f.read_text(encoding="utf-8", errors="replace") for f in sorted(files)]
    return texts


def _lines() -> list[str]:
    return [line for text in _texts() for line in text.split("\n")]


# --- NFKC with the common full-width forms replaced first ------------------------------------------

_WIDE_PIECES = st.sampled_from(list("政府信息公开，。、（）：；！？ＡＢａ１２３０９％．／－＋　 Aa1_-™①ﬁ…·“”《》")
                               + ["\u0301", "\u0308", "\u1100", "\u1161", "\uff61", "\uff76", "\u2126", "\uff5e",
                                  "\uff01", "\u00a0", "\u200b"])


@settings(max_examples=1000, deadline=None)
@given(st.lists(_WIDE_PIECES, max_size=30).map("".join))
def test_quick_nfkc_is_nfkc_on_any_text(text):
    from gixlint.vocab.normal import nfkc

    assert nfkc(text) == unicodedata.normalize("NFKC", text)


def test_quick_nfkc_and_label_keys_as_plainly_normalised_on_reports():
    from gixlint.vocab import labels as L
    from gixlint.vocab.normal import nfkc

    for line in _lines():
        assert nfkc(line) == unicodedata.normalize("NFKC", line), line
        assert L.squash.__wrapped__(line) == _SPACE.sub("", unicodedata.normalize("NFKC", line)), line


def _is_value_token_plain(word: str) -> bool:
    from gixlint.layout.rows import words

    text = unicodedata.normalize("NFKC", word).strip()
    return text in words.DASHES or text in words.ZERO_LIKE or bool(words._VALUE.match(text))


def test_value_tokens_as_told_by_plain_normalisation():
    from gixlint.layout.rows import words

    tokens = {word for line in _lines() for word in line.split()}
    tokens |= {"１２", "①", "－3", "〇", "—", "３５（其中", "12.5万元", "Ｏ", "／"}
    for word in sorted(tokens):
        assert words.is_value_token.__self__.function(word) == _is_value_token_plain(word), word


def test_label_keys_as_translated_with_the_quotes_table():
    from gixlint.vocab import labels as L

    texts = _lines() + ["“三安全一稳定”", "‘单引号’、顿号，逗号＂", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"]
    for text in texts:
        assert L.label_key.__wrapped__(text) == L.squash(text).translate(L._QUOTES), text


# --- a built-in rule's findings without run()'s bookkeeping ------------------------------------------

def _produce(kind: str, hits: int):
    def produce():
        for n in range(hits + 3 if kind == "flood" else 3):
            if kind == "raises" and n == 2:
                raise ValueError("坏了")
            if kind == "exits" and n == 1:
                raise SystemExit(3)
            if kind == "interrupted" and n == 1:
                raise KeyboardInterrupt
            yield n
    return produce


def test_built_in_rules_findings_as_through_the_full_run(monkeypatch):
    from types import SimpleNamespace

    from gixlint.lint import bounds

    rule = SimpleNamespace(id="GIX999", name="fake", category="test", kind="fake")
    limits = bounds.Limits(seconds=0, hits=5)
    for plugin in ("gixlint.checks.fake", "某插件 1.0"):
        for kind in ("clean", "raises", "exits", "interrupted", "flood", "none"):
            produce = (lambda: []) if kind == "none" else _produce(kind, limits.hits)
            fast = bounds.findings(rule, plugin, produce, lambda n: ("finding", n), limits)
            with monkeypatch.context() as m:
                m.setattr(bounds, "_quick", lambda *a: None)     # the plain path: run() and its Outcome
                plain = bounds.findings(rule, plugin, produce, lambda n: ("finding", n), limits)
            assert repr(fast) == repr(plain), (plugin, kind)


# --- patterns searched with cheaper evidence first ------------------------------------------------------

_RESULT_PIECES = st.sampled_from(["予以公开", "不予公开", "不予以公开", "同意公开", "部分公开", "及", "以及", "（含部分公开）",
                                  "无法提供", "不予处理", "其他处理", "不", "予", "同", "其", "无", "部", "3件", "，", "。"])


def _category_plain():
    import re

    from gixlint.checks import narrative

    return re.compile(narrative._CATEGORY_WORDS)


def _spans(pattern, text):
    return [(m.span(), m.lastgroup, m.groupdict()) for m in pattern.finditer(text)]


@settings(max_examples=800, deadline=None)
@given(st.lists(_RESULT_PIECES, max_size=14).map("".join))
def test_result_categories_found_as_without_the_look_ahead(text):
    from gixlint.checks import narrative

    assert _spans(narrative._CATEGORY, text) == _spans(_category_plain(), text)


def test_result_categories_in_reports_as_without_the_look_ahead(monkeypatch):
    from gixlint.checks import narrative

    plain = _category_plain()
    texts = _texts()
    fast = [narrative.result_mentions(text) for text in texts]
    for text in texts:
        assert _spans(narrative._CATEGORY, text) == _spans(plain, text)
    monkeypatch.setattr(narrative, "_CATEGORY", plain)
    assert fast == [narrative.result_mentions(text) for text in texts]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["a", "|", "\\", "\\|", " ", "自然人", "0", "\t"]), max_size=12).map("".join))
def test_pipe_cells_split_as_at_unescaped_pipes(inner):
    from gixlint.layout import text as T

    assert T._pipe_cells(inner) == T._PIPE_SPLIT.split(inner)


def test_pipe_rows_of_reports_split_as_at_unescaped_pipes():
    from gixlint.layout import text as T

    rows = [line.strip().removeprefix("|").removesuffix("|") for line in _lines() if "|" in line]
    assert rows
    for inner in rows:
        assert T._pipe_cells(inner) == T._PIPE_SPLIT.split(inner), inner


@settings(max_examples=800, deadline=None)
@given(st.lists(_WIDE_PIECES | st.sampled_from(["\t", "\n", "\u2028", "\x1c", "\u3000", "\u00a0", "\u200b", "\ufeff",
                                                "\u2003", " "]), max_size=20).map("".join))
def test_squash_deletes_what_the_space_pattern_matches(text):
    from gixlint.vocab import labels as L

    assert L.squash.__wrapped__(text) == _SPACE.sub("", unicodedata.normalize("NFKC", text))


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(["。", "；", ";", "！", "？", "!", "?", " ", "\x00", "申请", "公开", "\u3000", "\n", "3件"]),
                max_size=16).map("".join))
def test_sentences_split_as_at_the_pattern(text):
    from gixlint.checks import common

    assert common.split_sentences.__wrapped__(text) == _sentences_plain(text)


def _sentences_plain(text: str) -> tuple[str, ...]:
    from gixlint.checks import common

    return tuple(filter(None, map(str.strip, common._SENTENCE_END.split(text))))


def test_report_sentences_split_as_at_the_pattern():
    from gixlint.checks import common

    for line in _lines():
        assert common.split_sentences.__wrapped__(line) == _sentences_plain(line), line


# --- glued headings looked for with one cheap pass first -------------------------------------------------

def _split_glued_plain(items):
    """The reference: every item looked at, the list always copied."""
    from gixlint.parse.lexer import split_glued

    return [part for item in items for part in split_glued(item)]


def test_glued_headings_split_as_when_every_item_is_looked_at():
    from gixlint.layout.lookalike import ordinary_hanzi
    from gixlint.layout.text import from_text
    from gixlint.parse.lexer import split_glued_headings

    glued = "六、其他需要报告的事项：2024年，本机关未收取信息处理费。\n一、总体情况 本机关认真落实条例要求，做好公开工作。\n"
    for text in [*_texts(), glued, "标题\n" + glued + "正文。"]:
        items = ordinary_hanzi(from_text(text)).content
        assert split_glued_headings(list(items)) == _split_glued_plain(items)
    items = ordinary_hanzi(from_text(glued)).content
    assert len(split_glued_headings(list(items))) > len(items)      # the glued ones were split
