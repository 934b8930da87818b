"""Cross-report kinds, for supervisors linting a whole folder: one agency's years must chain
(carried-over applications, the stock of documents in force) and should not jump wildly, one
(agency, year) must not exist in conflicting versions, and two agencies should not share the
very same tables. Each yields ``(index of the report, Hit)``. Each kind's digest keeps of a report
only what its check compares, so a run never holds the reports themselves.
"""

from __future__ import annotations

import zlib
from array import array
from collections import defaultdict
from decimal import Decimal
from functools import lru_cache

from gixlint.checks.common import section_name, where
from gixlint.lint.findings import plain
from gixlint.lint.formula import Evaluator, Uncheckable, compile_formula
from gixlint.lint.hookspecs import hookimpl
from gixlint.lint.kinds import CheckKind, Hit, Param, formula_list
from gixlint.parse.model import UNREADABLE
from gixlint.vocab import labels as L
from gixlint.vocab.values import MISSING


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


def _t3_values(report, row: str) -> tuple | None:
    table = report.tables.get("t3")
    if table is None or row not in table.rows:
        return None
    cells = table.rows[row].cells
    return tuple(cells[c].value if c in cells else None for c in L.T3_COLUMNS)


def consecutive_years(reports, context) -> list[tuple[int, int]]:
    """(this year's report, the previous year's) for every agency with two consecutive years;
    when a year was collected twice, its first file stands for it (GIX904 reports the other).
    A group-by on agency and year: linear in the reports. Made once a run."""
    if "cross.consecutive" not in context.shared:
        by_agency: dict[str, dict[int, int]] = defaultdict(dict)
        for i, (r, agency) in enumerate(zip(reports, agencies(reports, context))):
            if agency and r.meta.year:
                by_agency[agency].setdefault(r.meta.year, i)
        context.shared["cross.consecutive"] = [
            (i, years[year - 1]) for years in by_agency.values() for year, i in years.items() if year - 1 in years]
    return context.shared["cross.consecutive"]


def carry_digest(rule, report, context):
    """Table 三's 结转下年度 and 上年结转 rows, and the lines of the latter's cells."""
    over = report.tables["t3"].rows.get("carried_over") if "t3" in report.tables else None
    return (_t3_values(report, "carried_forward"), _t3_values(report, "carried_over"),
            tuple(over.cells[c].line if c in over.cells else over.line for c in L.T3_COLUMNS) if over is not None else ())


def carry_over_chain(rule, reports, context):
    """结转下年度 (Y−1) must equal 上年结转 (Y) for the same agency, column by column."""
    for i, j in consecutive_years(reports, context):
        now, before = reports[i].data, reports[j].data      # each read once: entries read from disk
        if now is None or before is None:
            continue
        forward, (_f, over, lines) = before[0], now
        if forward is None or over is None:
            continue
        for column, line, prev, cur in zip(L.T3_COLUMNS, lines, forward, over):
            if prev is None or cur is None or prev == cur:
                continue
            yield i, Hit(line=line, section=section_name(3), table="t3", row="carried_over",
                         column=column, expected=prev, actual=cur,
                         values={"previous_year": reports[j].meta.year, "previous_file": reports[j].path,
                                 "column_label": L.column_label("t3", column)})


def stock_digest(rule, report, context):
    """Per row of table 二 checked: (现行有效, 制发, 废止, the line of 现行有效), None where not a number."""
    table = report.tables.get("t2")
    if table is None:
        return None             # a 2019-format table 二 has no 现行有效件数
    out = {}
    for row in rule.params["rows"]:
        cells = [table.cell(row, "in_force"), table.cell(row, "made"), table.cell(row, "repealed")]
        values = [c.value if c is not None and c.is_number else None for c in cells]
        out[row] = (*values, cells[0].line if cells[0] is not None else 0)
    return out


