"""Which cell is wrong: the fewest cells whose change makes every identity of a table hold.

Tables 三 and 四 are small linear systems. When some of their identities fail, a clerk wants
to know where to look, not only that two sides differ. We try every single cell, then every
pair, using the identities of the loaded rule packs (so a plugin's identities count too), and
name a fix only when it is the only one or one of at most three. Cells of unread rows and
tables rebuilt from run-together digits are never suggested. The report is never changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from itertools import combinations

from gixlint.checks.common import place
from gixlint.lint.formula import Evaluator, Operand, Uncheckable, compile_formula
from gixlint.vocab import labels as L
from gixlint.vocab.values import BLANK

MAX_NAMED = 3          # more fixes than this: the place cannot be told
MAX_CANDIDATES = 200   # cells tried; tables 三 and 四 have 175 and 15


@dataclass(frozen=True)
class Suggestion:
    """One cell of a fix: the value that would make the table's identities hold."""

    key: str
    label: str
    reported: Decimal
    value: Decimal
    line: int
    slip: str = ""          # a common writing slip that explains the difference, in words
    place: str = ""         # where a person finds it (checks.common.place): 表格 2 第 6 行第 4 格, 第12行
    blank: bool = False     # the cell is empty (counted as 0 to solve the table, but it prints nothing)

    def printed(self) -> str:
        """What the cell prints: its number, or 「空白」 (never the 0 it counts as)."""
        return "空白" if self.blank else str(_plain(self.reported))

    def to_json(self, fix: int) -> dict:
        data = {"key": self.key, "label": self.label, "value": _plain(self.value),
                "reported": None if self.blank else _plain(self.reported), "line": self.line or None, "fix": fix}
        if self.slip:
            data["slip"] = self.slip
        return data


@dataclass(frozen=True)
class Localisation:
    """The fixes found for one table (each one or two cells), and how many there were."""

    table: str
    fixes: tuple[tuple[Suggestion, ...], ...]
    count: int              # fixes found in all (a family of fixes counts as many)

    @property
    def located(self) -> bool:
        return 0 < self.count <= MAX_NAMED

    def named(self) -> tuple[tuple[Suggestion, ...], ...]:
        """The fixes the message names: all when few, else only those a digit slip explains."""
        if self.located:
            return self.fixes
        slips = tuple(f for f in self.fixes if all(s.slip for s in f))
        return slips if len(slips) <= MAX_NAMED else ()

    def sentence(self) -> str:
        """The finding's added sentence, in plain Chinese."""
        if not self.located:
            if not self.count:
                head = "无法确定是哪一格填错：只改动一格或两格都不能使本表所有等式同时成立"
            elif self.fixes and len(self.fixes[0]) == 1:
                head = f"无法确定是哪一格填错：{self.count} 格中改动任一格都能使本表等式成立"
            else:
                head = "无法确定是哪一格填错：改动两格能使本表等式成立的改法不止一种"
            slips = self.named()
            if slips:
                head += "；其中" + "；".join(_fix_words(f) for f in slips) + "，恰是常见笔误，可先核对"
            return head
        if len(self.fixes) == 1:
            return f"最可能填错的是{_fix_words(self.fixes[0])}，本表所有等式都成立"
        return ("无法确定是哪一格填错，可能是以下之一（改其中任一处，本表所有等式都成立）："
                + "；".join(_fix_words(f) for f in self.fixes))

    def suggestions(self) -> list[dict]:
        return [s.to_json(i) for i, fix in enumerate(self.named(), start=1) for s in fix]


def _plain(value: Decimal):
    return int(value) if value == value.to_integral_value() else float(value)


def _fix_words(fix: tuple[Suggestion, ...]) -> str:
    if len(fix) == 1:
        s = fix[0]
        return f"{s.label}（{s.place}，填报 {s.printed()}）：若为 {_plain(s.value)}" + (
            f"（{s.slip}）" if s.slip else "")
    names = "和".join(f"{s.label}（{s.place}，填报 {s.printed()}）" for s in fix)
    values = "、".join(str(_plain(s.value)) for s in fix)
    return f"{names}两格：若分别为 {values}"


def slip(reported: Decimal, value: Decimal) -> str:
    """A usual slip of the pen turning ``value`` into ``reported``: 63/36, 1/10, 100/10."""
    if reported < 0 or value < 0 or reported != int(reported) or value != int(value):
        return ""
    a, b = str(int(reported)), str(int(value))
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]:
            return f"疑为两位数字颠倒，{b} 写成了 {a}"
        return ""
    if len(b) == len(a) + 1 and any(b[:i] + b[i + 1:] == a for i in range(len(b))):
        return f"疑为漏写一位数字，{b} 写成了 {a}"
    if len(a) == len(b) + 1 and any(a[:i] + a[i + 1:] == b for i in range(len(a))):
        return f"疑为多写一位数字，{b} 写成了 {a}"
    return ""


