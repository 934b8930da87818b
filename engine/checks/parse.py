"""Parse problems as findings: what the parser could not place, pinned to its line."""

from __future__ import annotations

from ..hookspecs import hookimpl
from ..kinds import CheckKind, Hit, Param


def run(rule, report, context):
    wanted = rule.params["problem"]
    wanted = {wanted} if isinstance(wanted, str) else set(wanted)
    for p in report.problems:
        if p.kind in wanted:
            yield Hit(line=p.line, table=p.table, row=p.row, column=p.column, expected=p.expected,
                      actual=p.actual, values={"detail": p.message})


@hookimpl
def gixlint_check_kinds():
    return [CheckKind("parse-problem", run, {
        "problem": Param((str, list), "解析问题的种类：not-a-report、unreadable、table-missing、table-shape、"
                         "unknown-label、unplaced、format-deviation 中的一个或多个", required=True),
    }, doc="把解析阶段无法归位的内容（缺表、缺格、多格、无法识别的行）报告为发现。")]