def stock_flow(rule, reports, context):
    """现行有效 (Y) = 现行有效 (Y−1) + 本年制发 (Y) − 本年废止 (Y): documents in force are last
    year's stock plus this year's new ones minus the repealed. Documents that lapse on their own
    break it legitimately, so the national rule is a warning."""
    for i, j in consecutive_years(reports, context):
        now, before = reports[i].data, reports[j].data
        if now is None or before is None:
            continue
        for row in rule.params["rows"]:
            if row not in now or row not in before:
                continue
            current, made, repealed, line = now[row]
            previous = before[row][0]
            if None in (current, made, repealed, previous):
                continue
            expected = previous + made - repealed
            if current != expected:
                yield i, Hit(line=line, section=section_name(2), table="t2", row=row, column="in_force",
                             expected=expected, actual=current,
                             values={"previous_year": reports[j].meta.year, "previous_file": reports[j].path,
                                     "previous": previous, "made": made, "repealed": repealed})


def yoy_digest(rule, report, context):
    """Each compared value: (number, line, section, table, row, column, label), or None when it
    cannot be computed on this report."""
    evaluator, out = Evaluator(report), {}
    for text in rule.params["values"]:
        try:
            value = evaluator.evaluate(compile_formula(str(text)))
        except (Uncheckable, ZeroDivisionError):
            out[text] = None
            continue
        cell = value.operands[0] if len(value.operands) == 1 else None
        line = cell.cell.line if cell else report.meta.title_line
        out[text] = (value.number, line, where(report, line), cell.table if cell else "",
                     cell.row if cell else "", cell.column if cell else "", cell.label if cell else text)
    return out


def year_on_year(rule, reports, context):
    """A count that grew or shrank more than ``ratio`` times in a year: a typo, a unit slip, or a
    change of what was counted, worth a second look (never an error: it can be true)."""
    ratio, floor = Decimal(str(rule.params["ratio"])), Decimal(str(rule.params["min_value"]))
    for i, j in consecutive_years(reports, context):
        now, before = reports[i].data, reports[j].data
        if now is None or before is None:
            continue
        for text in rule.params["values"]:
            if now.get(text) is None or before.get(text) is None:
                continue
            current, line, section, table, row, column, label = now[text]
            previous = before[text][0]
            small, large = sorted((previous, current))
            if small < floor or large <= small * ratio:
                continue
            factor = large / small
            yield i, Hit(line=line, section=section, table=table, row=row, column=column,
                         actual=plain(current),     # no "expected": last year's value is no target
                         values={"value": label, "previous": plain(previous),
                                 "previous_year": reports[j].meta.year,
                                 "previous_file": reports[j].path,
                                 "change": f"是上一年的 {factor:.1f} 倍" if current > previous
                                 else f"只有上一年的约 1/{factor:.0f}"})


def fingerprint_digest(rule, report, context) -> bytes:
    """Each row the reader could trust, of every table, as two 32-bit hashes (of where it is with
    its columns, and of what its cells print), in order of the first: a few hundred bytes a report.
    Rows not read (an unreadable table, an unread row) and cells the layout did not have are left
    out, so two files are compared only on what both printed and both were read."""
    pairs = []
    for name, table in report.tables.items():
        if table.status == UNREADABLE:
            continue
        unread = table.unread_rows
        for key, row in table.rows.items():
            if key in unread:
                continue
            cells = row.cells
            if any(cell.kind == MISSING for cell in cells.values()):
                cells = {column: cell for column, cell in cells.items() if cell.kind != MISSING}
            printed = repr([cell.value for cell in cells.values()]).encode()
            pairs.append((_where(name, key, tuple(cells)), zlib.crc32(printed)))
    pairs.sort()
    return array("I", [h for pair in pairs for h in pair]).tobytes()


@lru_cache(maxsize=4096)
def _where(table: str, row: str, columns: tuple[str, ...]) -> int:
    return zlib.crc32(repr((table, row, columns)).encode())


def _rows(fingerprint: bytes) -> dict[int, int]:
    """A fingerprint's rows: where → what they print."""
    hashes = array("I")
    hashes.frombytes(fingerprint)
    return dict(zip(hashes[::2], hashes[1::2]))


def _differ(a: dict[int, int], b: dict[int, int]) -> bool:
    """Do two reports print something different in a row both were read in?"""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return any(large.get(where, printed) != printed for where, printed in small.items())


