"""Cell kinds: every count a non-negative integer, written as a number and nothing else."""

from __future__ import annotations

import re
from decimal import Decimal
from fnmatch import fnmatch

from gixlint.checks.common import TABLE_SECTION, read_cells, section_name
from gixlint.lint.findings import TABLE_ZH
from gixlint.lint.hookspecs import hookimpl
from gixlint.lint.kinds import CheckKind, Hit, Param, number_value, table_list
from gixlint.vocab import labels as L
from gixlint.vocab.values import BLANK, DASH, NUMBER, TEXT

CHECKS = ("negative", "non-integer", "not-numeric", "blank", "annotated", "magnitude")
_PART = re.compile(r"(\d+)\s*[个件条项份次宗]")


def _hit(name, row, column, cell, **kw):
    return Hit(line=cell.line, section=section_name(TABLE_SECTION[name]), table=name, row=row.key,
               column=column, actual=cell.raw.strip(),
               values={"cell": _cell_label(name, row.key, column), "raw": _short(cell.raw.strip())}, **kw)


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + f"…（共 {len(text)} 个字符）"


def _cell_label(table: str, row: str, column: str) -> str:
    label = f"{TABLE_ZH[table]}「{L.row_label(table, row)}」"
    if column not in ("count", "amount"):
        label += f"「{L.column_label(table, column)}」"
    return label


def _in(name, row, column, patterns) -> bool:
    return any(fnmatch(f"{name}.{row.key}", p) or fnmatch(f"{name}.{row.key}.{column}", p) for p in patterns)


def _is_decimal_cell(name, row, column, allowed) -> bool:
    return f"{name}.{row.key}" in allowed or f"{name}.{row.key}.{column}" in allowed


def run(rule, report, context):
    hits = _run(rule, report, context)
    if rule.params["per"] == "table":
        yield from _per_table(list(hits))
    else:
        yield from hits


def _per_table(hits: list[Hit]):
    """One finding per table listing its cells (a habit such as blanks for zeros is one defect)."""
    by_table: dict[str, list[Hit]] = {}
    for hit in hits:
        by_table.setdefault(hit.table, []).append(hit)
    for table, group in by_table.items():
        if len(group) == 1:
            yield group[0]
            continue
        first = group[0]
        names = "".join(f"「{L.row_label(table, h.row)}·{L.column_label(table, h.column)}」"
                        if h.column not in ("count", "amount") else f"「{L.row_label(table, h.row)}」"
                        for h in group[:4])
        yield Hit(line=first.line, section=first.section, table=table, expected=first.expected,
                  actual=len(group),
                  values={**first.values, "cell": f"{TABLE_ZH[table]}共 {len(group)} 个数据格（{names}等）"},
                  cells=[{"row": h.row, "column": h.column, "row_label": L.row_label(table, h.row),
                          "column_label": L.column_label(table, h.column), "line": h.line, "raw": h.actual}
                         for h in group])


# which cells each check can fire on: a report's cells are sorted once for the checks, each cell
# into the lists (in CHECKS order) of the checks whose condition in _run it meets


def _cells_by_check(report, context) -> dict[tuple[str, str], list]:
    """{(table, check): [(table, row, column, cell), …]} in :func:`read_cells` order, one pass a
    report shared by the cell-values rules (through the run's shared context). Only the few
    cells a check can fire on are listed; magnitude's (every number) are listed when asked for
    (:func:`_cells`)."""
    shared = getattr(context, "shared", None)
    cached = shared.get("cell-values") if isinstance(shared, dict) else None
    if cached is not None and cached[0] is report:
        return cached[1]
    index: dict[tuple[str, str], list] = {}
    for name, table in report.tables.items():
        negative, fraction, wording, blank, annotated = (index.setdefault((name, c), []) for c in CHECKS[:5])
        # read_cells spelt out: an entry is made only for a cell that goes into a list
        for row in table.rows.values():
            if table.unread(row.key):
                continue
            for column, cell in row.cells.items():
                kind = cell.kind
                if kind == NUMBER:
                    value = cell.value
                    if value < 0:
                        negative.append((name, row, column, cell))
                    if isinstance(value, Decimal):
                        fraction.append((name, row, column, cell))
                    if cell.annotation:
                        annotated.append((name, row, column, cell))
                elif kind in (TEXT, DASH):
                    wording.append((name, row, column, cell))
                elif kind == BLANK:
                    blank.append((name, row, column, cell))
    if isinstance(shared, dict):
        shared["cell-values"] = (report, index)
    return index


