"""Check kinds: the code a TOML rule instantiates, and the Hits it returns."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from gixlint.parse.model import Report


@dataclass(frozen=True)
class Param:
    """A rule parameter a kind accepts: its TOML type, whether required, default, meaning."""

    type: type | tuple[type, ...]
    doc: str
    required: bool = False
    default: Any = None
    choices: tuple = ()
    validate: Callable[[Any], str | None] | None = None   # returns what is wrong, or None


@dataclass
class Hit:
    """One place a check found a problem; the engine adds the rule's id, severity, message."""

    line: int = 0
    section: str = ""
    table: str = ""
    row: str = ""
    column: str = ""
    expected: Any = None
    actual: Any = None
    values: dict[str, Any] = field(default_factory=dict)   # extra message placeholders
    operands: list[dict] = field(default_factory=list)
    cells: list[dict] = field(default_factory=list)        # the cells one finding stands for
    suggestions: list[dict] = field(default_factory=list)  # cells that are likely wrong, with a consistent value
    message: str = ""                                       # overrides the rule's template
    note: str = ""                                          # said after the message (a caveat)
    alone: bool = False         # this finding stands for the whole file: the others are not reported
    severity: str = ""                                      # overrides the rule's severity


@dataclass
class Context:
    """Run-wide facts a check may need."""

    today: date
    options: dict[str, Any] = field(default_factory=dict)
    roster: Any = None        # a gixlint.corpus.roster.Roster when the supervisor gave one
    shared: dict[Any, Any] = field(default_factory=dict)   # what cross-report checks of one run share
    rules: list[Any] = field(default_factory=list)         # the run's rules: a table's identities work together


@dataclass(frozen=True)
class CheckKind:
    """A check kind: the function rules of this kind run, and the parameters they take."""

    name: str
    run: Callable[[Any, Report, Context], Iterable[Hit]]
    params: dict[str, Param]
    doc: str = ""
    placeholders: tuple[str, ...] = ()    # message placeholders this kind fills, besides the common ones
    corpus: bool = False                  # runs once over all reports of a run: run(rule, reports, context)
                                          # yields (index of a report, Hit)
    # a cross-report kind's view of one report, made where the report is read (a worker process):
    # digest(rule, report, context) returns something small that pickles. run() then gets one
    # :class:`Entry` per report instead of the whole reports, and a run of 100,000 reports holds
    # only digests. Without it, run() gets the parsed reports themselves, all held until the end.
    digest: Callable[[Any, Report, Context], Any] | None = None
    validate: Callable[[dict], tuple[str, str] | None] | None = None   # (key, problem) across parameters


class Entry:
    """One report as a cross-report kind with a ``digest`` sees it: where it is, who and which
    year it is (``meta``: agency, year, format, title_line), and what ``digest`` made of it.

    In a run, ``data`` is read back from disk each time it is asked for (a run of 100,000
    reports does not hold every digest of a rule at once): bind it to a name when you use it
    more than once, and keep only what you need of it."""

    __slots__ = ("path", "meta", "_data", "_result", "_rule")

    def __init__(self, path: str, meta: Any, data: Any = None) -> None:
        self.path, self.meta, self._data, self._result, self._rule = path, meta, data, None, ""

    @classmethod
    def stored(cls, path: str, meta: Any, result: Any, rule: str) -> Entry:
        """An entry whose ``data`` is ``rule``'s digest of ``result``, read when asked for."""
        entry = cls(path, meta)
        entry._result, entry._rule = result, rule
        return entry

    @property
    def data(self) -> Any:
        if self._result is None:
            return self._data
        from gixlint.lint import spill

        return spill.digest(self._result, self._rule)

    def __repr__(self) -> str:
        return f"Entry({self.path!r}, year={getattr(self.meta, 'year', None)!r})"


# Placeholders every finding can use in its message.
COMMON_PLACEHOLDERS = ("line", "expected", "actual", "section", "table_label", "row_label", "column_label", "year")
_SECTIONS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6}