class _WhatIf(Evaluator):
    """The report's numbers, with some cells read as other values."""

    def __init__(self, report, overrides: dict[str, Decimal]):
        super().__init__(report, blanks_as_zero=True)
        self.overrides = overrides

    def _number(self, operand: Operand) -> Decimal:
        value = super()._number(operand)     # raises for unread rows and non-numbers, as before
        return self.overrides.get(operand.path, value)


@dataclass
class _Instance:
    """One identity with its loop variables bound: which cells it reads and how far off it is."""

    formula: object
    env: dict
    tolerance: Decimal
    operands: dict[str, Operand]
    residual: Decimal

    def off(self, report, overrides: dict[str, Decimal]) -> Decimal:
        _, left, right = _WhatIf(report, overrides).sides(self.formula, self.env)
        return left.number - right.number


def _instances(report, rules, table: str) -> list[_Instance]:
    """Every checkable equality among ``rules`` whose cells all lie in ``table``."""
    out = []
    evaluator = Evaluator(report, blanks_as_zero=True)      # one for all: each cell read once
    for rule in rules:
        if rule.kind != "identity":
            continue
        foreach = rule.params.get("foreach") or {}
        try:
            formula = compile_formula(rule.params["formula"], tuple(foreach))
        except ValueError:
            continue
        if not formula.is_comparison or formula.tree.children[1] != "==":
            continue
        for env in evaluator.bindings(foreach) if foreach else [{}]:
            try:
                _, left, right = evaluator.sides(formula, env)
            except (Uncheckable, ZeroDivisionError, ArithmeticError):
                continue
            operands = left.operands + right.operands
            if not operands or any(o.table != table for o in operands):
                continue
            if any(len(side.operands) > 1 and all(o.cell.kind == BLANK for o in side.operands)
                   for side in (left, right)):
                continue    # an all-blank sum is not checked (balance says so): nothing to balance
            out.append(_Instance(formula, env, Decimal(str(rule.params.get("tolerance") or 0)),
                                 {o.path: o for o in operands}, left.number - right.number))
    return out


def localise(report, rules, table: str) -> Localisation | None:
    """The fixes for ``table``, or None when its identities hold or its cells cannot be trusted."""
    t = report.tables.get(table)
    if t is None or t.reconstructed:
        return None
    instances = _instances(report, rules, table)
    failing = [i for i, inst in enumerate(instances) if abs(inst.residual) > inst.tolerance]
    if not failing:
        return None
    values: dict[str, Decimal] = {}
    operands: dict[str, Operand] = {}
    for inst in instances:
        for path, o in inst.operands.items():
            if o.cell.is_number or o.cell.kind == BLANK:
                values[path] = Decimal(0) if o.cell.kind == BLANK else Decimal(o.cell.value)
                operands[path] = o
    coef: dict[str, dict[int, Fraction]] = {}
    for i, inst in enumerate(instances):
        for path, moved in _moves(report, inst, values).items():
            coef.setdefault(path, {})[i] = moved
    candidates = [p for p in coef if set(failing) & set(coef[p])][:MAX_CANDIDATES]
    fixes = _singles(report, instances, failing, candidates, coef, values)
    count = len(fixes)
    if not fixes:
        fixes, count = _pairs(report, instances, failing, candidates, coef, values)
    built = tuple(tuple(_suggestion(operands[p], values[p], v, report.sources) for p, v in fix) for fix in fixes)
    # digit slips first: a fix every cell of which a slip explains is the likeliest
    built = tuple(sorted(built, key=lambda f: not all(s.slip for s in f)))
    return Localisation(table, built, count)


def _linear(tree) -> bool:
    """Only sums and differences of cells: how a cell moves the identity does not depend on values."""
    for node in tree.iter_subtrees():
        if node.data == "binop" and str(node.children[1]) not in ("+", "-"):
            return False
        if node.data == "call" and str(node.children[0]) != "sum":
            return False
        if node.data in ("and_", "or_", "not_"):
            return False
    return True


_MOVES: dict[tuple, dict[str, Fraction]] = {}


