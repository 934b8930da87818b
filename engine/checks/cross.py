"""Cross-report kinds, for supervisors linting a whole folder: one agency's years must chain,
one (agency, year) must not exist in conflicting versions, and two agencies should not share
the very same tables. Each yields ``(index of the report, Hit)``.
"""

from __future__ import annotations

from collections import defaultdict

from .. import labels as L
from ..hookspecs import hookimpl
from ..kinds import CheckKind, Hit
from .common import section_name


def agency_key(report) -> str:
    """Agency name as compared across reports: no spaces, no bracketed suffix such as （办公室）."""
    import re

    return re.sub(r"[（(][^）)]*[）)]$", "", L.squash(report.meta.agency or ""))


def _t3_values(report, row: str) -> list | None:
    table = report.tables.get("t3")
    if table is None or row not in table.rows:
        return None
    return [table.rows[row].cells[c].value for c in L.T3_COLUMNS]


def carry_over_chain(rule, reports, context):
    """结转下年度 (Y−1) must equal 上年结转 (Y) for the same agency, column by column."""
    by_agency: dict[str, dict[int, int]] = defaultdict(dict)
    for i, r in enumerate(reports):
        if agency_key(r) and r.meta.year:
            by_agency[agency_key(r)].setdefault(r.meta.year, i)
    for years in by_agency.values():
        for year, i in years.items():
            j = years.get(year - 1)
            if j is None:
                continue
            now, before = reports[i], reports[j]
            forward, over = _t3_values(before, "carried_forward"), _t3_values(now, "carried_over")
            if forward is None or over is None:
                continue
            row = now.tables["t3"].rows["carried_over"]
            for column, prev, cur in zip(L.T3_COLUMNS, forward, over):
                if prev is None or cur is None or prev == cur:
                    continue
                yield i, Hit(line=row.cells[column].line, section=section_name(3), table="t3", row="carried_over",
                             column=column, expected=prev, actual=cur,
                             values={"previous_year": year - 1, "previous_file": before.path,
                                     "column_label": L.column_label("t3", column)})


def duplicate_report(rule, reports, context):
    """Two files for the same agency and year whose tables differ: which one was published?"""
    groups: dict[tuple, list[int]] = defaultdict(list)
    for i, r in enumerate(reports):
        if agency_key(r) and r.meta.year:
            groups[(agency_key(r), r.meta.year)].append(i)
    for members in groups.values():
        if len(members) < 2:
            continue
        fingerprints = {i: _fingerprint(reports[i]) for i in members}
        if len(set(fingerprints.values())) == 1:
            continue
        for i in members:
            others = [reports[j].path for j in members if j != i and fingerprints[j] != fingerprints[i]]
            if others:
                yield i, Hit(line=reports[i].meta.title_line or 1,
                             values={"others": "、".join(others), "agency": reports[i].meta.agency})


def same_tables(rule, reports, context):
    """Two different agencies with identical, non-empty table 三: a copied report?"""
    seen: dict[tuple, list[int]] = defaultdict(list)
    for i, r in enumerate(reports):
        table = r.tables.get("t3")
        if table is None or not agency_key(r):
            continue
        values = tuple(c.value for row in table.rows.values() for c in row.cells.values())
        if any(isinstance(v, int) and v > 0 for v in values):
            seen[values].append(i)
    for members in seen.values():
        agencies = {agency_key(reports[i]) for i in members}
        if len(agencies) < 2:
            continue
        for i in members:
            others = sorted({reports[j].meta.agency for j in members if agency_key(reports[j]) != agency_key(reports[i])})
            yield i, Hit(line=reports[i].tables["t3"].line, section=section_name(3), table="t3",
                         values={"others": "、".join(others), "agency": reports[i].meta.agency})


def _fingerprint(report) -> tuple:
    return tuple((name, key, col, cell.value) for name, table in sorted(report.tables.items())
                 for key, row in table.rows.items() for col, cell in row.cells.items())


@hookimpl
def gixlint_check_kinds():
    return [
        CheckKind("carry-over-chain", carry_over_chain, {}, corpus=True,
                  doc="同一机关相邻两年：上一年「结转下年度继续办理」等于本年「上年结转」（逐列）。",
                  placeholders=("previous_year", "previous_file")),
        CheckKind("duplicate-report", duplicate_report, {}, corpus=True,
                  doc="同一机关同一年度有多份表格不同的报告。", placeholders=("others", "agency")),
        CheckKind("same-tables", same_tables, {}, corpus=True,
                  doc="不同机关的表三（全部 175 格，非全零）完全相同。", placeholders=("others", "agency")),
    ]
