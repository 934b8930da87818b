"""The speed-ups change nothing: each fast path is checked against a plain reference.

* the parser's short token stream (one token per row or run) gives the tree structure the
  one-token-per-item stream gives, for any stream of terminals;
* a compiled formula gives the tree walk's value, operands, or exception and operand, on
  generated reports with damaged cells, for generated formulas and the national rules';
"""

from __future__ import annotations

import itertools
import random
import re
from contextlib import contextmanager

from hypothesis import given, settings
from hypothesis import strategies as st
from lark import Lark, Token, Tree
from lark.lexer import Lexer

from gixlint.layout.lookalike import ordinary_hanzi
from gixlint.layout.text import from_text
from gixlint.parse.lexer import classify, parse_kinds, split_glued_headings
from gixlint.testing import LAYOUTS, random_spec, render
from gixlint.vocab import labels as L

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
            if hasattr(child, "children"):      # a subtree (the generated parser's own Tree class)
                walk(child, path)
                continue
            start = stream.starts[int(child.value)]
            wrapper = "" if node.data in _CONTAINERS else node.data
            for i in range(start, stream.ends[int(child.value)]):
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


def test_a_kept_parse_is_the_tree_lark_gives():
    """Reports of one template repeat their stream of terminals: the second one's tree is the kept
    parse, and must be the tree lark gives for it."""
    from gixlint.parse import lexer

    lexer._parse_terminals.cache_clear()
    for seed in range(12):
        spec = random_spec(random.Random(seed % 3))       # each template three times, items moved
        items = split_glued_headings(ordinary_hanzi(from_text(
            "前言\n" * seed + render(spec, LAYOUTS[seed % len(LAYOUTS)]).text)).content)
        tree, skipped, stream = parse_kinds([classify(item) for item in items], [item.line for item in items])
        assert tree == lexer._lark().parse(stream.terminals)
        assert skipped == []
    assert lexer._parse_terminals.cache_info().hits >= 6


# --- layout detection over the whole text ---------------------------------------------------

_LINE_PIECES = st.sampled_from([" ", "  ", "\t", "|", "a", "汉", "<table", "<TABLE", ">", "<td", "\r", "\x0b",
                                "\x0c", "\u3000", "\u2028", "\x85", "\x1c", "1", "a\t1", "|a|"])


@settings(max_examples=800, deadline=None)
@given(st.lists(st.lists(_LINE_PIECES, max_size=8).map("".join), max_size=12))
def test_whole_text_searches_count_the_lines_line_searches_count(lines):
    from gixlint.layout import text as T

    joined = "\n".join(lines)
    assert bool(T._HTML_TABLE_LINE.search(joined)) == any(T._HTML_TABLE.search(line) for line in lines)
    pipes = sum(1 for line in lines if T._PIPE_ROW.match(line))
    tabs = sum(1 for line in lines if T._TAB_ROW.search(line))
    for enough in range(1, 14):     # only lines holding the mark are tested; counting stops early
        assert T._enough_lines(lines, "|", T._PIPE_ROW.match, enough) == (pipes >= enough)
        assert T._enough_lines(lines, "\t", T._TAB_ROW.search, enough) == (tabs >= enough)
    assert ("<" in joined) or not T._HTML_TABLE_LINE.search(joined)
    assert joined.count("\n\t") + joined.startswith("\t") == sum(1 for line in lines if line.startswith("\t"))


# --- compiled formulas -----------------------------------------------------------------------

from gixlint.lint.formula import GROUPS, Evaluator, FormulaError, Uncheckable, Unread, Value, compile_formula  # noqa: E402
from gixlint.parse import parse_text  # noqa: E402
from tests.formula_walk import Walk  # noqa: E402


def _outcome(fn):
    """What evaluating gives: the value and its operands, or the exception and its operand."""
    try:
        value = fn()
    except (Unread, Uncheckable) as exc:
        return type(exc).__name__, exc.operand
    except (FormulaError, ArithmeticError, TypeError) as exc:     # bool / bool is a float: both fail alike
        return type(exc).__name__, str(exc)
    if isinstance(value, tuple):
        return value[0], [(v.number, type(v.number), v.operands) if isinstance(v, Value) else (v, type(v), [])
                          for v in value[1:]]
    if not isinstance(value, Value):      # a bare number
        return value, type(value), []
    return value.number, type(value.number), value.operands


