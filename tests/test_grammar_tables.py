"""The parsers generated into gixlint/grammar/parsers.py (grammar/generate.py) are the grammars as
they are now, and parse as lark itself parses with the same grammar."""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

import lark
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lark.lexer import Lexer as LarkLexer

from gixlint.grammar import generate, parsers
from gixlint.lint.formula import FormulaError, compile_formula
from gixlint.parse import lexer
from gixlint.parse.grammars import formula_parser

GRAMMAR = Path(generate.__file__).resolve().parent


def _shape(node):
    """A tree as nested tuples (type, value, column for tokens), comparable across the generated
    runtime's classes and lark's."""
    if hasattr(node, "children"):
        return (node.data, tuple(_shape(c) for c in node.children))
    return (node.type, str(node), getattr(node, "column", None))


@pytest.mark.parametrize("name, file", [("REPORT", "report.lark"), ("FORMULA", "formula.lark")])
def test_the_generated_tables_are_those_of_the_grammar_as_it_is(name, file):
    """Edit a .lark file and forget `python -m gixlint.grammar.generate`: this fails."""
    text = (GRAMMAR / file).read_text(encoding="utf-8")
    assert getattr(parsers, f"{name}_GRAMMAR_SHA256") == hashlib.sha256(text.encode()).hexdigest()


class _Terminals(LarkLexer):
    """lark's own parser fed the way gixlint's lexer feeds the generated one."""

    def __init__(self, conf):
        pass

    def lex(self, terminals):
        for number, terminal in enumerate(terminals):
            yield lark.Token(terminal, str(number))


_LARK_REPORT = lark.Lark((GRAMMAR / "report.lark").read_text(encoding="utf-8"), parser="lalr", lexer=_Terminals)
_LARK_FORMULA = lark.Lark((GRAMMAR / "formula.lark").read_text(encoding="utf-8"), parser="lalr",
                          propagate_positions=True)
_TERMINALS = ["SECTION", "TEXT", "SHORT_TEXT", "VALUE", "EMPTY", "T2_BLOCK", "T2_HEAD", "T2_LABEL", "T3_NOTE",
              "T3_HEAD", "T3_LABEL", "T3_GROUP", "T3_ORPHAN", "T4_HEAD", "COMMON_HEAD"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_TERMINALS), max_size=40))
def test_the_report_parser_gives_lark_s_tree_for_any_stream(terminals):
    ours = lexer._lark().parse(tuple(terminals))
    assert _shape(ours) == _shape(_LARK_REPORT.parse(tuple(terminals)))


def test_the_report_parser_on_generated_reports():
    from gixlint.layout.text import from_text
    from gixlint.testing import LAYOUTS, random_spec, render

    for seed in range(10):
        layout = from_text(render(random_spec(random.Random(seed)), LAYOUTS[seed % len(LAYOUTS)]).text)
        stream = lexer.Stream([lexer.classify(i) for i in layout.content], [i.line for i in layout.content])
        assert _shape(lexer._lark().parse(stream.terminals)) == _shape(_LARK_REPORT.parse(stream.terminals))


def _national_formulas() -> list[str]:
    import tomli

    out = []
    for pack in (GRAMMAR.parent / "rules").glob("*.toml"):
        for rule in tomli.loads(pack.read_text(encoding="utf-8")).get("rule", []):
            for key in ("formula", "when"):
                value = rule.get(key)
                out += [value] if isinstance(value, str) else list(value or [])
    return out


_BROKEN = ["t3.total.natural_person ==", "sum(", "1 +* 2", "t3..x", "((t2.licensing)", "year >= 2021 and",
           "t3[row.total", "a == b == c", "", "  ", "2021年", "t3.total.natural_person = 1"]


@pytest.mark.parametrize("text", _national_formulas() + _BROKEN + ["-(1 + 2) * 3 / 4 != abs(-5)",
                                                                  "not year < 2021 or t2.licensing >= 0"])
def test_the_formula_parser_gives_lark_s_tree_or_its_error(text):
    try:
        expected = _shape(_LARK_FORMULA.parse(text))
    except lark.exceptions.UnexpectedInput as exc:
        expected = ("error", exc.column)
    try:
        got = _shape(formula_parser().parse(text))
    except parsers.UnexpectedInput as exc:
        got = ("error", exc.column)
    assert got == expected


def test_the_national_packs_have_formulas_to_compare():
    formulas = _national_formulas()
    assert len(formulas) >= 15
    with pytest.raises(FormulaError):
        compile_formula("t3.total.natural_person ==")
