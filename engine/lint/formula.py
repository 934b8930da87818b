"""Formulas in TOML rules: parsed by ``grammar/formula.lark``, checked once, evaluated by a walk.

Names resolve to table cells of the report AST (``t3.total.natural_person``), to groups of
keys that expand inside ``sum()`` (``t3.results``, ``t3[row].applicants``), to loop variables
bound by a rule's ``foreach``, or to ``year``. A cell that holds no number (blank, ``/``,
text, missing) makes the formula *uncheckable*: it is never read as 0.
"""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedInput

from gixlint.parse.model import Report
from gixlint.vocab import labels as L
from gixlint.vocab.values import Cell, missing_cell

# table → (row groups, column groups); a group is a tuple of keys
GROUPS: dict[str, tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]] = {
    "t2": ({"documents": ("regulations", "normative_documents"),
            "decisions": ("licensing", "penalty", "enforcement"),
            "rows": tuple(L.T2_ROWS)},
           {"columns": ("made", "repealed", "in_force")}),
    "t3": ({"rows": tuple(L.T3_ROWS), "results": L.T3_LEAVES},
           {"columns": tuple(L.T3_COLUMNS), "applicants": L.T3_APPLICANTS}),
    "t4": ({"blocks": tuple(L.T4_BLOCKS)},
           {"fields": tuple(L.T4_FIELDS), "parts": L.T4_PARTS}),
    "t2v19": ({"documents": ("regulations", "normative_documents"),
               "items": ("licensing", "other_services", "punishment", "coercion"),
               "rows": tuple(L.T2V19_ROWS)},
              {"columns": tuple(L.T2V19_COLUMNS)}),
}
ROW_KEYS = {"t2": set(L.T2_ROWS), "t3": set(L.T3_ROWS) | {"other_total"}, "t4": set(L.T4_BLOCKS),
            "t2v19": set(L.T2V19_ROWS)}
COLUMN_KEYS = {"t2": {"made", "repealed", "in_force", "count", "amount"}, "t3": set(L.T3_COLUMNS),
               "t4": set(L.T4_FIELDS), "t2v19": set(L.T2V19_COLUMNS)}
FUNCTIONS = {"sum", "abs", "min", "max"}
MAX_LENGTH = 1000   # characters: keeps every evaluation small and bounded
MAX_DEPTH = 32      # nesting of brackets
SCALARS = {"year"}


class FormulaError(ValueError):
    """A formula that cannot be parsed or names something that does not exist."""

    def __init__(self, message: str, column: int = 0):
        super().__init__(f"{message}（第 {column} 列）" if column else message)
        self.column = column


class Uncheckable(Exception):
    """An operand holds no number, so the formula cannot be evaluated honestly."""

    def __init__(self, operand: Operand):
        super().__init__(operand.path)
        self.operand = operand


class Unread(Uncheckable):
    """An operand sits in a row the reader could not read: its table's GIX006 already says so."""


@dataclass(frozen=True)
class Operand:
    """One cell a formula read: its path, where it sits and what it holds."""

    path: str
    table: str
    row: str
    column: str
    cell: Cell

    @property
    def label(self) -> str:
        row = L.row_label(self.table, self.row)
        if self.column in ("count", "amount", ""):
            return row
        return f"{row}（{L.column_label(self.table, self.column)}）"

    def to_json(self) -> dict:
        return {"key": self.path, "label": self.label, "raw": self.cell.raw,
                "value": self.cell.to_json()["value"], "kind": self.cell.kind, "line": self.cell.line}


@dataclass
class Value:
    number: Decimal | bool
    operands: list[Operand]


@lru_cache(maxsize=1)
def _lark() -> Lark:
    """The formula parser, its LALR tables kept between runs (~30 ms a process)."""
    from gixlint.parse.grammars import lark_parser

    return lark_parser("formula.lark", "formula-grammar", propagate_positions=True)


@dataclass(frozen=True)
class Formula:
    text: str
    tree: Tree
    variables: tuple[str, ...]
    # the tree compiled once to closures (see _compile); the tree stays the formula's meaning
    code: Callable | None = field(default=None, compare=False, repr=False)
    sides_code: tuple[str, Callable, Callable] | None = field(default=None, compare=False, repr=False)

    @property
    def is_comparison(self) -> bool:
        return self.tree.data == "compare"

    def __reduce__(self):
        return compile_formula, (self.text, self.variables)     # closures do not pickle: compile again


