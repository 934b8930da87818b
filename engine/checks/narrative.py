"""Narrative numbers against the tables: 「共收到申请 60 件」 must be a value the tables give."""

from __future__ import annotations

import re

from ..formula import Evaluator, Uncheckable, compile_formula
from ..hookspecs import hookimpl
from ..kinds import CheckKind, Hit, Param, formula_list, regex_value, scope_value
from .common import scope_paragraphs, sentences, where


def _fmt(number) -> str:
    return str(int(number)) if number == int(number) else str(number)


def narrative_number(rule, report, context):
    """Numbers captured by ``pattern`` (group ``n``) must equal one of the ``accept`` formulas."""
    evaluator = Evaluator(report)
    accepted = []
    for text in rule.params["accept"]:
        try:
            accepted.append(evaluator.evaluate(compile_formula(text)).number)
        except (Uncheckable, ZeroDivisionError):
            return  # the table itself is unreadable there; the table rules say so
    pattern = re.compile(rule.params["pattern"])
    paragraphs, _section = scope_paragraphs(report, str(rule.params["scope"]))
    for line, sentence in sentences(paragraphs):
        for m in pattern.finditer(sentence):
            value = int(m.group("n"))
            if value not in accepted:
                yield Hit(line=line, section=where(report, line),
                          expected=" 或 ".join(map(_fmt, accepted)), actual=value,
                          values={"number": value, "phrase": m.group(0),
                                  "accepted": " 或 ".join(map(_fmt, accepted))})


@hookimpl
def gixlint_check_kinds():
    return [CheckKind("narrative-number", narrative_number, {
        "pattern": Param(str, "正则表达式，用命名组 (?P<n>\\d+) 取出正文中的数字", required=True, validate=regex_value),
        "accept": Param(list, "可接受的值：公式列表，如 [\"t3.new_received.total\"]", required=True, validate=formula_list),
        "scope": Param((str, int), "在哪里找：\"report\"、\"title\" 或 \"一\"…\"六\"", default="一", validate=scope_value),
    }, doc="正文中写的数字等于统计表算出的某个值（如收到申请件数、行政许可件数）。",
        placeholders=("number", "phrase", "accepted"))]
