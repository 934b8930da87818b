"""PDF reports with a text layer: every character's box rebuilt into lines and rows.

Characters come from pdfminer.six's content-stream interpreter with layout analysis switched
off (about 0.02 s a page; pdfplumber, built on the same engine, takes twice that for its char
list and ten times that with its table finder). pypdfium2 was measured too: no faster once
every character's box is read, and it silently drops a text object holding a single glyph of a
font that is not embedded when no system font can stand in (a lone ``0`` or ``业`` in a table
cell) — so it does not hold the accuracy. The rows are rebuilt by :mod:`gixlint.rowlayout`, the
same row layout as pdftotext text: characters grouped into lines by baseline, a wide gap is a
cell boundary, page numbers (``-3-``) become PAGE items, headers repeated at the top of a page
are dropped, wrapped labels and group labels printed in the middle of their rows are joined.

Tables whose borders are drawn (every Word, WPS and LibreOffice PDF draws them; pdfminer gives
them as LTLine/LTRect/LTCurve) are read by their grid: the ruling lines give the columns, the rows
and the merged cells; each character goes to the cell its centre is in, a cell's lines are joined
in reading order into one word, and a table row becomes one line (a group label in a merged
column, spanning more rows than the row beside it, gets a line of its own just before the row).
So a label wrapped inside its cell, numbers centred or top-aligned beside it, or a group label
printed a character a line cannot drift into the wrong row. A row broken over a page is two
lines, joined by the row layout like a wrapped label. Borders a producer left out (Chromium
printing LibreOffice's HTML draws many cells' borders on some sides only) are put back where the
text shows them (:meth:`_Grid.infer`); a real merged cell, a group label wrapped in its column,
stays whole. Where the grid still does not separate the cells (numbers after a wide gap, or one
number a line, inside one cell) that table is left to the text heuristics above; a cell holding
a long paragraph (a layout table) is read as text lines.

Chromium's PDFs take three times as long as LibreOffice's, nearly all of it inside pdfminer:
Skia embeds the CJK font as Type 3 fonts, about a hundred a report, each with 255-entry /Widths
and /Differences arrays and its own ToUnicode CMap, tags every text run and fills every border
as a rectangle; pdfminer tokenises all of it in Python.

Item.line is the line's number in the document rebuilt this way (counting over all pages),
Item.page the page number and Item.source ``第 N 页``. A PDF without a text layer (a scan), one
whose fonts map their glyphs to no characters (its text copies out as garbage), and a PDF that
cannot be opened raise :class:`~gixlint.readers.ReadError` with a Chinese message.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..layout import Layout
from ..rowlayout import Line, Word, assemble, check_rows, is_value_token, join_words

SCANNED = "PDF 没有文字层（可能是扫描件），无法检查，请提供文字版 PDF 或原始文档"
_MIN_TEXT = 20            # fewer non-space characters than this in the whole file: no text layer
UNMAPPED = ("PDF 的文字层无法解码：字体没有字符映射（ToUnicode），复制出来是乱码，无法检查；"
            "请提供原始文档，或重新导出 PDF 时嵌入字体")
_UNMAPPED_SHARE = 0.3     # more glyphs than this without a Unicode value (pdfminer's "(cid:N)"): unreadable
_CELL_GAP = 0.6           # a gap wider than this many font sizes separates two cells
_WORD_GAP = 0.25          # … and wider than this separates two words
_CJK_GAP = 0.35           # (between two CJK characters: justified prose spreads them a little)


@dataclass
class _Char:
    ch: str
    x0: float
    x1: float
    y: float               # baseline
    size: float
    yc: float = 0.0        # vertical centre of the glyph box (which table cell it is in)


def _is_cjk(ch: str) -> bool:
    return ord(ch) > 0x2E80


def _pages(path: Path) -> list[tuple[list[_Char | None], list[_Seg]]]:
    """Every page's characters in content order (None marks a space, a word break) and the
    straight horizontal and vertical strokes drawn on it (table borders)."""
    import logging

    from pdfminer.converter import PDFLayoutAnalyzer
    from pdfminer.layout import LTChar, LTContainer, LTCurve
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    pages: list[tuple[list[_Char | None], list[_Seg]]] = []

    def walk(node, out: list[_Char | None], segs: list[_Seg]) -> None:
        for obj in node:
            if isinstance(obj, LTChar):
                text = obj.get_text()
                if not text or text.isspace():
                    out.append(None)
                    continue
                a, b, _c, _d, _e, f = obj.matrix
                upright = abs(b) < 1e-6 and a > 0
                size = obj.size if obj.size > 0 else (obj.y1 - obj.y0) or 10.0
                out.append(_Char(text, obj.x0, obj.x1, f if upright else obj.y0, size, (obj.y0 + obj.y1) / 2))
            elif isinstance(obj, LTCurve):
                _strokes(obj, segs)
            elif isinstance(obj, LTContainer):
                walk(obj, out, segs)

    class _Device(PDFLayoutAnalyzer):
        def render_image(self, *args, **kwargs) -> None:
            pass

        def receive_layout(self, ltpage) -> None:
            chars: list[_Char | None] = []
            segs: list[_Seg] = []
            walk(ltpage, chars, segs)
            pages.append((chars, segs))

    manager = PDFResourceManager(caching=True)
    device = _Device(manager, laparams=None)
    interpreter = PDFPageInterpreter(manager, device)
    with open(path, "rb") as handle:
        for page in PDFPage.get_pages(handle):
            interpreter.process_page(page)
    return pages


def _lines(chars: list[_Char | None]) -> list[list[_Char | None]]:
    """Group characters into lines by baseline (top of the page first)."""
    # a space stays with the character before it, so word breaks survive sorting
    tagged: list[tuple[_Char, bool]] = []
    for c in chars:
        if c is None:
            if tagged:
                tagged[-1] = (tagged[-1][0], True)
            continue
        tagged.append((c, False))
    tagged.sort(key=lambda t: -t[0].y)
    lines: list[list[tuple[_Char, bool]]] = []
    for c, space in tagged:
        if lines and abs(lines[-1][0][0].y - c.y) <= 0.3 * max(c.size, lines[-1][0][0].size):
            lines[-1].append((c, space))
        else:
            lines.append([(c, space)])
    out = []
    for line in lines:
        line.sort(key=lambda t: t[0].x0)
        seq: list[_Char | None] = []
        for c, space in line:
            seq.append(c)
            if space:
                seq.append(None)
        out.append(seq)
    return out


def _words(seq: list[_Char | None]) -> list[Word]:
    words: list[Word] = []
    prev: _Char | None = None
    space = False
    for c in seq:
        if c is None:
            space = True
            continue
        if prev is None:
            words.append(Word(c.ch, c.x0, c.x1, True))
        else:
            gap = c.x0 - prev.x1
            size = max(c.size, prev.size)
            if gap > _CELL_GAP * size:
                words.append(Word(c.ch, c.x0, c.x1, True))
            elif (space and gap > 0) or gap > (_CJK_GAP if _is_cjk(c.ch) and _is_cjk(prev.ch) else _WORD_GAP) * size:
                words.append(Word(c.ch, c.x0, c.x1, False))
            else:
                words[-1].text += c.ch
                words[-1].x1 = max(words[-1].x1, c.x1)
        prev, space = c, False
    return words


def read(path: Path) -> Layout:
    from . import ReadError

    try:
        pages = _pages(path)
    except OSError:
        raise
    except Exception as exc:  # damaged, encrypted, not a PDF: pdfminer raises many kinds
        name = type(exc).__name__
        reason = "文件已加密" if "Password" in name or "Encrypt" in name else "文件已损坏或不是 PDF"
        raise ReadError(f"无法读取 PDF：{reason}（{name}）") from exc
    if not pages:
        raise ReadError("PDF 没有页面，或文件已损坏")
    glyphs = [c for chars, _segs in pages for c in chars if c is not None]
    if len(glyphs) < _MIN_TEXT:
        raise ReadError(SCANNED)
    if sum(1 for c in glyphs if c.ch.startswith("(cid:")) > _UNMAPPED_SHARE * len(glyphs):
        raise ReadError(UNMAPPED)
    lines = _layout_lines([_page_lines(chars, segs) for chars, segs in pages])
    problems: list = []
    items = check_rows(assemble(lines), problems)
    return Layout(items=items, variant="pdf", encoding="utf-8", line_count=len(lines), problems=problems)


@dataclass
class _Row:
    """A table row rebuilt from the grid: one word per cell (its text in reading order)."""

    y: float
    words: list[Word]


def _page_lines(chars: list[_Char | None], segs: list[_Seg]) -> list[list[_Char | None] | _Row]:
    """A page's lines top to bottom: text lines, and one :class:`_Row` per row of a drawn table."""
    grids = _grids(segs)
    if not grids:
        return _lines(chars)
    for grid in grids:
        grid.infer([c for c in chars if c is not None])
    free: list[_Char | None] = []
    buckets: dict[tuple[int, int], list[_Char | None]] = {}
    target: list[_Char | None] | None = None
    for c in chars:
        if c is None:
            if target is not None:
                target.append(None)
            continue
        target = free
        for g, grid in enumerate(grids):
            cell = grid.cell_at(c)
            if cell is not None:
                target = buckets.setdefault((g, cell), [])
                break
        target.append(c)
    tables: list[tuple[_Grid, dict[int, list[list[Word]]], dict[int, list[list[_Char | None]]]]] = []
    for g, grid in enumerate(grids):
        texts: dict[int, list[list[Word]]] = {}
        seqs: dict[int, list[list[_Char | None]]] = {}
        for (gg, cell), bucket in buckets.items():
            if gg == g:
                seqs[cell] = [seq for seq in _lines(bucket) if seq and seq[0] is not None]
                texts[cell] = [_words(seq) for seq in seqs[cell]]
        if any(_several_cells(lines) for lines in texts.values()):
            # borders missing between some rows or columns: the text heuristics read this table
            free.extend(c for (gg, _cell), bucket in buckets.items() if gg == g for c in bucket)
            continue
        tables.append((grid, texts, seqs))
    placed: list[tuple[float, int, list[_Char | None] | _Row]] = [
        (-seq[0].y, 0, seq) for seq in _lines(free) if seq and seq[0] is not None]
    for grid, texts, seqs in tables:
        rows: dict[int, list[tuple[int, Word]]] = {}
        for cell, lines in texts.items():
            words = [w for line in lines for w in line]
            if not words:
                continue
            text = join_words([w.text for w in words])
            if len(text) > _PROSE_CELL:    # a paragraph in a layout table, not a table cell
                placed.extend((-seq[0].y, 0, seq) for seq in seqs[cell])
                continue
            rows.setdefault(grid.top[cell], []).append(
                (grid.span[cell], Word(text, min(w.x0 for w in words), max(w.x1 for w in words), True)))
        for r, cells in rows.items():
            cells.sort(key=lambda t: t[1].x0)
            y = grid.ys[r]
            # a group label in a merged column (三、本年度办理结果, （三）不予公开) spans more rows than
            # the row beside it: it gets a line of its own, before the row
            while len(cells) > 1 and cells[0][0] > cells[-1][0]:
                placed.append((-y - _EPS, 1, _Row(y, [cells.pop(0)[1]])))
            placed.append((-y - _EPS, 1, _Row(y, [w for _span, w in cells])))
    placed.sort(key=lambda t: (t[0], t[1]))
    return [p for _y, _k, p in placed]


