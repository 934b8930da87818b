"""The supervisor's roster against the folder: who has not published, and who is not on the list.

Runs only when a roster is given (``--roster`` or ``roster =`` in gixlint.toml). The year checked
is the latest report year in the run, so a folder that also holds last year's reports (for the
year-to-year checks) is judged on this year's.
"""

from __future__ import annotations

from ..hookspecs import hookimpl
from ..kinds import CheckKind, Hit


def roster_coverage(rule, reports, context):
    """An agency on the roster with no report for the year (a hit on the roster's line, index
    None), and a report whose agency the roster does not list (an info hit on the report)."""
    roster = context.roster
    years = [r.meta.year for r in reports if r.meta.year]
    if roster is None or not years:
        return
    year = max(years)
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
        if entry not in published:
            yield None, Hit(line=entry.line, expected=year, actual=None,
                            values={"detail": f"名单第 {entry.line} 行「{entry.name}」没有 {year} 年度报告"
                                              f"（本次检查的 {len(reports)} 份报告中没有）"})


@hookimpl
def gixlint_check_kinds():
    return [CheckKind("roster-coverage", roster_coverage, {}, corpus=True,
                      doc="对照名单（--roster）：名单上的机关都有本年度报告，报告的机关都在名单上。",
                      placeholders=("detail",))]
