"""Speed-ups of the text pipeline change nothing: each fast path against its plain reference."""

from __future__ import annotations

import random
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from gixlint.layout import text as T
from gixlint.layout.rows import merged, words
from gixlint.read import furniture
from gixlint.testing import LAYOUTS, random_spec, render
from gixlint.vocab import textcache


def _generated_lines(count: int = 12) -> list[str]:
    lines: list[str] = []
    for seed in range(count):
        lines += render(random_spec(random.Random(seed)), LAYOUTS[seed % len(LAYOUTS)]).text.split("\n")
    return lines


# --- texts remembered per function ---------------------------------------------------------------

def test_short_text_cache_gives_what_the_function_gives():
    lines = _generated_lines()
    cached = [(furniture.is_chrome, furniture.is_chrome.__self__.function),
              (furniture.is_page_number, furniture.is_page_number.__self__.function),
              (T._markdown_text, T._markdown_text.__self__.function),
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
    square = textcache.cached_when_short(lambda text: calls.append(text) or len(text) ** 2)
    long = "长" * (textcache.SHORT + 1)
    assert square(long) == square(long) == len(long) ** 2
    assert calls == [long, long]                  # a long text is worked out each time
    for n in range(textcache.KEPT + 10):
        assert square(str(n)) == len(str(n)) ** 2
        assert len(square.__self__) <= textcache.KEPT
    assert "0" not in square.__self__ and str(textcache.KEPT + 9) in square.__self__   # started afresh


# --- telling values from prose by the label key ----------------------------------------------------

def _looks_like_value_plain(text: str) -> bool:
    """The reference: normalise the text and read it (no look at its label key first)."""
    from gixlint.vocab.values import reads_as_value

    return reads_as_value(text)


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


# --- dates: prose without a year is passed over ------------------------------------------------------

def _arabic_dates_plain(text: str) -> str:
    """The reference: every substitution run, whatever the text holds."""
    from gixlint.vocab import dates as D

    if "元月" in text:
        text = D._FIRST_MONTH.sub("1月", text)
    if not any(ch in text for ch in "〇零○一二三四五六七八九十"):
        return text
    text = D._CN_YEAR_PART.sub(D._year_part, text)
    text = D._CN_MONTH_DAY.sub(D._month_day, text)
    text = D._CN_MONTH.sub(D._after_prefix, text)
    return D._CN_DAY.sub(D._after_prefix, text)


_DATE_PIECES = st.sampled_from(["2024", "2024-01-20", "2025/1/5 16:34", "2024.12.31", "2025", "１２", "1", "12", "31", "二〇二四", "二O二五", "二0二五", "〇", "十",
                                "一", "二十", "三十一", "年", "月", "日", "号", "元月", "至", "起", "-", "/", ".",
                                " ", "\u3000", ":", "16:34", "发布时间：", "时间：", "统计", "期限", "份", "底",
                                "本机关", "，", "。"])


@settings(max_examples=2000, deadline=None)
@given(st.lists(_DATE_PIECES, max_size=12).map("".join), st.sampled_from(["body", "signoff"]))
def test_dates_found_as_by_reading_every_line_in_full(text, role):
    import re
    from unittest import mock

    from gixlint.vocab import dates as D

    assert _outcome(D.arabic_dates, text) == _outcome(_arabic_dates_plain, text)
    fast = _outcome(D.find_dates, 7, text, role)
    with mock.patch.object(D, "arabic_dates", _arabic_dates_plain), \
            mock.patch.object(D, "_FOUR_DIGITS", re.compile("")), \
            mock.patch.object(D, "_may_match", lambda pattern, text: True):     # never passes a line over
        assert fast == _outcome(D.find_dates, 7, text, role)


def _outcome(function, *args):
    """What a call gives: its value, or the exception it raises (a numeral such as 二〇二四十
    before 年 is no number cn_number reads, fast path or not)."""
    try:
        return function(*args)
    except Exception as exc:    # noqa: BLE001
        return type(exc), str(exc)


# --- formulas: whole numbers made Decimal once -------------------------------------------------------

def test_shared_decimals_equal_fresh_ones():
    from decimal import Decimal

    from gixlint.lint.formula import _decimal

    for value in [0, 1, -3, 7, 10**12, Decimal("1.5"), Decimal("-0.25"), Decimal("3")]:
        for _ in range(2):
            got = _decimal(value)
            assert type(got) is Decimal and got == Decimal(value) and str(got) == str(Decimal(value))


def _blanked_report(seed: int):
    """A generated report with a few table-三 cells left blank, written as a dash or as words."""
    from gixlint.parse import parse_text

    rnd = random.Random(seed)
    spec = random_spec(rnd)
    rows = list(spec.t3)
    for _ in range(6):
        spec.t3[rnd.choice(rows)][rnd.randrange(7)] = rnd.choice(["", "", "/", "无", "1.5", "-2"])
    return parse_text(render(spec, rnd.choice(["tsv", "markdown", "word-tabs"])).text)


def test_rows_read_whole_give_each_cells_own_reading():
    from gixlint.lint.formula import Evaluator, Uncheckable

    kinds = set()
    for seed in range(20):
        report = _blanked_report(seed)
        for blanks in (False, True):
            fast, plain = Evaluator(report, blanks), Evaluator(report, blanks)
            for name, table in report.tables.items():
                for row in table.rows.values():
                    for column, cell in row.cells.items():
                        kinds.add(cell.kind)
                        expected = plain._held(table.unread(row.key), cell)
                        try:
                            got = fast.read((name, row.key, column))
                        except Uncheckable as exc:     # Unread too
                            got = type(exc)
                        assert got == expected and type(got) is type(expected), (name, row.key, column, cell)
    assert {"blank", "number", "dash"} <= kinds


# --- split labels joined by remembered label states -----------------------------------------------

def _join_split_labels_plain(items):
    """The reference: each text's label key looked up as it comes."""
    from dataclasses import replace

    from gixlint.layout.rows.words import GROUP, KNOWN, ROW, status
    from gixlint.read.document import CELL, TEXT
    from gixlint.vocab.labels import label_key

    out, i = [], 0
    while i < len(items):
        item, joined = items[i], None
        key = label_key(item.text) if item.role in (TEXT, CELL) else ""
        if key and status(key) == "prefix":
            text = item.text
            for j in range(i + 1, min(i + 3, len(items))):
                nxt = items[j]
                if nxt.role not in (TEXT, CELL) or not nxt.text:
                    break
                text += nxt.text
                state = status(label_key(text))
                if state == "full" and KNOWN[label_key(text)] in (ROW, GROUP):
                    joined = (j, text)
                    break
                if state != "prefix":
                    break
        if joined:
            out.append(replace(item, text=joined[1]))
            i = joined[0] + 1
            continue
        out.append(item)
        i += 1
    return out


def test_split_labels_joined_as_by_looking_each_key_up():
    from gixlint.read.document import CELL, EMPTY, TEXT, Item

    rnd = random.Random(5)
    pieces = ["（二）部分公开", "（区分处理的，只计这一情形，不计其他情形）", "（一）予以公开", "1.", "属于国家秘密",
              "三、本年度办理结果", "0", "12", "", "其他", "（四）无法提供", "1.本机关不掌握", "相关政府信息"]
    joins = 0
    for _ in range(300):
        items = [Item(n, rnd.choice(pieces), rnd.choice([TEXT, CELL, CELL, EMPTY])) for n in range(rnd.randint(0, 12))]
        fast = T.join_split_labels(items)
        assert fast == _join_split_labels_plain(items)
        joins += len(fast) < len(items)
    assert joins >= 10      # the test sees labels joined, not only left alone
    for seed in range(10):
        items = T.from_text(render(random_spec(random.Random(seed)), "blank-lines").text).items
        assert T.join_split_labels(items) == _join_split_labels_plain(items)


# --- run-together rows: only labels and header words looked at --------------------------------------

def _check_rows_plain(items, problems):
    """The reference: every item looked at in turn."""
    from gixlint.layout.rows.merged import _BLANK, _NOTHING, _facts, _suspicious, _unreadable
    from gixlint.read.document import CELL, CHROME, EMPTY, PAGE, TEXT
    from gixlint.vocab import labels as L

    n = len(items)
    facts = [_facts(it.text) if it.role in (CELL, TEXT) else _BLANK if it.role == EMPTY else _NOTHING
             for it in items]
    values_end, heads_end, t4_end = [n] * (n + 1), [n] * (n + 1), [n] * (n + 1)
    for j in range(n - 1, -1, -1):
        _key, value, head, _known = facts[j]
        values_end[j] = values_end[j + 1] if value else j
        heads_end[j] = heads_end[j + 1] if head else j
        t4_end[j] = t4_end[j + 1] if value or items[j].role in (PAGE, CHROME) else j
    out, i, t4_seen = [], 0, False
    while i < n:
        item = items[i]
        key, _value, head, known = facts[i]
        if known or (head and key == "行政复议"):
            t4_seen = t4_seen or not known
            j = values_end[i + 1]
            if known:
                values = items[i + 1:j]
                while values and values[-1].role == EMPTY:
                    values.pop()
                table, row, width = known
                filled = [v for v in values if v.role != EMPTY and v.text]
                if filled and len(filled) < width and len(values) < width and _suspicious(values, width):
                    problems.append(_unreadable(table, row, L.row_label(table, row), values, width))
                    out.append(item)
                    i = j
                    continue
        elif t4_seen and head:
            j = heads_end[i + 1]
            k = t4_end[j]
            values = [v for v in items[j:k] if v.role in (CELL, TEXT, EMPTY)]
            if _suspicious(values, len(L.T4_BLOCKS) * len(L.T4_FIELDS)):
                problems.append(_unreadable("t4", "", "复议诉讼", values, len(L.T4_BLOCKS) * len(L.T4_FIELDS)))
                out.extend(items[i:j])
                i = k
                t4_seen = False
                continue
        out.append(item)
        i += 1
    return out


def test_run_together_rows_found_as_by_looking_at_every_item():
    from unittest import mock

    from gixlint.layout.rows.merged import check_rows

    rnd = random.Random(11)
    found, tables = 0, set()
    for seed in range(60):
        lines = render(random_spec(random.Random(seed)), LAYOUTS[seed % len(LAYOUTS)]).text.split("\n")
        for _ in range(rnd.randint(0, 5)):      # numbers run together, lost, doubled; rows cut short
            i = rnd.randrange(len(lines))
            lines[i] = rnd.choice(["713000074", "", "12 3", lines[i] + " 9", "1203", lines[i][:4]])
        for _ in range(rnd.randint(0, 3)):      # a row's separators lost: its numbers run together
            i = rnd.randrange(len(lines))
            lines[i] = re.sub(r"(\d)[\s|]+(?=\d)", r"\1", lines[i])
        if rnd.random() < 0.6:                   # … in the line with most numbers (table 四's, mostly)
            i = max(range(len(lines)), key=lambda k: len(re.findall(r"\d+", lines[k])))
            lines[i] = re.sub(r"(\d)[\s|]+(?=\d)", r"\1", lines[i], count=rnd.randint(1, 4))
        seen = []        # the items as check_rows gets them within the layout
        with mock.patch.object(T, "check_rows", lambda items, problems, seen=seen: seen.append(items) or items):
            T.from_text("\n".join(lines))
        items = seen[0] if seen else []
        fast_problems, plain_problems = [], []
        assert check_rows(items, fast_problems) == _check_rows_plain(items, plain_problems)
        assert fast_problems == plain_problems
        found += len(fast_problems)
        tables.update(p.table for p in fast_problems)
    assert found >= 5 and tables == {"t2", "t3", "t4"}      # run-together rows were there to find


# --- a row's cells read together -----------------------------------------------------------------------

def test_a_rows_cells_read_together_as_one_by_one():
    from gixlint.read.document import Item
    from gixlint.vocab import limits
    from gixlint.vocab.values import parse_cell, parse_cells

    texts = ["0", "35", "1,234", "12 345", "1.5", "-3", "〇", "/", "无", "", " ", "52（其中3件）", "3a", "7 13",
             "1.5万元", "１２", "12345678901234567890", "0.000000000000000000001"]
    items = [Item(n, text) for n, text in enumerate(texts, start=1)]
    for bounds in (limits.Limits(), limits.Limits(number_digits=3)):
        with limits.using(bounds):
            assert parse_cells(items) == [parse_cell(it.text, it.line) for it in items]


# --- statement patterns: searches remembered per sentence ---------------------------------------------

def _matching_plain(paragraphs, pattern):
    """The reference: every sentence searched."""
    from gixlint.checks.common import split_sentences

    search = re.compile(pattern).search
    for p in paragraphs:
        for s in split_sentences(p.text):
            m = search(s)
            if m:
                yield p.line, s, m


def _seen(found):
    return [(line, s, m.span(), m.group(0), m.groupdict()) for line, s, m in found]


def test_sentences_match_as_when_each_is_searched():
    from gixlint.checks.common import matching
    from gixlint.lint.linter import Linter
    from gixlint.parse import parse_text

    rules = Linter.create(load_plugins=False).rules
    patterns = {r.params[k] for r in rules for k in ("pattern",) if isinstance(r.params.get(k), str)}
    patterns |= {p for r in rules for p in (r.params.get("patterns") or [])}
    assert len(patterns) >= 10
    hits = 0
    for seed in range(8):
        spec = random_spec(random.Random(seed))
        report = parse_text(render(spec, LAYOUTS[seed % len(LAYOUTS)]).text)
        paragraphs = report.all_paragraphs() + report.closing
        for pattern in sorted(patterns):
            for _ in range(2):      # the second time from what was remembered
                found = _seen(matching(paragraphs, pattern))
                assert found == _seen(_matching_plain(paragraphs, pattern)), pattern
                hits += len(found)
    assert hits >= 40       # patterns that do match were among them


# --- text checks: cheap first tests ------------------------------------------------------------------

_END_PIECES = st.sampled_from(["，", ",", "、", "。", " ", "\u3000", "\n", "\t", "\x1c", "\u2028", "\u200b", "a", "申",
                               "请", "申请", "\u00a0", "2023", "二〇二三", "年", "年度", "（一）", "；", "！", "?"])


@settings(max_examples=1500, deadline=None)
@given(st.lists(_END_PIECES, max_size=8).map("".join))
def test_cheap_first_tests_agree_with_the_patterns(text):
    from gixlint.checks import wording

    assert wording._ends_on_comma(text) == bool(wording._COMMA_END.search(text))
    # narrative: a paragraph passed over for lacking 申 or 请 holds no 申请 once its spaces go
    if "申" not in text or "请" not in text:
        assert "申请" not in re.sub(r"\s+", "", text)
    # stale-year: a sentence passed over for lacking 年 opens on no year
    from gixlint.checks import dates
    from gixlint.vocab.dates import cn_number

    if "年" not in text:
        assert not dates._OPENING_YEAR.match(dates._CN_YEAR.sub(lambda y: str(cn_number(y.group())), text))
    # sentences: stripped, the empty ones left out
    from gixlint.checks.common import _SENTENCE_END, split_sentences

    assert split_sentences.__wrapped__(text) == tuple(s.strip() for s in _SENTENCE_END.split(text) if s.strip())


# --- row lines: words with their gaps -------------------------------------------------------------------

def _text_line_plain(number, raw):
    """The reference: each word's gap from the text before it."""
    out, end = [], None
    for m in re.finditer(r"\S+", raw):
        space = raw[end:m.start()] if end is not None else ""
        out.append((m.group(), m.start(), m.end(), end is None or "\t" in space or "\u3000" in space or len(space) >= 2))
        end = m.end()
    return out


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(["a", "12", "自然人", "12a", " ", "  ", "\t", "\u3000", "\u00a0", "\x0c", "\x1c", "\u2028",
                                "\u200b", "\n"]), max_size=12).map("".join))