def _several_cells(lines: list[list[Word]]) -> bool:
    """A cell whose text holds several cells' values: numbers after a wide gap, or a number on
    each of several lines (a table whose inner borders are not all drawn)."""
    if any(w.gap and is_value_token(w.text) for line in lines for w in line[1:]):
        return True
    return len(lines) > 1 and sum(1 for line in lines if len(line) == 1 and is_value_token(line[0].text)) > 1


def _layout_lines(pages: list[list[list[_Char | None] | _Row]]) -> list[Line]:
    """Number the lines over the whole document; mark indented and full-width prose lines."""
    out: list[Line] = []
    for page_number, page in enumerate(pages, start=1):
        lines: list[tuple[Line, float | None]] = []
        for seq in page:
            source = f"第 {page_number} 页"
            if isinstance(seq, _Row):
                lines.append((Line(0, seq.words, page_number, source), None))
                continue
            words = _words(seq)
            if not words:
                continue
            size = max(c.size for c in seq if c is not None)
            lines.append((Line(0, words, page_number, source), size))
        if not lines:
            continue
        text = [line for line, size in lines if size is not None] or [line for line, _ in lines]
        left = min(line.words[0].x0 for line in text)
        prose = [line.words[-1].x1 for line in text
                 if len(line.words) and not any(w.gap for w in line.words[1:]) and any(ch in line.text for ch in "，。")]
        right = max(prose) if prose else max(line.words[-1].x1 for line in text)
        for line, size in lines:
            line.number = len(out) + 1
            if size is not None:
                line.indented = line.words[0].x0 > left + size
                line.full = line.words[-1].x1 >= right - 1.5 * size
            out.append(line)
    return out


