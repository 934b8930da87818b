"""Formulas in TOML rules: parsed by ``grammar/formula.lark``, checked once, run as closures.

Names resolve to table cells of the report AST (``t3.total.natural_person``), to groups of
keys that expand inside ``sum()`` (``t3.results``, ``t3[row].applicants``), to loop variables
bound by a rule's ``foreach``, or to ``year``. A cell that holds no number (blank, ``/``,
text, missing) makes the formula *uncheckable*: it is never read as 0.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property, lru_cache

from gixlint.grammar.parsers import Lark, Token, Tree, UnexpectedInput
from gixlint.parse.model import Report
from gixlint.vocab import labels as L
from gixlint.vocab.values import BLANK, NUMBER, Cell, missing_cell

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
    """A formula's result and the cells it read."""

    number: Decimal | bool
    operands: list[Operand]


@lru_cache(maxsize=1)
def _lark() -> Lark:
    """The formula parser (tables generated from ``grammar/formula.lark``)."""
    from gixlint.parse.grammars import formula_parser

    return formula_parser()


@dataclass(frozen=True)
class Formula:
    """A parsed, checked formula. Its closures (:attr:`code`, :attr:`sides_code`) are compiled on
    first use in a process; a pickle carries the tree only."""

    text: str
    tree: Tree
    variables: tuple[str, ...]

    @property
    def is_comparison(self) -> bool:
        return self.tree.data == "compare"

    @cached_property
    def code(self) -> Callable:
        """The whole formula as a closure ``(evaluator, env) -> number``."""
        return _compile(self.tree)

    @cached_property
    def sides_code(self) -> tuple[str, Callable, Callable]:
        """A comparison as (operator, left closure, right closure)."""
        left, op, right = self.tree.children
        return str(op), _compile(left), _compile(right)

    def __reduce__(self):
        return Formula, (self.text, self.tree, self.variables)     # closures do not pickle


# formulas parsed in an earlier run and kept with their rule pack (lint/packcache.py), and the
# lists that record what :func:`compile_formula` gives while a pack is validated
_remembered: dict[tuple[str, tuple[str, ...]], Formula] = {}
_recorders: list[list[Formula]] = []


def compile_formula(text: str, variables: tuple[str, ...] = ()) -> Formula:
    """Parse and check a formula; raise :class:`FormulaError` with the column of the problem."""
    formula = _remembered.get((text, variables)) or _parsed(text, variables)
    for recorder in _recorders:
        recorder.append(formula)
    return formula


def remember(formulas) -> None:
    """Formulas a kept pack was validated with: :func:`compile_formula` gives them unparsed."""
    for formula in formulas:
        _remembered[formula.text, formula.variables] = formula


@contextmanager
def recording() -> Iterator[list[Formula]]:
    """Every formula :func:`compile_formula` gives inside the block, in a list."""
    seen: list[Formula] = []
    _recorders.append(seen)
    try:
        yield seen
    finally:
        _recorders.remove(seen)


@lru_cache(maxsize=512)
def _parsed(text: str, variables: tuple[str, ...]) -> Formula:
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
    return Formula(text, tree, variables)


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
            import difflib  # only for a formula that names something unknown

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


def aggregate(name: str, values: list[Decimal]) -> Decimal:
    """sum, abs, min or max of evaluated arguments."""
    if name == "sum":
        return sum(values, Decimal(0))
    if not values:
        raise FormulaError(f"{name}() 需要参数")
    if name == "abs":
        return abs(values[0])
    return min(values) if name == "min" else max(values)


@lru_cache(maxsize=4096)
def cell_keys(name: str, keys: tuple[str, ...], one_other: bool = False) -> tuple[tuple[str, ...], ...]:
    """The cells a reference names, each as (table, row[, column]), left to right: a group expands
    to its members. ``one_other``: table 三 gives （六）其他处理 as one row, which then stands in
    for its three sub-rows in ``results``. The same for every report, so worked out once."""
    expanded = []
    for level, key in enumerate(keys):
        members = GROUPS[name][level].get(key)
        if members is None:
            members = (key,)
        elif one_other and name == "t3" and level == 0 and key == "results":
            members = tuple(k for k in members if k not in L.T3_OTHER_LEAVES) + ("other_total",)
        expanded.append(members)
    return tuple((name, *combo) for combo in itertools.product(*expanded))


