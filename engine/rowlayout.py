"""Row layouts: a table row printed on one line (pdftotext, PDF, markdown, tab-separated).

The parser wants one item per cell. Text that holds a whole table row on a line — ``（一）予以公开
35 1 0 0 0 0 36`` — is split here into a label item and one item per value, keeping each value's
source line (and page). What pdftotext and PDFs do to tables is undone too:

* a long label wrapped over two or three lines, its numbers on the first line, on the
  continuation line or on a line of their own in between, is joined back into one label;
* header cells stacked over several lines (``本年制发`` / ``件数``) are joined back;
* a group label (``三、本年度办理结果``, ``（三）不予公开``) printed in the middle of its rows,
  possibly wrapped over several rows of the merged column, is joined and placed before a row;
* a blank cell (no text at all on the line) is found from the columns' positions;
* headers repeated at the top of the next page are dropped;
* prose wrapped at the right margin is joined back into paragraphs.

Lines come in as :class:`Line` objects: words with horizontal positions (character offsets for
text, points for PDF) and a flag saying whether a wide gap (a cell boundary) precedes a word.
Whatever cannot be read honestly — a row whose numbers ran together (``713000074``) — is left out
and reported by :func:`check_rows` as ``unreadable-text``; nothing is guessed.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from dataclasses import dataclass, field

from . import labels as L
from .layout import CELL, CHROME, EMPTY, HEADER, PAGE, ROWLABEL, TEXT, Item, is_chrome, is_page_number
from .model import Problem
from .values import DASHES, looks_like_value

# --- what the table texts are ----------------------------------------------------------------

ROW, GROUP, BLOCK, HEAD, NOTE = "row", "group", "block", "head", "note"


def _known() -> dict[str, str]:
    known: dict[str, str] = {}
    for text in (*L.T2_HEADERS, *L.T3_HEADERS, *L.T4_HEADERS, *L.COMMON_HEADERS, *L.T3_COLUMNS.values(),
                 *L.T4_FIELDS.values(), "行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉"):
        known[L.label_key(text)] = HEAD
    for numeral in L.NUMERALS:
        known[L.label_key(f"第二十条第（{numeral}）项")] = BLOCK
    known[L.label_key(L.T3_NOTE)] = NOTE
    for key in L.T3_GROUP_INDEX:
        known[key] = GROUP
    for key in (*L.T3_ROW_INDEX, *L.T2_ROW_INDEX):
        known[key] = ROW
    return known


KNOWN = _known()
_PREFIXES: dict[str, set[str]] = {}
for _key, _kind in KNOWN.items():
    for _n in range(1, len(_key)):
        _PREFIXES.setdefault(_key[:_n], set()).add(_kind)
del _key, _kind, _n
_T4_FIELD_WORDS = {L.label_key(w) for w in (*L.T4_FIELDS.values(), "结果", "维持", "纠正", "其他", "尚未", "审结")}
_T3_COLUMN_WORDS = {L.label_key(w) for w in (*L.T3_COLUMNS.values(), "商业", "科研", "社会公益", "法律服务")}

_VALUE = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?(个|件|条|项|份|次|宗|万元|元)?([(\[【].*)?$")
_DIGITS = re.compile(r"^\d+$")
_SENTENCE_END = re.compile(r"[。！？；：:!?;]$")
_LIST_START = re.compile(r"^([一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．])")
_PROSE = re.compile(r"[。，；！？]")


def is_value_token(word: str) -> bool:
    """A whitespace-free word that is one cell's value: 35, 0.35, 52（其中…）, /, —."""
    text = unicodedata.normalize("NFKC", word).strip()
    return text in DASHES or bool(_VALUE.match(text))


def status(key: str) -> str:
    """'full' for a known table text, 'prefix' for the start of one, '' otherwise."""
    if key in KNOWN:
        return "full"
    return "prefix" if key in _PREFIXES else ""


def _is_cjk(ch: str) -> bool:
    return ord(ch) > 0x2E80


def _key(words) -> str:
    return L.label_key("".join(w.text for w in words))


def join_words(parts: list[str]) -> str:
    """Join words of one line: no space between CJK characters, one space otherwise."""
    out = ""
    for part in parts:
        if out and not (_is_cjk(out[-1]) or _is_cjk(part[0])):
            out += " "
        out += part
    return out


