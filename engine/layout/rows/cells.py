"""Rows whose cells are explicit: markdown pipe tables, tab-separated rows, a label and its
numbers on one line of a one-cell-per-line text."""

from __future__ import annotations

import re

from gixlint.layout.rows.words import GROUP, KNOWN, ROW, join_words, split_cells, text_line
from gixlint.read.document import CELL, EMPTY, HEADER, ROWLABEL, Item, Problem
from gixlint.vocab import labels as L
from gixlint.vocab.textcache import cached_when_short
from gixlint.vocab.values import looks_like_value


def row_width(key: str) -> tuple[str, str, int] | None:
    """(table, row key, number of cells) for a row label, None for anything else."""
    if key in L.T3_ROW_INDEX:
        return "t3", L.T3_ROW_INDEX[key], len(L.T3_COLUMNS)
    if key in L.T2_ROW_INDEX:
        row = L.T2_ROW_INDEX[key]
        return "t2", row, len(L.T2_ROWS[row][2])
    return None


def cells_row(number: int, cells: list[str]) -> list[Item]:
    """One table row whose cells are explicit (a pipe-table or tab-separated line).

    * a row with a known label: the label, then its cells (blanks kept, the merged columns of a
      group label before it dropped);
    * a row of values with no label, or only a fragment of one (a converter printed the label
      elsewhere): a ROWLABEL item holding the fragment, then the values, for the builder to place;
    * a header row of words that name no known column (「类别 | 数据1 | 数据2」), or of dashes
      fitting no table's width (「- | -」 under an OCR'd header): not data.
    """
    cells = [c.strip(" \t\u3000\u00a0") for c in cells]
    if not any(cells):
        return []
    facts = [_cell_facts(c) if c else _NO_FACTS for c in cells]
    label_at = next((i for i, (width, group, _value, _known) in enumerate(facts) if width or group), None)
    items: list[Item] = []
    unknown_words = [c for c, (_w, _g, value, known) in zip(cells, facts) if c and not value and not known]
    if label_at is None or (len(unknown_words) >= 2 and not any(fact[2] for fact in facts)):
        return _unlabelled_row(number, cells)     # 「项目 | 本年新收件数 | … | 予以公开 | …」: a header
    for c, fact in zip(cells[:label_at], facts):
        if c:
            items.append(Item(number, c, CELL if fact[3] else HEADER))   # 「（三）不」: a merged group column
    label = cells[label_at]
    items.append(Item(number, label, CELL))
    values = cells[label_at + 1:]
    # a later label cell in the same row (a group label, then its first row) starts over
    nxt = next((i for i, fact in enumerate(facts[label_at + 1:]) if fact[0]), None)
    if nxt is not None:
        return items + cells_row(number, values[nxt:]) if not any(values[:nxt]) else \
            items + [Item(number, c, CELL if c else EMPTY) for c in values[:nxt]] + cells_row(number, values[nxt:])
    known = facts[label_at][0]
    width = known[2] if known else len(L.T3_COLUMNS)   # a group label standing for its rows
    while len(values) > width and not values[0]:
        values.pop(0)      # the label's merged columns
    while values and not values[-1] and (len(values) > width or (known is None and not any(values))):
        values.pop()
    items.extend(Item(number, c, CELL if c else EMPTY) for c in values)
    return items


def regular_width(rows: list[list[str]]) -> int:
    """The number of cells most rows of a table have (three in four at least, of four rows or
    more): a table a converter wrote as a regular grid, merged cells kept as empty ones. 0 else."""
    if len(rows) < 4:
        return 0
    widest = max(len(cells) for cells in rows)
    return widest if sum(len(cells) == widest for cells in rows) * 4 >= len(rows) * 3 else 0


_SHORT_ROW = "比同表其他行少格，标签后的空格是合并的标签列还是空白数据无法确定"