def section_value(value) -> str | None:
    """A section written as 一…六 or 1…6."""
    if str(value).strip() in _SECTIONS or str(value).strip() in {"1", "2", "3", "4", "5", "6"}:
        return None
    return f"「{value}」不是部分编号，应为 一、二、三、四、五、六（或 1–6）"


def scope_value(value) -> str | None:
    """report, title or a section."""
    if str(value) in ("report", "title"):
        return None
    return None if section_value(value) is None else f"「{value}」不可用，应为 report、title 或 一…六"


def section_map(value) -> str | None:
    """{ "一" = 100, … }: section → number of characters."""
    for key, limit in value.items():
        if section_value(key):
            return section_value(key)
        if not isinstance(limit, int) or limit < 0:
            return f"「{key}」的字数应为非负整数，而不是 {limit!r}"
    return None


def number_value(value) -> str | None:
    from decimal import Decimal, InvalidOperation

    try:
        Decimal(str(value))
    except InvalidOperation:
        return f"「{value}」不是数字"
    return None


def table_list(value) -> str | None:
    bad = [t for t in value if t not in ("t2", "t2v19", "t3", "t4")]
    return f"没有表 {', '.join(map(str, bad))}；可用：t2、t2v19、t3、t4" if bad else None


def regex_list(value) -> str | None:
    import re

    for i, pattern in enumerate(value, start=1):
        if not isinstance(pattern, str):
            return f"第 {i} 项应为字符串"
        try:
            re.compile(pattern)
        except re.error as exc:
            return f"第 {i} 项「{pattern}」不是有效的正则表达式（{exc}）"
        if _nested_repeat(pattern):
            return (f"第 {i} 项「{pattern}」把一个可以重复的部分再整体重复（如 (a+)+、(a*)*），遇到长文本会"
                    "回溯到几乎停不下来；请改写，例如去掉外层的重复或给内层限定次数")
    return None


def _nested_repeat(pattern: str) -> bool:
    """An unbounded repeat inside another unbounded repeat: the shape of catastrophic backtracking."""
    try:
        import re._parser as sre_parse  # Python 3.11+
    except ImportError:                   # pragma: no cover - Python 3.10
        import sre_parse

    unbounded = (sre_parse.MAXREPEAT,)
    repeats = {sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT}
    if hasattr(sre_parse, "POSSESSIVE_REPEAT"):
        repeats.add(sre_parse.POSSESSIVE_REPEAT)

    def walk(items, inside: bool) -> bool:
        for op, av in items:
            if op in repeats:
                low, high, sub = av
                wide = high in unbounded or high > 1000
                if wide and inside and _can_grow(sub):
                    return True
                if walk(sub, inside or wide):
                    return True
            elif op in (sre_parse.SUBPATTERN,):
                if walk(av[-1], inside):
                    return True
            elif op == sre_parse.BRANCH:
                if any(walk(branch, inside) for branch in av[1]):
                    return True
            elif op in (sre_parse.ASSERT, sre_parse.ASSERT_NOT):
                if walk(av[1], inside):
                    return True
        return False

    def _can_grow(sub) -> bool:
        return any(op not in (sre_parse.AT,) for op, _ in sub)

    try:
        return walk(sre_parse.parse(pattern), False)
    except Exception:        # an exotic construct: leave it to re.compile's own verdict
        return False


def regex_value(value) -> str | None:
    problem = regex_list([value]) if value else None
    return problem.replace("第 1 项", "") if problem else None


def formula_list(value) -> str | None:
    """A list of formulas giving numbers (cell references or arithmetic on them, no comparisons)."""
    from gixlint.lint.formula import FormulaError, compile_formula

    for text in value:
        try:
            if compile_formula(str(text)).is_comparison:
                return f"「{text}」是比较式，这里要的是一个数（如 t3.new_received.total）"
        except FormulaError as exc:
            return f"「{text}」：{exc}"
    return None