def _moves(report, inst: _Instance, values: dict[str, Decimal]) -> dict[str, Fraction]:
    """How much the identity moves when each of its cells grows by one (kept for linear ones)."""
    key = (inst.formula.text, tuple(sorted(inst.env.items())), tuple(inst.operands))
    if key in _MOVES:
        return {p: m for p, m in _MOVES[key].items() if p in values}
    out = {}
    for path in inst.operands:
        if path in values:
            moved = inst.off(report, {path: values[path] + 1}) - inst.residual
            if moved:
                out[path] = Fraction(moved)
    if _linear(inst.formula.tree) and len(out) == len(inst.operands):
        if len(_MOVES) > 4096:
            _MOVES.clear()
        _MOVES[key] = out
    return out


def _acceptable(operand: Operand, value) -> bool:
    """A count is a whole number, never negative; an amount in 万元 may have decimals."""
    if value < 0:
        return False
    return operand.column == "amount" or value == int(value)


def _holds(report, instances, overrides: dict[str, Decimal]) -> bool:
    try:
        return all(abs(inst.off(report, overrides)) <= inst.tolerance for inst in instances)
    except (Uncheckable, ZeroDivisionError, ArithmeticError):
        return False


def _as_decimal(value: Fraction) -> Decimal | None:
    if value.denominator != 1 and (10 ** 6) % value.denominator:
        return None
    return Decimal(value.numerator) / Decimal(value.denominator)


def _singles(report, instances, failing, candidates, coef, values):
    out = []
    for path in candidates:
        moves = coef[path]
        if not set(failing) <= set(moves):
            continue
        deltas = {-Fraction(instances[i].residual) / moves[i] for i in moves}
        if len(deltas) != 1:
            continue
        delta = _as_decimal(deltas.pop())
        if delta is None:
            continue
        value = values[path] + delta
        operand = instances[failing[0]].operands.get(path) or next(
            inst.operands[path] for inst in instances if path in inst.operands)
        if _acceptable(operand, value) and _holds(report, instances, {path: value}):
            out.append(((path, value),))
    return out


def _pairs(report, instances, failing, candidates, coef, values):
    """Two-cell fixes with one solution each; a pair that admits many counts as many."""
    fixes, count = [], 0
    wanted = set(failing)
    for a, b in combinations(candidates, 2):
        rows = set(coef[a]) | set(coef[b])
        if not wanted <= rows:
            continue
        equations = [(coef[a].get(i, Fraction(0)), coef[b].get(i, Fraction(0)), -Fraction(instances[i].residual))
                     for i in sorted(rows)]
        solution = _solve(equations)
        if solution is None:
            continue
        if solution == "many":
            count += MAX_NAMED + 1
            continue
        x, y = (_as_decimal(v) for v in solution)
        if x is None or y is None or not x or not y:
            continue
        va, vb = values[a] + x, values[b] + y
        oa = next(inst.operands[a] for inst in instances if a in inst.operands)
        ob = next(inst.operands[b] for inst in instances if b in inst.operands)
        if _acceptable(oa, va) and _acceptable(ob, vb) and _holds(report, instances, {a: va, b: vb}):
            fixes.append(((a, va), (b, vb)))
            count += 1
        if count > MAX_NAMED * 4:
            break
    return fixes, count


def _solve(equations):
    """x, y with a·x + b·y = c for every equation; None if none, "many" if not one."""
    pivot = next(((e, f) for e, f in combinations(equations, 2) if e[0] * f[1] - e[1] * f[0]), None)
    if pivot is None:
        # every equation says the same about x and y (or nothing): a whole line of fixes, if any
        base = next((e for e in equations if e[0] or e[1]), None)
        if base is None:
            return None
        consistent = all(e[0] * base[2] == base[0] * e[2] and e[1] * base[2] == base[1] * e[2] for e in equations)
        return "many" if consistent else None
    (a1, b1, c1), (a2, b2, c2) = pivot
    det = a1 * b2 - b1 * a2
    x, y = (c1 * b2 - b1 * c2) / det, (a1 * c2 - c1 * a2) / det
    if all(a * x + b * y == c for a, b, c in equations):
        return x, y
    return None


def _suggestion(operand: Operand, reported: Decimal, value: Decimal, sources: dict[int, str]) -> Suggestion:
    table = operand.table
    label = L.row_label(table, operand.row)
    if operand.column not in ("", "count", "amount"):
        label += f"·{L.column_label(table, operand.column)}"
    line = operand.cell.line
    blank = operand.cell.kind == BLANK
    return Suggestion(operand.path, label, reported, value, line, "" if blank else slip(reported, value),
                      place(sources, line), blank)
