"""Placing table rows whose label the layout lost, by the table's fixed row order.

Converters and OCR often print a row's numbers apart from its label, or with only a fragment of
it (「行政机关不再处理其政府信息公」). The 2021 format fixes the order of table 三's rows, so a
row of numbers between two labelled rows can only be one of the rows between them. A row is
placed only when exactly one place fits every constraint; otherwise it stays unplaced and its
table says which rows could not be read. Nothing is placed by similarity alone.
"""

from __future__ import annotations

from gixlint.vocab import labels as L

# table 三's rows in printed order; the single （六）其他处理 row of old habits stands where its
# three sub-rows would
T3_ORDER: tuple[str, ...] = tuple(
    k for key in L.T3_ROWS for k in (("other_total", key) if key == "other_no_correction" else (key,)))
_POSITION = {key: i for i, key in enumerate(T3_ORDER)}
_LABEL_KEYS = {key: L.label_key(L.T3_ROWS.get(key) or L.T3_GROUPS[key]) for key in T3_ORDER}


def orphan_candidates(fragment: str) -> tuple[str, ...]:
    """The rows a label fragment can belong to: every row for no fragment, else those whose
    label contains it (「缴纳费用、行政机关不再处理其政」 → only 2.申请人逾期未按收费通知…)."""
    key = L.label_key(fragment)
    rows = [k for k in T3_ORDER if k != "other_total"]   # printed as a group label, never lost
    if len(key) < 2:
        return tuple(rows)
    return tuple(k for k in rows if key in _LABEL_KEYS[k])


def place_rows(candidates: list[tuple[str, ...]]) -> tuple[list[str | None], bool]:
    """Give each record (in document order) a row key, or None when its place is in doubt.

    A record with one candidate is an anchor. The records between two anchors must take rows
    strictly between the anchors' rows, in order, and rows no anchor took. Returns the keys and
    whether any record was left in doubt.
    """
    placed: list[str | None] = [c[0] if len(c) == 1 else None for c in candidates]
    taken = {k for k in placed if k is not None}
    doubtful = False
    i = 0
    while i < len(candidates):
        if placed[i] is not None or not candidates[i]:
            doubtful = doubtful or not candidates[i]
            i += 1
            continue
        j = i
        while j < len(candidates) and placed[j] is None and candidates[j]:
            j += 1
        low = _POSITION.get(placed[i - 1], -1) if i > 0 and placed[i - 1] else -1
        high = _POSITION.get(placed[j], len(T3_ORDER)) if j < len(candidates) and placed[j] else len(T3_ORDER)
        gap = [[_POSITION[k] for k in candidates[n] if k not in taken and low < _POSITION[k] < high]
               for n in range(i, j)]
        for n, positions in zip(range(i, j), _feasible(gap)):
            if len(positions) == 1:
                placed[n] = T3_ORDER[positions[0]]
            else:
                doubtful = True
        i = j
    return placed, doubtful


def _feasible(allowed: list[list[int]]) -> list[list[int]]:
    """For records that must take strictly increasing positions, each one's possible positions."""
    forward: list[list[int]] = []
    for n, positions in enumerate(allowed):
        floor = min(forward[n - 1]) if n and forward[n - 1] else (-1 if not n else None)
        forward.append([] if floor is None else [p for p in positions if p > floor])
    backward: list[list[int]] = [[] for _ in allowed]
    for n in range(len(allowed) - 1, -1, -1):
        ceiling = max(backward[n + 1]) if n + 1 < len(allowed) and backward[n + 1] else (
            len(T3_ORDER) + 1 if n + 1 == len(allowed) else None)
        backward[n] = [] if ceiling is None else [p for p in allowed[n] if p < ceiling]
    return [sorted(set(f) & set(b)) for f, b in zip(forward, backward)]


def t4_block(text: str) -> str | None:
    """Which block of table 四 a header names, if it names one (「行政诉讼（复议后起诉）」)."""
    key = L.squash(text)
    for word, block in L.T4_BLOCK_WORDS:
        if word in key:
            return block
    return None
