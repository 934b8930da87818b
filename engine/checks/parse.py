"""Parse problems as findings: what the parser could not place, pinned to its line."""

from __future__ import annotations

from gixlint.lint.hookspecs import hookimpl
from gixlint.lint.kinds import CheckKind, Hit, Param


def run(rule, report, context):
    wanted = rule.params["problem"]
    wanted = {wanted} if isinstance(wanted, str) else set(wanted)
    for p in report.problems:
        if p.kind in wanted:
            yield Hit(line=p.line, table=p.table, row=p.row, column=p.column, expected=p.expected,
                      actual=p.actual, values={"detail": p.message}, cells=p.cells)


def report_format(rule, report, context):
    """The 2021 format applies from report year 2021 (国办公开办函〔2021〕30号); before it, the 2019 trial format."""
    year, fmt = report.meta.year, report.meta.format
    since = rule.params["since"]
    if year is None or fmt == "unknown":
        return
    where = report.tables.get("t2v19") or report.tables.get("t2")
    line = where.line if where else report.meta.title_line
    if year >= since and fmt == "v2019":
        yield Hit(line=line, expected="v2021", actual="v2019",
                  values={"detail": f"{year} 年度报告应使用 2021 年格式（国办公开办函〔2021〕30号），"
                                    "但表二仍是 2019 年试行格式（本年新制作数量、上一年项目数量等栏目）"})
    elif year < since and fmt == "v2021":
        yield Hit(line=line, expected="v2019", actual="v2021", severity="info",
                  values={"detail": f"{year} 年度报告使用了 2021 年格式；该年度适用 2019 年试行格式（国办公开办函〔2019〕60号）"})


@hookimpl
def gixlint_check_kinds():
    return [CheckKind("report-format", report_format, {
        "since": Param(int, "从哪个报告年度起应使用 2021 年格式", default=2021),
    }, doc="报告年度与所用格式一致：2021 年度起用 2021 年格式，之前用 2019 年试行格式。", placeholders=("detail",)),
            CheckKind("parse-problem", run, {
        "problem": Param((str, list), "解析问题的种类：not-a-report、several-reports、unreadable、table-missing、table-shape、"
                         "unknown-label、unplaced、format-deviation、unreadable-text、scanned-pdf、replaced-bytes、"
                         "lookalike-characters 中的一个或多个", required=True),
    }, doc="把解析阶段无法归位的内容（缺表、缺格、多格、无法识别的行）报告为发现。", placeholders=("detail",))]