def _cells(rule, report, context):
    """What ``read_cells(report, tables)`` gives, less the cells the rule's check never fires on."""
    index = _cells_by_check(report, context)
    check = rule.params["check"]
    for name in rule.params["tables"]:
        if check == "magnitude" and (name, check) not in index and name in report.tables:
            index[(name, check)] = [e for e in read_cells(report, (name,)) if e[3].kind == NUMBER]
        yield from index.get((name, check), ())


def _run(rule, report, context=None):
    check = rule.params["check"]
    allowed = set(rule.params["decimal_cells"])
    for name, row, column, cell in _cells(rule, report, context):
        if check == "negative" and cell.kind == NUMBER and cell.value < 0:
            if not any(fnmatch(f"{name}.{row.key}.{column}", p) for p in rule.params["signed_cells"]):
                yield _hit(name, row, column, cell, expected=">= 0")
        elif check == "non-integer" and cell.kind == NUMBER and isinstance(cell.value, Decimal):
            if not _is_decimal_cell(name, row, column, allowed):
                yield _hit(name, row, column, cell, expected="整数")
        elif check == "not-numeric" and cell.kind in (TEXT, DASH):
            yield _hit(name, row, column, cell, expected="数字")
        elif check == "blank" and cell.kind == BLANK:
            yield _hit(name, row, column, cell, expected="数字")
        elif check == "annotated" and cell.kind == NUMBER and cell.annotation:
            if cell.annotation.strip() in ("元", "万元", "亿元") and _in(name, row, column, rule.params["unit_cells"]):
                continue    # a column with no unit of its own: 「251000元」 says which, it is no note
            parts = [int(p) for p in _PART.findall(cell.annotation)]
            note = ""
            if len(parts) >= 2:
                total = sum(parts)
                note = (f"注释中各项之和也是 {total}" if total == cell.value
                        else f"但注释中各项之和为 {total}，与 {cell.value} 不符")
            hit = _hit(name, row, column, cell, expected=str(cell.value))
            hit.values.update(value=cell.value, note=note or "注释应移出表格")
            yield hit
        elif check == "magnitude" and cell.kind == NUMBER and _is_decimal_cell(name, row, column, allowed) \
                and not _in(name, row, column, rule.params["unit_cells"]):
            unit = cell.annotation.strip()
            if cell.value >= Decimal(str(rule.params["threshold"])) or (unit and unit != "万元"):
                yield _hit(name, row, column, cell, expected=f"< {rule.params['threshold']}")


@hookimpl
def gixlint_check_kinds():
    return [CheckKind("cell-values", run, {
        "check": Param(str, "、".join(CHECKS) + " 之一", required=True, choices=CHECKS),
        "tables": Param(list, "检查哪些表，如 [\"t2\", \"t3\", \"t4\"]（2019 年格式的表二是 t2v19）",
                        default=["t2", "t2v19", "t3", "t4"], validate=table_list),
        "decimal_cells": Param(list, "允许小数的格，如 [\"t2.fee_amount\"]",
                               default=["t2.fee_amount", "t2v19.procurement.amount"]),
        "signed_cells": Param(list, "可以为负数的格（通配符），如 2019 年格式的「本年增/减」",
                              default=["t2v19.*.change"]),
        "threshold": Param((int, float), "magnitude 检查的上限", default=10000, validate=number_value),
        "unit_cells": Param(list, "未规定单位的金额格（通配符）：数值后写「元」「万元」是写明单位，不算注释，也不查 magnitude",
                            default=["t2v19.procurement.amount"]),
        "per": Param(str, "每格一条（cell），或每张表一条、列出各格（table）", default="cell",
                     choices=("cell", "table")),
    }, doc="表格每个数据格的取值：非负、整数、是数字、不空、不带注释。", placeholders=("cell", "raw", "value", "note"))]