def test_row_line_words_as_read_one_by_one(raw):
    line = words.text_line(3, raw)
    assert [(w.text, w.x0, w.x1, w.gap) for w in line.words] == _text_line_plain(3, raw)


# --- cell values: cells sorted once by the checks they can fire on ---------------------------------------

def test_cell_value_findings_as_from_every_cell():
    from copy import deepcopy
    from types import SimpleNamespace
    from unittest import mock

    from gixlint.checks import counts
    from gixlint.checks.common import read_cells
    from gixlint.lint.linter import Linter

    rules = [r for r in Linter.create(load_plugins=False).rules if r.kind == "cell-values"]
    magnitude = deepcopy(rules[0])
    magnitude.params.update(check="magnitude", decimal_cells=["t2.fee_amount", "t3.*", "t3.granted.total"],
                            threshold=1)
    rules.append(magnitude)
    assert {r.params["check"] for r in rules} == set(counts.CHECKS)

    def plain(rule, report, context):
        return read_cells(report, rule.params["tables"])

    fired = 0
    for seed in range(20):
        report = _blanked_report(seed)
        context = SimpleNamespace(shared={})
        for rule in rules:
            fast = [h.__dict__ for h in counts.run(rule, report, context)]
            with mock.patch.object(counts, "_cells", plain):
                assert fast == [h.__dict__ for h in counts.run(rule, report, context)], rule.params["check"]
            fired += len(fast)
    assert fired >= 10


