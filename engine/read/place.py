"""Where a finding is, in words a clerk can find in the file: 第 N 段, 表格 T 第 R 行第 C 格, 第 N 页.

Readers give each item such a position as text (``Item.source``); :func:`parse` turns it back
into numbers, so an interface (``gixlint annotate``, a web page) can find the paragraph or
table cell again, and the text output can put it before gixlint's own line number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PARAGRAPH, CELL, PAGE, SOURCE_LINE = "paragraph", "cell", "page", "source-line"

_FORMS = (
    (PARAGRAPH, re.compile(r"^第 (\d+) 段$")),
    (CELL, re.compile(r"^表格 (\d+) 第 (\d+) 行第 (\d+) 格$")),
    (PAGE, re.compile(r"^第 (\d+) 页$")),
    (SOURCE_LINE, re.compile(r"^源码第 (\d+) 行$")),
)


@dataclass(frozen=True)
class Place:
    """A position in a .docx, .html or .pdf: a body paragraph, a table cell, a page or a source line."""

    kind: str
    number: int = 0      # paragraph, page or source line
    table: int = 0
    row: int = 0
    column: int = 0      # from 1: the cells Word shows in the row (.docx), the grid column (.html)

    def __str__(self) -> str:
        if self.kind == CELL:
            return cell_place(self.table, self.row, self.column)
        return {PARAGRAPH: paragraph_place, PAGE: lambda n: f"第 {n} 页",
                SOURCE_LINE: lambda n: f"源码第 {n} 行"}[self.kind](self.number)


def paragraph_place(number: int) -> str:
    return f"第 {number} 段"


def cell_place(table: int, row: int, column: int) -> str:
    return f"表格 {table} 第 {row} 行第 {column} 格"


def parse(source: str) -> Place | None:
    """The place a reader wrote, or None for positions of another kind (a text file's table)."""
    for kind, pattern in _FORMS:
        m = pattern.match(source.strip())
        if m:
            numbers = [int(g) for g in m.groups()]
            if kind == CELL:
                return Place(CELL, table=numbers[0], row=numbers[1], column=numbers[2])
            return Place(kind, number=numbers[0])
    return None