def _same_value(report, text: str, foreach: dict[str, str], blanks_as_zero: bool) -> None:
    formula = compile_formula(text, tuple(foreach))
    fast, walk = Evaluator(report, blanks_as_zero), Walk(report, blanks_as_zero)
    for env in fast.bindings(foreach) if foreach else [{}]:
        for _ in range(2):      # the second time from the evaluator's caches
            walked = _outcome(lambda e=env: walk.evaluate(formula, e))
            assert _outcome(lambda e=env: fast.evaluate(formula, e)) == walked
            bare = _outcome(lambda e=env: fast.number(formula, e))      # the same, less the operands
            assert bare == (walked if isinstance(walked[0], str) else (walked[0], walked[1], []))
            if formula.is_comparison:
                sides = _outcome(lambda e=env: walk.sides(formula, e))
                assert _outcome(lambda e=env: fast.sides(formula, e)) == sides
                numbers = _outcome(lambda e=env: fast.numbers(formula, e))     # the same, less the operands
                assert numbers == (sides if not isinstance(sides[1], list) else
                                   (sides[0], [(v[0], v[1], []) for v in sides[1]]))


_CELLS = ["t3.total.natural_person", "t3.granted.total", "t3.new_received.total", "t3.carried_forward.legal_other",
          "t3.other_total.total", "t3.other_fee_unpaid.total", "t2.licensing", "t2.regulations.made",
          "t2.fee_amount", "t4.review.total", "t4.litigation_direct.corrected", "year", "t2v19.regulations.change",
          "t3[row].total", "t3[row].natural_person", "t3.total[col]", "t4[block].total"]
_GROUPED = ["t3.results.total", "t3[row].applicants", "t3.rows.total", "t3.results[col]", "t4[block].parts",
            "t2.decisions", "t2.documents.made", "t3.total.columns"]
_FOREACH = {"row": "t3.rows", "col": "t3.columns", "block": "t4.blocks"}


@st.composite
def _formulas(draw, depth=0):
    choice = draw(st.integers(0, 9 if depth < 3 else 2))
    if choice <= 1:
        return draw(st.sampled_from(_CELLS))
    if choice == 2:
        return str(draw(st.sampled_from([0, 1, 2, 7, 2021, "0.5"])))
    if choice == 3:
        args = draw(st.lists(st.one_of(st.sampled_from(_GROUPED), _formulas(depth + 1)), min_size=0, max_size=3))
        return f"{draw(st.sampled_from(['sum', 'min', 'max', 'abs']))}({', '.join(args)})"
    if choice == 4:
        return f"-{draw(_formulas(depth + 1))}"
    if choice == 5:
        return f"not ({draw(_formulas(depth + 1))})"
    op = draw(st.sampled_from(["+", "-", "*", "/", "==", "!=", "<", "<=", ">", ">=", "and", "or"]))
    return f"({draw(_formulas(depth + 1))}) {op} ({draw(_formulas(depth + 1))})"


def _damaged_report(rnd: random.Random):
    spec = random_spec(rnd)
    text = render(spec, rnd.choice(LAYOUTS)).text
    lines = text.split("\n")
    for _ in range(rnd.randint(0, 6)):     # blanks, dashes, words, run-together digits, lost lines
        i = rnd.randrange(len(lines))
        lines[i] = rnd.choice(["", "/", "无", "12（其中3件）", "-4", "1.5", "713000074", lines[i] + " 9"])
    if rnd.random() < 0.2:
        lines = [line for line in lines if "年" not in line[:12]]     # no year
    report = parse_text("\n".join(lines))
    t3 = report.tables.get("t3")
    if t3 is not None and rnd.random() < 0.3:    # the 2019 format's one （六）其他处理 row
        leaves = [t3.rows.pop(k) for k in L.T3_OTHER_LEAVES if k in t3.rows]
        if leaves:
            t3.rows["other_total"] = leaves[0]
    return report


_REPORTS: dict[int, object] = {}


@settings(max_examples=400, deadline=None)
@given(st.integers(0, 30), _formulas(), st.booleans())
def test_compiled_formula_gives_the_walks_value(seed, text, blanks_as_zero):
    if seed not in _REPORTS:
        _REPORTS[seed] = _damaged_report(random.Random(seed))
    names = [v for v in _FOREACH if f"[{v}]" in text]
    try:
        compile_formula(text, tuple(names))
    except FormulaError:
        return
    _same_value(_REPORTS[seed], text, {n: _FOREACH[n] for n in names}, blanks_as_zero)