# --- explicit cells: each cell's text looked at once -----------------------------------------------------

def _cells_row_plain(number, cells):
    """The reference: label keys and values worked out where they are asked for."""
    from gixlint.layout.rows.cells import _unlabelled_row, row_width
    from gixlint.layout.rows.words import KNOWN
    from gixlint.read.document import CELL, EMPTY, HEADER, Item
    from gixlint.vocab import labels as L
    from gixlint.vocab.values import looks_like_value

    cells = [c.strip(" \t\u3000\u00a0") for c in cells]
    if not any(cells):
        return []
    label_at = next((i for i, c in enumerate(cells) if c and (row_width(L.label_key(c))
                                                          or L.label_key(c) in L.T3_GROUP_INDEX)), None)
    unknown_words = [c for c in cells if c and not looks_like_value(c) and not KNOWN.get(L.label_key(c))]
    if label_at is None or (len(unknown_words) >= 2 and not any(looks_like_value(c) for c in cells)):
        return _unlabelled_row(number, cells)
    items = [Item(number, c, CELL if KNOWN.get(L.label_key(c)) else HEADER) for c in cells[:label_at] if c]
    label = cells[label_at]
    items.append(Item(number, label, CELL))
    values = cells[label_at + 1:]
    nxt = next((i for i, c in enumerate(values) if c and row_width(L.label_key(c))), None)
    if nxt is not None:
        return items + _cells_row_plain(number, values[nxt:]) if not any(values[:nxt]) else \
            items + [Item(number, c, CELL if c else EMPTY) for c in values[:nxt]] + _cells_row_plain(number, values[nxt:])
    known = row_width(L.label_key(label))
    width = known[2] if known else len(L.T3_COLUMNS)
    while len(values) > width and not values[0]:
        values.pop(0)
    while values and not values[-1] and (len(values) > width or (known is None and not any(values))):
        values.pop()
    items.extend(Item(number, c, CELL if c else EMPTY) for c in values)
    return items