# --- table grids from the drawn borders -------------------------------------------------------

_TOL = 2.0            # points: strokes this close are one ruling line; a char this far out is outside
_THIN = 3.0           # a filled rectangle thinner than this is a ruling line
_PROSE_CELL = 120     # a cell holding more text than this is a paragraph (a layout table)
_EPS = 0.01
_SPLIT_GAP = 0.15     # font sizes: a gap this wide where a column boundary runs is not inside a word
_ROW_GAP = 0.6        # … between text blocks in rows of their own (a wrapped paragraph's lines are closer)
_ALIGN = 0.25         # … how alike text must sit in each row to be one cell a row


@dataclass
class _Seg:
    horizontal: bool
    pos: float            # y of a horizontal stroke, x of a vertical one
    lo: float
    hi: float


def _strokes(obj, segs: list[_Seg]) -> None:
    """The straight horizontal and vertical strokes of a drawn path (lines, boxes, thin bars)."""
    from pdfminer.layout import LTRect

    w, h = obj.x1 - obj.x0, obj.y1 - obj.y0
    if isinstance(obj, LTRect) or (len(obj.pts) in (4, 5) and obj.fill and not obj.stroke):
        if w <= _THIN and h <= _THIN:
            return
        if h <= _THIN:
            segs.append(_Seg(True, (obj.y0 + obj.y1) / 2, obj.x0, obj.x1))
            return
        if w <= _THIN:
            segs.append(_Seg(False, (obj.x0 + obj.x1) / 2, obj.y0, obj.y1))
            return
        if not obj.stroke:
            return        # a shaded area, not a border
        segs.extend([_Seg(True, obj.y0, obj.x0, obj.x1), _Seg(True, obj.y1, obj.x0, obj.x1),
                     _Seg(False, obj.x0, obj.y0, obj.y1), _Seg(False, obj.x1, obj.y0, obj.y1)])
        return
    if not obj.stroke and not obj.fill:
        return
    pts = list(obj.pts)
    for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
        if abs(y0 - y1) <= 0.5 and abs(x1 - x0) > 1:
            segs.append(_Seg(True, (y0 + y1) / 2, min(x0, x1), max(x0, x1)))
        elif abs(x0 - x1) <= 0.5 and abs(y1 - y0) > 1:
            segs.append(_Seg(False, (x0 + x1) / 2, min(y0, y1), max(y0, y1)))