def test_compiled_formula_on_the_national_rules():
    from gixlint.lint.linter import Linter

    rules = Linter.create(load_plugins=False).rules
    formulas = [(text, r.params.get("foreach") or {}) for r in rules for key in ("formula", "formulas")
                for text in ([r.params[key]] if isinstance(r.params.get(key), str) else r.params.get(key) or [])]
    formulas += [(r.when, {}) for r in rules if r.when]
    assert len(formulas) >= 10 and all(g.split(".")[0] in GROUPS for _f, fe in formulas for g in fe.values())
    for seed in range(12):
        report = _damaged_report(random.Random(100 + seed))
        for text, foreach in formulas:
            for blanks in (False, True):
                _same_value(report, text, foreach, blanks)


def test_identities_skip_by_bare_numbers_only_what_holds(monkeypatch):
    """Identities first look at bare numbers (``Evaluator.numbers``) and skip a binding that holds
    there: the findings are those of the full evaluation of every binding (blank sums, unread rows
    and cannot-check notes included)."""
    from gixlint.lint.linter import Linter

    linter = Linter.create(load_plugins=False)
    linter.rules = [r for r in linter.rules if r.kind in ("identity", "condition")]
    reports = [_damaged_report(random.Random(300 + seed)) for seed in range(40)]
    quick = [linter.check(r) for r in reports]

    def unknown(self, formula, env):
        raise Uncheckable(None)
    monkeypatch.setattr(Evaluator, "numbers", unknown)
    linter.context.shared.clear()
    assert quick == [linter.check(r) for r in reports]
    assert any(quick)


def test_cells_looked_up_by_key_are_the_cells_the_walk_resolves():
    """References resolve to cell keys worked out once for all reports (:func:`cell_keys`): the
    operands are those the walk resolves afresh, missing cells, unread rows and a one-row
    （六）其他处理 included."""

    from gixlint.lint.formula import cell_keys

    for seed in range(20):
        report = _damaged_report(random.Random(200 + seed))
        fast, walk = Evaluator(report), Walk(report)
        for name, (row_groups, col_groups) in GROUPS.items():
            rows = [*row_groups, *sorted(next(iter(report.tables.values())).rows if report.tables else []), "nope"]
            columns = [*col_groups, "total", "made", "count", "natural_person", "nope"]
            for keys in [(row,) for row in rows] + list(itertools.product(rows, columns)):
                node = Tree("ref", [Token("NAME", name), *(Tree("field", [Token("NAME", k)]) for k in keys)])
                got = [fast.operand(key) for key in cell_keys(name, keys, fast.one_other)]
                assert got == walk.resolve(node, {})


# --- copied narrative ------------------------------------------------------------------------


def _datasketch_signature(pieces) -> bytes:
    import zlib

    from datasketch import MinHash

    m = MinHash(num_perm=128, seed=1, hashfunc=zlib.crc32, scheme="affine32")
    m.update_batch([p.encode("utf-8") for p in pieces])
    return m.hashvalues.astype("<u4").tobytes()


def test_signatures_are_datasketchs():
    """The numpy MinHash gives datasketch's signature, byte for byte (cached signatures stay valid):
    on the sections of generated and real reports, and on sets larger than one chunk."""
    from pathlib import Path

    from gixlint.checks.copying import shingles, signature
    from gixlint.parse import parse_file

    reports = [parse_text(render(random_spec(random.Random(seed)), LAYOUTS[seed % len(LAYOUTS)]).text)
               for seed in range(30)]
    real = Path(__file__).resolve().parents[2] / "shared" / "real"
    reports += [parse_file(p) for p in sorted(real.glob("*")) if p.suffix in (".txt", ".md")]
    compared = 0
    for report in reports:
        for number in (1, 5):
            pieces = shingles(report, number, 80)
            if pieces:
                assert signature(pieces) == _datasketch_signature(pieces)
                compared += 1
    assert compared >= 40
    rng = random.Random(3)
    for size in (1, 2, 4095, 4096, 4097, 9000):
        pieces = frozenset(f"{rng.random():.12f}片段" for _ in range(size))
        assert signature(pieces) == _datasketch_signature(pieces)