def duplicate_report(rule, reports, context):
    """Two files for the same agency and year whose tables differ in a row both were read in:
    which one was published? (A row one of them could not read is no difference.)"""
    groups: dict[tuple, list[int]] = defaultdict(list)
    for i, (r, agency) in enumerate(zip(reports, agencies(reports, context))):
        if agency and r.meta.year:
            groups[(agency, r.meta.year)].append(i)
    for members in groups.values():
        if len(members) < 2:          # most: no second file, so no fingerprint to read
            continue
        rows = {i: _rows(data) for i in members if (data := reports[i].data) is not None}
        for i in rows:
            others = [reports[j].path for j in rows if j != i and _differ(rows[i], rows[j])]
            if others:
                yield i, Hit(line=reports[i].meta.title_line or 1,
                             values={"others": "、".join(others), "agency": reports[i].meta.agency})


def t3_digest(rule, report, context):
    """(hash of table 三's values, its line) when it holds a positive count; else None."""
    table = report.tables.get("t3")
    if table is None:
        return None
    values = tuple(c.value for row in table.rows.values() for c in row.cells.values())
    if not any(isinstance(v, int) and v > 0 for v in values):
        return None
    import hashlib  # here: a run of one file makes no digests, and OpenSSL's library is ~3 ms to load

    return hashlib.blake2b(repr(values).encode(), digest_size=16).digest(), table.line


def same_tables(rule, reports, context):
    """Two different agencies with identical, non-empty table 三: a copied report?"""
    keys = agencies(reports, context)
    seen: dict[bytes, list[int]] = defaultdict(list)
    for i, r in enumerate(reports):
        data = r.data if keys[i] else None
        if data is not None:
            seen[data[0]].append(i)
    for members in seen.values():
        if len({keys[i] for i in members}) < 2:
            continue
        for i in members:
            others = sorted({_named(reports[j]) for j in members if keys[j] != keys[i]})
            yield i, Hit(line=reports[i].data[1], section=section_name(3), table="t3",
                         values={"others": "、".join(others), "agency": reports[i].meta.agency})


def _named(report) -> str:
    """「示例县水利局 2023 年度报告（a.txt）」: which report another finding points to."""
    return f"{report.meta.agency}{report.meta.year or ''}年度报告（{report.path}）"


@hookimpl
def gixlint_check_kinds():
    return [
        CheckKind("carry-over-chain", carry_over_chain, {}, corpus=True, digest=carry_digest,
                  doc="同一机关相邻两年：上一年「结转下年度继续办理」等于本年「上年结转」（逐列）。",
                  placeholders=("previous_year", "previous_file")),
        CheckKind("stock-flow-chain", stock_flow, {
            "rows": Param(list, "表二中核对的行", default=["regulations", "normative_documents"],
                          validate=lambda rows: None if set(rows) <= {"regulations", "normative_documents"}
                          else "只能是 regulations（规章）、normative_documents（行政规范性文件）"),
        }, corpus=True, digest=stock_digest, doc="同一机关相邻两年：本年「现行有效件数」等于上一年「现行有效件数」加本年「制发」减本年「废止」。",
                  placeholders=("previous_year", "previous_file", "previous", "made", "repealed")),
        CheckKind("year-on-year", year_on_year, {
            "values": Param(list, "比较的数（公式），如 [\"t3.new_received.total\", \"t2.licensing.count\"]",
                            default=["t3.new_received.total", "t2.licensing.count", "t2.penalty.count"],
                            validate=formula_list),
            "ratio": Param((int, float), "变化超过几倍时报告", default=5, validate=_positive),
            "min_value": Param((int, float), "两年中较小的数至少为多少才比较（数小时倍数没有意义）", default=10,
                               validate=_positive),
        }, corpus=True, digest=yoy_digest, doc="同一机关相邻两年，某个数增减超过给定倍数。",
                  placeholders=("value", "previous", "previous_year", "previous_file", "change")),
        CheckKind("duplicate-report", duplicate_report, {}, corpus=True, digest=fingerprint_digest,
                  doc="同一机关同一年度有多份表格不同的报告。", placeholders=("others", "agency")),
        CheckKind("same-tables", same_tables, {}, corpus=True, digest=t3_digest,
                  doc="不同机关的表三（全部 175 格，非全零）完全相同。", placeholders=("others", "agency")),
    ]


def _positive(value) -> str | None:
    return None if isinstance(value, (int, float)) and value > 0 else f"应为正数，而不是 {value!r}"