# --- input ---------------------------------------------------------------------------------


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    gap: bool = False        # a wide gap (a cell boundary) comes before this word

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class Line:
    number: int
    words: list[Word]
    page: int = 0
    source: str = ""
    indented: bool = False   # starts further right than the text block (a new paragraph)
    full: bool = False       # reaches the right margin (prose that wraps on)
    raw: str = ""

    @property
    def text(self) -> str:
        return self.raw or join_words([w.text for w in self.words])


_WORD = re.compile(r"\S+")


def text_line(number: int, raw: str) -> Line:
    """A line of pdftotext-style text: words with character offsets; 2+ spaces or a tab is a gap."""
    words: list[Word] = []
    end = None
    for m in _WORD.finditer(raw):
        space = raw[end:m.start()] if end is not None else ""
        gap = end is None or "\t" in space or "\u3000" in space or len(space) >= 2
        words.append(Word(m.group(), m.start(), m.end(), gap))
        end = m.end()
    stripped = raw.lstrip(" \u3000\t")
    return Line(number, words, indented=len(raw) - len(stripped) >= 2, raw=raw.strip(" \t\u3000\u00a0"))


def text_lines(lines: list[str]) -> list[Line]:
    """Lay out pdftotext-style lines; prose lines as wide as the text block wrap on."""
    out = [text_line(n, raw) for n, raw in enumerate(lines, start=1)]
    widths = [len(line.raw) for line in out
              if _PROSE.search(line.raw) and len(line.raw) > 10 and not any(w.gap for w in line.words[1:])]
    if widths:
        widths.sort()
        width = widths[int(len(widths) * 0.9) - 1 if len(widths) > 1 else 0]
        for line in out:
            line.full = len(line.raw) + (2 if line.indented else 0) >= width - 2
    return out


# --- assembly ------------------------------------------------------------------------------


@dataclass
class Entry:
    """A label (or any text) and the cells printed with it, before blanks are filled."""

    item: Item
    kind: str = ""                         # ROW, GROUP, HEAD, …; "cell"; "" for prose and unknown text
    cells: list[tuple[Word, Item]] = field(default_factory=list)
    x: float | None = None                 # where a header stood (the columns of table 四)


@dataclass
class _Join:
    words: list[Word]
    key: str
    line: Line
    last: int                              # index of the line that last extended it
    kinds: set[str]
    cells: list[tuple[Word, Item]] = field(default_factory=list)

    @property
    def xc(self) -> float:
        return self.words[-1].xc


def _item(line: Line, text: str, role: str = CELL, number: int | None = None) -> Item:
    return Item(number or line.number, text, role, line.page, line.source)


