"""Findings: what a rule found, where, and the numbers on both sides."""

from __future__ import annotations

from dataclasses import dataclass, field

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
TABLE_ZH = {"t2": "表二", "t2v19": "表二", "t3": "表三", "t4": "表四"}


@dataclass
class Finding:
    """One problem a rule found in one report, with where it is and the numbers."""

    rule: str
    name: str
    category: str
    severity: str
    message: str
    line: int = 0
    section: str = ""
    table: str = ""
    row: str = ""
    column: str = ""
    expected: object = None
    actual: object = None
    operands: list[dict] = field(default_factory=list)
    source: str = ""            # where in a .docx/.html/.pdf: 表格 3 第 5 行第 2 格, 第 2 页
    cells: list[dict] = field(default_factory=list)   # one finding for many cells: each cell's place
    suggestions: list[dict] = field(default_factory=list)   # likely wrong cells and consistent values
    alone: bool = field(default=False, compare=False, repr=False)   # stands for the whole file (see Hit.alone)

    def to_json(self) -> dict:
        data = {
            "rule": self.rule, "name": self.name, "category": self.category, "severity": self.severity,
            "message": self.message, "line": self.line or None, "section": self.section or None,
            "table": self.table or None, "row": self.row or None, "column": self.column or None,
            "expected": plain(self.expected), "actual": plain(self.actual), "source": self.source or None,
        }
        if self.operands:
            data["operands"] = self.operands
        if self.cells:
            data["cells"] = self.cells
        if self.suggestions:
            data["suggestions"] = self.suggestions
        return data


def numeric(value) -> bool:
    """A count or an amount (not a word such as 「数字」 or 「>= 0」, not a blank, not a yes/no):
    what a person may read as 「填报 X，应为 Y」."""
    from decimal import Decimal

    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def plain(value):
    """Numbers stay numbers in JSON; Decimals that are whole become ints."""
    from decimal import Decimal

    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value