_ROW_CELLS = st.lists(st.sampled_from(["", " ", "0", "12", "/", "无", "自然人", "总计", "（一）予以公开", "（三）不予公开",
                                       "1.属于国家秘密", "三、本年度办理结果", "（三）不", "数据1", "行政许可", "1.5万元",
                                       "四、结转下年度继续办理", "项目"]), max_size=12)


@settings(max_examples=1500, deadline=None)
@given(_ROW_CELLS)
def test_explicit_cells_read_as_looking_each_up_where_asked(cells):
    from gixlint.layout.rows.cells import cells_row

    assert cells_row(4, list(cells)) == _cells_row_plain(4, list(cells))


def test_explicit_cell_layouts_as_looking_each_up_where_asked():
    from unittest import mock

    for seed in range(16):
        text = render(random_spec(random.Random(seed)), ["markdown", "tsv"][seed % 2]).text
        fast = T.from_text(text)
        with mock.patch.object(T, "cells_row", _cells_row_plain):
            assert fast == T.from_text(text)


# --- table debris: the cheapest test first ------------------------------------------------------------

def test_table_debris_dropped_as_by_the_plain_test():
    from copy import deepcopy

    from gixlint.parse import build, parse_text
    from gixlint.parse.model import Paragraph
    from gixlint.vocab import labels as L

    def plain(sections, tables):
        spans = [(t.line, t.end_line) for t in tables.values() if t.line and t.end_line >= t.line]
        if not spans:
            return
        for section in sections:
            section.paragraphs = [p for p in section.paragraphs
                                  if not (any(a <= p.line <= b for a, b in spans)
                                          and len(L.squash(p.text)) <= 16 and not build._SENTENCE.search(p.text))]

    rnd = random.Random(3)
    dropped = 0
    for seed in range(10):
        report = parse_text(render(random_spec(random.Random(seed)), LAYOUTS[seed % len(LAYOUTS)]).text)
        for section in report.sections:      # fragments in and out of the tables' lines
            for _ in range(6):
                line = rnd.randrange(1, report.line_count + 1)
                text = rnd.choice(["（四）无", "年度办", "本年度未收到申请。", "一二三四五六七八九十一二三四五六七", "无 。", " 年 度 办 "])
                section.paragraphs.append(Paragraph(line, text))
        fast, slow = deepcopy(report.sections), deepcopy(report.sections)
        build.drop_table_debris(fast, report.tables)
        plain(slow, report.tables)
        assert fast == slow
        dropped += sum(len(s.paragraphs) for s in report.sections) - sum(len(s.paragraphs) for s in fast)
    assert dropped >= 5