@lru_cache(maxsize=512)
def compile_formula(text: str, variables: tuple[str, ...] = ()) -> Formula:
    """Parse and check a formula; raise :class:`FormulaError` with the column of the problem."""
    if len(text) > MAX_LENGTH:
        raise FormulaError(f"公式过长（{len(text)} 个字符，上限 {MAX_LENGTH}）")
    depth = 0
    for column, ch in enumerate(text, start=1):
        depth += {"(": 1, "[": 1, ")": -1, "]": -1}.get(ch, 0)
        if depth > MAX_DEPTH:
            raise FormulaError(f"公式括号嵌套超过 {MAX_DEPTH} 层", column)
    try:
        tree = _lark().parse(text)
    except UnexpectedInput as exc:
        raise FormulaError(f"公式语法错误：「{text}」", getattr(exc, "column", 0)) from None
    if isinstance(tree, Token):
        tree = Tree("number" if tree.type == "NUMBER" else "ref", [tree])
    for node in tree.iter_subtrees():
        if node.data == "call":
            name = node.children[0]
            if str(name) not in FUNCTIONS:
                raise FormulaError(f"未知函数「{name}」，可用：{', '.join(sorted(FUNCTIONS))}", name.column)
        elif node.data == "ref":
            _check_ref(node, variables)
    sides = None
    if tree.data == "compare":
        left, op, right = tree.children
        sides = (str(op), _compile(left), _compile(right))
    return Formula(text, tree, variables, _compile(tree), sides)


def _check_ref(node: Tree, variables: tuple[str, ...]) -> None:
    head = node.children[0]
    segments = node.children[1:]
    name = str(head)
    if name in SCALARS and not segments:
        return
    if name not in GROUPS:
        raise FormulaError(f"未知名称「{name}」，应为 t2、t3、t4、t2v19 或 year", head.column)
    if len(segments) > 2:
        raise FormulaError(f"「{name}」后最多两级：行和列", head.column)
    row_groups, col_groups = GROUPS[name]
    for level, seg in enumerate(segments):
        token = seg.children[0]
        key = str(token)
        if seg.data == "var":
            if key not in variables:
                raise FormulaError(f"循环变量「{key}」未在 foreach 中定义", token.column)
            continue
        known = (ROW_KEYS[name] | set(row_groups)) if level == 0 else (COLUMN_KEYS[name] | set(col_groups))
        if key not in known:
            what = "行" if level == 0 else "列"
            close = difflib.get_close_matches(key, sorted(known), n=1)
            hint = f"，是不是「{close[0]}」？" if close else ""
            raise FormulaError(f"{name} 没有名为「{key}」的{what}{hint}（可用：{', '.join(sorted(known))}）",
                               token.column)


def group(path: str) -> tuple[str, ...]:
    """Keys of a group named like ``t3.rows`` (used by ``foreach``)."""
    table, _, name = path.partition(".")
    if table not in GROUPS:
        raise FormulaError(f"未知分组「{path}」")
    rows, cols = GROUPS[table]
    if name in rows:
        return rows[name]
    if name in cols:
        return cols[name]
    raise FormulaError(f"未知分组「{path}」，可用：" + ", ".join(f"{table}.{g}" for g in [*rows, *cols]))


def aggregate(name: str, values: list[Decimal], operands: list) -> Value:
    """sum, abs, min or max of evaluated arguments: one meaning for the tree walk and the closures."""
    if name == "sum":
        return Value(sum(values, Decimal(0)), operands)
    if not values:
        raise FormulaError(f"{name}() 需要参数")
    if name == "abs":
        return Value(abs(values[0]), operands)
    return Value(min(values) if name == "min" else max(values), operands)