class Evaluator:
    """Evaluate formulas against one report.

    A formula runs as closures that give numbers (:attr:`Formula.code`); the operands of a
    :class:`Value` are the cells read on the way, recorded only when a Value is asked for
    (:meth:`numbers` skips that: most identities hold, and then nobody looks at them). Each cell
    is looked up and read once per evaluator (the report must not change meanwhile); evaluators
    of one report (``like``) share the looked-up cells."""

    _cached = True      # numbers are read once per cell; ``read`` is _read_cached (see __init_subclass__)

    def __init__(self, report: Report, blanks_as_zero: bool = False, like: Evaluator | None = None):
        self.report = report
        # balancing identities read a blank cell among numbers as 0 (and say so); nothing else does
        self.blanks_as_zero = blanks_as_zero
        same = like is not None and like.report is report
        self._cells: dict[tuple[str, ...], Operand] = like._cells if same else {}
        self._numbers: dict[tuple[str, ...], Decimal] = {}
        self._holds_none: dict[tuple[str, ...], type[Uncheckable]] = {}     # cells read that hold no number
        self._record: list[Operand] | None = None      # the operands read, while a Value is wanted
        t3 = report.tables.get("t3")
        # （六）其他处理 as one row: read, or declared unread (its cells then make a sum uncheckable)
        self.one_other = (t3 is not None and ("other_total" in t3.rows or "other_total" in t3.unread_rows)
                          and not any(k in t3.rows for k in L.T3_OTHER_LEAVES))

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # a subclass that reads numbers its own way (localise's what-if) is asked every time. (A
        # class attribute, not a bound method kept on each evaluator: that would tie the evaluator,
        # and its report, into a cycle only the garbage collector frees.)
        if cls._number is not Evaluator._number:
            cls._cached = False
            cls.read = cls._read_fresh

    def evaluate(self, formula: Formula, bindings: dict[str, str] | None = None) -> Value:
        return self._value(formula.code, bindings or {})

    def sides(self, formula: Formula, bindings: dict[str, str]) -> tuple[str, Value, Value]:
        """(operator, left, right) of a comparison: the reported side and what it should be."""
        op, left, right = formula.sides_code
        return op, self._value(left, bindings), self._value(right, bindings)

    def number(self, formula: Formula, bindings: dict[str, str] | None = None) -> Decimal | bool:
        """:meth:`evaluate`'s number alone, without recording the operands."""
        return formula.code(self, bindings or {})

    def numbers(self, formula: Formula, bindings: dict[str, str]) -> tuple[str, Decimal, Decimal]:
        """:meth:`sides` as bare numbers, without recording the operands."""
        op, left, right = formula.sides_code
        return op, left(self, bindings), right(self, bindings)

    def _value(self, code: Callable, env: dict[str, str]) -> Value:
        outer, self._record = self._record, []
        try:
            number = code(self, env)
            return Value(number, self._record)
        finally:
            self._record = outer

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

    def operand(self, key: tuple[str, ...]) -> Operand:
        """The cell ``key`` (see :func:`cell_keys`) names, as an operand; looked up once."""
        got = self._cells.get(key)
        if got is None:
            name = key[0]
            row_key = key[1] if len(key) > 1 else ""
            table = self.report.tables.get(name)
            row = table.rows.get(row_key) if table is not None else None
            got = self._cells[key] = row_operand(row, name, row_key, key[2] if len(key) > 2 else "", ".".join(key))
        return got

    def _read_cached(self, key: tuple[str, ...]) -> Decimal:
        """The number in cell ``key``, worked out once, without making an operand unless asked."""
        if self._record is not None:
            self._record.append(self.operand(key))
        got = self._numbers.get(key)
        if got is not None:
            return got
        if key not in self._holds_none:
            self._read_row(key)
            got = self._numbers.get(key)
            if got is not None:
                return got
        raise self._holds_none[key](self.operand(key))

    def _read_row(self, key: tuple[str, ...]) -> None:
        """Read the row of cell ``key`` whole (a formula that reads one cell of a row mostly reads
        the others too), and ``key`` itself if the row has no such cell."""
        name = key[0]
        row_key = key[1] if len(key) > 1 else ""
        table = self.report.tables.get(name)
        row = table.rows.get(row_key) if table is not None else None
        unread = table is not None and table.unread(row_key)
        numbers, none = self._numbers, self._holds_none
        if row is not None and unread:
            for column in row.cells:
                none[(name, row_key, column)] = Unread
        elif row is not None:
            # what _held says of each cell, spelt out: a table's every cell comes through here
            blank_zero = self.blanks_as_zero
            known = _DECIMALS       # _decimal's look-up of a whole number, without the call
            for column, cell in row.cells.items():
                kind = cell.kind
                if kind == NUMBER:
                    value = cell.value
                    got = known.get(value) if type(value) is int else None
                    numbers[(name, row_key, column)] = got if got is not None else _decimal(value)
                elif kind == BLANK and blank_zero:
                    numbers[(name, row_key, column)] = _ZERO
                else:
                    none[(name, row_key, column)] = Uncheckable
        if key not in numbers and key not in none:      # no such column, or a row's only cell
            cell = row_cell(row, key[2] if len(key) > 2 else "") if row is not None else None
            got = self._held(unread, cell)
            if got is Unread or got is Uncheckable:
                none[key] = got
            else:
                numbers[key] = got

    def read_all(self, keys: tuple[tuple[str, ...], ...]) -> list[Decimal]:
        """The numbers in cells ``keys``, in order (:meth:`read` for each); all at once when every
        one was read before and held a number, as in most identities after the first."""
        if self._record is None and self._cached:
            try:
                return list(map(self._numbers.__getitem__, keys))
            except KeyError:
                pass
        read = self.read
        return [read(key) for key in keys]

    def _read_fresh(self, key: tuple[str, ...]) -> Decimal:
        operand = self.operand(key)
        if self._record is not None:
            self._record.append(operand)
        return self._number(operand)

    read = _read_cached         # the number in a cell, by its key

    def _number(self, operand: Operand) -> Decimal:
        """The operand's number (a subclass may read some cells as other values)."""
        table = self.report.tables.get(operand.table) if operand.table else None
        got = self._held(table is not None and table.unread(operand.row), operand.cell)
        if got is Unread or got is Uncheckable:
            raise got(operand)
        return got

    def _held(self, unread: bool, cell: Cell | None) -> Decimal | type[Uncheckable]:
        """The number a cell holds, or why it holds none: :class:`Unread` (its row could not be
        read) or :class:`Uncheckable` (blank, text, missing: ``None`` or a missing cell)."""
        if unread:
            return Unread
        if cell is None:
            return Uncheckable
        if cell.kind == "blank" and self.blanks_as_zero:
            return Decimal(0)
        if not cell.is_number:
            return Uncheckable
        return Decimal(cell.value)

    def _year(self) -> Decimal:
        if self.report.meta.year is None:
            raise Uncheckable(Operand("year", "", "", "", missing_cell(0)))
        return Decimal(self.report.meta.year)