def test_remembered_row_labels_are_the_labels():
    from gixlint.vocab import labels as L

    keys = [("t3", k) for k in [*L.T3_ROWS, *L.T3_GROUPS, "nonsense"]] + [("t2", k) for k in [*L.T2_ROWS, "x"]]
    keys += [("t4", k) for k in [*L.T4_BLOCKS, "x"]] + [("t2v19", k) for k in [*L.T2V19_ROWS, "x"]]
    for table, row in keys * 2:
        assert L.row_label(table, row) == L.row_label.__wrapped__(table, row)


def test_cells_terminals_as_classify_gives():
    from gixlint.parse import lexer
    from gixlint.read.document import CELL, PROSE, TEXT, Item

    texts = {it.text for seed in range(10) for it in T.from_text(
        render(random_spec(random.Random(seed)), LAYOUTS[seed % len(LAYOUTS)]).text).items}
    assert set(lexer._KIND_OF) == {CELL, TEXT, PROSE}
    for text in sorted(texts) * 2:
        for role, kind_of in lexer._KIND_OF.items():
            assert kind_of(text) == lexer.classify(Item(1, text, role)), (role, text)


def test_blank_tables_told_as_by_listing_every_cell():
    from gixlint.checks import template
    from gixlint.parse.model import Row, Table
    from gixlint.vocab.values import Cell

    rnd = random.Random(2)
    for _ in range(300):
        table = Table("t3", 1, 9)
        for r in range(rnd.randint(0, 3)):
            kinds = [rnd.choice(["blank", "blank", "blank", "number", "dash"]) for _ in range(rnd.randint(0, 3))]
            table.rows[f"r{r}"] = Row(f"r{r}", "", r, {f"c{i}": Cell("", r, k) for i, k in enumerate(kinds)})
        cells = [c for row in table.rows.values() for c in row.cells.values()]
        assert template._blank(table) == (bool(cells) and all(c.kind == "blank" for c in cells))