def test_banding_is_the_plain_loops_choice():
    """Costing every split at once with numpy picks the split the loop over splits picks."""
    from gixlint.checks.copying import NUM_PERM, _banding, _cost

    for threshold in (0.15, 0.3, 0.5, 0.62, 0.75, 0.9, 0.99):
        target, best = max(0.05, threshold - 0.1), None
        for bands in range(1, NUM_PERM + 1):
            for rows in range(1, NUM_PERM // bands + 1):
                cost = _cost(bands, rows, target)
                if best is None or cost < best[0]:
                    best = (cost, bands, rows)
        assert _banding(threshold) == best[1:]


def test_t3_label_guessing_skips_only_labels_that_cannot_be_close():
    """The quick ratios (upper bounds of the similarity) rule labels out before the full
    comparison; what is guessed, with what confidence, is what comparing them all gives."""
    from difflib import SequenceMatcher

    from gixlint.vocab import labels as L

    def reference(text):
        key = L._NUMBER_STYLE.sub(r"\1.", L.label_key(text))
        if key in L.T3_ROW_INDEX:
            return L.T3_ROW_INDEX[key], 1.0, False
        bare = L._NUMBERING.sub("", key)
        if len(bare) > 3 and bare in L.T3_ROW_INDEX:
            return L.T3_ROW_INDEX[bare], 1.0, False
        if not L._LABEL_LIKE.match(key) or len(key) > 60:
            return None
        prefixed = [row for full, row in L._T3_FULL.items() if len(key) >= 5 and full.startswith(key)]
        if len(prefixed) == 1:
            return prefixed[0], 0.95, False
        scores = sorted(((SequenceMatcher(None, key, full).ratio(), row) for full, row in L._T3_FULL.items()),
                        reverse=True)
        (best, row), (second, _) = scores[0], scores[1]
        return (row, round(best, 2), True) if best >= 0.8 and best - second >= 0.08 else None

    rng = random.Random(7)
    texts = list(L.T3_ROWS.values())
    for label in L.T3_ROWS.values():        # slips: characters dropped, doubled, changed, cut
        for _ in range(12):
            chars = list(label)
            for _ in range(rng.randint(1, 6)):
                if not chars:
                    break
                i = rng.randrange(len(chars))
                chars[i:i + 1] = rng.choice([[], [chars[i]] * 2, [rng.choice("的和其他申请公开")]])
            texts.append("".join(chars)[:rng.randint(4, 40)])
    guessed = 0
    for text in texts:
        expected = reference(text)
        assert L.match_t3_row.__wrapped__(text) == expected, text
        guessed += bool(expected and expected[2])
    assert guessed >= 20


# --- statement patterns' first test ----------------------------------------------------------

from gixlint.checks import needles as needles_module  # noqa: E402
from gixlint.checks.needles import needles, required_words, searcher  # noqa: E402


@contextmanager
def _warm():
    """Patterns' words worked out at the first ask (a process works them out after WARM asks)."""
    import pytest

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(needles_module, "WARM", 0)
        yield


_ATOMS = ["a", "b", "ab", "收费", "[ab]", "[^a]", ".", "\\d", "(?<!b)a", "a(?=b)", "^", "$", "\\b"]


@st.composite
def _patterns(draw, depth=0):
    choice = draw(st.integers(0, 5 if depth < 3 else 0))
    if choice == 0:
        return draw(st.sampled_from(_ATOMS))
    if choice == 1:
        return draw(_patterns(depth + 1)) + draw(_patterns(depth + 1))
    if choice == 2:
        return f"({draw(_patterns(depth + 1))}|{draw(_patterns(depth + 1))})"
    if choice == 3:
        return f"(?:{draw(_patterns(depth + 1))}){draw(st.sampled_from(['?', '*', '+', '{0,2}', '{1,3}', '{2}', '+?']))}"
    if choice == 4:
        return f"({draw(_patterns(depth + 1))})"
    return f"(?i:{draw(_patterns(depth + 1))})"


@settings(max_examples=600, deadline=None)
@given(_patterns(), st.lists(st.text(alphabet="abAB收费 1", max_size=12), min_size=1, max_size=8))
def test_first_test_passes_over_only_texts_the_pattern_cannot_match(pattern, texts):
    with _warm():
        for text in texts:
            found, expected = searcher(pattern)(text), re.search(pattern, text)
            assert (found and found.span()) == (expected and expected.span()), (pattern, needles(pattern), text)


def test_a_patterns_words_are_worked_out_only_once_it_is_much_used():
    """A run of one file does not parse the patterns (~15 ms a process); a long run does."""
    pattern = "(未|没有)收到[^。]{0,5}申请"
    for _ in range(needles_module.WARM - 1):
        assert searcher(pattern) == re.compile(pattern).search      # no first test yet
    assert needles(pattern) == ("收到",) == required_words(pattern)
    assert searcher(pattern)("没有收到任何申请") and not searcher(pattern)("没有收到")


def test_first_test_on_the_rules_patterns():
    """Every statement pattern of the loaded packs, over the sentences of generated reports: the
    same matches; and the first test is there for most of them."""
    from pathlib import Path

    import tomllib

    from gixlint.checks.common import matching, sentences

    root = Path(__file__).resolve().parents[1]
    packs = [*(root / "rules").glob("*.toml"), *(root / "plugins").rglob("*.toml")]
    patterns = []
    for pack in packs:
        for rule in tomllib.loads(pack.read_text("utf-8")).get("rule", []):
            for key in ("pattern", "patterns", "unless", "unless_patterns"):
                value = rule.get(key) or []
                patterns += [value] if isinstance(value, str) else value
    assert len(patterns) > 15 and sum(required_words(p) is not None for p in patterns) > len(patterns) * 0.8
    with _warm():
        texts, paragraphs = [], []
        for seed in range(6):
            report = _damaged_report(random.Random(400 + seed))
            paragraphs += report.all_paragraphs() + report.closing
        texts = [s for _line, s in sentences(paragraphs)]
        for pattern in [*patterns, ""]:
            for text in texts:
                found, expected = searcher(pattern)(text), re.search(pattern, text)
                assert (found and found.span()) == (expected and expected.span())
            # whole paragraphs passed over too: the sentences a plain search of each finds
            assert [(line, s, m.span()) for line, s, m in matching(paragraphs, pattern)] == [
                (line, s, m.span()) for line, s in sentences(paragraphs) if (m := re.search(pattern, s))]


def test_table_fingerprints_differ_exactly_where_a_row_read_in_both_prints_differently():
    """duplicate-report's fingerprint keeps two 32-bit hashes a read row: two reports differ when a
    row both were read in, with the same columns, prints different cells, as the plain comparison
    of their cells says (a row with a cell one copy lacks is not compared)."""
    import copy
    from dataclasses import replace

    from gixlint.checks.cross import _differ, _rows, fingerprint_digest
    from gixlint.vocab.values import MISSING

    def printed(report):
        out = {}
        for name, table in report.tables.items():
            if table.status == "unreadable":
                continue
            for key, row in table.rows.items():
                if key not in table.unread_rows:
                    cells = [(col, cell.value) for col, cell in row.cells.items() if cell.kind != MISSING]
                    out[(name, key, tuple(col for col, _v in cells))] = [v for _col, v in cells]
        return out

    def plainly_differ(a, b):
        pa, pb = printed(a), printed(b)
        return any(pb[k] != v for k, v in pa.items() if k in pb)

    def differ(a, b):
        return _differ(_rows(fingerprint_digest(None, a, None)), _rows(fingerprint_digest(None, b, None)))

    reports = [_damaged_report(random.Random(500 + seed % 6)) for seed in range(12)]
    for a in reports:
        for b in reports:
            assert differ(a, b) == plainly_differ(a, b)
    report = reports[0]
    first = next(iter(report.tables["t3"].rows))
    col, cell = next(iter(report.tables["t3"].rows[first].cells.items()))
    for change in ("value", "column", "unread", "row"):
        other = copy.deepcopy(report)
        rows = other.tables["t3"].rows
        rows[first].cells[col] = replace(cell, value=(cell.value or 0) + 1)
        if change == "column":
            rows[first].cells = {("x" if k == col else k): v for k, v in rows[first].cells.items()}
        elif change == "unread":
            other.tables["t3"].mark_unread(first, 1, "test")
        elif change == "row":
            other.tables["t3"].rows = {("x" if k == first else k): v for k, v in rows.items()}
        # a changed value in a row both read differs; an unread or absent row, or one whose
        # columns are not the same, is not compared
        assert differ(other, report) == (change == "value") == plainly_differ(other, report)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("政府信息公开，。、（）：；！？ＡＢａ１２３　 Aa1_-™①ﬁ…·“”《》")
                                        + ["\u0301", "\u0308", "\u1100", "\u1161", "\uff61", "\uff76", "\u2126"]),
               max_size=40))
def test_quick_nfkc_is_nfkc(text):
    import unicodedata

    from gixlint.vocab.normal import nfkc

    assert nfkc(text) == unicodedata.normalize("NFKC", text)