def short_row(number: int, cells: list[str], grid: int) -> Problem | None:
    """A row of a regular grid (:func:`regular_width`) with fewer cells than the rest and a blank
    right after its label: whether that blank is the label's merged column or a blank first
    value cannot be told, and :func:`cells_row` would take it for one or the other. The row is
    declared unread rather than read with every value possibly one column off."""
    if len(cells) >= grid:
        return None
    cells = [c.strip(" \t\u3000\u00a0") for c in cells]
    label_at = next((i for i, c in enumerate(cells) if c and _cell_facts(c)[0]), None)
    if label_at is None:
        return None
    table, row, width = _cell_facts(cells[label_at])[0]
    values = cells[label_at + 1:]
    if not values or values[0]:
        return None
    filled = [v for v in values if v]
    where = {"t3": "表三", "t2": "表二"}.get(table, "表")
    return Problem("unreadable-text", number,
                   f"{where}「{cells[label_at]}」{_SHORT_ROW}（「{' '.join(filled)}」）", table=table, row=row,
                   expected=width, actual=len(values),
                   cells=[{"raw": " ".join(filled), "line": number, "why": _SHORT_ROW}])


@cached_when_short
def _cell_facts(text: str) -> tuple[tuple[str, str, int] | None, bool, bool, str | None]:
    """What cells_row asks of a (non-empty) cell's text, remembered: the row it labels
    (:func:`row_width`), whether it is a group label of table 三, a value, a known table text."""
    key = L.label_key(text)
    return row_width(key), key in L.T3_GROUP_INDEX, looks_like_value(text), KNOWN.get(key)


_NO_FACTS = (None, False, False, None)      # an empty cell: no label, no value


_T3_WIDTH = len(L.T3_COLUMNS)
_T4_WIDTH = len(L.T4_BLOCKS) * len(L.T4_FIELDS)


def _unlabelled_row(number: int, cells: list[str]) -> list[Item]:
    """A row of explicit cells without a known label (see :func:`cells_row`)."""
    first = next(i for i, c in enumerate(cells) if c)
    last = max(i for i, c in enumerate(cells) if c)
    numbers = [c for c in cells if c and looks_like_value(c)]
    if not numbers:
        # a header row: known header words stay (they open the tables), the rest is not data
        return [Item(number, c, CELL if KNOWN.get(L.label_key(c)) else HEADER) for c in cells if c]
    if all(not c or looks_like_value(c) for c in cells):
        span = cells if len(cells) == _T4_WIDTH else cells[first:last + 1]
        if not any(ch.isdigit() for c in span for ch in c) and len(span) not in (_T3_WIDTH, _T4_WIDTH):
            return [Item(number, c, HEADER) for c in span if c]     # 「- | -」 placeholders
        if len(span) == _T3_WIDTH:
            return [Item(number, "", ROWLABEL)] + [Item(number, c, CELL if c else EMPTY) for c in span]
        return [Item(number, c, CELL if c else EMPTY) for c in span]
    lead = 0
    while lead < len(cells) and (not cells[lead] or not looks_like_value(cells[lead])):
        lead += 1
    rest = cells[lead:]
    while rest and not rest[-1]:
        rest.pop()
    if rest and len(rest) == _T3_WIDTH and all(not c or looks_like_value(c) for c in rest):
        fragment = join_words([c for c in cells[:lead] if c])       # 「行政机关不再处理其政府信息公」
        return [Item(number, fragment, ROWLABEL)] + [Item(number, c, CELL if c else EMPTY) for c in rest]
    return [Item(number, c, CELL) for c in cells if c]


_WHITESPACE = re.compile(r"\s")


def split_label_line(number: int, body: str) -> list[Item] | None:
    """In a one-cell-per-line text, a row label printed with its numbers: split it."""
    if not _WHITESPACE.search(body):      # \s is str.isspace, character for character
        return None
    line = text_line(number, body)
    cut = split_cells(line.words)
    if not 0 < cut < len(line.words):
        return None
    label = join_words([w.text for w in line.words[:cut]])
    if KNOWN.get(L.label_key(label)) not in (ROW, GROUP):
        return None
    return [Item(number, label, CELL)] + [Item(number, w.text, CELL) for w in line.words[cut:]]

