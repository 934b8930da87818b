"""An example office plugin: one new check kind and a TOML pack (code prefix SZB).

The kind ``narrative-number`` compares a number written in the text (e.g. 「共收到政府信息公开
申请 60 件」) with values computed from the tables by gixlint formulas. The pack instantiates it,
and also uses gixlint's declarative ``required-statement`` kind for a local requirement that
needs no code at all.
"""

from __future__ import annotations

import re
from importlib import resources

from gixlint import hookimpl
from gixlint.checks.common import section_name, section_number, sentences
from gixlint.formula import Evaluator, Uncheckable, compile_formula
from gixlint.kinds import CheckKind, Hit, Param


def _fmt(number) -> str:
    return str(int(number)) if number == int(number) else str(number)


def narrative_number(rule, report, context):
    """Numbers captured by ``pattern`` (group ``n``) must equal one of the ``accept`` formulas."""
    number = section_number(rule.params["section"])
    section = report.section(number)
    if section is None:
        return
    evaluator = Evaluator(report)
    accepted = []
    for text in rule.params["accept"]:
        try:
            accepted.append(evaluator.evaluate(compile_formula(text)).number)
        except Uncheckable:
            return  # the table itself is unreadable there; gixlint's own rules say so
    pattern = re.compile(rule.params["pattern"])
    for line, sentence in sentences(section.paragraphs):
        for m in pattern.finditer(sentence):
            value = int(m.group("n"))
            if value not in accepted:
                yield Hit(line=line, section=section_name(number), expected=" 或 ".join(map(_fmt, accepted)),
                          actual=value, values={"number": value, "phrase": m.group(0),
                                                "accepted": " 或 ".join(map(_fmt, accepted))})


@hookimpl
def gixlint_check_kinds():
    return [CheckKind("narrative-number", narrative_number, {
        "section": Param((str, int), "在哪一部分找，如 \"一\"", required=True),
        "pattern": Param(str, "正则表达式，用命名组 (?P<n>\\d+) 取出数字", required=True),
        "accept": Param(list, "可接受的值：gixlint 公式列表，如 [\"t3.new_received.total\"]", required=True),
    }, doc="正文中写的数字与统计表计算出的值一致。", placeholders=("number", "phrase", "accepted"))]


@hookimpl
def gixlint_rule_packs():
    return [resources.files(__name__).joinpath("office.toml")]
