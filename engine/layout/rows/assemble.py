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
from dataclasses import dataclass, field

from gixlint.layout.rows.blanks import fill_blanks
from gixlint.layout.rows.words import (
    _LIST_START,
    _PREFIXES,
    _PROSE,
    _SENTENCE_END,
    BLOCK,
    GROUP,
    HEAD,
    KNOWN,
    NOTE,
    ROW,
    Entry,
    Line,
    Word,
    _key,
    join_words,
    split_cells,
    status,
)
from gixlint.read.document import CELL, CHROME, PAGE, TEXT, Item
from gixlint.read.furniture import is_chrome, is_page_number
from gixlint.vocab import labels as L
from gixlint.vocab.headings import parse_heading


@dataclass
class _Join:
    """A table row being put together from the lines that continue it."""

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


_PART_NUMBER = re.compile(r"^[一二三四五六][、．.]\s*\S")
_ITEM_NUMBER = re.compile(r"^(\d{1,2}[.．、]|[（(][一二三四五六七八九十]{1,2}[)）])$")     # 「1.」「（三）」


def _is_label_start(text: str) -> bool:
    """Does a word begin a label (a Chinese character), not a value?"""
    return "\u4e00" <= text[0] <= "\u9fff"


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
        page_number = is_page_number(text)
        if not page_number:
            self.index += 1
        if line.page != self.page:
            self.page, self.page_top = line.page, True
        if is_chrome(text):
            self.end_prose()
            self.emit(_item(line, text, CHROME))
            return
        if page_number:
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
        return split_cells(words)

    def segments(self, words: list[Word]) -> list[list[Word]]:
        """Words between wide gaps; a known label after a single space is a cell of its own; an
        item's number set apart from its label (「1.   属于国家秘密」, a browser's print) is not."""
        out: list[list[Word]] = []
        for word in words:
            if (word.gap and out) and len(out[-1]) == 1 and _ITEM_NUMBER.match(out[-1][0].text) \
                    and _is_label_start(word.text):
                out[-1].append(word)
            elif word.gap or not out:
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
            if self.known(left) and (status(right) == "full" or (status(right) == "prefix" and len(right) >= 2)
                                     or self.continues(right)):
                return [seg[:k], *self.split_known(seg[k:])]
        return [seg]

    def continues(self, key: str) -> bool:
        """Does ``key`` carry on a label begun on a line above (「（四）无」 … 「法提供」)? Two labels of a
        merged column, printed side by side one space apart (「三、本 法提供」), are told apart so."""
        return any(status(j.key + key) for j in self.open)

    def known(self, key: str) -> bool:
        """A known table text, the start of one, or the rest of one already begun."""
        return bool(status(key)) or self.continues(key)

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
        text = join_words([w.text for seg in segments for w in seg])
        # a part numbered 三、 whatever its wording: the table above it has ended
        heading = parse_heading(text) is not None or bool(_PART_NUMBER.match(text))
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
    for entry in entries:
        cells = entry.cells
        if len(cells) > 1 and any(item.line != cells[0][1].line for _word, item in cells):
            # a row whose numbers stand on more than one line (a tall cell's number printed at
            # its top, the rest beside the label's second line): the columns' order is left to
            # right, not the order of the lines
            cells.sort(key=lambda cell: cell[0].xc)
    fill_blanks(entries)
    return flatten(entries)