def _merge(segs: list[_Seg]) -> list[_Seg]:
    """Collinear strokes (a double border, a row's segments cell by cell) → one ruling line each."""
    out: list[_Seg] = []
    for s in sorted(segs, key=lambda s: (s.pos, s.lo)):
        same = [o for o in out[-8:] if abs(o.pos - s.pos) <= _TOL and s.lo <= o.hi + _TOL and s.hi >= o.lo - _TOL]
        if same:
            o = same[-1]
            o.lo, o.hi = min(o.lo, s.lo), max(o.hi, s.hi)
        else:
            out.append(_Seg(s.horizontal, s.pos, s.lo, s.hi))
    return out


def _cluster(values: list[float]) -> list[float]:
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= _TOL:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(c) / len(c) for c in out]


class _Grid:
    """One drawn table: its column and row boundaries and its (merged) cells."""

    def __init__(self, hs: list[_Seg], vs: list[_Seg]) -> None:
        import bisect

        self._bisect = bisect.bisect_right
        # a ruling line that ends inside the table ends at a column (row) boundary, drawn or not
        self.xs = _cluster([v.pos for v in vs] + [e for h in hs for e in (h.lo, h.hi)])
        ys = _cluster([h.pos for h in hs] + [e for v in vs for e in (v.lo, v.hi)])
        self.ys = ys[::-1]                      # top first
        self._ys_up = ys
        self.rows, self.cols = len(self.ys) - 1, len(self.xs) - 1
        self.hs, self.vs = list(hs), list(vs)
        self._join()

    def _join(self) -> None:
        """Cells: the grid's units joined wherever no border is drawn between them."""
        rows, cols = self.rows, self.cols
        parent = list(range(rows * cols))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for r in range(rows):
            for c in range(cols):
                if c + 1 < cols and not self._drawn_v(r, c + 1):
                    parent[find(r * cols + c + 1)] = find(r * cols + c)
                if r + 1 < rows and not self._drawn_h(r + 1, c):
                    parent[find((r + 1) * cols + c)] = find(r * cols + c)
        self.id = [find(i) for i in range(rows * cols)]
        self.top: dict[int, int] = {}           # a cell's first row
        self.span: dict[int, int] = {}          # … and how many rows it spans
        for i, cell in enumerate(self.id):
            self.top.setdefault(cell, i // cols)
            self.span[cell] = i // cols - self.top[cell] + 1

    def _drawn_v(self, r: int, c: int) -> bool:
        """A border drawn at column boundary ``c`` beside row ``r``."""
        pos, mid = self.xs[c], (self.ys[r] + self.ys[r + 1]) / 2
        return any(abs(s.pos - pos) <= _TOL and s.lo - _TOL <= mid <= s.hi + _TOL for s in self.vs)

    def _drawn_h(self, r: int, c: int) -> bool:
        """A border drawn at row boundary ``r`` above column ``c``."""
        pos, mid = self.ys[r], (self.xs[c] + self.xs[c + 1]) / 2
        return any(abs(s.pos - pos) <= _TOL and s.lo - _TOL <= mid <= s.hi + _TOL for s in self.hs)

    def unit_at(self, ch: _Char) -> int | None:
        """The grid unit (row × column, before merging) the character's centre is in."""
        x = (ch.x0 + ch.x1) / 2
        y = ch.yc
        if not (self.xs[0] < x < self.xs[-1] and self._ys_up[0] < y < self._ys_up[-1]):
            return None
        c = self._bisect(self.xs, x) - 1
        r = len(self._ys_up) - 1 - self._bisect(self._ys_up, y)
        return r * self.cols + c

    def cell_at(self, ch: _Char) -> int | None:
        unit = self.unit_at(ch)
        return None if unit is None else self.id[unit]

    # -- borders not drawn ------------------------------------------------------------------
    #
    # Chromium printing LibreOffice's HTML draws each cell's borders on some sides only: a group
    # label and the labels beside it, a label and its row's numbers, end up in one "merged" cell.
    # Such a cell is split where its text says a border belongs; a real merged cell (a group
    # label wrapped over a few lines in its narrow column) has no such sign and stays whole.

    def infer(self, chars: list[_Char]) -> None:
        """Add the borders the text shows were left out (see the three steps below)."""
        placed = [(ch, u) for ch in chars if (u := self.unit_at(ch)) is not None]
        if not placed:
            return
        for _round in range(4):     # a split can make another cell rectangular, or one row high
            changed = False
            for step in (self._columns, self._bands, self._extend):
                if step(placed):
                    self._join()
                    changed = True
            if not changed:
                break

    def _cells(self, placed: list[tuple[_Char, int]]) -> list[tuple[list[int], list[tuple[_Char, int]]]]:
        """Every cell of more than one unit, with its characters."""
        units: dict[int, list[int]] = {}
        for u, cell in enumerate(self.id):
            units.setdefault(cell, []).append(u)
        chars: dict[int, list[tuple[_Char, int]]] = {}
        for ch, u in placed:
            chars.setdefault(self.id[u], []).append((ch, u))
        return [(us, chars.get(cell, [])) for cell, us in units.items() if len(us) > 1]

    def _rect(self, units: list[int]) -> tuple[int, int, int, int] | None:
        rs = [u // self.cols for u in units]
        cs = [u % self.cols for u in units]
        r0, r1, c0, c1 = min(rs), max(rs) + 1, min(cs), max(cs) + 1
        return (r0, r1, c0, c1) if (r1 - r0) * (c1 - c0) == len(units) else None

    def _columns(self, placed: list[tuple[_Char, int]]) -> bool:
        """1. A column boundary of the grid that runs through a merged cell without touching its
        text, with text on both sides, is a border where the cell is one row high, or where one
        side is cut into rows (by drawn borders, or by its text lines, one a row) or shares a line
        with the other (``（五）不3.要求提供公开出版物``)."""
        added = False
        cols = self.cols
        for units, mine in self._cells(placed):
            inside = set(units)
            for c in sorted({u % cols for u in units if u % cols and u - 1 in inside}):
                rows = [r for r in range(self.rows) if r * cols + c in inside and r * cols + c - 1 in inside]
                across = {u for u in units if u // cols in rows}
                left = [ch for ch, u in mine if u in across and u % cols < c]
                right = [ch for ch, u in mine if u in across and u % cols >= c]
                shared = _clean_cut(left, right, self.xs[c])
                if shared is None:
                    continue
                if len(rows) > 1 and not shared and not (
                        self._in_rows(left, {u for u in across if u % cols < c}, rows)
                        or self._in_rows(right, {u for u in across if u % cols >= c}, rows)):
                    continue
                self.vs.extend(self._virtual_v(c, r) for r in rows)
                added = True
        return added

    def _in_rows(self, chars: list[_Char], part: set[int], rows: list[int]) -> bool:
        """One side of a merged cell is cut into rows: a border drawn between two of its units,
        or its text one block a row."""
        cols = self.cols
        return any(u + cols in part and self._drawn_h(u // cols + 1, u % cols) for u in part) or \
            self._banded(chars, rows)

    def _virtual_v(self, c: int, r: int) -> _Seg:
        """A border not drawn at column boundary ``c`` beside row ``r`` (and no other row)."""
        return _Seg(False, self.xs[c], self.ys[r + 1] + _TOL, self.ys[r] - _TOL)

    def _virtual_h(self, r: int, c0: int, c1: int) -> _Seg:
        """A border not drawn at row boundary ``r`` above columns ``c0``..``c1 - 1``."""
        return _Seg(True, self.ys[r], self.xs[c0] + _TOL, self.xs[c1] - _TOL)

    def _bands(self, placed: list[tuple[_Char, int]]) -> bool:
        """2. A merged cell whose text lines sit in the grid's rows, one block a row and aligned
        alike in each, is that many cells (labels stacked with no border between them)."""
        added = False
        for units, mine in self._cells(placed):
            rect = self._rect(units)
            if rect is None or rect[1] - rect[0] < 2:
                continue
            r0, r1, c0, c1 = rect
            if not self._banded([ch for ch, _u in mine], list(range(r0, r1))):
                continue
            self.hs.extend(self._virtual_h(r, c0, c1) for r in range(r0 + 1, r1))
            added = True
        return added

    def _banded(self, chars: list[_Char], rows: list[int]) -> bool:
        """Each of ``rows`` (consecutive) holds a block of these lines, the same way up in each:
        stacked cells' text. A label wrapped over the rows of its merged cell is a paragraph:
        its lines as close as lines go, or spread by its own line pitch, not by the rows."""
        if not chars or rows != list(range(rows[0], rows[-1] + 1)):
            return False
        r0, r1 = rows[0], rows[-1] + 1
        size = max(ch.size for ch in chars)
        blocks: dict[int, list[float]] = {}
        for seq in _lines(chars):
            line = [ch for ch in seq if ch is not None]
            top = max(ch.yc + ch.size / 2 for ch in line)
            bottom = min(ch.yc - ch.size / 2 for ch in line)
            r = next((r for r in range(r0, r1)
                      if self.ys[r] + _TOL / 2 >= top and bottom >= self.ys[r + 1] - _TOL / 2), None)
            if r is None:
                return False            # a line across a row boundary: one cell's text
            block = blocks.setdefault(r, [top, bottom])
            block[0], block[1] = max(block[0], top), min(block[1], bottom)
        if len(blocks) != r1 - r0:
            return False                # a row without text: a label centred over its rows
        order = [blocks[r] for r in range(r0, r1)]
        if any(upper[1] - lower[0] < _ROW_GAP * size for upper, lower in zip(order, order[1:])):
            return False                # lines as close as a wrapped paragraph's
        offsets = (
            [self.ys[r] - blocks[r][0] for r in range(r0, r1)],
            [blocks[r][1] - self.ys[r + 1] for r in range(r0, r1)],
            [(blocks[r][0] + blocks[r][1] - self.ys[r] - self.ys[r + 1]) / 2 for r in range(r0, r1)],
        )
        return any(max(o) - min(o) <= _ALIGN * size for o in offsets)

    def _extend(self, placed: list[tuple[_Char, int]]) -> bool:
        """3. A border drawn between two units of one cell (joined round it through units whose
        borders are missing) is carried on through that cell where one side is empty."""
        added = False
        for units, mine in self._cells(placed):
            inside = set(units)
            filled = {u for _ch, u in mine}
            cols = self.cols
            drawn_rows = {u // cols + 1 for u in units
                          if u + cols in inside and self._drawn_h(u // cols + 1, u % cols)}
            drawn_cols = {u % cols + 1 for u in units if u % cols + 1 < cols and u + 1 in inside
                          and self._drawn_v(u // cols, u % cols + 1)}
            for r in sorted(drawn_rows):
                y = self.ys[r]
                if any(abs(ch.yc - y) < (ch.size - _TOL) / 2 for ch, _u in mine):     # text across it
                    continue
                for c in range(cols):
                    above, below = (r - 1) * cols + c, r * cols + c
                    if above in inside and below in inside and not self._drawn_h(r, c) and \
                            not (above in filled and below in filled):
                        self.hs.append(self._virtual_h(r, c, c + 1))
                        added = True
            for c in sorted(drawn_cols):
                x = self.xs[c]
                if any(ch.x0 < x - _TOL / 2 and ch.x1 > x + _TOL / 2 for ch, _u in mine):
                    continue
                for r in range(self.rows):
                    left, right = r * cols + c - 1, r * cols + c
                    if left in inside and right in inside and not self._drawn_v(r, c) and \
                            not (left in filled and right in filled):
                        self.vs.append(self._virtual_v(c, r))
                        added = True
        return added


def _clean_cut(left: list[_Char], right: list[_Char], x: float) -> bool | None:
    """None unless a vertical line at ``x`` parts the two groups of characters, touching
    neither (where both sides share a line, through a gap wider than between two letters);
    else whether some line has text on both sides."""
    if not left or not right:
        return None
    if any(ch.x1 > x + _TOL / 2 for ch in left) or any(ch.x0 < x - _TOL / 2 for ch in right):
        return None
    shared = False
    for seq in _lines(left + right):
        line = [ch for ch in seq if ch is not None]
        before = [ch.x1 for ch in line if (ch.x0 + ch.x1) / 2 < x]
        after = [ch.x0 for ch in line if (ch.x0 + ch.x1) / 2 >= x]
        if before and after:
            if min(after) - max(before) < _SPLIT_GAP * max(ch.size for ch in line):
                return None
            shared = True
    return shared


def _grids(segs: list[_Seg]) -> list[_Grid]:
    """The tables drawn on a page: ruling lines that cross or touch, at least two columns wide."""
    hs = _merge([s for s in segs if s.horizontal])
    vs = _merge([s for s in segs if not s.horizontal])
    if not hs or not vs:
        return []
    lines = hs + vs
    parent = list(range(len(lines)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(hs):
        for j, v in enumerate(vs):
            if h.lo - _TOL <= v.pos <= h.hi + _TOL and v.lo - _TOL <= h.pos <= v.hi + _TOL:
                parent[find(len(hs) + j)] = find(i)
    groups: dict[int, list[_Seg]] = {}
    for i, line in enumerate(lines):
        groups.setdefault(find(i), []).append(line)
    grids = []
    for group in groups.values():
        gh = [s for s in group if s.horizontal]
        gv = [s for s in group if not s.horizontal]
        if len(gh) < 2 or len(gv) < 2:
            continue
        grid = _Grid(gh, gv)
        if grid.cols >= 2 and grid.rows >= 1:
            grids.append(grid)
    return grids