class Evaluator:
    """Evaluate compiled formulas against one report."""

    def __init__(self, report: Report, blanks_as_zero: bool = False, like: Evaluator | None = None):
        self.report = report
        # balancing identities read a blank cell among numbers as 0 (and say so); nothing else does
        self.blanks_as_zero = blanks_as_zero
        # cells are resolved and read once per evaluator (the report must not change meanwhile);
        # evaluators of one report (``like``) share what the references resolve to
        same = like is not None and like.report is report
        self._operands: dict[tuple[str, ...], tuple[Operand, ...]] = like._operands if same else {}
        self._cells: dict[tuple[str, ...], Operand] = like._cells if same else {}
        self._numbers: dict[str, Decimal | type[Uncheckable]] = {}
        # a subclass that reads numbers its own way (localise's what-if) is asked every time
        self._num = self._cached_number if type(self)._number is Evaluator._number else self._number

    def evaluate(self, formula: Formula, bindings: dict[str, str] | None = None) -> Value:
        if formula.code is None:
            return self._eval(formula.tree, bindings or {})
        return formula.code(self, bindings or {})

    def sides(self, formula: Formula, bindings: dict[str, str]) -> tuple[str, Value, Value]:
        """(operator, left, right) of a comparison: the reported side and what it should be."""
        if formula.sides_code is None:
            left, op, right = formula.tree.children
            return str(op), self._eval(left, bindings), self._eval(right, bindings)
        op, left, right = formula.sides_code
        return op, left(self, bindings), right(self, bindings)

    def bindings(self, foreach: dict[str, str]) -> list[dict[str, str]]:
        """Every combination of the ``foreach`` variables, skipping rows the report lacks."""
        names = list(foreach)
        pools = [self._present(foreach[n]) for n in names]
        return [dict(zip(names, combo)) for combo in itertools.product(*pools)]

    def _present(self, path: str) -> tuple[str, ...]:
        keys = group(path)
        table = self.report.tables.get(path.split(".")[0])
        if table is None:
            return ()
        if path.endswith(".rows"):
            return tuple(k for k in [*keys, "other_total"] if k in table.rows)
        return keys

    # -- the walk: the reference meaning of a formula (evaluate runs its compiled closures) ----
    def _eval(self, node, env: dict[str, str]) -> Value:
        kind = node.data
        if kind == "number":
            return Value(Decimal(str(node.children[0])), [])
        if kind == "ref":
            operands = self.resolve(node, env)
            if isinstance(operands, Decimal):
                return Value(operands, [])
            if len(operands) != 1:
                raise FormulaError("分组只能用在 sum()/min()/max() 中")
            return Value(self._number(operands[0]), operands)
        if kind == "neg":
            v = self._eval(node.children[0], env)
            return Value(-v.number, v.operands)
        if kind == "binop":
            left, op, right = node.children
            a, b = self._eval(left, env), self._eval(right, env)
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
            a, b = self._eval(left, env), self._eval(right, env)
            result = {"==": a.number == b.number, "!=": a.number != b.number, "<": a.number < b.number,
                      "<=": a.number <= b.number, ">": a.number > b.number, ">=": a.number >= b.number}[str(op)]
            return Value(result, a.operands + b.operands)
        if kind in ("and_", "or_"):
            a = self._eval(node.children[0], env)
            if (kind == "and_" and not a.number) or (kind == "or_" and a.number):
                return a
            return self._eval(node.children[1], env)
        if kind == "not_":
            v = self._eval(node.children[0], env)
            return Value(not v.number, v.operands)
        if kind == "call":
            return self._call(node, env)
        raise FormulaError(f"无法计算的公式节点「{kind}」")

    def _call(self, node: Tree, env: dict[str, str]) -> Value:
        name = str(node.children[0])
        args = [a for a in node.children[1:] if a is not None]
        values: list[Decimal] = []
        operands: list[Operand] = []
        for arg in args:
            if isinstance(arg, Tree) and arg.data == "ref":
                resolved = self.resolve(arg, env)
                if isinstance(resolved, Decimal):
                    values.append(resolved)
                    continue
                operands.extend(resolved)
                values.extend(self._number(o) for o in resolved)
            else:
                v = self._eval(arg, env)
                values.append(v.number)
                operands.extend(v.operands)
        return aggregate(name, values, operands)

    def _number(self, operand: Operand) -> Decimal:
        cell = operand.cell
        table = self.report.tables.get(operand.table) if operand.table else None
        if table is not None and table.unread(operand.row):
            raise Unread(operand)
        if cell.kind == "blank" and self.blanks_as_zero:
            return Decimal(0)
        if not cell.is_number:
            raise Uncheckable(operand)
        return Decimal(cell.value)

    def _cached_number(self, operand: Operand) -> Decimal:
        """:meth:`_number`, remembered by the operand's path."""
        got = self._numbers.get(operand.path)
        if got is None:
            try:
                got = self._number(operand)
            except Unread:
                got = Unread
            except Uncheckable:
                got = Uncheckable
            self._numbers[operand.path] = got
        if got is Unread or got is Uncheckable:
            raise got(operand)
        return got

    def resolve(self, node: Tree, env: dict[str, str]) -> list[Operand] | Decimal:
        """The cells a reference names (several when it names a group)."""
        name = str(node.children[0])
        if name == "year":
            return self._year()
        keys = tuple(env[str(seg.children[0])] if seg.data == "var" else str(seg.children[0])
                     for seg in node.children[1:])
        return list(self._resolve(name, keys))

    def _year(self) -> Decimal:
        if self.report.meta.year is None:
            raise Uncheckable(Operand("year", "", "", "", missing_cell(0)))
        return Decimal(self.report.meta.year)

    def _resolve(self, name: str, keys: tuple[str, ...]) -> tuple[Operand, ...]:
        """The cells of table ``name`` at ``keys`` (a row and a column key or group); cached."""
        got = self._operands.get((name, *keys))
        if got is None:
            got = self._operands[(name, *keys)] = tuple(self._resolve_keys(name, keys))
        return got

    def _resolve_keys(self, name: str, segments: tuple[str, ...]) -> list[Operand]:
        keys: list[tuple[str, ...]] = []
        for level, key in enumerate(segments):
            groups = GROUPS[name][level]
            keys.append(self._expand(name, key, groups.get(key), level))
        table = self.report.tables.get(name)
        known = self._cells
        if len(keys) == 2:      # a row and a column (key or group): each row looked up once
            out = []
            columns = keys[1]
            for row_key in keys[0]:
                row = table.rows.get(row_key) if table is not None else None
                for col in columns:
                    operand = known.get((name, row_key, col))
                    if operand is None:
                        operand = known[(name, row_key, col)] = _row_operand(row, name, row_key, col,
                                                                          f"{name}.{row_key}.{col}")
                    out.append(operand)
            return out
        out = []
        for combo in itertools.product(*keys):
            operand = known.get((name, *combo))
            if operand is None:
                operand = known[(name, *combo)] = self._operand(table, name, combo)
            out.append(operand)
        return out

    def _operand(self, table, name: str, combo: tuple[str, ...]) -> Operand:
        row_key = combo[0] if combo else ""
        row = table.rows.get(row_key) if table is not None else None
        return _row_operand(row, name, row_key, combo[1] if len(combo) > 1 else "", ".".join([name, *combo]))

    def _expand(self, table: str, key: str, members: tuple[str, ...] | None, level: int) -> tuple[str, ...]:
        if members is None:
            return (key,)
        present = self.report.tables.get(table)
        if table == "t3" and level == 0 and key == "results" and present is not None:
            if "other_total" in present.rows and not any(k in present.rows for k in L.T3_OTHER_LEAVES):
                return tuple(k for k in members if k not in L.T3_OTHER_LEAVES) + ("other_total",)
        return members


