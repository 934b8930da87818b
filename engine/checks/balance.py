"""The identity kind: a balancing formula from TOML, checked for every binding of its loop.

A finding names the identity, every operand with its value and line, the reported side, the
computed side and the difference (the pattern of XBRL calculation checks).
"""

from __future__ import annotations

from decimal import Decimal

from gixlint.checks.common import TABLE_SECTION, place, section_name
from gixlint.checks.common import evaluator as shared_evaluator
from gixlint.lint.findings import TABLE_ZH
from gixlint.lint.formula import Uncheckable, Unread, compile_formula
from gixlint.lint.hookspecs import hookimpl
from gixlint.lint.kinds import CheckKind, Hit, Param, number_value
from gixlint.vocab import labels as L
from gixlint.vocab.values import BLANK


def _fmt(number) -> str:
    if isinstance(number, Decimal):
        number = number.normalize()
        return f"{number:f}"
    return str(number)


def _operand_text(operands, sources: dict[int, str]) -> str:
    """Operands with value and where a person finds them (the cell's place in a .docx, .html or
    .pdf, its line in a text file); long sums list the non-zero ones and count the zeros."""
    shown = operands if len(operands) <= 7 else [o for o in operands if o.cell.value != 0 or o.cell.kind == BLANK]
    same_row = len({o.row for o in operands}) == 1 and len(operands) > 1
    same_col = len({o.column for o in operands}) == 1 and len(operands) > 1

    def name(o) -> str:
        if same_row:
            return L.column_label(o.table, o.column)
        if same_col:
            return L.row_label(o.table, o.row)
        return o.label

    text = "；".join(f"{name(o)} {o.cell.raw.strip() or '空白（按 0 计）'}（{place(sources, o.cell.line)}）"
                    for o in shown)
    zeros = len(operands) - len(shown)
    if zeros:
        text += f"{'；' if shown else ''}其余 {zeros} 项为 0"
    return text


def _cell_words(o) -> str:
    """「不予公开·1.属于国家秘密」行「社会公益组织」列为空 / 填的是「/」."""
    if isinstance(o, _Summed):
        column = f"「{L.column_label(o.table, o.column)}」列" if o.column not in ("", "count", "amount") else ""
        return f"{column}应相加的 {o.count} 格（从「{L.row_label(o.table, o.row)}」起）全部为空"
    where = f"「{L.row_label(o.table, o.row)}」"
    if o.column not in ("", "count", "amount"):
        where += f"行「{L.column_label(o.table, o.column)}」列"
    raw = o.cell.raw.strip()
    if o.cell.kind == "missing":
        return f"{where}缺少数据格"
    return f"{where}为空" if not raw else f"{where}填的是「{raw if len(raw) <= 40 else raw[:40] + '…'}」"


def _all_blank(side) -> bool:
    """A sum whose every part is blank: nothing was filled in, so there is nothing to add up."""
    return len(side.operands) > 1 and all(o.cell.kind == BLANK for o in side.operands)


def _uncheckable_hit(rule, table: str, operands: list) -> Hit:
    """One finding per table for every place an identity could not be checked."""
    words = "；".join(_cell_words(o) for o in operands[:5])
    more = f"等 {len(operands)} 处" if len(operands) > 5 else ""
    first = operands[0]
    return Hit(line=first.cell.line, section=section_name(TABLE_SECTION[table]), table=table,
               row=first.row if len(operands) == 1 else "", column=first.column if len(operands) == 1 else "",
               actual=len(operands), severity="warning",
               cells=[{**o.to_json(), "row": o.row, "column": o.column} for o in operands],
               message=f"{TABLE_ZH[table]}勾稽关系 {rule.id}（{rule.name}）有 {len(operands)} 处无法核对：{words}{more}"
                       "。这些格未按 0 计算；填上数字后才能核对")


# whether an identity holds, within the tolerance: only its own operator's test is worked out
_HOLDS = {"==": lambda a, b, t: abs(a - b) <= t, "!=": lambda a, b, t: a != b, "<": lambda a, b, t: a < b,
          "<=": lambda a, b, t: a <= b + t, ">": lambda a, b, t: a > b, ">=": lambda a, b, t: a + t >= b}