def test_conditions_hold_as_by_full_evaluation():
    """A rule's ``when`` is judged by the bare number: as by the full evaluation, operands and all."""
    from gixlint.checks.common import evaluator
    from gixlint.lint.formula import FormulaError, Uncheckable, compile_formula
    from gixlint.lint.linter import Linter

    linter = Linter.create(load_plugins=False)
    rules = [r for r in linter.rules if r.when]
    assert rules
    for seed in range(12):
        report = _blanked_report(seed)
        for rule in rules:
            try:
                expected = bool(evaluator(report, linter.context).evaluate(compile_formula(rule.when)).number)
            except Uncheckable as exc:
                expected = exc.operand.path == "year" and report.meta.format == "v2021"
            except (FormulaError, ZeroDivisionError):
                expected = False
            assert linter._applies(rule, report) == expected


def test_template_leftovers_and_amount_cells_as_plainly_found():
    from fnmatch import fnmatch
    from types import SimpleNamespace
    from unittest import mock

    from gixlint.checks import magnitude, needles, template
    from gixlint.lint.linter import Linter
    from gixlint.parse import parse_text

    rule = next(r for r in Linter.create(load_plugins=False).rules if r.kind == "template-leftover")
    found = 0
    for seed in range(6):
        text = render(random_spec(random.Random(seed)), LAYOUTS[seed % len(LAYOUTS)]).text
        text = text.replace("。", "（文字描述）。", 2).replace("，", "在此处填写，", 1)
        report = parse_text(text)
        for _ in range(needles.WARM + 1):       # until the patterns' words are worked out
            fast = [h.__dict__ for h in template.run(rule, report, SimpleNamespace(shared={}))]
        with mock.patch.object(template, "searcher", lambda p: __import__("re").compile(p).search):
            assert fast == [h.__dict__ for h in template.run(rule, report, SimpleNamespace(shared={}))]
        found += len(fast)
    assert found
    for name, row, column in [("t2", "fee_amount", "amount"), ("t2", "licensing", "count"), ("t2v19", "procurement", "amount")]:
        for patterns in (["t2.fee_amount"], ["t2v19.*.amount", "t2.l*"], []):
            expected = any(fnmatch(f"{name}.{row}", p) or fnmatch(f"{name}.{row}.{column}", p) for p in patterns)
            assert magnitude._matches(name, row, column, patterns) == expected


