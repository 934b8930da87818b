"""Separators lost: a row printed ``713000074`` is reported, never read as one number."""

from __future__ import annotations

import unicodedata

from gixlint.layout.rows.cells import row_width
from gixlint.layout.rows.words import _DIGITS, _LIST_START, HEAD, KNOWN
from gixlint.read.document import CELL, CHROME, EMPTY, PAGE, TEXT, Item, Problem
from gixlint.vocab import labels as L
from gixlint.vocab.textcache import cached_when_short
from gixlint.vocab.values import looks_like_value


def _merged(value: str, missing: int, same_line: bool) -> bool:
    digits = unicodedata.normalize("NFKC", value).strip()
    if not _DIGITS.match(digits):
        return False
    if len(digits) >= 2 and digits[0] == "0":
        return True
    return len(digits) >= max(2 if same_line else 3, missing + 1)


def _unreadable(table: str, row: str, label: str, values: list[Item], width: int) -> Problem:
    filled = [v for v in values if v.text]
    raw = " ".join(v.text for v in filled)
    where = f"{'表三' if table == 't3' else '表二' if table == 't2' else '表四'}「{label}」"
    return Problem(
        "unreadable-text", filled[0].line,
        f"{where}应有 {width} 个数，此处只读到 {len(filled)} 个（「{raw}」）：数字之间的分隔可能已丢失",
        table=table, row=row, expected=width, actual=len(filled), cells=[{"raw": raw, "line": filled[0].line}])


def check_rows(items: list[Item], problems: list[Problem]) -> list[Item]:
    """Find rows whose numbers ran together; report them and leave their numbers out."""
    # what each item is, worked out once (per text, see _facts): its label key, a value, a header
    # word of the tables, the row it labels
    facts = [_facts(it.text) if it.role in (CELL, TEXT) else _BLANK if it.role == EMPTY else _NOTHING
             for it in items]
    t4_ends: tuple[list[int], list[int]] | None = None     # worked out where table 四 begins
    t4_whole = -1           # where the values last found not run together begin
    out: list[Item] = []
    i = 0
    t4_seen = False
    # only labels and header words start a row to check: the items between them are copied as they are
    for mark in [m for m, fact in enumerate(facts) if fact[2] or fact[3]]:
        if mark < i:
            continue            # left out with the numbers of a row before it
        out.extend(items[i:mark])
        i = mark
        item = items[i]
        key, _value, head, known = facts[i]
        if known or (head and key == "行政复议"):
            t4_seen = t4_seen or not known
            if known:
                j = _values_end(facts, i + 1)
                values = items[i + 1:j]
                while values and values[-1].role == EMPTY:
                    values.pop()      # the next row's merged label column
                table, row, width = known
                if _suspicious(values, width):
                    problems.append(_unreadable(table, row, L.row_label(table, row), values, width))
                    out.append(item)
                    i = j             # its numbers (and the blanks after them) are left out
                    continue
        elif t4_seen and head:
            if t4_ends is None:
                t4_ends = _t4_ends(items, facts, i)
            heads_end, t4_end = t4_ends
            j = heads_end[i + 1]
            if j != t4_whole:       # each header word of a run leads to the same values: judged once
                k = t4_end[j]
                values = [v for v in items[j:k] if v.role in (CELL, TEXT, EMPTY)]
                width = len(L.T4_BLOCKS) * len(L.T4_FIELDS)
                if _suspicious(values, width):
                    problems.append(_unreadable("t4", "", "复议诉讼", values, width))
                    out.extend(items[i:j])
                    i = k
                    t4_seen = False
                    continue
                t4_whole = j
        out.append(item)
        i += 1
    out.extend(items[i:])
    return out


def _values_end(facts: list[tuple], start: int) -> int:
    """The index after the run of values that starts at ``start``. A label is never a value, so
    the runs after different labels do not overlap: each item is stepped over once a report."""
    end, n = start, len(facts)
    while end < n and facts[end][1]:
        end += 1
    return end


def _t4_ends(items: list[Item], facts: list[tuple], start: int) -> tuple[list[int], list[int]]:
    """From each index from ``start`` on: where the run of header words, and the run of table
    四's values among page furniture, that starts there ends."""
    n = len(items)
    heads_end = [n] * (n + 1)
    t4_end = [n] * (n + 1)
    for j in range(n - 1, start - 1, -1):
        _key, value, head, _known = facts[j]
        heads_end[j] = heads_end[j + 1] if head else j
        t4_end[j] = t4_end[j + 1] if value or items[j].role in (PAGE, CHROME) else j
    return heads_end, t4_end


# (label key, a value, a header word, (table, row, width) of the row it labels or None)
_NOTHING = ("", False, False, None)     # furniture, header words, prose, a label of explicit cells
_BLANK = ("", True, False, None)        # an explicitly empty cell: a value


@cached_when_short
def _facts(text: str) -> tuple[str, bool, bool, tuple[str, str, int] | None]:
    """What check_rows needs to know of a paragraph's or cell's text."""
    key = L.label_key(text)
    if not key:
        return _NOTHING
    # a value is a cell's text that is not a label or a list item
    value = key not in KNOWN and looks_like_value(text) and not _LIST_START.match(text)
    return key, value, KNOWN.get(key) == HEAD, row_width(key)


def _suspicious(values: list[Item], width: int) -> bool:
    """Fewer numbers than columns, and one of them looks like several run together."""
    if len(values) >= width:
        return False   # as many cells as columns, blanks explicit: nothing ran together
    filled = [v for v in values if v.role != EMPTY and v.text]
    if not filled or len(filled) >= width:
        return False
    same_line = all(v.line == filled[0].line for v in filled)
    missing = width - len(filled)
    return any(_merged(v.text, missing, same_line) for v in filled)