_ZERO = Decimal(0)
_DECIMALS: dict[int, Decimal] = {}     # the Decimal of each whole number seen (tables repeat small counts)


def _decimal(value: int | Decimal) -> Decimal:
    """``Decimal(value)``; a whole number's made once (Decimals are immutable, so one can be shared)."""
    if type(value) is int:
        got = _DECIMALS.get(value)
        if got is None:
            got = Decimal(value)
            if len(_DECIMALS) < 4096:
                _DECIMALS[value] = got
        return got
    return Decimal(value)


def row_cell(row, col: str) -> Cell | None:
    """The row's cell in ``col`` (no column: its only cell), or None where there is none."""
    cells = row.cells
    return cells.get(col) if col else (next(iter(cells.values())) if len(cells) == 1 else None)


def row_operand(row, name: str, row_key: str, col: str, path: str) -> Operand:
    """The operand ``path`` names, given the row (None: not in the table): the cell
    :func:`row_cell` finds, or a missing cell where there is none."""
    if row is None:
        return Operand(path, name, row_key, col, missing_cell(0))
    return Operand(path, name, row_key, col, row_cell(row, col) or missing_cell(row.line))


# -- compiled formulas --------------------------------------------------------------------------
# Each node becomes a closure ``(evaluator, env) -> number``. Cells are read left to right through
# ``evaluator.read``, so the first uncheckable operand is the one named, and a recording
# evaluator collects the operands in the order a Value lists them (tests/formula_walk.py is the
# plain tree walk they are tested against).


