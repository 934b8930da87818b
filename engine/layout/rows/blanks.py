"""Blank cells found from the columns' positions: where they make it certain, nothing else."""

from __future__ import annotations

from gixlint.layout.rows.words import _T4_FIELD_WORDS, HEAD, ROW, Entry, Word
from gixlint.read.document import CHROME, EMPTY, PAGE, Item
from gixlint.vocab import labels as L

# --- blank cells from column positions -----------------------------------------------------


def _anchors_from_rows(rows: list[Entry], width: int) -> list[float] | None:
    full = [e for e in rows if len(e.cells) == width]
    if not full:
        return None
    import statistics  # only for rows with blank cells, and it costs ~5 ms to import

    return [statistics.median(e.cells[c][0].xc for e in full) for c in range(width)]


def _fill(cells: list[tuple[Word, Item]], anchors: list[float], line_item: Item) -> list[tuple[Word, Item]] | None:
    """Place each cell at its column; the columns no cell reached are blank. None if unclear."""
    if len(anchors) < 2:
        return None
    step = min(b - a for a, b in zip(anchors, anchors[1:]))
    if step <= 0:
        return None
    placed: dict[int, tuple[Word, Item]] = {}
    for word, item in cells:
        column = min(range(len(anchors)), key=lambda c: abs(anchors[c] - word.xc))
        covers = [c for c, x in enumerate(anchors) if word.x0 - step * 0.25 <= x <= word.x1 + step * 0.25]
        if abs(anchors[column] - word.xc) > step * 0.45 or len(covers) > 1 or column in placed:
            return None
        placed[column] = (word, item)
    out = []
    for c, x in enumerate(anchors):
        if c in placed:
            out.append(placed[c])
        else:
            out.append((Word("", x, x), Item(line_item.line, "", EMPTY, line_item.page, line_item.source)))
    return out


_T3_HEADERS = [L.label_key(text) for text in L.T3_COLUMNS.values()]


def _anchors_from_headers(entries: list[Entry], rows: list[Entry]) -> list[float] | None:
    """The columns of table 三 where its seven column headers stand (when no row fills every
    column, e.g. a column left blank from top to bottom)."""
    if not rows:
        return None
    first = entries.index(rows[0])
    found: dict[str, float] = {}
    for e in entries[:first]:
        key = L.label_key(e.item.text)
        if e.kind == HEAD and key in _T3_HEADERS and e.x is not None:
            found[key] = e.x             # the last one before the rows: the header nearest the table
    if len(found) != len(_T3_HEADERS):
        return None
    anchors = [found[key] for key in _T3_HEADERS]
    return anchors if anchors == sorted(anchors) else None


def fill_blanks(entries: list[Entry]) -> None:
    """Rows with fewer cells than columns: where positions make it certain, the rest are blank.

    A row with no number at all is blank throughout when its own line ends before anything else
    is printed (in a drawn table, a row of empty cells)."""
    t3_rows = [e for e in entries if e.kind == ROW and L.label_key(e.item.text) in L.T3_ROW_INDEX]
    anchors = _anchors_from_rows(t3_rows, len(L.T3_COLUMNS)) or _anchors_from_headers(entries, t3_rows)
    if anchors:
        for e in t3_rows:
            if 0 < len(e.cells) < len(L.T3_COLUMNS):
                filled = _fill(e.cells, anchors, e.item)
                if filled:
                    e.cells = filled
            elif not e.cells and _alone(entries, e):
                e.cells = _fill([], anchors, e.item) or []
    t2_rows = [e for e in entries if e.kind == ROW and L.label_key(e.item.text) in L.T2_ROW_INDEX]
    wide = [e for e in t2_rows if len(L.T2_ROWS[L.T2_ROW_INDEX[L.label_key(e.item.text)]][2]) == 3]
    anchors = _anchors_from_rows(wide, 3)
    if anchors:
        for e in wide:
            if 0 < len(e.cells) < 3:
                filled = _fill(e.cells, anchors, e.item)
                if filled:
                    e.cells = filled
    _fill_t4(entries)


def _alone(entries: list[Entry], entry: Entry) -> bool:
    """No numbers follow the row's label before the next label: not a label whose numbers wrapped."""
    index = entries.index(entry)
    following = next((e for e in entries[index + 1:] if e.item.role not in (PAGE, CHROME)), None)
    return following is None or following.kind != "cell"


def _fill_t4(entries: list[Entry]) -> None:
    start = next((i for i, e in enumerate(entries) if e.kind == HEAD and L.label_key(e.item.text) == "行政复议"), None)
    if start is None:
        return
    heads: list[tuple[float, str]] = []
    values: list[Entry] = []
    for e in entries[start:]:
        if e.kind == HEAD:
            if values:
                break
            if L.label_key(e.item.text) in _T4_FIELD_WORDS and e.x is not None:
                heads.append(e.x)
        elif e.kind == "cell":
            values.append(e)
        elif e.item.role in (PAGE, CHROME):
            continue
        else:
            break
    width = len(L.T4_BLOCKS) * len(L.T4_FIELDS)
    if not values or len(values) >= width or not heads:
        return
    heads.sort()
    step_guess = (heads[-1] - heads[0]) / (width - 1) if len(heads) > 1 else 0
    clusters: list[list[float]] = [[heads[0]]]
    for x in heads[1:]:
        if x - clusters[-1][-1] <= step_guess * 0.4:
            clusters[-1].append(x)
        else:
            clusters.append([x])
    if len(clusters) != width:
        return
    import statistics

    anchors = [statistics.mean(c) for c in clusters]
    cells = [c for e in values for c in e.cells]
    filled = _fill(cells, anchors, values[0].item)
    if not filled:
        return
    first = entries.index(values[0])
    for e in values:
        entries.remove(e)
    for offset, (word, item) in enumerate(filled):
        entries.insert(first + offset, Entry(item, "cell", [(word, item)]))

