"""Drawn table grids: ruling lines → columns, rows and merged cells; characters → cells.

Every Word, WPS and LibreOffice PDF draws its table borders (pdfminer gives them as
LTLine/LTRect/LTCurve). The ruling lines give the columns, the rows and the merged cells.
Borders a producer left out (Chromium printing LibreOffice's HTML draws many cells' borders on
some sides only) are put back where the text shows them (:meth:`Grid.infer`); a real merged
cell, a group label wrapped in its column, stays whole.
"""

from __future__ import annotations

from gixlint.layout.pdf.chars import _lines
from gixlint.read.pdf import Char, Seg

_TOL = 2.0            # points: strokes this close are one ruling line; a char this far out is outside
_SPLIT_GAP = 0.15     # font sizes: a gap this wide where a column boundary runs is not inside a word
_ROW_GAP = 0.6        # … between text blocks in rows of their own (a wrapped paragraph's lines are closer)
_ALIGN = 0.25         # … how alike text must sit in each row to be one cell a row



def _merge(segs: list[Seg]) -> list[Seg]:
    """Collinear strokes (a double border, a row's segments cell by cell) → one ruling line each."""
    out: list[Seg] = []
    for s in sorted(segs, key=lambda s: (s.pos, s.lo)):
        same = [o for o in out[-8:] if abs(o.pos - s.pos) <= _TOL and s.lo <= o.hi + _TOL and s.hi >= o.lo - _TOL]
        if same:
            o = same[-1]
            o.lo, o.hi = min(o.lo, s.lo), max(o.hi, s.hi)
        else:
            out.append(Seg(s.horizontal, s.pos, s.lo, s.hi))
    return out


def _cluster(values: list[float]) -> list[float]:
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= _TOL:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(c) / len(c) for c in out]