def _compile(node) -> Callable:
    kind = node.data
    if kind == "number":
        number = Decimal(str(node.children[0]))
        return lambda ev, env: number
    if kind == "ref":
        if str(node.children[0]) == "year":
            return lambda ev, env: ev._year()
        cells = _compile_cells(node)

        def ref(ev, env):
            keys = cells(ev, env)
            if len(keys) != 1:
                raise FormulaError("分组只能用在 sum()/min()/max() 中")
            return ev.read(keys[0])
        return ref
    if kind == "neg":
        inner = _compile(node.children[0])
        return lambda ev, env: -inner(ev, env)
    if kind == "binop":
        left, op, right = node.children
        return _compile_binop(_compile(left), str(op), _compile(right))
    if kind == "compare":
        left, op, right = node.children
        return _compile_compare(_compile(left), str(op), _compile(right))
    if kind in ("and_", "or_"):
        return _compile_logic(kind == "and_", _compile(node.children[0]), _compile(node.children[1]))
    if kind == "not_":
        inner = _compile(node.children[0])
        return lambda ev, env: not inner(ev, env)
    if kind == "call":
        return _compile_call(node)
    message = f"无法计算的公式节点「{kind}」"

    def unknown(ev, env):
        raise FormulaError(message)
    return unknown


def _compile_cells(node: Tree) -> Callable:
    """``(evaluator, env) -> keys`` of the cells a (non-year) reference names."""
    name = str(node.children[0])
    segments = [(seg.data == "var", str(seg.children[0])) for seg in node.children[1:]]
    if not any(var for var, _key in segments):
        keys = tuple(key for _var, key in segments)
        plain, one_other = cell_keys(name, keys), cell_keys(name, keys, True)
        return lambda ev, env: one_other if ev.one_other else plain
    if len(segments) == 2 and segments[0][0] != segments[1][0]:     # t3[row].total, t3.total[col]
        (row_var, row), (_col_var, col) = segments
        if row_var:
            return lambda ev, env: cell_keys(name, (env[row], col), ev.one_other)
        return lambda ev, env: cell_keys(name, (row, env[col]), ev.one_other)
    return lambda ev, env: cell_keys(name, tuple(env[key] if var else key for var, key in segments), ev.one_other)


def _compile_binop(left: Callable, op: str, right: Callable) -> Callable:
    if op == "+":
        return lambda ev, env: left(ev, env) + right(ev, env)
    if op == "-":
        return lambda ev, env: left(ev, env) - right(ev, env)
    if op == "*":
        return lambda ev, env: left(ev, env) * right(ev, env)

    def div(ev, env):
        a, b = left(ev, env), right(ev, env)
        if b == 0:
            raise ZeroDivisionError("公式除以 0")
        return a / b
    return div


_COMPARE = {"==": lambda a, b: a == b, "!=": lambda a, b: a != b, "<": lambda a, b: a < b,
            "<=": lambda a, b: a <= b, ">": lambda a, b: a > b, ">=": lambda a, b: a >= b}


def _compile_compare(left: Callable, op: str, right: Callable) -> Callable:
    test = _COMPARE[op]
    return lambda ev, env: test(left(ev, env), right(ev, env))


def _compile_logic(is_and: bool, first: Callable, second: Callable) -> Callable:
    """``and``/``or``: the first side's value when it decides, else the second's, whose operands
    then replace the first's."""
    def logic(ev, env):
        record = ev._record
        mark = len(record) if record is not None else 0
        a = first(ev, env)
        if (not a) if is_and else a:
            return a
        if record is not None:
            del record[mark:]
        return second(ev, env)
    return logic


def _compile_call(node: Tree) -> Callable:
    name = str(node.children[0])
    # (True, keys) for a reference argument, whose group expands; (False, closure) otherwise
    args = [(True, _compile_cells(a)) if isinstance(a, Tree) and a.data == "ref" and str(a.children[0]) != "year"
            else (False, _compile(a)) for a in node.children[1:] if a is not None]

    def call(ev, env):
        values: list[Decimal] = []
        for is_ref, fn in args:
            if is_ref:
                values.extend(ev.read_all(fn(ev, env)))
            else:
                values.append(fn(ev, env))
        return aggregate(name, values)
    return call