def _row_operand(row, name: str, row_key: str, col: str, path: str) -> Operand:
    """The operand ``path`` names: the row's cell in ``col`` (no column: its only cell), given the
    row (None: not in the table); a missing cell where there is none."""
    if row is None:
        return Operand(path, name, row_key, col, missing_cell(0))
    cells = row.cells
    cell = cells.get(col) if col else (next(iter(cells.values())) if len(cells) == 1 else None)
    return Operand(path, name, row_key, col, cell or missing_cell(row.line))


# -- compiled formulas --------------------------------------------------------------------------
# Each node becomes a closure ``(evaluator, env) -> Value`` doing what Evaluator._eval does for it,
# in the same order (operands left to right, so the same operand is the first uncheckable one),
# with cells resolved and read through the evaluator's caches.


def _compile(node) -> Callable:
    kind = node.data
    if kind == "number":
        number = Decimal(str(node.children[0]))
        return lambda ev, env: Value(number, [])
    if kind == "ref":
        resolve = _compile_ref(node)

        def ref(ev, env):
            operands = resolve(ev, env)
            if isinstance(operands, Decimal):
                return Value(operands, [])
            if len(operands) != 1:
                raise FormulaError("分组只能用在 sum()/min()/max() 中")
            operand = operands[0]
            return Value(ev._num(operand), [operand])
        return ref
    if kind == "neg":
        inner = _compile(node.children[0])

        def neg(ev, env):
            v = inner(ev, env)
            return Value(-v.number, v.operands)
        return neg
    if kind == "binop":
        left, op, right = node.children
        return _compile_binop(_compile(left), str(op), _compile(right))
    if kind == "compare":
        left, op, right = node.children
        return _compile_compare(_compile(left), str(op), _compile(right))
    if kind in ("and_", "or_"):
        first, second = _compile(node.children[0]), _compile(node.children[1])
        if kind == "and_":
            def and_(ev, env):
                a = first(ev, env)
                return a if not a.number else second(ev, env)
            return and_

        def or_(ev, env):
            a = first(ev, env)
            return a if a.number else second(ev, env)
        return or_
    if kind == "not_":
        inner = _compile(node.children[0])

        def not_(ev, env):
            v = inner(ev, env)
            return Value(not v.number, v.operands)
        return not_
    if kind == "call":
        return _compile_call(node)
    message = f"无法计算的公式节点「{kind}」"

    def unknown(ev, env):
        raise FormulaError(message)
    return unknown