class Assembler:
    """Turns lines of words into items: labels joined, cells split, blanks found."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.open: list[_Join] = []
        self.region = False                # inside a table
        self.index = 0                     # index of the current line
        self.heads: set[str] = set()       # header texts seen in this table (to drop repeats)
        self.page = None
        self.page_top = False
        self.prose: Entry | None = None    # the paragraph that may still wrap on
        self.prose_line: Line | None = None

    # -- output -----------------------------------------------------------------------------
    def emit(self, item: Item, kind: str = "", words: list[Word] | None = None) -> Entry:
        entry = Entry(item, kind, x=(words[0].x0 + words[-1].x1) / 2 if words else None)
        self.entries.append(entry)
        if kind in (BLOCK, HEAD, NOTE, ROW, GROUP):
            self.region = True
            if kind in (HEAD, NOTE):
                self.heads.add(L.label_key(item.text))
        return entry

    def emit_cells(self, cells: list[tuple[Word, Item]], entry: Entry | None = None) -> None:
        if entry is not None:
            entry.cells.extend(cells)
            return
        for word, item in cells:
            self.entries.append(Entry(item, "cell", [(word, item)]))

    def flush(self, join: _Join) -> None:
        """A join that never completed: its fragments stay as they were printed."""
        self.open.remove(join)
        entry = None
        for word in join.words:
            entry = self.emit(Item(join.line.number, word.text, CELL, join.line.page, join.line.source))
        self.emit_cells(join.cells, entry if join.cells else None)

    def flush_all(self) -> None:
        for join in list(self.open):
            self.flush(join)

    def end_prose(self) -> None:
        self.prose = self.prose_line = None

    # -- one line ---------------------------------------------------------------------------
    def feed(self, line: Line) -> None:
        text = line.text
        if not text:
            return      # blank lines and page numbers do not count against a wrapped label
        if not is_page_number(text):
            self.index += 1
        if line.page != self.page:
            self.page, self.page_top = line.page, True
        if is_chrome(text):
            self.end_prose()
            self.emit(_item(line, text, CHROME))
            return
        if is_page_number(text):
            self.emit(_item(line, text, PAGE))
            return
        for join in list(self.open):       # joins not extended for three lines have failed
            if self.index - join.last > 3:
                self.flush(join)

        words = line.words
        cut = self.split_cells(words)
        texts, cells = words[:cut], words[cut:]
        segments = self.segments(texts)
        if self.page_top and self.region and segments and not cells and all(self.seen_head(s) for s in segments):
            self.emit(_item(line, join_words([w.text for s in segments for w in s]), PAGE))
            return  # the table's header, repeated at the top of the next page
        if segments and not cells and not self.tableish(segments):
            self.text_line(line, segments)
            return
        if cells and segments and not self.region and not self.tableish(segments):
            # a sentence that happens to end in a number, outside any table
            self.text_line(line, self.segments(words))
            return
        self.end_prose()
        self.page_top = False
        cell_items = [(w, _item(line, w.text)) for w in cells]
        target: Entry | _Join | None = None
        for seg in segments:
            target = self.segment(line, seg)
        if not segments and cells:
            rows = [j for j in self.open if ROW in j.kinds]
            target = rows[-1] if rows else None
        rows = [j for j in self.open if ROW in j.kinds and j.line is not line]
        if cells and rows and isinstance(target, Entry) and target.kind == GROUP:
            target = rows[-1]   # a group label printed beside the numbers of a wrapped row
        if isinstance(target, _Join):
            target.cells.extend(cell_items)
        elif isinstance(target, Entry) and target.kind not in (HEAD, NOTE, BLOCK):
            self.emit_cells(cell_items, target)
        else:
            self.emit_cells(cell_items)

    def split_cells(self, words: list[Word]) -> int:
        """Index of the first cell: the line ends in a run of values (a row's numbers)."""
        cut = len(words)
        while cut > 0 and is_value_token(words[cut - 1].text):
            cut -= 1
        return cut

    def segments(self, words: list[Word]) -> list[list[Word]]:
        """Words between wide gaps; a known label after a single space is a cell of its own."""
        out: list[list[Word]] = []
        for word in words:
            if word.gap or not out:
                out.append([word])
            else:
                out[-1].append(word)
        return [part for seg in out for part in self.split_known(seg)]

    def split_known(self, seg: list[Word]) -> list[list[Word]]:
        """``（三）不予 4.保护第三方合法权益``: a group label and a row label one space apart."""
        if len(seg) < 2 or self.known(_key(seg)):
            return [seg]
        for k in range(1, len(seg)):
            left, right = _key(seg[:k]), _key(seg[k:])
            if self.known(left) and (status(right) == "full" or (status(right) == "prefix" and len(right) >= 2)):
                return [seg[:k], *self.split_known(seg[k:])]
        return [seg]

    def known(self, key: str) -> bool:
        """A known table text, the start of one, or the rest of one already begun."""
        return bool(status(key)) or any(status(j.key + key) for j in self.open)

    def tableish(self, segments: list[list[Word]]) -> bool:
        if self.region and len(segments) > 1:
            return True
        for seg in segments:
            key = L.label_key(join_words([w.text for w in seg]))
            if status(key) == "full" or (status(key) == "prefix" and len(key) >= 2):
                return True
            if any(status(j.key + key) for j in self.open):
                return True
        return False

    def seen_head(self, seg: list[Word]) -> bool:
        key = L.label_key(join_words([w.text for w in seg]))
        return key in self.heads or any(h.startswith(key) or h.endswith(key) for h in self.heads)

    def text_line(self, line: Line, segments: list[list[Word]]) -> None:
        """A line of prose (or a heading, or unknown text): one item, joined to a wrapped paragraph."""
        from .parser import parse_heading

        text = join_words([w.text for seg in segments for w in seg])
        heading = parse_heading(text) is not None
        if heading or (len(L.squash(text)) > 14 and _PROSE.search(text)):
            self.region = False
            self.heads.clear()
            self.flush_all()
        previous, prev_line = self.prose, self.prose_line
        if (previous is not None and prev_line is not None and prev_line.full and not line.indented
                and not heading and not _LIST_START.match(text) and not _SENTENCE_END.search(previous.item.text)
                and self.entries and self.entries[-1] is previous):
            merged = join_words([previous.item.text, text])
            previous.item = Item(previous.item.line, merged, TEXT, previous.item.page, previous.item.source)
            self.prose_line = line
            return
        role = CELL if self.region and len(L.squash(text)) <= 12 else TEXT
        entry = self.emit(_item(line, text, role))
        self.prose, self.prose_line = (None, None) if heading else (entry, line)

    def segment(self, line: Line, seg: list[Word]) -> Entry | _Join | None:
        """Place one text segment: extend a wrapped label, start one, or emit it."""
        text = join_words([w.text for w in seg])
        key = L.label_key(text)
        candidates = [j for j in self.open if j.line is not line and status(j.key + key)]
        if candidates:
            join = min(candidates, key=lambda j: (ROW not in j.kinds, abs(j.xc - seg[0].xc)))
            join.words.extend(seg)
            join.key += key
            join.last = self.index
            if status(join.key) == "full":
                self.open.remove(join)
                label = join_words([w.text for w in join.words])
                kind = KNOWN[join.key]
                self.before_label(kind)
                entry = self.emit(Item(join.line.number, label, CELL, join.line.page, join.line.source), kind,
                                  join.words[:1])
                entry.cells.extend(join.cells)
                return entry
            return join
        state = status(key)
        if state == "full":
            kind = KNOWN[key]
            self.before_label(kind)
            return self.emit(_item(line, text), kind, seg)
        if state == "prefix" and len(key) >= 2:
            join = _Join(list(seg), key, line, self.index, _PREFIXES[key])
            self.open.append(join)
            return join
        return self.emit(_item(line, text))

    def before_label(self, kind: str) -> None:
        """A new row label: a row label still waiting for its second half never got it."""
        if kind == ROW:
            for join in [j for j in self.open if j.kinds == {ROW} and j.last < self.index]:
                self.flush(join)

    def finish(self) -> list[Entry]:
        self.flush_all()
        return self.entries


# --- blank cells from column positions -----------------------------------------------------


def _anchors_from_rows(rows: list[Entry], width: int) -> list[float] | None:
    full = [e for e in rows if len(e.cells) == width]
    if not full:
        return None
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


def fill_blanks(entries: list[Entry]) -> None:
    """Rows with fewer cells than columns: where positions make it certain, the rest are blank."""
    t3_rows = [e for e in entries if e.kind == ROW and L.label_key(e.item.text) in L.T3_ROW_INDEX]
    anchors = _anchors_from_rows(t3_rows, len(L.T3_COLUMNS))
    if anchors:
        for e in t3_rows:
            if 0 < len(e.cells) < len(L.T3_COLUMNS):
                filled = _fill(e.cells, anchors, e.item)
                if filled:
                    e.cells = filled
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


def flatten(entries: list[Entry]) -> list[Item]:
    items: list[Item] = []
    for e in entries:
        if e.kind == "cell":
            items.extend(item for _w, item in e.cells)
            continue
        items.append(e.item)
        items.extend(item for _w, item in e.cells)
    return items


def assemble(lines: list[Line]) -> list[Item]:
    """Lines of words (pdftotext text or a PDF's text layer) → layout items."""
    asm = Assembler()
    for line in lines:
        asm.feed(line)
    entries = asm.finish()
    fill_blanks(entries)
    return flatten(entries)


# --- explicit cells: markdown pipe tables and tab-separated rows ---------------------------


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
    label_at = next((i for i, c in enumerate(cells) if c and (row_width(L.label_key(c))
                                                          or L.label_key(c) in L.T3_GROUP_INDEX)), None)
    items: list[Item] = []
    unknown_words = [c for c in cells if c and not looks_like_value(c) and not KNOWN.get(L.label_key(c))]
    if label_at is None or (len(unknown_words) >= 2 and not any(looks_like_value(c) for c in cells)):
        return _unlabelled_row(number, cells)     # 「项目 | 本年新收件数 | … | 予以公开 | …」: a header
    for c in cells[:label_at]:
        if c:
            known = KNOWN.get(L.label_key(c))
            items.append(Item(number, c, CELL if known else HEADER))   # 「（三）不」: a merged group column
    label = cells[label_at]
    items.append(Item(number, label, CELL))
    values = cells[label_at + 1:]
    # a later label cell in the same row (a group label, then its first row) starts over
    nxt = next((i for i, c in enumerate(values) if c and row_width(L.label_key(c))), None)
    if nxt is not None:
        return items + cells_row(number, values[nxt:]) if not any(values[:nxt]) else \
            items + [Item(number, c, CELL if c else EMPTY) for c in values[:nxt]] + cells_row(number, values[nxt:])
    known = row_width(L.label_key(label))
    width = known[2] if known else len(L.T3_COLUMNS)   # a group label standing for its rows
    while len(values) > width and not values[0]:
        values.pop(0)      # the label's merged columns
    while values and not values[-1] and (len(values) > width or (known is None and not any(values))):
        values.pop()
    items.extend(Item(number, c, CELL if c else EMPTY) for c in values)
    return items


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


def split_label_line(number: int, body: str) -> list[Item] | None:
    """In a one-cell-per-line text, a row label printed with its numbers: split it."""
    if not any(ch.isspace() for ch in body):
        return None
    line = text_line(number, body)
    cut = Assembler().split_cells(line.words)
    if not 0 < cut < len(line.words):
        return None
    label = join_words([w.text for w in line.words[:cut]])
    if KNOWN.get(L.label_key(label)) not in (ROW, GROUP):
        return None
    return [Item(number, label, CELL)] + [Item(number, w.text, CELL) for w in line.words[cut:]]


# --- separators lost: a row printed 713000074 -----------------------------------------------


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
    out: list[Item] = []
    i = 0
    t4_seen = False
    while i < len(items):
        item = items[i]
        key = L.label_key(item.text) if item.role in (CELL, TEXT) else ""
        known = row_width(key) if key else None
        if known or (key and KNOWN.get(key) == HEAD and key == "行政复议"):
            t4_seen = t4_seen or not known
            j = i + 1
            while j < len(items) and _is_value_item(items[j]):
                j += 1
            if known:
                values = items[i + 1:j]
                while values and values[-1].role == EMPTY:
                    values.pop()      # the next row's merged label column
                table, row, width = known
                if _suspicious(values, width):
                    problems.append(_unreadable(table, row, L.row_label(table, row), values, width))
                    out.append(item)
                    i = j             # its numbers (and the blanks after them) are left out
                    continue
        elif t4_seen and key and KNOWN.get(key) == HEAD:
            j = i + 1
            while j < len(items) and items[j].role in (CELL, TEXT) and KNOWN.get(L.label_key(items[j].text)) == HEAD:
                j += 1
            k = j
            while k < len(items) and (_is_value_item(items[k]) or items[k].role in (PAGE, CHROME)):
                k += 1
            values = [v for v in items[j:k] if v.role in (CELL, TEXT, EMPTY)]
            width = len(L.T4_BLOCKS) * len(L.T4_FIELDS)
            if _suspicious(values, width):
                problems.append(_unreadable("t4", "", "复议诉讼", values, width))
                out.extend(items[i:j])
                i = k
                t4_seen = False
                continue
        out.append(item)
        i += 1
    return out


def _is_value_item(item: Item) -> bool:
    if item.role == EMPTY:
        return True
    if item.role not in (CELL, TEXT):
        return False
    key = L.label_key(item.text)
    return bool(key) and key not in KNOWN and looks_like_value(item.text) and not _LIST_START.match(item.text)


def _suspicious(values: list[Item], width: int) -> bool:
    """Fewer numbers than columns, and one of them looks like several run together."""
    filled = [v for v in values if v.role != EMPTY and v.text]
    if not filled or len(filled) >= width or len(values) >= width:
        return False   # as many cells as columns, blanks explicit: nothing ran together
    same_line = all(v.line == filled[0].line for v in filled)
    missing = width - len(filled)
    return any(_merged(v.text, missing, same_line) for v in filled)