def run(rule, report, context):
    foreach = rule.params["foreach"] or {}
    formula = compile_formula(rule.params["formula"], tuple(foreach))
    tolerance = Decimal(str(rule.params["tolerance"]))
    evaluator = shared_evaluator(report, context, blanks_as_zero=True)
    strict = shared_evaluator(report, context)      # blanks are not numbers: a quick first look
    if not formula.is_comparison:
        return
    holds = _HOLDS
    uncheckable: dict[str, list] = {}
    for env in evaluator.bindings(foreach) if foreach else [{}]:
        try:
            # every operand a number and the identity holding: nothing to say, and no operands to list
            op, a, b = strict.numbers(formula, env)
            if holds[op](a, b, tolerance):
                continue
        except Exception:   # noqa: BLE001 - whatever it is, the full evaluation below meets it again
            pass
        try:
            op, left, right = evaluator.sides(formula, env)
        except ZeroDivisionError:
            yield Hit(line=0, severity="warning",
                      message=f"{rule.id}（{rule.name}）无法核对：公式「{rule.params['formula']}」除数为 0")
            continue
        except Unread:
            continue    # the table's GIX006 says which rows were not read
        except Uncheckable as exc:
            o = exc.operand
            if o.table and all(o.path != seen.path for seen in uncheckable.get(o.table, [])):
                uncheckable.setdefault(o.table, []).append(o)
            continue
        blank_side = next((side for side in (left, right) if _all_blank(side)), None)
        other = right if blank_side is left else left
        if blank_side is not None and (other.number == 0 or all(o.cell.kind == BLANK for o in other.operands)):
            continue    # nothing filled in on either side: the blanks are GIX205's, no sum to check
        if blank_side is not None:
            o = blank_side.operands[0]
            uncheckable.setdefault(o.table, []).append(_Summed(o, len(blank_side.operands)))
            continue
        a, b = left.number, right.number
        if _HOLDS[op](a, b, tolerance):
            continue
        anchor = left.operands[0] if left.operands else (right.operands[0] if right.operands else None)
        operands = left.operands + right.operands
        table = anchor.table if anchor else ""
        values = {
            "formula": rule.params["formula"],
            "expected": _fmt(b),
            "actual": _fmt(a) if not (len(left.operands) == 1 and left.operands[0].cell.kind == BLANK) else "空白",
            "difference": _fmt(a - b),
            "left_operands": _operand_text(left.operands, report.sources),
            "right_operands": _operand_text(right.operands, report.sources),
            "row_label": L.row_label(table, anchor.row) if anchor else "",
            "column_label": L.column_label(table, anchor.column) if anchor else "",
            "table_label": TABLE_ZH.get(table, ""),
            **{k: v for k, v in env.items()},
        }
        # a left side of several cells (一 + 二) is no single reported cell: name only the column
        single = len(left.operands) == 1
        blank_total = single and left.operands[0].cell.kind == BLANK
        hit = Hit(line=anchor.cell.line if anchor else 0,
                  section=section_name(TABLE_SECTION[table]) if table else "", table=table,
                  row=anchor.row if anchor and single else "", column=anchor.column if anchor else "",
                  expected=b, actual=None if blank_total else a, values=values,
                  operands=[o.to_json() for o in operands])
        if any(report.tables[name].reconstructed for name in {o.table for o in operands} if name in report.tables):
            # numbers split out of run-together digits: a lead to verify, never an error on its own
            hit.severity = "warning"
            hit.note = RECONSTRUCTED_NOTE
        elif op == "==" and table:
            found = _localised(report, context, rule, table)
            if found is not None:
                hit.note = f"。{found.sentence()}"
                hit.suggestions = found.suggestions()
        yield hit
    for table, operands in uncheckable.items():
        yield _uncheckable_hit(rule, table, operands)


def _localised(report, context, rule, table: str):
    """Which cell of ``table`` is likely wrong, worked out once per report and table."""
    cached = context.shared.get("localise")
    if cached is None or cached[0] is not report:
        cached = (report, {})
        context.shared["localise"] = cached
    if table not in cached[1]:
        rules = [r for r in (context.rules or [rule]) if r.kind == "identity"]
        from gixlint.checks.localise import localise  # only for a table that does not balance

        cached[1][table] = localise(report, rules, table)
    return cached[1][table]


RECONSTRUCTED_NOTE = ("（注意：此表的数字在文件中粘连在一起，以上各数是按表格结构唯一可行的拆分推得的，"
                      "不是直接读出的；请对照原件核实后再作结论）")


class _Summed:
    """The first of several blank parts, standing for the whole blank sum in a message."""

    def __init__(self, operand, count: int):
        self.operand, self.count = operand, count
        self.table, self.row, self.column, self.cell, self.path = (
            operand.table, operand.row, operand.column, operand.cell, operand.path + "+")

    def to_json(self) -> dict:
        return {**self.operand.to_json(), "parts_blank": self.count}


PARAMS = {
    "formula": Param(str, "比较式，如 \"t3[row].total == sum(t3[row].applicants)\"", required=True),
    "foreach": Param(dict, "循环变量及其分组，如 { row = \"t3.rows\" }", default={}),
    "tolerance": Param((int, float, str), "允许的误差（金额用）", default=0, validate=number_value),
}
PLACEHOLDERS = ("formula", "difference", "left_operands", "right_operands")


def _comparison(params: dict):
    """The formula must compare two sides: the reported value and what it should be."""
    formula = compile_formula(params["formula"], tuple(params.get("foreach") or {}))
    if not formula.is_comparison:
        return "formula", "应为比较式（含 ==、!=、<、<=、>、>= 之一），如 t3.total.total == sum(t3.results.total)"
    return None


@hookimpl
def gixlint_check_kinds():
    return [
        CheckKind("identity", run, PARAMS,
                  doc="勾稽关系：左边是填报值，右边是应有值；操作数不是数字时报告无法核对，不按 0 计算。",
                  placeholders=PLACEHOLDERS, validate=_comparison),
        CheckKind("condition", run, PARAMS,
                  doc="数值条件，如 t2.licensing >= 1 或 t3.total.total <= 500；不满足时报告（写法同 identity）。",
                  placeholders=PLACEHOLDERS, validate=_comparison),
    ]