def _compile_ref(node: Tree) -> Callable:
    """``(evaluator, env) -> operands`` (a tuple), or the year as a Decimal."""
    name = str(node.children[0])
    if name == "year":
        return lambda ev, env: ev._year()
    segments = [(seg.data == "var", str(seg.children[0])) for seg in node.children[1:]]
    if not any(var for var, _key in segments):
        keys = tuple(key for _var, key in segments)
        return lambda ev, env: ev._resolve(name, keys)
    if len(segments) == 2 and segments[0][0] != segments[1][0]:     # t3[row].total, t3.total[col]
        (row_var, row), (_col_var, col) = segments
        if row_var:
            return lambda ev, env: ev._resolve(name, (env[row], col))
        return lambda ev, env: ev._resolve(name, (row, env[col]))
    return lambda ev, env: ev._resolve(name, tuple(env[key] if var else key for var, key in segments))


def _compile_binop(left: Callable, op: str, right: Callable) -> Callable:
    if op == "+":
        def add(ev, env):
            a, b = left(ev, env), right(ev, env)
            return Value(a.number + b.number, a.operands + b.operands)
        return add
    if op == "-":
        def sub(ev, env):
            a, b = left(ev, env), right(ev, env)
            return Value(a.number - b.number, a.operands + b.operands)
        return sub
    if op == "*":
        def mul(ev, env):
            a, b = left(ev, env), right(ev, env)
            return Value(a.number * b.number, a.operands + b.operands)
        return mul

    def div(ev, env):
        a, b = left(ev, env), right(ev, env)
        if b.number == 0:
            raise ZeroDivisionError("公式除以 0")
        return Value(a.number / b.number, a.operands + b.operands)
    return div


_COMPARE = {"==": lambda a, b: a == b, "!=": lambda a, b: a != b, "<": lambda a, b: a < b,
            "<=": lambda a, b: a <= b, ">": lambda a, b: a > b, ">=": lambda a, b: a >= b}


def _compile_compare(left: Callable, op: str, right: Callable) -> Callable:
    test = _COMPARE[op]

    def compare(ev, env):
        a, b = left(ev, env), right(ev, env)
        return Value(test(a.number, b.number), a.operands + b.operands)
    return compare


def _compile_call(node: Tree) -> Callable:
    name = str(node.children[0])
    # (True, resolve) for a reference argument, whose group expands; (False, closure) otherwise
    args = [(True, _compile_ref(a)) if isinstance(a, Tree) and a.data == "ref" else (False, _compile(a))
            for a in node.children[1:] if a is not None]

    def call(ev, env):
        values: list[Decimal] = []
        operands: list[Operand] = []
        for is_ref, fn in args:
            if is_ref:
                resolved = fn(ev, env)
                if isinstance(resolved, Decimal):
                    values.append(resolved)
                    continue
                operands.extend(resolved)
                num = ev._num
                values.extend(num(o) for o in resolved)
            else:
                v = fn(ev, env)
                values.append(v.number)
                operands.extend(v.operands)
        return aggregate(name, values, operands)
    return call