class Grid:
    """One drawn table: its column and row boundaries and its (merged) cells."""

    def __init__(self, hs: list[Seg], vs: list[Seg]) -> None:
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

        # each boundary's strokes, found once: _drawn_v and _drawn_h ask every stroke of the grid
        # for every unit (the same test: the stroke at the boundary, reaching the unit's middle)
        at_x = [[s for s in self.vs if abs(s.pos - x) <= _TOL] for x in self.xs]
        at_y = [[s for s in self.hs if abs(s.pos - y) <= _TOL] for y in self.ys]
        for r in range(rows):
            mid_y = (self.ys[r] + self.ys[r + 1]) / 2
            for c in range(cols):
                if c + 1 < cols and not _reaches(at_x[c + 1], mid_y):
                    parent[find(r * cols + c + 1)] = find(r * cols + c)
                if r + 1 < rows and not _reaches(at_y[r + 1], (self.xs[c] + self.xs[c + 1]) / 2):
                    parent[find((r + 1) * cols + c)] = find(r * cols + c)
        self.id = [find(i) for i in range(rows * cols)]
        self._merged: list | None = None         # _cells, worked out again for these cells
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

    def unit_at(self, ch: Char) -> int | None:
        """The grid unit (row × column, before merging) the character's centre is in."""
        x = (ch.x0 + ch.x1) / 2
        y = ch.yc
        if not (self.xs[0] < x < self.xs[-1] and self._ys_up[0] < y < self._ys_up[-1]):
            return None
        c = self._bisect(self.xs, x) - 1
        r = len(self._ys_up) - 1 - self._bisect(self._ys_up, y)
        return r * self.cols + c

    def cell_at(self, ch: Char) -> int | None:
        unit = self.unit_at(ch)
        return None if unit is None else self.id[unit]

    # -- borders not drawn ------------------------------------------------------------------
    #
    # Chromium printing LibreOffice's HTML draws each cell's borders on some sides only: a group
    # label and the labels beside it, a label and its row's numbers, end up in one "merged" cell.
    # Such a cell is split where its text says a border belongs; a real merged cell (a group
    # label wrapped over a few lines in its narrow column) has no such sign and stays whole.

    def units(self, chars: list[Char]) -> list[int | None]:
        """Each character's unit (:meth:`unit_at`): fixed while the grid lives, since borders
        added later join or part cells, never move a column or row boundary."""
        return [self.unit_at(ch) for ch in chars]

    def infer(self, chars: list[Char], units: list[int | None] | None = None) -> None:
        """Add the borders the text shows were left out (see the three steps below).
        ``units``: the characters' :meth:`units`, where the caller has them."""
        if units is None:
            units = self.units(chars)
        placed = [(ch, u) for ch, u in zip(chars, units) if u is not None]
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

    def _cells(self, placed: list[tuple[Char, int]]) -> list[tuple[list[int], list[tuple[Char, int]]]]:
        """Every cell of more than one unit, with its characters; kept until the cells change
        (the three steps of a round that adds no border ask for the same)."""
        if self._merged is None or self._merged[0] is not placed:
            self._merged = (placed, self._find_cells(placed))
        return self._merged[1]

    def _find_cells(self, placed: list[tuple[Char, int]]) -> list[tuple[list[int], list[tuple[Char, int]]]]:
        units: dict[int, list[int]] = {}
        for u, cell in enumerate(self.id):
            units.setdefault(cell, []).append(u)
        chars: dict[int, list[tuple[Char, int]]] = {}
        for ch, u in placed:
            chars.setdefault(self.id[u], []).append((ch, u))
        return [(us, chars.get(cell, [])) for cell, us in units.items() if len(us) > 1]

    def _rect(self, units: list[int]) -> tuple[int, int, int, int] | None:
        rs = [u // self.cols for u in units]
        cs = [u % self.cols for u in units]
        r0, r1, c0, c1 = min(rs), max(rs) + 1, min(cs), max(cs) + 1
        return (r0, r1, c0, c1) if (r1 - r0) * (c1 - c0) == len(units) else None

    def _columns(self, placed: list[tuple[Char, int]]) -> bool:
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

    def _in_rows(self, chars: list[Char], part: set[int], rows: list[int]) -> bool:
        """One side of a merged cell is cut into rows: a border drawn between two of its units,
        or its text one block a row."""
        cols = self.cols
        return any(u + cols in part and self._drawn_h(u // cols + 1, u % cols) for u in part) or \
            self._banded(chars, rows)

    def _virtual_v(self, c: int, r: int) -> Seg:
        """A border not drawn at column boundary ``c`` beside row ``r`` (and no other row)."""
        return Seg(False, self.xs[c], self.ys[r + 1] + _TOL, self.ys[r] - _TOL)

    def _virtual_h(self, r: int, c0: int, c1: int) -> Seg:
        """A border not drawn at row boundary ``r`` above columns ``c0``..``c1 - 1``."""
        return Seg(True, self.ys[r], self.xs[c0] + _TOL, self.xs[c1] - _TOL)

    def _bands(self, placed: list[tuple[Char, int]]) -> bool:
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

    def _banded(self, chars: list[Char], rows: list[int]) -> bool:
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

    def _extend(self, placed: list[tuple[Char, int]]) -> bool:
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


def _reaches(strokes: list[Seg], mid: float) -> bool:
    """One of a boundary's strokes reaches ``mid`` (as :meth:`Grid._drawn_v` tests it)."""
    return any(s.lo - _TOL <= mid <= s.hi + _TOL for s in strokes)


def _clean_cut(left: list[Char], right: list[Char], x: float) -> bool | None:
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


def find_grids(segs: list[Seg]) -> list[Grid]:
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
    groups: dict[int, list[Seg]] = {}
    for i, line in enumerate(lines):
        groups.setdefault(find(i), []).append(line)
    grids = []
    for group in groups.values():
        gh = [s for s in group if s.horizontal]
        gv = [s for s in group if not s.horizontal]
        if len(gh) < 2 or len(gv) < 2:
            continue
        grid = Grid(gh, gv)
        if grid.cols >= 2 and grid.rows >= 1:
            grids.append(grid)
    return grids
