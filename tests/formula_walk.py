"""The reference meaning of a formula, for tests: a plain walk of its parsed tree.

The engine runs formulas compiled to closures (:mod:`gixlint.lint.formula`); this walk is the
slow, obvious reading they must agree with, value, operands and the operand an uncheckable
formula names. It resolves every reference afresh (the product of its keys, no caches).
"""

from __future__ import annotations

import itertools
from decimal import Decimal

from gixlint.grammar.parsers import Tree
from gixlint.lint.formula import GROUPS, FormulaError, Operand, Uncheckable, Unread, Value, row_operand
from gixlint.vocab import labels as L
from gixlint.vocab.values import missing_cell


class Walk:
    """Evaluate a formula's tree against one report, node by node."""

    def __init__(self, report, blanks_as_zero: bool = False):
        self.report, self.blanks_as_zero = report, blanks_as_zero

    def evaluate(self, formula, env: dict[str, str] | None = None) -> Value:
        return self.eval(formula.tree, env or {})

    def sides(self, formula, env: dict[str, str]) -> tuple[str, Value, Value]:
        left, op, right = formula.tree.children
        return str(op), self.eval(left, env), self.eval(right, env)

    def eval(self, node, env: dict[str, str]) -> Value:
        kind = node.data
        if kind == "number":
            return Value(Decimal(str(node.children[0])), [])
        if kind == "ref":
            operands = self.resolve(node, env)
            if isinstance(operands, Decimal):
                return Value(operands, [])
            if len(operands) != 1:
                raise FormulaError("分组只能用在 sum()/min()/max() 中")
            return Value(self.number(operands[0]), operands)
        if kind == "neg":
            v = self.eval(node.children[0], env)
            return Value(-v.number, v.operands)
        if kind == "binop":
            left, op, right = node.children
            a, b = self.eval(left, env), self.eval(right, env)
            ops = a.operands + b.operands
            if op == "+":
                return Value(a.number + b.number, ops)
            if op == "-":
                return Value(a.number - b.number, ops)
            if op == "*":
                return Value(a.number * b.number, ops)
            if b.number == 0:
                raise ZeroDivisionError("公式除以 0")
            return Value(a.number / b.number, ops)
        if kind == "compare":
            left, op, right = node.children
            a, b = self.eval(left, env), self.eval(right, env)
            result = {"==": a.number == b.number, "!=": a.number != b.number, "<": a.number < b.number,
                      "<=": a.number <= b.number, ">": a.number > b.number, ">=": a.number >= b.number}[str(op)]
            return Value(result, a.operands + b.operands)
        if kind in ("and_", "or_"):
            a = self.eval(node.children[0], env)
            if (kind == "and_" and not a.number) or (kind == "or_" and a.number):
                return a
            return self.eval(node.children[1], env)
        if kind == "not_":
            v = self.eval(node.children[0], env)
            return Value(not v.number, v.operands)
        if kind == "call":
            return self.call(node, env)
        raise FormulaError(f"无法计算的公式节点「{kind}」")

    def call(self, node: Tree, env: dict[str, str]) -> Value:
        name = str(node.children[0])
        values: list[Decimal] = []
        operands: list[Operand] = []
        for arg in [a for a in node.children[1:] if a is not None]:
            if isinstance(arg, Tree) and arg.data == "ref":
                resolved = self.resolve(arg, env)
                if isinstance(resolved, Decimal):
                    values.append(resolved)
                    continue
                operands.extend(resolved)
                values.extend(self.number(o) for o in resolved)
            else:
                v = self.eval(arg, env)
                values.append(v.number)
                operands.extend(v.operands)
        if name == "sum":
            return Value(sum(values, Decimal(0)), operands)
        if not values:
            raise FormulaError(f"{name}() 需要参数")
        if name == "abs":
            return Value(abs(values[0]), operands)
        return Value(min(values) if name == "min" else max(values), operands)

    def number(self, operand: Operand) -> Decimal:
        cell = operand.cell
        table = self.report.tables.get(operand.table) if operand.table else None
        if table is not None and table.unread(operand.row):
            raise Unread(operand)
        if cell.kind == "blank" and self.blanks_as_zero:
            return Decimal(0)
        if not cell.is_number:
            raise Uncheckable(operand)
        return Decimal(cell.value)

    def resolve(self, node: Tree, env: dict[str, str]) -> list[Operand] | Decimal:
        name = str(node.children[0])
        if name == "year":
            if self.report.meta.year is None:
                raise Uncheckable(Operand("year", "", "", "", missing_cell(0)))
            return Decimal(self.report.meta.year)
        keys = [env[str(seg.children[0])] if seg.data == "var" else str(seg.children[0])
                for seg in node.children[1:]]
        table = self.report.tables.get(name)
        expanded = [self.expand(name, key, level) for level, key in enumerate(keys)]
        out = []
        for combo in itertools.product(*expanded):
            row_key = combo[0] if combo else ""
            row = table.rows.get(row_key) if table is not None else None
            out.append(row_operand(row, name, row_key, combo[1] if len(combo) > 1 else "", ".".join([name, *combo])))
        return out

    def expand(self, name: str, key: str, level: int) -> tuple[str, ...]:
        members = GROUPS[name][level].get(key)
        if members is None:
            return (key,)
        present = self.report.tables.get(name)
        if name == "t3" and level == 0 and key == "results" and present is not None:
            if "other_total" in present.rows and not any(k in present.rows for k in L.T3_OTHER_LEAVES):
                return tuple(k for k in members if k not in L.T3_OTHER_LEAVES) + ("other_total",)
        return members
