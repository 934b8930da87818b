"""A PDF's characters → numbered lines of words, with each drawn table's rows as one line each.

The rows are then read by :mod:`gixlint.layout.rows`, the same row layout as pdftotext text:
characters grouped into lines by baseline, a wide gap is a cell boundary, page numbers (``-3-``)
become PAGE items, headers repeated at the top of a page are dropped, wrapped labels and group
labels printed in the middle of their rows are joined.

Tables whose borders are drawn are read by their grid (:mod:`gixlint.layout.pdf.grid`): each
character goes to the cell its centre is in, a cell's lines are joined in reading order into one
word, and a table row becomes one line (a group label in a merged column, spanning more rows
than the row beside it, gets a line of its own just before the row). So a label wrapped inside
its cell, numbers centred or top-aligned beside it, or a group label printed a character a line
cannot drift into the wrong row. A row broken over a page is two lines, joined by the row
layout like a wrapped label. Where the grid does not separate the cells (numbers after a wide
gap, or one number a line, inside one cell) that table is left to the text heuristics; a cell
holding a long paragraph (a layout table) is read as text lines.

Item.line is the line's number in the document rebuilt this way (counting over all pages),
Item.page the page number and Item.source ``第 N 页``.
"""

from __future__ import annotations

from dataclasses import dataclass

from gixlint.layout.pdf.chars import _lines, _words
from gixlint.layout.pdf.grid import Grid, find_grids
from gixlint.layout.rows.assemble import assemble
from gixlint.layout.rows.merged import check_rows
from gixlint.layout.rows.words import Line, Word, is_value_token, join_words
from gixlint.read.document import Layout
from gixlint.read.pdf import Char, PdfPages, Seg

_PROSE_CELL = 120     # a cell holding more text than this is a paragraph (a layout table)
_EPS = 0.01


def lay_out(pdf: PdfPages) -> Layout:
    """The document's items: text lines and table rows, through the row layout."""
    lines = _layout_lines([_page_lines(chars, segs) for chars, segs in pdf.pages])
    problems: list = []
    items = check_rows(assemble(lines), problems)
    return Layout(items=items, variant="pdf", encoding="utf-8", line_count=len(lines), problems=problems)


@dataclass
class _Row:
    """A table row rebuilt from the grid: one word per cell (its text in reading order)."""

    y: float
    words: list[Word]


def _page_lines(chars: list[Char | None], segs: list[Seg]) -> list[list[Char | None] | _Row]:
    """A page's lines top to bottom: text lines, and one :class:`_Row` per row of a drawn table."""
    grids = find_grids(segs)
    if not grids:
        return _lines(chars)
    glyphs = [c for c in chars if c is not None]
    units = [grid.units(glyphs) for grid in grids]      # each glyph's unit in each grid, found once
    for grid, placed in zip(grids, units):
        grid.infer(glyphs, placed)
    free, buckets = _by_cell(chars, grids, units)
    tables: list[tuple[Grid, dict[int, list[list[Word]]], dict[int, list[list[Char | None]]]]] = []
    for g, grid in enumerate(grids):
        texts: dict[int, list[list[Word]]] = {}
        seqs: dict[int, list[list[Char | None]]] = {}
        for (gg, cell), bucket in buckets.items():
            if gg == g:
                seqs[cell] = [seq for seq in _lines(bucket) if seq and seq[0] is not None]
                texts[cell] = [_words(seq) for seq in seqs[cell]]
        if any(_several_cells(lines) for lines in texts.values()):
            # borders missing between some rows or columns: the text heuristics read this table
            free.extend(c for (gg, _cell), bucket in buckets.items() if gg == g for c in bucket)
            continue
        tables.append((grid, texts, seqs))
    placed: list[tuple[float, int, list[Char | None] | _Row]] = [
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


def _by_cell(chars: list[Char | None], grids: list[Grid], units: list[list[int | None]]
             ) -> tuple[list[Char | None], dict[tuple[int, int], list[Char | None]]]:
    """The characters outside every grid, and those in each (grid, cell) — the first grid's cell
    that holds it (:meth:`Grid.cell_at`), worked out from ``units``, the glyphs' units in each
    grid. A space goes with the character before it."""
    free: list[Char | None] = []
    buckets: dict[tuple[int, int], list[Char | None]] = {}
    target: list[Char | None] | None = None
    k = -1                  # the glyph's index in ``units``' lists
    for c in chars:
        if c is None:
            if target is not None:
                target.append(None)
            continue
        k += 1
        target = free
        for g, grid in enumerate(grids):
            unit = units[g][k]
            if unit is not None:
                target = buckets.setdefault((g, grid.id[unit]), [])
                break
        target.append(c)
    return free, buckets


def _several_cells(lines: list[list[Word]]) -> bool:
    """A cell whose text holds several cells' values: numbers after a wide gap, or a number on
    each of several lines (a table whose inner borders are not all drawn)."""
    if any(w.gap and is_value_token(w.text) for line in lines for w in line[1:]):
        return True
    return len(lines) > 1 and sum(1 for line in lines if len(line) == 1 and is_value_token(line[0].text)) > 1


def _has_prose_marks(text: str) -> bool:
    """A comma or full stop of running text (the line's text is joined once, not once a mark)."""
    return "，" in text or "。" in text


def _layout_lines(pages: list[list[list[Char | None] | _Row]]) -> list[Line]:
    """Number the lines over the whole document; mark indented and full-width prose lines."""
    out: list[Line] = []
    for page_number, page in enumerate(pages, start=1):
        lines: list[tuple[Line, float | None]] = []
        source = f"第 {page_number} 页"
        for seq in page:
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
                 if len(line.words) and not any(w.gap for w in line.words[1:]) and _has_prose_marks(line.text)]
        right = max(prose) if prose else max(line.words[-1].x1 for line in text)
        for line, size in lines:
            line.number = len(out) + 1
            if size is not None:
                line.indented = line.words[0].x0 > left + size
                line.full = line.words[-1].x1 >= right - 1.5 * size
            out.append(line)
    return out