_YEAR_PIECES = st.sampled_from(["2024", "1999", "2021", "20245", "年", "本局", "示例", "《", "》", "第", "(", "GB/T ", "条",
                                "，", "。", " ", "2024年", "a", "现公布"])


@settings(max_examples=1500, deadline=None)
@given(st.lists(_YEAR_PIECES, max_size=10).map("".join), st.sampled_from([None, 2024, 2019]))
def test_years_without_nian_as_when_every_paragraph_is_scanned(text, year):
    from unittest import mock

    from gixlint.checks import wording

    def spans(found):
        return [(m.span(), m.group(0)) for m in found]

    fast = spans(wording._slips("year-without-nian", text, year))
    with mock.patch.object(wording, "_YEAR_AT_ALL", re.compile("")):      # never passes a paragraph over
        assert fast == spans(wording._slips("year-without-nian", text, year))


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(["\t", " ", "a", "汉", "1", "\u3000", "\x0b", "\u00a0"]), max_size=10).map("".join))
def test_tab_rows_as_searched_in_every_line(line):
    assert T._tab_row(line) == bool(T._TAB_ROW.search(line))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["#", "a", "汉", "字"]), max_size=40).map("".join))
def test_shingles_holding_figures_counted_as_one_by_one(text):
    from gixlint.checks.copying import _holding_figures

    pieces = [text[i:i + 4] for i in range(len(text) - 3)]
    assert _holding_figures(pieces) == sum("#" in p for p in pieces)


def test_a_second_run_of_table_four_values_is_judged_too():
    from gixlint.layout.rows.merged import check_rows
    from gixlint.read.document import CELL, Item

    texts = (["行政复议", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] + ["1"] * 15
             + ["行政诉讼", "未经复议直接起诉"] + ["12345678901234", "2", "3"])
    items = [Item(n, text, CELL) for n, text in enumerate(texts, start=1)]
    fast, plain = [], []
    assert check_rows(items, fast) == _check_rows_plain(items, plain)
    assert fast == plain and [p.table for p in fast] == ["t4"]
