"""Cross-report kinds, for supervisors linting a whole folder: one agency's years must chain
(carried-over applications, the stock of documents in force) and should not jump wildly, one
(agency, year) must not exist in conflicting versions, and two agencies should not share the
very same tables. Each yields ``(index of the report, Hit)``.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from gixlint.checks.common import section_name, where
from gixlint.lint.findings import plain
from gixlint.lint.formula import Evaluator, Uncheckable, compile_formula
from gixlint.lint.hookspecs import hookimpl
from gixlint.lint.kinds import CheckKind, Hit, Param, formula_list
from gixlint.vocab import labels as L


def agencies(reports, context) -> list[str]:
    """Each report's agency as compared across reports (no spaces, no bracketed note such as
    （办公室）). A name and the same name with more of its place in front (海门区教育局,
    南通市海门区教育局) are one agency, as on a roster, when only one longer name ends so and the
    shorter has at least four characters (:func:`gixlint.vocab.agencies.same_agency`). Made once a run."""
    if "cross.agencies" not in context.shared:
        from gixlint.vocab.agencies import SHORTEST, agency_key

        keys = [agency_key(r.meta.agency) for r in reports]
        ending: dict[str, set[str]] = defaultdict(set)    # a name's tail → the names ending so
        for key in set(keys) - {""}:
            for start in range(1, len(key) - SHORTEST + 1):
                ending[key[start:]].add(key)
        canonical: dict[str, str] = {}
        for key in sorted(set(keys) - {""}, key=len, reverse=True):
            longer = {canonical[k] for k in ending.get(key, ())}
            canonical[key] = longer.pop() if len(longer) == 1 else key
        context.shared["cross.agencies"] = [canonical.get(k, "") for k in keys]
    return context.shared["cross.agencies"]


def _t3_values(report, row: str) -> list | None:
    table = report.tables.get("t3")
    if table is None or row not in table.rows:
        return None
    return [table.rows[row].cells[c].value for c in L.T3_COLUMNS]


def consecutive_years(reports, context) -> list[tuple[int, int]]:
    """(this year's report, the previous year's) for every agency with two consecutive years;
    when a year was collected twice, its first file stands for it (GIX904 reports the other)."""
    by_agency: dict[str, dict[int, int]] = defaultdict(dict)
    for i, (r, agency) in enumerate(zip(reports, agencies(reports, context))):
        if agency and r.meta.year:
            by_agency[agency].setdefault(r.meta.year, i)
    return [(i, years[year - 1]) for years in by_agency.values() for year, i in years.items() if year - 1 in years]


def carry_over_chain(rule, reports, context):
    """结转下年度 (Y−1) must equal 上年结转 (Y) for the same agency, column by column."""
    for i, j in consecutive_years(reports, context):
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
                         values={"previous_year": before.meta.year, "previous_file": before.path,
                                 "column_label": L.column_label("t3", column)})


def stock_flow(rule, reports, context):
    """现行有效 (Y) = 现行有效 (Y−1) + 本年制发 (Y) − 本年废止 (Y): documents in force are last
    year's stock plus this year's new ones minus the repealed. Documents that lapse on their own
    break it legitimately, so the national rule is a warning."""
    for i, j in consecutive_years(reports, context):
        now, before = reports[i].tables.get("t2"), reports[j].tables.get("t2")
        if now is None or before is None:
            continue            # a 2019-format table 二 has no 现行有效件数
        for row in rule.params["rows"]:
            cells = [now.cell(row, "in_force"), before.cell(row, "in_force"), now.cell(row, "made"),
                     now.cell(row, "repealed")]
            if any(c is None or not c.is_number for c in cells):
                continue
            current, previous, made, repealed = (c.value for c in cells)
            expected = previous + made - repealed
            if current != expected:
                yield i, Hit(line=cells[0].line, section=section_name(2), table="t2", row=row, column="in_force",
                             expected=expected, actual=current,
                             values={"previous_year": reports[j].meta.year, "previous_file": reports[j].path,
                                     "previous": previous, "made": made, "repealed": repealed})


def year_on_year(rule, reports, context):
    """A count that grew or shrank more than ``ratio`` times in a year: a typo, a unit slip, or a
    change of what was counted, worth a second look (never an error: it can be true)."""
    ratio, floor = Decimal(str(rule.params["ratio"])), Decimal(str(rule.params["min_value"]))
    for i, j in consecutive_years(reports, context):
        now, before = Evaluator(reports[i]), Evaluator(reports[j])
        for text in rule.params["values"]:
            formula = compile_formula(str(text))
            try:
                current, previous = now.evaluate(formula), before.evaluate(formula)
            except (Uncheckable, ZeroDivisionError):
                continue
            small, large = sorted((previous.number, current.number))
            if small < floor or large <= small * ratio:
                continue
            cell = current.operands[0] if len(current.operands) == 1 else None
            line = cell.cell.line if cell else reports[i].meta.title_line
            factor = large / small
            yield i, Hit(line=line, section=where(reports[i], line), table=cell.table if cell else "",
                         row=cell.row if cell else "", column=cell.column if cell else "",
                         actual=plain(current.number),     # no "expected": last year's value is no target
                         values={"value": cell.label if cell else text, "previous": plain(previous.number),
                                 "previous_year": reports[j].meta.year,
                                 "previous_file": reports[j].path,
                                 "change": f"是上一年的 {factor:.1f} 倍" if current.number > previous.number
                                 else f"只有上一年的约 1/{factor:.0f}"})


def duplicate_report(rule, reports, context):
    """Two files for the same agency and year whose tables differ: which one was published?"""
    groups: dict[tuple, list[int]] = defaultdict(list)
    for i, (r, agency) in enumerate(zip(reports, agencies(reports, context))):
        if agency and r.meta.year:
            groups[(agency, r.meta.year)].append(i)
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
    keys = agencies(reports, context)
    seen: dict[tuple, list[int]] = defaultdict(list)
    for i, r in enumerate(reports):
        table = r.tables.get("t3")
        if table is None or not keys[i]:
            continue
        values = tuple(c.value for row in table.rows.values() for c in row.cells.values())
        if any(isinstance(v, int) and v > 0 for v in values):
            seen[values].append(i)
    for members in seen.values():
        if len({keys[i] for i in members}) < 2:
            continue
        for i in members:
            others = sorted({_named(reports[j]) for j in members if keys[j] != keys[i]})
            yield i, Hit(line=reports[i].tables["t3"].line, section=section_name(3), table="t3",
                         values={"others": "、".join(others), "agency": reports[i].meta.agency})


def _named(report) -> str:
    """「示例县水利局 2023 年度报告（a.txt）」: which report another finding points to."""
    return f"{report.meta.agency}{report.meta.year or ''}年度报告（{report.path}）"


def _fingerprint(report) -> tuple:
    return tuple((name, key, col, cell.value) for name, table in sorted(report.tables.items())
                 for key, row in table.rows.items() for col, cell in row.cells.items())


@hookimpl
def gixlint_check_kinds():
    return [
        CheckKind("carry-over-chain", carry_over_chain, {}, corpus=True,
                  doc="同一机关相邻两年：上一年「结转下年度继续办理」等于本年「上年结转」（逐列）。",
                  placeholders=("previous_year", "previous_file")),
        CheckKind("stock-flow-chain", stock_flow, {
            "rows": Param(list, "表二中核对的行", default=["regulations", "normative_documents"],
                          validate=lambda rows: None if set(rows) <= {"regulations", "normative_documents"}
                          else "只能是 regulations（规章）、normative_documents（行政规范性文件）"),
        }, corpus=True, doc="同一机关相邻两年：本年「现行有效件数」等于上一年「现行有效件数」加本年「制发」减本年「废止」。",
                  placeholders=("previous_year", "previous_file", "previous", "made", "repealed")),
        CheckKind("year-on-year", year_on_year, {
            "values": Param(list, "比较的数（公式），如 [\"t3.new_received.total\", \"t2.licensing.count\"]",
                            default=["t3.new_received.total", "t2.licensing.count", "t2.penalty.count"],
                            validate=formula_list),
            "ratio": Param((int, float), "变化超过几倍时报告", default=5, validate=_positive),
            "min_value": Param((int, float), "两年中较小的数至少为多少才比较（数小时倍数没有意义）", default=10,
                               validate=_positive),
        }, corpus=True, doc="同一机关相邻两年，某个数增减超过给定倍数。",
                  placeholders=("value", "previous", "previous_year", "previous_file", "change")),
        CheckKind("duplicate-report", duplicate_report, {}, corpus=True,
                  doc="同一机关同一年度有多份表格不同的报告。", placeholders=("others", "agency")),
        CheckKind("same-tables", same_tables, {}, corpus=True,
                  doc="不同机关的表三（全部 175 格，非全零）完全相同。", placeholders=("others", "agency")),
    ]


def _positive(value) -> str | None:
    return None if isinstance(value, (int, float)) and value > 0 else f"应为正数，而不是 {value!r}"
