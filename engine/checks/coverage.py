"""The supervisor's roster against the folder: who has not published, and who is not on the list.

Runs only when a roster is given (``--roster`` or ``roster =`` in gixlint.toml). The year checked
is the report year most of the run's reports have (the latest of equals), so a folder that also
holds last year's reports, or one early report for next year, is judged on the year it is for.
An agency whose deadline has not passed yet is listed as not yet due, not as an error.
"""

from __future__ import annotations

from collections import Counter

from gixlint.lint.hookspecs import hookimpl
from gixlint.lint.kinds import CheckKind, Hit, Param
from gixlint.vocab.deadlines import deadline, deadline_params, due_date

OVERDUE, NOT_DUE = "overdue", "not-yet-due"


def roster_coverage(rule, reports, context):
    """An agency on the roster with no report for the year (a hit on the roster's line, index
    None), and a report whose agency the roster does not list (an info hit on the report)."""
    roster = context.roster
    years = Counter(r.meta.year for r in reports if r.meta.year)
    if roster is None or not years or not context.options.get("roster_coverage", True):
        return      # no roster, or one report checked on its own: who else published is not its business
    year = max(years, key=lambda y: (years[y], y))
    published = set()
    for i, report in enumerate(reports):
        if report.meta.year != year:
            continue
        entry = roster.find(report.meta.agency)
        if entry:
            published.add(entry)
            continue
        name = f"「{report.meta.agency}」" if report.meta.agency else "报告（未识别出机关名称）"
        yield i, Hit(line=report.meta.title_line or 1, severity="info", actual=report.meta.agency or None,
                     values={"detail": f"{name}不在名单 {roster.path} 上，请核对报告中的机关名称或名单"})
    for entry in roster.entries:
        if entry in published:
            continue
        mmdd, who, _basis = deadline(entry, entry.name, rule.params)
        due = due_date(mmdd, year + 1)
        when = f"{who} {due.year}年{due.month}月{due.day}日"
        # row: the roster row's agency, so a waiver or a spreadsheet filter names one agency;
        # expected: the deadline; actual: overdue or not-yet-due, whatever severity is configured
        where = dict(line=entry.line, row=entry.name, expected=due.isoformat())
        if context.today <= due:
            yield None, Hit(**where, severity="info", actual=NOT_DUE,
                            values={"detail": f"名单第 {entry.line} 行「{entry.name}」还没有 {year} 年度报告"
                                              f"（{when}，尚未到期）"})
        else:
            yield None, Hit(**where, actual=OVERDUE,
                            values={"detail": f"名单第 {entry.line} 行「{entry.name}」没有 {year} 年度报告"
                                              f"（{when}已过；本次检查的 {years[year]} 份 {year} 年度报告中没有）"})


def _who(rule, report, context) -> None:
    """Nothing beyond who and which year, which every entry carries."""
    return None


@hookimpl
def gixlint_check_kinds():
    return [CheckKind("roster-coverage", roster_coverage, {
        "policy": Param(str, "名单未写类型和期限时按谁算：auto（名称以「人民政府」结尾按政府，否则按部门）、department、government",
                        default="auto", choices=("auto", "department", "government")),
        "department_deadline": Param(str, "政府部门的发布期限（次年 月-日）", default="01-31"),
        "government_deadline": Param(str, "本级人民政府的发布期限（次年 月-日）", default="03-31"),
    }, corpus=True, digest=_who, validate=deadline_params, doc="对照名单（--roster）：名单上的机关都有本年度报告（期限未到的只作提示），报告的机关都在名单上。",
        placeholders=("detail",))]
